"""JSON Schema validation of one record, with every error told in plain French.

The schemas live in data/schemas/ (the site publishes them; editors use them for
autocompletion). Validators are compiled once per schema file and reused for every
record. jsonschema's English messages are never shown: each error is translated
from its keyword (``required``, ``type``, ``enum``...) and the field it concerns.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import os
import re
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from .codes import severity
from .files import read_trusted
from .loader import Document, dotted
from .problems import Problem
from .schema_fast import quick_check
from .schema_pattern import Validator
from .text import LINE_BREAK_RE

KINDS = {"enterprise": "entreprise", "declaration": "declaration"}  # record kind -> schema name

DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

# The dates a record may hold, in every kind (the schemas' ``formatMinimum``/``formatMaximum``).
# Why these: the registry's subject starts in the 2000s (the follow-up year ``annee`` was
# already bounded to 2000-2100), every real adoption, update, target, event or rules period
# falls inside, and every date computation (the day after an event, a year before today, a
# time zone) stays far from the limits of Python's dates (years 1 and 9999).
DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)

# Why: one pattern serves several fields; the code says which rule the contributor broke.
PATTERN_CODES = {
    "id": "id-invalide",
    "neq": "neq-invalide",
    "code_postal": "code-postal-invalide",
    "unspsc": "unspsc-invalide",
    "site_web": "url-invalide",
    "boutique_en_ligne": "url-invalide",
    "document_signe": "url-invalide",
    "url": "url-invalide",
    "courriel": "courriel-invalide",
    "telephone": "telephone-invalide",
    "code_geo": "code-geo-invalide",
    "mise_a_jour": "date-invalide",
    "adoptee_le": "date-invalide",
    "echeance": "date-invalide",
}

PATTERN_LABELS = {
    "id-invalide": "identifiant",
    "neq-invalide": "NEQ",
    "code-postal-invalide": "code postal",
    "unspsc-invalide": "code UNSPSC",
    "url-invalide": "adresse Web",
    "courriel-invalide": "courriel",
    "telephone-invalide": "numéro de téléphone",
    "code-geo-invalide": "code géographique",
}

PATTERN_EXPECTED = {
    "id-invalide": "des lettres minuscules sans accents, des chiffres et des traits d'union, "
                   "ex. « cafe-cooperatif-le-passage »",
    "neq-invalide": "exactement 10 chiffres, sans espaces, ex. \"1171234563\"",
    "code-postal-invalide": "le format A1A 1A1 en majuscules avec une espace, ex. « G9A 2G8 »",
    "unspsc-invalide": "8 chiffres, ex. \"90101600\"",
    "url-invalide": "une adresse complète qui commence par https:// (ou http://), sans espace, "
                    "ex. « https://www.example.org/ »",
    "courriel-invalide": "une adresse de la forme nom@domaine.ca, sans « mailto: »",
    "telephone-invalide": "des chiffres, espaces et traits d'union, ex. \"819 555-0142\" ou "
                          "\"819 555-0142 poste 12\"",
    "code-geo-invalide": "5 chiffres, ex. \"37067\"",
}

BLANK_MESSAGE = "texte vide : écrivez le texte ou retirez le champ s'il est facultatif"

TYPE_NAMES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "vrai ou faux (true ou false)",
    "array": "une liste",
    "object": "un bloc de champs indentés",
    "null": "une valeur vide",
}


def schema_dir(root: Path) -> Path:
    return Path(root) / "data" / "schemas"


def compiled(path: str) -> Draft202012Validator:
    """The validator of any schema file, compiled once per file version."""
    return _compile(str(path), os.lstat(path).st_mtime_ns)


_compiled = compiled  # older name, still used by other record kinds


@lru_cache(maxsize=16)
def _compile(path: str, stamp: int) -> Draft202012Validator:
    schema = json.loads(read_trusted(path))  # a regular file, bounded, never through a link
    return Validator(schema, format_checker=FORMATS)


def validator(root: Path, kind: str) -> Draft202012Validator:
    """The compiled validator for a record kind, compiled once per schema file and version."""
    return compiled(str(schema_dir(Path(root)).resolve() / f"{KINDS[kind]}.schema.json"))


def validators(root: Path) -> dict[str, Draft202012Validator]:
    """One validator per record kind, for a whole run."""
    return {kind: validator(root, kind) for kind in KINDS}


def describe(value, raw: str | None = None) -> str:
    """How a found value reads in a message: the kind of value and its text."""
    if isinstance(value, bool):
        return f"la valeur vrai/faux « {raw or str(value).lower()} »"
    if isinstance(value, (int, float)):
        return f"le nombre « {_short(raw if raw is not None else str(value))} »"
    if value is None:
        return "une valeur vide"
    if isinstance(value, str):
        return f"le texte « {_short(value)} »"
    if isinstance(value, list):
        return "une liste"
    return "un bloc de champs"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def date_message(value: str) -> str:
    """Shared by the schema's ``format: date`` and the date rules, so both give one problem."""
    if not DATE_RE.match(value):
        return f"date « {_short(value)} » au mauvais format : attendu AAAA-MM-JJ (ex. 2026-03-14)"
    if is_real_date(value):
        return (f"la date « {value} » est hors des limites du registre : attendu une date entre "
                f"{DATE_MIN.isoformat()} et {DATE_MAX.isoformat()}")
    return f"la date « {value} » n'existe pas : vérifiez le jour et le mois (format AAAA-MM-JJ)"


