"""Compiling one contracting process from its releases (OCDS merge) into normalised rows.

The merge is ``ocdsmerge``'s, with the release schema read from the local copy beside this module
(``ocds/release-schema-1.1.5.json``, Apache 2.0, ``ocds/LICENSE``): given a schema dict,
ocdsmerge makes no network request."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import ocdsmerge

SCHEMA_PATH = Path(__file__).parent / "ocds" / "release-schema-1.1.5.json"
OCID_PREFIX = "ocds-ec9k95-"


@lru_cache(maxsize=1)
def merger() -> ocdsmerge.Merger:
    return ocdsmerge.Merger(schema=json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def compile_releases(releases: list[dict]) -> dict:
    """The compiled release (releases already sorted by date, duplicates removed)."""
    return merger().create_compiled_release(releases)


def _cents(value) -> int | None:
    amount = value.get("amount") if isinstance(value, dict) else None
    return round(amount * 100) if isinstance(amount, int | float) else None


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else (str(value) if isinstance(value, int | float) else None)


def rows(compiled: dict, tags: set[str], release_count: int) -> dict[str, list[tuple]]:
    """The rows of ``processes``, ``awards``, ``suppliers`` and ``contracts`` for one process."""
    ocid = compiled["ocid"]
    parties = {p.get("id"): p for p in _list(compiled.get("parties")) if p.get("id") is not None}
    buyer = _dict(compiled.get("buyer"))
    buyer_party = _dict(parties.get(buyer.get("id")))
    municipal = _dict(buyer_party.get("details")).get("municipal")
    tender = _dict(compiled.get("tender"))
    period = _dict(tender.get("tenderPeriod"))
    items = _list(tender.get("items"))
    unspsc = sorted({str(c["id"]) for c in (_dict(i.get("classification")) for i in items)
                     if c.get("id") is not None and str(c.get("scheme", "UNSPSC")).upper() == "UNSPSC"})
    categories = sorted({str(i["id"]) for i in items if i.get("id") is not None})
    notice = next((d["url"] for d in _list(tender.get("documents"))
                   if isinstance(d.get("url"), str) and d["url"].startswith(("https://", "http://"))), None)
    cancelled = "tenderCancellation" in tags or tender.get("status") == "cancelled"
    process = (ocid, ocid[len(OCID_PREFIX):] if ocid.startswith(OCID_PREFIX) else None, compiled.get("date"),
               ",".join(sorted(tags)), _text(buyer.get("id")), _text(buyer.get("name")) or _text(buyer_party.get("name")),
               {"1": 1, "0": 0, 1: 1, 0: 0}.get(municipal), _text(tender.get("title")),
               _text(tender.get("procurementMethod")), _text(tender.get("procurementMethodDetails")),
               _text(tender.get("mainProcurementCategory")), _text(tender.get("status")),
               period.get("startDate"), period.get("endDate"), int(cancelled),
               " ".join(unspsc) or None, " ".join(categories) or None, notice, release_count)
    awards, suppliers, contracts = [], [], []
    for award in _list(compiled.get("awards")):
        award_id = _text(award.get("id"))
        if award_id is None:
            continue
        awards.append((ocid, award_id, award.get("date"), _cents(award.get("value")), _text(award.get("status"))))
        for supplier in _list(award.get("suppliers")):
            party_id = _text(supplier.get("id")) or _text(supplier.get("name"))
            if party_id is None:
                continue
            party = _dict(parties.get(supplier.get("id")))
            suppliers.append((ocid, award_id, party_id, _text(supplier.get("name")) or _text(party.get("name")),
                              supplier_neq(party)))
    for contract in _list(compiled.get("contracts")):
        contract_id = _text(contract.get("id"))
        if contract_id is None:
            continue
        contracts.append((ocid, contract_id, _text(contract.get("awardID")), contract.get("dateSigned"),
                          _dict(contract.get("period")).get("endDate"), _cents(contract.get("value")),
                          _text(contract.get("status"))))
    return {"processes": [process], "awards": awards, "suppliers": _unique(suppliers), "contracts": contracts}


def supplier_neq(party: dict) -> str | None:
    """``details.neq`` (already normalised when read), else ``identifier.id`` when it is 10 digits."""
    neq = _dict(party.get("details")).get("neq")
    if isinstance(neq, str) and neq:
        return neq
    ident = _dict(party.get("identifier")).get("id")
    text = "".join(ch for ch in str(ident) if ch.isdigit()) if isinstance(ident, str | int) else ""
    return text if len(text) == 10 and len(str(ident).strip()) <= 14 else None


def _unique(items: list[tuple]) -> list[tuple]:
    seen: dict[tuple, tuple] = {}
    for row in items:
        seen.setdefault(row[:3], row)
    return list(seen.values())
