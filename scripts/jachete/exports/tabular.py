"""Open data as CSV (flat, one row per record) and JSON (the records' own nested structure)."""

from __future__ import annotations

import csv
import io

from ..kinds.fields import field_table
from ..model import Declaration, Enterprise
from ..site import Context, Output
from ..spreadsheet import neutralised
from .common import iso, json_lines_bytes, num, page_url
from .tables import TABLES, Table


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def _text_cell(value) -> str:
    if value is None or value is True or value is False:
        return _cell(value)
    # Why: keeps spreadsheets from evaluating a hostile field; documented on /donnees/.
    return neutralised(str(value))


def csv_bytes(table: Table, ctx: Context) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    # One (getter, formatter) pair per column, chosen once rather than per cell.
    columns = [(c.get, _text_cell if c.type == "string" else _cell) for c in table.columns]
    writer.writerows([cell(get(src, ctx)) for get, cell in columns] for src in table.rows(ctx))
    return buf.getvalue().encode("utf-8")


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, (), [], "")}


def champs_json(record, kind: str) -> dict:
    """The exported fields the model keeps in ``champs`` (kinds/<kind>.yml), as the record gives them."""
    return {f.key: record.champs.get(f.key) for f in field_table(kind).extra(type(record)) if f.export}


def enterprise_json(e: Enterprise, ctx: Context) -> dict:
    coop = None
    if e.cooperative:
        coop = {
            "type": e.cooperative.type,
            "sans_ristourne": e.cooperative.sans_ristourne,
            "designee_par_ministre": e.cooperative.designee_par_ministre,
        }
    coords = None
    if e.latitude is not None and e.longitude is not None:
        coords = {"latitude": e.latitude, "longitude": e.longitude}
    return _drop_empty({
        "id": e.id,
        "nom": e.nom,
        "forme_juridique": e.forme_juridique,
        "cooperative": coop,
        "neq": e.neq,
        "region": e.region,
        "mrc": e.mrc,
        "municipalite": e.municipalite,
        "adresse": e.adresse,
        "code_postal": e.code_postal,
        "coordonnees": coords,
        "regions_desservies": list(e.regions_desservies),
        "description": e.description,
        "secteurs": list(e.secteurs),
        "offres": [{"titre": o.titre, "description": o.description, "unspsc": list(o.unspsc)} for o in e.offres],
        "site_web": e.site_web,
        "courriel": e.courriel,
        "telephone": e.telephone,
        "boutique_en_ligne": e.boutique_en_ligne,
        "mise_a_jour": iso(e.mise_a_jour),
        **champs_json(e, "enterprise"),
        "exemple": e.exemple,
        "url": page_url(ctx.settings, f"entreprises/{e.id}/"),
    }) | {"exemple": e.exemple}


def declaration_json(d: Declaration, ctx: Context) -> dict:
    o = d.organisme
    return _drop_empty({
        "id": d.id,
        "organisme": _drop_empty({
            "nom": o.nom, "type": o.type, "site_web": o.site_web, "region": o.region, "code_geo": o.code_geo,
        }),
        "adoptee_le": iso(d.adoptee_le),
        "resolution": d.resolution,
        "signataire": {"nom": d.signataire.nom, "titre": d.signataire.titre},
        "document_signe": d.document_signe,
        "texte": d.texte,
        "cibles": [
            _drop_empty({"description": t.description, "valeur": num(t.valeur), "unite": t.unite,
                         "echeance": iso(t.echeance)})
            for t in d.cibles
        ],
        "suivis": [
            _drop_empty({"annee": s.annee, "nombre_contrats": s.nombre_contrats, "montant": num(s.montant),
                         "note": s.note})
            for s in sorted(d.suivis, key=lambda s: s.annee)
        ],
        **champs_json(d, "declaration"),
        "url": page_url(ctx.settings, f"declarations/{d.id}/"),
    }) | {"exemple": d.exemple}


def outputs(ctx: Context) -> list[Output]:
    out = [Output(f"donnees/{t.name}.csv", csv_bytes(t, ctx)) for t in TABLES]
    out.append(Output("donnees/entreprises.json",
                      json_lines_bytes([enterprise_json(e, ctx) for e in ctx.registry.enterprises])))
    out.append(Output("donnees/declarations.json",
                      json_lines_bytes([declaration_json(d, ctx) for d in ctx.registry.declarations])))
    return out
