"""``check FILE``: the shape of one real package, to confirm SEAO.md's description on a first file.

Counts releases, tags, party roles, the share of suppliers carrying an NEQ (``details.neq`` or an
``identifier.id`` of 10 digits), and every field path not in the shape SEAO.md describes (array
indices folded to ``[]``), with how often it occurs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .compile import supplier_neq
from .reader import PackageError, read
from .sanitise import check as check_release

# The shape described in SEAO.md §2 (and what the ingester reads): anything else is listed.
KNOWN = set("""
ocid id date tag initiationType language
parties parties[] parties[].id parties[].name parties[].roles parties[].roles[] parties[].address
parties[].address.streetAddress parties[].address.locality parties[].address.region
parties[].address.postalCode parties[].address.countryName parties[].details parties[].details.neq
parties[].details.municipal parties[].identifier parties[].identifier.id parties[].identifier.scheme
parties[].identifier.legalName
buyer buyer.id buyer.name
tender tender.id tender.title tender.description tender.status tender.procurementMethod
tender.procurementMethodDetails tender.mainProcurementCategory tender.tenderPeriod
tender.tenderPeriod.startDate tender.tenderPeriod.endDate tender.numberOfTenderers tender.value
tender.value.amount tender.value.currency tender.items tender.items[] tender.items[].id
tender.items[].description tender.items[].classification tender.items[].classification.scheme
tender.items[].classification.id tender.items[].classification.description tender.documents tender.documents[]
tender.documents[].id tender.documents[].url tender.documents[].documentType tender.documents[].title
awards awards[] awards[].id awards[].date awards[].status awards[].value awards[].value.amount
awards[].value.currency awards[].suppliers awards[].suppliers[] awards[].suppliers[].id
awards[].suppliers[].name awards[].contractPeriod awards[].contractPeriod.startDate
awards[].contractPeriod.endDate
contracts contracts[] contracts[].id contracts[].awardID contracts[].dateSigned contracts[].status
contracts[].value contracts[].value.amount contracts[].value.currency contracts[].period
contracts[].period.startDate contracts[].period.endDate
""".split())  # noqa: SIM905 (a word list reads better as text)


_KIND = {float: "nombre", int: "nombre", str: "texte", type(None): "absent"}


@dataclass
class Shape:
    releases: int = 0
    tags: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    suppliers: int = 0
    suppliers_with_neq: int = 0
    municipal: Counter = field(default_factory=Counter)
    amount_types: Counter = field(default_factory=Counter)
    unknown: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    error: str | None = None


def _paths(value, prefix: str, out: Counter) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            if path not in KNOWN:
                out[path] += 1
                continue  # one line per unknown branch, not one per leaf under it
            _paths(item, path, out)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                _paths(item, prefix + "[]", out)


def summarise(path: Path) -> Shape:
    shape = Shape()
    try:
        for _, release in read(path):
            shape.releases += 1
            if not isinstance(release, dict):
                shape.skipped["pas un objet"] += 1
                continue
            _paths(release, "", shape.unknown)
            for award in release.get("awards") or []:
                amount = (award.get("value") or {}).get("amount") if isinstance(award, dict) else None
                shape.amount_types[_KIND.get(type(amount), "autre")] += 1
            skip = check_release(release).skip
            if skip:
                shape.skipped[skip] += 1
            for tag in release.get("tag") or []:
                shape.tags[str(tag)] += 1
            for party in release.get("parties") or []:
                if not isinstance(party, dict):
                    continue
                roles = party.get("roles") or []
                for role in roles:
                    shape.roles[str(role)] += 1
                if "supplier" in roles:
                    shape.suppliers += 1
                    shape.suppliers_with_neq += supplier_neq(party) is not None
                if "buyer" in roles:
                    shape.municipal[repr((party.get("details") or {}).get("municipal"))] += 1
    except PackageError as exc:
        shape.error = str(exc)
    return shape


def report_lines(path: Path, shape: Shape) -> list[str]:
    def counts(counter: Counter) -> str:
        return ", ".join(f"{k} : {n}" for k, n in counter.most_common()) or "aucun"

    share = f"{100 * shape.suppliers_with_neq / shape.suppliers:.1f}".replace(".", ",") + "\u00a0%" if shape.suppliers else "sans objet"
    lines = [f"Fichier : {path.name}"]
    if shape.error:
        lines.append(f"ERREUR : {shape.error}")
    lines += [
        f"Publications : {shape.releases}",
        f"Étiquettes (tag) : {counts(shape.tags)}",
        f"Rôles des parties : {counts(shape.roles)}",
        f"Fournisseurs avec NEQ : {shape.suppliers_with_neq} sur {shape.suppliers} ({share})",
        f"Indicateur municipal des acheteurs (details.municipal) : {counts(shape.municipal)}",
        f"Type des montants adjugés (awards[].value.amount) : {counts(shape.amount_types)}",
        f"Publications illisibles : {counts(shape.skipped)}",
        "Champs inconnus (absents de la forme décrite ; occurrences) :",
    ]
    lines += [f"  {p} : {n}" for p, n in sorted(shape.unknown.items())] or ["  aucun"]
    return lines
