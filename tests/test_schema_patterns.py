"""Every pattern of data/schemas/ matches the whole value, in both validators and as editors read it.

JSON Schema patterns are ECMA-262 regexes, where ``$`` is the end of the text. Python's ``$``
also matches before a final newline: without care, ``neq: "1166424680\\n"`` passed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from jachete.loader import read
from jachete.schema_fast import quick_check
from jachete.schema_pattern import Validator, python_pattern

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = {path.name: json.loads(path.read_text(encoding="utf-8"))
           for path in sorted((ROOT / "data" / "schemas").glob("*.schema.json"))}
DATA = {"entreprise.schema.json": "data/enterprises/*.yml", "declaration.schema.json": "data/declarations/*.yml",
        "evenement.schema.json": "data/events/*.yml", "regles.schema.json": "data/rules/regles.yml"}


def _patterns(node, found: set) -> set:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        for value in node.values():
            _patterns(value, found)
    elif isinstance(node, list):
        for value in node:
            _patterns(value, found)
    return found


def _examples(data, node, out: dict) -> None:
    """The repository's own values, which pass the schema: one real example per pattern."""
    if not isinstance(node, dict):
        return
    if isinstance(data, str) and isinstance(node.get("pattern"), str):
        out.setdefault(node["pattern"], data)
    elif isinstance(data, dict):
        for key, value in data.items():
            _examples(value, node.get("properties", {}).get(key), out)
    elif isinstance(data, list):
        for value in data:
            _examples(value, node.get("items"), out)


def examples() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, glob in DATA.items():
        for path in sorted(ROOT.glob(glob)):
            _examples(read(path).data, SCHEMAS[name], out)
    return out


PATTERNS = sorted(set().union(*(_patterns(schema, set()) for schema in SCHEMAS.values())))
EXAMPLES = examples()


def variants(example: str) -> list[str]:
    """The example with a line feed after it, before it and inside it."""
    middle = len(example) // 2
    return [example + "\n", "\n" + example, example[:middle] + "\n" + example[middle:]]


def test_every_pattern_has_a_real_example():
    assert sorted(EXAMPLES) == PATTERNS


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_line_feed_anywhere_is_refused_by_both_validators(pattern):
    example = EXAMPLES[pattern]
    validator = Validator({"type": "string", "pattern": pattern})
    quick = quick_check(validator)
    assert validator.is_valid(example)
    for value in variants(example):
        assert not validator.is_valid(value), repr(value)
        # The compiled quick check (fastjsonschema) may only answer "valid" when jsonschema does.
        assert quick is None or not quick(value), repr(value)


@pytest.mark.parametrize(("pattern", "value", "matches"), [
    ("^[0-9]{5}$", "37067", True),
    ("^[0-9]{5}$", "37067\n", False),
    ("^a[$]$", "a$", True),  # a dollar sign inside a class is a character
    ("^a\\$$", "a$", True),  # an escaped dollar sign too
    ("^a\\$$", "a$\n", False),
    ("^(x|y)$", "y\n", False),
])
def test_python_pattern_reads_the_dollar_sign_as_ecma_262(pattern, value, matches):
    assert bool(python_pattern(pattern).search(value)) is matches


@pytest.mark.skipif(shutil.which("node") is None, reason="no JavaScript engine to compare with")
def test_editors_read_every_pattern_the_same_way():
    # The published schemas are ECMA-262 regexes: the same answers in a JavaScript engine.
    cases = [(p, v) for p in PATTERNS for v in [EXAMPLES[p], *variants(EXAMPLES[p])]]
    script = "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));" \
             "console.log(JSON.stringify(cases.map(([p, v]) => new RegExp(p).test(v))));"
    run = subprocess.run(["node", "-e", script], input=json.dumps(cases), capture_output=True, text=True,
                         check=True, timeout=60)
    assert json.loads(run.stdout) == [bool(python_pattern(p).search(v)) for p, v in cases]
