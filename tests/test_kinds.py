"""The field tables (scripts/jachete/kinds/<kind>.yml) against the schemas and every stage.

A schema property must be in the field table or listed in its ``left_out``; every exported
field of a full record must reach the model, the JSON and the CSV exports; every field the
table asks in the form must be in the issue form and in ``from_issue``'s key order.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import REPO, make_root
from jachete import registry
from jachete.exports import tabular
from jachete.from_issue import ORDER
from jachete.issue_forms import FORMS, load_vocabularies, render_form
from jachete.kinds.catalogue import KINDS as CATALOGUE
from jachete.kinds.fields import CSV_TYPES, field_table
from jachete.loader import parse
from jachete.site import Context, Settings

# kind -> (folder, the fullest demo record, its issue form)
KINDS = {
    "enterprise": ("enterprises", "imprimerie-cooperative-du-faubourg", "entreprise"),
    "declaration": ("declarations", "ville-de-port-aurore", "declaration"),
}
# Values the fullest demo records lack (a solidarity cooperative designated by the minister).
FILLED = {"enterprise": {"cooperative": {"type": "solidarite", "sans_ristourne": True,
                                         "designee_par_ministre": True}}, "declaration": {}}
# A value of each field type, for a field no demo record fills.
SAMPLES = {"string": "Valeur d'essai", "url": "https://exemple.org/essai/", "email": "essai@exemple.org",
           "date": "2026-01-02", "boolean": True, "number": 12.5, "integer": 7, "list": ["essai"],
           "object": {"acheteurs": ["Organisme d'essai"], "ids": ["OP-1"]}}  # the one object field: seao


def _schema(kind: str) -> dict:
    return json.loads((REPO / "data" / "schemas" / field_table(kind).schema).read_text(encoding="utf-8"))


def _sub_properties(prop: dict) -> dict:
    """The properties of a block, or of the items of a list of blocks."""
    return prop.get("properties") or (prop.get("items") or {}).get("properties") or {}


# Every kind with a field table (events have one, but no CSV/JSON export nor issue form).
TABLES = [k.fields for k in CATALOGUE.values() if k.fields]


def test_every_record_kind_has_a_field_table():
    assert set(TABLES) == {"enterprise", "declaration", "event"}


@pytest.mark.parametrize("kind", TABLES)
def test_every_schema_property_is_in_the_field_table_or_left_out(kind):
    table, schema = field_table(kind), _schema(kind)
    keys = {f.key for f in table.stored()}
    tops = {f.top for f in table.stored()}
    missing = [name for name in schema["properties"] if name not in tops and name not in table.left_out]
    assert not missing, f"kinds/{kind}.yml: add these schema properties, or list them under left_out: {missing}"
    # A block described field by field is described whole.
    for name, prop in schema["properties"].items():
        if any(k.startswith(name + ".") for k in keys):
            inner = [f"{name}.{sub}" for sub in _sub_properties(prop) if f"{name}.{sub}" not in keys]
            assert not inner, f"kinds/{kind}.yml: add {inner}"
    # And nothing in the table that the schema does not have.
    stale = [k for k in keys if k.split(".")[0] not in schema["properties"]
             or ("." in k and k.split(".")[1] not in _sub_properties(schema["properties"][k.split(".")[0]]))]
    assert not stale and not set(table.left_out) & tops, (stale, set(table.left_out) & tops)
    assert not set(table.left_out) - set(schema["properties"])


def _full_record(kind: str) -> dict:
    """The fullest demo record, with a sample value in every stored field it leaves empty."""
    folder, stem, _ = KINDS[kind]
    record = parse("x.yml", (REPO / "data" / folder / f"{stem}.yml").read_bytes()).data | FILLED[kind]
    for f in field_table(kind).stored():
        if "." not in f.key and f.key not in record:
            record[f.key] = SAMPLES[f.type]
    return record


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def _at(data, key: str) -> list:
    """The values at a dotted key; a list on the way gives one value per item."""
    values = [data]
    for part in key.split("."):
        found = []
        for v in values:
            items = v if isinstance(v, list) else [v]
            found += [i[part] for i in items if isinstance(i, dict) and part in i]
        values = found
    return values


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return str(a).strip() == str(b).strip()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The JSON and CSV exports of a registry holding one full record of each kind."""
    root = make_root(tmp_path_factory.mktemp("kinds"))
    records = {}
    for kind, (folder, stem, _) in KINDS.items():
        records[kind] = _full_record(kind)
        text = f"# yaml-language-server: $schema=../schemas/{field_table(kind).schema}\n"
        text += json.dumps(records[kind], ensure_ascii=False)  # JSON is YAML
        (root / "data" / folder / f"{stem}.yml").write_text(text, encoding="utf-8")
    reg, problems, _ = registry.load(root)
    assert reg is not None, [p.format() for p in problems if p.is_error]
    files = {o.path: o.content.decode("utf-8") for o in tabular.outputs(Context(reg, Settings()))}
    return records, files


