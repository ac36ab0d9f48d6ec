"""Text a spreadsheet could run as a formula (CSV injection), found by one predicate.

Excel, LibreOffice Calc and Google Sheets read a cell whose first character is ``=``, ``+``,
``-`` or ``@`` as a formula. OWASP's guidance (CSV Injection) is to put a single quote before
such a cell, and before any cell that starts with a tab, a carriage return or a line feed.
Spreadsheets skip leading spaces before reading a formula, and some take the full-width
forms (``＝＋－＠``) as the ASCII ones: the predicate looks past spaces, every other
Unicode separator and invisible character, and compares the first visible character after
compatibility normalisation (NFKC, which also maps the small forms ``﹦﹢﹣﹫``).

The CSV exports quote such text (``jachete.exports.tabular``); the validator warns about it
(``texte-formule``). Numeric columns are written as numbers and never quoted.
"""

from __future__ import annotations

import unicodedata

TRIGGERS = frozenset("=+-@")
# OWASP: a cell starting with one of these is quoted whatever follows.
BREAKS = ("\t", "\r", "\n")
# The quote a spreadsheet takes as "text follows" (OWASP's recommended prefix).
PREFIX = "'"


def formula_start(text: str) -> str:
    """The character that makes ``text`` look like a formula to a spreadsheet, else ``""``.

    That is a leading tab, CR or LF, or the first visible character when it is ``=``, ``+``,
    ``-`` or ``@`` (or a compatibility form of one), after any spaces, separators (Unicode
    categories Z*), controls and invisible format characters (C*).
    """
    if text.startswith(BREAKS):
        return text[0]
    for ch in text:
        if ch.isspace() or unicodedata.category(ch)[0] in "ZC":
            continue
        return ch if unicodedata.normalize("NFKC", ch)[:1] in TRIGGERS else ""
    return ""


def neutralised(text: str) -> str:
    """``text`` as a CSV cell: behind a single quote when a spreadsheet could run it."""
    return PREFIX + text if formula_start(text) else text
