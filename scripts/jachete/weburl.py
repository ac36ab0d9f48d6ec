"""Web addresses read as a browser reads them: the WHATWG URL standard, through ada-url.

Python's ``urllib.parse`` follows the older RFCs: it reads ``https://evil.example\\.ville.example/``
as a host ending in ``ville.example`` while every browser goes to ``evil.example`` (a backslash is a
slash in http(s) URLs). Here the validator and the pages use one parse: the host the validator
compares is the ASCII (IDNA) host of that parse, and the address a page links is its serialisation
(``href``), so what was checked is what is linked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ada_url import HostType, parse_url

WEB = frozenset({"http", "https"})
LINKABLE = WEB | {"mailto"}

_ATTRIBUTES = ("href", "protocol", "hostname", "host_type", "username", "password")
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_ASCII_HIDDEN = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True, slots=True)
class WebUrl:
    href: str  # the serialised URL: what a page links
    scheme: str  # lower case: "http", "https" or "mailto"
    host: str  # ASCII (IDNA) host without a final dot, "" for mailto; IPv6 in brackets
    ip: bool  # the host is an IP address (any form the standard reads as one: 3232235521, 0xC0A80001)

    @property
    def site(self) -> str:
        """The host compared between records: ``www.`` left out."""
        return self.host.removeprefix("www.")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hidden(text: str) -> str | None:
    """The first character a reader cannot see or that a parser drops: whitespace, controls, format."""
    if text.isascii():  # the usual case: one search instead of a loop
        found = _ASCII_HIDDEN.search(text)
        return found.group(0) if found else None
    for ch in text:
        if ch.isspace() or unicodedata.category(ch)[0] in "CZ":
            return ch
    return None


@lru_cache(maxsize=8192)
def check(text: str, schemes: frozenset = WEB) -> WebUrl | str:
    """The parsed address, or why it is refused (French, for the validator's message).

    Refused before parsing: backslashes (a browser reads them as ``/``) and any whitespace,
    control or invisible character (a browser drops or re-encodes them); then whatever the
    standard cannot parse, a scheme outside ``schemes``, a user name before ``@`` (the
    browser goes to the host after it) and a host that is not a full domain name or an IP address.
    """
    shown = _short(text)
    if "\\" in text:
        return (f"l'adresse « {shown} » contient une barre oblique inversée « \\ » : un navigateur la lit "
                "comme « / » et pourrait aller sur un autre site ; recopiez l'adresse depuis la barre "
                "d'adresse du navigateur")
    if (ch := _hidden(text)) is not None:
        return (f"l'adresse contient une espace ou un caractère invisible ou de contrôle (U+{ord(ch):04X}) : "
                "retirez-le ou recopiez l'adresse depuis la barre d'adresse du navigateur")
    expected = "https:// (ou http://)" if "mailto" not in schemes else "https://, http:// ou mailto:"
    if not _SCHEME_RE.match(text):
        return f"l'adresse « {shown} » doit commencer par {expected}"
    try:
        parts = parse_url(text, attributes=_ATTRIBUTES)
    except ValueError:
        return (f"l'adresse « {shown} » est illisible pour un navigateur : recopiez-la depuis la barre "
                "d'adresse du navigateur")
    scheme = parts["protocol"].removesuffix(":")
    if scheme not in schemes:
        return f"l'adresse « {shown} » doit commencer par {expected} (trouvé « {scheme}: »)"
    if scheme == "mailto":
        if "@" not in text:
            return f"l'adresse « {shown} » ne contient pas d'adresse de courriel"
        return WebUrl(parts["href"], scheme, "", False)
    host = parts["hostname"].removesuffix(".")
    if parts["username"] or parts["password"]:
        return (f"l'adresse « {shown} » contient un identifiant avant « @ » : un navigateur irait sur "
                f"« {host} » ; retirez tout ce qui précède « @ » dans le nom du site")
    ip = parts["host_type"] != HostType.DEFAULT
    if not ip and "." not in host:
        return (f"le nom de site « {_short(host)} » est incomplet : attendu un nom de domaine comme "
                "« www.exemple.qc.ca »")
    return WebUrl(parts["href"], scheme, host, ip)


def parse(text: object, schemes: frozenset = WEB) -> WebUrl | None:
    """The parsed address when it is acceptable, else None."""
    if not isinstance(text, str):
        return None
    found = check(text, schemes)
    return found if isinstance(found, WebUrl) else None


def site_of(text: object) -> str:
    """The host a browser would reach (ASCII, ``www.`` left out), or ``""`` for a refused address."""
    found = parse(text)
    return found.site if found is not None else ""


def link(text: object) -> str:
    """The serialised http(s) or mailto address a page may link, or ``""``."""
    found = parse(text, LINKABLE)
    return found.href if found is not None else ""


def on_site(host: str, official: str) -> bool:
    """Whether ``host`` is the official site's host or one of its subdomains (both from ``WebUrl.site``)."""
    return host == official or host.endswith("." + official)
