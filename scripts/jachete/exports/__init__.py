"""Open data, feeds and badges: every downloadable file of the site, computed from the registry.

This package is one site feature (listed in ``jachete.features.FEATURES``); each submodule does one job.
"""

from __future__ import annotations

from ..site import Context, Output
from . import badges, datapackage, docs, feeds, geojson, robots, tabular

_PARTS = (tabular, geojson, datapackage, feeds, badges, robots)


def outputs(ctx: Context) -> list[Output]:
    out: list[Output] = []
    for part in _PARTS:
        out.extend(part.outputs(ctx))
    return out


def components(ctx: Context) -> dict[str, str]:
    return docs.components(ctx)
