"""A quick yes or no for the usual case: a record that satisfies its schema.

jsonschema finds every error of a record, with the detail the French messages need,
but it walks each value through its generic machinery: most of a full validation's
time, for records that are almost all valid. fastjsonschema compiles the same schema
into plain Python that answers "valid or not" many times faster. Its answer is used
only to skip jsonschema for a valid record: a record it rejects, or any doubt, goes to
jsonschema, which gives every problem exactly as before.

That answer can be trusted only where both libraries mean the same thing, so a quick
check is built only for schemas whose keywords are all in ``SAME_MEANING``; formats are
checked by the full validator's own format checker, and patterns run on Python's ``re``
in both, with ECMA-262's ``$`` (the end of the text) in both (``jachete.schema.python_pattern``).
"""

from __future__ import annotations

from collections.abc import Callable

# Keywords that fastjsonschema and jsonschema (draft 2020-12) read the same way.
SAME_MEANING = frozenset({
    "$schema", "$comment", "title", "description", "examples",
    "type", "properties", "required", "additionalProperties", "enum",
    "pattern", "minLength", "maxLength", "minimum", "maximum",
    "items", "minItems", "uniqueItems", "format",
    "x-multiligne",  # an annotation of the project (jachete.text): no validation meaning in either
    # Neither library evaluates these (ajv's names for a date's range): the format checker
    # both use enforces the same range (jachete.schema.FORMATS).
    "formatMinimum", "formatMaximum",
})

_built: dict[int, tuple[object, Callable[[object], bool] | None]] = {}


def quick_check(validator) -> Callable[[object], bool] | None:
    """``check(instance)`` -> True only if ``validator`` would find no error; None if unavailable."""
    hit = _built.get(id(validator))
    if hit is not None and hit[0] is validator:
        return hit[1]
    check = _build(validator)
    if len(_built) > 32:  # validators are compiled once per schema version: a few at most
        _built.clear()
    _built[id(validator)] = (validator, check)
    return check


def _plain(schema, formats: set) -> bool:
    """Whether every keyword of ``schema`` and of its subschemas is in SAME_MEANING."""
    if not isinstance(schema, dict) or not SAME_MEANING.issuperset(schema):
        return False
    if "format" in schema:
        formats.add(schema["format"])
    extra = schema.get("additionalProperties", False)
    if not isinstance(extra, bool) and not _plain(extra, formats):
        return False
    if "items" in schema and not _plain(schema["items"], formats):
        return False
    return all(_plain(sub, formats) for sub in schema.get("properties", {}).values())


def _build(validator) -> Callable[[object], bool] | None:
    try:
        import fastjsonschema
    except ImportError:  # the full validator alone gives the same problems, more slowly
        return None
    schema, formats = validator.schema, set()
    if not _plain(schema, formats):
        return None
    checker = validator.format_checker
    custom = {name: (lambda value, name=name: checker.conforms(value, name)) for name in formats}
    try:
        run = fastjsonschema.compile(schema, formats=custom, use_default=False,
                                     use_formats=checker is not None, detailed_exceptions=False)
    except Exception:  # noqa: BLE001 - a schema it cannot compile: jsonschema alone decides
        return None

    def check(instance) -> bool:
        try:
            run(instance)
        except Exception:  # noqa: BLE001 - invalid, or a value it cannot handle: jsonschema decides
            return False
        return True

    return check
