"""Which procedures may a buyer use? The rule engine, reading the rules as exported to JSON.

The same algorithm runs in the browser (content/assets/javascripts/regles.js) on the same
JSON (/regles/regles.json); both are kept to a plain interpreter of the data so that the
decisions stay in data/rules/regles.yml, and one case table checks both.

Algorithm:
1. resolve the buyer id (or one of its aliases) to its entry, hence its regime;
2. refuse a date outside ``couverture``;
3. walk ``regles`` in order; the first rule whose regime, supplier list, contract list,
   optional dates and amount bounds match gives the answer. A bound is a threshold series
   (or ``seuil-applicable``: the buyer's public-tender series for the contract type),
   read at the period containing the date; ``a_partir_de`` is inclusive, ``moins_de``
   exclusive. A bound with no period at that date makes the answer "seuil-inconnu";
4. every ``remarques`` entry whose regime, supplier and contract match is added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

APPLICABLE = "seuil-applicable"


@dataclass(frozen=True)
class Query:
    acheteur: str
    fournisseur: str
    contrat: str
    montant: float
    date: str = ""  # ISO date; empty means today, as in the finder


class _UnknownThreshold(Exception):
    def __init__(self, serie: str):
        super().__init__(serie)
        self.serie = serie


def find_buyer(data: dict, name: str) -> dict | None:
    for buyer in data["acheteurs"]:
        if buyer["id"] == name or name in buyer.get("alias", []):
            return buyer
    return None


def find_period(data: dict, serie_id: str, date: str) -> dict | None:
    """The period of a series that contains ``date`` (ISO strings compare as dates)."""
    for serie in data["seuils"]:
        if serie["id"] != serie_id:
            continue
        for period in serie["periodes"]:
            if period["debut"] <= date and ("fin" not in period or date <= period["fin"]):
                return {"serie": serie_id, **period}
    return None


def _bound(data: dict, buyer: dict, contrat: str, name: str, date: str) -> dict:
    serie_id = buyer["seuils"][contrat] if name == APPLICABLE else name
    period = find_period(data, serie_id, date)
    if period is None:
        raise _UnknownThreshold(serie_id)
    return period


def _matches(rule: dict, regime: str, fournisseur: str, contrat: str) -> bool:
    return rule["regime"] == regime and fournisseur in rule["fournisseurs"] and contrat in rule["contrats"]


def resolve(data: dict, q: Query) -> dict:
    """The answer as a plain dict: the shape the JavaScript finder builds too."""
    if not q.date:
        q = Query(q.acheteur, q.fournisseur, q.contrat, q.montant, dt.date.today().isoformat())
    buyer = find_buyer(data, q.acheteur)
    if buyer is None:
        return {"statut": "invalide", "champ": "acheteur"}
    if q.fournisseur not in {f["id"] for f in data["fournisseurs"]}:
        return {"statut": "invalide", "champ": "fournisseur"}
    if q.contrat not in {c["id"] for c in data["contrats"]}:
        return {"statut": "invalide", "champ": "contrat"}
    if not isinstance(q.montant, (int, float)) or q.montant != q.montant or q.montant < 0:
        return {"statut": "invalide", "champ": "montant"}
    try:
        dt.date.fromisoformat(q.date)
    except (TypeError, ValueError):
        return {"statut": "invalide", "champ": "date"}
    answer: dict = {"acheteur": buyer["id"], "regime": buyer["regime"]}
    cov = data["couverture"]
    if not cov["debut"] <= q.date <= cov["fin"]:
        return {**answer, "statut": "hors-couverture"}
    answer["seuil_applicable"] = find_period(data, buyer["seuils"][q.contrat], q.date)
    answer["remarques"] = [r["id"] for r in data.get("remarques", [])
                           if _matches(r, buyer["regime"], q.fournisseur, q.contrat)]
    for rule in data["regles"]:
        if not _matches(rule, buyer["regime"], q.fournisseur, q.contrat):
            continue
        if ("debut" in rule and q.date < rule["debut"]) or ("fin" in rule and q.date > rule["fin"]):
            continue
        try:
            low = _bound(data, buyer, q.contrat, rule["a_partir_de"], q.date) if "a_partir_de" in rule else None
            high = _bound(data, buyer, q.contrat, rule["moins_de"], q.date) if "moins_de" in rule else None
        except _UnknownThreshold as exc:
            return {**answer, "statut": "seuil-inconnu", "serie": exc.serie}
        if low is not None and q.montant < low["montant"]:
            continue
        if high is not None and q.montant >= high["montant"]:
            continue
        return {
            **answer,
            "statut": "ok",
            "regle": rule["id"],
            "procedures": list(rule["procedures"]),
            "selon_reglement": list(rule.get("selon_reglement", [])),
            "bornes": [b for b in (low, high) if b is not None],
        }
    return {**answer, "statut": "aucune-regle"}
