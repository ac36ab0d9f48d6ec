"""SEAO on the built site: conservation between the CSV and the pages, what every figure says,
fictional data never linked to the real SEAO, demo off, hostile cells escaped."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"
ROW = re.compile(r'data-seao-contrat="([^"]+)"')


def _csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_matched_rows_in_the_csv_are_the_rows_on_the_enterprise_pages(built_site):
    rows = _csv(built_site / "donnees" / "seao" / "contrats.csv")
    on_pages: Counter = Counter()
    per_page: Counter = Counter()
    for page in (built_site / "entreprises").glob("*/index.html"):
        found = ROW.findall(page.read_text("utf-8"))
        on_pages.update(found)
        per_page[page.parent.name] = len(found)
    assert rows, "the demo data match no contract"
    assert sum(on_pages.values()) == len(rows)
    assert on_pages == Counter(f"{r['ocid']}/{r['attribution']}" for r in rows)
    assert +per_page == Counter(r["entreprise"] for r in rows)
    committed = _csv(REPO / "data" / "seao" / "contrats-2026.csv")
    assert len(rows) == len(committed)  # every demo contract names a demo enterprise


def test_the_datapackage_describes_each_column_once(built_site):
    package = json.loads((built_site / "donnees" / "seao" / "datapackage.json").read_text("utf-8"))
    fields = package["resources"][0]["schema"]["fields"]
    with open(built_site / "donnees" / "seao" / "contrats.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert [f["name"] for f in fields] == header
    assert all(f["description"] for f in fields)
    assert "NON CONFIRMÉE" in package["licenses"][0]["title"]
    assert "borne inférieure" in package["description"]


def test_every_seao_section_says_what_it_is_and_fictional_data_are_not_linked(built_site):
    pages = [built_site / "indicateurs" / "index.html", built_site / "occasions" / "index.html",
             built_site / "donnees" / "index.html",
             built_site / "entreprises" / _csv(built_site / "donnees" / "seao" / "contrats.csv")[0]["entreprise"]
             / "index.html",
             built_site / "declarations" / "mrc-du-haut-ruisseau" / "index.html"]
    for page in pages:
        html = page.read_text("utf-8")
        assert "jachete-seao-source" in html, page
        assert "borne inférieure" in html and "extraction du 6 décembre 2026" in html.replace("\u00a0", " ")
        assert "NON CONFIRMÉE" in html and "Exemple fictif" in html, page
    for page in built_site.rglob("*.html"):
        assert 'href="https://seao.gouv.qc.ca' not in page.read_text("utf-8"), page
    assert "seao.gouv.qc.ca" not in (built_site / "donnees" / "seao" / "contrats.csv").read_text("utf-8")


def test_declaration_page_puts_seao_beside_the_follow_up(built_site):
    bodies = {r["declaration"]: r for r in _csv(REPO / "data" / "seao" / "organismes-2026.csv")}
    html = (built_site / "declarations" / "centre-de-services-scolaire-des-trois-rivages" / "index.html").read_text("utf-8")
    section = html[html.index('id="mesure-seao"'):]
    row = bodies["centre-de-services-scolaire-des-trois-rivages"]
    share = round(100 * float(row["montant_registre"]) / float(row["montant_total"]), 1)
    assert f"{share:.1f}".replace(".", ",") + "&nbsp;%" in section or f"{share:.1f}".replace(".", ",") + "\u00a0%" in section
    assert "1\u00a0226\u00a0137,28\u00a0$" in section  # montant_registre, Quebec format
    assert "Cible\u00a0: " in section and "de la cible" in section  # the target in dollars is compared


def test_occasions_page_has_sections_and_a_feed_per_sector(built_site):
    html = (built_site / "occasions" / "index.html").read_text("utf-8")
    rows = _csv(REPO / "data" / "seao" / "occasions.csv")
    sectors = sorted({s for r in rows for s in r["secteurs"].split()})
    for sector in sectors:
        assert f'id="secteur-{sector}"' in html and f"donnees/occasions/{sector}.atom" in html
        feed = ET.parse(built_site / "donnees" / "occasions" / f"{sector}.atom").getroot()
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == sum(1 for r in rows if sector in r["secteurs"].split())
        assert all("seao.gouv.qc.ca" not in e.find(f"{ATOM}link").get("href") for e in entries)
    assert html.count('data-seao-avis="') >= 2 * len(rows)  # once by region, once per sector at least
    assert "occasions/" in (built_site / "index.html").read_text("utf-8")  # in the nav


def _plan(root, include_demo=True):
    from jachete import features, site
    from jachete.registry import load
    from jachete.render.common import _per_build

    _per_build.clear()
    registry, problems, _ = load(root, include_demo=include_demo)
    assert registry is not None, [p.format() for p in problems]
    settings = site.Settings(include_demo=include_demo, today=dt.date(2026, 12, 3), root=root, project_root=REPO)
    return features.plan(site.Context(registry, settings))


def test_demo_off_leaves_the_fictional_seao_data_out():
    plan = _plan(REPO, include_demo=False)
    assert not [o.path for o in plan.outputs if "seao" in o.path or "occasions/" in o.path]
    assert "Aucune donnée du SEAO" in plan.components["occasions"]
    assert not any("contrats-seao" in p.body or "mesure-seao" in p.body for p in plan.pages)


def test_real_data_link_only_http_and_escape_every_cell(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    source = tmp_path / "data" / "seao" / "source.yml"
    source.write_text(source.read_text("utf-8").replace("exemple: true", "exemple: false"), "utf-8")
    path = tmp_path / "data" / "seao" / "contrats-2026.csv"
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    rows[1][11] = "<script>alert(1)</script>"
    rows[1][6] = '=HYPERLINK("http://evil.example")'
    rows[1][14] = "javascript:alert(1)"
    rows[2][14] = "https://seao.gouv.qc.ca/avis?ItemId=1"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")
    plan = _plan(tmp_path)
    pages = {p.src_uri: p.body for p in plan.pages}
    first = pages[f"entreprises/{rows[1][8]}.md"]
    assert "<script>alert(1)" not in first and "&lt;script&gt;alert(1)&lt;/script&gt;" in first
    assert "javascript:" not in first
    second = pages[f"entreprises/{rows[2][8]}.md"]
    assert 'href="https://seao.gouv.qc.ca/avis?ItemId=1"' in second
    exported = next(o.content for o in plan.outputs if o.path == "donnees/seao/contrats.csv").decode()
    assert "'=HYPERLINK" in exported and ",=HYPERLINK" not in exported  # the formula is neutralised
    assert "https://seao.gouv.qc.ca/avis?ItemId=1" in exported
    assert "Exemple fictif" not in first[first.index('id="contrats-seao"'):]


def test_no_seao_folder_builds_without_seao_sections(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("seao"))
    plan = _plan(tmp_path)
    assert not [o.path for o in plan.outputs if "seao" in o.path]
    assert not any("contrats-seao" in p.body for p in plan.pages)
