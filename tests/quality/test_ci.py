"""The browser of the gates is a Chromium-based browser found on the machine: Debian's Chromium
by default (CI installs it with apt), or the one JACHETE_CHROMIUM names (GitHub's runners drive
their own Google Chrome). Nothing in the repository ever downloads one (Playwright's browser
installer is never called)."""

from __future__ import annotations

import os
import re
import subprocess

from conftest import CHROMIUM, REPO

DEBIAN_CHROMIUM = "/usr/bin/chromium"


def test_ci_installs_debians_chromium_and_runs_make_test():
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in run and "chromium" in run
    assert "make test" in run


def test_the_browser_is_the_one_named_or_debians_chromium():
    assert CHROMIUM == os.environ.get("JACHETE_CHROMIUM", DEBIAN_CHROMIUM)


def test_the_browser_is_chromium_based(browser):
    # What matters to the gates: Playwright drives it over the Chromium protocol, whatever its name
    # (chromium, google-chrome, a wrapper script).
    assert browser.browser_type.name == "chromium"
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", browser.version), browser.version
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60, check=True)
    assert re.match(r"(Chromium|Google Chrome|Microsoft Edge|Brave Browser|Opera) \d+\.", version.stdout.strip()), \
        version.stdout


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
