"""``jachete seao occasions``: open notices matching registry offers by UNSPSC prefix; ``source.yml``."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jachete.cli import cli
from jachete.seao import occasions as occ
from jachete.seao import source, store
from jachete.seao.generator import START, generate
from jachete.seao.ingest import ingest
from jachete.seao.registry_links import declaration_bodies, registry_offers

F = Path(__file__).parent / "fixtures" / "seao"


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "data" / "enterprises").mkdir(parents=True)
    (root / "data" / "declarations").mkdir(parents=True)
    records = {
        "enterprises/coop-a.yml": "id: coop-a\nsecteurs: [amenagement-paysager]\n"
                                  "offres:\n  - titre: Plantation\n    unspsc: ['70111700', '70000000']\n",
        "enterprises/coop-b.yml": "id: coop-b\nsecteurs: [alimentation]\noffres:\n  - unspsc: ['50190000']\n",
        "enterprises/coop-c.yml": "id: coop-c\nsecteurs: [mobilier, insertion-emploi]\noffres:\n  - unspsc: ['56101504']\n",
        "enterprises/coop-d.yml": "id: coop-d\noffres:\n  - titre: sans code\n",
        "declarations/ville-exemple.yml": "id: ville-exemple\norganisme:\n  region: '04'\nseao:\n  ids: [OP-1234]\n",
        "declarations/ville-autre.yml": "id: ville-autre\norganisme:\n  region: '12'\n"
                                        "seao:\n  acheteurs: [Ville de Saint-Autre]\n",
    }
    for name, text in records.items():
        (root / "data" / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("code", "prefix"), [
    ("70111703", "701117"),  # commodity: compared at its class
    ("70111700", "701117"),  # class
    ("50190000", "5019"),  # family: at its own precision
    ("70000000", None),  # segment: too broad
    ("7011170", None), ("7011170A", None),
])
def test_offer_prefix(code, prefix):
    assert occ.offer_prefix(code) == prefix


def test_occasions_rows(tmp_path):
    root = _root(tmp_path)
    db = store.connect(tmp_path / "seao.sqlite")
    ingest(db, [F / "occasions.json"], workers=1)
    rows = occ.occasions(db, registry_offers(root), declaration_bodies(root), "2026-06-10")
    # 2002 closed on 2026-06-05, 2003 cancelled, 2005 another family, 2006 not open, 2007 coded at
    # its segment only: left out. 2008 closes on the date itself: still open that day.
    assert rows == [
        ["ocds-ec9k95-2008", "2008", "Avis 2008", "OP-9999", "CISSS de Nulle-Part", "", "2026-06-10", "services",
         "S19", "56101500", "https://seao.gouv.qc.ca/avis?ItemId=2008", "insertion-emploi mobilier", "1", "coop-c"],
        ["ocds-ec9k95-2001", "2001", "Avis 2001", "OP-1234", "Ville de Saint-Exemple", "04", "2026-06-20", "services",
         "S19", "70111703", "https://seao.gouv.qc.ca/avis?ItemId=2001", "amenagement-paysager", "1", "coop-a"],
        ["ocds-ec9k95-2004", "2004", "Avis 2004", "OP-5678", "Ville de  SAINT-AUTRE", "12", "2026-06-30", "services",
         "S19", "50192100", "https://seao.gouv.qc.ca/avis?ItemId=2004", "alimentation", "1", "coop-b"],
    ]
    assert [r[0] for r in occ.occasions(db, registry_offers(root), [], "2026-06-21")] == ["ocds-ec9k95-2004"]


def test_a_notice_names_only_the_first_enterprises_and_counts_them_all(tmp_path, monkeypatch):
    # At Quebec scale thousands of enterprises share a UNSPSC class: the row stays small.
    root = _root(tmp_path)
    db = store.connect(tmp_path / "seao.sqlite")
    ingest(db, [F / "occasions.json"], workers=1)
    monkeypatch.setattr(occ, "LISTED", 0)
    rows = occ.occasions(db, registry_offers(root), declaration_bodies(root), "2026-06-10")
    assert [(r[0], r[-2], r[-1]) for r in rows] == [("ocds-ec9k95-2008", "1", ""), ("ocds-ec9k95-2001", "1", ""),
                                                    ("ocds-ec9k95-2004", "1", "")]


def _independent_count(expected, offers, on: str) -> int:
    """The open notices the generator left, matched by a plain reading of the rule."""
    classes = {c[:6] for _, _, codes in offers for c in codes if c[4:] != "0000"}
    families = {c[:4] for _, _, codes in offers for c in codes if c[4:] == "0000" and c[2:] != "000000"}
    return sum(end >= on and (code[:6] in classes or code[:4] in families)
               for _, end, code in expected.open_notices)


def test_occasions_count_against_generator(tmp_path):
    root = Path(__file__).resolve().parents[1]
    offers = registry_offers(root)
    expected = generate(tmp_path / "paquets", weeks=6, per_week=600, seed=11, description_words=5)
    db = store.connect(tmp_path / "seao.sqlite")
    ingest(db, sorted((tmp_path / "paquets").glob("*.json")), workers=1)
    on = START.fromordinal(START.toordinal() + 6 * 7 - 3).isoformat()
    rows = occ.occasions(db, offers, [], on)
    assert len(rows) == _independent_count(expected, offers, on) > 0
    # The filters matter: some notices still open are in no registry trade, some closed earlier.
    assert len(rows) < sum(end >= on for _, end, _ in expected.open_notices) < len(expected.open_notices)
    assert rows == sorted(rows, key=lambda r: (r[6], r[0]))


def test_cli_writes_occasions_and_source(tmp_path):
    runner = CliRunner()
    cache, out = tmp_path / "cache", tmp_path / "out"
    packages = cache / "paquets"
    packages.mkdir(parents=True)
    (packages / "hebdo_20260601_20260607.json").write_bytes((F / "occasions.json").read_bytes())
    assert runner.invoke(cli, ["seao", "ingest", "--cache", str(cache)]).exit_code == 0
    result = runner.invoke(cli, ["seao", "occasions", "--cache", str(cache), "--out", str(out), "--date", "2026-06-21"])
    assert result.exit_code == 0, result.output
    with open(out / "occasions.csv", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    assert table[0] == occ.COLUMNS
    text = (out / "source.yml").read_text(encoding="utf-8")
    meta = yaml.safe_load(text)
    sha = hashlib.sha256((packages / "hebdo_20260601_20260607.json").read_bytes()).hexdigest()
    assert meta["paquets"] == [{"nom": "hebdo_20260601_20260607.json", "sha256": sha}]
    assert (meta["date_extraction"], meta["occasions_au"], meta["exemple"]) == ("2026-06-07", "2026-06-21", False)
    assert meta["licence"].startswith("NON CONFIRMÉE") and "25 000 $" in meta["limite"]
    assert set(meta["fichiers"]) == {"occasions.csv"}
    # match keeps the date of the occasions and lists its own files.
    assert runner.invoke(cli, ["seao", "match", "--cache", str(cache), "--out", str(out)]).exit_code == 0
    meta = yaml.safe_load((out / "source.yml").read_text(encoding="utf-8"))
    assert meta["occasions_au"] == "2026-06-21"
    bad = runner.invoke(cli, ["seao", "occasions", "--cache", str(cache), "--date", "10/06/2026"])
    assert bad.exit_code == 2 and "date « 10/06/2026 » illisible" in bad.output


def test_extraction_date_from_names():
    assert source.extraction_date(["hebdo_20260601_20260607.json", "mensuel_20260501_20260531.json",
                                   "autre.json"]) == "2026-06-07"
    assert source.extraction_date([]) is None
