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
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape

from .. import fmt
from ..weburl import link

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Components are rendered once per build but placed in pages at any depth: their internal
# links start with this token, which the engine adapter replaces by the page's own
# relative path to the site root (see ``relative_root``). Record text shown in a component
# could hold any fixed token (it would be rewritten as a link): this one is drawn at random
# for each process, so no record can contain it.
ROOT_TOKEN = f"jachete-root-{secrets.token_hex(16)}/"

_ENCODE = str.maketrans({'"': "%22", "'": "%27", "<": "%3C", ">": "%3E", "`": "%60"})
_TO_ENCODE = re.compile("[\"'<>`]")


def safe_url(value: object) -> str:
    """The URL as a browser serialises it when it is http(s) with a host, or mailto; otherwise ``""``.

    The parse is the validator's (``jachete.weburl``): the host a link goes to is the host the
    validator checked, and an address it refuses (backslash, whitespace, control characters,
    user name before « @ », another scheme) is never linked.
    """
    url = link(value)
    if not url:
        return ""
    # Quotes and angle brackets are legal in a URL only percent-encoded; encode them so that
    # no attribute value ever carries markup, even escaped.
    return url.translate(_ENCODE) if _TO_ENCODE.search(url) else url


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


def mailto(address: object) -> str:
    """``mailto:`` URL for an e-mail address, or ``""`` if it does not look like one."""
    if not isinstance(address, str) or "@" not in address:
        return ""
    return safe_url("mailto:" + quote(address.strip(), safe="@.+-_"))


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
    # Imported here: jsonld needs safe_url from this module.
    from .jsonld import organization_script

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
