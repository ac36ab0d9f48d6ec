"""One catalogue of codes: every code the validators use is documented, and none is dead."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

from jachete import codes
from jachete.loader import read
from jachete.reference import load_reference
from jachete.registry import check_document, kind_of

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "jachete"
CODE_RE = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")
# Calls whose string arguments are problem codes.
CODE_CALLS = {"Problem", "problem", "_problem", "make", "_Refused", "severity"}


def _name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def codes_in_source() -> set[str]:
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "codes.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in CODE_CALLS:
                args = list(node.args) + [k.value for k in node.keywords if k.arg == "code"]
                used |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                         and CODE_RE.match(a.value)}
            # A table field -> code (PATTERN_CODES) is a use too.
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "").endswith("_CODES") for t in node.targets) \
                    and isinstance(node.value, ast.Dict):
                used |= {v.value for v in node.value.values if isinstance(v, ast.Constant)}
    return used


def test_every_used_code_is_in_the_catalogue():
    assert codes_in_source() - set(codes.CATALOGUE) == set()


def test_no_dead_code_in_the_catalogue():
    assert set(codes.CATALOGUE) - codes_in_source() == set()


def test_every_code_reported_on_the_fixtures_is_in_the_catalogue():
    reference = load_reference(ROOT)
    seen = set()
    fixtures = Path(__file__).parent / "fixtures"
    for path in [*fixtures.glob("enterprise/*/*.yml"), *fixtures.glob("declaration/*/*.yml")]:
        doc = read(path, path.name)
        for p in check_document(doc, kind_of(path), ROOT, reference, dt.date(2026, 11, 27)):
            assert p.code in codes.CATALOGUE
            assert p.severity == codes.CATALOGUE[p.code].severity, p.code
            seen.add(p.code)
    assert "yaml-syntaxe" in seen and "date-future" in seen


def test_catalogue_entries_are_complete_french_sentences():
    for code, entry in codes.CATALOGUE.items():
        assert CODE_RE.match(code)
        assert entry.severity in ("error", "warning")
        for text in (entry.title, entry.explanation, entry.fix):
            assert text.strip() and text[0].isupper(), (code, text)


def test_component_lists_every_code_escaped():
    html = codes.components(None)["codes-erreurs"]
    for code in codes.CATALOGUE:
        assert f'<tr id="{code}">' in html
    assert "<script" not in html


def test_render_escapes_catalogue_text():
    html = codes.render_html({"x-y": codes.Code("<b>T</b>", "E & F", "« G »")})
    assert "&lt;b&gt;T&lt;/b&gt;" in html and "E &amp; F" in html


def test_contributor_page_has_the_marker_and_the_feature_is_registered():
    page = (ROOT / "content" / "contribuer" / "codes.md").read_text(encoding="utf-8")
    assert "<!-- jachete:codes-erreurs -->" in page
    from jachete import codes, features

    assert codes in features.FEATURES
