"""Regions, MRCs and municipalities for synthetic records.

Regions and MRCs come from the repository's own reference data
(data/reference/regions.yml, mrc.yml) so that generated records always agree
with the validator. Municipalities are invented, seeded by their MRC: a town
named after the MRC and a dozen villages with names of the usual Quebec shapes
(accents, hyphens, apostrophes), each with a fictional geographic code.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

# Rough centre of each region's populated area (latitude, longitude, spread in degrees).
CENTRES = {
    "01": (48.45, -68.52, 0.5), "02": (48.42, -71.07, 0.4), "03": (46.81, -71.22, 0.2),
    "04": (46.35, -72.55, 0.3), "05": (45.40, -71.90, 0.3), "06": (45.51, -73.60, 0.06),
    "07": (45.48, -75.70, 0.3), "08": (48.24, -79.02, 0.4), "09": (50.21, -66.38, 0.5),
    "10": (49.91, -74.37, 0.5), "11": (48.83, -64.48, 0.4), "12": (46.50, -70.90, 0.4),
    "13": (45.57, -73.72, 0.04), "14": (46.02, -73.44, 0.3), "15": (45.95, -74.10, 0.3),
    "16": (45.40, -73.30, 0.3), "17": (46.05, -72.40, 0.3),
}
# First letter of postal codes by region (G east, H Montréal/Laval, J west and south).
POSTAL_LETTER = {"06": "H", "13": "H", "05": "J", "07": "J", "08": "J", "14": "J", "15": "J", "16": "J"}
AREA_CODES = {"06": ["514", "438"], "13": ["450", "579"], "03": ["418", "581"], "12": ["418", "581"],
              "01": ["418"], "02": ["418"], "09": ["418"], "11": ["418"], "04": ["819", "873"],
              "05": ["819", "873"], "07": ["819", "873"], "08": ["819"], "10": ["819"], "17": ["819"],
              "14": ["450", "579"], "15": ["450", "579"], "16": ["450", "579"]}


@dataclass(frozen=True)
class Municipality:
    code_geo: str
    nom: str
    designation: str
    region: str
    mrc: str
    population: int


@dataclass(frozen=True)
class Geo:
    regions: dict[str, str]  # code -> name
    mrcs: dict[str, tuple[str, str]]  # code -> (name, region)
    municipalities: dict[str, list[Municipality]]  # mrc code -> municipalities


def _items(doc) -> list[dict]:
    """Reference files may be a list, or a mapping holding one list."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for value in doc.values():
            if isinstance(value, list):
                return value
    return []


def _from_repo(root: Path) -> tuple[dict, dict] | None:
    ref = root / "data" / "reference"
    try:
        regions_doc = yaml.load((ref / "regions.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        mrc_doc = yaml.load((ref / "mrc.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    regions = {str(r["code"]): str(r["nom"]) for r in _items(regions_doc) if "code" in r}
    mrcs = {str(m["code"]): (str(m["nom"]), str(m["region"])) for m in _items(mrc_doc) if "code" in m}
    return (regions, mrcs) if regions and mrcs else None


# Pieces of invented place names: Quebec's usual shapes, none meant to be a real municipality.
PREFIXES = ["Saint-", "Sainte-", "Notre-Dame-de-", "Lac-", "Rivière-", "Mont-", "L'Anse-", "Val-",
            "Pointe-", "Grand-", "Petit-", "Cap-", "Sault-", "Chute-"]
BASES = ["Éloi", "Anselme", "Marthe", "Rosaire", "Ours", "Sauveur", "Bruno", "Isidore", "Hélène",
         "Pacôme", "Ulric", "Zénon", "Agathe", "Clothilde", "Onésime", "Épiphane", "Léandre", "Aurèle",
         "Gédéon", "Philomène", "Cœur-Vaillant", "Bois-Francs", "Érables", "Outardes", "Castors"]
DESIGNATIONS = ["Municipalité", "Municipalité", "Municipalité", "Paroisse", "Village", "Canton", "Ville"]


def _municipalities(mrcs: dict[str, tuple[str, str]]) -> dict[str, list[Municipality]]:
    """Invented municipalities per MRC, the same for the same reference data (seeded by MRC code)."""
    by_mrc: dict[str, list[Municipality]] = {}
    taken: set[str] = set()
    code = 90000
    for mrc in sorted(mrcs):
        name, region = mrcs[mrc]
        rng = random.Random(f"municipalites-{mrc}")
        code += 1
        places = [Municipality(str(code), name, "Ville", region, mrc, rng.randrange(15_000, 90_000))]
        taken.add(name)
        for _ in range(rng.randrange(6, 15)):
            nom = rng.choice(PREFIXES) + rng.choice(BASES)
            if nom in taken:
                nom = f"{nom}-de-{name.split()[-1]}"
            if nom in taken:
                continue
            taken.add(nom)
            code += 1
            population = int(rng.lognormvariate(7.3, 1.0)) + 80
            places.append(Municipality(str(code), nom, rng.choice(DESIGNATIONS), region, mrc, population))
        by_mrc[mrc] = places
    return by_mrc


def load_geo(root: Path) -> Geo:
    found = _from_repo(root)
    if not found:
        raise FileNotFoundError(f"{root / 'data' / 'reference'} : regions.yml et mrc.yml sont nécessaires")
    regions, mrcs = found
    return Geo(regions, mrcs, _municipalities(mrcs))
