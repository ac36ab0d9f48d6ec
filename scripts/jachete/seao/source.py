"""``data/seao/source.yml``: what the derived files under ``data/seao/`` are, written by ``match``
and ``occasions`` — source and extraction date, packages read (name and SHA-256), licence
attribution (not confirmed for this dataset), and the 25 000 $ lower bound."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import yaml

NAME = "source.yml"
DATASET = "https://www.donneesquebec.ca/recherche/dataset/d23b2e02-085d-43e5-9e6e-e1d558ebfdd5"
_END = re.compile(r"_(\d{4})(\d{2})(\d{2})\.json$")
HEADER = ("# Fichiers dérivés des données ouvertes du SEAO, écrits par « jachete seao match » et\n"
          "# « jachete seao occasions » ; ne pas modifier à la main.\n")

DESCRIPTIONS = {
    "contrats": "contrats du SEAO attribués à des entreprises du registre (rapprochement par NEQ), "
                "une ligne par attribution et entreprise, année de la date d'attribution",
    "organismes": "par organisme déclarant (champ seao de sa déclaration) : contrats publiés au SEAO "
                  "et part attribuée à des entreprises du registre, même année",
    "occasions": "avis d'appel d'offres ouverts à la date indiquée dont un code UNSPSC correspond "
                 "à une offre d'une entreprise du registre",
}


def packages(db: sqlite3.Connection) -> list[dict]:
    return [{"nom": name, "sha256": sha} for name, sha in db.execute("SELECT name, sha256 FROM files ORDER BY name")]


def extraction_date(names: list[str]) -> str | None:
    """The last day covered by the packages read (``…_AAAAMMJJ.json``): a date from the data itself,
    so running again on the same packages writes the same file."""
    ends = [f"{m[1]}-{m[2]}-{m[3]}" for m in map(_END.search, names) if m]
    return max(ends) if ends else None


def write(out: Path, db: sqlite3.Connection, example: bool, open_on: str | None = None) -> Path:
    """(Re)write ``source.yml``; ``open_on`` is the date of ``occasions.csv`` (kept when not given)."""
    path = out / NAME
    previous = {}
    if path.exists():
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
            previous = loaded if isinstance(loaded, dict) else {}
        except yaml.YAMLError:
            previous = {}
    listed = packages(db)
    files = {}
    for csv_path in sorted(out.glob("*.csv")):
        kind = csv_path.stem.split("-")[0]
        if kind in DESCRIPTIONS:
            files[csv_path.name] = DESCRIPTIONS[kind]
    data = {
        "source": "Système électronique d'appel d'offres (SEAO), Secrétariat du Conseil du trésor, "
                  "données ouvertes publiées par Données Québec",
        "jeu_de_donnees": DATASET,
        "attribution": "Source : SEAO, Secrétariat du Conseil du trésor (Données Québec)",
        "licence": "NON CONFIRMÉE : les jeux de Données Québec sont le plus souvent sous CC BY 4.0 ; "
                   "vérifier la licence de ce jeu avant toute publication",
        "limite": "borne inférieure : les contrats de moins de 25 000 $ sont pour la plupart absents du SEAO",
        "exemple": example,
        "date_extraction": extraction_date([p["nom"] for p in listed]),
        "occasions_au": open_on or previous.get("occasions_au"),
        "fichiers": files,
        "paquets": listed,
    }
    if example:
        data["avertissement"] = ("données FICTIVES produites par « jachete seao demo » à partir de paquets "
                                 "synthétiques, pour les fiches d'exemple du registre")
    tmp = path.with_suffix(".tmp")
    tmp.write_text(HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    tmp.replace(path)
    return path
