"""The live preview (``make serve``: ``mkdocs serve --dirty``): an edit rebuilds what it changed.

mkdocs keeps a plugin that defines ``on_startup`` from one rebuild to the next, so this
object lives as long as the server. Between rebuilds it keeps:

- the records already read and checked (the core's per-file cache: only touched files are
  read again);
- the pages of single records already rendered (``site.per_record``), while the settings
  and the reference data stay the same;
- what every generated file held at the last build, so that mkdocs' dirty build writes only
  the pages whose HTML changed (the edited record, its region, the lists), and the
  hand-written pages only when a component they show changed;
- the open-data files and the search index of the first build: the preview does not make
  them again (``make site`` does).
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.structure.files import File, Files

from jachete.registry import RecordCache

from .compat import set_modified, watched_paths

_MISSING = object()
RECORD_KINDS = {"entreprise", "declaration"}


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once for the whole preview: mkdocs makes a new Jinja
    environment at every rebuild. Jinja checks each entry against its template's source."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if (code := self.store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class Preview:
    def __init__(self):
        self.builds = 0
        self.memo: dict = {}
        self._memo_for: tuple | None = None
        self._last: dict[str, object] = {}
        self._components: dict | None = None
        self.outputs: list | None = None
        self.record_cache = RecordCache()
        self.templates: tuple | None = None
        self.compiled = CompiledTemplates()

    def templates_changed(self, folder) -> bool:
        """Whether a template of the core changed since the last build (always true at the first)."""
        stamp = tuple(sorted((str(p), st.st_mtime_ns, st.st_size)
                             for p in Path(folder).rglob("*.html") for st in (p.stat(),)))
        changed = stamp != self.templates
        self.templates = stamp
        return changed

    def memo_for(self, settings, reference) -> dict:
        # Pages of records depend on the settings (today's date), the reference data and templates.
        key = (settings, reference, self.templates)
        if self._memo_for is None or key != self._memo_for:
            self.memo.clear()
            self._memo_for = key
        return self.memo

    def keep_outputs(self, outputs: list) -> list:
        """The files of the first build, for every later one."""
        if self.outputs is None:
            self.outputs = list(outputs)
        return self.outputs

    def changed(self, key: str, value) -> bool:
        """Whether what ``key`` holds (a planned page, an output's bytes) differs from the last build."""
        previous = self._last.get(key, _MISSING)
        self._last[key] = value
        return previous is not value and previous != value

    def can_skip(self, planned, changed: bool) -> bool:
        """An unchanged record page is left out of the rebuild's files altogether: its HTML from an
        earlier build stays in the preview's folder, and mkdocs has 12 000 fewer files to walk.
        Record pages are out of the nav and hand-written pages do not link to them."""
        return not changed and self.builds > 1 and planned.meta.get("kind") in RECORD_KINDS

    @staticmethod
    def mark(file: File, changed: bool) -> None:
        """Tell mkdocs' dirty build whether ``file`` must be written again."""
        dest = file.abs_dest_path
        set_modified(file, (lambda: True) if changed else (lambda: not os.path.isfile(dest)))

    def mark_hand_written(self, files: Files, components: dict) -> None:
        """Hand-written pages show components (counts, lists): all of them are built again when
        any component changed; otherwise mkdocs compares their modification times."""
        changed = self._components is not None and components != self._components
        self._components = components
        if changed:
            for file in files.documentation_pages():
                if file.generated_by is None:
                    set_modified(file, lambda: True)


def use_notifications(server) -> None:
    """Watch with the system's file notifications (inotify) instead of mkdocs' polling.

    mkdocs walks every watched folder twice a second; at Quebec scale that walk of data/ takes
    most of a core, and the interpreter's lock away from the rebuild. Only changes count: a file
    merely opened (by the build itself, say) must not start another build. Elsewhere than on
    Linux, or if mkdocs' server changes shape, polling stays.
    """
    try:
        from watchdog.events import (
            DirMovedEvent,
            FileCreatedEvent,
            FileDeletedEvent,
            FileModifiedEvent,
            FileMovedEvent,
        )
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:
        return
    watched = watched_paths(server)
    if not watched or server.observer.is_alive():
        return
    changes = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, DirMovedEvent]

    class Changes(InotifyObserver):
        def schedule(self, handler, path, *, recursive=False, event_filter=None):
            return super().schedule(handler, path, recursive=recursive, event_filter=event_filter or changes)

    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = Changes()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
