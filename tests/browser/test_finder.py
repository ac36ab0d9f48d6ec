"""The rule finder (/regles/trouver/) in a real browser: same answers as the Python engine.

The case table is the one of tests/test_rules_engine.py (expected answers written from the
law); the page is opened with each case in its URL, as a shared link would be.
"""

from __future__ import annotations

import itertools
import json
from urllib.parse import urlencode

import pytest

from jachete.rules import engine
from test_rules_engine import CASES, case_id

pytestmark = pytest.mark.browser

FINDER = "regles/trouver/"


@pytest.fixture(scope="module")
def page(browser, site_server):
    context = browser.new_context(locale="fr-CA")
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if "regles" in msg.text else None)
    yield pg
    context.close()


def open_case(page, base, params) -> dict:
    page.goto(base + FINDER + "?" + urlencode(params))
    box = page.locator("#regles-reponse")
    page.wait_for_selector("#regles-reponse[data-statut]", timeout=10_000)
    return {
        "statut": box.get_attribute("data-statut"),
        "procedures": (box.get_attribute("data-procedures") or "").split(),
        "selon_reglement": (box.get_attribute("data-selon-reglement") or "").split(),
        "text": " ".join(box.inner_text().split()),
    }


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_finder_gives_the_answers_of_the_case_table(page, site_server, case):
    acheteur, fournisseur, contrat, montant, date, expected = case
    got = open_case(page, site_server, {"acheteur": acheteur, "fournisseur": fournisseur, "contrat": contrat,
                                        "montant": montant, "date": date})
    if isinstance(expected, str):
        assert got["statut"] == expected
    else:
        assert got["statut"] == "ok"
        assert sorted(got["procedures"]) == sorted(expected[0])
        assert sorted(got["selon_reglement"]) == sorted(expected[1])
    assert page.errors == []


# The part of an answer both engines must agree on, kept small for the page-to-test transfer.
PROJECT = """(a) => [a.statut, a.champ || null, a.serie || null, a.regle || null, a.procedures || null,
    a.selon_reglement || null, (a.bornes || []).map((b) => [b.serie, b.debut, b.montant]),
    a.seuil_applicable ? [a.seuil_applicable.serie, a.seuil_applicable.debut] : null, a.remarques || null]"""


def project(a: dict) -> list:
    seuil = a.get("seuil_applicable")
    return [a["statut"], a.get("champ"), a.get("serie"), a.get("regle"), a.get("procedures"),
            a.get("selon_reglement"), [[b["serie"], b["debut"], b["montant"]] for b in a.get("bornes", [])],
            [seuil["serie"], seuil["debut"]] if seuil else None, a.get("remarques")]


def test_javascript_engine_equals_python_engine_on_a_grid(page, site_server, built_site):
    """Every buyer, supplier and contract, at each threshold that applies to it (and one dollar
    below), on the first and last day of every period."""
    data = json.loads((built_site / "regles" / "regles.json").read_text(encoding="utf-8"))
    series = {s["id"]: s for s in data["seuils"]}
    dates = {"2017-12-31", "2028-01-01"}
    for period in itertools.chain.from_iterable(s["periodes"] for s in data["seuils"]):
        dates |= {period["debut"], period.get("fin", period["debut"])}
    buyers = data["acheteurs"] + [dict(b, id=b["alias"][0]) for b in data["acheteurs"] if b.get("alias")]
    queries = []
    for buyer, contrat in itertools.product(buyers, data["contrats"]):
        names = {buyer["seuils"][contrat["id"]], "municipal-invitation"}
        amounts = {0, 1} | {p["montant"] + d for n in names for p in series[n]["periodes"] for d in (-1, 0)}
        for f, m, d in itertools.product(data["fournisseurs"], sorted(amounts), sorted(dates)):
            queries.append({"acheteur": buyer["id"], "fournisseur": f["id"], "contrat": contrat["id"],
                            "montant": m, "date": d})
    assert len(queries) > 5_000
    page.goto(site_server + FINDER)
    # Strings cross the page boundary much faster than large structures.
    got = json.loads(page.evaluate(
        "async (queries) => {"
        ' const data = await (await fetch("../regles.json")).json();'
        f" const project = {PROJECT};"
        " return JSON.stringify(JSON.parse(queries).map((q) => project(window.jacheteRegles.resolve(data, q))));"
        "}",
        json.dumps(queries),
    ))
    expected = [project(engine.resolve(data, engine.Query(**q))) for q in queries]
    mismatches = [(q, g, e) for q, g, e in zip(queries, got, expected, strict=True) if g != e]
    assert mismatches[:5] == []


