"""The one safe way to read a file under data/, and to list the record files of a folder.

Any file may come from a stranger's pull request, so a file is read only if it is a
regular file: a symbolic link is never followed (it could name ``/dev/zero``, a file
outside the repository, or itself), a folder, a named pipe (FIFO) or a device is never
opened, and no more than a fixed number of bytes is ever read. Anything else becomes a
``Problem`` at ``path:1:1``, in French, that stops the build like any error.

Records, events, the rules file, the reference data and the schemas all come through
``read_bytes``; the record folders are listed by ``entries``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import ERROR, Problem

MAX_BYTES = 256 * 1024  # a record is a few kilobytes
RECORD_SUFFIX = ".yml"
# Names that look like records but are not read as such: reported, never skipped in silence.
_LOOKALIKE_SUFFIXES = (".yml", ".yaml")

# Why: without O_NOFOLLOW a link swapped in after the check would be followed; without
# O_NONBLOCK opening a FIFO swapped in would wait forever for a writer.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _what(mode: int) -> str | None:
    """What a non-regular file is, in French (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "un dossier"
    if stat.S_ISFIFO(mode):
        return "un tube nommé (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "un périphérique"
    if stat.S_ISSOCK(mode):
        return "une prise réseau (socket)"
    return "un fichier spécial"


def _problem(display: str, code: str, message: str) -> Problem:
    return Problem(display, 1, 1, ERROR, code, "-", message)


def _link(display: str) -> Problem:
    name = os.path.basename(display) or display
    return _problem(display, "fichier-lien", f"« {name} » est un lien symbolique : le registre ne suit pas les "
                    "liens ; remplacez-le par le fichier lui-même (une copie) ou retirez-le")


def _special(display: str, what: str) -> Problem:
    name = os.path.basename(display) or display
    return _problem(display, "fichier-special", f"« {name} » est {what}, pas un fichier ordinaire : une fiche est "
                    "un simple fichier texte ; retirez-le ou renommez-le")


def too_big(display: str, limit: int = MAX_BYTES) -> Problem:
    return _problem(display, "fichier-trop-gros", f"le fichier dépasse {limit // 1024} Kio : une fiche doit rester "
                    "courte (retirez les textes trop longs ou les données en trop)")


def kind_problem(mode: int, display: str) -> Problem | None:
    """The problem with a file of this ``lstat`` mode: None for a regular file."""
    if stat.S_ISLNK(mode):
        return _link(display)
    what = _what(mode)
    return None if what is None else _special(display, what)


def read_bytes(path, display: str | None = None, limit: int = MAX_BYTES) -> tuple[bytes | None, Problem | None]:
    """(content, None) for a regular file of at most ``limit`` bytes, else (None, the problem)."""
    display = display or str(path)
    try:
        # Why: lstat first, so a link, a FIFO or a device is never even opened.
        problem = kind_problem(os.lstat(path).st_mode, display)
        if problem is not None:
            return None, problem
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == getattr(os, "ELOOP", None):  # became a link between lstat and open
            return None, _link(display)
        return None, Problem(display, 0, 0, ERROR, "fichier-illisible", "-",
                             f"impossible de lire le fichier ({exc.strerror or 'erreur de lecture'})")
    with os.fdopen(fd, "rb") as handle:
        # The file opened may not be the one examined (replaced meanwhile): check it again.
        size = os.fstat(fd)
        what = _what(size.st_mode)
        if what is not None:
            return None, _special(display, what)
        # Why: read(n) sets n bytes aside first; asking for the file's own size (bounded) is
        # much cheaper, and a file that grew meanwhile is read on up to the same limit.
        wanted = min(size.st_size, limit) + 1
        content = handle.read(wanted)
        if len(content) == wanted and wanted <= limit:
            content += handle.read(limit + 1 - wanted)
    if len(content) > limit:
        return None, too_big(display, limit)
    return content, None


class UnsafeFile(OSError):
    """A project file (reference data, schema) that ``read_bytes`` refused; its text is the problem."""


def read_trusted(path, display: str | None = None, limit: int = 4 * MAX_BYTES) -> bytes:
    """``read_bytes`` for the project's own files, where a refusal is raised (an ``OSError``)."""
    content, problem = read_bytes(path, display, limit)
    if problem is not None:
        raise UnsafeFile(problem.format())
    return content


def is_record_name(name: str) -> bool:
    """Whether a file name is, or looks like, a record's (``x.yml``, ``X.YML``, ``x.yaml``)."""
    i = name.rfind(".")
    return 0 < i < len(name) - 1 and name[i:].lower() in _LOOKALIKE_SUFFIXES


def suffix_problem(display: str) -> Problem | None:
    """A record whose name does not end in ``.yml`` is refused: the site would not read it."""
    name = os.path.basename(display)
    if name.endswith(RECORD_SUFFIX):
        return None
    stem, dot, suffix = name.rpartition(".")
    stem = stem if dot else name
    return _problem(display, "extension-invalide", f"l'extension « .{suffix} » n'est pas lue par le registre : "
                    f"renommez le fichier « {stem}{RECORD_SUFFIX} » (extension .yml, en minuscules)"
                    if dot else f"le fichier n'a pas d'extension : renommez-le « {name}{RECORD_SUFFIX} »")


def entries(folder: Path) -> list[Path]:
    """The entries of ``folder`` named like records, in name order, whatever they are.

    Links, folders and special files are listed too, so that reading them reports them.
    A folder that is itself a link is not followed: it is listed alone, to be reported.
    """
    try:
        if stat.S_ISLNK(os.lstat(folder).st_mode):
            return [Path(folder)]
        with os.scandir(folder) as found:
            names = sorted(e.name for e in found if is_record_name(e.name))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [Path(folder) / name for name in names]


PROJECT_FOLDERS = (("data", "reference"), ("data", "schemas"))


def project_problems(root: Path) -> list[Problem]:
    """Links and special files among the project's own files (reference data, schemas).

    Those files are read whole, and the schemas are published: each one must be a regular file
    too. Checked before anything reads them, so the build and the validator report the same
    problem instead of stopping on it.
    """
    found = []
    for parts in PROJECT_FOLDERS:
        folder = Path(root).joinpath(*parts)
        try:
            names = [folder] if os.path.islink(folder) else [folder / n for n in sorted(os.listdir(folder))]
        except OSError:
            continue  # absent: the reader says so when the file is needed
        for path in names:
            problem = kind_problem(os.lstat(path).st_mode, Path(path).relative_to(root).as_posix())
            if problem is not None:
                found.append(problem)
    return found
