"""What a visitor's browser downloads for a first search, and how long until results.

The built site is served on 127.0.0.1 the way a static host serves it: text files
(JavaScript, CSS, HTML, JSON) gzip-compressed on the fly when the browser accepts
it; pagefind's index files, already gzip-compressed by pagefind, sent as they are.
Headless Chromium (Debian's, through Playwright) opens an empty page of the same
origin, loads pagefind's JavaScript API, runs one query and asks for the first
results' data (what the search box shows). Bytes are summed from the network
events: transferred (encoded body + headers) and as stored on disk.
"""

from __future__ import annotations

import gzip
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
COMPRESS = (".js", ".mjs", ".css", ".html", ".json", ".svg", ".txt", ".xml")
BLANK = "/__banc__/"
BLANK_HTML = b'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>banc</title></head><body></body></html>'

QUERY_JS = """async (term) => {
  const t0 = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({ basePath: '/pagefind/' });
  await pagefind.init();
  const t1 = performance.now();
  const search = await pagefind.search(term);
  const t2 = performance.now();
  const shown = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  const t3 = performance.now();
  return { ms: t3 - t0, init: t1 - t0, search: t2 - t1, data: t3 - t2, count: search.results.length };
}"""


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == BLANK:
            return self._send(BLANK_HTML, "text/html; charset=utf-8", compress=False)
        local = Path(self.translate_path(unquote(path)))
        if local.is_dir():
            local = local / "index.html"
        if local.is_file() and local.suffix in COMPRESS and "gzip" in self.headers.get("Accept-Encoding", ""):
            ctype = self.guess_type(str(local))
            return self._send(local.read_bytes(), ctype, compress=True)
        return super().do_GET()

    def _send(self, body: bytes, ctype: str, compress: bool):
        if compress:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _one(browser, base: str, site: Path, term: str) -> dict:
    context = browser.new_context()  # empty cache: a first visit
    page = context.new_page()
    page.goto(base + BLANK)
    seen: list = []
    page.on("requestfinished", lambda request: seen.append(request))
    result = page.evaluate(QUERY_JS, term)
    page.wait_for_timeout(300)  # let the last network events arrive
    transfer, raw, files = 0, 0, []
    for request in seen:
        sizes = request.sizes()
        transfer += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        local = site / unquote(urlsplit(request.url).path).lstrip("/")
        raw += local.stat().st_size if local.is_file() else 0
        files.append(urlsplit(request.url).path)
    context.close()
    return {"transfer_kb": transfer / 1000, "raw_kb": raw / 1000, "requests": len(seen), "ms": result["ms"],
            "results": result["count"], "files": files, "term": term,
            "split": (result["init"], result["search"], result["data"])}


def probe(site: Path, term: str = "habitation", runs: int = 3) -> dict:
    """First query of ``term`` in ``runs`` fresh browser contexts; the median time is reported
    (``ms``) with every run's (``all_ms``); bytes are those of the median run."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            results = [_one(browser, base, site, term) for _ in range(max(1, runs))]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    results.sort(key=lambda r: r["ms"])
    chosen = dict(results[len(results) // 2])
    chosen["all_ms"] = [r["ms"] for r in results]
    return chosen
