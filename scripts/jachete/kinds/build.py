"""The model builders: a validated record's YAML data -> its typed model object.

Only records that passed validation reach these functions (``registry.build``). The fields a
model class does not name are kept in its ``champs``, as the kind's field table lists them.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from ..model import Body, Cooperative, Declaration, Enterprise, FollowUp, Offer, Signatory, Target
from .fields import field_table


def _date(value) -> dt.date:
    return dt.date.fromisoformat(value)


def build_enterprise(d: dict, source_path: str) -> Enterprise:
    coop = d.get("cooperative")
    coords = d.get("coordonnees") or {}
    return Enterprise(
        id=d["id"], nom=d["nom"], forme_juridique=d["forme_juridique"], neq=d["neq"], region=d["region"],
        mrc=d["mrc"], municipalite=d["municipalite"], adresse=d["adresse"], code_postal=d["code_postal"],
        description=d["description"].strip(), secteurs=tuple(d["secteurs"]),
        offres=tuple(Offer(o["titre"], o["description"].strip(), tuple(o["unspsc"])) for o in d["offres"]),
        mise_a_jour=_date(d["mise_a_jour"]), source_path=source_path,
        cooperative=Cooperative(coop["type"], coop["sans_ristourne"], coop.get("designee_par_ministre", False))
        if coop else None,
        latitude=coords.get("latitude"), longitude=coords.get("longitude"),
        regions_desservies=tuple(d.get("regions_desservies", ())), site_web=d.get("site_web"),
        courriel=d.get("courriel"), telephone=d.get("telephone"), boutique_en_ligne=d.get("boutique_en_ligne"),
        exemple=d.get("exemple", False), champs=_champs(d, "enterprise", Enterprise),
    )


def build_declaration(d: dict, source_path: str) -> Declaration:
    o, s = d["organisme"], d["signataire"]
    return Declaration(
        id=d["id"],
        organisme=Body(o["nom"], o["type"], o["site_web"], o["region"], o.get("code_geo")),
        adoptee_le=_date(d["adoptee_le"]), resolution=d["resolution"], signataire=Signatory(s["nom"], s["titre"]),
        document_signe=d["document_signe"], source_path=source_path,
        texte=d["texte"].strip() if d.get("texte") else None,
        cibles=tuple(Target(c["description"], c.get("valeur"), c.get("unite"),
                            _date(c["echeance"]) if c.get("echeance") else None) for c in d.get("cibles", ())),
        suivis=tuple(FollowUp(s["annee"], s.get("nombre_contrats"), s.get("montant"), s.get("note"))
                     for s in d.get("suivis", ())),
        exemple=d.get("exemple", False), champs=_champs(d, "declaration", Declaration),
    )


def _champs(d: dict, kind: str, cls: type) -> MappingProxyType:
    """The record's fields its model class does not name (kinds/<kind>.yml), by key."""
    return MappingProxyType({f.key: d[f.key] for f in field_table(kind).extra(cls) if f.key in d})
