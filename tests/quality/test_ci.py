"""The browser of the gates is Debian's Chromium: CI installs it with apt and nothing in the
repository ever downloads one (Playwright's browser installer is never called)."""

from __future__ import annotations

import subprocess

from conftest import CHROMIUM, REPO


def test_ci_installs_debians_chromium_and_runs_make_test():
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in run and "chromium" in run
    assert "make test" in run
    assert CHROMIUM == "/usr/bin/chromium"


def test_nothing_in_the_repository_downloads_a_browser():
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    offenders = []
    for name in files.decode().split("\0"):
        path = REPO / name
        if not name or not path.is_file() or path.suffix in {".png", ".svg", ".pdf"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        # Spelled in two pieces so that this file does not match itself.
        if "playwright " + "install" in text or "PLAYWRIGHT_" + "BROWSERS_PATH" in text:
            offenders.append(name)
    assert offenders == []
