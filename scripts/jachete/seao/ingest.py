"""``ingest``: SEAO packages into the local store, every release accounted for.

Per file, in one transaction: its releases are checked (``sanitise``), stored, and their processes
marked for recompiling. A file already ingested with the same SHA-256 is not read again; a file
re-published under the same name with other content replaces that file's releases. Then every
marked process is compiled from all its releases (``compile``), in transactions of a few thousand.

Each release read ends in exactly one count: ``compiled`` (part of a compiled process),
``superseded`` (the same release — same ``ocid`` and ``id`` — already read, in another file or
earlier in this one: the first copy counts) or ``skipped`` with its reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import compile as compiler
from .reader import PackageError, read
from .sanitise import check
from .store import NORMALISED

BATCH = 1000


@dataclass
class Report:
    read: int = 0
    compiled: int = 0
    superseded: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    files_read: int = 0
    files_unchanged: int = 0
    files_rejected: int = 0
    files_replaced: int = 0
    processes: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def conserved(self) -> bool:
        return self.read == self.compiled + self.superseded + self.skipped_total


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _where(name: str, index: int, ocid) -> str:
    shown = ocid if isinstance(ocid, str) and ocid else "sans ocid"
    return f"{name} : publication {index} ({shown})"


def ingest(db: sqlite3.Connection, paths: list[Path], workers: int | None = None) -> Report:
    report = Report()
    fresh: Counter = Counter()  # ocid -> releases read in this run and not superseded
    for path in sorted(paths, key=lambda p: p.name):
        _ingest_file(db, path, report, fresh)
    _compile_dirty(db, report, fresh, workers or min(2, os.cpu_count() or 1))
    return report


def _ingest_file(db: sqlite3.Connection, path: Path, report: Report, fresh: Counter) -> None:
    name = path.name
    sha = _sha256(path)
    known = db.execute("SELECT sha256, ingested_at FROM files WHERE name = ?", (name,)).fetchone()
    if known and known[0] == sha:
        report.files_unchanged += 1
        return
    db.execute("BEGIN")
    # Messages of this file are kept only if the file is: a rejected file says one thing, why.
    messages: list[str] = []
    if known:
        # A re-published file: its old releases go, their processes are recompiled.
        db.execute("INSERT OR IGNORE INTO dirty SELECT DISTINCT ocid FROM releases WHERE file = ?", (name,))
        db.execute("DELETE FROM releases WHERE file = ?", (name,))
        messages.append(f"{name} : fichier republié avec un autre contenu, remplace la version lue le "
                               f"{known[1][:10]}")
    counts = Counter()
    local: Counter = Counter()
    skipped: Counter = Counter()
    try:
        for index, release in read(path):
            counts["read"] += 1
            checked = check(release)
            ocid = release.get("ocid") if isinstance(release, dict) else None
            if checked.skip:
                skipped[checked.skip] += 1
                messages.append(f"{_where(name, index, ocid)} : {checked.skip}{checked.detail} ; "
                                       "publication ignorée")
                continue
            messages += [f"{_where(name, index, ocid)} : {note}" for note in checked.notes]
            rid = release["id"]
            data = json.dumps(release, ensure_ascii=False, separators=(",", ":"))
            first = db.execute("SELECT file, idx, data FROM releases WHERE ocid = ? AND release_id = ? "
                               "ORDER BY rowid LIMIT 1", (ocid, rid)).fetchone()
            tags = release.get("tag")
            tags = ",".join(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else ""
            db.execute("INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (name, index, ocid, rid, checked.date, tags, data))
            if first:
                counts["superseded"] += 1
                if first[2] != data:
                    messages.append(
                        f"{_where(name, index, ocid)} : même publication (id {rid}) déjà lue dans {first[0]} "
                        f"(publication {first[1]}) avec un autre contenu ; la première lue est gardée")
                continue
            local[ocid] += 1
    except PackageError as exc:
        db.execute("ROLLBACK")
        report.files_rejected += 1
        report.read += counts["read"]
        report.skipped["fichier rejeté"] += counts["read"]
        kept = (f"publications lues avant l'erreur et non retenues : {counts['read']}" if counts["read"]
                else "rien n'en est retenu")
        report.messages.append(f"{name} : {exc} ; fichier rejeté, {kept}")
        return
    db.executemany("INSERT OR IGNORE INTO dirty VALUES (?)", ((o,) for o in local))
    db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
               (name, sha, path.stat().st_size, counts["read"], dt.datetime.now(dt.UTC).isoformat()))
    db.execute("COMMIT")
    report.messages += messages
    report.files_read += 1
    report.files_replaced += bool(known)
    report.read += counts["read"]
    report.superseded += counts["superseded"]
    report.skipped.update(skipped)
    fresh.update(local)


def _compile_one(item: tuple[str, list[tuple]]) -> tuple[str, dict | None, str | None]:
    """Merge one process's stored releases into rows (runs in a worker process)."""
    ocid, stored = item
    releases, tags, seen = [], set(), set()
    for rid, tag_text, data in stored:
        if rid not in seen:  # the first copy of a release counts
            seen.add(rid)
            releases.append(json.loads(data))
            tags.update(t for t in tag_text.split(",") if t)
    if not releases:
        return ocid, None, None
    try:
        return ocid, compiler.rows(compiler.compile_releases(releases), tags, len(releases)), None
    except Exception as exc:  # noqa: BLE001 — a process that cannot merge is reported, not fatal
        return ocid, None, f"{type(exc).__name__}: {exc}"[:200]


