"""French (Quebec) formatting of dates, numbers and amounts, through babel's fr_CA locale.

fr_CA groups digits with a no-break space (U+00A0), the Quebec usage « 121 200 $ »; the
currency sign follows the amount after a no-break space. Whole amounts drop the cents.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
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


def _exact(x) -> decimal.Decimal | None:
    """The decimal a number reads as, or None when there is nothing to show (None, NaN, infinity).

    A float is taken by its shortest form, so ``1e25`` shows as 1 followed by 25 zeros, not as the
    binary value's 10 000 000 000 000 000 905 969 664.
    """
    if x is None:
        return None
    if isinstance(x, float):
        return decimal.Decimal(repr(x)) if math.isfinite(x) else None
    value = decimal.Decimal(x)
    return value if value.is_finite() else None


def _context(value: decimal.Decimal) -> decimal.Context:
    """A decimal context wide enough for every digit of ``value``.

    Why: babel rounds in the current context (28 digits); a larger number (a hostile or mistyped
    amount) made it raise ``InvalidOperation`` instead of printing the digits.
    """
    return decimal.Context(prec=max(28, value.adjusted() + 12), Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


# Pages repeat the same few numbers and amounts (years, counts, round sums): formatted once each.
@lru_cache(maxsize=65536)
def number(n: float | None) -> str:
    """« 11 360 », « 2,5 »; empty for no value (None, NaN, infinity)."""
    value = _exact(n)
    if value is None:
        return ""
    with decimal.localcontext(_context(value)):
        return format_decimal(value, locale=_LOCALE)


@lru_cache(maxsize=65536)
def money(x: float | None) -> str:
    """« 184 500 $ », « 1 234,50 $ »; empty for no value (None, NaN, infinity)."""
    value = _exact(x)
    if value is None:
        return ""
    with decimal.localcontext(_context(value)):
        if value == value.to_integral_value():
            return format_currency(value, "CAD", format="#,##0\u00a0¤", locale=_LOCALE, currency_digits=False)
        return format_currency(value, "CAD", locale=_LOCALE)


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 entreprise », « 12 entreprises » (French: 0 and 1 take the singular)."""
    word = singular if n < 2 else (plural_form or singular + "s")
    return f"{number(n)}{NBSP}{word}"
