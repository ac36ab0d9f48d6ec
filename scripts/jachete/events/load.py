"""Load and validate data/events/<id>.yml: same reader, schema translation and Problem
format as the enterprises and declarations (jachete.loader, jachete.schema)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .. import schema as record_schema
from ..checks import text_rules
from ..codes import severity
from ..files import entries, is_record_name
from ..loader import read
from ..problems import ERROR, Problem, sort_problems
from ..url_rules import record_url_problems
from .model import Event

FOLDER = ("data", "events")
SCHEMA = ("data", "schemas", "evenement.schema.json")
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/evenement.schema.json"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _check_file(root: Path, path: Path) -> tuple[Event | None, list[Problem]]:
    display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    doc = read(path, display)  # the records' reader: a regular file, bounded, never through a link
    problems = list(doc.problems)
    if doc.data is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, problems + [doc.problem("fiche-non-bloc", (), "la fiche doit être un bloc de champs "
                                             "« champ: valeur », pas une liste ni une valeur seule")]
    if doc.first_line.strip() != SCHEMA_LINE:
        problems.append(doc.problem("ligne-schema-manquante", (), f"première ligne attendue : « {SCHEMA_LINE} »",
                                    severity("ligne-schema-manquante")))
    schema_file = root.resolve().joinpath(*SCHEMA)
    validator = record_schema.compiled(str(schema_file))  # the one compile-once cache of every schema
    found = record_schema.validate(doc, validator)
    problems += found + record_url_problems(doc, "event", found)
    problems += text_rules(doc, validator.schema)  # the same text checks as the other records
    data = doc.data
    if isinstance(data.get("id"), str) and data["id"] != path.stem:
        problems.append(doc.problem("id-nom-fichier", ("id",), f"l'identifiant « {data['id']} » doit être "
                                    f"identique au nom du fichier « {path.stem} »"))
    if any(p.is_error for p in problems):
        return None, problems
    debut, fin = _date(data["debut"]), _date(data.get("fin"))
    if fin is not None and fin < debut:
        problems.append(doc.problem("dates-inversees", ("fin",), f"la date de fin ({fin.isoformat()}) précède "
                                    f"la date de début ({debut.isoformat()}) : corrigez l'une des deux"))
        return None, problems
    return build_event(data, display), problems


def build_event(data: dict, source_path: str) -> Event:
    """The model of a validated event record."""
    debut, fin = _date(data["debut"]), _date(data.get("fin"))
    return Event(
        id=data["id"], titre=data["titre"], type=data["type"], debut=debut, fin=fin or debut,
        organisateur=data["organisateur"], description=data["description"], source_path=source_path,
        horaire=data.get("horaire"), en_ligne=bool(data.get("en_ligne", False)), lieu=data.get("lieu"),
        municipalite=data.get("municipalite"), region=data.get("region"), url=data.get("url"),
        mise_a_jour=_date(data.get("mise_a_jour")), exemple=bool(data.get("exemple", False)),
    )


def load_events(root: Path | str, include_demo: bool = True) -> tuple[list[Event], list[Problem], int]:
    """(valid events sorted by start date then id, problems, files checked).

    Demo events (``exemple: true``) are validated but left out when ``include_demo`` is False.
    """
    root = Path(root)
    folder = root.joinpath(*FOLDER)
    paths = entries(folder)  # every entry named like a record: links and folders are reported
    events: list[Event] = []
    problems: list[Problem] = []
    schema_file = root.joinpath(*SCHEMA)
    if paths and not schema_file.is_file():
        missing = Problem(schema_file.relative_to(root).as_posix(), 0, 0, ERROR, "fichier-illisible", "-",
                          "schéma des événements introuvable : impossible de vérifier data/events/")
        return [], [missing], len(paths)
    for path in paths:
        event, found = _check_file(root, path)
        problems += found
        if event is not None and (include_demo or not event.exemple):
            events.append(event)
    events.sort(key=lambda e: (e.debut, e.id))
    return events, sort_problems(problems), len(paths)


def validate_events(root: Path | str) -> list[Problem]:
    """Every problem of data/events/, for the validator (``jachete validate``)."""
    return load_events(root)[1]



def _among(path: Path, names: set[str], chosen: set[Path]) -> bool:
    """Whether ``path`` is one of ``chosen`` (named ``names``; folders resolved, never the file:
    a link is not followed), resolving its folder only if it may."""
    return path.name in names and path.parent.resolve() / path.name in chosen


def with_events(files: list, problems: list[Problem], root: Path | str, paths) -> tuple[list, list[Problem]]:
    """For ``jachete validate``: add data/events/ when no path is given, when a path given is a
    folder that holds data/events/, or for the event files named."""
    root = Path(root).resolve()
    folder = root.joinpath(*FOLDER)
    if not os.path.lexists(folder):
        return files, problems
    named = [Path(p).parent.resolve() / Path(p).name for p in paths]
    whole = not named or any(p == folder or p in folder.parents for p in named)
    chosen = entries(folder) if whole else [p for p in named if p.parent == folder and is_record_name(p.name)]
    if not chosen:
        return files, problems
    wanted = {p.relative_to(root).as_posix() for p in chosen}
    found = [p for p in load_events(root)[1] if p.path in wanted]
    # Why: an event file named on the command line is not a record kind the records' checker knows.
    chosen_set = set(chosen)
    # Only a file named like an event file can be one: the others need no resolving.
    names = {p.name for p in chosen}
    files = [f for f in files if not _among(f if isinstance(f, Path) else Path(f), names, chosen_set)]
    problems = [p for p in problems if not (p.code == "fichier-non-reconnu" and p.path.endswith(
        tuple("/" + w for w in wanted) + tuple(wanted)))]
    return files + chosen, sort_problems(problems + found)
