"""Every number and every date of every schema has a range, and what the ranges let through builds.

A date of year 9999 or a 26-digit count used to validate, then stop ``make site`` (the day after
an event's end overflowed, the French number formatting raised): the schemas now bound them, the
validator says so in French, and the values at the very edges of the ranges build.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, build_site, make_root
from jachete.schema import DATE_MAX, DATE_MIN

SCHEMAS = sorted((REPO / "data" / "schemas").glob("*.schema.json"))


def fields(schema, path=()):
    """(path, subschema) of every property and list item of a schema."""
    yield path, schema
    for name, sub in schema.get("properties", {}).items():
        yield from fields(sub, (*path, name))
    if isinstance(schema.get("items"), dict):
        yield from fields(schema["items"], (*path, "*"))


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_number_and_date_of_every_schema_has_a_range(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    seen = 0
    for where, sub in fields(schema):
        if sub.get("type") in ("number", "integer"):
            seen += 1
            assert "minimum" in sub and "maximum" in sub, (path.name, where)
            assert sub["maximum"] <= 10**11, (path.name, where)
        if sub.get("format") == "date":
            seen += 1
            assert (sub.get("formatMinimum"), sub.get("formatMaximum")) == (
                DATE_MIN.isoformat(), DATE_MAX.isoformat()), (path.name, where)
    assert seen, path.name


# --- What validates builds: the edges of the ranges, and the values just past them ---------------

EVENT = """# yaml-language-server: $schema=../schemas/evenement.schema.json
id: {id}
titre: Salon régional
type: salon
debut: {debut}
fin: {fin}
description: Kiosques.
organisateur: Pôle régional
mise_a_jour: {maj}
"""

DECLARATION = """# yaml-language-server: $schema=../schemas/declaration.schema.json
id: {id}
organisme:
  nom: Ville de {id}
  type: municipalite
  site_web: https://{id}.ville.example.ca/
  region: "04"
adoptee_le: 2011-01-01
resolution: CM-2026-03-112
signataire:
  nom: Hélène Tremblay
  titre: Mairesse
document_signe: https://{id}.ville.example.ca/declaration.pdf
cibles:
  - description: Part des achats
    valeur: {valeur}
    unite: dollars
    echeance: {echeance}
suivis:
  - annee: 2026
    nombre_contrats: {contrats}
    montant: {montant}
  - annee: 2025
    nombre_contrats: {contrats}
    montant: {montant}
"""

EDGES = [  # (event start, end, update), (target value, deadline, contracts, amount)
    (("2000-01-01", "2000-01-01", "2000-01-01"), ("0", "2000-01-01", "0", "0")),
    (("2100-12-30", "2100-12-31", "2026-11-01"), ("100000000000", "2100-12-31", "1000000", "99999999999.99")),
    (("2026-04-22", "2100-12-31", "2026-03-02"), ("1.0e+11", "2100-12-31", "1000000", "100000000000")),
]
PAST = [
    (("2026-04-22", "9999-12-31", "2026-03-02"), ("1.0e+25", "9999-12-31", "10000000000000000000000000", "1.7e+308")),
    (("9999-12-31", "9999-12-31", "0001-01-01"), ("100000000001", "1999-12-31", "1000001", "1" + "0" * 400)),
]


def write(root: Path, cases) -> None:
    for n, ((debut, fin, maj), (valeur, echeance, contrats, montant)) in enumerate(cases):
        (root / "data" / "events" / f"e{n}.yml").write_text(
            EVENT.format(id=f"e{n}", debut=debut, fin=fin, maj=maj), encoding="utf-8")
        (root / "data" / "declarations" / f"d{n}.yml").write_text(DECLARATION.format(
            id=f"d{n}", valeur=valeur, echeance=echeance, contrats=contrats, montant=montant), encoding="utf-8")


def validated(folder: Path, cases) -> tuple[Path, subprocess.CompletedProcess]:
    """A data folder holding ``cases``, and ``jachete validate`` run in it."""
    root = make_root(folder)
    (root / "data" / "events").mkdir()
    write(root, cases)
    return root, subprocess.run([sys.executable, "-m", "jachete", "validate", "--today", "2026-11-27"], cwd=root,
                                capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_values_at_the_edges_of_the_ranges_validate_and_build(tmp_path):
    root, checked = validated(tmp_path / "root", EDGES)
    assert checked.returncode == 0 and " 0 erreur" in checked.stdout, checked.stdout + checked.stderr
    site = tmp_path / "site"
    proc = build_site(site, root=root, search=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    page = (site / "declarations/d1/index.html").read_text(encoding="utf-8")
    assert "99\u00a0999\u00a0999\u00a0999,99\u00a0$" in page
    assert "31 décembre 2100" in (site / "evenements/index.html").read_text(encoding="utf-8")
    assert b"DTEND;VALUE=DATE:21010101" in (site / "evenements/e1.ics").read_bytes()


@pytest.mark.slow
def test_values_past_the_ranges_are_refused_and_stop_the_build_cleanly(tmp_path):
    root, checked = validated(tmp_path / "root", PAST)
    report = checked.stdout
    assert checked.returncode == 1, report + checked.stderr
    expected = {
        "data/events/e0.yml:6:6: error: date-hors-limites: fin:",
        "data/events/e1.yml:5:8: error: date-hors-limites: debut:",
        "data/events/e1.yml:6:6: error: date-hors-limites: fin:",
        "data/events/e1.yml:9:14: error: date-hors-limites: mise_a_jour:",
        "data/declarations/d0.yml:16:13: error: valeur-hors-limites: cibles.0.valeur:",
        "data/declarations/d0.yml:18:15: error: date-hors-limites: cibles.0.echeance:",
        "data/declarations/d0.yml:21:22: error: valeur-hors-limites: suivis.0.nombre_contrats:",
        "data/declarations/d0.yml:22:14: error: valeur-hors-limites: suivis.0.montant:",
    }
    for line in expected:
        assert line in report, (line, report)
    assert report.count("error:") == 16  # every bad value, once each (6 per declaration, 1 + 3 events)
    proc = build_site(tmp_path / "site", root=root, search=False)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and "date-hors-limites" in out and "valeur-hors-limites" in out
