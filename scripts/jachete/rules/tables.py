"""The rule tables of the guides, generated from the rules file at build time.

Every cell of the "which procedure" tables is computed by running the rule engine
(``engine.resolve``) at the amount breakpoints of the day: the guide tables and the
finder therefore cannot disagree, whatever the data says.
"""

from __future__ import annotations

import datetime as dt

from .. import fmt
from ..render.env import render
from . import engine

STATUS_LABELS = {
    "confirme": "Confirmé",
    "derive": "Déduit des sources, à confirmer",
    "non_confirme": "Non confirmé, à confirmer",
}


class Lookup:
    """Labels and entries of the rules data, by id."""

    def __init__(self, data: dict):
        self.data = data
        self.sources = {s["id"]: s for s in data["sources"]}
        self.procedures = {p["id"]: p for p in data["procedures"]}
        self.fournisseurs = {f["id"]: f for f in data["fournisseurs"]}
        self.contrats = {c["id"]: c for c in data["contrats"]}
        self.regimes = {r["id"]: r for r in data["regimes"]}
        self.series = {s["id"]: s for s in data["seuils"]}
        self.regles = {r["id"]: r for r in data["regles"]}
        self.remarques = {r["id"]: r for r in data.get("remarques", [])}


def date_fr(iso: str | None) -> str:
    return fmt.date_fr(dt.date.fromisoformat(iso)) if iso else ""


def _breakpoints(data: dict, buyer: dict, contrat: str, date: str) -> list[float]:
    """Amounts at which an answer may change: 0 and every threshold in force at ``date``."""
    points = {0.0}
    names = {rule.get(k) for rule in data["regles"] for k in ("a_partir_de", "moins_de")} - {None}
    for name in names:
        serie = buyer["seuils"][contrat] if name == engine.APPLICABLE else name
        period = engine.find_period(data, serie, date)
        if period is not None:
            points.add(float(period["montant"]))
    return sorted(points)


def bands(data: dict, buyer: dict, fournisseur: str, contrat: str, date: str) -> list[dict]:
    """Consecutive amount ranges with the same answer, each with the engine's answer."""
    points = _breakpoints(data, buyer, contrat, date)
    result: list[dict] = []
    for i, low in enumerate(points):
        answer = engine.resolve(data, engine.Query(buyer["id"], fournisseur, contrat, low, date))
        high = points[i + 1] if i + 1 < len(points) else None
        if result and result[-1]["answer"].get("regle") == answer.get("regle") and answer["statut"] == "ok":
            result[-1]["high"] = high
            continue
        result.append({"low": low, "high": high, "answer": answer})
    return result


def band_label(band: dict) -> str:
    low, high = band["low"], band["high"]
    if high is None:
        return "Tout montant" if low == 0 else f"{fmt.money(low)} et plus"
    if low == 0:
        return f"Moins de {fmt.money(high)}"
    return f"De {fmt.money(low)} à moins de {fmt.money(high)}"


def _worst(*statuses: str) -> str:
    order = ["confirme", "derive", "non_confirme"]
    return max(statuses, key=order.index) if statuses else "confirme"


def _cell(lk: Lookup, band: dict) -> dict:
    answer = band["answer"]
    if answer["statut"] != "ok":
        return {"label": band_label(band), "ok": False, "statut": answer["statut"]}
    rule = lk.regles[answer["regle"]]
    status = _worst(rule["statut"], *[b["statut"] for b in answer["bornes"]])
    return {
        "label": band_label(band),
        "ok": True,
        "rule": rule,
        "procedures": [lk.procedures[p]["libelle"] for p in answer["procedures"]],
        "selon_reglement": [lk.procedures[p]["libelle"] for p in answer["selon_reglement"]],
        "statut": status,
    }


def matrix(data: dict, regime: str, date: str) -> list[dict]:
    """For each buyer of the regime: rows = contract types, columns = supplier types."""
    lk = Lookup(data)
    tables = []
    for buyer in data["acheteurs"]:
        if buyer["regime"] != regime:
            continue
        rows = []
        for contrat in data["contrats"]:
            cells = [[_cell(lk, b) for b in bands(data, buyer, f["id"], contrat["id"], date)]
                     for f in data["fournisseurs"]]
            threshold = engine.find_period(data, buyer["seuils"][contrat["id"]], date)
            rows.append({"contrat": contrat, "cells": cells, "seuil": threshold})
        tables.append({"buyer": buyer, "rows": rows})
    return tables


def _in_coverage(data: dict, date: str) -> bool:
    return data["couverture"]["debut"] <= date <= data["couverture"]["fin"]


def _common(data: dict, today: dt.date) -> dict:
    lk = Lookup(data)
    date = today.isoformat()
    return {"lk": lk, "data": data, "date": date, "date_fr": date_fr, "money": fmt.money,
            "status_labels": STATUS_LABELS, "in_coverage": _in_coverage(data, date)}


def _compact(html: str) -> str:
    # Why: a blank line would end the raw HTML block in the Markdown page that holds the marker.
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_rules(data: dict, regime: str, today: dt.date) -> str:
    common = _common(data, today)
    tables = matrix(data, regime, common["date"]) if common["in_coverage"] else []
    rules = [r for r in data["regles"] if r["regime"] == regime]
    notes = [r for r in data.get("remarques", []) if r["regime"] == regime]

    def bound(name: str) -> str:
        if name == engine.APPLICABLE:
            return "le seuil d'appel d'offres public"
        period = engine.find_period(data, name, common["date"])
        return fmt.money(period["montant"]) if period else common["lk"].series[name]["libelle"]

    return _compact(render("rules/regles.html", regime=common["lk"].regimes[regime], tables=tables,
                           rules=rules, notes=notes, bound=bound, **common))


def render_thresholds(data: dict, today: dt.date) -> str:
    return _compact(render("rules/seuils.html", **_common(data, today)))


def render_sources(data: dict, today: dt.date) -> str:
    return _compact(render("rules/sources.html", **_common(data, today)))


def render_form(data: dict, today: dt.date) -> str:
    return _compact(render("rules/formulaire.html", **_common(data, today)))
