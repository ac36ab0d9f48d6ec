"""The registry core: find record files, validate them all, build the typed model.

``load(root)`` is what the site and the exports call; ``validate_files`` is what the
CLI calls for arbitrary paths. Both report every problem at once and never raise on
bad records.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from . import files, loader
from .checks import cross_record_rules, record_rules
from .codes import severity
from .events.load import load_events
from .events.model import Event
from .kinds.catalogue import KINDS, RECORD_KINDS
from .loader import Document
from .model import (
    Reference,
    Registry,
)
from .problems import Problem, sort_problems
from .record_cache import Entry, RecordCache, file_stamp, folder_stamps
from .reference import load_reference
from .rules.validate import RULES_PATH, load_rules
from .rules.validate import freshness as rules_freshness_problems
from .schema import schema_dir, validator, validators
from .schema import validate as schema_validate
from .seao.derived import files as seao_files
from .seao.derived import load as load_seao
from .url_rules import record_url_problems

DIRS = {k.name: k.folder for k in RECORD_KINDS}  # kind -> folder under data/
_DIR_KINDS = {name: k.name for k in RECORD_KINDS for name in (k.folder, *k.aliases)}


def find_root(start: Path | None = None) -> Path | None:
    """The repository root: the nearest folder, from ``start`` up, with data/reference/."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "reference").is_dir():
            return folder
    return None


def kind_of(path: Path, first_line: str = "") -> str | None:
    """Record kind from the folder names, else from the schema line."""
    # A Path is already normalised: its folder's text names the same parts as its parent.
    kind = _folder_kind(os.path.dirname(path) if isinstance(path, Path) else str(Path(path).parent))
    if kind is not None:
        return kind
    return next((k.name for k in RECORD_KINDS if k.schema in first_line), None)


@lru_cache(maxsize=1024)
def _folder_kind(folder: str) -> str | None:
    for part in reversed(Path(folder).parts):
        if part in _DIR_KINDS:
            return _DIR_KINDS[part]
    return None


def record_files(root: Path) -> list[Path]:
    """The record files under ``root``/data, in path order.

    Every entry named like a record is listed, whatever it is (a link, a folder, ``x.yaml``):
    reading it reports it, so nothing is skipped in silence.
    """
    data = Path(root) / "data"
    if os.path.islink(data):
        return [data]
    # Why: the folders differ in one name only, so sorting folders, then names, gives the order
    # of the paths themselves, without comparing twelve thousand Path objects.
    return [path for folder in sorted(DIRS.values()) for path in files.entries(data / folder)]


def expand(paths: list[Path]) -> list[Path]:
    """Files named, plus record files found under folders named (other YAML files there are skipped).

    As in ``record_files``, an entry named like a record (or a record folder that is a link) is
    kept whatever it is, to be reported; links to folders are not followed.
    """
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            found.append(path)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            here = Path(dirpath)
            odd = [d for d in dirnames if files.is_record_name(d) or (d in _DIR_KINDS and os.path.islink(here / d))]
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in odd)
            for name in sorted(filenames + odd):
                candidate = here / name
                if kind_of(candidate) if files.is_record_name(name) else name in odd:
                    found.append(candidate)
    return sorted(dict.fromkeys(found))


def check_document(doc: Document, kind: str | None, root: Path, reference: Reference,
                   today: dt.date, stem: str | None = None, compiled: dict | None = None) -> list[Problem]:
    """All single-record problems of a parsed document (parse problems included).

    ``stem`` is the file name the id must match (default: the name of ``doc.path``).
    """
    problems = list(doc.problems)
    if doc.data is None and problems:
        return problems
    if kind is None:
        return problems + [Problem(doc.path, 1, 1, severity("fichier-non-reconnu"), "fichier-non-reconnu", "-",
                                   "type de fiche inconnu : placez le fichier dans data/enterprises/ ou "
                                   "data/declarations/, ou commencez-le par la ligne de schéma")]
    if not isinstance(doc.data, dict):
        found = "une liste" if isinstance(doc.data, list) else "une valeur seule"
        return problems + [doc.problem("fiche-non-bloc", (), f"attendu un bloc de lignes « champ: valeur » ; "
                                       f"trouvé {found}", severity("fiche-non-bloc"))]
    checker = compiled[kind] if compiled else validator(root, kind)
    found = schema_validate(doc, checker)
    problems += found
    stem = stem or os.path.basename(doc.path).rsplit(".", 1)[0]
    problems += record_rules(doc, kind, stem, reference, today, checker.schema)
    problems += record_url_problems(doc, kind, found)
    return problems


