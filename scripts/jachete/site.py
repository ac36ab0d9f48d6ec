"""The engine-independent parts of the site: settings, context, pages, files, the plan.

The site engine (mkdocs today, through ``jachete_mkdocs``) asks ``jachete.features.plan``
for a ``SitePlan`` and places its parts; nothing here imports the engine, so a swap of
engine (ProperDocs, Zensical, a bare Jinja2 writer) keeps every record page,
component and export as is. The features (``jachete.features``) import this module,
never the other way round.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Registry

MARKER = "<!-- jachete:{name} -->"
_MARKER_RE = re.compile(r"<!-- jachete:([\w-]+) -->")  # MARKER, any name


@dataclass(frozen=True)
class Settings:
    site_url: str = "https://example.org/"
    repo_url: str = "https://github.com/jachete/jachete"
    branch: str = "main"
    include_demo: bool = True
    today: dt.date = field(default_factory=dt.date.today)
    # Where data/ lives (records, reference data, schemas, events, rules). The caller (the engine
    # adapter, the CLI) says it: nothing in the core guesses it from the environment.
    root: Path | None = None
    # The site's own folder (beside mkdocs.yml): its data/rules/ serve a ``root`` without rules.
    project_root: Path | None = None


def data_root(settings: Settings) -> Path:
    """``settings.root``; a feature that reads beside the records cannot run without it."""
    if settings.root is None:
        raise ValueError("Settings.root is not set: the folder that holds data/ is unknown")
    return Path(settings.root)


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


def replace_markers(markdown: str, components: dict[str, str]) -> str:
    """Put each component's HTML where its marker stands in a hand-written page.

    One pass over the page: a component's HTML (record text included) is never searched for
    markers, so nothing in it can pull another component in. Unknown markers stay as they are.
    """
    if "<!-- jachete:" not in markdown:
        return markdown
    return _MARKER_RE.sub(lambda m: components.get(m.group(1), m.group(0)), markdown)


__all__ = [
    "Context",
    "Iterable",
    "Output",
    "Page",
    "Settings",
    "SitePlan",
    "data_root",
    "per_record",
    "replace_markers",
    "reuse",
]
