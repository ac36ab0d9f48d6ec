"""The committed fictional SEAO files (data/seao/) are what ``jachete seao demo`` writes."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from jachete.seao.demo import build
from jachete.seao.registry_links import declaration_bodies, registry_neqs

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "data" / "seao"


def test_demo_regenerates_committed_bytes(tmp_path):
    build(ROOT, tmp_path)
    committed = {p.name: p.read_bytes() for p in COMMITTED.iterdir()}
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == committed, (
        "data/seao/ is stale: run `make seao-demo` and commit the result")
    assert sum(map(len, committed.values())) < 200_000


def test_demo_is_marked_fictional_and_shows_something():
    meta = yaml.safe_load((COMMITTED / "source.yml").read_text(encoding="utf-8"))
    assert meta["exemple"] is True and "FICTIVES" in meta["avertissement"]
    with open(COMMITTED / "contrats-2026.csv", encoding="utf-8") as handle:
        contracts = list(csv.DictReader(handle))
    # Every example enterprise with an NEQ has contracts; every example declaration naming a buyer has its totals.
    assert {r["entreprise"] for r in contracts} == set(registry_neqs(ROOT).values())
    with open(COMMITTED / "organismes-2026.csv", encoding="utf-8") as handle:
        bodies = {r["declaration"]: r for r in csv.DictReader(handle)}
    named = {b["id"] for b in declaration_bodies(ROOT) if b["exemple"]}
    assert set(bodies) == named and len(named) >= 4
    assert all(int(b["contrats_registre"]) > 0 for b in bodies.values())
    with open(COMMITTED / "occasions.csv", encoding="utf-8") as handle:
        notices = list(csv.DictReader(handle))
    assert notices and all(n["date_limite"] >= meta["occasions_au"] for n in notices)
