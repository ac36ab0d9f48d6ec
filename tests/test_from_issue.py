"""Issue forms and the issue-body converter (``jachete from-issue``, ``jachete forms``).

Bodies in tests/fixtures/issues/*.md are written the way GitHub renders a submitted
issue form. Each has the expected command output (``*.attendu.txt``) and, when valid,
the expected record file (``*.yml``), compared byte for byte. The bodies of UPDATES and
REFUSED are converted against the records of tests/fixtures/issues/existantes/.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jachete.cli import cli
from jachete.from_issue import FORMS, convert, detect_kind, sections, slug
from jachete.issue_forms import expected_forms, write_forms
from jachete.kinds.fields import field_table
from jachete.record_yaml import dump, update
from jachete.registry import validate_files
from jachete.review import md

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "issues"
TODAY = "2026-11-27"
VALID = ["declaration-valide", "declaration-avertissement", "declaration-hostile", "entreprise-valide"]
INVALID = ["declaration-invalide", "entreprise-invalide", "entreprise-secteur-inconnu"]
# Against existing records: the record written (merged) and the report (with its diff)...
UPDATES = ["suivi-ajout", "declaration-mise-a-jour", "entreprise-correction", "entreprise-homonyme"]
# ... or the refusal.
REFUSED = ["suivi-annee-existante", "suivi-declaration-inconnue", "suivi-hostile", "entreprise-deja-inscrite"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the real reference data and schemas and no record: results do not
    depend on the records other people add to data/."""
    data = tmp_path / "repo" / "data"
    data.mkdir(parents=True)
    for name in ("reference", "schemas"):
        (data / name).symlink_to(ROOT / "data" / name)
    return tmp_path / "repo"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", VALID)
