"""The local SEAO store: one SQLite file in the cache folder.

Why SQLite rather than DuckDB: it ships with Python (no 40 MB extra wheel), and ingest is a stream
of small transactional writes (one transaction per file, replacing one process's rows at a time),
which is SQLite's strength; the derived figures are a few GROUP BY over some 100,000 rows, which
SQLite answers in well under a second.

Tables: ``files`` (what was ingested, with its SHA-256), ``releases`` (each release as read and
cleaned, kept to recompile a process when a later file revises it), ``dirty`` (processes to
recompile, written in the same transaction as their releases so an interrupted run resumes), and
the normalised ``processes``, ``awards``, ``suppliers`` (one row per supplier of an award) and
``contracts``. Amounts are integer cents, so sums are exact.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
  name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, releases INTEGER NOT NULL,
  ingested_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS releases (
  file TEXT NOT NULL, idx INTEGER NOT NULL, ocid TEXT NOT NULL, release_id TEXT NOT NULL,
  date TEXT NOT NULL, tags TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (file, idx));
CREATE INDEX IF NOT EXISTS releases_ocid ON releases (ocid, release_id);
CREATE TABLE IF NOT EXISTS dirty (ocid TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS processes (
  ocid TEXT PRIMARY KEY, seao_number TEXT, date TEXT, tags TEXT,
  buyer_id TEXT, buyer_name TEXT, buyer_municipal INTEGER,
  title TEXT, procurement_method TEXT, procurement_method_details TEXT, category TEXT,
  tender_status TEXT, tender_start TEXT, tender_end TEXT, cancelled INTEGER NOT NULL,
  unspsc TEXT, seao_categories TEXT, notice_url TEXT, releases INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS awards (
  ocid TEXT NOT NULL, award_id TEXT NOT NULL, date TEXT, amount_cents INTEGER, status TEXT,
  PRIMARY KEY (ocid, award_id));
CREATE TABLE IF NOT EXISTS suppliers (
  ocid TEXT NOT NULL, award_id TEXT NOT NULL, party_id TEXT NOT NULL, name TEXT, neq TEXT,
  PRIMARY KEY (ocid, award_id, party_id));
CREATE INDEX IF NOT EXISTS suppliers_neq ON suppliers (neq);
CREATE TABLE IF NOT EXISTS contracts (
  ocid TEXT NOT NULL, contract_id TEXT NOT NULL, award_id TEXT, date_signed TEXT, end_date TEXT,
  amount_cents INTEGER, status TEXT, PRIMARY KEY (ocid, contract_id));
"""

NORMALISED = ("processes", "awards", "suppliers", "contracts")


def connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)  # explicit BEGIN/COMMIT: one per file
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA cache_size=-32768")  # 32 MB page cache
    db.executescript(SCHEMA)
    return db


def count(db: sqlite3.Connection, table: str) -> int:
    assert table in (*NORMALISED, "files", "releases", "dirty")
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
