"""Which declarations describe the same public body: by geographic code, by name, by official site.

A body declares once. The same body can come back under a variant of its name
(« Port-Aurore (Ville) » for « Ville de Port-Aurore »), under another body type, or with
only its official site in common; each is told on the later file, naming the earlier one
with its position.
"""

from __future__ import annotations

import re
import unicodedata

from .codes import severity
from .loader import Document, dotted
from .problems import Problem
from .weburl import site_of

# Words naming the kind of municipal body rather than the body (normalised: no accents, lower case).
# « MRC de Matane » and « Ville de Matane » are two bodies: the level (regional or local) stays in the key.
REGIONAL = ("municipalite regionale de comte", "mrc")
LOCAL = ("municipalite de paroisse", "municipalite de village", "municipalite de canton", "municipalite",
         "ville", "paroisse", "cantons unis", "canton", "village", "cite")
ARTICLES = frozenset({"de", "du", "des", "d", "la", "le", "les", "l"})
_PARENS = re.compile(r"\(([^()]*)\)")


def normalise_name(name: str) -> str:
    """Case, accents and punctuation left out: « Rivière‑aux‑Saules » -> « riviere aux saules »."""
    text = unicodedata.normalize("NFKD", name.casefold().replace("œ", "oe").replace("æ", "ae"))
    # Why: any other character (a non-breaking hyphen, an apostrophe) separates words, as a space does.
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _level_of(phrase: str) -> str | None:
    """``regional`` or ``local`` when ``phrase`` (normalised) is only a body-type phrase, else None."""
    words = phrase.split()
    while words and words[-1] in ARTICLES:  # « (Ville de) »
        words.pop()
    phrase = " ".join(words)
    return "regional" if phrase in REGIONAL else "local" if phrase in LOCAL else None


def _strip_prefix(words: list[str]) -> tuple[list[str], str | None]:
    """The words after the leading body-type phrases and articles, and the level those phrases give."""
    level = None
    while True:
        # Why: « La Tuque (Ville) » and « Ville de La Tuque » must meet: articles go too.
        while len(words) > 1 and words[0] in ARTICLES:
            words = words[1:]
        for phrase in REGIONAL + LOCAL:  # longest phrases of each level first
            size = len(phrase.split())
            if " ".join(words[:size]) == phrase and len(words) > size:
                level = level or ("regional" if phrase in REGIONAL else "local")
                words = words[size:]
                break
        else:
            return words, level


def body_key(name: str, body_type: object) -> tuple[str, str]:
    """(name without its body-type words, level): the same for « Ville de Port-Aurore » and
    « Port-Aurore (Ville) », different for « MRC de Port-Aurore »."""
    level = None
    kept = []
    for part in _PARENS.split(name)[1::2]:
        found = _level_of(normalise_name(part))
        level = level or found
        if found is None:
            kept.append(part)
    outside = " ".join(_PARENS.split(name)[0::2] + kept)
    words, prefix_level = _strip_prefix(normalise_name(outside).split())
    level = level or prefix_level or ("regional" if body_type == "mrc" else "local")
    return " ".join(words), level


def _get(data, *path):
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _geo(doc: Document) -> str | None:
    geo = _get(doc.data, "organisme", "code_geo")
    return geo if isinstance(geo, str) and geo else None


def _at(doc: Document, path: tuple) -> str:
    line, col = doc.position(path)
    return f"{doc.path}:{line}:{col}"


def _problem(doc: Document, code: str, path: tuple, message: str) -> Problem:
    line, col = doc.position(path)
    return Problem(doc.path, line, col, severity(code), code, dotted(path), message)


def duplicate_declarations(docs: list[Document]) -> list[Problem]:
    """Problems of the declarations (in precedence order) that repeat an earlier body."""
    out: list[Problem] = []
    by_geo: dict[str, Document] = {}
    by_name: dict[tuple, list[Document]] = {}
    by_site: dict[str, Document] = {}
    for doc in docs:
        body = _get(doc.data, "organisme")
        geo, nom, region = _geo(doc), _get(body, "nom"), _get(body, "region")
        site = site_of(_get(body, "site_web"))
        if geo is not None:
            other = by_geo.setdefault(geo, doc)
            if other is not doc:
                out.append(_problem(doc, "declaration-dupliquee", ("organisme", "code_geo"),
                                    f"l'organisme de code géographique « {geo} » a déjà une déclaration "
                                    f"({_at(other, ('organisme', 'code_geo'))}) : mettez-la à jour au lieu "
                                    "d'en créer une autre"))
                continue
        if isinstance(nom, str) and (core := body_key(nom, _get(body, "type")))[0]:
            key = (*core, region if isinstance(region, str) else "")
            same = by_name.setdefault(key, [])
            # Why: two bodies of one name in one region (homonyms) differ by their geographic code.
            other = next((o for o in same if geo is None or _geo(o) in (None, geo)), None)
            same.append(doc)
            if other is not None:
                other_name = _get(other.data, "organisme", "nom")
                out.append(_problem(doc, "declaration-dupliquee", ("organisme", "nom"),
                                    f"l'organisme « {nom} » a déjà une déclaration sous le nom "
                                    f"« {other_name} » ({_at(other, ('organisme', 'nom'))}) : "
                                    "mettez-la à jour au lieu d'en créer une autre"))
                continue
        if site:
            other = by_site.setdefault(site, doc)
            if other is not doc:
                out.append(_problem(doc, "declaration-meme-site", ("organisme", "site_web"),
                                    f"le site officiel « {site} » est déjà celui de « "
                                    f"{_get(other.data, 'organisme', 'nom')} » "
                                    f"({_at(other, ('organisme', 'site_web'))}) : s'il s'agit du même "
                                    "organisme, mettez à jour sa déclaration au lieu d'en créer une autre"))
    return out
