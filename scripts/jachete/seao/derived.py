"""The derived SEAO files of ``data/seao/`` read back for the site: checked, then typed.

``match`` and ``occasions`` write these files, but they are committed and may be edited (or broken)
like any record: every cell is checked here and each problem reported in the validator's format
(``path:line:col: error: code: colonne: message``), so a broken derived file stops the build like a
broken record. No ``data/seao/`` folder means no SEAO sections (nothing to report).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import loader
from ..files import read_bytes
from ..problems import ERROR, Problem
from .match import BODIES, CONTRACTS
from .occasions import COLUMNS as OCCASIONS

FOLDER = "data/seao"
_YEARLY = re.compile(r"^(contrats|organismes)-(\d{4})\.csv$")
_NEQ = re.compile(r"^\d{10}$")
_AMOUNT = re.compile(r"^\d{1,12}(\.\d{1,2})?$")  # dollars, point décimal, au plus deux décimales
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_UNSPSC = re.compile(r"^\d{8}$")
# A derived file is machine-written and holds a year of contracts: larger than a record (256 Kio).
DERIVED_MAX = 32 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    source: str
    jeu_de_donnees: str
    attribution: str
    licence: str
    limite: str
    exemple: bool
    date_extraction: dt.date
    occasions_au: dt.date | None = None


@dataclass(frozen=True)
class Contract:
    """One award of SEAO won by a registry enterprise (one row of ``contrats-AAAA.csv``)."""

    annee: int
    date: dt.date
    ocid: str
    numero_seao: str
    attribution: str
    acheteur_id: str
    acheteur: str
    municipal: bool | None
    entreprise: str
    neq: str
    fournisseur: str
    objet: str
    montant_adjuge: float | None
    montant_final: float | None
    avis: str


@dataclass(frozen=True)
class BodyYear:
    """One declaring body and year (one row of ``organismes-AAAA.csv``)."""

    declaration: str
    annee: int
    contrats: int
    montant_total: float
    contrats_registre: int
    montant_registre: float


@dataclass(frozen=True)
class Occasion:
    """One open notice matching a registry offer (one row of ``occasions.csv``)."""

    ocid: str
    numero_seao: str
    titre: str
    acheteur_id: str
    acheteur: str
    region: str
    date_limite: dt.date
    categorie: str
    categories_seao: str
    unspsc: tuple[str, ...]
    avis: str
    secteurs: tuple[str, ...]
    nombre_entreprises: int  # every matching registry enterprise
    entreprises: tuple[str, ...]  # the first of them by id (occasions.LISTED)


@dataclass(frozen=True)
class SeaoData:
    source: Source
    contracts: tuple[Contract, ...] = ()
    bodies: tuple[BodyYear, ...] = ()
    occasions: tuple[Occasion, ...] = ()


class _Bad(ValueError):
    """A cell that cannot be read; its text is the French message."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _Bad(f"date invalide : « {text} » (attendu AAAA-MM-JJ)") from None


def _year(text: str) -> int:
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise _Bad(f"année invalide : « {text} » (attendu AAAA)")
    return int(text)


def _amount(text: str) -> float:
    if not _AMOUNT.match(text):
        raise _Bad(f"montant invalide : « {text} » (attendu un nombre positif en dollars, point décimal, "
                   "sans espace ni symbole, par exemple 121200.50)")
    return float(text)


def _amount_or_none(text: str) -> float | None:
    return None if text == "" else _amount(text)


def _count(text: str) -> int:
    if not re.fullmatch(r"\d{1,9}", text):
        raise _Bad(f"nombre invalide : « {text} » (attendu un nombre entier positif)")
    return int(text)


def _neq(text: str) -> str:
    if not _NEQ.match(text):
        raise _Bad(f"NEQ invalide : « {text} » (attendu 10 chiffres)")
    return text


def _flag(text: str) -> bool | None:
    if text not in ("", "0", "1"):
        raise _Bad(f"valeur invalide : « {text} » (attendu 1, 0 ou vide)")
    return None if text == "" else text == "1"


