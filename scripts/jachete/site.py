"""The engine-independent plan of the site: what pages, page fragments and files to produce.

The site engine (mkdocs today, through ``jachete_mkdocs``) only asks this module for
a ``SitePlan`` and places its parts; nothing here imports the engine, so a swap of
engine (ProperDocs, Zensical, a bare Jinja2 writer) keeps every record page,
component and export as is.

A *feature* is a module listed in ``FEATURES`` that defines any of:

- ``pages(ctx) -> Iterable[Page]``: generated pages (one per record, region, ...);
- ``components(ctx) -> dict[str, str]``: HTML fragments that replace a
  ``<!-- jachete:NAME -->`` marker in a hand-written page of ``content/``;
- ``outputs(ctx) -> Iterable[Output]``: files written into the built site
  (open data, feeds, calendars, badges, the rules JSON).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .model import Registry

# Order matters only for readability of the plan; features do not depend on each other.
FEATURES: list[str] = [
    "jachete.render.directory",
    "jachete.render.declarations",
    "jachete.render.home",
    "jachete.codes",
    "jachete.exports",
    "jachete.indicators",
    "jachete.events",
    "jachete.rules.feature",
    "jachete.seao.site",
]

MARKER = "<!-- jachete:{name} -->"
_MARKER_RE = re.compile(r"<!-- jachete:([\w-]+) -->")  # MARKER, any name


@dataclass(frozen=True)
class Settings:
    site_url: str = "https://example.org/"
    repo_url: str = "https://github.com/jachete/jachete"
    branch: str = "main"
    include_demo: bool = True
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class Context:
    registry: Registry
    settings: Settings
    # Pages of single records kept from the previous plan by a long-lived process (the preview):
    # see ``per_record``. The caller empties it when the settings or the reference data change.
    memo: dict | None = field(default=None, compare=False)


def reuse(ctx: Context, slot: tuple, inputs, build: Callable[[], object]):
    """What ``build()`` made for ``slot`` in the previous plan, if its ``inputs`` are equal.

    Without ``ctx.memo`` (a one-off build) it simply builds. One value is kept per slot, so a
    long preview session does not pile up old pages. Inputs are compared with ``==``: tuples of
    unchanged records are the same objects, and compare by identity first.
    """
    if ctx.memo is None:
        return build()
    held = ctx.memo.get(slot)
    if held is not None and held[0] == inputs:
        return held[1]
    value = build()
    ctx.memo[slot] = (inputs, value)
    return value


def per_record(build: Callable) -> Callable:
    """Mark a page builder ``build(ctx, record)`` whose page depends only on the record, the
    reference data and the settings: with ``ctx.memo``, an unchanged record is not rendered again."""

    @functools.wraps(build)
    def cached(ctx: Context, record):
        return reuse(ctx, (build.__qualname__, record.id), record, lambda: build(ctx, record))

    return cached


@dataclass(frozen=True)
class Page:
    """A generated page.

    ``src_uri`` is the engine-neutral source path (``entreprises/<id>.md``: with
    directory URLs it is served at ``/entreprises/<id>/``). ``body`` is HTML,
    already escaped; ``search`` says whether the search index should include it.
    """

    src_uri: str
    title: str
    body: str
    description: str = ""
    search: bool = True
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Output:
    """A file written into the built site at ``path`` (relative, ``donnees/entreprises.csv``)."""

    path: str
    content: bytes


@dataclass
class SitePlan:
    pages: list[Page] = field(default_factory=list)
    components: dict[str, str] = field(default_factory=dict)
    outputs: list[Output] = field(default_factory=list)


def _features() -> list:
    return [importlib.import_module(name) for name in FEATURES]


def _call(module, name: str) -> Callable | None:
    fn = getattr(module, name, None)
    return fn if callable(fn) else None


def plan_pages(ctx: Context) -> list[Page]:
    pages: list[Page] = []
    for module in _features():
        if fn := _call(module, "pages"):
            pages.extend(fn(ctx))
    return pages


def plan_components(ctx: Context) -> dict[str, str]:
    components: dict[str, str] = {}
    for module in _features():
        if fn := _call(module, "components"):
            for name, html in fn(ctx).items():
                if name in components:
                    raise ValueError(f"component {name!r} defined twice")
                components[name] = html
    return components


def plan_outputs(ctx: Context) -> list[Output]:
    outputs: list[Output] = []
    for module in _features():
        if fn := _call(module, "outputs"):
            outputs.extend(fn(ctx))
    return outputs


def replace_markers(markdown: str, components: dict[str, str]) -> str:
    """Put each component's HTML where its marker stands in a hand-written page.

    One pass over the page: a component's HTML (record text included) is never searched for
    markers, so nothing in it can pull another component in. Unknown markers stay as they are.
    """
    if "<!-- jachete:" not in markdown:
        return markdown
    return _MARKER_RE.sub(lambda m: components.get(m.group(1), m.group(0)), markdown)


def plan(ctx: Context, outputs: bool = True) -> SitePlan:
    """The whole plan; ``outputs=False`` leaves the files out (the preview keeps its first ones)."""
    return SitePlan(plan_pages(ctx), plan_components(ctx), plan_outputs(ctx) if outputs else [])


__all__ = [
    "FEATURES",
    "Context",
    "Iterable",
    "Output",
    "Page",
    "Settings",
    "SitePlan",
    "per_record",
    "plan",
    "plan_components",
    "plan_outputs",
    "plan_pages",
    "replace_markers",
    "reuse",
]