def test_valid_body_gives_the_reference_record(name: str, repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "data"
    result = run("from-issue", str(FIXTURES / f"{name}.md"), "--root", str(repo), "--out-dir", str(out),
                 "--today", TODAY)
    assert result.exit_code == 0
    assert result.output == (FIXTURES / f"{name}.attendu.txt").read_text(encoding="utf-8")
    written = sorted(out.rglob("*.yml"))
    assert len(written) == 1
    assert written[0].read_bytes() == (FIXTURES / f"{name}.yml").read_bytes()
    # The record passes the registry's validator on its own, where it will live.
    rel = written[0].relative_to(out.parent).as_posix()
    assert result.output.startswith(f"Fiche prête : {rel}\n")
    _, problems = validate_files([written[0]], repo, dt.date(2026, 11, 27))
    assert [p for p in problems if p.is_error] == []


@pytest.mark.parametrize("name", INVALID)
def test_invalid_body_gives_french_messages_and_no_file(name: str, repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "data"
    result = run("from-issue", str(FIXTURES / f"{name}.md"), "--root", str(repo), "--out-dir", str(out),
                 "--today", TODAY)
    assert result.exit_code == 1
    assert result.output == (FIXTURES / f"{name}.attendu.txt").read_text(encoding="utf-8")
    assert not out.exists()


def test_hostile_body_stays_data() -> None:
    record = yaml.safe_load((FIXTURES / "declaration-hostile.yml").read_text(encoding="utf-8"))
    # No key was injected: the fields are exactly those the form fills.
    assert list(record) == ["id", "organisme", "adoptee_le", "resolution", "signataire", "document_signe",
                            "texte", "cibles"]
    assert record["organisme"]["nom"] == 'Ville de L\'Île-"Test": exemple: true # x'
    assert record["signataire"]["nom"] == "--- !!python/object:os.system"
    assert record["texte"].startswith("exemple: true\nid: autre-id\n### Ceci n'est pas un champ")
    assert "\u202e" in record["texte"]


def test_kind_is_recognised_from_the_headings() -> None:
    assert detect_kind((FIXTURES / "declaration-valide.md").read_text(encoding="utf-8")) == "declaration"
    assert detect_kind((FIXTURES / "entreprise-valide.md").read_text(encoding="utf-8")) == "entreprise"
    assert detect_kind("### Autre chose\n\ntexte\n") is None


def test_unknown_form_is_reported(repo: Path, tmp_path: Path) -> None:
    body = tmp_path / "corps.md"
    body.write_text("Bonjour, voici notre déclaration.\n", encoding="utf-8")
    result = run("from-issue", str(body), "--root", str(repo), "--out-dir", str(tmp_path / "data"))
    assert result.exit_code == 1
    assert result.output.splitlines()[2] == ("- « Formulaire » : la demande ne suit aucun des formulaires "
                                             "\\(déclaration, rapport de suivi annuel, entreprise\\).")


def test_repeated_heading_is_an_error() -> None:
    body = (FIXTURES / "declaration-valide.md").read_text(encoding="utf-8")
    body += "\n### Nom de l'organisme\n\nAutre organisme\n"
    _, errors = sections(body, FORMS["declaration"])
    assert errors == [("Nom de l'organisme", "cette section apparaît plus d'une fois dans la demande.")]


def test_correction_id_must_be_a_record_id(repo: Path) -> None:
    body = (FIXTURES / "entreprise-correction.md").read_text(encoding="utf-8")
    body = body.replace("\ncafe-le-passage\n", "\n../../.github/workflows/x\n")
    result = convert(body, repo, "entreprise", dt.date(2026, 11, 27))
    assert result.path is None and result.text is None
    assert result.errors[0][0] == "Identifiant de la fiche à corriger"


def test_existing_records_take_part_in_the_check(repo: Path) -> None:
    # The listing being corrected (same id) is replaced, not counted as a duplicate.
    existing = repo / "data" / "enterprises"
    existing.mkdir()
    (existing / "cafe-le-passage.yml").write_text((FIXTURES / "entreprise-correction.yml").read_text(
        encoding="utf-8").replace("forme_juridique: mutuelle", "forme_juridique: obnl"), encoding="utf-8")
    body = (FIXTURES / "entreprise-correction.md").read_text(encoding="utf-8")
    result = convert(body, repo, "entreprise", dt.date(2026, 11, 27))
    assert result.ok and result.path == "data/enterprises/cafe-le-passage.yml"


@pytest.fixture
def registry(repo: Path) -> Path:
    """The repository with the records a clerk's request may touch."""
    shutil.copytree(FIXTURES / "existantes", repo / "data", dirs_exist_ok=True)
    return repo


def _records(root: Path) -> dict[str, dict]:
    return {p.relative_to(root).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(root.rglob("*.yml"))}


@pytest.mark.parametrize("name", UPDATES)
def test_body_updating_the_registry(name: str, registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "data"
    result = run("from-issue", str(FIXTURES / f"{name}.md"), "--root", str(registry), "--out-dir", str(out),
                 "--today", TODAY)
    assert (result.exit_code, result.output) == (0, (FIXTURES / f"{name}.attendu.txt").read_text(encoding="utf-8"))
    [written] = sorted(out.rglob("*.yml"))
    assert written.read_bytes() == (FIXTURES / f"{name}.yml").read_bytes()
    # In place, the registry validates with no error.
    target = registry / "data" / written.relative_to(out)
    target.write_bytes(written.read_bytes())
    _, problems = validate_files(sorted((registry / "data" / "declarations").glob("*.yml"))
                                 + sorted((registry / "data" / "enterprises").glob("*.yml")), registry,
                                 dt.date(2026, 11, 27))
    assert [p for p in problems if p.is_error] == []


@pytest.mark.parametrize("name", REFUSED)
def test_body_refused_against_the_registry(name: str, registry: Path, tmp_path: Path) -> None:
    before = _records(registry / "data")
    out = tmp_path / "out" / "data"
    result = run("from-issue", str(FIXTURES / f"{name}.md"), "--root", str(registry), "--out-dir", str(out),
                 "--today", TODAY)
    assert (result.exit_code, result.output) == (1, (FIXTURES / f"{name}.attendu.txt").read_text(encoding="utf-8"))
    assert not out.exists() and _records(registry / "data") == before


def _converted(name: str, root: Path, kind: str) -> tuple[str, dict]:
    result = convert((FIXTURES / f"{name}.md").read_text(encoding="utf-8"), root, kind, dt.date(2026, 11, 27))
    assert result.ok and result.text is not None
    return result.text, yaml.safe_load(result.text)


@pytest.mark.parametrize("name,kind", [("suivi-ajout", "suivi"), ("declaration-mise-a-jour", "declaration")])
def test_an_update_loses_nothing(name: str, kind: str, registry: Path) -> None:
    """Every follow-up year, target and field of the declaration is still there; only the
    form's fields changed, and the existing file's comments and layout are kept."""
    old_text = (registry / "data/declarations/ville-de-riviere-aux-saules.yml").read_text(encoding="utf-8")
    old = yaml.safe_load(old_text)
    new_text, new = _converted(name, registry, kind)
    assert new["suivis"][:2] == old["suivis"] and [s["annee"] for s in new["suivis"]] == [2023, 2024, 2025]
    assert new["cibles"][: len(old["cibles"])] == old["cibles"]
    assert new["exemple"] is True and new["texte"] == old["texte"]
    assert new["organisme"]["code_geo"] == "99901"  # left empty in the form: kept
    changed = {key for key in old if old[key] != new[key]}
    assert changed == ({"suivis"} if kind == "suivi" else {"suivis", "cibles", "signataire"})
    for kept in ("# Bilans présentés au conseil municipal chaque printemps.\n", 'resolution: "CM-2023-03-112"\n',
                 "texte: >-\n", "    note: >-\n      Deux contrats de traiteur"):
        assert kept in old_text and kept in new_text


def test_a_correction_keeps_the_offers_and_fields_not_given(registry: Path) -> None:
    old = yaml.safe_load((registry / "data/enterprises/cafe-le-passage.yml").read_text(encoding="utf-8"))
    _, new = _converted("entreprise-correction", registry, "entreprise")
    assert [o["titre"] for o in new["offres"]] == ["Service de traiteur pour réunions", "Boîtes à lunch",
                                                    "Pauses-café"]
    assert new["regions_desservies"] == old["regions_desservies"] == ["04"]  # not given: kept
    assert new["secteurs"] == ["finance-assurance"]  # a multi-select is the new choice
    assert new["mise_a_jour"] == dt.date(2026, 11, 27)


def test_a_correction_of_an_unknown_listing_is_refused(repo: Path) -> None:
    body = (FIXTURES / "entreprise-correction.md").read_text(encoding="utf-8")
    result = convert(body, repo, "entreprise", dt.date(2026, 11, 27))
    assert not result.ok and result.text is None
    message = ("aucune fiche d'entreprise ne porte l'identifiant « cafe-le-passage » : vérifiez-le (la fin de "
               "l'adresse de la fiche sur le site), ou laissez ce champ vide pour une nouvelle entreprise.")
    assert result.errors == [("Identifiant de la fiche à corriger", message)]


def test_a_homonymous_body_elsewhere_is_refused(registry: Path) -> None:
    # Same name, another region: another body, not an update of the existing declaration.
    body = (FIXTURES / "declaration-mise-a-jour.md").read_text(encoding="utf-8").replace("04 – Mauricie",
                                                                                         "05 – Estrie")
    result = convert(body, registry, "declaration", dt.date(2026, 11, 27))
    assert not result.ok and result.text is None
    assert [label for label, _ in result.errors] == ["Nom de l'organisme"]
    assert "pour un autre organisme (région 04, code géographique 99901)" in result.errors[0][1]


def test_refiling_the_same_report_changes_nothing(registry: Path) -> None:
    body = (FIXTURES / "suivi-annee-existante.md").read_text(encoding="utf-8")
    same = body.replace("\n10\n", "\n9\n").replace("156 300 $", "121 200 $").replace(
        "Premier contrat de déneigement accordé à une coopérative de travail.", "_No response_")
    result = convert(same, registry, "suivi", dt.date(2026, 11, 27))
    message = ("la fiche data/declarations/ville-de-riviere-aux-saules.yml contient déjà ces renseignements : "
               "il n'y a rien à modifier.")
    assert result.errors == [("Formulaire", message)]


PAGE = "https://jachete.github.io/declarations/ville-de-riviere-aux-saules"


@pytest.mark.parametrize("named", ["ville-de-riviere-aux-saules", f" {PAGE} ", f"<{PAGE}/#suivis>",
                                   "https://exemple.org/registre/declarations/ville-de-riviere-aux-saules/index.html"])
def test_the_declaration_is_named_by_its_page_or_its_id(named: str, registry: Path) -> None:
    body = (FIXTURES / "suivi-ajout.md").read_text(encoding="utf-8").replace(
        "https://jachete.github.io/declarations/ville-de-riviere-aux-saules/", named)
    result = convert(body, registry, "suivi", dt.date(2026, 11, 27))
    assert result.ok and result.text == (FIXTURES / "suivi-ajout.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("named", ["../../.github/workflows/x", "https://jachete.github.io/entreprises/x/",
                                   "data/declarations/x.yml", "Ville de Rivière-aux-Saules"])
def test_anything_else_names_no_declaration(named: str, registry: Path) -> None:
    body = (FIXTURES / "suivi-ajout.md").read_text(encoding="utf-8").replace(
        "https://jachete.github.io/declarations/ville-de-riviere-aux-saules/", named)
    result = convert(body, registry, "suivi", dt.date(2026, 11, 27))
    assert not result.ok and result.path is None
    assert [label for label, _ in result.errors] == ["Déclaration"]


HOSTILE = ["@org/team", "[lien](javascript:alert(1))", "<img src=x onerror=alert(1)>", "#123", "`code`",
           "| a | b", "> citation", "https://evil.example/", "www.evil.example", "x@evil.example", "&#64;x",
           "**gras** _x_ ~~y~~ ![i](x.png)", "<!-- x -->", "\\@x \\#1", "$x^2$ et $$y$$"]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_leaves_no_markup(text: str) -> None:
    out = md(text)
    # GitHub finds mentions, e-mail links and issue references in the rendered text, after
    # entities are decoded: a zero-width space must follow every "@" and "#" there.
    decoded = html.unescape(out)
    assert not re.search(r"@\w", decoded) and not re.search(r"#\d", decoded)
    assert "<" not in out and ">" not in out
    assert not re.search(r"(?<!\\)[\[\]()`*_~|!#$]", out.replace("&#8203;", "").replace("&#", ""))
    assert "://" not in out.replace("\\://", "") and "www." not in out.lower()
    assert html.unescape(re.sub(r"\\(.)", r"\1", out)).replace("\u200b", "") == text  # nothing lost


def test_the_report_is_inert_markdown(registry: Path, tmp_path: Path) -> None:
    """The hostile request's report: the text is all there, none of it can act on GitHub."""
    result = run("from-issue", str(FIXTURES / "suivi-hostile.md"), "--root", str(registry), "--out-dir",
                 str(tmp_path / "data"), "--today", TODAY)
    report = result.output
    for line in report.splitlines():
        assert not line.startswith(("|", ">", "#", "<", "`", "!", "[", "    ")), line
    assert not re.search(r"@\w", html.unescape(report)) and not re.search(r"#\d", html.unescape(report))
    assert "<" not in report and ">" not in report.replace("&gt;", "")
    assert "://" not in report.replace("\\://", "") and "www." not in report
    assert "@&#8203;org/team" in report and "\\#&#8203;123" in report and "&lt;img src=x" in report


def test_the_diff_cannot_leave_its_fence(registry: Path) -> None:
    body = (FIXTURES / "suivi-ajout.md").read_text(encoding="utf-8").replace(
        "Premier contrat de déneigement accordé à une coopérative de travail.",
        "Fin ```` puis @org/team #12 <img src=x> [lien](https://evil.example)")
    result = convert(body, registry, "suivi", dt.date(2026, 11, 27))
    assert result.ok and result.diff
    lines = result.diff.splitlines()
    assert lines[2] == "`````diff" and lines[-1] == "`````"
    assert not any(line.startswith("````") for line in lines[3:-1])


LAYOUTS = [
    "id: x\nsuivis: [{annee: 2023}]\n",  # a flow list: rewritten whole
    "id: x\nsuivis:\n- annee: 2023\n# fin\n",  # items at the key's column, a trailing comment
    "---\nid: x\nsuivis:\n    -   annee: 2023\n",  # a document marker, a wide indentation
    "id: x\nsuivis: &a\n  - annee: 2023\nautre: *a\n",  # an alias: the file is written anew
    "# tête\n\nid: x # commentaire\n\n\nsuivis:\n  - annee: 2023\n    note: \"a\\\n      b\"\n",
]


@pytest.mark.parametrize("text", LAYOUTS)
def test_an_update_reads_back_whatever_the_layout(text: str) -> None:
    old = yaml.safe_load(text)
    record = {**old, "suivis": [*old["suivis"], {"annee": 2024, "note": "@x: # y"}]}
    updated = update(text, record, "declaration")
    assert yaml.safe_load(updated) == record and list(yaml.safe_load(updated)) == list(record)
    if "&a" not in text and "[" not in text:
        assert updated.startswith(text.rsplit("# fin", 1)[0].rstrip("\n"))  # the existing lines are kept


def test_the_follow_up_form_asks_every_follow_up_field() -> None:
    spec = json.loads((ROOT / "data" / "schemas" / "declaration.schema.json").read_text(encoding="utf-8"))
    items = spec["properties"]["suivis"]["items"]
    fields = {f.key: f for f in FORMS["suivi"].fields}
    assert {f"suivis.{name}" for name in items["properties"]} <= set(fields)
    assert all(fields[f"suivis.{name}"].required for name in items["required"])
    assert _form("suivi.yml")["labels"] == ["suivi"]
    # The workflow converts an issue with the form's label as that form.
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "demande.yml").read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["convertir"]["steps"] if s.get("id") == "convertir"]
    assert "'suivi') && 'suivi'" in step["env"]["KIND"]


