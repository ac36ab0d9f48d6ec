"""Small text helpers for synthetic records: French elision, slugs, the NEQ check digit."""

from __future__ import annotations

import re
import unicodedata

from jachete.checks import luhn_ok

VOWELS = set("AEIOUYÉÈÊÀÂÎÏÔÛaeiouyéèêàâîïôûœŒ")


def de(name: str) -> str:
    """The preposition "de" before a place or body name, elided and contracted as French wants."""
    if name in REGION_ARTICLE:
        return REGION_ARTICLE[name] + name
    if name.startswith("Les "):
        return "des " + name[4:]
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith(("L'", "L’")):
        return "de l'" + name[2:]
    if name[:1] in VOWELS:
        return "d'" + name
    return "de " + name


# Region names take an article in French ("des Laurentides", "de l'Estrie", "du Bas-Saint-Laurent").
REGION_ARTICLE = {
    "Bas-Saint-Laurent": "du ", "Saguenay–Lac-Saint-Jean": "du ", "Capitale-Nationale": "de la ",
    "Mauricie": "de la ", "Estrie": "de l'", "Outaouais": "de l'", "Abitibi-Témiscamingue": "de l'",
    "Côte-Nord": "de la ", "Nord-du-Québec": "du ", "Gaspésie–Îles-de-la-Madeleine": "de la ",
    "Chaudière-Appalaches": "de la ", "Laurentides": "des ", "Montérégie": "de la ",
    "Centre-du-Québec": "du ",
}


def de_official(name: str) -> str:
    """Same as :func:`de` but keeps the article of an official name ("Ville de La Tuque")."""
    if name[:1] in VOWELS:
        return "d'" + name
    return "de " + name


def slugify(text: str, max_len: int = 60) -> str:
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


def neq_check_digit(digits: str) -> str:
    """Digit to append to the 7 digits after "11" so that the NEQ passes the registry's own check
    (``jachete.checks.luhn_ok`` on digits 3 to 10): the check is reused, not copied."""
    return next(d for d in "0123456789" if luhn_ok(digits + d))