def _slug(text: str) -> str:
    if not _SLUG.match(text):
        raise _Bad(f"identifiant invalide : « {text} » (attendu l'identifiant d'une fiche du registre)")
    return text


def _text(text: str) -> str:
    if not text.strip():
        raise _Bad("texte vide")
    return text


def _slugs(text: str) -> tuple[str, ...]:
    return tuple(_slug(t) for t in text.split())


def _codes(text: str) -> tuple[str, ...]:
    codes = tuple(text.split())
    if any(not _UNSPSC.match(c) for c in codes):
        raise _Bad(f"codes UNSPSC invalides : « {text} » (attendu des codes de 8 chiffres séparés par des espaces)")
    return codes


def _any(text: str) -> str:
    return text


# Per file kind: the columns (in order), how each cell is read, the model it becomes.
_CONTRACT_CELLS = (_year, _date, _text, _any, _any, _any, _any, _flag, _slug, _neq, _any, _any,
                   _amount_or_none, _amount_or_none, _any)
_BODY_CELLS = (_slug, _year, _count, _amount, _count, _amount)
_OCCASION_CELLS = (_text, _any, _any, _any, _any, _any, _date, _any, _any, _codes, _any, _slugs, _count, _slugs)
_KINDS = {
    "contrats": (CONTRACTS, _CONTRACT_CELLS, Contract),
    "organismes": (BODIES, _BODY_CELLS, BodyYear),
    "occasions": (OCCASIONS, _OCCASION_CELLS, Occasion),
}


def _column(raw: str, index: int) -> int:
    """Column of the ``index``-th cell on a line (1-based); exact for a line without quotes."""
    if '"' in raw:
        return 1
    return sum(len(cell) + 1 for cell in raw.split(",")[:index]) + 1


def read_csv(path: Path, display: str, kind: str, year: int | None = None) -> tuple[list, list[Problem]]:
    """(models of the valid rows, problems) of one derived CSV file; a bad row is reported, never kept."""
    header, cells, model = _KINDS[kind]
    content, problem = read_bytes(path, display, limit=DERIVED_MAX)
    if problem is not None:
        return [], [problem]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return [], [Problem(display, 1, 1, ERROR, "encodage-invalide", "-",
                            "le fichier n'est pas encodé en UTF-8")]
    lines = text.splitlines()
    rows = csv.reader(io.StringIO(text, newline=""))
    first = next(rows, None)
    if first != header:
        return [], [Problem(display, 1, 1, ERROR, "seao-colonnes", "-",
                            f"colonnes inattendues : attendu « {','.join(header)} », trouvé "
                            f"« {','.join(first or [])} »")]
    found, problems = [], []
    for row in rows:
        line = rows.line_num
        if len(row) != len(header):
            problems.append(Problem(display, line, 1, ERROR, "seao-ligne", "-",
                                    f"la ligne a {len(row)} cellules ; attendu {len(header)}"))
            continue
        values, bad = [], []
        for i, (name, read, cell) in enumerate(zip(header, cells, row, strict=True)):
            try:
                values.append(read(cell))
            except _Bad as exc:
                raw = lines[line - 1] if 0 < line <= len(lines) else ""
                bad.append(Problem(display, line, _column(raw, i), ERROR, "seao-valeur-invalide", name, str(exc)))
        if year is not None and not bad and values[header.index("annee")] != year:
            bad.append(Problem(display, line, 1, ERROR, "seao-valeur-invalide", "annee",
                               f"l'année {values[header.index('annee')]} ne correspond pas au nom du fichier ({year})"))
        if bad:
            problems += bad
        else:
            found.append(model(*values))
    return found, problems


_SOURCE_TEXTS = ("source", "jeu_de_donnees", "attribution", "licence", "limite")


