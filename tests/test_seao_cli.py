"""``jachete seao`` commands as a user runs them: French output, exit status."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from jachete.cli import cli

F = Path(__file__).parent / "fixtures" / "seao"
NB = "\u00a0"


def test_ingest_prints_counts_and_is_idempotent(tmp_path):
    packages = tmp_path / "paquets"
    packages.mkdir()
    shutil.copy(F / "ocid_missing.json", packages / "hebdo_20260601_20260607.json")
    shutil.copy(F / "duplicate_a.json", packages / "hebdo_20260608_20260614.json")
    shutil.copy(F / "package_list.json", packages / "notes.json")  # not a package name: not read
    runner = CliRunner()
    args = ["seao", "ingest", str(packages), "--cache", str(tmp_path / "cache")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Fichiers : 2 lus (dont 0 republiés), 0 inchangés (déjà lus), 0 rejetés",
        "Publications lues : 6",
        "  compilées : 3",
        "  remplacées (déjà lues ailleurs) : 1",
        "  ignorées : 2",
        "    la publication n'est pas un objet JSON : 1",
        "    publication sans ocid : 1",
        "Processus compilés : 3",
    ]
    journal = (tmp_path / "cache" / "dernier-ingest.txt").read_text(encoding="utf-8").splitlines()
    assert journal == [("hebdo_20260601_20260607.json : publication 1 (sans ocid) : publication sans ocid ; "
                       "publication ignorée"),
                       ("hebdo_20260601_20260607.json : publication 2 (sans ocid) : la publication n'est pas un objet "
                       "JSON ; publication ignorée")]
    again = runner.invoke(cli, args)
    assert again.stdout.splitlines()[:2] == ["Fichiers : 0 lus (dont 0 republiés), 2 inchangés (déjà lus), 0 rejetés",
                                            "Publications lues : 0"]


def test_ingest_exits_1_on_a_rejected_file(tmp_path):
    result = CliRunner().invoke(cli, ["seao", "ingest", str(F / "package_truncated.json"),
                                      "--cache", str(tmp_path)])
    assert result.exit_code == 1
    assert "package_truncated.json : fichier tronqué" in result.stderr


def test_check_lists_shape_and_unknown_fields():
    result = CliRunner().invoke(cli, ["seao", "check", str(F / "check_shape.json")])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Fichier : check_shape.json",
        "Publications : 3",
        "Étiquettes (tag) : award : 3",
        "Rôles des parties : buyer : 3, procuringEntity : 3, supplier : 3",
        f"Fournisseurs avec NEQ : 2 sur 3 (66,7{NB}%)",
        "Indicateur municipal des acheteurs (details.municipal) : '1' : 3",
        "Type des montants adjugés (awards[].value.amount) : texte : 3",
        "Publications illisibles : aucun",
        "Champs inconnus (absents de la forme décrite ; occurrences) :",
        "  parties[].contactPoint : 2",
        "  tender.lots : 1",
    ]


def test_check_says_the_file_is_broken():
    result = CliRunner().invoke(cli, ["seao", "check", str(F / "package_not_json.json")])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == ("ERREUR : ce n'est pas du JSON (le fichier ne commence pas par « { »)")


def test_candidats_without_store_says_what_to_do(tmp_path):
    result = CliRunner().invoke(cli, ["seao", "candidats", "--cache", str(tmp_path)])
    assert result.exit_code == 1
    assert "lancez d'abord « jachete seao ingest »" in result.output
