"""HTML validity of the built pages: html5lib parse errors, unique ids, the page language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import html5lib

# Parse errors that come from Material for MkDocs' own templates, not from ours. Each entry is
# (html5lib error code, a fragment of the offending source that identifies it), so that the same
# error code produced by one of our templates is still reported. Empty while none is needed.
KNOWN_THEME_ERRORS: tuple[tuple[str, str], ...] = ()

LANGS = {"fr", "fr-CA", "fr-ca"}


@dataclass(frozen=True)
class HtmlProblem:
    page: str
    reason: str

    def format(self) -> str:
        return f"{self.page}: {self.reason}"


def parse_errors(html: str) -> list[tuple[int, int, str, dict]]:
    """Every html5lib parse error of ``html`` as (line, column, code, data).

    Same errors as ``html5lib.HTMLParser(strict=True)`` raises on, but all of them, not the first.
    """
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    parser.parse(html)
    return [(line, col, code, data or {}) for (line, col), code, data in parser.errors]


def _known(code: str, line_text: str) -> bool:
    return any(code == known and fragment in line_text for known, fragment in KNOWN_THEME_ERRORS)


def check_html(html: str, page: str = "") -> list[HtmlProblem]:
    """Parse errors, duplicate ids and a missing or non-French ``lang`` on <html>."""
    problems = []
    lines = html.splitlines()
    for line, col, code, data in parse_errors(html):
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        if _known(code, text):
            continue
        detail = f" {data}" if data else ""
        problems.append(HtmlProblem(page, f"ligne {line}, col. {col} : {code}{detail} — {text.strip()[:120]}"))
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    ids = Counter(el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id") is not None)
    for value, n in sorted(ids.items()):
        if n > 1:
            problems.append(HtmlProblem(page, f"id « {value} » répété {n} fois"))
    if "" in ids:
        problems.append(HtmlProblem(page, "id vide"))
    lang = tree.get("lang")
    if lang not in LANGS:
        problems.append(HtmlProblem(page, f"<html lang> vaut {lang!r} (attendu : fr ou fr-CA)"))
    return problems


# Script element types that are data, not code (Material's configuration, JSON-LD).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def check_inline_code(html: str, page: str = "") -> list[HtmlProblem]:
    """Code the Content-Security-Policy (script-src 'self') would refuse: inline scripts and
    event-handler attributes. Every script of the site is a file."""
    problems = []
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name in el.attrib:
            if name.lower().startswith("on"):
                problems.append(HtmlProblem(page, f"gestionnaire en ligne <{el.tag} {name}=…>"))
        code = el.tag == "script" and not el.get("src") and (el.text or "").strip()
        if code and (el.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
            problems.append(HtmlProblem(page, f"script en ligne : {(el.text or '').strip()[:80]}"))
    return problems


def check_site(site: Path) -> list[HtmlProblem]:
    problems = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        text = file.read_text(encoding="utf-8")
        problems.extend(check_html(text, rel))
        problems.extend(check_inline_code(text, rel))
    return problems