def read_source(path: Path, display: str) -> tuple[Source | None, list[Problem]]:
    doc = loader.read(path, display)
    if doc.problems or doc.data is None:
        return None, list(doc.problems) or [Problem(display, 1, 1, ERROR, "champ-manquant", "-", "fichier vide")]
    data = doc.data
    if not isinstance(data, dict):
        return None, [doc.problem("fiche-non-bloc", (), "attendu un bloc de lignes « champ: valeur »")]
    problems = []
    for key in (*_SOURCE_TEXTS, "exemple", "date_extraction"):
        if key not in data:
            problems.append(doc.problem("champ-manquant", (), f"champ obligatoire manquant : « {key} »"))
    for key in _SOURCE_TEXTS:
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            problems.append(doc.problem("type-invalide", (key,), "la valeur doit être un texte non vide"))
    if "exemple" in data and not isinstance(data["exemple"], bool):
        problems.append(doc.problem("type-invalide", ("exemple",), "la valeur doit être vrai ou faux (true/false)"))
    dates = {}
    for key in ("date_extraction", "occasions_au"):
        value = data.get(key)
        if value is None:
            continue
        try:
            dates[key] = dt.date.fromisoformat(str(value))
        except ValueError:
            problems.append(doc.problem("date-invalide", (key,), f"date invalide : « {value} » (attendu AAAA-MM-JJ)"))
    if problems:
        return None, problems
    return Source(*(data[k] for k in _SOURCE_TEXTS), data["exemple"], dates["date_extraction"],
                  dates.get("occasions_au")), []


def load(root: Path | str) -> tuple[SeaoData | None, list[Problem]]:
    """The derived files under ``root``/data/seao, or (None, []) without that folder."""
    folder = Path(root) / FOLDER
    if not os.path.lexists(folder):
        return None, []
    if os.path.islink(folder) or not folder.is_dir():
        return None, [Problem(FOLDER, 0, 0, ERROR, "fichier-illisible", "-",
                              "data/seao doit être un dossier (un lien n'est jamais suivi)")]
    problems: list[Problem] = []
    source, found = None, {"contrats": [], "organismes": [], "occasions": []}
    names = sorted(os.listdir(folder))
    if "source.yml" in names:
        source, problems = read_source(folder / "source.yml", f"{FOLDER}/source.yml")
    for name in names:
        match = _YEARLY.match(name)
        kind = match[1] if match else ("occasions" if name == "occasions.csv" else None)
        if kind is None:
            continue  # source.yml, or a file the site does not use
        rows, more = read_csv(folder / name, f"{FOLDER}/{name}", kind, int(match[2]) if match else None)
        found[kind] += rows
        problems += more
    if "source.yml" not in names and any(found.values()):
        problems.append(Problem(f"{FOLDER}/source.yml", 0, 0, ERROR, "seao-source-manquante", "-",
                                "les fichiers du SEAO n'ont pas de source.yml (source, date d'extraction, "
                                "licence) : relancez « jachete seao match »"))
    if problems or source is None:
        return None, problems
    return SeaoData(source, tuple(found["contrats"]), tuple(found["organismes"]), tuple(found["occasions"])), []


def with_seao(problems: list[Problem], root: Path | str, paths) -> list[Problem]:
    """For ``jachete validate``: the problems of data/seao/ when no path is given, or when a path
    given is that folder, a file in it or a folder holding it."""
    root = Path(root).resolve()
    folder = root / FOLDER
    # Why: absolute without following links (a named link may loop); the reader reports links itself.
    named = [Path(os.path.abspath(p)) for p in paths]
    if named and not any(p == folder or p in folder.parents or folder in p.parents for p in named):
        return problems
    from ..problems import sort_problems

    found = load(root)[1]
    # A derived file named on the command line is not a record: the records' checker's word on it goes.
    problems = [p for p in problems if not (p.code in ("extension-invalide", "fichier-non-reconnu")
                                            and Path(os.path.abspath(p.path)).parent == folder)]
    files = {p.as_posix() for p in named if folder in p.parents}
    if files:
        found = [p for p in found if (root / p.path).as_posix() in files]
    return sort_problems(problems + found)


def files(root: Path | str) -> list[Path]:
    """The files of data/seao/ the site reads (for the count of files checked)."""
    folder = Path(root) / FOLDER
    if not folder.is_dir() or os.path.islink(folder):
        return []
    return [folder / n for n in sorted(os.listdir(folder))
            if n == "source.yml" or n == "occasions.csv" or _YEARLY.match(n)]
