"""The verdict on a pull request (commentaire.yml): the pull request's record files are read out of
a git object store as data and validated with the base branch's validator, schemas and reference
data; the comment lists every problem while it fits, then points to the run's summary."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from jachete.cli import cli
from jachete.pr_review import COMMENT_LIMIT, Extraction, comment, extract, notes_markdown
from jachete.problems import Problem
from jachete.review import format_markdown

ROOT = Path(__file__).resolve().parent.parent
VALID = "accompagnement-transport-benevole-suroit.yml"
ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=ENV, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A commit as a hostile pull request would make it: one valid record, one with a field the base
    schema refuses, a schema loosened to accept it, a link to a file outside the repository, a
    hidden file, a changed script and Makefile."""
    work = tmp_path / "work"
    (work / "data" / "enterprises").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "schemas", work / "data" / "schemas")
    shutil.copytree(ROOT / "data" / "rules", work / "data" / "rules")
    records = work / "data" / "enterprises"
    shutil.copy(ROOT / "data" / "enterprises" / VALID, records / VALID)
    text = (ROOT / "data" / "enterprises" / VALID).read_text(encoding="utf-8")
    other = "cooperative-inventee.yml"
    (records / other).write_text(text.replace("id: accompagnement-transport-benevole-suroit",
                                              "id: cooperative-inventee").replace(
        'neq: "1187887469"', 'neq: "1187887469"\nchamp_inconnu: oui'), encoding="utf-8")
    (work / "data" / "schemas" / "entreprise.schema.json").write_text("{}", encoding="utf-8")
    (records / "lien.yml").symlink_to("/etc/passwd")
    (records / ".cache.yml").write_text("id: x\n", encoding="utf-8")
    (work / "scripts").mkdir()
    (work / "scripts" / "evil.py").write_text("raise SystemExit('ran')\n", encoding="utf-8")
    (work / "Makefile").write_text("install:\n\ttouch ran\n", encoding="utf-8")
    git(work, "init", "-q")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "pr")
    return work / ".git", git(work, "rev-parse", "HEAD").strip()


def test_extract_reads_only_regular_record_files(pull_request, tmp_path: Path) -> None:
    git_dir, commit = pull_request
    out = tmp_path / "pr"
    result = extract(git_dir, commit, ROOT, out)
    assert result.written == ["data/enterprises/accompagnement-transport-benevole-suroit.yml",
                              "data/enterprises/cooperative-inventee.yml", "data/rules/regles.yml"]
    assert result.refused == [
        ("data/enterprises/.cache.yml",
         "nom de fichier inattendu (caractère de contrôle, point initial ou barre oblique inverse)"),
        ("data/enterprises/lien.yml", "lien symbolique : seuls les fichiers ordinaires sont acceptés"),
    ]
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() or p.is_symlink())
    assert not any(p.is_symlink() for p in out.rglob("*"))
    assert not (out / "Makefile").exists() and not (out / "scripts").exists()
    # Schemas and reference data are the base branch's, whatever the pull request changed.
    for folder in ("data/schemas", "data/reference"):
        for path in (ROOT / folder).iterdir():
            assert (out / folder / path.name).read_bytes() == path.read_bytes()
    assert set(files) >= set(result.written)


def test_the_base_validator_judges_the_pull_requests_records(pull_request, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    git_dir, commit = pull_request
    out = tmp_path / "pr"
    extract(git_dir, commit, ROOT, out)
    monkeypatch.chdir(out)
    result = CliRunner().invoke(cli, ["validate", "--format", "markdown", "--today", "2026-11-27"])
    assert result.exit_code == 1, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("| data/")]
    # The loosened schema of the pull request is not used: the base schema refuses the field.
    assert any(row.startswith("| data/enterprises/cooperative-inventee.yml |") and "| erreur |" in row
               and "champ\\_inconnu" in row for row in rows), result.output
    assert not any("accompagnement" in row and "| erreur |" in row for row in rows)


def test_extract_refuses_a_bad_commit_and_an_existing_folder(pull_request, tmp_path: Path) -> None:
    git_dir, commit = pull_request
    with pytest.raises(Exception, match="empreinte"):
        extract(git_dir, "HEAD", ROOT, tmp_path / "a")
    (tmp_path / "b").mkdir()
    with pytest.raises(FileExistsError):
        extract(git_dir, commit, ROOT, tmp_path / "b")


def test_notes_list_refused_files_and_changes_outside_the_records() -> None:
    extraction = Extraction(written=["data/enterprises/a.yml"],
                            refused=[("data/enterprises/l.yml", ("lien symbolique : seuls les fichiers ordinaires "
                                                                "sont acceptés"))])
    changed = ["data/enterprises/a.yml", "data/schemas/entreprise.schema.json", "scripts/x_[y](http://e).py",
               "data/events/e.yml"]
    assert notes_markdown(extraction, changed) == (
        "\n"
        "❌ Fichiers de la pull request refusés (1) :\n"
        "\n"
        "| Fichier | Raison |\n"
        "| --- | --- |\n"
        "| data/enterprises/l.yml | lien symbolique : seuls les fichiers ordinaires sont acceptés |\n"
        "\n"
        "⚠️ Cette pull request modifie aussi 2 fichier(s) qui ne sont pas des fiches. Les fiches ont été vérifiées "
        "avec le validateur, les schémas et les données de référence de la branche principale ; ces fichiers-là "
        "demandent une révision attentive :\n"
        "\n"
        "- data/schemas/entreprise.schema.json\n"
        "- scripts/x\\_\\[y\\]\\(http\\://e\\).py\n"
    )
    assert notes_markdown(Extraction(), ["data/enterprises/a.yml"]) == ""


