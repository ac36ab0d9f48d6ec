"""The field tables (``kinds/<kind>.yml``): each record field described once, as data.

The CSV and JSON exports, the datapackage schema, the issue forms, ``from_issue``'s key order,
the model's ``champs`` and the web-address checks read these tables; ``tests/test_kinds.py``
checks them against the schemas, so a field cannot be added to one stage and forgotten in another.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import cache
from importlib.resources import files as package_files
from types import MappingProxyType

import yaml

# Field type -> Frictionless type of its CSV column.
CSV_TYPES = {"string": "string", "url": "string", "email": "string", "date": "date", "boolean": "boolean",
             "number": "number", "integer": "integer", "list": "string", "object": "string"}


@dataclass(frozen=True)
class Field:
    """One form field.

    ``key`` is the dotted record path it fills (``organisme.nom``), or a pseudo key for
    fields that are not stored (``attestation``). ``kind`` is one of: input, textarea,
    dropdown, multi (multi-select dropdown), yesno (Oui/Non dropdown), checkbox.
    """

    key: str
    label: str
    kind: str
    required: bool
    help: str
    vocabulary: str | None = None
    placeholder: str = ""


@dataclass(frozen=True)
class FieldSpec:
    key: str  # YAML key, dotted inside a block (``cooperative.type``)
    type: str  # one of CSV_TYPES
    label: str  # French
    export: bool = False  # in the JSON export and, unless ``csv`` is false, the CSV export
    csv: bool = True  # False: in the JSON export only (a long text)
    form: Field | None = None  # its question in the issue form
    from_issue: bool = True  # written by ``jachete from-issue``
    record: bool = True  # False: asked but never stored (a consent box)
    description: str = ""  # CSV column description (default: the label)

    @property
    def top(self) -> str:
        """The top-level key the field lives under."""
        return self.key.split(".", 1)[0]

    @property
    def column_description(self) -> str:
        return self.description or f"{self.label}."


@dataclass(frozen=True)
class FieldTable:
    schema: str  # file name under data/schemas/
    fields: tuple[FieldSpec, ...]
    left_out: MappingProxyType  # schema property -> why it is not in the table

    def stored(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.record)

    def order(self) -> list[str]:
        """Top-level keys in record order, as ``from_issue`` writes them."""
        return list(dict.fromkeys(f.top for f in self.stored() if f.from_issue))

    def extra(self, model: type) -> tuple[FieldSpec, ...]:
        """Stored top-level fields the model class (a dataclass) does not name: they go to its ``champs``."""
        named = _names(model)
        return tuple(f for f in self.stored() if "." not in f.key and f.key not in named)


@cache
def _names(model: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclass_fields(model))


def _field(raw: dict) -> FieldSpec:
    form = dict(raw.get("form") or {})
    question = Field(raw["key"], raw["label"], form.pop("widget"), **form) if form else None
    return FieldSpec(
        key=raw["key"], type=raw["type"], label=raw["label"], export=bool(raw.get("export", False)),
        csv=bool(raw.get("csv", True)), form=question,
        from_issue=bool(raw.get("from_issue", True)), record=bool(raw.get("record", True)),
        description=raw.get("description", ""),
    )


@cache
def field_table(kind: str) -> FieldTable:
    """The field table of ``kind`` (``enterprise``, ``declaration``), read once from the package."""
    raw = yaml.safe_load(package_files("jachete.kinds").joinpath(f"{kind}.yml").read_text(encoding="utf-8"))
    unknown = {f["type"] for f in raw["fields"]} - set(CSV_TYPES)
    if unknown:
        raise ValueError(f"kinds/{kind}.yml: unknown field types {sorted(unknown)}")
    return FieldTable(raw["schema"], tuple(_field(f) for f in raw["fields"]),
                      MappingProxyType(dict(raw.get("left_out") or {})))
