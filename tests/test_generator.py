"""The synthetic-record generator of the benchmark: valid, deterministic, realistic in shape."""

from __future__ import annotations

import collections
import datetime as dt
import filecmp
import re
from pathlib import Path

import pytest
import yaml

from jachete import record_yaml, registry
from jachete.checks import neq_check_digit_ok
from jachete_bench.generator import generate
from jachete_bench.text import de, neq_check_digit, slugify

REPO = Path(__file__).resolve().parents[1]


def _records(tree: Path, kind: str) -> list[dict]:
    return [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for p in sorted((tree / "data" / kind).glob("*.yml"))]


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench-tree")
    generate(out, 240, 120, seed=7, repo=REPO)
    return out


def test_output_validates_without_errors_or_warnings(tree):
    reg, problems, checked = registry.load(tree, today=dt.date.today())
    assert [p.format() for p in problems] == []
    assert checked >= 360
    assert reg is not None and len(reg.enterprises) == 240 and len(reg.declarations) == 120


def test_jachete_validate_reports_nothing(tree, monkeypatch):
    from click.testing import CliRunner

    from jachete.cli import cli

    monkeypatch.chdir(tree)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output[-2000:]
    assert "0 erreur, 0 avertissement" in result.output


def test_same_seed_gives_identical_bytes(tree, tmp_path):
    generate(tmp_path, 240, 120, seed=7, repo=REPO)
    for kind in ("enterprises", "declarations"):
        left, right = tree / "data" / kind, tmp_path / "data" / kind
        names = sorted(p.name for p in left.glob("*.yml"))
        assert names == sorted(p.name for p in right.glob("*.yml"))
        match, mismatch, errors = filecmp.cmpfiles(left, right, names, shallow=False)
        assert mismatch == [] and errors == [] and len(match) == len(names)


def test_other_seed_gives_other_records(tree, tmp_path):
    generate(tmp_path, 240, 120, seed=8, repo=REPO)
    assert {p.name for p in (tmp_path / "data/enterprises").glob("*.yml")} != \
        {p.name for p in (tree / "data/enterprises").glob("*.yml")}


def test_reference_data_is_copied_beside_the_records(tree):
    for name in ("reference", "schemas"):
        ours = sorted(p.name for p in (REPO / "data" / name).iterdir())
        assert ours and ours == sorted(p.name for p in (tree / "data" / name).iterdir())


def test_enterprises_look_like_the_sector(tree):
    recs = _records(tree, "enterprises")
    assert all(re.fullmatch(r"11[0-9]{8}", r["neq"]) and neq_check_digit_ok(r["neq"]) for r in recs)
    assert len({r["neq"] for r in recs}) == len(recs)
    assert all(1 <= len(r["offres"]) <= 6 for r in recs)
    assert all(len(code) == 8 and code.isdigit() for r in recs for o in r["offres"] for code in o["unspsc"])
    assert all("exemple" not in r for r in recs)
    names = [r["nom"] for r in recs]
    assert any(c in n for n in names for c in "éèàô")
    assert any("'" in n or "’" in n for n in names)
    assert any("–" in n for n in names)
    assert max(len(n) for n in names) > 60
    # Every MRC (and so every region) appears once there are more records than MRCs.
    mrcs = yaml.load((REPO / "data/reference/mrc.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    all_mrcs = {m["code"] for m in mrcs["valeurs"]}
    assert {r["mrc"] for r in recs} == all_mrcs
    assert len({r["region"] for r in recs}) == 17


def test_distribution_follows_the_real_one(tmp_path):
    generate(tmp_path, 2000, 10, seed=3, repo=REPO)
    recs = _records(tmp_path, "enterprises")
    regions = collections.Counter(r["region"] for r in recs)
    forms = collections.Counter(r["forme_juridique"] for r in recs)
    share = (regions["06"] + regions["16"] + regions["03"]) / len(recs)
    assert 0.42 <= share <= 0.54, share
    assert 0.72 <= forms["obnl"] / len(recs) <= 0.82
    assert 0.16 <= forms["cooperative"] / len(recs) <= 0.26
    assert 0.005 <= forms["mutuelle"] / len(recs) <= 0.04
    coop_types = {r["cooperative"]["type"] for r in recs if r["forme_juridique"] == "cooperative"}
    assert len(coop_types) == 5
    assert len({s for r in recs for s in r["secteurs"]}) >= 20


def test_declarations_have_distinct_bodies_and_geo_codes(tree):
    recs = _records(tree, "declarations")
    geo = [r["organisme"]["code_geo"] for r in recs if "code_geo" in r["organisme"]]
    assert geo and len(geo) == len(set(geo))
    assert len({(r["organisme"]["nom"], r["organisme"]["type"]) for r in recs}) == len(recs)
    assert len({r["organisme"]["type"] for r in recs}) >= 5
    assert len({r["adoptee_le"] for r in recs}) > 50
    assert all(r["document_signe"].startswith(r["organisme"]["site_web"]) for r in recs)


@pytest.mark.parametrize("name, expected", [
    ("Laurentides", "des Laurentides"), ("Estrie", "de l'Estrie"), ("Le Granit", "du Granit"),
    ("Les Chenaux", "des Chenaux"), ("Acton Vale", "d'Acton Vale"), ("Montréal", "de Montréal"),
    ("L'Île-d'Orléans", "de l'Île-d'Orléans"),
])
def test_french_preposition(name, expected):
    assert de(name) == expected


def test_neq_check_digit_and_slug_helpers():
    for body in ("4123456", "7000000", "8999999"):
        assert neq_check_digit_ok("11" + body + neq_check_digit(body))
        wrong = str((int(neq_check_digit(body)) + 1) % 10)
        assert not neq_check_digit_ok("11" + body + wrong)
    assert slugify("Coopérative d'habitation L'Œuvre – Rosemont–La Petite-Patrie") == \
        "cooperative-d-habitation-l-oeuvre-rosemont-la-petite-patrie"


def test_records_are_written_by_the_core_record_writer(tree):
    # One record writer for the registry: each generated file is exactly what record_yaml.dump
    # writes for its data (house style: plain scalars where safe, quoted codes, flow code lists).
    for kind, schema in (("enterprises", "entreprise"), ("declarations", "declaration")):
        for path in sorted((tree / "data" / kind).glob("*.yml"))[:60]:
            text = path.read_text(encoding="utf-8")
            assert text == record_yaml.dump(yaml.safe_load(text), schema), path.name


def test_bench_is_its_own_command_not_the_products(tmp_path):
    from click.testing import CliRunner

    from jachete.cli import cli
    from jachete_bench.cli import bench

    assert {"bench", "check-links", "check-html"}.isdisjoint(cli.commands)
    assert {"generate", "run", "seao"} <= set(bench.commands)
    result = CliRunner().invoke(bench, ["generate", "--enterprises", "30", "--declarations", "5", "--seed", "2",
                                        str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "data" / "enterprises").glob("*.yml"))) == 30


def test_preview_edit_marks_the_description_whatever_its_quoting(tree):
    from jachete_bench.preview import edited

    path = min((tree / "data" / "enterprises").glob("*.yml"))
    text = path.read_text(encoding="utf-8")
    record = yaml.safe_load(text)
    quoted = text.replace("description: " + record["description"], 'description: "' + record["description"] + '"')
    for source in (text, quoted):
        changed = yaml.safe_load(edited(source, "Banc0x1"))
        assert changed["description"] == "Banc0x1 " + record["description"]
        assert changed["offres"] == record["offres"]
