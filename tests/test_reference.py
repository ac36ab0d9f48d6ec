"""Reference data: the 17 regions, the 104 MRC/TE, vocabularies, and the schemas that mirror them."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from jachete.reference import load_reference

ROOT = Path(__file__).resolve().parents[1]
REF = load_reference(ROOT)


def schema(name):
    return json.loads((ROOT / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def test_seventeen_regions_with_official_names():
    assert list(REF.regions) == [f"{n:02d}" for n in range(1, 18)]
    assert REF.regions["02"].nom == "Saguenay\u2013Lac-Saint-Jean"
    assert REF.regions["11"].nom == "Gaspésie\u2013Îles-de-la-Madeleine"
    assert sum("\u2013" in r.nom for r in REF.regions.values()) == 2
    assert REF.regions["06"].nom == "Montréal" and REF.regions["17"].nom == "Centre-du-Québec"


def test_region_slugs_are_ascii_kebab_case():
    assert REF.regions["02"].slug == "saguenay-lac-saint-jean"
    assert REF.regions["11"].url_slug == "11-gaspesie-iles-de-la-madeleine"
    for region in REF.regions.values():
        assert region.slug.isascii() and region.slug == region.slug.lower() and "--" not in region.slug


def test_region_populations_sum_to_the_mamh_total():
    assert sum(r.population for r in REF.regions.values()) == 9_056_044


def test_104_mrc_and_equivalent_territories():
    assert len(REF.mrcs) == 104
    types = [m.type for m in REF.mrcs.values()]
    assert types.count("TE") == 17 and types.count("MRC") == 87
    assert all(m.region in REF.regions for m in REF.mrcs.values())
    assert {r for r in REF.regions} == {m.region for m in REF.mrcs.values()}


def test_known_mrc_placements():
    assert (REF.mrcs["371"].nom, REF.mrcs["371"].region, REF.mrcs["371"].type) == ("Trois-Rivières", "04", "TE")
    assert REF.mrcs["66"].region == "06" and REF.mrcs["66"].type == "TE"
    # SDA V2025-04 puts Brome-Missisquoi and La Haute-Yamaska in Estrie.
    assert REF.mrcs["46"].region == "05" and REF.mrcs["47"].region == "05"
    assert REF.mrcs["372"].nom == "Les Chenaux" and REF.mrcs["372"].type == "MRC"


def test_vocabularies_have_the_agreed_ids():
    assert list(REF.formes_juridiques) == ["cooperative", "mutuelle", "obnl"]
    assert list(REF.types_cooperatives) == ["consommateurs", "producteurs", "travail",
                                            "travailleurs-actionnaire", "solidarite"]
    assert len(REF.secteurs) == 24 and "insertion-emploi" in REF.secteurs
    for vocabulary in (REF.secteurs, REF.formes_juridiques, REF.types_cooperatives, REF.types_organismes):
        for term in vocabulary.values():
            assert term.label and term.description


def test_body_types_carry_their_regime():
    regimes = {t.id: t.extra["regime"] for t in REF.types_organismes.values()}
    assert [k for k, v in regimes.items() if v == "public"] == [
        "ministere", "organisme-public", "sante-services-sociaux", "education"]
    assert set(regimes.values()) == {"public", "municipal"}
    assert regimes["municipalite"] == regimes["mrc"] == "municipal"


def test_ten_largest_municipalities():
    villes = REF.grandes_villes
    assert [v.rang for v in villes] == list(range(1, 11))
    assert (villes[0].nom, villes[0].code_geo, villes[0].population) == ("Montréal", "66023", 1_948_747)
    assert (villes[9].nom, villes[9].region) == ("Terrebonne", "14")
    assert all(a.population > b.population for a, b in itertools.pairwise(villes))
    assert all(v.region in REF.regions and v.source and v.date for v in villes)


def test_schemas_enumerate_the_reference_vocabularies():
    ent, dec = schema("entreprise"), schema("declaration")
    props = ent["properties"]
    assert props["region"]["enum"] == list(REF.regions)
    assert props["regions_desservies"]["items"]["enum"] == list(REF.regions)
    assert props["mrc"]["enum"] == list(REF.mrcs)
    assert props["secteurs"]["items"]["enum"] == list(REF.secteurs)
    assert props["forme_juridique"]["enum"] == list(REF.formes_juridiques)
    assert props["cooperative"]["properties"]["type"]["enum"] == list(REF.types_cooperatives)
    org = dec["properties"]["organisme"]["properties"]
    assert org["type"]["enum"] == list(REF.types_organismes)
    assert org["region"]["enum"] == list(REF.regions)


def test_every_schema_property_has_a_french_title_and_description():
    def walk(node, where):
        for name, prop in node.get("properties", {}).items():
            assert prop.get("title") and prop.get("description"), f"{where}.{name}"
            walk(prop, f"{where}.{name}")
            walk(prop.get("items", {}), f"{where}.{name}[]")

    for name in ("entreprise", "declaration"):
        s = schema(name)
        assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert s["title"] and s["description"]
        walk(s, name)