def test_slug() -> None:
    assert slug("Café coopératif Le Passage") == "cafe-cooperatif-le-passage"
    assert slug("Œuvre d'Été — « Coop » de L'Île") == "oeuvre-d-ete-coop-de-l-ile"
    assert slug("!!!") == ""


NASTY = ["04", "1171234563", "true", "no", "null", "~", "2026-03-14", "- item", "a: b", "a #b", "#x", "&a",
         "*a", "!!python/object:os.system", "'quoted'", '"q"', "{a: 1}", "[1]", "? x", "%TAG", "@x", "`x`",
         "trailing ", " leading", "line\nbreak", "x\u2028y", "bidi\u202eevil", "nul\x00", "tab\tx", "é\u0301",
         "a|b", "> folded", "| literal", "---", "...", "1e3", "0x1F", "+1", ".inf", "=", "<<", "ligne 1\n\n  indentée"]


@pytest.mark.parametrize("value", NASTY)
def test_any_text_reads_back_unchanged(value: str) -> None:
    record = {"id": "x", "nom": value, "offres": [{"titre": value, "unspsc": [value]}]}
    text = dump(record, "entreprise")
    assert text.startswith("# yaml-language-server: $schema=../schemas/entreprise.schema.json\n")
    assert yaml.safe_load(text) == record


