"""The downloadable files of the built site, against the registry loaded from the repository."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from conftest import REPO

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def registry():
    from jachete.registry import load

    reg, problems, _ = load(REPO)
    assert reg is not None, [p.format() for p in problems]
    return reg


def test_rows_equal_records(built_site, registry):
    d = built_site / "donnees"
    with open(d / "entreprises.csv", encoding="utf-8", newline="") as f:
        ents = list(csv.DictReader(f))
    with open(d / "declarations.csv", encoding="utf-8", newline="") as f:
        decls = list(csv.DictReader(f))
    assert [r["id"] for r in ents] == [e.id for e in registry.enterprises]
    assert [r["id"] for r in decls] == [x.id for x in registry.declarations]
    assert len(json.loads((d / "entreprises.json").read_text("utf-8"))) == len(registry.enterprises)
    assert len(json.loads((d / "declarations.json").read_text("utf-8"))) == len(registry.declarations)
    geo = json.loads((d / "entreprises.geojson").read_text("utf-8"))
    assert len(geo["features"]) == sum(1 for e in registry.enterprises if e.latitude is not None)
    for name in ("entreprise", "declaration", "evenement"):
        json.loads((d / "schemas" / f"{name}.schema.json").read_text("utf-8"))


def test_datapackage_of_the_site_is_valid(built_site):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(built_site / "donnees" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_feeds_and_calendar_parse(built_site, registry):
    from jachete.exports.feeds import FEED_SIZE

    # Each feed holds the newest entries only (FEED_SIZE), or every record when there are fewer.
    for name, n in (("declarations.atom", len(registry.declarations)), ("entreprises.atom", len(registry.enterprises))):
        root = ET.parse(built_site / "donnees" / name).getroot()
        assert root.tag == f"{ATOM}feed" and len(root.findall(f"{ATOM}entry")) == min(n, FEED_SIZE)
    cal = Calendar.from_ical((built_site / "evenements" / "evenements.ics").read_bytes())
    uids = [str(v["uid"]) for v in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == len(list((REPO / "data" / "events").glob("*.yml")))


def test_badges_and_jsonld_on_record_pages(built_site, registry):
    for d in registry.declarations:
        assert (built_site / "declarations" / d.id / "badge.svg").is_file()
        assert "badge.svg" in (built_site / "declarations" / d.id / "index.html").read_text("utf-8")
    for e in registry.enterprises:
        html = (built_site / "entreprises" / e.id / "index.html").read_text("utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert data["@type"] == "Organization" and data["identifier"]["value"] == e.neq


def test_sitemap_lists_generated_pages_and_robots_points_to_it(built_site, registry):
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    paths = {re.sub(r"^https?://[^/]+/", "/", u) for u in locs}
    for page in ("donnees/", "indicateurs/", "evenements/"):
        assert any(p.endswith("/" + page) for p in paths), page
    for e in registry.enterprises:
        assert any(p.endswith(f"/entreprises/{e.id}/") for p in paths), e.id
    robots = (built_site / "robots.txt").read_text("utf-8")
    sitemap_line = [line for line in robots.splitlines() if line.startswith("Sitemap: ")]
    assert sitemap_line and sitemap_line[0].endswith("/sitemap.xml")


def test_feed_links_in_every_page_head(built_site):
    html = (built_site / "index.html").read_text("utf-8")
    for name in ("declarations.atom", "entreprises.atom"):
        assert re.search(rf'<link rel="alternate[^"]*" type="application/atom\+xml"[^>]*href="[^"]*donnees/{name}"', html)
