"""Streaming the releases of one SEAO package with ijson's C backend (never the whole file in memory).

A package is an object whose ``releases`` array holds the releases. ``read`` yields
``(index, release)`` pairs; what makes the file itself unreadable is raised as ``PackageError``
with a French message, after the releases that could be read (the caller decides what to keep).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ijson

# Why: the C backend is what makes a 1 GB year readable in seconds; the pure-Python fallback would
# be ten times slower, so its absence is said rather than silently tolerated.
BACKEND = ijson.get_backend("yajl2_c")


class PackageError(Exception):
    """The file cannot be read as a SEAO package (French message)."""


def _first_byte(path: Path) -> bytes:
    with open(path, "rb") as handle:
        while chunk := handle.read(4096):
            stripped = chunk.lstrip(b" \t\r\n\xef\xbb\xbf")
            if stripped:
                return stripped[:1]
    return b""


def _top_level_keys(path: Path) -> dict[str, str]:
    """The keys of the top-level object and the first event of each value (only called when no
    release was found, so the cost of Python-level events does not matter)."""
    keys: dict[str, str] = {}
    last = None
    with open(path, "rb") as handle:
        try:
            for prefix, event, value in BACKEND.parse(handle):
                if prefix == "" and event == "map_key":
                    last = value
                elif last is not None and prefix == last and last not in keys:
                    keys[last] = event
        except (ijson.JSONError, ValueError):
            pass
    return keys


def read(path: Path) -> Iterator[tuple[int, object]]:
    """Yield each release of the package at ``path`` with its index in ``releases``."""
    first = _first_byte(path)
    if first == b"":
        raise PackageError("fichier vide")
    if first == b"[":
        raise PackageError("forme inattendue : le fichier est une liste, un objet avec « releases » est attendu")
    if first != b"{":
        raise PackageError("ce n'est pas du JSON (le fichier ne commence pas par « { »)")
    index = -1
    with open(path, "rb") as handle:
        try:
            for index, release in enumerate(BACKEND.items(handle, "releases.item", use_float=True)):
                yield index, release
        except (ijson.JSONError, ValueError, UnicodeDecodeError) as exc:
            if "premature EOF" in str(exc):
                raise PackageError(f"fichier tronqué : il s'arrête après la publication {index} "
                                   f"({_reason(exc)})") from None
            raise PackageError(f"JSON invalide après la publication {index} ({_reason(exc)})") from None
    if index == -1:
        keys = _top_level_keys(path)
        if "releases" not in keys:
            shown = ", ".join(list(keys)[:8]) or "aucune"
            raise PackageError(f"forme inattendue : pas de tableau « releases » (clés trouvées : {shown})")
        if keys["releases"] != "start_array":
            raise PackageError("forme inattendue : « releases » n'est pas un tableau")


# yajl's messages, in French for the user; the original stays for a maintainer.
_YAJL = {"premature EOF": "fin de fichier prématurée", "lexical error": "caractère inattendu",
         "parse error": "erreur de syntaxe"}


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
    french = next((fr for en, fr in _YAJL.items() if en in text), None)
    return f"{french} ; détail : {text}" if french else f"détail : {text}"