def non_finite_message(raw) -> str:
    """Shared by the limits keywords and the number rule, so ``-.inf`` gives one problem."""
    return f"nombre invalide « {raw} » : attendu un nombre ordinaire (ex. 46.34)"


def is_real_date(value: str) -> bool:
    if not DATE_RE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def in_range(value: str) -> bool:
    """A real date between DATE_MIN and DATE_MAX (ISO dates of four-digit years sort as dates)."""
    return is_real_date(value) and DATE_MIN.isoformat() <= value <= DATE_MAX.isoformat()


# The format checker of every schema: ``date`` is a real date within the registry's range.
FORMATS = FormatChecker()
FORMATS.checks("date")(lambda value: not isinstance(value, str) or in_range(value))


def _field_hint(schema: dict, name: str = "") -> str:
    """What a field is, from its schema title: `` (date d'adoption, format AAAA-MM-JJ)``."""
    title = schema.get("title", "")
    title = "" if title == name else title
    detail = ""
    if schema.get("format") == "date":
        detail = "format AAAA-MM-JJ"
    elif schema.get("type") == "object" and schema.get("required"):
        detail = "bloc avec " + ", ".join(f"« {k}: »" for k in schema["required"])
    parts = [part for part in (title, detail) if part]
    return f" ({', '.join(parts)})" if parts else ""


def _last_name(path: tuple) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return ""


def _vocabulary_message(path: tuple, value, allowed: list) -> str:
    name = _last_name(path)
    found = _short(str(value))
    if name in ("region", "regions_desservies"):
        return (f"la région « {found} » n'existe pas : attendu un code de 01 à 17 entre guillemets "
                "(ex. « 04 » pour la Mauricie)")
    if name == "mrc":
        return (f"la MRC « {found} » n'existe pas : attendu le code SDA d'une MRC ou d'un territoire "
                "équivalent (ex. « 371 » pour Trois-Rivières, « 66 » pour Montréal)")
    labels = {"secteurs": "le secteur", "forme_juridique": "la forme juridique", "type": "le type"}
    what = labels.get(name, "la valeur")
    close = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1)
    suggestion = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
    return (f"{what} « {found} » n'existe pas{suggestion} (valeurs permises : "
            + ", ".join(str(a) for a in allowed) + ")")


