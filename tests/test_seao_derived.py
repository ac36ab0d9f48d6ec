"""data/seao/ read back for the site: every broken derived file is reported in the validator's
format, stops the registry load like a broken record, and shows in ``jachete validate``."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pytest

from conftest import REPO
from jachete.seao import derived

CONTRACTS = "data/seao/contrats-2026.csv"
BODIES = "data/seao/organismes-2026.csv"
OCCASIONS = "data/seao/occasions.csv"
SOURCE = "data/seao/source.yml"


def _lines(path) -> list[str]:
    return path.read_text("utf-8").split("\n")


def _set_cell(root, name: str, line: int, column: str, value: str) -> None:
    """Replace one cell of a committed demo file (files without quoted cells)."""
    path = root / name
    lines = _lines(path)
    header = lines[0].split(",")
    cells = lines[line - 1].split(",")
    assert len(cells) == len(header), "the demo row chosen must have no quoted cell"
    cells[header.index(column)] = value
    lines[line - 1] = ",".join(cells)
    path.write_text("\n".join(lines), "utf-8")


@pytest.fixture
def seao_root(tmp_path):
    shutil.copytree(REPO / "data" / "seao", tmp_path / "data" / "seao")
    return tmp_path


def _first_plain_line(path) -> int:
    return next(i for i, line in enumerate(_lines(path), 1) if i > 1 and '"' not in line and line)


def test_the_committed_demo_files_load_whole(seao_root):
    data, problems = derived.load(seao_root)
    assert problems == []
    for name, rows in ((CONTRACTS, data.contracts), (BODIES, data.bodies), (OCCASIONS, data.occasions)):
        with open(seao_root / name, encoding="utf-8", newline="") as f:
            assert len(rows) == sum(1 for _ in csv.reader(f)) - 1, name
    assert data.source.exemple is True
    assert str(data.source.date_extraction) == "2026-12-06"


def test_no_folder_means_no_seao_and_no_problem(tmp_path):
    assert derived.load(tmp_path) == (None, [])


# (file, column, bad value, expected message after "path:line:col: error: ")
CELL_CASES = [
    (CONTRACTS, "date", "2026-02-30", "seao-valeur-invalide: date: date invalide : « 2026-02-30 » (attendu AAAA-MM-JJ)"),
    (CONTRACTS, "neq", "11825452", "seao-valeur-invalide: neq: NEQ invalide : « 11825452 » (attendu 10 chiffres)"),
    (CONTRACTS, "montant_adjuge", "1 200.50",
     ("seao-valeur-invalide: montant_adjuge: montant invalide : « 1 200.50 » (attendu un nombre positif en dollars, "
     "point décimal, sans espace ni symbole, par exemple 121200.50)")),
    (CONTRACTS, "montant_final", "-5",
     ("seao-valeur-invalide: montant_final: montant invalide : « -5 » (attendu un nombre positif en dollars, "
     "point décimal, sans espace ni symbole, par exemple 121200.50)")),
    (CONTRACTS, "municipal", "oui", "seao-valeur-invalide: municipal: valeur invalide : « oui » (attendu 1, 0 ou vide)"),
    (CONTRACTS, "entreprise", "Pas un id",
     ("seao-valeur-invalide: entreprise: identifiant invalide : « Pas un id » (attendu l'identifiant d'une fiche "
     "du registre)")),
    (CONTRACTS, "annee", "2025",
     "seao-valeur-invalide: annee: l'année 2025 ne correspond pas au nom du fichier (2026)"),
    (BODIES, "contrats", "douze",
     "seao-valeur-invalide: contrats: nombre invalide : « douze » (attendu un nombre entier positif)"),
    (OCCASIONS, "date_limite", "4 décembre",
     "seao-valeur-invalide: date_limite: date invalide : « 4 décembre » (attendu AAAA-MM-JJ)"),
    (OCCASIONS, "unspsc", "5610",
     ("seao-valeur-invalide: unspsc: codes UNSPSC invalides : « 5610 » (attendu des codes de 8 chiffres séparés par "
     "des espaces)")),
]


@pytest.mark.parametrize(("name", "column", "value", "expected"), CELL_CASES,
                         ids=[f"{c[1]}_{c[0].rsplit('/', 1)[1]}" for c in CELL_CASES])
def test_a_bad_cell_is_reported_at_its_line_and_column(seao_root, name, column, value, expected):
    line = _first_plain_line(seao_root / name)
    _set_cell(seao_root, name, line, column, value)
    raw = _lines(seao_root / name)[line - 1]
    cells = raw.split(",")
    header = _lines(seao_root / name)[0].split(",")
    col = sum(len(c) + 1 for c in cells[:header.index(column)]) + 1
    if column == "annee":  # the year is read, then compared with the file name: the row is named
        col = 1
    data, problems = derived.load(seao_root)
    assert data is None
    assert [p.format() for p in problems] == [f"{name}:{line}:{col}: error: {expected}"]


def test_wrong_columns_truncated_file_and_bad_encoding(seao_root):
    (seao_root / BODIES).write_text("declaration,annee,contrats\nx,2026,1\n", "utf-8")
    (seao_root / OCCASIONS).write_bytes(b"ocid,numero_seao\n" + b"\xff\xfe")
    contracts = _lines(seao_root / CONTRACTS)
    (seao_root / CONTRACTS).write_text("\n".join(contracts[:2] + [contracts[2][:40]]), "utf-8")
    _, problems = derived.load(seao_root)
    assert [p.format() for p in problems] == [
        f"{CONTRACTS}:3:1: error: seao-ligne: -: la ligne a {contracts[2][:40].count(',') + 1} cellules ; attendu 15",
        f"{OCCASIONS}:1:1: error: encodage-invalide: -: le fichier n'est pas encodé en UTF-8",
        (f"{BODIES}:1:1: error: seao-colonnes: -: colonnes inattendues : attendu « declaration,annee,contrats,"
        "montant_total,contrats_registre,montant_registre », trouvé « declaration,annee,contrats »"),
    ]


def test_source_file_missing_or_broken(seao_root):
    (seao_root / SOURCE).unlink()
    _, problems = derived.load(seao_root)
    assert [p.code for p in problems] == ["seao-source-manquante"]
    (seao_root / SOURCE).write_text("source: SEAO\nexemple: peut-être\ndate_extraction: 2026-13-01\n", "utf-8")
    _, problems = derived.load(seao_root)
    assert [p.format() for p in problems] == [
        f"{SOURCE}:1:1: error: champ-manquant: -: champ obligatoire manquant : « jeu_de_donnees »",
        f"{SOURCE}:1:1: error: champ-manquant: -: champ obligatoire manquant : « attribution »",
        f"{SOURCE}:1:1: error: champ-manquant: -: champ obligatoire manquant : « licence »",
        f"{SOURCE}:1:1: error: champ-manquant: -: champ obligatoire manquant : « limite »",
        f"{SOURCE}:2:10: error: type-invalide: exemple: la valeur doit être vrai ou faux (true/false)",
        f"{SOURCE}:3:18: error: date-invalide: date_extraction: date invalide : « 2026-13-01 » (attendu AAAA-MM-JJ)",
    ]


def test_a_link_in_place_of_a_derived_file_is_refused(seao_root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "x.csv"
    shutil.copy(seao_root / BODIES, outside)
    (seao_root / BODIES).unlink()
    (seao_root / BODIES).symlink_to(outside)
    _, problems = derived.load(seao_root)
    assert [(p.path, p.code) for p in problems] == [(BODIES, "fichier-lien")]


@pytest.fixture
def repo_copy(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


def test_a_broken_derived_file_stops_the_load_and_validate_reports_it(repo_copy):
    from jachete.registry import load

    line = _first_plain_line(repo_copy / CONTRACTS)
    _set_cell(repo_copy, CONTRACTS, line, "neq", "123")
    registry, problems, _ = load(repo_copy)
    assert registry is None
    assert [p.code for p in problems] == ["seao-valeur-invalide"]
    proc = subprocess.run([sys.executable, "-m", "jachete", "validate"], cwd=repo_copy, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 1
    assert f"{CONTRACTS}:{line}:" in proc.stdout and "NEQ invalide : « 123 »" in proc.stdout


def test_valid_files_are_carried_by_the_registry(repo_copy):
    from jachete.registry import load

    registry, problems, _ = load(repo_copy)
    assert registry is not None, [p.format() for p in problems]
    assert len(registry.seao.contracts) == len(_lines(repo_copy / CONTRACTS)) - 2  # header, last newline


def test_validate_on_a_named_derived_file_reports_only_its_own_problems(repo_copy):
    _set_cell(repo_copy, BODIES, 2, "contrats", "vingt")
    proc = subprocess.run([sys.executable, "-m", "jachete", "validate", BODIES], cwd=repo_copy,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[:-1] == [
        (f"{BODIES}:2:52: error: seao-valeur-invalide: contrats: nombre invalide : « vingt » "
        "(attendu un nombre entier positif)")]
    other = subprocess.run([sys.executable, "-m", "jachete", "validate", "data/enterprises"], cwd=repo_copy,
                           capture_output=True, text=True, check=False)
    assert other.returncode == 0, other.stdout


def test_a_year_of_contracts_larger_than_a_record_still_loads(seao_root):
    # A derived file holds a year of contracts (about 1 Mo at Quebec scale): the 256 Kio record limit
    # does not apply to it; each row is still checked.
    path = seao_root / CONTRACTS
    lines = _lines(path)
    body = [line for line in lines[1:] if line]
    copies = 300 * 1024 // sum(len(line) + 1 for line in body) + 1
    path.write_text("\n".join([lines[0]] + body * copies) + "\n", encoding="utf-8")
    assert path.stat().st_size > 256 * 1024
    data, problems = derived.load(seao_root)
    assert [p for p in problems if p.code == "fichier-trop-gros"] == []
    assert len(data.contracts) == len(body) * copies
