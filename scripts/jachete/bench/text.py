"""Small text helpers for synthetic records: French elision, slugs, NEQ, YAML scalars."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

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


def luhn_check_digit(digits: str) -> str:
    """Digit to append so that ``digits + check`` passes the Luhn (mod 10) test."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # these positions get doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def neq_is_valid(neq: str) -> bool:
    """FACTS §4: 10 digits; digits 3–10 form a valid Luhn number."""
    if not re.fullmatch(r"\d{10}", neq):
        return False
    total = 0
    for i, ch in enumerate(reversed(neq[2:])):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def scalar(value) -> str:
    """One YAML scalar. Strings are always double-quoted (JSON strings are valid YAML), so a
    code like "06" or a name like "Oui" never changes type."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def emit(record: dict, schema: str) -> str:
    """Serialise a record (dicts, lists of scalars or of dicts) as block YAML."""
    lines = [f"# yaml-language-server: $schema=../schemas/{schema}.schema.json"]
    _emit_map(record, lines, "")
    return "\n".join(lines) + "\n"


def _emit_map(mapping: dict, lines: list[str], indent: str) -> None:
    for key, value in mapping.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            _emit_map(value, lines, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    prefix = indent + ("  - " if first else "    ")
                    first = False
                    if isinstance(v, list):
                        lines.append(f"{prefix}{k}: [{', '.join(scalar(x) for x in v)}]")
                    else:
                        lines.append(f"{prefix}{k}: {scalar(v)}")
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(scalar(x) for x in value)}]")
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
