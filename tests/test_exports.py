"""Open data files: parse with standard tools, one row per record, deterministic bytes."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from jachete import exports
from jachete.exports import datapackage, geojson, tabular
from jachete.exports.tables import TABLES
from test_exports_helpers import ctx, sample_registry


def _files(c) -> dict[str, bytes]:
    return {o.path: o.content for o in exports.outputs(c)}


def _csv(content: bytes) -> list[dict]:
    text = content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def files():
    return _files(ctx())


def test_every_promised_file_is_produced(files):
    for name in ("entreprises.csv", "entreprises.json", "entreprises.geojson", "declarations.csv",
                 "declarations.json", "datapackage.json", "declarations.atom", "entreprises.atom"):
        assert f"donnees/{name}" in files
    assert "robots.txt" in files


def test_csv_rows_equal_records(files):
    reg = sample_registry()
    ents = _csv(files["donnees/entreprises.csv"])
    decls = _csv(files["donnees/declarations.csv"])
    assert [r["id"] for r in ents] == sorted(e.id for e in reg.enterprises)
    assert [r["id"] for r in decls] == sorted(d.id for d in reg.declarations)
    offers = _csv(files["donnees/entreprises-offres.csv"])
    assert len(offers) == sum(len(e.offres) for e in reg.enterprises)
    targets = _csv(files["donnees/declarations-cibles.csv"])
    assert len(targets) == sum(len(d.cibles) for d in reg.declarations)
    followups = _csv(files["donnees/declarations-suivis.csv"])
    assert len(followups) == sum(len(d.suivis) for d in reg.declarations)


def test_csv_flattening_and_values(files):
    rows = {r["id"]: r for r in _csv(files["donnees/entreprises.csv"])}
    alpha = rows["alpha"]
    assert alpha["secteurs"] == "alimentation | traiteur"
    assert alpha["offres_titres"] == "Traiteur | Boîtes à lunch"
    assert alpha["offres_unspsc"] == "90101600;90101700 | 50192100"
    assert alpha["cooperative_type"] == "solidarite" and alpha["cooperative_sans_ristourne"] == "true"
    assert alpha["exemple"] == "true" and rows["beta"]["exemple"] == "false"
    assert alpha["region_nom"] == "Mauricie"
    assert rows["beta"]["cooperative_type"] == ""
    assert alpha["url"] == "https://registre.example.org/entreprises/alpha/"
    # A hostile formula is defused for spreadsheets; quotes and commas survive the round trip.
    assert rows["beta"]["description"].startswith("'=HYPERLINK(")
    assert rows["delta"]["nom"] == 'Café </script><!-- "Le Passage" & fils'
    decl = {r["id"]: r for r in _csv(files["donnees/declarations.csv"])}["ville-de-montreal"]
    assert decl["cibles_nombre"] == "2" and decl["suivis_nombre"] == "2"
    assert decl["suivis_contrats_total"] == "15" and decl["suivis_montant_total"] == "204500.5"
    assert decl["organisme_regime"] == "municipal" and decl["texte_propre"] == "false"
    suivis = [r for r in _csv(files["donnees/declarations-suivis.csv"]) if r["declaration_id"] == "ville-de-montreal"]
    assert [r["annee"] for r in suivis] == ["2024", "2025"]
    assert suivis[1]["montant"] == "184500"


def test_json_exports_parse_and_match_records(files):
    reg = sample_registry()
    ents = json.loads(files["donnees/entreprises.json"])
    decls = json.loads(files["donnees/declarations.json"])
    assert [e["id"] for e in ents] == [e.id for e in reg.enterprises]
    assert [d["id"] for d in decls] == [d.id for d in reg.declarations]
    alpha = next(e for e in ents if e["id"] == "alpha")
    assert alpha["offres"][0]["unspsc"] == ["90101600", "90101700"]
    assert alpha["coordonnees"] == {"latitude": 46.34, "longitude": -72.54}
    assert alpha["exemple"] is True and next(e for e in ents if e["id"] == "beta")["exemple"] is False
    mtl = next(d for d in decls if d["id"] == "ville-de-montreal")
    assert mtl["organisme"]["code_geo"] == "66023"
    assert [s["annee"] for s in mtl["suivis"]] == [2024, 2025]
    assert mtl["cibles"][0] == {"description": "Plus d'achats", "valeur": 5, "unite": "%", "echeance": "2028-12-31"}


def test_json_exports_hold_one_compact_record_per_line(files):
    reg = sample_registry()
    n_points = sum(1 for e in reg.enterprises if e.latitude is not None)
    for name, n in (("entreprises.json", len(reg.enterprises)), ("declarations.json", len(reg.declarations)),
                    ("entreprises.geojson", n_points)):
        lines = files[f"donnees/{name}"].decode("utf-8").split("\n")
        assert lines[-1] == "" and len(lines) == n + 3, name  # opening line, records, closing line
        for line in lines[1:-2]:
            record = json.loads(line.removesuffix(","))
            assert line.removesuffix(",") == json.dumps(record, ensure_ascii=False, separators=(",", ":")), name


def test_geojson_structure(files):
    reg = sample_registry()
    fc = json.loads(files["donnees/entreprises.geojson"])
    assert fc["type"] == "FeatureCollection"
    with_coords = [e for e in reg.enterprises if e.latitude is not None and e.longitude is not None]
    assert len(fc["features"]) == len(with_coords) == 3
    for feature, e in zip(fc["features"], with_coords):
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (e.longitude, e.latitude)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(feature["properties"], dict) and feature["properties"]["id"] == e.id


def test_datapackage_validates_with_frictionless(tmp_path, files):
    frictionless = pytest.importorskip("frictionless")
    for path, content in files.items():
        if path.startswith("donnees/"):
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    report = frictionless.validate(str(tmp_path / "donnees" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads(files["donnees/datapackage.json"])
    names = {r["name"] for r in package["resources"]}
    assert {t.name for t in TABLES} <= names
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_schemas_are_copied(files):
    copied = {p.rsplit("/", 1)[1] for p in files if p.startswith("donnees/schemas/")}
    assert {"entreprise.schema.json", "declaration.schema.json", "evenement.schema.json"} <= copied
    for name in copied:
        json.loads(files[f"donnees/schemas/{name}"])


def test_builds_are_byte_identical():
    first, second = _files(ctx()), _files(ctx())
    assert first == second


def test_demo_off_registry_marks_nothing_as_example():
    reg = sample_registry()
    real = dataclasses.replace(reg, enterprises=tuple(e for e in reg.enterprises if not e.exemple),
                               declarations=tuple(d for d in reg.declarations if not d.exemple))
    c = ctx(real, include_demo=False)
    rows = _csv(tabular.csv_bytes(TABLES[0], c))
    assert len(rows) == 3 and {r["exemple"] for r in rows} == {"false"}
    assert len(geojson.feature_collection(c)["features"]) == 2
    assert "aucune fiche fictive" in exports.components(c)["donnees-fichiers"]
    assert "aucune fiche fictive" not in exports.components(ctx())["donnees-fichiers"]


def test_donnees_page_documents_every_column(files):
    html = exports.components(ctx())["donnees-champs"]
    for table in TABLES:
        assert f"{table.name}.csv" in html
        for column in table.columns:
            assert f"<code>{column.name}</code>" in html
    assert datapackage.datapackage(ctx())["resources"][0]["schema"]["fields"][0]["name"] == "id"
