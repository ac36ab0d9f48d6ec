"""Rule tables (components) and the rules JSON: one data file, every rule sourced and dated."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import html5lib
import jsonschema
import pytest

from jachete import features, fmt, site
from jachete.model import Registry
from jachete.rules import engine, feature
from jachete.rules.tables import STATUS_LABELS
from jachete.rules.validate import RULES_PATH, load_rules

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)
NAMES = {"seuils", "regles-publics", "regles-municipaux", "regles-sources", "regles-formulaire"}


def ctx_for(data=None, today=TODAY, root=REPO):
    return site.Context(Registry(None, (), (), regles=data), site.Settings(today=today, root=root))


def text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def parse(html: str):
    return html5lib.parse(html, namespaceHTMLElements=False)


@pytest.fixture(scope="module")
def rules():
    data, problems = load_rules(REPO)
    assert data is not None, problems
    return data


@pytest.fixture(scope="module")
def components(rules):
    return feature.components(ctx_for(rules))


def test_feature_is_registered_and_provides_every_marker():
    assert feature in features.FEATURES
    assert set(feature.components(ctx_for())) == NAMES


def test_rules_page_holds_every_table_marker():
    page = (REPO / "content" / "regles" / "index.md").read_text(encoding="utf-8")
    for name in ("seuils", "regles-publics", "regles-municipaux", "regles-sources"):
        assert site.MARKER.format(name=name) in page
    finder = (REPO / "content" / "regles" / "trouver.md").read_text(encoding="utf-8")
    assert site.MARKER.format(name="regles-formulaire") in finder
    assert site.MARKER.format(name="regles-municipaux") in finder


def test_components_have_no_blank_line_and_no_script(components):
    for name, html in components.items():
        assert "\n\n" not in html, name
        assert "<script" not in html.lower(), name
        doc = parse(html)
        assert not [k for el in doc.iter() for k in el.attrib if k.lower().startswith("on")], name


def test_every_rule_shown_carries_its_source_and_check_date(rules, components):
    sources = {s["id"]: s["url"] for s in rules["sources"]}
    shown = {}
    for name in ("regles-publics", "regles-municipaux"):
        for el in parse(components[name]).iter():
            if "jachete-regle" in (el.get("class") or "").split():
                assert el.get("data-regle") not in shown
                shown[el.get("data-regle")] = el
    entries = rules["regles"] + rules["remarques"]
    assert set(shown) == {r["id"] for r in entries}
    for entry in entries:
        el = shown[entry["id"]]
        links = {a.get("href") for a in el.iter("a")}
        for ref in entry["references"]:
            assert sources[ref["source"]] in links, entry["id"]
        assert f"vérifié le {fmt.date_fr(dt.date.fromisoformat(entry['verifie_le']))}" in text(el), entry["id"]


def test_every_threshold_period_shows_amount_status_sources_and_date(rules, components):
    doc = parse(components["seuils"])
    for serie in rules["seuils"]:
        table = next(t for t in doc.iter("table") if t.get("id") == f"seuil-{serie['id']}")
        rows = list(table.find("tbody"))
        assert len(rows) == len(serie["periodes"])
        for row, period in zip(rows, serie["periodes"], strict=True):
            row_text = text(row)
            assert " ".join(fmt.money(period["montant"]).split()) in row_text
            assert STATUS_LABELS[period["statut"]] in row_text
            assert "vérifié le" in row_text
            links = {a.get("href") for a in row.iter("a")}
            assert len(links) >= len(period["sources"])


def test_unconfirmed_values_are_shown_as_such(rules, components):
    shown = " ".join(text(parse(components[n])) for n in ("seuils", "regles-publics", "regles-municipaux"))
    unconfirmed = [p for s in rules["seuils"] for p in s["periodes"] if p["statut"] != "confirme"]
    unconfirmed += [r for r in rules["regles"] + rules["remarques"] if r["statut"] != "confirme"]
    assert unconfirmed, "the data has derived values: they must be visible"
    for item in unconfirmed:
        label = f"{STATUS_LABELS[item['statut']]} auprès {item['a_confirmer_aupres']}"
        assert label in shown, label


def test_bylaw_band_says_the_municipal_bylaw_decides(components):
    doc = parse(components["regles-municipaux"])
    assert "règlement de gestion contractuelle" in text(doc)
    assert "gré à gré si le règlement de gestion contractuelle le prévoit" in text(doc)


@pytest.mark.parametrize("regime", ["municipal", "public"])
def test_every_table_cell_is_the_engines_answer(rules, components, regime):
    """Guide and finder cannot disagree: each cell, for each supplier and contract of its row,
    at the lowest and the highest amount of its column, is what the engine answers."""
    doc = parse(components[f"regles-{regime}s" if regime == "public" else "regles-municipaux"])
    buyers = [b for b in rules["acheteurs"] if b["regime"] == regime]
    tables = [t for t in doc.iter("table") if (t.get("id") or "").startswith("procedures-")]
    assert [t.get("id") for t in tables] == [f"procedures-{b['id']}" for b in buyers]
    checked = set()
    for table, buyer in zip(tables, buyers, strict=True):
        lows = [float(th.get("data-montant")) for th in table.find("thead").iter("th") if th.get("data-montant")]
        highs = [x - 0.01 for x in lows[1:]] + [10_000_000]
        for tr in table.find("tbody"):
            for td, low, high in zip(tr.findall("td"), lows, highs, strict=True):
                for f in tr.get("data-fournisseurs").split():
                    for c in tr.get("data-contrats").split():
                        for amount in (low, high):
                            answer = engine.resolve(rules, engine.Query(buyer["id"], f, c, amount, TODAY.isoformat()))
                            assert answer["regle"] == td.get("data-regle")
                            assert answer["procedures"] == td.get("data-procedures").split()
                            assert answer["selon_reglement"] == td.get("data-selon-reglement").split()
                        checked.add((buyer["id"], f, c))
    # Every buyer x supplier x contract appears in exactly the tables of its regime.
    assert len(checked) == len(buyers) * len(rules["fournisseurs"]) * len(rules["contrats"])


def test_municipal_table_shows_the_obnl_exception_and_the_threshold(components):
    doc = parse(components["regles-municipaux"])
    table = next(t for t in doc.iter("table") if t.get("id") == "procedures-municipal")
    headers = [text(th) for th in table.find("thead").iter("th")]
    money = " ".join(fmt.money(139_000).split())
    assert headers[1:] == [f"Moins de {' '.join(fmt.money(25_000).split())}", f"De 25 000 $ à moins de {money}", f"{money} et plus"]
    row = next(tr for tr in table.find("tbody") if tr.get("data-contrats") == "services assurance")
    assert row.get("data-fournisseurs") == "obnl"
    assert {td.get("data-regle") for td in row.findall("td")} == {"municipal-obnl-services-assurance"}


def test_form_is_accessible_and_a_plain_get_form(components):
    doc = parse(components["regles-formulaire"])
    form = next(doc.iter("form"))
    assert form.get("method") == "get" and form.get("action") == ""
    assert form.find(".//fieldset/legend") is not None
    labels = {lab.get("for") for lab in doc.iter("label")}
    fields = [el for el in form.iter() if el.tag in ("select", "input")]
    assert {f.get("name") for f in fields} == {"acheteur", "fournisseur", "contrat", "montant", "date"}
    assert all(f.get("id") in labels for f in fields)
    live = next(el for el in doc.iter() if el.get("id") == "regles-reponse")
    assert live.get("aria-live") == "polite"
    assert not any(k.startswith("on") for el in doc.iter() for k in el.attrib)


def test_json_export_is_the_rules_data(rules):
    (output,) = feature.outputs(ctx_for(rules))
    assert output.path == "regles/regles.json"
    exported = json.loads(output.content)
    assert {k: v for k, v in exported.items() if k != "$schema"} == rules
    # The export is valid against the published schema, so reusers can check it.
    schema = json.loads((REPO / "data" / "schemas" / "regles.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(exported)


def test_changing_a_threshold_changes_tables_json_and_answers(tmp_path):
    """Guide tables and finder read the same file: edit it, both change."""
    for name in ("rules", "schemas", "reference"):
        shutil.copytree(REPO / "data" / name, tmp_path / "data" / name)
    query = engine.Query("municipal", "autre", "services", 139_500, "2026-11-27")

    def snapshot():
        ctx = ctx_for(root=tmp_path)  # no rules in the registry: the feature reads the data folder's file
        comps = feature.components(ctx)
        exported = json.loads(feature.outputs(ctx)[0].content)
        return comps, exported

    before, json_before = snapshot()
    assert engine.resolve(json_before, query)["procedures"] == ["appel-offres-public"]
    path = tmp_path / RULES_PATH
    text_before = path.read_text(encoding="utf-8")
    old = "      - debut: 2026-01-01\n        fin: 2027-12-31\n        montant: 139000\n        statut: derive\n" \
          "        a_confirmer_aupres: du MAMH"
    assert text_before.count(old) == 1
    path.write_text(text_before.replace(old, old.replace("139000", "140000")), encoding="utf-8")
    after, json_after = snapshot()

    money_old, money_new = fmt.money(139_000), fmt.money(140_000)
    assert money_old in before["regles-municipaux"] and money_new not in before["regles-municipaux"]
    assert money_new in after["regles-municipaux"] and money_old not in after["regles-municipaux"]
    assert money_new in after["seuils"] and money_new not in before["seuils"]
    assert engine.resolve(json_after, query)["procedures"] == ["appel-offres-invitation", "appel-offres-public"]
    municipal = next(s for s in json_after["seuils"] if s["id"] == "municipal-appel-offres-public")
    assert municipal["periodes"][-1]["montant"] == 140_000