def _compile_dirty(db: sqlite3.Connection, report: Report, fresh: Counter, workers: int) -> None:
    # Why a pool: merging is pure Python and CPU-bound; with two cores, two workers merge while this
    # process reads the next releases and writes the rows (SQLite stays in one process).
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None
    try:
        while ocids := [r[0] for r in db.execute("SELECT ocid FROM dirty LIMIT ?", (BATCH,))]:
            items = [(ocid, db.execute("SELECT release_id, tags, data FROM releases WHERE ocid = ? "
                                       "ORDER BY date, rowid", (ocid,)).fetchall()) for ocid in ocids]
            results = pool.imap(_compile_one, items, chunksize=50) if pool else map(_compile_one, items)
            db.execute("BEGIN")
            marks = ",".join("?" * len(ocids))
            for table in NORMALISED:  # one statement per table and batch, not one per process
                db.execute(f"DELETE FROM {table} WHERE ocid IN ({marks})", ocids)
            batch: dict[str, list] = {table: [] for table in NORMALISED}
            for ocid, rows, error in results:
                if error:
                    reason = "fusion OCDS impossible"
                    report.messages.append(f"processus {ocid} : {reason} ({error})")
                    report.skipped[reason] += fresh.pop(ocid, 0)
                    continue
                if rows:
                    for table, values in rows.items():
                        batch[table] += values
                    report.processes += 1
                report.compiled += fresh.pop(ocid, 0)
            for table, values in batch.items():
                if values:
                    columns = ",".join("?" * len(values[0]))
                    db.executemany(f"INSERT INTO {table} VALUES ({columns})", values)
            db.executemany("DELETE FROM dirty WHERE ocid = ?", ((o,) for o in ocids))
            db.execute("COMMIT")
    finally:
        if pool:
            pool.close()
            pool.join()


def summary_lines(report: Report) -> list[str]:
    """The counts, in French, as ``ingest`` prints them."""
    lines = [
        (f"Fichiers : {report.files_read} lus (dont {report.files_replaced} republiés), "
        f"{report.files_unchanged} inchangés (déjà lus), {report.files_rejected} rejetés"),
        f"Publications lues : {report.read}",
        f"  compilées : {report.compiled}",
        f"  remplacées (déjà lues ailleurs) : {report.superseded}",
        f"  ignorées : {report.skipped_total}",
    ]
    lines += [f"    {reason} : {n}" for reason, n in sorted(report.skipped.items())]
    lines.append(f"Processus compilés : {report.processes}")
    if not report.conserved():
        lines.append("ERREUR : lues ≠ compilées + remplacées + ignorées")
    return lines
