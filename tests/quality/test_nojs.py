"""Without JavaScript, a buyer still browses the directory by clicking links (home → regions →
a region → an enterprise), reads the declarations wall and a declaration, the guides, and the
rule finder's tables."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-CA", java_script_enabled=False)
    pg = context.new_page()
    yield pg
    context.close()


def click_link(page, pattern: str, within: str = "body"):
    """Click the first visible link of ``within`` whose resolved href matches ``pattern``."""
    hrefs = page.eval_on_selector_all(f"{within} a[href]", "els => els.filter(e => e.checkVisibility())"
                                      ".map(e => [e.getAttribute('href'), e.href])")
    for raw, absolute in hrefs:
        if re.search(pattern, absolute):
            page.locator(f'{within} a[href="{raw}"]').first.click()
            page.wait_for_load_state("load")
            assert re.search(pattern, page.url), (pattern, page.url)
            return
    pytest.fail(f"no visible link matching {pattern} on {page.url}")


def h1(page) -> str:
    title = page.locator("article h1").first
    assert title.is_visible()
    return title.inner_text().strip()


def test_javascript_is_really_off(page, site_server):
    page.goto(site_server)
    # Material's script turns <html class="no-js"> into "js"; pagefind renders its button.
    assert "no-js" in page.evaluate("document.documentElement.className").split()
    assert page.locator("pagefind-modal-trigger button").count() == 0


def test_home_to_regions_to_a_region_to_an_enterprise(page, site_server):
    page.goto(site_server)
    assert h1(page)
    click_link(page, r"/regions/$")
    assert h1(page)
    click_link(page, r"/regions/\d\d-[^/]+/$", "article")
    assert h1(page)
    click_link(page, r"/entreprises/[^/]+/$", "article")
    name = h1(page)
    assert name and page.locator("article dl").first.is_visible()


def test_the_header_offers_the_directory_instead_of_the_search(page, site_server):
    page.goto(site_server)
    fallback = page.locator(".jachete-search__fallback")
    assert fallback.is_visible()
    fallback.click()
    page.wait_for_load_state("load")
    assert h1(page)


def test_the_wall_and_a_declaration_read_without_javascript(page, site_server):
    page.goto(site_server)
    click_link(page, r"/declarations/$")
    assert h1(page)
    click_link(page, r"/declarations/[^/]+/$", "article")
    assert h1(page)
    assert len(page.locator("article").first.inner_text()) > 200


def test_the_guides_read_without_javascript(page, site_server):
    page.goto(site_server)
    click_link(page, r"/guides/$")
    assert h1(page)
    click_link(page, r"/guides/[^/]+/$", "article")
    assert h1(page)
    assert len(page.locator("article").first.inner_text()) > 1000


def test_the_rule_finder_shows_its_tables_without_javascript(page, site_server):
    page.goto(site_server)
    click_link(page, r"/regles/$")
    click_link(page, r"/regles/trouver/$")
    tables = page.locator("article table")
    assert tables.count() >= 2
    for i in range(tables.count()):
        assert tables.nth(i).is_visible()
        assert tables.nth(i).locator("td").count() > 0
