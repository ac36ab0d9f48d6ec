"""The site built from the repo's records: every record has its page at its stable URL and its
search record; the lists, the region pages and the wall exist."""

import re
from pathlib import Path

import html5lib
import pytest
import yaml

from conftest import REPO
from jachete import search

pytestmark = pytest.mark.slow


def record_ids(kind: str) -> set[str]:
    return {p.stem for p in (REPO / "data" / kind).glob("*.yml")}


def record_pages(site: Path, section: str) -> set[str]:
    return {p.parent.name for p in (site / section).glob("*/index.html")}


def test_records_in_equal_record_pages_out_equal_search_records(built_site):
    enterprises, declarations = record_ids("enterprises"), record_ids("declarations")
    assert enterprises and declarations, "the repo ships demo records"
    assert record_pages(built_site, "entreprises") == enterprises
    assert record_pages(built_site, "declarations") == declarations
    # pagefind's own count: every page with data-pagefind-body, records included.
    indexed = [p for p in built_site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert search.page_count(built_site) == len(indexed)
    kinds = {"Entreprise": 0, "Déclaration": 0}
    for p in indexed:
        text = p.read_text(encoding="utf-8")
        for kind in kinds:
            kinds[kind] += f'data-pagefind-filter="contenu:{kind}"' in text
    assert kinds == {"Entreprise": len(enterprises), "Déclaration": len(declarations)}


def test_region_pages_index_and_lists_exist(built_site):
    regions = yaml.safe_load((REPO / "data/reference/regions.yml").read_text(encoding="utf-8"))["valeurs"]
    assert len(regions) == 17
    for r in regions:
        assert (built_site / "regions" / f"{r['code']}-{r['slug']}" / "index.html").is_file(), r
    assert (built_site / "regions/06-montreal/index.html").is_file()
    for path in ("regions/index.html", "entreprises/index.html", "declarations/index.html", "index.html"):
        assert (built_site / path).is_file(), path


def _pages(site: Path):
    for p in sorted(site.rglob("*.html")):
        if "pagefind" in p.parts:
            continue
        yield p, html5lib.parse(p.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def test_every_page_is_french_with_a_csp_and_no_inline_script(built_site):
    n = 0
    for path, doc in _pages(built_site):
        n += 1
        assert doc.get("lang") == "fr", path
        csp = [m.get("content") for m in doc.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
        assert len(csp) == 1, path
        policy = csp[0]
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
        for s in doc.iter("script"):
            if s.get("src"):
                assert not s.get("src").startswith(("http:", "https:", "//")), (path, s.get("src"))
                continue
            # Inline scripts are data blocks only (Material's __config, JSON-LD): they never run.
            assert s.get("type") in {"application/json", "application/ld+json"}, (path, s.attrib)
        for el in doc.iter():
            if isinstance(el.tag, str):
                assert not any(a.lower().startswith("on") for a in el.attrib), (path, el.tag)
    assert n > 30


def test_record_pages_stay_out_of_the_nav(built_site):
    home = html5lib.parse((built_site / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    nav_links = [a.get("href", "") for nav in home.iter("nav") for a in nav.iter("a")]
    assert any("regions/" in h for h in nav_links)
    for rid in record_ids("enterprises"):
        assert not any(f"entreprises/{rid}/" in h for h in nav_links), rid


def test_demo_records_carry_the_badge(built_site):
    demo = [
        p.stem for p in (REPO / "data/enterprises").glob("*.yml")
        if yaml.safe_load(p.read_text(encoding="utf-8")).get("exemple")
    ]
    real = sorted(record_ids("enterprises") - set(demo))
    for rid in demo:
        assert "Exemple fictif" in (built_site / "entreprises" / rid / "index.html").read_text(encoding="utf-8")
    for rid in real:
        text = (built_site / "entreprises" / rid / "index.html").read_text(encoding="utf-8")
        assert "jachete-badge--demo" not in text, rid


def test_home_page_components_are_filled(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<!-- jachete:" not in home
    assert "jachete-chiffres" in home
    assert not re.search(r"jachete-root-[0-9a-f]{32}", home)
