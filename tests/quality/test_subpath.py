"""A site published below the domain's root, as GitHub Pages publishes a project
(``https://OWNER.github.io/REPO/``): built with ``SITE_URL=http://127.0.0.1:PORT/depot/`` and
served under ``/depot/`` by a server that answers a missing page with the site's 404.html,
as GitHub Pages does. Search, the 404 page and record pages must load every resource."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from unittest import mock

import pytest
import yaml

from conftest import REPO, _QuietHandler, build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PREFIX = "/depot/"


class _PagesHandler(_QuietHandler):
    """Files of ``directory`` under PREFIX only; anything else gets PREFIX/404.html, status 404."""

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        local = Path(self.translate_path(path))
        if path.startswith(PREFIX) and (local.is_file() or (local / "index.html").is_file()):
            return super().send_head()
        page = (Path(self.directory) / PREFIX.strip("/") / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        return _Body(page)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@pytest.fixture(scope="module")
def depot(tmp_path_factory):
    """Base URL ``http://127.0.0.1:PORT/depot/`` of the repo's site built for that very URL."""
    top = tmp_path_factory.mktemp("pages")
    handler = functools.partial(_PagesHandler, directory=str(top))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    with mock.patch.dict(os.environ, SITE_URL=base):
        proc = build_site(top / PREFIX.strip("/"))
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()
    server.server_close()


def _enterprise():
    path = min((REPO / "data" / "enterprises").glob("*.yml"))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _search(page, query: str, expected: str, base: str) -> None:
    page.locator("pagefind-modal-trigger button").click()
    page.locator("pagefind-modal pagefind-input input").fill(query)
    link = page.locator("pagefind-modal a.pf-result-link", has_text=expected).first
    link.wait_for(timeout=20000)
    assert link.evaluate("a => a.href").startswith(base), link.evaluate("a => a.href")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(base + "entreprises/"), page.url
    assert page.locator("h1").first.inner_text().strip() == expected


def test_search_in_the_header_finds_records_below_the_prefix(watched, depot):
    e = _enterprise()
    query = max(e["nom"].split(), key=len)
    context, w = watched(depot)
    page = context.new_page()
    page.goto(depot)
    _search(page, query, e["nom"], depot)
    assert w.problems() == []


def test_a_missing_page_shows_the_styled_404_with_every_resource(watched, depot):
    e = _enterprise()
    context, w = watched(depot)
    page = context.new_page()
    missing = depot + "nulle/part/page-absente/"
    response = page.goto(missing)
    assert response.status == 404
    page.wait_for_load_state("load")
    # The theme's style sheet is applied (not the browser's default look) and its scripts ran.
    assert page.evaluate("() => [...document.styleSheets].some(s => /main\\.[0-9a-f]+\\.min\\.css$/.test(s.href))")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("() => typeof window.__md_scope === 'object' && typeof window.document$ === 'object'")
    assert page.locator("pagefind-modal-trigger button").is_visible()
    assert w.problems(allow_missing=("page-absente/",)) == []
    # The search of the 404 page works too, and leads to the record below the prefix.
    _search(page, max(e["nom"].split(), key=len), e["nom"], depot)
    assert w.problems(allow_missing=("page-absente/",)) == []


def test_a_record_page_requests_nothing_missing(watched, depot):
    e = _enterprise()
    context, w = watched(depot)
    page = context.new_page()
    response = page.goto(depot + f"entreprises/{e['id']}/")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().strip() == e["nom"]
    assert w.problems() == []
