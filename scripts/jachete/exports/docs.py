"""The /donnees/ page's generated part: the list of files with their sizes in records,
and each CSV's columns (from the same description that writes the files)."""

from __future__ import annotations

from ..render.env import render
from ..site import Context
from .datapackage import JSON_FILES, schema_files
from .geojson import feature_collection
from .tables import SEP, TABLES, table_rows

TYPE_LABELS = {"string": "texte", "integer": "entier", "number": "nombre", "boolean": "booléen (true/false)",
               "date": "date (AAAA-MM-JJ)"}


def components(ctx: Context) -> dict[str, str]:
    reg = ctx.registry
    counts = {t.name: len(table_rows(t, ctx)) for t in TABLES}
    json_counts = {
        "entreprises.json": len(reg.enterprises),
        "declarations.json": len(reg.declarations),
        "entreprises.geojson": len(feature_collection(ctx)["features"]),
    }
    values = {
        "tables": TABLES,
        "counts": counts,
        "json_files": JSON_FILES,
        "json_counts": json_counts,
        "schemas": [name for name, _ in schema_files(ctx)],
        "type_labels": TYPE_LABELS,
        "sep": SEP.strip(),
        "include_demo": ctx.settings.include_demo,
    }
    return {f"donnees-{name}": render("exports/donnees.html", section=name, **values)
            for name in ("fichiers", "schemas", "champs")}