@contextmanager
def _collector_paused():
    """Pause Python's cycle collector while records are loaded.

    Why: a load makes many long-lived objects and almost no cycles; the collector would scan
    the growing heap again and again (about a tenth of a full load's time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_files(files: list[Path], root: Path, today: dt.date | None = None, display=None,
                   cache: RecordCache | None = None) -> tuple[list[tuple[Document, str | None]], list[Problem]]:
    """Parse and check files; ``display(path)`` gives the path shown in problems.

    With a ``cache`` kept from an earlier call on the same tree, an unchanged file is not
    read or checked again: its earlier document and problems are reused.
    """
    today = today or dt.date.today()
    reference = load_reference(root)
    compiled = validators(root)
    display = display or str
    if cache is not None:
        # Everything a single-record result depends on, besides the file itself.
        root_path = Path(root).resolve()
        cache.start((str(root_path), today, folder_stamps(root_path / "data" / "reference", schema_dir(root_path))))
    with _collector_paused():
        return _validate_files(files, root, today, display, cache, reference, compiled)


def _validate_files(files, root, today, display, cache, reference, compiled):
    docs: list[tuple[Document, str | None]] = []
    problems: list[Problem] = []
    for path in files:
        shown = display(path)
        if cache is None:
            entry = _check_file(path, shown, root, reference, today, compiled, None)
        else:
            key = os.path.abspath(path)
            stamp = file_stamp(key)  # before reading: a later write changes it, so the next load reads again
            entry = cache.get(key, stamp, shown)
            if entry is None:
                entry = _check_file(path, shown, root, reference, today, compiled, stamp)
                cache.put(key, entry)
        problems += entry.problems
        docs.append((entry.doc, entry.kind))
    if cache is not None:
        cache.finish()
    problems += cross_record_rules([(d, k) for d, k in docs if k and isinstance(d.data, dict)])
    return docs, sort_problems(one_line(p) for p in problems)


def _check_file(path: Path, shown: str, root: Path, reference: Reference, today: dt.date, compiled: dict,
                stamp: tuple | None) -> Entry:
    doc = loader.read(path, shown)
    kind = kind_of(path, doc.first_line)
    return Entry(stamp, shown, doc, kind, check_document(doc, kind, root, reference, today, compiled=compiled))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(p: Problem) -> Problem:
    """Keep the report one line per problem, whatever a record or a file name contains."""
    fields = (p.path, p.key, p.message)
    clean = [_CONTROL.sub(" ", f) for f in fields]
    if clean == list(fields):
        return p
    return Problem(clean[0], p.line, p.col, p.severity, p.code, clean[1], clean[2])


# --- Model building (only from records that passed validation) --------------------------------


def build(reference: Reference, docs: list[tuple[Document, str | None]], root: Path,
          include_demo: bool = True, cache: RecordCache | None = None) -> Registry:
    """The registry of valid records; with ``cache``, an unchanged record keeps its model object."""
    enterprises, declarations = [], []
    for doc, kind in docs:
        data = doc.data
        if not isinstance(data, dict) or (data.get("exemple") and not include_demo):
            continue
        maker = _MAKERS.get(kind)
        if maker is None:
            continue
        model = cache.model(doc) if cache is not None else None
        if model is None:
            model = maker(data, Path(doc.path).as_posix())
            if cache is not None:
                cache.keep_model(doc, model)
        (enterprises if kind == "enterprise" else declarations).append(model)
    return Registry(reference, tuple(sorted(enterprises, key=lambda e: e.id)),
                    tuple(sorted(declarations, key=lambda d: d.id)))


_MAKERS = {k.name: k.build for k in RECORD_KINDS}


@dataclass(frozen=True)
class Checked:
    """Every kind read from a data folder and checked, before the model is built."""

    docs: list[tuple[Document, str | None]]  # the enterprises and declarations, with their kind
    events: list[Event]  # the valid events, demo ones included
    rules: dict | None  # the rules file's data, None when absent or invalid
    problems: list[Problem]  # sorted
    files: list[Path]  # every file read: records, events, the rules file
    seao: object = None  # data/seao/ derived files (jachete.seao.derived.SeaoData), None when absent or invalid


def check_tree(root: Path, today: dt.date | None = None, display=None, cache: RecordCache | None = None,
               rules_freshness: bool = False) -> Checked:
    """Read and check every kind of ``KINDS`` under ``root``/data: what ``load`` builds the site
    from and what ``jachete validate`` reports when no path is given.

    ``display(path)`` gives the path shown in problems (default: relative to ``root``); the
    events are always shown relative to ``root``. ``rules_freshness`` adds the rules file's
    freshness warnings (the CLI's report).
    """
    prefix = len(str(root)) + 1  # files are under root: a slice is enough (and fast)
    display = display or (lambda p: str(p)[prefix:].replace(os.sep, "/"))
    paths = record_files(root)
    docs, problems = validate_files(paths, root, today, display=display, cache=cache)
    read = list(paths)
    # The procurement rules are data too: an invalid rules file stops the site like an invalid record.
    rules_file = root / RULES_PATH
    rules, rule_problems = None, []
    if os.path.lexists(rules_file):  # a link or a folder in its place is read, to be reported
        shown = display(rules_file)
        if cache is None:
            rules, rule_problems = load_rules(root, shown)
        else:  # the preview: read again only when the file changed
            rules, rule_problems = cache.derived("rules", file_stamp(rules_file), lambda: load_rules(root, shown))
        if rules_freshness and rules is not None:
            rule_problems = rule_problems + rules_freshness_problems(root, rules, today or dt.date.today(), shown)
        read.append(rules_file)
    # Why every problem of data/events/ (demo ones included): a demo event is validated like a
    # demo record even when the site leaves it out.
    events, event_problems, _ = load_events(root)
    event_folder = root / KINDS["event"].folder_path
    if os.path.lexists(event_folder):
        read += files.entries(event_folder)
    seao, seao_problems = load_seao(root)  # data/seao/: derived files, checked like records
    read += seao_files(root)
    return Checked(docs, events, rules, sort_problems(problems + event_problems + rule_problems + seao_problems),
                   read, seao)


def load(root: Path | str, include_demo: bool = True, today: dt.date | None = None,
         cache: RecordCache | None = None) -> tuple[Registry | None, list[Problem], int]:
    """Validate every record under ``root``/data and build the registry.

    Returns (registry, problems, files_checked); registry is None when any problem is
    an error. Problem paths are relative to ``root`` (``data/enterprises/x.yml``).
    Records with ``exemple: true`` are validated but left out when include_demo is False.
    ``cache`` (a ``RecordCache`` kept by the caller) spares the files unchanged since its last load.
    """
    root = Path(root).resolve()
    refused = files.project_problems(root)  # a link among the reference data or schemas: nothing is read
    if refused:
        return None, refused, 0
    checked = check_tree(root, today, cache=cache)
    records = len(checked.docs)
    if any(p.is_error for p in checked.problems):
        return None, checked.problems, records
    with _collector_paused():
        registry_obj = build(load_reference(root), checked.docs, root, include_demo, cache=cache)
    events = tuple(e for e in checked.events if include_demo or not e.exemple)
    return replace(registry_obj, events=events, regles=checked.rules, seao=checked.seao), checked.problems, records
