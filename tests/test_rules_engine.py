"""The rule engine against a case table written from the law (not from the data file).

Expected answers follow LCV 573, 573.1, 573.3 (CM 935, 936, 938) and LCOP 10 and 13 with
the thresholds of each period: municipal 101 100 $ (from 2018-04-19), 105 700 $ (2020),
121 200 $ (from 2022-10-07), 133 800 $ (2024-2025), 139 000 $ (2026-2027); invitation
floor 25 000 $; LCOP ministries goods 30 300 $ (2022-2023), 33 400 $ (2024-2025),
34 700 $ (2026-2027), services 139 000 $ (2026-2027); health and education networks goods
and services 121 200 $ (2022-2023), 139 000 $ (2026-2027). The same CASES run through the
finder page in a browser (tests/browser/test_finder.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jachete.rules import engine
from jachete.rules.validate import load_rules

REPO = Path(__file__).resolve().parent.parent

G, I, P = "gre-a-gre", "appel-offres-invitation", "appel-offres-public"
ANY = (G, I, P)  # no tendering duty: every procedure is open, mutual agreement included
BYLAW = ((I, P), (G,))  # 25 000 $ to threshold: invitation; by-law may allow mutual agreement
TENDER = ((P,), ())  # at or above the threshold: public tender only
BELOW_LCOP = ((P,), (I, G))  # LCOP below threshold: the body's own rules decide
FREE = (ANY, ())
TODAY = "2026-11-27"

# (acheteur, fournisseur, contrat, montant, date, expected)
# expected = (procedures, selon_reglement) for an answer, or a status string.
CASES = [
    # Municipal, general rules, around 25 000 $ and the 2026-2027 threshold (139 000 $).
    ("municipal", "autre", "approvisionnement", 24_999, TODAY, FREE),
    ("municipal", "autre", "approvisionnement", 25_000, TODAY, BYLAW),
    ("municipal", "autre", "approvisionnement", 138_999, TODAY, BYLAW),
    ("municipal", "autre", "approvisionnement", 139_000, TODAY, TENDER),
    ("municipal", "autre", "construction", 139_000, TODAY, TENDER),
    # OBNL exception (LCV 573.3 al. 1 par. 2.1): services and insurance, any amount.
    ("municipal", "obnl", "services", 200_000, TODAY, FREE),
    ("municipal", "obnl", "services", 24_999, TODAY, FREE),
    ("municipal", "obnl", "assurance", 5_000_000, TODAY, FREE),
    # ... but not residual-materials services, nor goods or construction.
    ("municipal", "obnl", "services-matieres-residuelles", 139_000, TODAY, TENDER),
    ("municipal", "obnl", "services-matieres-residuelles", 25_000, TODAY, BYLAW),
    ("municipal", "obnl", "services-matieres-residuelles", 24_999, TODAY, FREE),
    ("municipal", "obnl", "approvisionnement", 150_000, TODAY, TENDER),
    ("municipal", "obnl", "construction", 138_999, TODAY, BYLAW),
    # Cooperatives: only a designated solidarity cooperative, for services (par. 2.2).
    ("municipal", "cooperative", "services", 139_000, TODAY, TENDER),
    ("municipal", "cooperative", "services", 50_000, TODAY, BYLAW),
    ("municipal", "cooperative-solidarite-designee", "services", 500_000, TODAY, FREE),
    ("municipal", "cooperative-solidarite-designee", "services-matieres-residuelles", 500_000, TODAY, FREE),
    ("municipal", "cooperative-solidarite-designee", "approvisionnement", 139_000, TODAY, TENDER),
    ("municipal", "mutuelle", "assurance", 139_000, TODAY, TENDER),
    # Threshold changes across dates.
    ("municipal", "autre", "services", 121_199, "2022-10-07", BYLAW),
    ("municipal", "autre", "services", 121_200, "2022-10-07", TENDER),
    ("municipal", "autre", "services", 110_000, "2022-10-06", TENDER),
    ("municipal", "autre", "services", 110_000, "2022-10-07", BYLAW),
    ("municipal", "autre", "services", 135_000, "2025-12-31", TENDER),
    ("municipal", "autre", "services", 135_000, "2026-01-01", BYLAW),
    ("municipal", "autre", "construction", 101_100, "2019-06-01", TENDER),
    ("municipal", "autre", "construction", 101_099, "2019-06-01", BYLAW),
    # A finer body type maps to the municipal regime.
    ("municipalite", "obnl", "services", 1_000_000, TODAY, FREE),
    ("regie-intermunicipale", "cooperative", "services", 24_999, TODAY, FREE),
    # Outside the encoded period.
    ("municipal", "autre", "services", 50_000, "2017-06-01", "hors-couverture"),
    ("municipal", "autre", "services", 50_000, "2028-01-01", "hors-couverture"),
    # LCOP: no legal-form exception; ministries' goods threshold is low.
    ("ministere", "obnl", "approvisionnement", 34_699, TODAY, BELOW_LCOP),
    ("ministere", "obnl", "approvisionnement", 34_700, TODAY, TENDER),
    ("ministere", "cooperative", "services", 138_999, TODAY, BELOW_LCOP),
    ("ministere", "cooperative", "services", 139_000, TODAY, TENDER),
    ("ministere", "cooperative-solidarite-designee", "services", 200_000, TODAY, TENDER),
    ("ministere", "obnl", "approvisionnement", 33_000, "2023-12-31", TENDER),
    ("ministere", "obnl", "approvisionnement", 33_000, "2024-01-01", BELOW_LCOP),
    ("organisme-public", "mutuelle", "services", 10_000, TODAY, BELOW_LCOP),
    ("public", "obnl", "approvisionnement", 34_700, TODAY, TENDER),  # ministries' goods threshold, the lowest
    ("public", "obnl", "construction", 100_000, TODAY, TENDER),  # networks' construction threshold, the lowest
    ("ministere", "obnl", "construction", 100_000, TODAY, BELOW_LCOP),
    ("sante-services-sociaux", "obnl", "approvisionnement", 138_999, TODAY, BELOW_LCOP),
    ("sante-services-sociaux", "obnl", "approvisionnement", 139_000, TODAY, TENDER),
    ("sante-services-sociaux", "obnl", "services", 500_000, TODAY, TENDER),
    ("education", "cooperative", "services", 121_199, "2022-06-01", BELOW_LCOP),
    ("education", "cooperative", "services", 121_200, "2022-06-01", TENDER),
    ("education", "obnl", "services-matieres-residuelles", 1_000, TODAY, BELOW_LCOP),
    # No threshold known for LCOP bodies in 2020-2021.
    ("ministere", "autre", "services", 50_000, "2021-06-01", "seuil-inconnu"),
    # Bad input.
    ("municipal", "obnl", "services", -5, TODAY, "invalide"),
    ("inconnu", "obnl", "services", 5, TODAY, "invalide"),
]


def case_id(case) -> str:
    return f"{case[0]}-{case[1]}-{case[2]}-{case[3]}-{case[4]}"


@pytest.fixture(scope="module")
def rules():
    data, problems = load_rules(REPO)
    assert data is not None, [p.format() for p in problems]
    return data


def check(answer: dict, expected) -> None:
    if isinstance(expected, str):
        assert answer["statut"] == expected
        return
    procedures, by_law = expected
    assert answer["statut"] == "ok"
    assert sorted(answer["procedures"]) == sorted(procedures)
    assert sorted(answer["selon_reglement"]) == sorted(by_law)


def test_case_table_is_large_enough():
    assert len(CASES) >= 30
    amounts = {c[3] for c in CASES}
    assert {24_999, 25_000, 138_999, 139_000} <= amounts


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_engine_answers_from_the_law(rules, case):
    acheteur, fournisseur, contrat, montant, date, expected = case
    check(engine.resolve(rules, engine.Query(acheteur, fournisseur, contrat, montant, date)), expected)


def test_remarks_explain_why_no_exception(rules):
    def notes(*q):
        return engine.resolve(rules, engine.Query(*q))["remarques"]

    assert "municipal-obnl-matieres-residuelles" in notes("municipal", "obnl", "services-matieres-residuelles",
                                                         200_000, TODAY)
    assert "municipal-cooperative-non-designee" in notes("municipal", "cooperative", "services", 200_000, TODAY)
    assert "public-forme-juridique" in notes("ministere", "obnl", "services", 200_000, TODAY)
    assert notes("municipal", "obnl", "services", 200_000, TODAY) == []


def test_answer_names_the_threshold_in_force(rules):
    answer = engine.resolve(rules, engine.Query("municipal", "autre", "services", 200_000, "2024-06-01"))
    assert answer["seuil_applicable"]["montant"] == 133_800
    assert answer["seuil_applicable"]["statut"] == "derive"
    answer = engine.resolve(rules, engine.Query("municipal", "autre", "services", 200_000, "2023-06-01"))
    assert answer["seuil_applicable"]["montant"] == 121_200
    assert answer["seuil_applicable"]["statut"] == "confirme"


def test_first_matching_rule_wins_so_order_matters(rules):
    # Moving the OBNL exception after the general rules must change the answer: the data decides.
    reordered = dict(rules, regles=rules["regles"][1:] + rules["regles"][:1])
    q = engine.Query("municipal", "obnl", "services", 200_000, TODAY)
    assert engine.resolve(rules, q)["procedures"] == list(ANY)
    assert engine.resolve(reordered, q)["procedures"] == [P]


def test_every_body_type_of_the_registry_maps_to_its_regime(rules):
    """A declaration's organisme.type (types-organismes.yml) can be used as the finder's acheteur."""
    from jachete.reference import load_reference

    types = load_reference(REPO).types_organismes
    assert types
    for type_id, term in types.items():
        buyer = engine.find_buyer(rules, type_id)
        assert buyer is not None, type_id
        assert buyer["regime"] == term.extra["regime"], type_id


def test_date_defaults_to_today(rules):
    import datetime as dt

    undated = engine.resolve(rules, engine.Query("municipal", "autre", "services", 50_000))
    dated = engine.resolve(rules, engine.Query("municipal", "autre", "services", 50_000, dt.date.today().isoformat()))
    assert undated == dated
