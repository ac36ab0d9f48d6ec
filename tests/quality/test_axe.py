"""axe-core (WCAG 2.0, 2.1, 2.2, levels A and AA) in Debian's Chromium: 0 violations on every
hand-written page and page template, on a sample of record pages, on the search results and
on the rule finder with an answer shown."""

from __future__ import annotations

import re

import pytest

from . import gates
from .conftest import spread

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RECORD_SAMPLE = {"enterprise": 10, "declaration": 5, "region": 3}


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(locale="fr-CA")
    pg = context.new_page()
    yield pg
    context.close()


def scan(page, base: str, paths: list[str]) -> list[str]:
    """Violations of every page, at most 5 nodes per page shown (with the count)."""
    found = []
    for path in paths:
        page.goto(base + path, wait_until="load")
        violations = gates.axe_violations(page)
        found += [f"/{path} : {v}" for v in violations[:5]]
        if len(violations) > 5:
            found.append(f"/{path} : … {len(violations)} nœuds en tout")
    return found


def test_every_page_that_is_not_a_record_has_no_violation(page, site_server, pages):
    # Home, region index, A-Z list, declarations wall, model declaration, guides, rules,
    # finder, indicators, open data, events, accessibility statement, contributing, 404.
    paths = pages["page"]
    for needed in ("", "regions/", "entreprises/", "declarations/", "declarer/modele/", "regles/",
                   "regles/trouver/", "indicateurs/", "donnees/", "evenements/", "accessibilite/"):
        assert needed in paths, f"/{needed} is missing from the site"
    assert any(p.startswith("guides/") and p != "guides/" for p in paths)
    violations = scan(page, site_server, paths)
    assert not violations, "\n".join(violations)


def test_a_sample_of_record_pages_has_no_violation(page, site_server, pages):
    paths = [p for kind, n in RECORD_SAMPLE.items() for p in spread(pages.get(kind, []), n)]
    assert len(paths) >= sum(RECORD_SAMPLE.values()) - 2, paths
    violations = scan(page, site_server, paths)
    assert not violations, "\n".join(violations)


def test_search_results_typed_in_the_header_have_no_violation(page, site_server, pages, built_site):
    # The query: the longest word of the first enterprise's name, as a visitor would type it.
    first = pages["enterprise"][0]
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", (built_site / first / "index.html").read_text(encoding="utf-8"), re.DOTALL)
    query = max(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", h1.group(1))), key=len)
    page.goto(site_server, wait_until="load")
    page.locator("pagefind-modal-trigger button").click()
    page.locator("pagefind-modal pagefind-input input").fill(query)
    page.locator("pagefind-modal a.pf-result-link").first.wait_for(timeout=15_000)
    violations = gates.axe_violations(page)
    assert not violations, f"recherche « {query} » :\n" + "\n".join(violations)


def test_rule_finder_with_an_answer_shown_has_no_violation(page, site_server):
    page.goto(site_server + "regles/trouver/?acheteur=municipal&fournisseur=obnl&contrat=services&montant=50000",
              wait_until="load")
    page.wait_for_selector("#regles-reponse[data-statut]", timeout=10_000)
    assert page.locator("#regles-reponse").inner_text().strip()
    violations = gates.axe_violations(page)
    assert not violations, "\n".join(violations)
