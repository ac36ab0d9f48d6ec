"""One result shape for every check: a Problem, collected and reported all at once.

A Problem is a value, never an exception: every stage (load, schema, cross-record
rules, rules file) appends to a list, and the CLI or the site adapter prints the
whole list once, sorted, in the format
``path:line:col: severity: code: field.path: message``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A problem found in a record file.

    ``line`` and ``col`` are 1-based (0 when the problem is about the whole file).
    ``key`` is the dotted field path (``offres.0.titre``), or ``-`` for the file itself.
    """

    path: str
    line: int
    col: int
    severity: str
    code: str
    key: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.code}: {self.key}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by file, then position, then code: the order a reader fixes them in."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.code, p.key, p.message))


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for p in problems:
        if p.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def summary(problems: list[Problem], files: int) -> str:
    """The French summary line that ends every report."""
    errors, warnings = count(problems)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n > 1 else ''}"

    return (
        f"{plural(files, 'fichier')} vérifié{'s' if files > 1 else ''} : "
        f"{plural(errors, 'erreur')}, {plural(warnings, 'avertissement')}"
    )


def _escape_data(s: str) -> str:
    # Same escaping as @actions/core's escapeData.
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    # Same escaping as @actions/core's escapeProperty.
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(p: Problem) -> str:
    """A GitHub Actions workflow command that annotates the file at the line."""
    kind = "error" if p.is_error else "warning"
    props = [f"file={_escape_property(p.path)}"]
    if p.line:
        props.append(f"line={p.line}")
    if p.col:
        props.append(f"col={p.col}")
    props.append(f"title={_escape_property(p.code + ' ' + p.key)}")
    return f"::{kind} {','.join(props)}::{_escape_data(p.message)}"


def format_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
