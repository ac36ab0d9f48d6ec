"""SEAO ingest of generated packages: counts against the generator's own tally, no network."""

from __future__ import annotations

import csv
import json
import socket
from pathlib import Path

import pytest

from jachete.seao import compile as compiler
from jachete.seao import store
from jachete.seao.generator import generate
from jachete.seao.ingest import ingest
from jachete.seao.match import match, write
from jachete.seao.registry_links import registry_neqs

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("seao")
    expected = generate(out / "paquets", weeks=12, per_week=1200, seed=7, monthly_copy=True,
                        registry=tuple(registry_neqs(ROOT)))
    db = store.connect(out / "seao.sqlite")
    report = ingest(db, sorted((out / "paquets").glob("*.json")))
    expected.folder = out / "paquets"
    yield expected, report, db
    db.close()


def one(db, sql):
    return db.execute(sql).fetchone()


def test_every_release_accounted_for(generated):
    expected, report, _ = generated
    assert report.read == expected.releases + expected.superseded
    assert report.compiled == expected.releases
    assert report.superseded == expected.superseded > 0
    assert report.skipped_total == 0
    assert report.conserved()
    # Text amounts are read (and said), not lost.
    assert expected.string_amounts > 0
    assert sum("montant écrit en texte" in m for m in report.messages) == expected.string_amounts


def test_every_tag_is_generated(generated):
    expected, _, _ = generated
    assert set(expected.tags) == {"tender", "award", "contract", "awardUpdate", "contractUpdate",
                                  "contractTermination", "tenderCancellation"}


def test_store_matches_generator_tally(generated):
    e, report, db = generated
    assert report.processes == e.processes
    assert one(db, "SELECT COUNT(*), SUM(cancelled), SUM(buyer_municipal) FROM processes") == (
        e.processes, e.cancelled, e.municipal_processes)
    assert one(db, "SELECT COUNT(*), SUM(amount_cents) FROM awards") == (e.awards, e.award_cents)
    assert one(db, "SELECT COUNT(*), COUNT(neq) FROM suppliers") == (e.supplier_rows, e.supplier_rows_with_neq)
    assert one(db, "SELECT COUNT(*), SUM(amount_cents) FROM contracts") == (e.contracts, e.contract_cents)
    assert one(db, "SELECT COUNT(*) FROM suppliers WHERE neq IS NOT NULL AND length(neq) != 10") == (0,)
    # Several suppliers on one award occur.
    assert one(db, "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM suppliers GROUP BY ocid, award_id)")[0] >= 2


def test_reingest_is_idempotent(generated):
    expected, _, db = generated
    before = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in store.NORMALISED}
    again = ingest(db, sorted(expected.folder.glob("*.json")))
    assert (again.read, again.files_unchanged, again.messages) == (0, len(expected.files), [])
    assert {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in store.NORMALISED} == before


def test_same_seed_same_bytes(tmp_path):
    a = generate(tmp_path / "a", weeks=2, per_week=300, seed=3)
    b = generate(tmp_path / "b", weeks=2, per_week=300, seed=3)
    assert a.as_dict() == b.as_dict()
    for name in a.files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_merge_uses_local_schema_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    compiler.merger.cache_clear()
    compiled = compiler.compile_releases([
        {"ocid": "ocds-ec9k95-1", "id": "1", "date": "2026-01-01T00:00:00", "tag": ["award"],
         "awards": [{"id": "a", "value": {"amount": 10.0}}, {"id": "b", "value": {"amount": 5.0}}]},
        {"ocid": "ocds-ec9k95-1", "id": "2", "date": "2026-02-01T00:00:00", "tag": ["awardUpdate"],
         "awards": [{"id": "b", "value": {"amount": 7.0}}]}])
    assert json.loads(json.dumps(compiled["awards"])) == [{"id": "a", "value": {"amount": 10.0}},
                                                           {"id": "b", "value": {"amount": 7.0}}]
    assert compiler.SCHEMA_PATH.exists() and (compiler.SCHEMA_PATH.parent / "LICENSE").exists()


def test_match_counts_against_generator(generated, tmp_path):
    expected, _, db = generated
    neqs = registry_neqs(ROOT)
    buyers = {key.split("|")[0] for key in expected.by_buyer}
    contracts, bodies = match(db, neqs, {b: f"declaration-{b.lower()}" for b in buyers}, {})
    assert sum(expected.matched.values()) > 0
    assert {y: len(rows) for y, rows in contracts.items()} == {y: n for y, n in expected.matched.items() if n}
    for year, rows in contracts.items():
        assert round(sum(float(r[12]) * 100 for r in rows)) == expected.matched_cents[year]
        assert {r[9] for r in rows} <= set(neqs) and {r[8] for r in rows} <= set(neqs.values())
    got = {f"{r[0].removeprefix('declaration-').upper()}|{r[1]}": [r[2], round(float(r[3]) * 100), r[4],
                                                                   round(float(r[5]) * 100)]
           for rows in bodies.values() for r in rows}
    assert got == expected.by_buyer
    # Written files hold the same rows, in a stable order.
    written = write(tmp_path / "seao", contracts, bodies)
    first = [p.read_bytes() for p in written]
    write(tmp_path / "seao", *match(db, neqs, {b: f"declaration-{b.lower()}" for b in buyers}, {}))
    assert [p.read_bytes() for p in written] == first
    with open(tmp_path / "seao" / f"contrats-{min(contracts)}.csv", encoding="utf-8") as handle:
        assert len(list(csv.reader(handle))) == len(contracts[min(contracts)]) + 1
