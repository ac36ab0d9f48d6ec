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


def _breakpoints(data: dict, buyer: dict, date: str) -> list[float]:
    """Amounts at which an answer may change for this buyer: 0 and every threshold its rules
    use, in force at ``date``, for any contract type."""
    points = {0.0}
    for rule in data["regles"]:
        if rule["regime"] != buyer["regime"]:
            continue
        for name in (rule.get("a_partir_de"), rule.get("moins_de")):
            if name is None:
                continue
            series = set(buyer["seuils"].values()) if name == engine.APPLICABLE else {name}
            for serie in series:
                period = engine.find_period(data, serie, date)
                if period is not None:
                    points.add(float(period["montant"]))
    return sorted(points)


def band_label(low: float, high: float | None) -> str:
    if high is None:
        return "Tout montant" if low == 0 else f"{fmt.money(low)} et plus"
    if low == 0:
        return f"Moins de {fmt.money(high)}"
    return f"De {fmt.money(low)} à moins de {fmt.money(high)}"


def _worst(*statuses: str) -> str:
    order = ["confirme", "derive", "non_confirme"]
    return max(statuses, key=order.index) if statuses else "confirme"


def _enumerate(words: list[str]) -> str:
    """« Gré à gré, appel d'offres sur invitation ou appel d'offres public »."""
    words = [w if i == 0 else w[:1].lower() + w[1:] for i, w in enumerate(words)]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " ou " + words[-1] if words else ""


def _cell(lk: Lookup, answer: dict) -> dict:
    if answer["statut"] != "ok":
        return {"ok": False, "statut": answer["statut"], "key": (answer["statut"],)}
    rule = lk.regles[answer["regle"]]
    status = _worst(rule["statut"], *[b["statut"] for b in answer["bornes"]])
    return {
        "ok": True,
        "rule": rule,
        "procedures": answer["procedures"],
        "selon_reglement": answer["selon_reglement"],
        "text": _enumerate([lk.procedures[p]["court"] for p in answer["procedures"]]),
        "extra": _enumerate([lk.procedures[p]["court"] for p in answer["selon_reglement"]]).lower(),
        "statut": status,
        "key": (rule["id"], status),
    }


def _labels(chosen: list[str], every: list[dict]) -> str:
    if len(chosen) == len(every):
        return "Tous"
    by_id = {e["id"]: e["libelle"] for e in every}
    return "; ".join(by_id[c] for c in chosen)


def matrix(data: dict, regime: str, date: str) -> list[dict]:
    """For each buyer of the regime, a table: columns are amount bands, rows are groups of
    (suppliers, contracts) that get the same answers. Each cell is the engine's answer at
    the band's lowest amount; the bands hold every threshold, so the answer holds across it."""
    lk = Lookup(data)
    tables = []
    for buyer in data["acheteurs"]:
        if buyer["regime"] != regime:
            continue
        points = _breakpoints(data, buyer, date)
        columns = [{"low": low, "high": points[i + 1] if i + 1 < len(points) else None}
                   for i, low in enumerate(points)]
        for column in columns:
            column["label"] = band_label(column["low"], column["high"])

        def cells(f: str, c: str, buyer=buyer, columns=columns) -> list[dict]:
            return [_cell(lk, engine.resolve(data, engine.Query(buyer["id"], f, c, col["low"], date)))
                    for col in columns]

        # Per supplier, contracts with the same answers share a row; suppliers whose rows are
        # all the same are then merged.
        merged: dict[tuple, tuple[list[str], list[dict]]] = {}
        for f in data["fournisseurs"]:
            groups: dict[tuple, dict] = {}
            for c in data["contrats"]:
                row = cells(f["id"], c["id"])
                key = tuple(cell["key"] for cell in row)
                groups.setdefault(key, {"contrats": [], "cells": row})["contrats"].append(c["id"])
            signature = tuple((tuple(g["contrats"]), k) for k, g in groups.items())
            merged.setdefault(signature, ([], list(groups.values())))[0].append(f["id"])
        rows = [
            {
                "fournisseurs": suppliers,
                "contrats": group["contrats"],
                "fournisseurs_label": _labels(suppliers, data["fournisseurs"]),
                "contrats_label": _labels(group["contrats"], data["contrats"]),
                "cells": group["cells"],
            }
            for suppliers, groups in merged.values()
            for group in groups
        ]
        # One line per threshold series, naming the contract types it applies to.
        thresholds: dict[str, dict] = {}
        for c in data["contrats"]:
            serie = buyer["seuils"][c["id"]]
            entry = thresholds.setdefault(serie, {"period": engine.find_period(data, serie, date), "contrats": []})
            entry["contrats"].append(c["libelle"][:1].lower() + c["libelle"][1:])
        thresholds = list(thresholds.values())
        tables.append({"buyer": buyer, "columns": columns, "rows": rows, "thresholds": thresholds})
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