# --- Every problem is listed (GitHub shows only 10 annotations of each kind per step) ----------------


def problems(n: int) -> list[Problem]:
    return [Problem(f"data/enterprises/e{i:03}.yml", i + 1, 3, "error" if i % 2 else "warning", "url-invalide",
                    "site_web", f"problème numéro {i}") for i in range(n)]


def rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| data/")]


@pytest.mark.parametrize("n", [25, 150])
def test_the_summary_lists_every_problem(n: int) -> None:
    text = format_markdown(problems(n), n)
    assert len(rows(text)) == n
    assert "annotation" not in text


def test_the_comment_lists_25_problems() -> None:
    summary = format_markdown(problems(25), 25)
    text = comment(summary, "", "a" * 40, "https://github.com/o/r/actions/runs/7",
                   "https://github.com/o/r/actions/runs/6/artifacts/9")
    assert [r.split(" | ")[0] for r in rows(text)] == [f"| data/enterprises/e{i:03}.yml" for i in range(25)]
    assert "annotation" not in text and "autre(s) problème(s)" not in text
    assert ("[Télécharger le site construit par cette pull request](https://github.com/o/r/actions/runs/6/"
            "artifacts/9)") in text
    assert text.endswith("Fiches du commit `aaaaaaaaaaaa` vérifiées par le validateur de la branche principale.\n")


def test_a_comment_too_long_points_to_the_run_summary() -> None:
    summary = format_markdown(problems(3000), 3000)
    assert len(summary) > COMMENT_LIMIT
    text = comment(summary, "\n⚠️ notes\n", "b" * 40, "https://github.com/o/r/actions/runs/7", None)
    assert len(text) <= COMMENT_LIMIT
    shown = len(rows(text))
    assert 100 < shown < 3000
    assert (f"… et {3000 - shown} autre(s) problème(s) : la liste complète est dans "
            "[le résumé de l'exécution](https://github.com/o/r/actions/runs/7).") in text
    assert "\n⚠️ notes\n" in text and "annotation" not in text


def test_the_comment_links_only_plain_https_addresses() -> None:
    text = comment(format_markdown([], 1), "", "c" * 40, "javascript:alert(1)", "https://e.example/) [x](https://f")
    assert "javascript" not in text and "e.example" not in text
    assert "le résumé de l'exécution" not in text  # no link, nothing to point to
    broken = comment("Traceback (most recent call last):\n", "", "c" * 40, "https://github.com/o/r/actions/runs/7",
                     None)
    assert broken.startswith("### Validation des fiches\n\n❌ La validation n'a pas pu être faite : voir "
                             "[le résumé de l'exécution](https://github.com/o/r/actions/runs/7).\n")
    assert "Traceback" not in broken


def test_the_commands_chain(pull_request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git_dir, commit = pull_request
    changed = tmp_path / "changed.txt"
    changed.write_text("data/enterprises/cooperative-inventee.yml\nMakefile\n", encoding="utf-8")
    out = tmp_path / "pr"
    runner = CliRunner()
    notes = runner.invoke(cli, ["pr-files", "--git-dir", str(git_dir), "--commit", commit, "--changed", str(changed),
                                "--out", str(out), "--base", str(ROOT)])
    assert notes.exit_code == 0, notes.output
    assert "- Makefile\n" in notes.output and "lien.yml" in notes.output
    (tmp_path / "notes.md").write_text(notes.output, encoding="utf-8")
    monkeypatch.chdir(out)
    summary = runner.invoke(cli, ["validate", "--format", "markdown", "--today", dt.date(2026, 11, 27).isoformat()])
    (tmp_path / "resume.md").write_text(summary.output, encoding="utf-8")
    result = runner.invoke(cli, ["pr-comment", "--summary", str(tmp_path / "resume.md"), "--notes",
                                 str(tmp_path / "notes.md"), "--commit", commit, "--run-url",
                                 "https://github.com/o/r/actions/runs/1", "--site-url", ""])
    assert result.exit_code == 0
    assert result.output.startswith("<!-- jachete:resume-validation -->\n### Validation des fiches\n\n❌ ")
    assert re.search(r"\| data/enterprises/cooperative-inventee\.yml \| \d+ \| erreur \|", result.output)
    assert "- Makefile\n" in result.output and "Télécharger" not in result.output
    assert result.output.endswith("❌ Fichiers de la pull request refusés : voir la liste ci-dessus.\n"
                                  f"Fiches du commit `{commit[:12]}` vérifiées par le validateur de la branche "
                                  "principale.\n")
