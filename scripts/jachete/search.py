"""The search index: pagefind, fed each page as the build writes it (``Indexer``).

Only elements marked ``data-pagefind-body`` are indexed (record pages and hand-written
pages; the lists and the header are not). The pinned pagefind binary of the venv runs as a
service (``pagefind --service``, the protocol of the ``pagefind`` Python package): each page
is sent as its indexed element only, and the bundle is written to ``site_dir/pagefind``.
With ``exclude=()``, ``build_index`` makes exactly what ``pagefind --site`` makes of the site
(same fragments, same filters; pages numbered in path order). Why not the CLI: it reads every file
at once and peaks higher; most of the peak is pagefind's index build, which grows with the
distinct words of each page (hence ``EXCLUDE``).
"""

from __future__ import annotations

import base64
import functools
import json
import os
import queue
import re
import subprocess
import tempfile
import threading
from pathlib import Path

# Text that no one searches for, left out of the index (it stays on the pages): the permalink
# sign of Markdown headings (it ended up in page titles), the "last updated" line of records,
# the link texts of a record's contact list (web site, e-mail, map coordinates: each an opaque
# token of one page, which only grew the vocabulary; the phone number and the address stay) and
# the badge snippet of declarations (HTML code). Memory and index size grow with the distinct
# words of each page.
EXCLUDE = (
    ".headerlink",
    ".jachete-record .jachete-maj",
    ".jachete-record .jachete-contact a",
    ".jachete-record .jachete-badge-embed",
)

# pagefind's allocator (jemalloc) keeps freed pages for seconds by default; returning them at
# once lowers the peak of the index build (measured: about -20 % RSS at 3,000 records).
MALLOC_CONF = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")

# Pages sent ahead of pagefind's answers: enough to keep it busy, few enough that its queue
# of decoded requests (unbounded) and the answers waiting in the pipe stay small.
WINDOW = 16

