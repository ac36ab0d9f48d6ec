"""Text checks shared by every kind: control characters, line breaks, emoji joiners; declaration dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from jachete.checks import text_rules
from jachete.loader import parse
from jachete.reference import load_reference
from jachete.registry import check_document
from jachete.text import MULTILINE

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "data" / "schemas"
TODAY = dt.date(2026, 11, 27)


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def _special(c: str) -> bool:
    return ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or c in '\u2028\u2029"\\'


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted value, its control characters and line breaks escaped."""
    return '"' + "".join(f"\\u{ord(c):04x}" if _special(c) else c for c in text) + '"'


def found(text: str, field: str = "nom", kind: str = "entreprise") -> list[tuple[str, str]]:
    body = f"{field}: {quoted(text)}\n".encode()
    doc = parse("x.yml", body)
    return [(p.code, p.severity) for p in text_rules(doc, schema(kind))]


@pytest.mark.parametrize("text", [
    "Cabinet 👩‍⚖️",  # woman judge: U+200D then a variation selector
    "Famille 👨‍👩‍👧",
    "Soins 👩🏽‍⚕️",  # a skin tone before the joiner
    "Fierté 🏳️‍🌈",
    "Cœur ❤️ et 🚲",  # variation selector alone
    "Ours 🐻‍❄️",
])
def test_emoji_joined_by_a_zero_width_joiner_pass(text):
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "Vi\u200dlle de Québec",  # a joiner inside a word
    "Vi\u200clle de Québec",  # a non-joiner inside a word
    "👩\u200c⚖️",  # a non-joiner is not part of an emoji
    "\u200d👩",  # a joiner with nothing before it
    "👩\u200d",  # nor after it
    "👩\u200da",  # a joiner between an emoji and a letter
])
def test_other_joiners_still_warn(text):
    assert found(text) == [("texte-invisible", "warning")]


@pytest.mark.parametrize(("char", "code"), [
    ("\x00", "texte-controle"), ("\x1b", "texte-controle"), ("\r", "texte-controle"), ("\x7f", "texte-controle"),
    ("\x85", "texte-controle"), ("\x9f", "texte-controle"),
    ("\n", "texte-saut-de-ligne"), ("\u2028", "texte-saut-de-ligne"), ("\u2029", "texte-saut-de-ligne"),
])
def test_control_characters_and_line_breaks_in_a_name(char, code):
    assert found(f"Coop{char}du Parc") == [(code, "error")]


def test_a_description_may_span_lines_but_holds_no_control_character():
    assert found("Ligne un.\n\nLigne\tdeux.\u2028Fin.", "description") == []
    assert found("Ligne un.\x0bLigne deux.", "description") == [("texte-controle", "error")]


def test_the_message_names_the_character_and_the_fix():
    doc = parse("x.yml", b"titre: >\n  Salon\n")
    (problem,) = text_rules(doc, schema("evenement"))
    assert "U+000A" in problem.message and "« titre: >- »" in problem.message
    assert (problem.line, problem.col) == (1, 8)


# The decision of which fields may span lines is data: the schemas' "x-multiligne" annotation.
MULTILINE_FIELDS = {
    "entreprise": {"description", "offres.[].description"},
    "declaration": {"texte", "cibles.[].description", "suivis.[].note"},
    "evenement": {"description"},
    "regles": {"acheteurs.[].note", "procedures.[].conditions", "seuils.[].periodes.[].note",
               "regles.[].explication", "regles.[].mises_en_garde.[]", "remarques.[].texte"},
}


def _marked(node, path: str, out: set) -> set:
    if isinstance(node, dict):
        if node.get(MULTILINE):
            assert node.get("type") == "string", path
            out.add(path)
        for key, sub in node.get("properties", {}).items():
            _marked(sub, f"{path}.{key}" if path else key, out)
        if "items" in node:
            _marked(node["items"], f"{path}.[]", out)
    return out


@pytest.mark.parametrize("name", sorted(MULTILINE_FIELDS))
def test_only_long_texts_may_span_lines(name):
    assert _marked(schema(name), "", set()) == MULTILINE_FIELDS[name]


DECLARATION = """\
# yaml-language-server: $schema=../schemas/declaration.schema.json
id: x
organisme: {{nom: Ville, type: municipalite, site_web: "https://ville.example.ca/", region: "04"}}
adoptee_le: {adopted}
resolution: CM-1
signataire: {{nom: Hélène Tremblay, titre: Mairesse}}
document_signe: https://ville.example.ca/declaration.pdf
suivis:
{suivis}
"""


def declaration_codes(adopted: str, years: list) -> list[tuple[str, str]]:
    suivis = "\n".join(f"  - annee: {year}" for year in years)
    doc = parse("x.yml", DECLARATION.format(adopted=adopted, suivis=suivis).encode())
    problems = check_document(doc, "declaration", ROOT, load_reference(ROOT), TODAY)
    return [(p.code, p.key) for p in problems]


@pytest.mark.parametrize(("adopted", "years", "expected"), [
    ("2011-01-01", [2011, 2026], []),  # the first day of the model's year
    ("2010-12-31", [2011], [("date-avant-modele", "adoptee_le")]),
    ("0001-01-01", [2011], [("date-hors-limites", "adoptee_le")]),  # out of range: one problem
    ("2024-05-01", [2023, 2024], [("suivi-avant-adoption", "suivis.0.annee")]),
    ("2024-05-01", [2024, 2025, 2024], [("suivi-annee-dupliquee", "suivis.2.annee")]),
    ("2024-05-01", ["2025.0"], [("type-invalide", "suivis.0.annee")]),
    ("2024-05-01", ["2025.5"], [("type-invalide", "suivis.0.annee")]),  # the schema's, not a second one
    ("2024-05-01", [2027], [("date-future", "suivis.0.annee")]),
    ("2027-05-01", [2026], [("date-future", "adoptee_le")]),  # one problem: the years are not compared
])
def test_declaration_dates_and_follow_up_years(adopted, years, expected):
    assert declaration_codes(adopted, years) == expected
