"""JSON Schema ``pattern`` with the meaning it has in ECMA-262, the regex dialect of JSON Schema.

Editors check the published schemas with ECMA-262 regexes; the validator must refuse the same
values. (No import of the problem codes here: the rules' validator uses this module too.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.validators import extend


@lru_cache(maxsize=256)
def python_pattern(pattern: str) -> re.Pattern:
    """``pattern`` (ECMA-262, the dialect of JSON Schema and of editors) compiled to mean the same in Python.

    Why: in ECMA-262, ``$`` ends the text; in Python it also matches before a final newline, so
    ``^[0-9]{10}$`` would accept ``"1166424680\\n"``. Outside a class ``$`` becomes ``\\Z``, as
    fastjsonschema does (jachete.schema_fast), so both validators refuse the same values.
    """
    out, in_class, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":  # an escape is copied whole: « \\$ » stays a literal dollar sign
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            out.append("\\$" if ch == "$" else ch)
        else:
            in_class = ch == "["
            out.append("\\Z" if ch == "$" else ch)
        i += 1
    return re.compile("".join(out))


def _pattern(validator, pattern: str, instance, schema):
    """The ``pattern`` keyword, with ECMA-262's meaning of ``$`` (see ``python_pattern``)."""
    if validator.is_type(instance, "string") and not python_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# The validator of every schema of data/schemas/ (records, events, rules).
Validator = extend(Draft202012Validator, {"pattern": _pattern})
