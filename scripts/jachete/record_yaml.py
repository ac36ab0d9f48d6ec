"""Write a record as YAML text in the registry's house style, safely.

Every value may come from an untrusted issue body, so nothing is pasted into the
output as is: a string is written plain only when PyYAML reads it back as the very
same string, otherwise double-quoted with escapes; the whole text is then read back
and compared with the record (``dump`` raises if they differ). The style follows the
hand-written records: schema line first, the contract's key order (the caller's dict
order), numeric-looking strings double-quoted, short code lists in flow style,
multi-line text as a literal block.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/{schema}.schema.json"

# Lists of codes written on one line: ``secteurs: [alimentation, traiteur]``.
FLOW_KEYS = frozenset({"secteurs", "regions_desservies", "unspsc"})

_FLOW_PLAIN = re.compile(r"[a-z][a-z0-9-]*")
# Strings of digits (codes, NEQ, telephone numbers) are quoted so no reader takes them for numbers.
_NUMERIC_LOOKING = re.compile(r"[0-9+(][0-9 ().+-]*")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Characters that would change meaning or hide text: escape them whenever they appear.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _hidden(ch: str) -> bool:
    return ch != "\n" and (unicodedata.category(ch) in _HIDDEN_CATEGORIES or ch == "\u00ad")


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch in '\\"':
        return "\\" + ch
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if _hidden(ch):
        if code < 0x100:
            return f"\\x{code:02x}"
        if code < 0x10000:
            return f"\\u{code:04x}"
        return f"\\U{code:08x}"
    return ch


def quoted(s: str) -> str:
    return '"' + "".join(_escape(ch) for ch in s) + '"'


def _plain_ok(s: str) -> bool:
    if not s or s != s.strip() or s[0] in _INDICATORS or any(ch == "\t" or _hidden(ch) for ch in s):
        return False
    if "\n" in s or ": " in s or " #" in s or s.endswith(":") or _NUMERIC_LOOKING.fullmatch(s):
        return False
    try:
        return yaml.safe_load(f"k: {s}\n") == {"k": s}
    except yaml.YAMLError:
        return False


def _block_ok(s: str) -> bool:
    # A literal block keeps every character but cannot start with a space (it would
    # be read as indentation) nor carry hidden characters or trailing spaces.
    lines = s.split("\n")
    return (
        "\n" in s
        and not s[0].isspace()
        and s == s.strip()
        and all(line == line.rstrip() for line in lines)
        and not any(_hidden(ch) or ch == "\t" for ch in s)
    )


def scalar(value: object, flow: bool = False) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value) if math.isfinite(value) else {"inf": ".inf", "-inf": "-.inf"}.get(repr(value), ".nan")
        # PyYAML (YAML 1.1) reads « 1e-05 » as text: its floats need a point before the exponent.
        return text.replace("e", ".0e") if "e" in text and "." not in text else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"unsupported value {value!r}")
    if flow:
        return value if _FLOW_PLAIN.fullmatch(value) and _plain_ok(value) else quoted(value)
    return value if _plain_ok(value) else quoted(value)


def _emit(data: dict, indent: int, out: list[str], first_prefix: str = "") -> None:
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        lead = first_prefix if n == 0 and first_prefix else pad
        if isinstance(value, dict) and not value:  # « key: » alone would read as null
            out.append(f"{lead}{key}: {{}}")
        elif isinstance(value, dict):
            out.append(f"{lead}{key}:")
            _emit(value, indent + 2, out)
        elif isinstance(value, list) and (key in FLOW_KEYS or not value):  # « key: » alone would read as null
            out.append(f"{lead}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]")
        elif isinstance(value, list):
            out.append(f"{lead}{key}:")
            for item in value:
                if isinstance(item, dict):
                    _emit(item, indent + 4, out, first_prefix=" " * (indent + 2) + "- ")
                else:  # a list of texts (seao.acheteurs): one quoted-as-needed item a line
                    out.append(f"{' ' * (indent + 2)}- {scalar(item)}")
        elif isinstance(value, str) and _block_ok(value):
            out.append(f"{lead}{key}: |-")
            out.extend((" " * (indent + 2) + line) if line else "" for line in value.split("\n"))
        else:
            out.append(f"{lead}{key}: {scalar(value)}")


def dump(record: dict, schema: str) -> str:
    """The record file's text; raises ValueError if it would not read back as ``record``."""
    out = [SCHEMA_LINE.format(schema=schema)]
    _emit(record, 0, out)
    text = "\n".join(out) + "\n"
    if yaml.safe_load(text) != record:
        raise ValueError("the YAML text does not read back as the record")
    return text


# --- Updating an existing record file -------------------------------------------------------------

_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]|$)")


def _top_blocks(text: str) -> tuple[list[str], list[tuple[str, list[str], list[str]]], list[str]]:
    """Split a record file at its top-level keys: (header, [(key, lead, body)], footer).

    ``lead`` holds the blank and column-0 comment lines just above a key (they stay with
    that key), ``body`` the key's line and every line up to the next key or lead.
    """
    header: list[str] = []
    blocks: list[tuple[str, list[str], list[str]]] = []
    pending: list[str] = []
    for line in text.splitlines():
        match = _TOP_KEY.match(line)
        if match:
            if not blocks:
                header, pending = header + pending, []
            blocks.append((match.group(1), pending, [line]))
            pending = []
        elif not line.strip() or line.startswith("#"):
            pending.append(line)
        elif blocks:
            blocks[-1][2].extend(pending + [line])
            pending = []
        else:
            header.append(line)
    if not blocks:
        header, pending = header + pending, []
    return header, blocks, pending


def _dash_column(body: list[str]) -> int | None:
    """The column of the ``-`` of a block sequence's items, if the key holds one."""
    if body[0].split(":", 1)[1].strip():
        return None  # a flow list or a scalar on the key's line
    for line in body[1:]:
        stripped = line.lstrip(" ")
        if stripped.startswith("- ") or stripped == "-":
            return len(line) - len(stripped)
        if stripped and not stripped.startswith("#"):
            return None
    return None


def update(old_text: str, record: dict, schema: str) -> str:
    """The text of ``record`` written over an existing file, keeping what did not change.

    Kept byte for byte: the header (schema line, comments), every top-level field whose
    value is unchanged with its comments, quoting and folded or literal blocks, the
    comment lines above a field, and the items already in a list that only grows (new
    items are appended in the house style, at the list's own indentation). A changed
    field is rewritten whole in the house style. If the result would not read back as
    ``record`` (an unusual layout), the whole file is written anew with ``dump``.
    """
    try:
        old = yaml.safe_load(old_text)
    except yaml.YAMLError:
        old = None
    header, blocks, footer = _top_blocks(old_text)
    if not isinstance(old, dict) or [key for key, _, _ in blocks] != list(old):
        return dump(record, schema)
    kept = {key: (lead, body) for key, lead, body in blocks}
    out = list(header)
    for key, value in record.items():
        lead, body = kept.get(key, ([], []))
        out.extend(lead)
        before = old.get(key)
        if key in old and before == value:
            out.extend(body)
            continue
        column = _dash_column(body) if body else None
        if isinstance(before, list) and isinstance(value, list) and before and value[: len(before)] == before \
                and column is not None and all(isinstance(item, dict) for item in value):
            out.extend(body)
            for item in value[len(before):]:
                _emit(item, column + 2, out, first_prefix=" " * column + "- ")
            continue
        _emit({key: value}, 0, out)
    out.extend(footer)
    text = "\n".join(out) + "\n"
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        loaded = None
    if loaded != record or list(loaded) != list(record):
        return dump(record, schema)
    return text