@pytest.mark.parametrize("value", [1e-05, 1e16, 1.5e-07, 5e-324, 1.7e308, 2.5, 100000000000.0, 0, []])
def test_numbers_and_empty_lists_read_back_unchanged(value) -> None:
    # « 1e-05 » is text to PyYAML, and « cibles: » alone reads as null: both made dump() raise.
    record = {"id": "x", "valeur": value, "cibles": [], "suivis": [{"montant": value}]}
    assert yaml.safe_load(dump(record, "declaration")) == record


def test_dump_is_stable_and_quotes_numeric_looking_strings() -> None:
    record = {"id": "x", "region": "04", "neq": "1171234563", "telephone": "819 555-0142",
              "regions_desservies": ["04", "17"], "secteurs": ["alimentation"], "adoptee_le": dt.date(2026, 3, 14),
              "valeur": 5, "latitude": 46.3439, "exemple": True}
    expected = (
        "# yaml-language-server: $schema=../schemas/declaration.schema.json\n"
        "id: x\n"
        'region: "04"\n'
        'neq: "1171234563"\n'
        'telephone: "819 555-0142"\n'
        'regions_desservies: ["04", "17"]\n'
        "secteurs: [alimentation]\n"
        "adoptee_le: 2026-03-14\n"
        "valeur: 5\n"
        "latitude: 46.3439\n"
        "exemple: true\n"
    )
    assert dump(record, "declaration") == expected
    assert dump(dict(record), "declaration") == expected


