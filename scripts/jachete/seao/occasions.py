"""``occasions``: SEAO notices still open on a date whose UNSPSC codes match what registry
enterprises offer (``offres[].unspsc``), written to ``data/seao/occasions.csv``.

Matching level (why): a UNSPSC code has four levels, segment (2 digits), family (4), class (6) and
commodity (8). A registry offer is compared at its class: commodities of one class are the same
trade (``70111703`` and ``70111706`` are two kinds of planting), while a family already mixes
trades (``7011`` holds landscaping and forestry). An offer coded only at its family (``50190000``)
is compared at that family, its own precision; an offer coded only at its segment (``72000000``,
all construction) is too broad to say anything and matches nothing. A notice matches when one of
its codes starts with that prefix: a notice coded more coarsely than the offer does not match.

SEAO's own categories (``S3``, ``C01``…) are written beside each notice but not matched: the
registry records no SEAO category, and their correspondence with UNSPSC is not published.

Region: the buyer's address in SEAO gives ``region`` "QC" (the province), and no postal-code table
is at hand; the region is only given when the buyer is a declaring body of the registry (its
``organisme.region``), else left empty.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

from .match import write_csv
from .registry_links import buyer_key

COLUMNS = ["ocid", "numero_seao", "titre", "acheteur_id", "acheteur", "region", "date_limite", "categorie",
           "categories_seao", "unspsc", "avis", "secteurs", "nombre_entreprises", "entreprises"]
# Why: at Quebec scale thousands of registry enterprises share an UNSPSC class, so a notice names
# only the first ones by id (the count says how many match); the file and its page stay small.
LISTED = 10

QUERY = """
SELECT ocid, seao_number, title, buyer_id, buyer_name, tender_end, category, seao_categories, unspsc, notice_url
FROM processes
WHERE cancelled = 0 AND tender_status IN ('active', 'open') AND tender_end IS NOT NULL
  AND substr(tender_end, 1, 10) >= ?
"""


def offer_prefix(code: str) -> str | None:
    """The prefix a notice code must start with to match this offer code (see the module doc)."""
    if len(code) != 8 or not code.isdigit() or code[2:] == "000000":
        return None
    return code[:4] if code[4:] == "0000" else code[:6]


def occasions(db: sqlite3.Connection, offers, bodies: list[dict], on: str) -> list[list[str]]:
    """Rows of ``occasions.csv``: open notices on ``on`` (AAAA-MM-JJ) matching an offer."""
    by_prefix: dict[str, set[tuple[str, tuple[str, ...]]]] = defaultdict(set)
    for enterprise, sectors, codes in offers:
        for code in codes:
            if prefix := offer_prefix(code):
                by_prefix[prefix].add((enterprise, sectors))
    regions = {}
    for body in bodies:
        for party in body["ids"]:
            regions.setdefault(("id", party), body["region"])
        for name in body["acheteurs"]:
            regions.setdefault(("nom", buyer_key(name)), body["region"])
    rows = []
    for ocid, number, title, buyer_id, buyer, end, category, seao_categories, unspsc, notice in db.execute(QUERY, (on,)):
        found = {hit for code in (unspsc or "").split() for n in (4, 6) for hit in by_prefix.get(code[:n], ())}
        if not found:
            continue
        region = regions.get(("id", buyer_id or "")) or regions.get(("nom", buyer_key(buyer or ""))) or ""
        rows.append([ocid, number or "", title or "", buyer_id or "", buyer or "", region, end[:10], category or "",
                     seao_categories or "", unspsc or "", notice or "",
                     " ".join(sorted({s for _, sectors in found for s in sectors})),
                     str(len({e for e, _ in found})), " ".join(sorted({e for e, _ in found})[:LISTED])])
    rows.sort(key=lambda r: (r[6], r[0]))
    return rows


def write(out: Path, rows: list[list[str]]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "occasions.csv"
    write_csv(path, COLUMNS, rows)
    return path
