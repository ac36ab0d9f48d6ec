"""The command line: exit codes and exact output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jachete import record_yaml
from jachete.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = ["--today", "2026-11-27"]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for part in ("reference", "schemas"):
        shutil.copytree(ROOT / "data" / part, tmp_path / "data" / part)
    for folder in ("enterprises", "declarations"):
        (tmp_path / "data" / folder).mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def add(repo: Path, folder: str, record_id: str, fixture: str, old: str = "", new: str = "") -> Path:
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    first_id = text.split("\nid: ", 1)[1].split("\n", 1)[0]
    text = text.replace(f"id: {first_id}", f"id: {record_id}", 1).replace(old, new)
    text = text.replace("../../../../data/schemas/", "../schemas/")
    path = repo / "data" / folder / f"{record_id}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_validate_clean_repo_exits_0(repo):
    add(repo, "enterprises", "atelier", "enterprise/valid/obnl-minimal.yml")
    add(repo, "declarations", "ville", "declaration/valid/municipalite-complete.yml")
    result = run("validate", *TODAY)
    assert result.exit_code == 0
    assert result.output == "2 fichiers vérifiés : 0 erreur, 0 avertissement\n"


def test_validate_reports_every_problem_sorted_then_the_summary(repo):
    add(repo, "enterprises", "atelier", "enterprise/valid/obnl-minimal.yml", 'region: "06"', 'region: "19"')
    add(repo, "declarations", "ville", "declaration/valid/municipalite-complete.yml",
        "adoptee_le: 2026-03-14", "adoptee_le: 2026-02-30")
    result = run("validate", *TODAY)
    assert result.exit_code == 1
    assert result.output == (
        "data/declarations/ville.yml:9:13: error: date-invalide: adoptee_le: la date « 2026-02-30 » n'existe pas : "
        "vérifiez le jour et le mois (format AAAA-MM-JJ)\n"
        "data/enterprises/atelier.yml:6:9: error: valeur-inconnue: region: la région « 19 » n'existe pas : "
        "attendu un code de 01 à 17 entre guillemets (ex. « 04 » pour la Mauricie)\n"
        "2 fichiers vérifiés : 2 erreurs, 0 avertissement\n"
    )


def test_warnings_alone_exit_0(repo):
    add(repo, "enterprises", "atelier", "enterprise/valid/obnl-minimal.yml", '"1142345678"', '"1142345679"')
    result = run("validate", *TODAY, "data/enterprises/atelier.yml")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "1 fichier vérifié : 0 erreur, 1 avertissement"
    assert result.output.startswith("data/enterprises/atelier.yml:5:6: warning: neq-chiffre-controle: neq: ")


def test_github_format(repo):
    add(repo, "enterprises", "atelier", "enterprise/valid/obnl-minimal.yml", 'region: "06"', 'region: "19"')
    result = run("validate", *TODAY, "--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        ("::error file=data/enterprises/atelier.yml,line=6,col=9,title=valeur-inconnue region::la région « 19 » "
        "n'existe pas : attendu un code de 01 à 17 entre guillemets (ex. « 04 » pour la Mauricie)"),
        "1 fichier vérifié : 1 erreur, 0 avertissement",
    ]


def test_json_format(repo):
    add(repo, "enterprises", "atelier", "enterprise/valid/obnl-minimal.yml", 'mrc: "66"', 'mrc: "371"')
    result = run("validate", *TODAY, "--format", "json")
    assert result.exit_code == 1
    assert [(p["code"], p["line"], p["col"], p["key"]) for p in json.loads(result.output)] == [
        ("mrc-hors-region", 7, 6, "mrc")]


def test_paths_may_be_files_or_folders_and_any_yaml_is_refused_politely(repo):
    add(repo, "enterprises", "atelier", "enterprise/valid/obnl-minimal.yml")
    (repo / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    result = run("validate", *TODAY, "data/enterprises", "notes.yml")
    assert result.exit_code == 1
    assert result.output == (
        "notes.yml:1:1: error: fichier-non-reconnu: -: type de fiche inconnu : placez le fichier dans "
        "data/enterprises/ ou data/declarations/, ou commencez-le par la ligne de schéma\n"
        "2 fichiers vérifiés : 1 erreur, 0 avertissement\n"
    )


def test_bad_yaml_names_file_line_col_without_traceback(repo):
    (repo / "data" / "enterprises" / "casse.yml").write_bytes(b"id: casse\nnom: [x\n")
    result = run("validate", *TODAY)
    assert result.exit_code == 1
    assert result.output.startswith("data/enterprises/casse.yml:3:1: error: yaml-syntaxe: -: ")
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a crash


def test_no_demo_still_validates_demo_records(repo):
    add(repo, "declarations", "ville", "declaration/valid/municipalite-complete.yml",
        "adoptee_le: 2026-03-14", "adoptee_le: 2030-01-01")
    result = run("validate", *TODAY, "--no-demo")
    assert result.exit_code == 1
    assert "date-future" in result.output


def test_bad_usage_exits_2(repo):
    assert run("validate", "inexistant.yml").exit_code == 2
    assert run("validate", "--format", "xml").exit_code == 2


def test_outside_a_repository_is_bad_usage(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert "dépôt introuvable" in result.output


def test_python_dash_m_runs_the_cli():
    proc = subprocess.run([sys.executable, "-m", "jachete", "validate", ("tests/fixtures/enterprise/invalid/"
                           "region_inconnue.yml")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "tests/fixtures/enterprise/invalid/region_inconnue.yml:10:9: error: valeur-inconnue: region:" in proc.stdout
    assert proc.stderr == ""


ENTERPRISE_ANSWERS = ["--nom", "Atelier Vélo Solidaire", "--forme-juridique", "cooperative", "--type-cooperative",
                      "travail", "--avec-ristourne", "--neq", "1142345678", "--region", "06", "--mrc", "66",
                      "--municipalite", "Montréal", "--adresse", "4500, rue Ontario Est", "--code-postal", "H1V 1K2",
                      "--description", "Réparation de vélos.", "--secteur", "transport", "--offre",
                      "Entretien de flottes", "--offre-description", "Mises au point.", "--unspsc", "78181500"]


def test_new_enterprise_writes_a_valid_file_and_refuses_to_overwrite(repo):
    result = run("new", "enterprise", *ENTERPRISE_ANSWERS)
    assert result.exit_code == 0, result.output
    assert result.output == "fiche écrite : data/enterprises/atelier-velo-solidaire.yml\n"
    written = repo / "data" / "enterprises" / "atelier-velo-solidaire.yml"
    assert written.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/entreprise.schema.json\nid: atelier-velo-solidaire\n")
    check = run("validate", str(written))
    assert check.exit_code == 0 and check.output == "1 fichier vérifié : 0 erreur, 0 avertissement\n"
    # One record writer for every kind: the file is what record_yaml writes for the same record.
    text = written.read_text(encoding="utf-8")
    assert text == record_yaml.dump(yaml.safe_load(text), "entreprise")
    again = run("new", "enterprise", *ENTERPRISE_ANSWERS)
    assert again.exit_code == 1 and "existe déjà" in again.output


def test_new_declaration_prompts_for_missing_answers(repo):
    answers = "Ville de Rivière-aux-Saules\nmunicipalite\nhttps://riviere.example.ca/\n04\n2026-03-14\nCM-2026-03-112\nHélène Tremblay\nMairesse\nhttps://riviere.example.ca/declaration.pdf" + "\n"
    result = CliRunner().invoke(cli, ["new", "declaration", "--id", "riviere"], input=answers)
    assert result.exit_code == 0, result.output
    assert result.output.endswith("fiche écrite : data/declarations/riviere.yml\n")
    assert run("validate", "data/declarations/riviere.yml").exit_code == 0
    text = (repo / "data/declarations/riviere.yml").read_text(encoding="utf-8")
    assert text == record_yaml.dump(yaml.safe_load(text), "declaration")


def test_new_refuses_invalid_answers_without_writing(repo):
    args = ["new", "declaration", "--id", "x", "--nom", "X", "--type-organisme", "mrc", "--site-web", "ftp://x",
            "--region", "04", "--adoptee-le", "2026-02-30", "--resolution", "R", "--signataire", "A B",
            "--titre", "Préfet", "--document-signe", "https://x.example.ca/d.pdf"]
    result = run(*args)
    assert result.exit_code == 1
    assert "url-invalide" in result.output and "date-invalide" in result.output
    assert not (repo / "data" / "declarations" / "x.yml").exists()
    assert run(*(args[:3] + ["../evil"] + args[4:])).exit_code == 2


def test_root_found_from_the_path_when_run_elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = FIXTURES / "enterprise" / "invalid" / "region_inconnue.yml"
    result = run("validate", *TODAY, str(target))
    assert result.exit_code == 1
    # Fixture file names are <field>_<reason>, not ids: the id rule speaks too.
    assert result.output.splitlines()[:2] == [
        (f"{target.as_posix()}:2:5: error: id-nom-fichier: id: l'identifiant « region-inconnue » diffère du nom du "
        "fichier « region_inconnue.yml » : renommez le fichier en « region-inconnue.yml » (le nom du fichier est "
        "l'identifiant)"),
        (f"{target.as_posix()}:10:9: error: valeur-inconnue: region: la région « 19 » n'existe pas : attendu un code "
        "de 01 à 17 entre guillemets (ex. « 04 » pour la Mauricie)")]


def test_new_enterprise_asks_cooperative_questions_only_for_a_cooperative(repo):
    obnl = [a for a in ENTERPRISE_ANSWERS if a not in ("--type-cooperative", "travail", "--avec-ristourne")]
    obnl[obnl.index("cooperative")] = "obnl"
    result = run("new", "enterprise", "--id", "atelier-obnl", *obnl)
    assert result.exit_code == 0, result.output
    assert "cooperative:" not in (repo / "data/enterprises/atelier-obnl.yml").read_text(encoding="utf-8")
    coop = [a for a in ENTERPRISE_ANSWERS if a not in ("--type-cooperative", "travail", "--avec-ristourne")]
    result = CliRunner().invoke(cli, ["new", "enterprise", "--id", "atelier-coop", *coop], input="solidarite\ny\n")
    assert result.exit_code == 0, result.output
    text = (repo / "data/enterprises/atelier-coop.yml").read_text(encoding="utf-8")
    assert "cooperative:\n  type: solidarite\n  sans_ristourne: true\n" in text


def test_broken_reference_data_is_reported_without_traceback(repo):
    add(repo, "enterprises", "atelier", "enterprise/valid/obnl-minimal.yml")
    (repo / "data" / "reference" / "regions.yml").write_text("valeurs: [\n", encoding="utf-8")
    result = run("validate", *TODAY)
    assert result.exit_code == 1
    assert "données de référence ou schémas illisibles" in result.output
    assert "Traceback" not in result.output
