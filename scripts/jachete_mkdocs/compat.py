"""The mkdocs internals the adapter relies on, all here: nothing else in ``jachete_mkdocs`` reaches
past mkdocs' documented plugin API.

Checked against mkdocs 1.6.1 and mkdocs-material 9.8.2 (``CHECKED``). ``tests/test_mkdocs_compat.py``
pins each use below to those versions: after an upgrade it fails there, by name, before a build
goes wrong somewhere less obvious.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from mkdocs.commands.build import get_context
from mkdocs.structure.files import File

CHECKED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}

# mkdocs.commands.build logs this warning at every dirty build (``mkdocs serve --dirty``).
DIRTY_NOTICE = "A 'dirty' build is being performed"


def page_context(nav, files, config, page) -> dict:
    """The template context mkdocs gives ``page`` (undocumented ``get_context``): the shell renders
    the theme for a probe page that mkdocs itself never builds."""
    return get_context(nav, files, config, page)


def set_modified(file: File, modified: Callable[[], bool]) -> None:
    """What mkdocs' dirty build asks (``file.is_modified()``) before writing the page of ``file``.

    ``File.is_modified`` is always true for a generated file; an instance attribute shadows it.
    """
    file.is_modified = modified


def watched_paths(server) -> dict[str, int]:
    """The paths ``server.watch`` was given, with their counts (``LiveReloadServer._watched_paths``)."""
    return dict(getattr(server, "_watched_paths", None) or {})


def _not_the_dirty_notice(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(DIRTY_NOTICE)


def quiet_dirty_notice() -> None:
    """Drop mkdocs' dirty-build notice, which strict mode (mkdocs.yml) would turn into a failure;
    every other warning still counts."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _not_the_dirty_notice not in logger.filters:
        logger.addFilter(_not_the_dirty_notice)
