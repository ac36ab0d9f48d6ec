"""The live preview (`make serve`, a dirty `mkdocs serve`): an edited record shows on its page, and
the rebuild writes that page alone, not the others of the site."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from jachete_bench.preview import _free_port as _port
from jachete_bench.preview import _get


def _until(predicate, timeout: float, proc: subprocess.Popen):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "mkdocs serve stopped"
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail("timed out")


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(REPO / "data", root / "data")
    port = _port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", JACHETE_ROOT=str(root), JACHETE_SEARCH="0")
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}",
           "-f", str(REPO / "mkdocs.yml"), "-w", str(root / "data")]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield root, f"http://127.0.0.1:{port}", proc, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def _fills(log: Path) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+) pages de fiche remplies", log.read_text(encoding="utf-8"))]


def test_an_edited_record_is_the_only_page_built_again(server):
    root, base, proc, log = server
    record = min((root / "data" / "enterprises").glob("*.yml"))
    url = f"{base}/entreprises/{record.stem}/"
    _until(lambda: _get(url), 180, proc)
    first = _fills(log)
    assert len(first) == 1 and first[0] > 80  # the first build fills every record page
    time.sleep(1.5)  # the watcher starts after the first build

    text = record.read_text(encoding="utf-8")
    assert 'description: "' in text or "description: " in text
    edited = re.sub(r"^description: (\"?)", r"description: \1Modifiée pendant l’aperçu. ", text, count=1, flags=re.MULTILINE)
    assert edited != text
    record.write_text(edited, encoding="utf-8")
    page = _until(lambda: (body := _get(url)) and "Modifiée pendant l’aperçu." in body and body, 120, proc)
    assert "Modifiée pendant l’aperçu." in page
    _until(lambda: len(_fills(log)) == 2, 30, proc)
    assert _fills(log)[1] == 1  # the edited record's page, no other


def test_a_renamed_record_shows_in_its_region_and_the_lists(server):
    root, base, proc, _log = server
    record = min((root / "data" / "enterprises").glob("*.yml"))
    _until(lambda: _get(f"{base}/entreprises/{record.stem}/"), 180, proc)
    time.sleep(1.5)
    text = record.read_text(encoding="utf-8")
    renamed = re.sub(r"^nom: (\"?)", r"nom: \1Renommée Zéta ", text, count=1, flags=re.MULTILINE)
    assert renamed != text
    record.write_text(renamed, encoding="utf-8")
    _until(lambda: "Renommée Zéta" in (_get(f"{base}/entreprises/") or ""), 120, proc)  # the A–Z list
    region = re.search(r"^region: \"?(\d\d)", text, flags=re.MULTILINE)[1]
    slug = re.search(rf'href="\.\./regions/({region}-[^"/]+)/"', _get(f"{base}/regions/") or "")[1]
    _until(lambda: "Renommée Zéta" in (_get(f"{base}/regions/{slug}/") or ""), 120, proc)
