"""What one record file gave last time, kept between two loads of the same tree.

The live preview loads the whole registry again after every edit. A ``RecordCache``
kept by the caller between calls of ``registry.load(..., cache=...)`` remembers, for
each file, its parsed document, its single-record problems and the model object built
from it, so the next load reads and checks only the files that changed; the rules
between records and the assembly of the registry still run every time.

An entry is reused only while the file has the same size, modification time, change
time and inode, and while everything a single-record result depends on is unchanged:
the day (the date rules), the reference data and the schemas (``context``).
"""

from __future__ import annotations

import os
from pathlib import Path

from .loader import Document
from .problems import Problem


def file_stamp(path) -> tuple | None:
    """What tells that a file changed; None if it cannot be examined (it is then read anew)."""
    try:
        st = os.lstat(path)  # the entry itself: a link is refused, never followed
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def folder_stamps(*folders: Path) -> tuple:
    """Stamps of every file in ``folders`` (the reference data, the schemas)."""
    out = []
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            out.append((str(folder), None))
            continue
        out += [(str(folder), name, file_stamp(os.path.join(folder, name))) for name in names]
    return tuple(out)


class Entry:
    """One file's result: its document, kind, single-record problems and, once built, its model."""

    __slots__ = ("display", "doc", "kind", "model", "problems", "stamp")

    def __init__(self, stamp: tuple, display: str, doc: Document, kind: str | None, problems: list[Problem]):
        self.stamp, self.display, self.doc, self.kind, self.problems = stamp, display, doc, kind, problems
        self.model = None


class RecordCache:
    """Per-file results for ``registry.load``; keep one between loads (``mkdocs serve`` does)."""

    def __init__(self) -> None:
        self._context: tuple | None = None
        self._entries: dict[str, Entry] = {}
        self._by_doc: dict[int, Entry] = {}
        self._seen: set[str] = set()
        self._derived: dict[str, tuple] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def start(self, context: tuple) -> None:
        """Begin a load; a different context (day, reference data, schemas) forgets every entry."""
        if context != self._context:
            self._entries.clear()
            self._context = context
        self._seen = set()

    def derived(self, name: str, stamp: tuple | None, make):
        """``make()``, made again only when ``stamp`` (of the file it reads) changed."""
        held = self._derived.get(name)
        if held is None or stamp is None or held[0] != stamp:
            held = self._derived[name] = (stamp, make())
        return held[1]

    def get(self, key: str, stamp: tuple | None, display: str) -> Entry | None:
        self._seen.add(key)
        entry = self._entries.get(key)
        if entry is None or stamp is None or entry.stamp != stamp or entry.display != display:
            return None
        return entry

    def put(self, key: str, entry: Entry) -> None:
        if entry.stamp is not None:
            self._entries[key] = entry

    def finish(self) -> None:
        """End a load: forget the files that are gone, and index the others by document."""
        for key in [k for k in self._entries if k not in self._seen]:
            del self._entries[key]
        self._by_doc = {id(e.doc): e for e in self._entries.values()}

    def _entry(self, doc: Document) -> Entry | None:
        entry = self._by_doc.get(id(doc))
        return entry if entry is not None and entry.doc is doc else None

    def model(self, doc: Document):
        """The model object built from ``doc`` by an earlier load, if any."""
        entry = self._entry(doc)
        return entry.model if entry is not None else None

    def keep_model(self, doc: Document, model) -> None:
        """Remember the model object built from ``doc``, for the next load."""
        entry = self._entry(doc)
        if entry is not None:
            entry.model = model
