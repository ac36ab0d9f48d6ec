"""Reading one value of a SEAO release: amounts, dates, NEQ. Each reader returns the clean value
and, when the input was not clean, a French note saying what was done (the caller names the file,
the release and the field)."""

from __future__ import annotations

import datetime as dt
import re

from ..fmt import money

# Why: a single public contract above this is not credible (the largest Quebec contracts are in
# the low billions); such a figure is a typing or unit error and would swamp every total.
ABSURD_AMOUNT = 10_000_000_000

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_FRENCH_NUMBER = re.compile(r"-?\d+(?:,\d{1,2})?")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_NEQ_SEPARATORS = re.compile(r"[\s\u00a0\u202f.\-]+")


def amount(value) -> tuple[float | None, str | None]:
    """An amount in dollars: a JSON number, or a string such as "12 345,67 $" (noted)."""
    note = None
    if isinstance(value, bool) or value is None:
        return None, None if value is None else f"montant illisible « {value} », ignoré"
    if isinstance(value, str):
        text = _SPACES.sub("", value).removesuffix("$")
        if _FRENCH_NUMBER.fullmatch(text):
            number = float(text.replace(",", "."))
        elif _NUMBER.fullmatch(text):
            number = float(text)
        else:
            return None, f"montant illisible « {value} », ignoré"
        note = f"montant écrit en texte « {value} », lu comme {_dollars(number)}"
        value = number
    elif not isinstance(value, int | float):
        return None, "montant illisible (ni nombre ni texte), ignoré"
    if value < 0:
        return None, f"montant négatif {_dollars(value)}, ignoré"
    if value > ABSURD_AMOUNT:
        return None, f"montant invraisemblable {_dollars(value)} (plus de 10 milliards), ignoré"
    return float(value), note


def _dollars(value: float) -> str:
    return money(value) if value >= 0 else "−" + money(-value)


def date(value, utc: bool = False) -> str | None:
    """An ISO 8601 date or date-time, as a canonical ISO string; None when unreadable.

    With ``utc``, a date-time with an offset is given in UTC, so that dates written with different
    offsets sort as strings in time order (releases are merged in the order of their dates)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if utc and parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC)
    return parsed.isoformat()


def neq(value) -> tuple[str | None, str | None]:
    """A Quebec enterprise number normalised to its 10 digits (spaces and dashes removed)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None, "NEQ illisible (ni texte ni nombre), ignoré"
    digits = _NEQ_SEPARATORS.sub("", value)
    if re.fullmatch(r"\d{10}", digits):
        return digits, None
    return None, f"NEQ « {value} » invalide (10 chiffres attendus), ignoré"
