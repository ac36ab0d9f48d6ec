"""``match``: SEAO awards joined to registry enterprises by NEQ, and to declaring bodies by the
``seao`` field of their declaration (party ids and exact buyer names; never approximate names).

Writes, one file per year of the award date, deterministic order (reviewable diffs):
- ``contrats-AAAA.csv``: each award of a registry enterprise (one row per award and enterprise);
- ``organismes-AAAA.csv``: per declaring body, its published awards and the part won by registry
  enterprises. Cancelled processes are left out. SEAO holds contracts of 25 000 $ or more mostly:
  these totals are lower bounds.
"""

from __future__ import annotations

import csv
import sqlite3
from collections import defaultdict
from pathlib import Path

from .registry_links import buyer_key

CONTRACTS = ["annee", "date", "ocid", "numero_seao", "attribution", "acheteur_id", "acheteur", "municipal",
             "entreprise", "neq", "fournisseur", "objet", "montant_adjuge", "montant_final", "avis"]
BODIES = ["declaration", "annee", "contrats", "montant_total", "contrats_registre", "montant_registre"]

QUERY = """
SELECT p.ocid, p.seao_number, a.award_id, COALESCE(a.date, p.date), p.buyer_id, p.buyer_name, p.buyer_municipal,
       p.title, a.amount_cents, p.notice_url,
       (SELECT SUM(c.amount_cents) FROM contracts c WHERE c.ocid = a.ocid AND c.award_id = a.award_id)
FROM awards a JOIN processes p USING (ocid) WHERE p.cancelled = 0
"""


def _dollars(cents) -> str:
    return "" if cents is None else f"{cents / 100:.2f}"


def match(db: sqlite3.Connection, neqs: dict[str, str], buyer_ids: dict[str, str],
          buyer_names: dict[str, str]) -> tuple[dict[str, list[list]], dict[str, list[list]]]:
    """(year -> matched contract rows, year -> body rows)."""
    suppliers: dict[tuple, list] = defaultdict(list)
    for ocid, award_id, name, neq in db.execute("SELECT ocid, award_id, name, neq FROM suppliers "
                                                "WHERE neq IS NOT NULL"):
        if neq in neqs:
            suppliers[ocid, award_id].append((neqs[neq], neq, name or ""))
    contracts: dict[str, list[list]] = defaultdict(list)
    bodies: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (ocid, number, award_id, date, buyer_id, buyer_name, municipal, title, cents, notice,
         final) in db.execute(QUERY):
        year = (date or "")[:4]
        if not year.isdigit():
            continue
        body = buyer_ids.get(buyer_id or "") or buyer_names.get(buyer_key(buyer_name or ""))
        won = suppliers.get((ocid, award_id), [])
        if body:
            totals = bodies[body, year]
            totals[0] += 1
            totals[1] += cents or 0
            if won:
                totals[2] += 1
                totals[3] += cents or 0
        for enterprise, neq, name in sorted(won):
            contracts[year].append([year, (date or "")[:10], ocid, number or "", award_id, buyer_id or "",
                                    buyer_name or "", "" if municipal is None else str(municipal), enterprise, neq,
                                    name, title or "", _dollars(cents), _dollars(final), notice or ""])
    for rows in contracts.values():
        rows.sort(key=lambda r: (r[1], r[2], r[4], r[9]))
    body_rows: dict[str, list[list]] = defaultdict(list)
    for (body, year), (n, total, n_reg, reg) in sorted(bodies.items()):
        body_rows[year].append([body, year, n, _dollars(total), n_reg, _dollars(reg)])
    return dict(contracts), dict(body_rows)


def write(out: Path, contracts: dict[str, list[list]], bodies: dict[str, list[list]]) -> list[Path]:
    """Replace the yearly files in ``out`` (a year with nothing left loses its file)."""
    out.mkdir(parents=True, exist_ok=True)
    wanted: dict[Path, tuple[list[str], list[list]]] = {}
    for year, rows in contracts.items():
        wanted[out / f"contrats-{year}.csv"] = (CONTRACTS, rows)
    for year, rows in bodies.items():
        wanted[out / f"organismes-{year}.csv"] = (BODIES, rows)
    for stale in [*out.glob("contrats-*.csv"), *out.glob("organismes-*.csv")]:
        if stale not in wanted:
            stale.unlink()
    for path, (header, rows) in sorted(wanted.items()):
        write_csv(path, header, rows)
    return sorted(wanted)


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    """Write a derived CSV through a temporary file, so a reader never sees half of it."""
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    tmp.replace(path)
