"""Record pages filled from a per-folder shell (scripts/jachete_mkdocs/shell.py) are the pages the
theme renders itself: byte for byte, over the demo records and the hostile ones. The compact
chrome changes whitespace only: same document tree, same text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from conftest import REPO, make_root
from jachete_mkdocs.compact import compact

HOSTILE = REPO / "tests" / "fixtures" / "hostile" / "data"


def _build(root: Path, dest: Path, **env_flags: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", JACHETE_ROOT=str(root), JACHETE_SEARCH="0",
               SOURCE_DATE_EPOCH="1700000000", **env_flags)
    env.pop("JACHETE_DEMO", None)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("shell")
    root = make_root(tmp / "root")
    for name in ("rules", "events"):
        shutil.copytree(REPO / "data" / name, root / "data" / name)
    for name in ("enterprises", "declarations"):
        for source in (REPO / "data" / name, HOSTILE / name):
            for f in source.glob("*.yml"):
                shutil.copy(f, root / "data" / name / f.name)
    out = {}
    for label, flags in {"theme": {"JACHETE_SHELL": "0"}, "shell": {"JACHETE_COMPACT": "0"}, "compact": {}}.items():
        out[label] = tmp / label
        out[label + "-log"] = _build(root, out[label], **flags).stderr
    return out


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _record_pages(site: Path, kinds=("entreprises", "declarations")) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for kind in kinds for p in (site / kind).glob("*/index.html"))


def _shell_pages(site: Path) -> list[str]:
    # Every generated page out of the nav: records, and one page per region.
    return _record_pages(site, ("entreprises", "declarations", "regions"))


def test_the_shell_fills_every_record_page_without_fallback(sites):
    pages = _record_pages(sites["shell"])
    assert len(pages) > 80
    # Record pages and the other generated pages out of the nav (one per region).
    regions = len(list((sites["shell"] / "regions").glob("*/index.html")))
    filled = re.search(r"(\d+) pages de fiche remplies depuis leur gabarit, (\d+) repli", sites["shell-log"])
    assert filled and (int(filled[1]), int(filled[2])) == (len(pages) + regions, 0)


def test_shell_pages_are_the_theme_pages_byte_for_byte(sites):
    theme, shell = _files(sites["theme"]), _files(sites["shell"])
    assert theme.keys() == shell.keys()
    different = [name for name in theme if theme[name] != shell[name]]
    assert different == []


def _tree(html: bytes) -> list:
    # Element names, attributes and text with whitespace runs collapsed, in document order.
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    out = []
    for el in doc.iter():
        out.append((el.tag, sorted(el.attrib.items()), " ".join((el.text or "").split()),
                    " ".join((el.tail or "").split())))
    return out


def test_compact_chrome_keeps_the_document_tree_and_saves_bytes(sites):
    pages = _shell_pages(sites["compact"])
    saved = 0
    for name in pages:
        raw, small = (sites["shell"] / name).read_bytes(), (sites["compact"] / name).read_bytes()
        assert _tree(small) == _tree(raw), name
        saved += len(raw) - len(small)
    assert saved / len(pages) > 2000  # bytes per page: the theme's indentation


def test_only_generated_pages_out_of_the_nav_are_compacted(sites):
    raw, small = _files(sites["shell"]), _files(sites["compact"])
    records = set(_shell_pages(sites["compact"]))
    assert [name for name in raw if name not in records and raw[name] != small[name]] == []


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>\n      a\n    b</p>\n  \n", "<p>\na\nb</p>\n"),
    ("<div>  <span>a</span>  <span>b</span></div>", "<div>  <span>a</span>  <span>b</span></div>"),
    ("<pre>\n  keep\n    this\n</pre>\n   <x>", "<pre>\n  keep\n    this\n</pre>\n<x>"),
    ("<textarea>\n  a\n</textarea>", "<textarea>\n  a\n</textarea>"),
    ('<script type="application/json">{"a":\n   "b"}</script>\n  <STYLE>\n  p {}\n</STYLE>',
     '<script type="application/json">{"a":\n   "b"}</script>\n<STYLE>\n  p {}\n</STYLE>'),
    ("a \t\r\n\t b", "a\nb"),
])
def test_compact(html, expected):
    assert compact(html) == expected


def test_a_shell_that_differs_from_the_theme_stops_a_strict_build(tmp_path, monkeypatch, caplog):
    """The byte-for-byte check fails (forced here): the pages fall back to the ordinary render, and
    the build says so with a warning, which --strict turns into a failure."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from jachete_mkdocs.shell import Shells

    fill = Shells._fill
    monkeypatch.setattr(Shells, "_fill", lambda self, segments, page: fill(self, segments, page) + "<!-- -->")
    for name in ("JACHETE_ROOT", "JACHETE_SHELL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JACHETE_SEARCH", "0")
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort, match="warnings in strict mode"):
        build(config)
    warned = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.jachete"]
    assert warned and all("rendues sans gabarit partagé" in m for m in warned)
    assert any("entreprises/" in m for m in warned)
