"""Reference data (data/reference/*.yml) as typed model objects.

These files are maintained by the project, not by contributors, so a malformed
reference file is a bug: it raises ``ReferenceError`` with the file name rather than
becoming a contributor-facing problem.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

from .files import read_trusted
from .model import BigCity, Mrc, Reference, Region, Term

FILES = {
    "regions": "regions.yml",
    "mrcs": "mrc.yml",
    "secteurs": "secteurs.yml",
    "formes_juridiques": "formes-juridiques.yml",
    "types_cooperatives": "types-cooperatives.yml",
    "types_organismes": "types-organismes.yml",
    "grandes_villes": "grandes-villes.yml",
}


class ReferenceDataError(Exception):
    """A reference file is missing or malformed."""


def _values(directory: Path, name: str) -> list[dict]:
    path = directory / name
    try:
        data = yaml.safe_load(read_trusted(path).decode("utf-8"))  # a regular file, bounded, never a link
        values = data["valeurs"]
        if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
            raise TypeError("valeurs must be a list of mappings")
        return values
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ReferenceDataError(f"{path}: {exc}") from exc


def _terms(values: list[dict]) -> dict[str, Term]:
    terms = {}
    for v in values:
        extra = {k: val for k, val in v.items() if k not in ("id", "label", "description")}
        terms[str(v["id"])] = Term(str(v["id"]), str(v["label"]), str(v.get("description", "")).strip(), extra)
    return terms


def load_reference(root: Path | str) -> Reference:
    """Load data/reference/ under the repository root ``root``."""
    root = Path(root).resolve()
    directory = root / "data" / "reference"
    # Why: the cache must not outlive an edit (``mkdocs serve`` keeps the process running).
    stamps = tuple(os.lstat(directory / name).st_mtime_ns if os.path.lexists(directory / name) else 0
                   for name in FILES.values())
    return _load(str(root), stamps)


@lru_cache(maxsize=8)
def _load(root: str, stamps: tuple) -> Reference:
    directory = Path(root) / "data" / "reference"
    try:
        regions = {
            str(v["code"]): Region(str(v["code"]), str(v["nom"]), str(v["slug"]), v.get("population"))
            for v in _values(directory, FILES["regions"])
        }
        mrcs = {
            str(v["code"]): Mrc(str(v["code"]), str(v["nom"]), str(v["region"]), str(v["type"]))
            for v in _values(directory, FILES["mrcs"])
        }
        villes = [
            BigCity(int(v["rang"]), str(v["code_geo"]), str(v["nom"]), str(v["region"]), int(v["population"]),
                    str(v["source"]), str(v["date"]))
            for v in _values(directory, FILES["grandes_villes"])
        ]
        return Reference(
            regions=regions,
            mrcs=mrcs,
            secteurs=_terms(_values(directory, FILES["secteurs"])),
            formes_juridiques=_terms(_values(directory, FILES["formes_juridiques"])),
            types_cooperatives=_terms(_values(directory, FILES["types_cooperatives"])),
            types_organismes=_terms(_values(directory, FILES["types_organismes"])),
            grandes_villes=sorted(villes, key=lambda c: c.rang),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ReferenceDataError(f"{directory}: champ manquant ou invalide ({exc})") from exc