def translate(doc: Document, error) -> list[Problem]:
    """One schema error of any kind of record (or the rules file) as French problems."""
    path = tuple(error.absolute_path)
    keyword = error.validator
    schema = error.schema
    value = error.instance
    raw = doc.raw.get(path)

    def make(code: str, message: str, where: tuple = path, at_key: bool = False) -> Problem:
        line, col = doc.position(where, at_key)
        return Problem(doc.path, line, col, severity(code), code, dotted(where), message)

    if keyword == "required":
        # Why: the parent mapping's key line is where the missing field must be added.
        line, col = doc.keys.get(path) or doc.position(path)
        properties = schema.get("properties", {})
        return [Problem(doc.path, line, col, severity("champ-manquant"), "champ-manquant", dotted(path + (name,)),
                        f"champ obligatoire manquant : « {name} »{_field_hint(properties.get(name, {}), name)}")
                for name in error.validator_value if isinstance(value, dict) and name not in value]
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        out = []
        for name in value:
            if name in allowed:
                continue
            close = difflib.get_close_matches(name, allowed, n=1)
            suggestion = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
            out.append(make("champ-inconnu",
                            f"champ inconnu « {_short(name)} » : vérifiez l'orthographe{suggestion} "
                            f"(champs permis : {', '.join(allowed)})", path + (name,), at_key=True))
        return out
    if keyword == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else list(expected)
        wanted = " ou ".join(TYPE_NAMES.get(t, t) for t in expected)
        message = f"type incorrect : attendu {wanted} ; trouvé {describe(value, raw)}"
        if "string" in expected and isinstance(value, (int, float, bool)):
            example = _short(raw if raw is not None else str(value))
            if _last_name(path) in ("region", "regions_desservies") and example.isdigit():
                example = example.zfill(2)  # region codes have two digits: 4 -> "04"
            message += f" : écrivez la valeur entre guillemets, ex. \"{example}\""
        return [make("type-invalide", message)]
    if keyword == "enum":
        return [make("valeur-inconnue", _vocabulary_message(path, value, error.validator_value))]
    if keyword in ("pattern", "format"):
        name = _last_name(path)
        code = PATTERN_CODES.get(name, "valeur-invalide")
        # Why: the quoted value shows no line break; say it is there, or « G9A 2G8 » would read as valid.
        hidden = LINE_BREAK_RE.search(value) if isinstance(value, str) else None
        hint = f" ; retirez le saut de ligne (U+{ord(hidden.group(0)):04X}) qu'il contient" if hidden else ""
        if schema.get("format") == "date" or code == "date-invalide":
            if is_real_date(str(value)):  # a real date the format refuses: outside DATE_MIN..DATE_MAX
                return [make("date-hors-limites", date_message(str(value)))]
            return [make("date-invalide", date_message(str(value)) + hint)]
        if code == "valeur-invalide":
            return [make(code, f"valeur « {_short(str(value))} » non conforme au modèle de fiche{hint}")]
        return [make(code, f"{PATTERN_LABELS[code]} « {_short(str(value))} » invalide : attendu "
                           f"{PATTERN_EXPECTED[code]}{hint}")]
    if keyword == "minLength":
        return [make("texte-vide", BLANK_MESSAGE)]
    if keyword == "maxLength":
        return [make("texte-trop-long",
                     f"texte trop long : {len(value)} caractères, maximum {error.validator_value}")]
    if keyword == "minItems":
        return [make("liste-vide", f"liste vide : indiquez au moins un élément{_field_hint(schema)}")]
    if keyword == "uniqueItems":
        seen, repeated = [], None
        for item in value:
            if item in seen:
                repeated = item
                break
            seen.append(item)
        if isinstance(repeated, (str, int, float)):
            return [make("liste-doublon", f"la valeur « {_short(str(repeated))} » est répétée dans la liste : "
                                          "gardez-la une seule fois")]
        return [make("liste-doublon", "un élément est répété dans la liste : gardez-le une seule fois")]
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        if isinstance(value, float) and not math.isfinite(value):
            return [make("valeur-hors-limites", non_finite_message(raw or value))]
        return [make("valeur-hors-limites", f"valeur {_short(str(raw or value))} hors limites : attendu "
                                            f"{limits_text(schema)}")]
    return [make("valeur-invalide", "valeur non conforme au modèle de fiche : comparez-la avec le modèle")]


def limits_text(schema: dict) -> str:
    """« un nombre entre 0 et 100 000 000 000 », from a number field's ``minimum``/``maximum``."""
    what = "un nombre entier" if schema.get("type") == "integer" else "un nombre"
    low, high = (_figure(schema.get(k)) for k in ("minimum", "maximum"))
    if low is not None and high is not None:
        return f"{what} entre {low} et {high}"
    if low is not None:
        return f"{what} supérieur ou égal à {low}"
    return f"{what} inférieur ou égal à {high}"


def _figure(bound) -> str | None:
    """A bound as a clerk reads it: digits grouped by three (« 100 000 000 000 »), decimal comma."""
    if bound is None:
        return None
    if isinstance(bound, float) and bound.is_integer():
        bound = int(bound)
    return f"{bound:,}".replace(",", "\u00a0").replace(".", ",")


def validate(doc: Document, validator: Draft202012Validator) -> list[Problem]:
    """All schema problems of a parsed record, translated to French."""
    # Why: most records are valid; a quick compiled check spares them jsonschema's full walk.
    check = quick_check(validator)
    if check is not None and check(doc.data):
        return []
    errors = list(validator.iter_errors(doc.data))
    # Why: a value of the wrong type also fails its enum/pattern; report only the type.
    typed = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    problems: list[Problem] = []
    for error in errors:
        if error.validator != "type" and tuple(error.absolute_path) in typed:
            continue
        problems.extend(translate(doc, error))
    return problems
