"""The SEAO sections in Debian's Chromium: an enterprise page, a declaration page, /indicateurs/ and
/occasions/ show them (tables, charts, the source note), and axe-core finds 0 violations there."""

from __future__ import annotations

import csv

import pytest

from . import gates

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _first_matched_enterprise(site) -> str:
    with open(site / "donnees" / "seao" / "contrats.csv", encoding="utf-8", newline="") as f:
        return next(csv.DictReader(f))["entreprise"]


def _first_measured_declaration(site) -> str:
    for page in sorted((site / "declarations").glob("*/index.html")):
        if 'id="mesure-seao"' in page.read_text("utf-8"):
            return page.parent.name
    raise AssertionError("no declaration page shows SEAO figures")


def test_seao_sections_are_shown_and_have_no_violation(browser, site_server, built_site):
    context = browser.new_context(locale="fr-CA")
    try:
        _check(context.new_page(), site_server, built_site)
    finally:
        context.close()


def _check(page, site_server, built_site) -> None:
    targets = {
        f"entreprises/{_first_matched_enterprise(built_site)}/": ("#contrats-seao", "#tableau-seao-contrats tbody tr"),
        f"declarations/{_first_measured_declaration(built_site)}/": ("#mesure-seao", "#tableau-seao-organisme tbody tr"),
        "indicateurs/": ("#seao", "#graphique-seao-annees"),
        "occasions/": ("#occasions-par-secteur", "[data-seao-avis]"),
    }
    found = []
    for path, (heading, content) in targets.items():
        page.goto(site_server + path, wait_until="load")
        assert page.locator(heading).first.is_visible(), f"/{path}: {heading} is not shown"
        assert page.locator(content).count() >= 1, f"/{path}: {content} is missing"
        note = page.locator(".jachete-seao-source").first
        assert note.is_visible() and "borne inférieure" in note.inner_text(), f"/{path}: no source note"
        found += [f"/{path} : {v}" for v in gates.axe_violations(page)]
    assert not found, "\n".join(found)
