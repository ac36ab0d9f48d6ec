"""The one Jinja2 environment of the core: compiled once, autoescaped, strict.

Every generated page and component is rendered here from scripts/jachete/templates/.
Record text is hostile by assumption: autoescape is on for every template, and only
http(s) and mailto URLs ever reach an href (``safe_url``).
"""

from __future__ import annotations

import posixpath
import re
import secrets
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape

from .. import fmt
from .jsonld import organization_script
from .urls import mailto, safe_url

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Components are rendered once per build but placed in pages at any depth: their internal
# links start with this token, which the engine adapter replaces by the page's own
# relative path to the site root (see ``relative_root``). Record text shown in a component
# could hold any fixed token (it would be rewritten as a link): this one is drawn at random
# for each process, so no record can contain it.
ROOT_TOKEN = f"jachete-root-{secrets.token_hex(16)}/"

# Bidirectional controls in record text (embeddings and overrides U+202A-U+202E, isolates
# U+2066-U+2069) would also reorder the page's own text after the value ("région Estrie" shown
# backwards). A value holding one is wrapped in FSI ... PDI: the isolate closes what it left open.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def isolate_bidi(value: object) -> object:
    """Every ``{{ value }}`` output: plain text with bidirectional controls, isolated."""
    # isascii() is a flag read: most values skip the search.
    if type(value) is str and not value.isascii() and _BIDI.search(value):
        return "\u2068" + value + "\u2069"
    return value


def relative_root(src_uri: str) -> str:
    """Relative path from the page built from ``src_uri`` to the site root (directory URLs).

    ``index.md`` -> ``./``; ``entreprises/index.md`` -> ``../``; ``entreprises/x.md`` -> ``../../``.
    """
    path = src_uri.removesuffix(".md")
    parts = [p for p in path.split("/") if p]
    if parts and parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "../" * len(parts) or "./"


def join_url(root: str, target: str) -> str:
    return root + target if root != "./" else (target or "./")


@lru_cache(maxsize=1)
def get_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        finalize=isolate_bidi,
    )
    env.filters.update(
        date_fr=fmt.date_fr,
        money=fmt.money,
        number=fmt.number,
        plural=fmt.plural,
        safe_url=safe_url,
        mailto=mailto,
        basename=posixpath.basename,
    )
    env.globals["ROOT_TOKEN"] = ROOT_TOKEN
    env.globals["jsonld_script"] = organization_script
    return env


def template(name: str) -> Template:
    """The compiled template, looked up once per environment rather than once per page."""
    env = get_env()
    cache = env.__dict__.setdefault("_jachete_templates", {})
    found = cache.get(name)
    if found is None:
        found = cache[name] = env.get_template(name)
    return found


def render(name: str, **context) -> str:
    return template(name).render(**context)
