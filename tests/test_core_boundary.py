"""The core takes its settings from its caller: no module of ``jachete`` (apart from its command-line
entry points) reads the environment or guesses the repository from its own location."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from jachete import site
from jachete.exports import common
from jachete.model import Registry
from jachete.rules import feature
from jachete.rules.validate import RULES_PATH

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "jachete"
# The command-line entry points read the environment and pass what they read in.
ENTRY_POINTS = {"cli.py", "__main__.py", "seao/cli.py"}
# Passes the whole environment on to the pagefind process; it reads no setting from it.
FORWARDS = {"search.py"}
LEAVING = ("bench/", "quality/")  # test and bench tooling, on its way out of the package


def reads_outside(source: str) -> list[str]:
    """The places where ``source`` reads the environment or climbs ``Path.parents[n]``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "environb"}:
            found.append(f"line {node.lineno}: {node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and \
                {a.name for a in node.names} & {"environ", "getenv"}:
            found.append(f"line {node.lineno}: from os import environ")
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "parents":
            found.append(f"line {node.lineno}: parents[...]")
    return found


def test_no_core_module_reads_the_environment():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in ENTRY_POINTS | FORWARDS or rel.startswith(LEAVING):
            continue
        if found := reads_outside(path.read_text(encoding="utf-8")):
            offenders[rel] = found
    assert offenders == {}


def test_the_reader_sees_each_form():
    assert reads_outside("import os\nx = os.environ.get('A')\n") == ["line 2: environ"]
    assert reads_outside("import os\nx = os.getenv('A')\n") == ["line 2: getenv"]
    assert reads_outside("from os import environ\n") == ["line 1: from os import environ"]
    assert reads_outside("from pathlib import Path\nR = Path(__file__).parents[3]\n") == ["line 2: parents[...]"]
    assert reads_outside("x = {'a': 1}['a']\n") == []


def _ctx(root, project=None):
    settings = site.Settings(today=dt.date(2026, 11, 27), root=root, project_root=project)
    return site.Context(Registry(None, (), (), {}), settings)


def test_the_data_folder_comes_from_the_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("JACHETE_ROOT", str(tmp_path / "elsewhere"))
    assert common.repo_root(_ctx(tmp_path)) == tmp_path
    with pytest.raises(ValueError, match="Settings.root"):
        common.repo_root(_ctx(None))


def test_rules_come_from_the_data_folder_else_the_site_folder(tmp_path, monkeypatch):
    repo = PACKAGE.parent.parent
    data, project = tmp_path / "data-root", tmp_path / "site"
    (data / RULES_PATH).parent.mkdir(parents=True)
    (data / RULES_PATH).write_bytes((repo / RULES_PATH).read_bytes())
    (project / RULES_PATH).parent.mkdir(parents=True)
    monkeypatch.setenv("JACHETE_ROOT", str(project))  # read by the adapter only, never here
    assert feature._root(_ctx(data, project)) == data
    assert feature._root(_ctx(project / "empty", data)) == data
    assert feature._root(_ctx(project / "empty")) == project / "empty"
