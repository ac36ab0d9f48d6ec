"""What a visitor's browser downloads for a first search, and how long until results.

The built site is served on 127.0.0.1 the way a static host serves it: text files
(JavaScript, CSS, HTML, JSON) gzip-compressed on the fly when the browser accepts
it; pagefind's index files, already gzip-compressed by pagefind, sent as they are.
The server counts the bytes it sends for each request (headers included): the browser's
own figures miss some (pagefind's Web Worker script is reported as 0 bytes).

Two measures, each in fresh contexts of headless Chromium (Debian's, through Playwright):

- ``api``: an empty page of the same origin loads pagefind's JavaScript API, runs one
  query and asks for the first five results' data. The time is split into loading
  (script, worker, metadata, WebAssembly), the query, and the results' data.
- ``header``: the home page, then the header's search box as a visitor uses it: open it,
  type the term, until the first result is shown (the Component UI loads pagefind when the
  box opens, so loading and typing overlap). Then a second term in the same box: the wait
  for a query once pagefind is loaded. The UI's own files, loaded with every page, are
  counted apart.
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
UI_FILES = ("/pagefind/pagefind-component-ui.js", "/pagefind/pagefind-component-ui.css")

# search("") waits until pagefind is ready (metadata and WebAssembly loaded) and fetches no
# index chunk: it separates loading from the query.
QUERY_JS = """async (term) => {
  const t0 = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({ basePath: '/pagefind/' });
  await pagefind.init();
  await pagefind.search('');
  const t1 = performance.now();
  const search = await pagefind.search(term);
  const t2 = performance.now();
  const shown = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  const t3 = performance.now();
  return { ms: t3 - t0, load: t1 - t0, search: t2 - t1, data: t3 - t2, count: search.results.length };
}"""

# The time a result link is first added to the search box's list, from now on.
WATCH_JS = """() => {
  window.__first = null;
  const t0 = performance.now();
  new MutationObserver((records, observer) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType === 1 && (n.matches('a.pf-result-link') || n.querySelector('a.pf-result-link'))) {
        window.__first = performance.now(); observer.disconnect(); return;
      }
    }
  }).observe(document.querySelector('pagefind-modal') || document.body, { subtree: true, childList: true });
  return t0;
}"""


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        self.wfile = _Counting(self.wfile)

    def handle_one_request(self):
        self.wfile.count = 0
        super().handle_one_request()
        if getattr(self, "path", None) and self.wfile.count:
            self.server.record(urlsplit(self.path).path, self.wfile.count)

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


class _Counting:
    """The response stream, counting what is written to the socket."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class _Server(ThreadingHTTPServer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent: list[tuple[str, int]] = []
        self._lock = threading.Lock()

    def record(self, path: str, size: int) -> None:
        with self._lock:
            self.sent.append((path, size))

    def since(self, mark: int) -> list[tuple[str, int]]:
        with self._lock:
            return list(self.sent[mark:])


def serve(site: Path) -> tuple[_Server, str]:
    server = _Server(("127.0.0.1", 0), partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _bytes(site: Path, sent: list[tuple[str, int]]) -> dict:
    raw = 0
    for path, _ in sent:
        local = site / unquote(path).lstrip("/")
        raw += local.stat().st_size if local.is_file() else 0
    return {"transfer_kb": sum(size for _, size in sent) / 1000, "raw_kb": raw / 1000, "requests": len(sent),
            "files": [path for path, _ in sent]}


def _api(browser, server, base: str, site: Path, term: str) -> dict:
    context = browser.new_context()  # empty cache: a first visit
    page = context.new_page()
    page.goto(base + BLANK)
    mark = len(server.sent)
    result = page.evaluate(QUERY_JS, term)
    page.wait_for_timeout(300)  # let the last requests end
    context.close()
    sent = [(path, size) for path, size in server.since(mark) if path != "/favicon.ico"]  # the empty page's
    return {**_bytes(site, sent), "ms": result["ms"], "results": result["count"], "term": term,
            "split": (result["load"], result["search"], result["data"]),
            "query_ms": result["search"] + result["data"]}


def _first_result(page, type_term) -> float:
    t0 = page.evaluate(WATCH_JS)
    type_term()
    page.wait_for_function("() => window.__first !== null", timeout=30000)
    return page.evaluate("window.__first") - t0


def _header(browser, server, base: str, site: Path, term: str, second: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    mark = len(server.sent)
    page.goto(base + "/")
    page.wait_for_load_state("networkidle")
    ui = [(path, size) for path, size in server.since(mark) if path in UI_FILES]
    mark = len(server.sent)
    box = page.locator("pagefind-modal pagefind-input input")

    def open_and_type():
        page.locator("pagefind-modal-trigger button").click()
        box.fill(term)

    ms = _first_result(page, open_and_type)
    page.wait_for_timeout(300)
    sent = server.since(mark)
    query_ms = _first_result(page, lambda: box.fill(second))
    shown = page.locator("pagefind-modal a.pf-result-link").count()
    context.close()
    return {**_bytes(site, sent), "ms": ms, "query_ms": query_ms, "term": term, "second": second,
            "ui_kb": sum(size for _, size in ui) / 1000, "shown": shown}


def _median(runs: list[dict]) -> dict:
    runs = sorted(runs, key=lambda r: r["ms"])
    chosen = dict(runs[len(runs) // 2])
    chosen["all_ms"] = [r["ms"] for r in runs]
    chosen["all_query_ms"] = sorted(r["query_ms"] for r in runs)
    return chosen


def probe(site: Path, term: str = "habitation", runs: int = 3, second: str = "entretien") -> dict:
    """First query of ``term`` in ``runs`` fresh browser contexts, through pagefind's API (the
    top-level figures) and through the header's search box (``header``). Each reports the median
    run (``ms``, with every run's in ``all_ms``) and that run's bytes."""
    from playwright.sync_api import sync_playwright

    site = Path(site)
    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            api = _median([_api(browser, server, base, site, term) for _ in range(max(1, runs))])
            header = _median([_header(browser, server, base, site, term, second) for _ in range(max(1, runs))])
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {**api, "header": header}