@pytest.mark.parametrize("kind", KINDS)
def test_every_exported_field_reaches_the_model_and_the_json_and_csv_exports(kind, exported):
    records, files = exported
    record = records[kind]
    name = "entreprises" if kind == "enterprise" else "declarations"
    (json_record,) = [r for r in json.loads(files[f"donnees/{name}.json"]) if r["id"] == record["id"]]
    cells, columns = set(), set()
    for path, text in files.items():
        if path.startswith(f"donnees/{name}") and path.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(text)))
            columns |= set(rows[0])
            for row in rows[1:]:
                for cell in row:
                    cells |= {cell, *cell.split(" | "), *(p for c in cell.split(" | ") for p in c.split(";"))}
    for f in field_table(kind).stored():
        if not f.export:
            continue
        given, published = _at(record, f.key), _at(json_record, f.key)
        assert given, f"{f.key}: the full record has no value"
        # The JSON export is built from the model: a field that reaches it reached the model.
        assert _same(given, published), f"{f.key}: {given!r} in the record, {published!r} in the JSON export"
        for value in _leaves(given) if f.csv else ():
            if isinstance(value, bool):  # a yes/no: its column, named after the field
                assert any(c.endswith(f.key.split(".")[-1]) for c in columns), f"{f.key}: no CSV column"
                continue
            shown = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
            assert shown in cells, f"{f.key}: {shown!r} is in no cell of the CSV exports"


@pytest.mark.parametrize("kind", KINDS)
def test_every_form_field_of_the_table_is_in_the_issue_form_and_the_issue_order(kind):
    form = FORMS[KINDS[kind][2]]
    rendered = render_form(form, load_vocabularies(REPO))
    order = ORDER[form.kind]
    for f in field_table(kind).fields:
        if f.form is not None:
            assert f"label: {f.label}" in rendered or f"label: '{f.label}'" in rendered, f.key
        if f.record and f.from_issue:
            assert f.top in order, f"{f.key}: not in from_issue.ORDER"
    assert all(t in CSV_TYPES for t in (f.type for f in field_table(kind).fields))


@pytest.mark.parametrize("kind", list(CATALOGUE.values()), ids=list(CATALOGUE))
def test_each_kind_description_names_what_exists(kind):
    """A ``Kind`` names its folder, schema, templates, issue form and field table: each must exist."""
    assert (REPO / kind.folder_path).is_dir()
    assert (REPO / "data" / "schemas" / kind.schema).is_file()
    for template in kind.pages:
        assert (REPO / "scripts" / "jachete" / "templates" / template).is_file(), template
    if kind.form:
        assert (REPO / ".github" / "ISSUE_TEMPLATE" / kind.form).is_file()
    if kind.fields:
        table = field_table(kind.fields)
        assert table.schema == kind.schema
        tops = {f.top for f in table.stored()} | {f.key for f in table.stored()}
        assert set(kind.search) <= tops, set(kind.search) - tops


def test_record_pages_and_exports_sit_at_the_kinds_address(exported):
    """The pages, the JSON export's ``url`` and the calendars are planned at the ``Kind``'s address."""
    from jachete import features
    from jachete.kinds.catalogue import DECLARATION, ENTERPRISE, EVENT

    reg, _, _ = registry.load(REPO)
    settings = Settings(site_url="https://registre.example.org/", root=REPO)
    plan = features.plan(Context(reg, settings))
    pages = {p.src_uri for p in plan.pages}
    for kind, records in ((ENTERPRISE, reg.enterprises), (DECLARATION, reg.declarations)):
        assert kind.page_path("x") == kind.page_dir + "x/"
        assert {f"{kind.page_dir}{r.id}.md" for r in records} <= pages, kind.name
        assert f"{kind.page_dir}index.md" in pages
    records, files = exported
    for kind, name in ((ENTERPRISE, "entreprises"), (DECLARATION, "declarations")):
        (published,) = json.loads(files[f"donnees/{name}.json"])
        assert published["url"].endswith("/" + kind.page_path(published["id"]))
    outputs = {o.path for o in plan.outputs}
    assert {f"{EVENT.page_dir}{e.id}.ics" for e in reg.events} <= outputs
    assert f"{EVENT.page_dir}evenements.ics" in outputs


@pytest.mark.parametrize("kind, table", [("enterprise", "entreprises"), ("declaration", "declarations")])
def test_the_csv_column_of_each_exported_field_is_described_by_the_field_table(kind, table):
    """Name, type and description of a field's CSV column (and of datapackage.json) come from kinds/<kind>.yml."""
    from jachete.exports.tables import TABLES

    (columns,) = [t.columns for t in TABLES if t.name == table]
    by_name = {c.name: c for c in columns}
    for f in field_table(kind).stored():
        if not (f.export and f.csv) or f.type == "object":
            continue
        column = by_name.get(f.key.replace(".", "_"))
        if column is None:  # a block exported in its own table (offres, cibles, suivis) or as coordinates
            continue
        assert (column.type, column.description) == (CSV_TYPES[f.type], f.column_description), f.key
