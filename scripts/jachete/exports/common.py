"""Small helpers shared by the export modules: URLs, labels, deterministic serialisation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..model import Reference
from ..site import Context, Settings, data_root

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.fr",
}
PUBLISHER = "Registre jachete — L'économie sociale, j'achète!"


def repo_root(ctx: Context) -> Path:
    """The folder that holds data/, as the caller set it in the settings."""
    return data_root(ctx.settings)


def base_url(settings: Settings) -> str:
    url = settings.site_url or "/"
    return url if url.endswith("/") else url + "/"


def page_url(settings: Settings, path: str) -> str:
    """Absolute URL of a site path such as ``entreprises/abc/``."""
    return base_url(settings) + path.lstrip("/")


def label(terms: dict, key: str | None) -> str:
    term = terms.get(key) if key else None
    return term.label if term else (key or "")


def region_name(ref: Reference, code: str | None) -> str:
    region = ref.regions.get(code) if code else None
    return region.nom if region else (code or "")


def num(x: float | None) -> float | int | None:
    """Whole numbers are written without a decimal part (184500, not 184500.0)."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def json_bytes(obj) -> bytes:
    """Indented JSON, for the small files people read (datapackage.json)."""
    # Key order is the order of insertion (the documented field order); no timestamps.
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# Compact separators: json's C encoder (indent= falls back to the pure-Python one).
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def json_lines_bytes(items: list, head: str = "[", tail: str = "]") -> bytes:
    """A JSON array of records, one compact record per line, between ``head`` and ``tail``.

    Still one JSON document; a third smaller than indented JSON, and each record stays a line
    that grep, diff and a text editor show whole.
    """
    if not items:
        return (head + tail + "\n").encode("utf-8")
    return (head + "\n" + ",\n".join(map(_COMPACT, items)) + "\n" + tail + "\n").encode("utf-8")


def is_demo_on(ctx: Context) -> bool:
    return bool(ctx.settings.include_demo)
