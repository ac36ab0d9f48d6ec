"""The site features, and the plan made from them: what pages, page fragments and files to produce.

A *feature* is a module listed in ``FEATURES`` that defines any of:

- ``pages(ctx) -> Iterable[Page]``: generated pages (one per record, region, ...);
- ``components(ctx) -> dict[str, str]``: HTML fragments that replace a
  ``<!-- jachete:NAME -->`` marker in a hand-written page of ``content/``;
- ``outputs(ctx) -> Iterable[Output]``: files written into the built site
  (open data, feeds, calendars, badges, the rules JSON).

A new feature is imported here and added to ``FEATURES``.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import codes, exports, indicators
from .events import page as events
from .render import declarations, directory, home
from .rules import feature as rules
from .seao import files as seao_files
from .seao import site as seao
from .site import Context, Output, Page, SitePlan

# Order matters only for readability of the plan; features do not depend on each other.
FEATURES = (directory, declarations, home, codes, exports, indicators, events, rules, seao, seao_files)


def _results(ctx: Context, name: str) -> Iterator:
    """What each feature's function ``name`` returns, for the features that define one."""
    for module in FEATURES:
        fn = getattr(module, name, None)
        if callable(fn):
            yield fn(ctx)


def plan_pages(ctx: Context) -> list[Page]:
    return [page for pages in _results(ctx, "pages") for page in pages]


def plan_components(ctx: Context) -> dict[str, str]:
    components: dict[str, str] = {}
    for found in _results(ctx, "components"):
        for name, html in found.items():
            if name in components:
                raise ValueError(f"component {name!r} defined twice")
            components[name] = html
    return components


def plan_outputs(ctx: Context) -> list[Output]:
    return [output for outputs in _results(ctx, "outputs") for output in outputs]


def plan(ctx: Context, outputs: bool = True) -> SitePlan:
    """The whole plan; ``outputs=False`` leaves the files out (the preview keeps its first ones)."""
    return SitePlan(plan_pages(ctx), plan_components(ctx), plan_outputs(ctx) if outputs else [])
