"""datapackage.json (Frictionless Data Package) describing every file of /donnees/,
and the records' JSON Schemas copied from data/schemas/ to /donnees/schemas/."""

from __future__ import annotations

from ..files import read_trusted
from ..site import Context, Output
from .common import LICENCE, PUBLISHER, base_url, json_bytes, repo_root
from .tables import TABLES, Table

JSON_FILES = (
    ("entreprises-json", "entreprises.json", "application/json", "Entreprises collectives (JSON)",
     "Les fiches d'entreprises avec leur structure d'origine (listes imbriquées).", "entreprise"),
    ("declarations-json", "declarations.json", "application/json", "Déclarations d'engagement (JSON)",
     "Les déclarations avec leur structure d'origine (cibles et suivis imbriqués).", "declaration"),
    ("entreprises-geojson", "entreprises.geojson", "application/geo+json", "Entreprises géolocalisées",
     "Les entreprises dont la fiche donne des coordonnées, en points GeoJSON (WGS 84).", None),
)


def schema_files(ctx: Context) -> list[tuple[str, bytes]]:
    folder = repo_root(ctx) / "data" / "schemas"
    if not folder.is_dir():
        return []
    # Published as they are: read like every data file (a link is refused, never followed).
    return [(p.name, read_trusted(p)) for p in sorted(folder.glob("*.schema.json"))]


def _table_resource(t: Table) -> dict:
    schema: dict = {
        "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in t.columns],
        "primaryKey": list(t.primary_key),
    }
    if t.foreign_key:
        column, target = t.foreign_key
        schema["foreignKeys"] = [{"fields": [column], "reference": {"resource": target, "fields": ["id"]}}]
    return {
        "name": t.name,
        "type": "table",
        "path": f"{t.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": t.title,
        "description": t.description,
        "schema": schema,
    }


def datapackage(ctx: Context) -> dict:
    schemas = {name for name, _ in schema_files(ctx)}
    resources = [_table_resource(t) for t in TABLES]
    for name, path, mediatype, title, description, record_schema in JSON_FILES:
        res = {"name": name, "type": "file", "path": path, "format": path.rsplit(".", 1)[1],
               "mediatype": mediatype, "encoding": "utf-8", "title": title, "description": description}
        if record_schema and f"{record_schema}.schema.json" in schemas:
            res["description"] += f" Chaque élément suit schemas/{record_schema}.schema.json."
        resources.append(res)
    return {
        "name": "jachete",
        "title": "L'économie sociale, j'achète! — registre ouvert",
        "description": (
            "Entreprises collectives du Québec et déclarations d'engagement des organismes publics et "
            "municipaux à acheter auprès d'elles. Données produites à partir des fiches du dépôt."
        ),
        "homepage": base_url(ctx.settings) + "donnees/",
        "licenses": [LICENCE],
        "contributors": [{"title": PUBLISHER, "role": "publisher"}],
        "resources": resources,
    }


def outputs(ctx: Context) -> list[Output]:
    out = [Output("donnees/datapackage.json", json_bytes(datapackage(ctx)))]
    out.extend(Output(f"donnees/schemas/{name}", content) for name, content in schema_files(ctx))
    return out
