"""The search box in a real browser (Debian's Chromium): type, see, narrow by region, open."""

import re
from collections import defaultdict

import pytest

from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def registry():
    from jachete.registry import load

    reg, _, _ = load(REPO)
    assert reg is not None
    return reg


def pick_case(registry):
    """A word found in the names of two or three enterprises of different regions: the query,
    the enterprise to open, and one from another region that the region filter must drop."""
    by_word = defaultdict(list)
    for e in registry.enterprises:
        for word in {w.casefold() for w in re.findall(r"\w+", e.nom) if len(w) >= 5}:
            by_word[word].append(e)
    for word, items in sorted(by_word.items(), key=lambda kv: (len(kv[1]), kv[0])):
        if 2 <= len(items) <= 3 and len({e.region for e in items}) >= 2:
            target = items[0]
            other = next(e for e in items if e.region != target.region)
            return word, target, other
    pytest.skip("no name word shared by enterprises of two regions")


@pytest.fixture
def page(browser, site_server):
    context = browser.new_context(locale="fr-CA")
    page = context.new_page()
    page.problems = []
    # Material asks api.github.com for the repository's stars: offline, that request fails
    # (net::...) and is not a problem of the site; a 404 or a CSP refusal is.
    page.on(
        "console",
        lambda m: m.type == "error"
        and not m.text.startswith("Failed to load resource: net::")
        and page.problems.append(m.text),
    )
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def test_type_query_see_enterprise_narrow_by_region_and_open(page, site_server, registry):
    query, target, other = pick_case(registry)
    region = registry.reference.regions[target.region].nom
    page.goto(site_server)
    page.locator("pagefind-modal-trigger button").click()
    box = page.locator("pagefind-modal pagefind-input input")
    box.fill(query)
    results = page.locator("pagefind-modal a.pf-result-link")
    results.filter(has_text=target.nom).first.wait_for(timeout=15000)
    results.filter(has_text=other.nom).first.wait_for(timeout=15000)

    page.locator('pagefind-filter-dropdown[filter="region"] button.pf-dropdown-trigger').click()
    page.locator('pagefind-filter-dropdown[filter="region"] .pf-dropdown-option', has_text=region).first.click()
    results.filter(has_text=other.nom).wait_for(state="detached", timeout=15000)
    link = results.filter(has_text=target.nom).first
    link.wait_for(timeout=15000)
    link.click()
    page.wait_for_url(f"**/entreprises/{target.id}/", timeout=15000)
    assert page.locator("h1").first.inner_text().strip() == target.nom
    assert not [p for p in page.problems if "Content Security Policy" in p or "Refused" in p], page.problems


def test_search_index_holds_one_record_per_enterprise_and_declaration(page, site_server, registry):
    page.goto(site_server)
    counts = page.evaluate(
        """async () => {
            const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
            await pf.options({ baseUrl: "/" });
            const filters = await pf.filters();
            return filters.contenu;
        }"""
    )
    assert counts == {"Entreprise": len(registry.enterprises), "Déclaration": len(registry.declarations)}
    assert not page.problems, page.problems


def test_pages_work_without_javascript(browser, site_server, registry):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server)
    fallback = page.locator(".jachete-search__fallback")
    assert fallback.is_visible()
    fallback.click()
    page.wait_for_url("**/regions/")
    first = registry.enterprises[0]
    page.goto(site_server + f"regions/{registry.reference.regions[first.region].url_slug}/")
    page.locator("a", has_text=first.nom).first.click()
    page.wait_for_url(f"**/entreprises/{first.id}/")
    context.close()


def test_wall_filters_in_place_with_javascript(page, site_server, registry):
    """The wall's type/region/year selects (shown only with JavaScript) hide the other declarations."""
    region = registry.declarations[0].organisme.region
    expected = {d.id for d in registry.declarations if d.organisme.region == region}
    page.goto(site_server + "declarations/")
    form = page.locator('form[data-jachete-filter="declarations"]')
    assert form.is_visible()
    page.select_option("#filtre-region", region)
    visible = page.locator("[data-jachete-group] li.jachete-card:visible a.jachete-card__title")
    hrefs = {h.rstrip("/").rsplit("/", 1)[-1] for h in visible.evaluate_all("els => els.map(e => e.getAttribute('href'))")}
    assert hrefs == expected
    page.select_option("#filtre-region", "")
    assert visible.count() == len(registry.declarations)


def test_region_page_sector_filter(page, site_server, registry):
    e = registry.enterprises[0]
    sector = e.secteurs[0]
    region = registry.reference.regions[e.region]
    expected = {x.id for x in registry.enterprises if x.region == e.region and sector in x.secteurs}
    page.goto(site_server + f"regions/{region.url_slug}/")
    page.select_option("#filtre-secteur", sector)
    visible = page.locator("[data-jachete-group] li.jachete-card:visible a.jachete-card__title")
    hrefs = {h.rstrip("/").rsplit("/", 1)[-1] for h in visible.evaluate_all("els => els.map(e => e.getAttribute('href'))")}
    assert hrefs == expected
