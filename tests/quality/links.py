"""Offline link checker: every internal href/src of a built site resolves to a file, and every
#fragment to an id (or a[name]) of its target page. No network: external URLs are only parsed."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

from jachete.files import read_bytes
from jachete.weburl import LINKABLE, check

# The site is resolved as if served from this origin; any other host is external.
ORIGIN = "http://site.invalid"
_LINK_ATTRS = {"href", "src", "poster", "action", "data"}
# Schemes that run code when followed or loaded: never acceptable in a page of the site.
_CODE_SCHEMES = {"javascript", "vbscript"}
WEB_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class LinkProblem:
    page: str  # path of the page in the site, e.g. "entreprises/x/index.html"
    url: str  # the URL as written
    reason: str

    def format(self) -> str:
        return f"{self.page}: {self.url} — {self.reason}"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif tag == "base" and name == "href":
                self.base = value
            elif name in _LINK_ATTRS and (name != "data" or tag == "object"):
                self.links.append((tag, name, value))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((tag, name, candidate.split()[0]))


def parse_page(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def page_url(rel_path: str) -> str:
    """The URL a file of the site is served at (directory URLs: ``x/index.html`` -> ``/x/``)."""
    rel = rel_path.replace("\\", "/")
    if rel == "index.html":
        return ORIGIN + "/"
    if rel.endswith("/index.html"):
        return ORIGIN + "/" + rel[: -len("index.html")]
    return ORIGIN + "/" + rel


def target_file(site: Path, path: str) -> Path | None:
    """The file a URL path of the site is served from, or None when nothing answers it."""
    rel = posixpath.normpath(unquote(path)).lstrip("/")
    if rel in (".", ""):
        rel = ""
    candidate = site / rel
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


class _IdCache:
    def __init__(self) -> None:
        self._ids: dict[Path, set[str]] = {}

    def ids(self, file: Path) -> set[str]:
        if file not in self._ids:
            self._ids[file] = parse_page(file.read_text(encoding="utf-8", errors="replace")).ids
        return self._ids[file]


def check_page(site: Path, file: Path, cache: _IdCache | None = None) -> list[LinkProblem]:
    """Problems of the links of one HTML file of the site."""
    cache = cache or _IdCache()
    rel = file.relative_to(site).as_posix()
    collector = parse_page(file.read_text(encoding="utf-8", errors="replace"))
    cache._ids.setdefault(file, collector.ids)
    base = urljoin(page_url(rel), collector.base) if collector.base else page_url(rel)
    problems = []
    for tag, attr, raw in collector.links:
        value = raw.strip()
        try:
            parts = urlsplit(urljoin(base, value))
        except ValueError as exc:
            problems.append(LinkProblem(rel, raw, f"URL illisible ({exc})"))
            continue
        scheme = parts.scheme.lower()
        if scheme in _CODE_SCHEMES or (scheme == "data" and tag == "a"):
            problems.append(LinkProblem(rel, raw, f"schéma interdit « {scheme}: »"))
            continue
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            if scheme in ("http", "https") and not parts.netloc:
                problems.append(LinkProblem(rel, raw, "URL externe sans hôte"))
            continue
        target = target_file(site, parts.path)
        if target is None:
            problems.append(LinkProblem(rel, raw, f"cible introuvable ({parts.path})"))
            continue
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in cache.ids(target):
            problems.append(LinkProblem(rel, raw, f"ancre #{fragment} absente de {target.relative_to(site)}"))
    return problems


def check_sitemap(site: Path) -> list[LinkProblem]:
    """Every <loc> of sitemap.xml is a page of the site (paths taken below the site's base URL)."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return [LinkProblem("sitemap.xml", "", "fichier absent")]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [el.text.strip() for el in ElementTree.parse(sitemap).getroot().findall("s:url/s:loc", ns)]
    if not locs:
        return [LinkProblem("sitemap.xml", "", "aucune adresse")]
    # The base is the home page's <loc> (the shortest one).
    base = urlsplit(min(locs, key=len)).path
    problems = []
    for loc in locs:
        path = urlsplit(loc).path
        if not path.startswith(base) or target_file(site, path[len(base):] or "/") is None:
            problems.append(LinkProblem("sitemap.xml", loc, "page absente du site"))
    return problems


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def check_site(site: Path) -> list[LinkProblem]:
    """Every internal link, resource and anchor of every HTML page, and the sitemap."""
    cache = _IdCache()
    problems: list[LinkProblem] = []
    for file in html_files(site):
        problems.extend(check_page(site, file, cache))
    problems.extend(check_sitemap(site))
    return problems


# --- External URLs written in the records (parsed only, never fetched) ---------------------

URL_KEYS = {"site_web", "boutique_en_ligne", "document_signe", "url"}
_SCHEME_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a well-formed http(s) or mailto URL, or None when it is (the validator's parse)."""
    if not isinstance(url, str):
        return "adresse absente"
    found = check(url, LINKABLE)
    return found if isinstance(found, str) else None


def iter_urls(value, path=""):
    """(path, url) of the URL-like strings of a parsed YAML record: URL keys, or text with "://"."""
    if isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if key in URL_KEYS and isinstance(item, str):
                yield sub, item
            else:
                yield from iter_urls(item, sub)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_urls(item, f"{path}[{i}]")
    elif isinstance(value, str) and ("://" in value or value.startswith("mailto:")) and _SCHEME_LIKE.match(value):
        yield path, value


def check_record_urls(data_dir: Path) -> list[LinkProblem]:
    """Every URL of every YAML record under ``data_dir`` (reference data included) is well-formed."""
    import yaml

    problems = []
    for file in sorted(data_dir.rglob("*.yml")):
        content, refused = read_bytes(file)  # a link, a FIFO or an oversize file is not read
        try:
            record = None if refused else yaml.safe_load(content.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # unreadable records are the validator's business
        for where, url in iter_urls(record):
            reason = url_problem(url)
            if reason:
                problems.append(LinkProblem(f"{file.relative_to(data_dir)} ({where})", url, reason))
    return problems
