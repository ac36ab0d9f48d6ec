"""Keyboard: from the top of a page, Tab reaches every control in document order, the skip
link first, and the focus is always visible; the header search works without a mouse."""

from __future__ import annotations

import pytest

from . import gates

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-CA", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def walk(page, url: str):
    page.goto(url, wait_until="load")
    result = gates.keyboard_walk(page)
    assert result.expected >= 5, f"{url}: only {result.expected} controls found"
    return result


def test_tab_reaches_every_control_of_the_home_page_header_first(page, site_server):
    result = walk(page, site_server)
    assert not result.problems(), "\n".join(result.problems())
    # The header (logo, search) comes before the content.
    whats = [s["what"] for s in result.stops]
    assert any(w.startswith("button") and "echerch" in w for w in whats[:8]), whats[:8]


def test_tab_reaches_every_control_of_a_region_directory_page(page, site_server, pages, built_site):
    # The region with the most records: the longest list, the filter form.
    region = max(pages["region"], key=lambda p: (built_site / p / "index.html").stat().st_size)
    result = walk(page, site_server + region)
    assert not result.problems(), "\n".join(result.problems())
    assert any("/entreprises/" in (s["what"] or "") or s["what"].startswith("a ") for s in result.stops)


@pytest.mark.parametrize("path", ["entreprises/", "declarations/", "regles/trouver/"])
def test_tab_reaches_every_control_of_lists_and_the_finder(page, site_server, path):
    result = walk(page, site_server + path)
    assert not result.problems(), "\n".join(result.problems())


def test_tab_reaches_every_control_of_a_record_page(page, site_server, pages):
    for path in (pages["enterprise"][0], pages["declaration"][0]):
        result = walk(page, site_server + path)
        assert not result.problems(), path + "\n" + "\n".join(result.problems())


def test_search_by_keyboard_only(page, site_server):
    page.goto(site_server, wait_until="load")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('pagefind-modal-trigger')"):
            break
    else:
        pytest.fail("the search button is not reachable with Tab")
    page.keyboard.press("Enter")
    box = page.locator("pagefind-modal pagefind-input input")
    box.wait_for(state="visible", timeout=10_000)
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('pagefind-input')",
                           timeout=5_000)
    gates.freeze_transitions(page)
    page.keyboard.type("coop")
    page.locator("pagefind-modal a.pf-result-link").first.wait_for(timeout=15_000)
    for _ in range(30):
        page.keyboard.press("Tab")
        state = gates.focus_state(page)
        assert state is not None, "focus left the search dialog"
        assert state["ring"] or state["changed"], f"invisible focus on {state['what']}"
        if page.evaluate("() => document.activeElement.matches('a.pf-result-link')"):
            break
    else:
        pytest.fail("Tab never reaches a search result")
    page.keyboard.press("Escape")
    box.wait_for(state="hidden", timeout=5_000)
