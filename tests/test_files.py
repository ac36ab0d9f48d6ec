"""Odd files under data/: links, folders, FIFOs, oversize files, misnamed records, CR line endings.

Each case is built in a scratch repository (links and FIFOs cannot be fixtures), then both
``jachete validate`` and the build's loader (``registry.load``, what the mkdocs plugin calls) run
in a child process with a time limit and a memory limit: a hang or a runaway read fails the test
instead of the machine. Both must print the same exact problem lines and must not crash.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TODAY = "2026-11-27"
ENTERPRISE = "atelier-de-couture-tisse-serre"
DECLARATION = "ville-de-port-aurore"
EVENT = "semaine-economie-sociale-2026"

LINK = ("est un lien symbolique : le registre ne suit pas les liens ; remplacez-le par le fichier lui-même "
        "(une copie) ou retirez-le")
SPECIAL = "pas un fichier ordinaire : une fiche est un simple fichier texte ; retirez-le ou renommez-le"
TOO_BIG = ("le fichier dépasse 256 Kio : une fiche doit rester courte (retirez les textes trop longs ou les "
           "données en trop)")
CR = ("fin de ligne « CR » seule (format des anciens Mac) : convertissez les fins de ligne du fichier en LF "
      "(Unix) ou CRLF (Windows) dans votre éditeur")

# Runs in the child: the validator's exact output and exit code, then the build's loader.
DRIVER = """
import datetime as dt, json, sys
from click.testing import CliRunner
from jachete.cli import cli
from jachete import registry
result = CliRunner().invoke(cli, ["validate", "--today", sys.argv[1]])
crash = None if result.exception is None or isinstance(result.exception, SystemExit) else repr(result.exception)
registry_obj, problems, _ = registry.load(".", today=dt.date.fromisoformat(sys.argv[1]))
print(json.dumps({"exit": result.exit_code, "output": result.output, "crash": crash,
                  "built": registry_obj is not None, "problems": [p.format() for p in problems]}))
