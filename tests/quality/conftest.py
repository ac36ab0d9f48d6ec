"""Fixtures of the quality gates: the pages of the built site by kind, a site built from the
hostile records, and a browser context factory with the page watcher attached."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import REPO, build_site, serve

from . import gates

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
RECORD_KINDS = ("entreprises", "declarations", "regions")


def site_pages(site: Path) -> list[str]:
    """URL paths (relative to the site root, "" for the home page) of every page in sitemap.xml,
    plus 404.html."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [el.text.strip() for el in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    base = min(locs, key=len)
    pages = sorted({loc[len(base):] for loc in locs if loc.startswith(base)})
    return pages + (["404.html"] if (site / "404.html").is_file() else [])


def kind(path: str) -> str:
    """"enterprise", "declaration", "region" for a record or region page, else "page"."""
    parts = [p for p in path.split("/") if p]
    if len(parts) == 2 and parts[0] in RECORD_KINDS:
        return {"entreprises": "enterprise", "declarations": "declaration", "regions": "region"}[parts[0]]
    return "page"


def spread(items: list[str], n: int) -> list[str]:
    """``n`` items spread evenly over a sorted list (first and last included)."""
    if len(items) <= n:
        return list(items)
    step = (len(items) - 1) / (n - 1)
    return [items[round(i * step)] for i in range(n)]


@pytest.fixture(scope="session")
def pages(built_site) -> dict[str, list[str]]:
    by_kind: dict[str, list[str]] = {}
    for path in site_pages(built_site):
        by_kind.setdefault(kind(path), []).append(path)
    return by_kind


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The site built from the repo's reference data, rules and events with the hostile records
    of tests/fixtures/hostile/data in place of data/enterprises and data/declarations."""
    root = tmp_path_factory.mktemp("hostile-root")
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("enterprises", "declarations"))
    for name in ("enterprises", "declarations"):
        shutil.copytree(HOSTILE / "data" / name, root / "data" / name)
    dest = tmp_path_factory.mktemp("hostile-site") / "site"
    proc = build_site(dest, root=root)
    if proc.returncode != 0:
        pytest.fail(f"the hostile records do not build:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return dest


@pytest.fixture(scope="session")
def hostile_server(hostile_site):
    server, url = serve(hostile_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def watched(browser):
    """``open(base_url, **context_options) -> (context, Watch)``; contexts are closed after the test."""
    contexts = []

    def open_context(base_url: str, **options):
        context = browser.new_context(locale="fr-CA", **options)
        contexts.append(context)
        return context, gates.watch(context, base_url.rstrip("/"))

    yield open_context
    for context in contexts:
        context.close()
