"""``candidats``: SEAO suppliers with an NEQ, not in the registry, whose name marks a cooperative or
non-profit form — a CSV for maintainers to invite. Never published as records."""

from __future__ import annotations

import csv
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from typing import TextIO

# Word-boundary match on the name with accents removed and in lower case.
COLLECTIVE = re.compile(
    r"\b(cooperatives?|coop|co-op|mutuelles?|mutuel|cpe|obnl|osbl|centre de la petite enfance"
    r"|organisme (a|sans) but non lucratif|entreprise d'economie sociale)\b")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("’", "'")


def is_collective(name: str) -> bool:
    return bool(COLLECTIVE.search(fold(name)))


HEADER = ["neq", "nom", "contrats", "montant_adjuge_total", "premiere_date", "derniere_date"]


def candidates(db: sqlite3.Connection, known: set[str]) -> list[list]:
    """One row per candidate NEQ, largest total first. An award shared by several suppliers counts
    in full for each (SEAO gives one amount per award)."""
    names: dict[str, Counter] = defaultdict(Counter)
    totals: dict[str, list] = {}
    rows = db.execute("""
        SELECT s.neq, s.name, a.amount_cents, a.date FROM suppliers s
        JOIN awards a USING (ocid, award_id) JOIN processes p USING (ocid)
        WHERE s.neq IS NOT NULL AND p.cancelled = 0""")
    for neq, name, cents, date in rows:
        if neq in known:
            continue
        names[neq][name or ""] += 1
        entry = totals.setdefault(neq, [0, 0, None, None])
        entry[0] += 1
        entry[1] += cents or 0
        day = (date or "")[:10] or None
        if day:
            entry[2] = min(entry[2] or day, day)
            entry[3] = max(entry[3] or day, day)
    out = []
    for neq, (count, cents, first, last) in totals.items():
        # The most frequent spelling of the name, ties broken alphabetically (deterministic).
        name = min(names[neq].items(), key=lambda item: (-item[1], item[0]))[0]
        if any(is_collective(n) for n in names[neq]):
            out.append([neq, name, count, f"{cents / 100:.2f}", first or "", last or ""])
    out.sort(key=lambda r: (-float(r[3]), r[0]))
    return out


def write_csv(rows: list[list], handle: TextIO) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
