"""CSV injection: the one predicate that the CSV exports and the validator share."""

from __future__ import annotations

import csv
import io

import pytest

from jachete.exports import tabular
from jachete.exports.tables import TABLES
from jachete.model import Offer, Registry
from jachete.spreadsheet import formula_start, neutralised
from test_exports_helpers import ctx, enterprise, sample_registry

FORMULAS = [
    "=1+1", "+1", "-1", "@SUM(A1)", "\t", "\tTexte", "\rTexte", "\nTexte",
    # OWASP's list after leading white space, separators and invisible characters.
    "  =1+1", " \t@SUM(A1)", "\u00a0=1+1", "\u3000-2", "\u2003+3", "\u2028=1", "\x85=1", "\u200b=1",
    "\ufeff@x", "\x00=1",
    # Full-width and small forms (NFKC).
    "＝HYPERLINK(\"https://x.example\")", "＋1", "－1", "＠SUM(A1)", "﹦1", "﹢1", "﹣1", "﹫x",
    "\u3000＝1",
]
TEXTS = [
    "", "   ", "Café coopératif", "819 555-0142", "(819) 555-0142 poste 12", "1-2", "a=b", "'=1+1",
    "«=»", "–5 (tiret demi-cadratin)", "\u22125 (signe moins)", "👩‍⚖️ =", "Déclaration @ Laval",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_found_and_quoted(text):
    assert formula_start(text)
    assert neutralised(text) == "'" + text
    assert formula_start(neutralised(text)) == ""


@pytest.mark.parametrize("text", TEXTS)
def test_ordinary_text_is_left_alone(text):
    assert formula_start(text) == ""
    assert neutralised(text) == text


def _rows(registry: Registry, name: str) -> list[dict]:
    table = next(t for t in TABLES if t.name == name)
    text = tabular.csv_bytes(table, ctx(registry)).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_quotes_every_formula_like_text_cell_and_keeps_numbers():
    hostile = [
        enterprise(f"h{i}", nom=text, description=text, telephone=text, longitude=-73.5, latitude=45.5,
                   offres=(Offer(text, text, ("90101600",)),))
        for i, text in enumerate(FORMULAS)
    ]
    base = sample_registry()
    registry = Registry(base.reference, tuple(sorted(base.enterprises + tuple(hostile), key=lambda e: e.id)),
                        base.declarations, {})
    rows = {r["id"]: r for r in _rows(registry, "entreprises")}
    for i, text in enumerate(FORMULAS):
        row = rows[f"h{i}"]
        assert row["nom"] == row["description"] == row["telephone"] == "'" + text
        # A negative number in a numeric column stays a number.
        assert row["longitude"] == "-73.5"
    offers = [r for r in _rows(registry, "entreprises-offres") if r["entreprise_id"].startswith("h")]
    assert {r["titre"] for r in offers} == {"'" + t for t in FORMULAS}
    # No text cell of any table can start a formula; every numeric cell reads as a number.
    for table in TABLES:
        types = {c.name: c.type for c in table.columns}
        for row in _rows(registry, table.name):
            for name, cell in row.items():
                if types[name] == "string":
                    assert formula_start(cell) == "", (table.name, name, cell)
                elif types[name] in ("number", "integer") and cell:
                    float(cell)
