"""French (Quebec) formatting of dates, numbers and amounts, through babel's fr_CA locale.

fr_CA groups digits with a no-break space (U+00A0), the Quebec usage « 121 200 $ »; the
currency sign follows the amount after a no-break space. Whole amounts drop the cents.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_CA"
# Parsed once: babel otherwise parses the locale name at every call.
_LOCALE = Locale.parse(LOCALE)
NBSP = "\u00a0"


@lru_cache(maxsize=4096)
def date_fr(d: dt.date | None) -> str:
    """« 27 novembre 2026 »; the first of the month is « 1er novembre 2026 » (Quebec usage)."""
    if d is None:
        return ""
    if isinstance(d, dt.datetime):
        d = d.date()
    text = format_date(d, "d MMMM y", locale=_LOCALE)
    if d.day == 1:
        text = "1er" + text[1:]
    return text


# Pages repeat the same few numbers and amounts (years, counts, round sums): formatted once each.
@lru_cache(maxsize=65536)
def number(n: float | None) -> str:
    """« 11 360 », « 2,5 »."""
    if n is None:
        return ""
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    return format_decimal(n, locale=_LOCALE)


@lru_cache(maxsize=65536)
def money(x: float | None) -> str:
    """« 184 500 $ », « 1 234,50 $ »."""
    if x is None:
        return ""
    if float(x).is_integer():
        return format_currency(int(x), "CAD", format="#,##0\u00a0¤", locale=_LOCALE, currency_digits=False)
    return format_currency(x, "CAD", locale=_LOCALE)


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 entreprise », « 12 entreprises » (French: 0 and 1 take the singular)."""
    word = singular if n < 2 else (plural_form or singular + "s")
    return f"{number(n)}{NBSP}{word}"
