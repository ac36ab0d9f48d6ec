"""One test per rule between records (and the rules the schema cannot express)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from jachete.bodies import normalise_name
from jachete.checks import neq_check_digit_ok
from jachete.registry import load
from jachete.weburl import site_of

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 27)


def make_repo(tmp_path: Path) -> Path:
    for part in ("reference", "schemas"):
        shutil.copytree(ROOT / "data" / part, tmp_path / "data" / part)
    (tmp_path / "data" / "enterprises").mkdir()
    (tmp_path / "data" / "declarations").mkdir()
    return tmp_path


def put(repo: Path, folder: str, record_id: str, fixture: str, edits: dict | None = None) -> None:
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    old_id = text.split("\nid: ", 1)[1].split("\n", 1)[0]
    text = text.replace(f"id: {old_id}", f"id: {record_id}", 1)
    for old, new in (edits or {}).items():
        assert old in text
        text = text.replace(old, new)
    (repo / "data" / folder / f"{record_id}.yml").write_text(text, encoding="utf-8")


def codes(problems):
    return [(p.path, p.code, p.key) for p in problems]


DECL = "declaration/valid/municipalite-complete.yml"
ENT = "enterprise/valid/obnl-minimal.yml"


def test_clean_repo_builds_a_registry(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "enterprises", "atelier", ENT)
    put(repo, "declarations", "ville", DECL)
    registry, problems, checked = load(repo, today=TODAY)
    assert problems == [] and checked == 2
    assert [e.id for e in registry.enterprises] == ["atelier"]
    assert registry.declarations[0].adoptee_le == dt.date(2026, 3, 14)
    assert registry.declarations[0].source_path == "data/declarations/ville.yml"


def test_duplicate_id_across_files(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "enterprises", "atelier", ENT)
    put(repo, "enterprises", "atelier-2", ENT, {"id: atelier-2": "id: atelier"})
    registry, problems, _ = load(repo, today=TODAY)
    assert registry is None
    assert codes(problems) == [("data/enterprises/atelier-2.yml", "id-duplique", "id"),
                               ("data/enterprises/atelier-2.yml", "id-nom-fichier", "id")]


def test_same_id_in_different_kinds_is_allowed(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "enterprises", "meme-nom", ENT)
    put(repo, "declarations", "meme-nom", DECL)
    assert load(repo, today=TODAY)[1] == []


def test_duplicate_declaration_same_code_geo(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "declarations", "ville-a", DECL)
    put(repo, "declarations", "ville-b", DECL, {"nom: Ville de Rivière-aux-Saules": "nom: Autre nom"})
    _, problems, _ = load(repo, today=TODAY)
    assert codes(problems) == [("data/declarations/ville-b.yml", "declaration-dupliquee", "organisme.code_geo")]


def test_duplicate_declaration_same_normalised_name_and_type(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "declarations", "ville-a", DECL, {'  code_geo: "99901"\n': ""})
    put(repo, "declarations", "ville-b", DECL, {'  code_geo: "99901"\n': "",
                                                "nom: Ville de Rivière-aux-Saules": "nom: VILLE DE RIVIERE AUX SAULES"})
    _, problems, _ = load(repo, today=TODAY)
    assert codes(problems) == [("data/declarations/ville-b.yml", "declaration-dupliquee", "organisme.nom")]


def test_the_mrc_of_the_same_name_is_not_a_duplicate(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "declarations", "ville-a", DECL, {'  code_geo: "99901"\n': ""})
    put(repo, "declarations", "ville-b", DECL, {'  code_geo: "99901"\n': "", "  type: municipalite": "  type: mrc",
                                                "nom: Ville de Rivière-aux-Saules": "nom: MRC de Rivière-aux-Saules",
                                                "riviere-aux-saules.example.ca": "mrc-riviere-aux-saules.example.ca"})
    assert load(repo, today=TODAY)[1] == []


def test_demo_records_are_validated_but_left_out(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "declarations", "ville", DECL)  # exemple: true
    put(repo, "enterprises", "atelier", ENT)  # a real record
    registry, _, checked = load(repo, include_demo=False, today=TODAY)
    assert checked == 2 and registry.declarations == () and len(registry.enterprises) == 1
    put(repo, "declarations", "ville-2", DECL, {"adoptee_le: 2026-03-14": "adoptee_le: 2026-02-30",
                                                 '"99901"': '"99902"', "Saules\n": "Saules 2\n",
                                                 "riviere-aux-saules.example": "riviere-aux-saules-2.example"})
    registry, problems, _ = load(repo, include_demo=False, today=TODAY)
    assert registry is None and [p.code for p in problems] == ["date-invalide"]


def test_today_defaults_to_the_real_date(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "declarations", "ville", DECL, {"adoptee_le: 2026-03-14": "adoptee_le: 2099-01-01"})
    assert [p.code for p in load(repo)[1]] == ["date-future"]


def test_warnings_do_not_block_the_registry(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "enterprises", "atelier", ENT, {'neq: "1142345678"': 'neq: "1142345679"'})
    registry, problems, _ = load(repo, today=TODAY)
    assert registry is not None and [p.code for p in problems] == ["neq-chiffre-controle"]


def test_neq_check_digit_rule():
    assert neq_check_digit_ok("1142345678")
    assert neq_check_digit_ok("3361234563")
    assert not neq_check_digit_ok("1142345679")


def test_official_domain_comparison():
    assert site_of("https://www.Ville.example.ca/x") == "ville.example.ca"
    assert site_of("HTTPS://ville.example.ca.:8443/") == "ville.example.ca"
    # A refused address has no host to compare: its own error is reported instead.
    assert site_of("https://user@ville.example.ca:8443/") == ""
    assert site_of(42) == "" and site_of("https://[::1") == ""


def test_name_normalisation():
    assert normalise_name("  Ville de Rivière-aux-Saules ") == normalise_name("ville de riviere aux saules")


def test_not_a_number_and_infinity_are_refused(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "enterprises", "atelier", ENT, {"mise_a_jour: 2026-06-15": "mise_a_jour: 2026-06-15\ncoordonnees:\n"
                                                                        "  latitude: .nan\n  longitude: -.inf"})
    _, problems, _ = load(repo, today=TODAY)
    assert [(p.code, p.key, p.line) for p in problems] == [
        ("valeur-hors-limites", "coordonnees.latitude", 19), ("valeur-hors-limites", "coordonnees.longitude", 20)]
    assert problems[0].message == "nombre invalide « .nan » : attendu un nombre ordinaire (ex. 46.34)"


def test_blank_text_counts_as_empty(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "enterprises", "atelier", ENT, {"nom: Atelier vélo solidaire": 'nom: "   "'})
    _, problems, _ = load(repo, today=TODAY)
    assert [(p.code, p.key, p.line, p.col) for p in problems] == [("texte-vide", "nom", 3, 6)]


def test_phone_formats(tmp_path):
    repo = make_repo(tmp_path)
    for i, phone in enumerate(["819 555-0142", "(819) 555-0142 poste 12", "+1 819-555-0142", "1 800 555-0199"]):
        put(repo, "enterprises", f"tel-{i}", ENT, {"mise_a_jour:": f'telephone: "{phone}"\nmise_a_jour:'})
    put(repo, "enterprises", "tel-x", ENT, {"mise_a_jour:": 'telephone: "819 555"\nmise_a_jour:'})
    _, problems, _ = load(repo, today=TODAY)
    assert [(p.path, p.code) for p in problems] == [("data/enterprises/tel-x.yml", "telephone-invalide")]


def test_every_problem_stays_on_one_line(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "enterprises", "atelier", ENT, {"id: atelier": 'id: "a\\nb\\u2028c"',
                                              "mise_a_jour: 2026-06-15": 'mise_a_jour: "2026\\r\\n-06"\n'
                                              + "k" * 1000 + ": 1",
                                              'neq: "1142345678"': "neq: " + "9" * 4000})
    _, problems, _ = load(repo, today=TODAY)
    codes = {p.code for p in problems}
    assert {"id-invalide", "id-nom-fichier", "date-invalide", "champ-inconnu", "type-invalide"} <= codes
    for p in problems:
        assert "\n" not in p.format() and "\r" not in p.format() and "\u2028" not in p.format()
        assert len(p.format()) < 1500


def test_odd_shapes_never_show_python_values(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "enterprises", "atelier", ENT, {"secteurs: [insertion-emploi, transport]": "secteurs: [[a], [a]]",
                                              'region: "06"': "region: {a: 1}", 'mrc: "66"': "mrc: [1, 2]",
                                              "municipalite: Montréal": "municipalite: null"})
    _, problems, _ = load(repo, today=TODAY)
    assert {p.code for p in problems} == {"type-invalide", "liste-doublon"}
    for p in problems:
        assert not any(s in p.message for s in ("['", "{'", "None", "[1", "True", "False")), p.message


def test_duplicate_declaration_under_a_variant_name(tmp_path):
    # « Rivière-aux-Saules (Ville) » is « Ville de Rivière-aux-Saules »: same body, no code to tell.
    repo = make_repo(tmp_path)
    put(repo, "declarations", "ville-a", DECL, {'  code_geo: "99901"\n': ""})
    put(repo, "declarations", "ville-b", DECL, {'  code_geo: "99901"\n': "",
                                                "nom: Ville de Rivière-aux-Saules": "nom: Rivière-aux-Saules (Ville)",
                                                "riviere-aux-saules.example": "saules.example"})
    _, problems, _ = load(repo, today=TODAY)
    assert [(p.path, p.code, p.key, p.line, p.col) for p in problems] == [
        ("data/declarations/ville-b.yml", "declaration-dupliquee", "organisme.nom", 4, 8)]
    assert "« Ville de Rivière-aux-Saules » (data/declarations/ville-a.yml:4:8)" in problems[0].message


def test_duplicate_declaration_under_another_body_type(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "declarations", "ville-a", DECL, {'  code_geo: "99901"\n': ""})
    put(repo, "declarations", "ville-b", DECL, {'  code_geo: "99901"\n': "",
                                                "  type: municipalite": "  type: autre-organisme-municipal",
                                                "nom: Ville de Rivière-aux-Saules": "nom: Rivière aux Saules",
                                                "riviere-aux-saules.example": "saules.example"})
    _, problems, _ = load(repo, today=TODAY)
    assert codes(problems) == [("data/declarations/ville-b.yml", "declaration-dupliquee", "organisme.nom")]


def test_homonyms_with_their_own_geographic_codes_are_two_bodies(tmp_path):
    repo = make_repo(tmp_path)
    put(repo, "declarations", "ville-a", DECL)
    put(repo, "declarations", "ville-b", DECL, {'"99901"': '"99909"', "riviere-aux-saules.example": "saules.example"})
    assert load(repo, today=TODAY)[1] == []


def test_same_official_site_is_told_with_the_other_file(tmp_path):
    # Another name, another type, no geographic code: only the official site is shared.
    repo = make_repo(tmp_path)
    put(repo, "declarations", "ville-a", DECL)
    put(repo, "declarations", "ville-b", DECL, {'  code_geo: "99901"\n': "", "  type: municipalite": "  type: mrc",
                                                "nom: Ville de Rivière-aux-Saules": "nom: Conseil des Saules",
                                                "site_web: https://riviere-aux-saules.example.ca/":
                                                "site_web: HTTPS://WWW.Riviere-aux-Saules.example.ca./accueil"})
    registry, problems, _ = load(repo, today=TODAY)
    assert registry is not None  # a warning: a site can be shared (a small municipality on its MRC's site)
    assert [(p.path, p.code, p.key, p.line, p.col, p.severity) for p in problems] == [
        ("data/declarations/ville-b.yml", "declaration-meme-site", "organisme.site_web", 6, 13, "warning")]
    assert "(data/declarations/ville-a.yml:6:13)" in problems[0].message


def test_body_names_meet_without_their_body_type_words():
    from jachete.bodies import body_key

    same = ["Ville de Port-Aurore", "Port-Aurore (Ville)", "PORT AURORE", "Municipalité de Port-Aurore",
            "Port-Aurore (Ville de)", "Ville  de   Port‑Aurore"]
    assert {body_key(n, "municipalite") for n in same} == {("port aurore", "local")}
    assert body_key("Ville de La Tuque", "municipalite") == body_key("La Tuque (Ville)", "municipalite")
    assert body_key("Municipalité de la paroisse de Saint-Jean", "municipalite") == ("saint jean", "local")
    assert body_key("MRC du Haut-Ruisseau", "mrc") == body_key("Haut-Ruisseau (MRC)", "autre-organisme-municipal")
    assert body_key("MRC de Port-Aurore", "mrc") != body_key("Ville de Port-Aurore", "municipalite")
    assert body_key("Ville", "municipalite") == ("ville", "local")  # a name is never emptied
    assert body_key("Ville-Marie", "municipalite")[0] == "marie"
    assert body_key("Sacré-Cœur (Municipalité)", "municipalite") == ("sacre coeur", "local")