def test_answer_explains_cites_and_dates(page, site_server):
    got = open_case(page, site_server, {"acheteur": "municipal", "fournisseur": "cooperative", "contrat": "services",
                                        "montant": "121 200", "date": "2026-11-27"})
    assert got["statut"] == "ok"
    text = got["text"]
    assert "121 200 $" in text  # the amount typed with a space, shown « 121 200 $ »
    assert "139 000 $" in text and "Déduit des sources, à confirmer auprès du MAMH" in text
    assert "vérifié le 27 novembre 2026" in text
    assert "règlement de gestion contractuelle" in text
    assert "désignée par le ministre" in text  # why the cooperative gets no exception
    hrefs = page.eval_on_selector_all("#regles-reponse a[href^='http']", "els => els.map(e => e.href)")
    assert any("legisquebec" in h for h in hrefs)
    box = page.locator("#regles-reponse")
    assert box.get_attribute("aria-live") == "polite"


def test_form_state_lives_in_the_url(page, site_server):
    page.goto(site_server + FINDER)
    assert page.input_value("#regles-date")  # defaults to today
    page.select_option("#regles-acheteur", "municipal")
    page.select_option("#regles-fournisseur", "obnl")
    page.select_option("#regles-contrat", "services")
    page.fill("#regles-montant", "200000")
    page.fill("#regles-date", "2026-11-27")
    page.click("#regles-trouver button[type=submit]")
    page.wait_for_selector("#regles-reponse[data-statut]")
    assert "acheteur=municipal" in page.url and "montant=200000" in page.url and "date=2026-11-27" in page.url
    assert page.get_attribute("#regles-reponse", "data-procedures").split()[0] == "gre-a-gre"
    # The shared URL, opened afresh, gives the same answer and refills the form.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    page.wait_for_selector("#regles-reponse[data-statut]")
    assert page.input_value("#regles-montant") == "200000"
    assert page.get_attribute("#regles-reponse", "data-regle") == "municipal-obnl-services-assurance"


def test_without_javascript_the_tables_show_and_the_form_still_submits(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto(site_server + FINDER + "?acheteur=municipal&fournisseur=obnl&contrat=services&montant=5")
        assert pg.is_visible("#procedures-municipal")
        assert pg.is_visible("#procedures-ministere")
        assert pg.inner_text("#regles-reponse").strip() == ""
        pg.select_option("#regles-fournisseur", "mutuelle")
        pg.fill("#regles-montant", "30000")
        pg.click("#regles-trouver button[type=submit]")
        pg.wait_for_load_state()
        assert "/regles/trouver/?" in pg.url and "fournisseur=mutuelle" in pg.url and "montant=30000" in pg.url
        assert pg.is_visible("#procedures-municipal")
    finally:
        context.close()


def test_finder_is_accessible(page, site_server):
    from axe_playwright_python.sync_playwright import Axe

    open_case(page, site_server, {"acheteur": "ministere", "fournisseur": "obnl", "contrat": "approvisionnement",
                                  "montant": 50_000, "date": "2026-11-27"})
    results = Axe().run(page, context={"include": [["#regles-trouver"], ["#regles-reponse"]]},
                        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()


def test_rule_tables_are_accessible(page, site_server):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_server + "regles/")
    results = Axe().run(page, context={"include": [[".jachete-regles"]]},
                        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()
