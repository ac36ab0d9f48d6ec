"""Each figure of /indicateurs/ against a count made here, by hand, from the fixture records."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from jachete.events import Event
from jachete.fmt import money
from jachete.indicators import charts, components
from jachete.indicators.page import SECTIONS
from jachete.indicators.palette import BACKGROUND, SCALE, TILE_BORDER, contrast, text_on
from test_exports_helpers import ctx, sample_registry

TODAY = dt.date(2026, 11, 27)
SVG = "{http://www.w3.org/2000/svg}"


def _event(id, type, debut, region=None, fin=None, exemple=False):
    return Event(id=id, titre=id, type=type, debut=debut, fin=fin or debut, organisateur="Org", description="D.",
                 source_path=f"data/events/{id}.yml", region=region, exemple=exemple)


EVENTS = [
    _event("atelier", "formation", dt.date(2026, 9, 10), "04"),
    _event("salon", "salon", dt.date(2026, 4, 22), "04"),
    _event("semaine", "semaine-economie-sociale", dt.date(2026, 11, 16), None, dt.date(2026, 11, 20)),
    _event("rencontre", "rencontre-acheteurs", dt.date(2027, 2, 11), "06"),
    _event("en-cours", "activite-regionale", dt.date(2026, 11, 26), "02", dt.date(2026, 11, 28)),
]


@pytest.fixture(scope="module")
def reg():
    return sample_registry(events=EVENTS)


@pytest.fixture(scope="module")
def page(reg):
    parts = components(ctx(reg, today=TODAY))
    assert list(parts) == [f"indicateurs-{name}" for name in SECTIONS]
    return "\n".join(parts.values())


def _figures(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-indicateur="([^"]+)" data-valeur="([^"]*)"', page))


def _table(page: str, table_id: str, attr: str = "data-valeur") -> dict[str, str]:
    body = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.DOTALL).group(0)
    return dict(re.findall(rf'<tr data-cle="([^"]+)"[^>]*>.*?{attr}="([^"]*)"', body, re.DOTALL))


def test_declaration_figures(reg, page):
    f = _figures(page)
    assert f["declarations"] == str(len(reg.declarations))

    def host(url):
        h = url.split("/")[2].lower()
        return h.removeprefix("www.")
    own = [d for d in reg.declarations if host(d.document_signe) == host(d.organisme.site_web)
           or host(d.document_signe).endswith("." + host(d.organisme.site_web))]
    assert f["declarations-site-organisme"] == str(len(own)) == "2"
    public = [d for d in reg.declarations if d.organisme.type in ("ministere", "education")]
    assert f["declarations-regime-public"] == str(len(public))
    assert f["declarations-regime-municipal"] == str(len(reg.declarations) - len(public))


def test_declarations_by_year_is_cumulative(reg, page):
    per_year = Counter(d.adoptee_le.year for d in reg.declarations)
    new = _table(page, "tableau-declarations-annees")
    cumulative = _table(page, "tableau-declarations-annees", "data-cumul")
    total = 0
    for year in range(min(per_year), max(per_year) + 1):
        total += per_year[year]
        assert new[str(year)] == str(per_year[year])
        assert cumulative[str(year)] == str(total)
    assert cumulative[str(max(per_year))] == str(len(reg.declarations))


def test_declarations_by_type_and_region(reg, page):
    by_type = _table(page, "tableau-declarations-types")
    for t in reg.reference.types_organismes:
        assert by_type[t] == str(sum(1 for d in reg.declarations if d.organisme.type == t))
    by_region = _table(page, "tableau-declarations-regions")
    assert len(by_region) == 17
    for code in reg.reference.regions:
        assert by_region[code] == str(sum(1 for d in reg.declarations if d.organisme.region == code))


def test_big_cities(reg, page):
    f = _figures(page)
    signed_codes = {d.organisme.code_geo for d in reg.declarations} & {c.code_geo for c in reg.reference.grandes_villes}
    assert f["grandes-villes-signataires"] == str(len(signed_codes)) == "2"
    assert f["grandes-villes"] == "10"
    rows = re.findall(r'<tr data-cle="(\d{5})" data-signe="(oui|non)">', page)
    assert len(rows) == 10
    assert {code for code, signed in rows if signed == "oui"} == signed_codes


def test_municipal_population_coverage(reg, page):
    f = _figures(page)
    cities = {c.code_geo: c.population for c in reg.reference.grandes_villes}
    municipal = [d for d in reg.declarations if d.organisme.type == "municipalite"]
    known = [d for d in municipal if d.organisme.code_geo in cities]
    assert f["municipalites-declarations"] == str(len(municipal))
    assert f["municipalites-population-connue"] == str(len(known))
    assert f["municipalites-population-inconnue"] == str(len(municipal) - len(known))
    covered = sum(cities[d.organisme.code_geo] for d in known)
    assert f["population-couverte"] == str(covered)
    total = sum(r.population for r in reg.reference.regions.values())
    share = f["population-couverte-part"]
    assert share.replace(",", ".").startswith(str(round(100 * covered / total, 1)))


def test_targets_and_followups(reg, page):
    f = _figures(page)
    assert f["declarations-avec-cibles"] == str(sum(1 for d in reg.declarations if d.cibles))
    assert f["cibles"] == str(sum(len(d.cibles) for d in reg.declarations))
    assert f["cibles-chiffrees"] == str(sum(1 for d in reg.declarations for t in d.cibles if t.valeur is not None))
    assert f["declarations-avec-suivis"] == str(sum(1 for d in reg.declarations if d.suivis))
    reports = [s for d in reg.declarations for s in d.suivis]
    assert f["suivis"] == str(len(reports))
    assert f["suivis-contrats"] == str(sum(s.nombre_contrats or 0 for s in reports))
    assert float(f["suivis-montant"]) == sum(s.montant or 0 for s in reports)
    assert money(sum(s.montant or 0 for s in reports)) in page
    by_year = _table(page, "tableau-suivis-annees")
    contracts = _table(page, "tableau-suivis-annees", "data-contrats")
    for year in {s.annee for s in reports}:
        of_year = [s for s in reports if s.annee == year]
        assert by_year[str(year)] == str(len(of_year))
        declared = [s.nombre_contrats for s in of_year if s.nombre_contrats is not None]
        assert contracts[str(year)] == (str(sum(declared)) if declared else "")


def test_enterprise_figures(reg, page):
    f = _figures(page)
    assert f["entreprises"] == str(len(reg.enterprises))
    assert f["repertoires-regionaux"] == str(len({e.region for e in reg.enterprises}))
    regions = _table(page, "tableau-entreprises-regions")
    for code in reg.reference.regions:
        assert regions[code] == str(sum(1 for e in reg.enterprises if e.region == code))
    forms = _table(page, "tableau-entreprises-formes")
    for form in ("cooperative", "mutuelle", "obnl"):
        assert forms[form] == str(sum(1 for e in reg.enterprises if e.forme_juridique == form))
    sectors = _table(page, "tableau-entreprises-secteurs")
    expected = Counter(s for e in reg.enterprises for s in e.secteurs)
    assert sectors == {s: str(n) for s, n in expected.items()}


def test_event_figures(page):
    f = _figures(page)
    held = [e for e in EVENTS if e.fin < TODAY]
    assert f["evenements-tenus"] == str(len(held)) == "3"
    assert f["evenements-a-venir"] == str(len(EVENTS) - len(held))
    assert f["evenements-regions"] == str(len({e.region for e in held if e.region}))
    types = _table(page, "tableau-evenements-types")
    assert types["formation"] == str(sum(1 for e in held if e.type == "formation"))


def test_plan_indicators_without_data_are_listed(page):
    table = re.search(r'<table id="tableau-indicateurs-plan">.*?</table>', page, re.DOTALL).group(0)
    absent = re.findall(r'<tr data-statut="absent"><th scope="row">([^<]+)</th><td>[^<]+</td><td>([^<]+)</td>', table)
    names = " ".join(name for name, _ in absent)
    for needle in ("Trousses d'information", "groupe de travail", "Outils de communication"):
        assert needle in names
    assert all(len(record) > 10 for _, record in absent)  # each says which record would be needed


def test_tile_map_note_on_page(page):
    assert "carte en tuiles" in page


# --- Charts: accessible, well-formed, readable without colour, contrasted ------------------------


@pytest.fixture(scope="module")
def svgs(reg):
    return charts(ctx(reg, today=TODAY))


def test_charts_are_accessible_images(svgs):
    assert len(svgs) == 6
    for chart_id, svg in svgs.items():
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.get("id") == chart_id
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title.text and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert "<script" not in svg


def test_tile_map_has_17_labelled_tiles(reg, svgs):
    root = ET.fromstring(svgs["carte-entreprises-regions"])
    tiles = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}rect") is not None and g.find(f"{SVG}title") is not None]
    assert len(tiles) == 17
    counts = Counter(e.region for e in reg.enterprises)
    for tile in tiles:
        code = re.search(r"\((\d\d)\)", tile.find(f"{SVG}title").text).group(1)
        value = tile.findall(f"{SVG}text")[-1].text
        assert value == str(counts.get(code, 0))  # the count is printed: colour is not needed to read it


def test_bar_values_are_printed(reg, svgs):
    root = ET.fromstring(svgs["graphique-entreprises-formes"])
    bars = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}title") is not None]
    printed = {g.find(f"{SVG}title").text.rsplit(" : ", 1)[0]: g.findall(f"{SVG}text")[-1].text for g in bars}
    expected = {term.label: str(sum(1 for e in reg.enterprises if e.forme_juridique == form))
                for form, term in reg.reference.formes_juridiques.items()}
    assert printed == expected


def test_colours_meet_wcag_contrast(svgs):
    for svg in svgs.values():
        root = ET.fromstring(svg)
        for g in root.iter(f"{SVG}g"):
            rect = g.find(f"{SVG}rect")
            for text in g.findall(f"{SVG}text"):
                ink = text.get("fill") or g.get("fill")
                if ink is None:
                    continue
                # Text inside a tile sits on the tile; other text sits on the white background.
                under = rect.get("fill") if rect is not None and rect.get("stroke") else BACKGROUND
                assert contrast(ink, under) >= 4.5, (ink, under)
        for rect in list(root.iter(f"{SVG}rect"))[1:]:
            edge = rect.get("stroke") or rect.get("fill")
            assert contrast(edge, BACKGROUND) >= 3, edge  # bars, tiles and swatches: 3:1 (non-text)
    for fill in SCALE:
        assert contrast(text_on(fill), fill) >= 4.5
    assert contrast(TILE_BORDER, BACKGROUND) >= 3


def test_an_address_urlsplit_cannot_read_is_not_on_the_body_site():
    # Both pass the schema's URL pattern and validate; urlsplit raised ValueError (« Invalid IPv6
    # URL », NFKC) and stopped the indicators page, hence the build.
    from conftest import make_declaration
    from jachete.indicators.compute import published_on_own_site
    from jachete.model import Body

    for site in ("https://[ville.example.ca/", "https://ville\uff03x.example.ca/"):
        d = make_declaration(organisme=Body(nom="V", type="municipalite", site_web=site, region="04"),
                             document_signe=site + "d.pdf")
        assert published_on_own_site(d) is False