_MARKER = b"data-pagefind-body"
_TAG = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")
_HTML = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(rb"<title\b[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)


class SearchIndexError(RuntimeError):
    pass


def build_index(site_dir: Path, language: str = "fr", exclude: tuple[str, ...] = EXCLUDE) -> int:
    """Index an already built ``site_dir`` into ``site_dir/pagefind`` (pages in path order); return
    the number of pages indexed. The build itself feeds an ``Indexer`` page by page instead."""
    return Indexer(language, exclude).finish(site_dir)


def page_count(site_dir: Path) -> int:
    """Pages in the index, read from pagefind's own entry file."""
    entry = json.loads((Path(site_dir) / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


def body_only(html: bytes) -> bytes | None:
    """The page reduced to what pagefind reads of it: the ``<html>`` tag (language), the title
    and the one element marked ``data-pagefind-body``. ``None`` when the page has no such
    element, several, or one whose end cannot be found: the page is then sent whole."""
    marks = [i for i in _find_all(html, _MARKER) if html.rfind(b"<", 0, i) > html.rfind(b">", 0, i)]
    if len(marks) != 1:
        return None
    start = html.rfind(b"<", 0, marks[0])
    tag = _TAG.match(html, start)
    if tag is None:
        return None
    depth = 0
    # Same-name tags nest (a <div> in the body <div>): the body ends where the count returns to 0.
    for m in _nesting(tag.group(1).lower()).finditer(html, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            end = html.find(b">", m.end())
            if end < 0:
                return None
            opening, title = _HTML.search(html, 0, start), _TITLE.search(html, 0, start)
            return b"".join((opening.group(0) if opening else b"<html>", b"<head>",
                             title.group(0) if title else b"", b"</head><body>",
                             html[start:end + 1], b"</body></html>"))
    return None


def _find_all(data: bytes, needle: bytes):
    i = data.find(needle)
    while i >= 0:
        yield i
        i = data.find(needle, i + 1)


@functools.cache
def _nesting(tag: bytes) -> re.Pattern:
    return re.compile(rb"<(/?)" + re.escape(tag) + rb"(?=[\s/>])", re.IGNORECASE)


def _pages(site: Path):
    out = site / "pagefind"
    for path in sorted(site.rglob("*.html")):
        if out not in path.parents:
            yield path


class _Feed:
    """Pages sent to one index, at most ``WINDOW`` ahead of pagefind's answers. Pages without a
    marked element are left out, as pagefind leaves them out of a site that marks some; if no
    page is marked at all, pagefind indexes every page's <body>: they are then sent whole."""

    def __init__(self, service: _Service, index: int):
        self.service, self.index = service, index
        self.pending, self.marked = 0, 0
        self.unmarked: list[str] = []
        self.sent: set[str] = set()

    def page(self, rel: str, raw: bytes) -> None:
        self.sent.add(rel)
        part = body_only(raw)
        if part is not None:
            self.marked += 1
        elif _MARKER in raw:
            part = raw  # several marked elements, or an unusual one: pagefind reads it all
        else:
            self.unmarked.append(rel)
            return
        self._send(rel, part)

    def finish(self, site: Path) -> None:
        if not self.marked:
            for rel in self.unmarked:
                self._send(rel, (site / rel).read_bytes())
        self.service.flush()
        for _ in range(self.pending):
            self.service.receive()
        self.pending = 0

    def _send(self, rel: str, html: bytes) -> None:
        self.service.send({"type": "AddFile", "index_id": self.index, "file_path": rel,
                           "url": None, "file_contents": html.decode("utf-8", "replace")})
        self.pending += 1
        if self.pending >= WINDOW:
            self.service.flush()
            self.service.receive()
            self.pending -= 1


class Indexer:
    """The index made while the site is written: each page goes to pagefind as soon as it is
    rendered (``add``), so pagefind, a process of its own, parses pages on another core while
    the next ones render. ``finish`` adds the HTML files the build wrote without ``add`` and
    writes the bundle; ``abort`` stops pagefind after a failed build."""

    def __init__(self, language: str = "fr", exclude: tuple[str, ...] = EXCLUDE):
        self._service = _Service()
        config = {"force_language": language, "exclude_selectors": list(exclude)}
        index = self._service.call({"type": "NewIndex", "config": config})["index_id"]
        self._index, self._feed = index, _Feed(self._service, index)
        self._queue: queue.Queue = queue.Queue(maxsize=4 * WINDOW)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
        self._thread.start()

    def add(self, rel: str, html: str) -> None:
        """A page of the site: its path under the site folder (``entreprises/x/index.html``)."""
        if self._error is None:
            self._queue.put((rel, html.encode("utf-8")))

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._feed.page(*item)
                except BaseException as exc:  # noqa: BLE001 (kept and raised by finish)
                    self._error = exc

    def finish(self, site_dir: Path) -> int:
        site = Path(site_dir)
        self._queue.put(None)
        self._thread.join()
        try:
            if self._error is not None:
                raise self._error
            for path in _pages(site):
                rel = path.relative_to(site).as_posix()
                if rel not in self._feed.sent:
                    self._feed.page(rel, path.read_bytes())
            self._feed.finish(site)
            self._service.call({"type": "WriteFiles", "index_id": self._index, "output_path": str(site / "pagefind")})
        finally:
            self._service.close()
        return page_count(site)

    def abort(self) -> None:
        self._error = self._error or SearchIndexError("construction interrompue")
        self._queue.put(None)
        self._thread.join()
        self._service.kill()


class _Service:
    """``pagefind --service``: base64-encoded JSON messages, each ended by a comma, on
    stdin/stdout. The ``pagefind`` package's own client waits 0.1 s per answer, 20 min for
    13,000 pages: this one reads answers as they come."""

    def __init__(self):
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise SearchIndexError("pagefind introuvable (paquet pagefind[bin])")
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        env = dict(os.environ)
        env.setdefault(*MALLOC_CONF)
        self._proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=self._log, env=env)
        self._next, self._buffer = 0, b""

    def close(self) -> None:
        try:
            self._proc.stdin.close()
        except OSError:
            pass
        try:
            self._proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._proc.stdout.close()
        self._log.close()

    def kill(self) -> None:
        self._proc.kill()
        self.close()

    def send(self, payload: dict) -> None:
        self._next += 1
        message = json.dumps({"message_id": self._next, "payload": payload}).encode("utf-8")
        try:
            self._proc.stdin.write(base64.b64encode(message) + b",")
        except OSError as exc:
            raise self._failure(f"envoi impossible ({exc})") from exc

    def flush(self) -> None:
        try:
            self._proc.stdin.flush()
        except OSError as exc:
            raise self._failure(f"envoi impossible ({exc})") from exc

    def receive(self) -> dict:
        while b"," not in self._buffer:
            chunk = self._proc.stdout.read1(1 << 16)
            if not chunk:
                raise self._failure("le service s'est arrêté")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b",", 1)
        payload = json.loads(base64.b64decode(message))["payload"]
        if payload.get("type") == "Error":
            raise self._failure(payload.get("message", "erreur"))
        return payload

    def call(self, payload: dict) -> dict:
        self.send(payload)
        self.flush()
        return self.receive()

    def _failure(self, what: str) -> SearchIndexError:
        self._proc.poll()
        self._log.seek(0)
        log = self._log.read().decode("utf-8", "replace")[-2000:]
        return SearchIndexError(f"pagefind a échoué ({what}, code {self._proc.returncode}) :\n{log}")
