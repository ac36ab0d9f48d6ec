"""Record pages through a shell: the theme's page rendered once per folder, then filled per record.

Out of the nav, every record page of one folder (``entreprises/<id>/``) gets the same theme
output around its own title, description, URL and body: same depth (same relative links),
nothing active in the nav, no previous/next page. At Quebec scale the theme's render is most
of the build, so it runs once per *shape* on a probe page whose varying parts are sentinels;
the output is split at the sentinels and each record page is the segments joined with its
own values.

Safety net: the first page of every shape is also rendered the ordinary way and compared
byte for byte; on any difference (a theme update that transforms the title, say) that shape
falls back to the ordinary render for good, with a warning (a strict build stops on it). ``tests/test_shell.py`` compares whole sites.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .compact import compact
from .compat import page_context

log = logging.getLogger("mkdocs.plugins.jachete")

# Letters and digits only: no filter of the theme (escape, striptags, url) changes them.
TITLE, DESCRIPTION, CONTENT, SLUG = (f"Jshell{n}x7Q3" for n in ("Title", "Desc", "Body", "Slug"))
# Material looks for "<h1" in the body (partials/content.html): a body with a heading is probed
# with one, and the heading is part of the sentinel.
CONTENT_H1 = CONTENT + "<h1>"
_SPLIT = re.compile(f"({TITLE}|{DESCRIPTION}|{CONTENT_H1}|{CONTENT}|{SLUG})")
# Meta keys whose values are per page and replaced by sentinels (or unused by the theme).
VARYING = {"title", "description", "jachete"}


def shape(page: Page) -> tuple:
    """What decides the theme's output of a record page apart from its sentinel parts."""
    meta = page.meta or {}
    fixed = tuple(sorted((k, repr(v)) for k, v in meta.items() if k not in VARYING))
    folder = posixpath.dirname(page.file.src_uri)
    # Material adds an <h1> when the body has none, and a <meta name=description> of the site when
    # the page has none: both change the page's structure, so each is part of the shape.
    return folder, fixed, bool(meta.get("description")), "<h1" in (page.content or "")


class Shells:
    """Per-build cache of shells; ``render`` returns the page's HTML."""

    def __init__(self, env, compact_chrome: bool = True):
        self.env = env
        self.compact_chrome = compact_chrome
        self._shells: dict[tuple, list[str] | None] = {}
        self.filled = 0
        self.fallbacks: list[str] = []

    def render(self, page: Page, context: dict, full: Callable[[], str]) -> str:
        key = shape(page)
        if key not in self._shells:
            self._shells[key] = self._make(page, context, full)
        segments = self._shells[key]
        if segments is None:
            return full()
        self.filled += 1
        return self._fill(segments, page)

    # -- internals ------------------------------------------------------------------------------

    @staticmethod
    def _values(page: Page) -> dict[str, str]:
        meta = page.meta or {}
        return {
            TITLE: meta.get("title") or "",
            DESCRIPTION: meta.get("description") or "",
            CONTENT: page.content or "",
            CONTENT_H1: page.content or "",
            SLUG: posixpath.basename(page.file.src_uri).rsplit(".", 1)[0],
        }

    def _fill(self, segments: list[str], page: Page) -> str:
        values = self._values(page)
        # Even positions are theme text, odd positions are sentinels (re.split with a group).
        return "".join(s if i % 2 == 0 else values[s] for i, s in enumerate(segments))

    def _probe(self, page: Page, context: dict) -> str:
        config = context["config"]
        folder = posixpath.dirname(page.file.src_uri)
        file = File.generated(config, f"{folder}/{SLUG}.md", content="", inclusion=page.file.inclusion)
        # Same provenance as the real page, so the same (absent) edit link.
        file.generated_by = page.file.generated_by
        file.edit_uri = page.file.edit_uri
        probe = Page(TITLE, file, config)
        probe.meta = dict(page.meta or {}, title=TITLE)
        if (page.meta or {}).get("description"):
            probe.meta["description"] = DESCRIPTION
        probe.content = CONTENT_H1 if "<h1" in (page.content or "") else CONTENT
        probe.toc = get_toc([])
        probe.active = True
        probe_context = page_context(context["nav"], context["pages"], config, probe)
        template = self.env.get_template("main.html")
        try:
            return template.render(probe_context)
        finally:
            probe.active = False

    def _make(self, page: Page, context: dict, full: Callable[[], str]) -> list[str] | None:
        html = self._probe(page, context)
        segments = _SPLIT.split(html)
        expected = full()
        if self._fill(segments, page) != expected:
            # The theme does something with one of the parts that a plain join cannot reproduce.
            self.fallbacks.append(page.file.src_uri)
            # A warning, so that a strict build stops: the shell's check failed on this theme.
            log.warning("jachete: les pages comme %s sont rendues sans gabarit partagé : le thème ne donne "
                        "pas la même page par le gabarit (JACHETE_SHELL=0 construit sans gabarit)",
                        page.file.src_uri)
            return None
        return _SPLIT.split(compact(html)) if self.compact_chrome else segments