# --- The forms -----------------------------------------------------------------------------------


def _reference(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / "reference" / name).read_text(encoding="utf-8"))["valeurs"]


def _form(file: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / file).read_text(encoding="utf-8"))


def _dropdown(form: dict, label: str) -> dict:
    [element] = [e for e in form["body"] if e.get("attributes", {}).get("label") == label]
    assert element["type"] == "dropdown"
    return element


def test_committed_forms_are_up_to_date() -> None:
    assert write_forms(ROOT, check=True) == []
    result = run("forms", "--check", "--root", str(ROOT))
    assert (result.exit_code, result.output) == (0, "")


def test_forms_check_reports_a_stale_form(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "data" / "reference").symlink_to(ROOT / "data" / "reference")
    for rel, text in expected_forms(ROOT).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text.replace("- 13 – Laval\n", ""), encoding="utf-8")
    result = run("forms", "--check", "--root", str(root))
    assert result.exit_code == 1
    assert result.output == (".github/ISSUE_TEMPLATE/declaration.yml : pas à jour\n"
                             ".github/ISSUE_TEMPLATE/entreprise.yml : pas à jour\n")


def test_dropdowns_equal_the_vocabularies() -> None:
    regions = [f"{v['code']} – {v['nom']}" for v in _reference("regions.yml")]
    assert len(regions) == 17
    declaration, enterprise = _form("declaration.yml"), _form("entreprise.yml")
    assert _dropdown(declaration, "Région administrative")["attributes"]["options"] == regions
    assert _dropdown(enterprise, "Région administrative")["attributes"]["options"] == regions
    assert _dropdown(enterprise, "Régions desservies")["attributes"]["options"] == regions
    assert _dropdown(declaration, "Type d'organisme")["attributes"]["options"] == [
        v["label"] for v in _reference("types-organismes.yml")]
    assert _dropdown(enterprise, "Forme juridique")["attributes"]["options"] == [
        v["label"] for v in _reference("formes-juridiques.yml")]
    assert _dropdown(enterprise, "Type de coopérative")["attributes"]["options"] == [
        v["label"] for v in _reference("types-cooperatives.yml")]
    sectors = _dropdown(enterprise, "Secteurs d'activité")
    assert sectors["attributes"]["options"] == [v["label"] for v in _reference("secteurs.yml")]
    assert sectors["attributes"]["multiple"] is True
    assert _dropdown(enterprise, "Régions desservies")["attributes"]["multiple"] is True


