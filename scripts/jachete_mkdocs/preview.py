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

import logging
import os

from mkdocs.structure.files import File, Files

_MISSING = object()


def _not_the_dirty_notice(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def quiet_dirty_notice() -> None:
    """mkdocs warns that a dirty build may leave stale links, and strict mode (mkdocs.yml) turns
    that warning into a failure. This preview knows which pages changed (``mark``): the notice is
    dropped, every other warning still counts."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _not_the_dirty_notice not in logger.filters:
        logger.addFilter(_not_the_dirty_notice)


class Preview:
    def __init__(self, dirty: bool):
        self.dirty = dirty
        self.builds = 0
        self.memo: dict = {}
        self._memo_for: tuple | None = None
        self._last: dict[str, object] = {}
        self._components: dict | None = None
        self.outputs: list | None = None
        self.record_cache = None
        try:
            from jachete.registry import RecordCache
        except ImportError:  # a core without the per-file cache: every rebuild reads every file
            RecordCache = None
        if RecordCache is not None:
            self.record_cache = RecordCache()

    def memo_for(self, settings, reference) -> dict:
        # Pages of records depend on the settings (today's date) and the reference data too.
        key = (settings, reference)
        if self._memo_for is None or key != self._memo_for:
            self.memo.clear()
            self._memo_for = key
        return self.memo

    def keep_outputs(self, outputs: list) -> list:
        """The files of the first build, for every later one."""
        if self.outputs is None:
            self.outputs = list(outputs)
        return self.outputs

    def mark(self, file: File, value) -> None:
        """Tell mkdocs' dirty build whether ``file`` must be written again: only if what it holds
        (a planned page, an output's bytes) differs from the last build, or it is missing."""
        previous = self._last.get(file.src_uri, _MISSING)
        self._last[file.src_uri] = value
        changed = previous is not value and previous != value
        dest = file.abs_dest_path
        # An instance attribute shadows File.is_modified, which is always true for generated files.
        file.is_modified = (lambda: True) if changed else (lambda: not os.path.isfile(dest))

    def mark_hand_written(self, files: Files, components: dict) -> None:
        """Hand-written pages show components (counts, lists): all of them are built again when
        any component changed; otherwise mkdocs compares their modification times."""
        changed = self._components is not None and components != self._components
        self._components = components
        if changed:
            for file in files.documentation_pages():
                if file.generated_by is None:
                    file.is_modified = lambda: True