"""


def _limits():  # pragma: no cover - runs in the child
    # A read that does not stop (/dev/zero) fails fast instead of taking the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run_both(repo: Path) -> dict:
    """``jachete validate`` and ``registry.load`` on ``repo``, in a child process that may not hang."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"))
    try:
        proc = subprocess.run([sys.executable, "-c", DRIVER, TODAY], cwd=repo, env=env, capture_output=True,
                              text=True, timeout=60, preexec_fn=_limits, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("la validation ou la construction ne se termine pas (lecture bloquée)")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A small repository: the reference data, the schemas, the rules and one valid record of each kind."""
    root = tmp_path / "depot"
    for part in ("reference", "schemas", "rules"):
        shutil.copytree(DATA / part, root / "data" / part)
    for folder, name in (("enterprises", ENTERPRISE), ("declarations", DECLARATION), ("events", EVENT)):
        (root / "data" / folder).mkdir()
        shutil.copyfile(DATA / folder / f"{name}.yml", root / "data" / folder / f"{name}.yml")
    return root


def check(repo: Path, lines: list[str], files: int) -> None:
    """Both commands report exactly ``lines`` (errors): validate exits 1, the build stops, neither crashes."""
    found = run_both(repo)
    assert found["crash"] is None
    assert found["output"].splitlines() == [*lines, (f"{files} fichiers vérifiés : {len(lines)} erreur"
                                            f"{'s' if len(lines) > 1 else ''}, 0 avertissement")]
    assert found["exit"] == 1
    assert found["problems"] == lines
    assert found["built"] is False


def test_the_scratch_repository_is_valid(repo):
    found = run_both(repo)
    assert (found["exit"], found["output"], found["built"]) == (0, ("4 fichiers vérifiés : 0 erreur, "
                                                                "0 avertissement\n"), True)


FOLDERS = ["enterprises", "declarations", "events"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_link_to_dev_zero_is_refused_unread(repo, folder):
    (repo / "data" / folder / "zero.yml").symlink_to("/dev/zero")
    check(repo, [f"data/{folder}/zero.yml:1:1: error: fichier-lien: -: « zero.yml » {LINK}"], 5)


@pytest.mark.parametrize("folder", FOLDERS)
def test_link_to_a_file_outside_the_repository_is_not_followed(repo, tmp_path, folder):
    outside = tmp_path / "ailleurs" / "secret.yml"
    outside.parent.mkdir()
    outside.write_text("mot_de_passe: hunter2\njeton: abc\n", encoding="utf-8")
    (repo / "data" / folder / "secret.yml").symlink_to(outside)
    check(repo, [f"data/{folder}/secret.yml:1:1: error: fichier-lien: -: « secret.yml » {LINK}"], 5)
    assert "mot_de_passe" not in json.dumps(run_both(repo))  # nothing of the target is shown


@pytest.mark.parametrize("folder, name", list(zip(FOLDERS, [ENTERPRISE, DECLARATION, EVENT], strict=True)))
def test_link_to_a_valid_record_inside_is_refused_too(repo, folder, name):
    (repo / "data" / folder / "copie.yml").symlink_to(f"{name}.yml")
    check(repo, [f"data/{folder}/copie.yml:1:1: error: fichier-lien: -: « copie.yml » {LINK}"], 5)


@pytest.mark.parametrize("folder", FOLDERS)
def test_link_loop_is_reported(repo, folder):
    (repo / "data" / folder / "boucle.yml").symlink_to("boucle.yml")
    check(repo, [f"data/{folder}/boucle.yml:1:1: error: fichier-lien: -: « boucle.yml » {LINK}"], 5)


@pytest.mark.parametrize("folder", FOLDERS)
def test_folder_named_like_a_record_is_reported(repo, folder):
    (repo / "data" / folder / "x.yml").mkdir()
    (repo / "data" / folder / "x.yml" / "dedans.yml").write_text("a: 1\n", encoding="utf-8")
    check(repo, [f"data/{folder}/x.yml:1:1: error: fichier-special: -: « x.yml » est un dossier, {SPECIAL}"], 5)


@pytest.mark.parametrize("folder", FOLDERS)
def test_fifo_is_never_opened(repo, folder):
    os.mkfifo(repo / "data" / folder / "tube.yml")
    check(repo, [(f"data/{folder}/tube.yml:1:1: error: fichier-special: -: « tube.yml » est un tube nommé (FIFO), "
                 f"{SPECIAL}")], 5)


@pytest.mark.parametrize("folder", FOLDERS)
def test_oversize_file_is_refused(repo, folder):
    (repo / "data" / folder / "gros.yml").write_text("description: " + "x" * 300_000 + "\n", encoding="utf-8")
    check(repo, [f"data/{folder}/gros.yml:1:1: error: fichier-trop-gros: -: {TOO_BIG}"], 5)


@pytest.mark.parametrize("make", ["folder", "link", "fifo"])
def test_rules_file_must_be_a_regular_file(repo, tmp_path, make):
    rules = repo / "data" / "rules" / "regles.yml"
    shutil.move(rules, tmp_path / "regles.yml")
    if make == "folder":
        rules.mkdir()
        what = f"« regles.yml » est un dossier, {SPECIAL}"
    elif make == "link":
        rules.symlink_to(tmp_path / "regles.yml")
        what = f"« regles.yml » {LINK}"
    else:
        os.mkfifo(rules)
        what = f"« regles.yml » est un tube nommé (FIFO), {SPECIAL}"
    code = "fichier-lien" if make == "link" else "fichier-special"
    check(repo, [f"data/rules/regles.yml:1:1: error: {code}: -: {what}"], 4)


def test_record_folder_that_is_a_link_is_not_followed(repo, tmp_path):
    folder = repo / "data" / "enterprises"
    shutil.move(folder, tmp_path / "ailleurs")
    folder.symlink_to(tmp_path / "ailleurs")
    check(repo, [f"data/enterprises:1:1: error: fichier-lien: -: « enterprises » {LINK}"], 4)


@pytest.mark.parametrize("part, name", [("schemas", "entreprise.schema.json"), ("reference", "regions.yml")])
def test_link_among_the_project_files_stops_everything(repo, tmp_path, part, name):
    path = repo / "data" / part / name
    shutil.move(path, tmp_path / name)
    path.symlink_to(tmp_path / name)
    found = run_both(repo)
    line = f"data/{part}/{name}:1:1: error: fichier-lien: -: « {name} » {LINK}"
    assert (found["crash"], found["exit"], found["built"]) == (None, 1, False)
    assert found["output"].splitlines() == [line, "0 fichier vérifié : 1 erreur, 0 avertissement"]
    assert found["problems"] == [line]


@pytest.mark.parametrize("folder, name, suffix", [("enterprises", ENTERPRISE, "YML"),
                                                  ("declarations", DECLARATION, "yaml"),
                                                  ("events", EVENT, "yaml"), ("events", EVENT, "Yml")])
def test_misnamed_record_is_reported_not_skipped(repo, folder, name, suffix):
    path = repo / "data" / folder / f"{name}.yml"
    path.rename(path.with_suffix(f".{suffix}"))
    check(repo, [(f"data/{folder}/{name}.{suffix}:1:1: error: extension-invalide: -: l'extension « .{suffix} » "
                 f"n'est pas lue par le registre : renommez le fichier « {name}.yml » (extension .yml, en "
                 "minuscules)")], 4)


@pytest.mark.parametrize("folder, name", list(zip(FOLDERS, [ENTERPRISE, DECLARATION, EVENT], strict=True)))
def test_cr_only_line_endings_are_reported(repo, folder, name):
    path = repo / "data" / folder / f"{name}.yml"
    text = path.read_bytes()
    path.write_bytes(text.replace(b"\n", b"\r"))
    width = len(text.split(b"\n", 1)[0].decode("utf-8")) + 1  # the first CR ends the schema line
    check(repo, [f"data/{folder}/{name}.yml:1:{width}: error: fin-de-ligne-cr: -: {CR}"], 4)


def test_lone_cr_inside_a_record_is_pointed_at(repo):
    path = repo / "data" / "enterprises" / f"{ENTERPRISE}.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] += "\rsite_web: https://example.org"  # shown as one line in a diff, read as two by YAML
    path.write_text("\n".join(lines), encoding="utf-8")
    check(repo, [(f"data/enterprises/{ENTERPRISE}.yml:4:{len(lines[3].split(chr(13))[0]) + 1}: error: "
                 f"fin-de-ligne-cr: -: {CR}")], 4)


def test_crlf_line_endings_stay_accepted(repo):
    path = repo / "data" / "enterprises" / f"{ENTERPRISE}.yml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    found = run_both(repo)
    assert (found["exit"], found["problems"], found["built"]) == (0, [], True)


def test_named_odd_files_get_the_same_problems(repo, monkeypatch):
    """``jachete validate`` with paths: a link loop and a folder named on the command line."""
    from click.testing import CliRunner

    from jachete.cli import cli

    (repo / "data" / "enterprises" / "boucle.yml").symlink_to("boucle.yml")
    (repo / "data" / "events" / "x.yml").mkdir()
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["validate", "--today", TODAY, "data/enterprises/boucle.yml", "data"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.splitlines() == [
        f"data/enterprises/boucle.yml:1:1: error: fichier-lien: -: « boucle.yml » {LINK}",
        f"data/events/x.yml:1:1: error: fichier-special: -: « x.yml » est un dossier, {SPECIAL}",
        "6 fichiers vérifiés : 2 erreurs, 0 avertissement",
    ]
    assert result.exit_code == 1


def test_the_site_build_stops_with_the_same_lines(repo, tmp_path):
    """The mkdocs plugin: the odd files stop ``mkdocs build`` with the validator's lines, no traceback."""
    (repo / "data" / "enterprises" / "zero.yml").symlink_to("/dev/zero")
    os.mkfifo(repo / "data" / "events" / "tube.yml")
    (repo / "data" / "declarations" / "x.yml").mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), JACHETE_ROOT=str(repo), JACHETE_SEARCH="0",
               NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
           "-d", str(tmp_path / "site")]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                              preexec_fn=_limits, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("la construction du site ne se termine pas (lecture bloquée)")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in out
    for line in (f"data/declarations/x.yml:1:1: error: fichier-special: -: « x.yml » est un dossier, {SPECIAL}",
                 f"data/enterprises/zero.yml:1:1: error: fichier-lien: -: « zero.yml » {LINK}",
                 (f"data/events/tube.yml:1:1: error: fichier-special: -: « tube.yml » est un tube nommé (FIFO), "
                 f"{SPECIAL}")):
        assert line in out.splitlines()
    assert not (tmp_path / "site" / "index.html").exists()
