"""The quick schema check: it may only ever spare jsonschema a record jsonschema finds valid."""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path

import pytest

from jachete import schema
from jachete.loader import read
from jachete.reference import load_reference
from jachete.registry import check_document, expand, kind_of
from jachete.schema_fast import SAME_MEANING, quick_check

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 27)

# Values that sit on the edges where two validators could disagree.
ODD = [1, 1.0, 2.5, True, False, None, float("nan"), float("inf"), -float("inf"), 10**30, "", " ", "x\n",
       "2026-02-30", "2026-01-01\n", "\u0662\u0660\u0662\u0666-01-01", "https://a.example/\x1cx", "a@b.c",
       "a@b.c\n", "@", "J4T 9G1\n", "1234567890\n", "12345678", [], [1], ["a", "a"], ["01", "01"], {}, {"a": 1},
       "04", "cooperative", "x" * 6000, "fabrication", "90101600", [1, 1.0], [True, 1], 45.0, 63.0000001, 2025.0,
       "9999-12-31", "1999-12-31", "2000-01-01", "2100-12-31", 10**11, 10**11 + 1, 1.7e308]


def records() -> list[tuple[dict, str]]:
    out = []
    for path in expand([FIXTURES, ROOT / "data"]):
        doc = read(path)
        kind = kind_of(path, doc.first_line)
        if kind and isinstance(doc.data, dict):
            out.append((doc.data, kind))
    return out


def damaged(data, rng: random.Random):
    if isinstance(data, dict) and data and rng.random() < 0.8:
        key = rng.choice(list(data))
        data[key] = damaged(data[key], rng) if rng.random() < 0.6 else copy.deepcopy(rng.choice(ODD))
        return data
    if isinstance(data, list) and data and rng.random() < 0.8:
        i = rng.randrange(len(data))
        data[i] = damaged(data[i], rng) if rng.random() < 0.6 else copy.deepcopy(rng.choice(ODD))
        return data
    return copy.deepcopy(rng.choice(ODD))


def test_the_record_schemas_have_a_quick_check():
    for kind in schema.KINDS:
        assert quick_check(schema.validator(ROOT, kind)) is not None, f"{kind}: a keyword outside SAME_MEANING?"


def test_a_record_passes_the_quick_check_only_if_jsonschema_finds_no_error():
    validators = {kind: schema.validator(ROOT, kind) for kind in schema.KINDS}
    rng = random.Random(20261127)
    passed = failed = 0
    for data, kind in records():
        for trial in range(12):
            case = data if trial == 0 else damaged(copy.deepcopy(data), rng)
            if quick_check(validators[kind])(case):
                assert list(validators[kind].iter_errors(case)) == [], case
                passed += 1
            else:
                failed += 1
    assert passed > 50 and failed > 500  # both answers were put to the test


def test_schemas_with_other_keywords_get_no_quick_check():
    from jsonschema import Draft202012Validator

    for extra in ({"oneOf": [{"type": "string"}]}, {"prefixItems": [{"type": "string"}]}, {"$ref": "#/$defs/x"}):
        assert not SAME_MEANING.issuperset(extra)
        assert quick_check(Draft202012Validator({"type": "object", "properties": {"a": extra}})) is None


@pytest.mark.parametrize("folder", ["enterprise/invalid", "declaration/invalid", "hostile"])
def test_problems_are_the_same_without_the_quick_check(monkeypatch, folder):
    reference = load_reference(ROOT)
    paths = expand([FIXTURES / folder])

    def report():
        out = []
        for path in paths:
            doc = read(path, path.name)
            out += check_document(doc, kind_of(path, doc.first_line), ROOT, reference, TODAY)
        return out

    quick = report()
    monkeypatch.setattr(schema, "quick_check", lambda validator: None)
    assert report() == quick
