"""Shared fixtures: the site built once per session, a local server for it, and a builder
for sites made from other data folders (hostile records, demo off)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parent.parent
# Debian's Chromium; JACHETE_CHROMIUM names another installed Chromium-based browser.
CHROMIUM = os.environ.get("JACHETE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Material's end-of-life notice is known; keep test output clean.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# The long run of the generated-records test (tests/test_generated_records.py): ten times as many
# batches, with ``--hypothesis-profile=thorough``.
settings.register_profile("thorough", max_examples=1000)


def build_site(dest: Path, root: Path | None = None, demo: bool | None = None, search: bool = True):
    """``mkdocs build --strict`` of the repo's mkdocs.yml into ``dest``.

    ``root`` is the folder holding data/ (default: the repo). Returns the CompletedProcess.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("JACHETE_ROOT", None)
    env.pop("JACHETE_DEMO", None)
    if root is not None:
        env["JACHETE_ROOT"] = str(root)
    if demo is not None:
        env["JACHETE_DEMO"] = "1" if demo else "0"
    if not search:
        env["JACHETE_SEARCH"] = "0"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(dest)]
    return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False)


def make_root(tmp: Path) -> Path:
    """A repo-like folder with the repo's reference data and schemas and empty record folders."""
    data = tmp / "data"
    data.mkdir(parents=True)
    for name in ("reference", "schemas"):
        shutil.copytree(REPO / "data" / name, data / name)
    for name in ("enterprises", "declarations"):
        (data / name).mkdir()
    return tmp


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built ONCE from the repo's data, with its search index; returns its folder."""
    dest = tmp_path_factory.mktemp("site") / "site"
    proc = build_site(dest)
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stdout[-5000:]}\n{proc.stderr[-5000:]}")
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def log_message(self, format, *args):
        pass


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_server(built_site):
    """Base URL (``http://127.0.0.1:PORT/``) of the built site served by http.server in a thread."""
    server, url = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright (never downloads a browser)."""
    if not Path(CHROMIUM).exists():
        # In CI a missing browser is a broken set-up, not a reason to pass without browser tests.
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is not installed ({CHROMIUM}): .ci/run installs Debian's chromium")
        pytest.skip(f"Chromium is not installed ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


# --- Hand-made model objects for renderer tests (no YAML, no validation) ------------------


@pytest.fixture(scope="session")
def reference():
    from jachete.reference import load_reference

    return load_reference(REPO)


def make_enterprise(**overrides):
    import datetime as dt

    from jachete.model import Enterprise, Offer

    fields = {
        "id": "cafe-test",
        "nom": "Café Test",
        "forme_juridique": "obnl",
        "neq": "1171234563",
        "region": "04",
        "mrc": "371",
        "municipalite": "Trois-Rivières",
        "adresse": "1250, rue des Forges",
        "code_postal": "G9A 2G8",
        "description": "Un café.",
        "secteurs": ("alimentation",),
        "offres": (Offer(titre="Traiteur", description="Buffets.", unspsc=("90101600",)),),
        "mise_a_jour": dt.date(2026, 11, 27),
        "source_path": "data/enterprises/cafe-test.yml",
    }
    fields.update(overrides)
    return Enterprise(**fields)


def make_declaration(**overrides):
    import datetime as dt

    from jachete.model import Body, Declaration, Signatory

    fields = {
        "id": "ville-test",
        "organisme": Body(nom="Ville Test", type="municipalite", site_web="https://ville.example.ca/", region="04"),
        "adoptee_le": dt.date(2026, 3, 14),
        "resolution": "CM-2026-03-112",
        "signataire": Signatory(nom="Hélène Tremblay", titre="Mairesse"),
        "document_signe": "https://ville.example.ca/declaration.pdf",
        "source_path": "data/declarations/ville-test.yml",
    }
    fields.update(overrides)
    return Declaration(**fields)


def make_ctx(reference, enterprises=(), declarations=(), **settings):
    from jachete.model import Registry
    from jachete.site import Context, Settings

    registry = Registry(reference=reference, enterprises=tuple(enterprises), declarations=tuple(declarations))
    settings.setdefault("root", REPO)
    return Context(registry, Settings(**settings))
