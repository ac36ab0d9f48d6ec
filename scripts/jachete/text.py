"""Characters a record's text may not hold, whatever its kind.

Control characters are refused everywhere; a line break only in a field of one line (a title,
a name, a place), told apart by the schema: a field that may span several lines carries the
annotation ``"x-multiligne": true``. The joiner inside an emoji is not a hidden character.
"""

from __future__ import annotations

import re
import unicodedata

from .loader import Document
from .problems import Problem

# Control characters (C0, DEL and C1, NEL included) but tab and line feed: unseen on screen, they
# would reach the pages, the CSV files and the calendars as they are.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Line breaks, refused in a field of one line (a title, a name, a place).
LINE_BREAK_RE = re.compile("[\n\u2028\u2029]")
# The schema annotation of the fields whose text may span several lines (descriptions, notes).
MULTILINE = "x-multiligne"
BREAK_NAMES = {"\n": "un saut de ligne", "\u2028": "un séparateur de ligne",
               "\u2029": "un séparateur de paragraphe"}

ZWJ = "\u200d"
# What may follow an emoji before a joiner: variation selectors and skin tones (👩🏽‍⚕️).
EMOJI_TAIL = "\ufe0e\ufe0f" + "".join(map(chr, range(0x1F3FB, 0x1F400)))


def joins_emoji(text: str, i: int) -> bool:
    """Whether the joiner at ``i`` stands between two emoji (👩‍⚖️, 👨‍👩‍👧): it draws one picture.

    Emoji are symbols (Unicode category So); a joiner inside a word is still a hidden character.
    """
    before = text[:i].rstrip(EMOJI_TAIL)
    return (bool(before) and i + 1 < len(text) and unicodedata.category(before[-1]) == "So"
            and unicodedata.category(text[i + 1]) == "So")


def line_problems(doc: Document, text: str, path: tuple, node) -> list[Problem]:
    """Control characters anywhere; line breaks in a text field of one line (``node``: its schema)."""
    if found := CONTROL_RE.search(text):
        return [doc.problem("texte-controle", path,
                            f"le texte contient un caractère de contrôle invisible (U+{ord(found.group(0)):04X}) : "
                            "retirez-le (entre guillemets, cherchez une barre oblique inverse suivie d'un code, "
                            "comme « \\r » ou « \\x07 »)")]
    found = LINE_BREAK_RE.search(text)
    # A field with a pattern, a list of values or a format tells itself what it expects.
    if found and isinstance(node, dict) and not node.get(MULTILINE) \
            and not {"pattern", "enum", "format"}.intersection(node):
        char, name = found.group(0), _last_key(path)
        fix = (f"écrivez le texte sur une seule ligne (après « {name}: > » ou « {name}: | », YAML garde un saut "
               f"de ligne final : écrivez « {name}: >- » ou mettez le texte sur la ligne du champ)") \
            if char == "\n" else "retirez-le"
        return [doc.problem("texte-saut-de-ligne", path,
                            f"le champ « {name} » tient sur une seule ligne ; le texte contient {BREAK_NAMES[char]} "
                            f"(U+{ord(char):04X}) : {fix}")]
    return []


def _last_key(path: tuple) -> str:
    return next((part for part in reversed(path) if isinstance(part, str)), "")