def _required_paths(schema: dict, prefix: str = "") -> set[str]:
    paths = set()
    for name in schema.get("required", []):
        paths.add(prefix + name)
        sub = schema["properties"][name]
        if sub.get("type") == "object":
            paths |= _required_paths(sub, f"{prefix}{name}.")
    return paths


@pytest.mark.parametrize("kind,schema", [("declaration", "declaration"), ("entreprise", "entreprise")])
def test_forms_have_the_records_fields(kind: str, schema: str) -> None:
    """Every schema field has a form field (same path); required ones are required there too."""
    spec = json.loads((ROOT / "data" / "schemas" / f"{schema}.schema.json").read_text(encoding="utf-8"))
    form = _form(FORMS[kind].file)
    by_label = {e["attributes"]["label"]: e for e in form["body"] if e["type"] != "markdown"}
    fields = {f.key: by_label[f.label] for f in FORMS[kind].fields}
    # The field table says which fields the form leaves out (the demo flag, the update date, seao…).
    table = field_table("enterprise" if kind == "entreprise" else "declaration")
    asked = {f.top for f in table.fields if f.form is not None}
    not_asked = {"id"} | {f.key for f in table.stored() if f.top not in asked} | set(table.left_out)
    for name in spec["properties"]:
        if name not in not_asked:
            assert any(key == name or key.startswith(name + ".") for key in fields), name
    for path in _required_paths(spec) - not_asked:
        if path in fields:
            assert fields[path]["validations"]["required"] is True, path
        elif "." not in path:  # a required block: at least one of its fields is required
            assert any(e.get("validations", {}).get("required") for k, e in fields.items()
                       if k.startswith(path + ".")), path
    for element in form["body"][1:]:
        assert element["attributes"].get("description") or element["type"] == "checkboxes"


@pytest.mark.parametrize("other", ["aaa-autre-nom", "zzz-autre-nom"])
def test_a_second_declaration_for_the_same_body_is_refused(other: str, repo: Path) -> None:
    existing = repo / "data" / "declarations"
    existing.mkdir()
    text = (FIXTURES / "declaration-avertissement.yml").read_text(encoding="utf-8")
    (existing / f"{other}.yml").write_text(text.replace("id: ville-de-riviere-aux-saules", f"id: {other}"),
                                           encoding="utf-8")
    body = (FIXTURES / "declaration-avertissement.md").read_text(encoding="utf-8")
    result = convert(body, repo, "declaration", dt.date(2026, 11, 27))
    assert not result.ok
    assert [label for label, _ in result.errors] == ["Code géographique"]
