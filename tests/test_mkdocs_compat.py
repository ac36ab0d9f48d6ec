"""Each mkdocs / Material internal the adapter relies on (scripts/jachete_mkdocs/compat.py, and the
sidebar markup of overrides/main.html), pinned to the versions it was checked against.

After an upgrade of mkdocs or mkdocs-material these tests fail first, by name: check the use
against the new version, then update ``compat.CHECKED``.
"""

from __future__ import annotations

import inspect
import logging
import re
from importlib.metadata import version
from pathlib import Path

import material
import mkdocs.commands.build as mkbuild
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from conftest import REPO
from jachete import site
from jachete_mkdocs import compat
from jachete_mkdocs.plugin import PlannedPage


@pytest.fixture
def config(tmp_path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    cfg = MkDocsConfig()
    cfg.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"),
                   "site_url": "https://example.org/"})
    errors, _ = cfg.validate()
    assert errors == []
    # File.generated is called from a plugin's event, while mkdocs notes which plugin runs.
    cfg.plugins._current_plugin = "jachete"
    return cfg


def test_the_installed_versions_are_the_checked_ones():
    installed = {name: version(name) for name in compat.CHECKED}
    assert installed == compat.CHECKED, "check every use of compat.py against these versions, then update CHECKED"


def test_page_context_is_mkdocs_template_context(config):
    # mkdocs.commands.build.get_context(nav, files, config, page, base_url): not in the plugin API.
    file = File.generated(config, "entreprises/x.md", content="")
    page = Page(None, file, config)
    nav = get_navigation(Files([file]), config)
    context = compat.page_context(nav, Files([file]), config, page)
    assert context["page"] is page and context["nav"] is nav and context["config"] is config
    assert context["base_url"] == "../.."


def test_set_modified_is_what_the_dirty_build_asks(config):
    # The dirty build skips a page when ``page.file.is_modified()`` is false (_populate_page, _build_page).
    for fn in (mkbuild._populate_page, mkbuild._build_page):
        assert "if dirty and not page.file.is_modified():" in inspect.getsource(fn)
    file = File.generated(config, "a.md", content="")
    assert file.is_modified() is True  # always true for a generated file
    compat.set_modified(file, lambda: False)
    assert file.is_modified() is False


def test_watched_paths_are_the_servers(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert compat.watched_paths(server) == {}
        server.watch(str(tmp_path))
        server.watch(str(tmp_path))
        assert compat.watched_paths(server) == {str(tmp_path): 2}
        server.unwatch(str(tmp_path))
        assert compat.watched_paths(server) == {str(tmp_path): 1}
    finally:
        server.server_close()


def test_the_dirty_notice_is_mkdocs_and_only_it_is_dropped(caplog):
    assert compat.DIRTY_NOTICE in inspect.getsource(mkbuild)
    compat.quiet_dirty_notice()
    logger = logging.getLogger("mkdocs.commands.build")
    with caplog.at_level(logging.WARNING, logger="mkdocs.commands.build"):
        logger.warning(compat.DIRTY_NOTICE + " (test)")
        logger.warning("another warning")
    assert [r.getMessage() for r in caplog.records] == ["another warning"]


def test_navigation_keeps_the_page_a_file_already_has(config):
    # Public API, relied on by PlannedPage: a page made in on_files is the page mkdocs builds.
    files = Files([File.generated(config, "index.md", content=""), File.generated(config, "a/b.md", content="")])
    planned = site.Page("a/b.md", "B", "<p>b</p>")
    page = PlannedPage(planned, files.get_file_from_path("a/b.md"), config)
    get_navigation(files, config)
    assert files.get_file_from_path("a/b.md").page is page
    page.render(config, files)
    assert (page.content, page.toc.items, page.present_anchor_ids) == ("<p>b</p>", [], set())


# --- overrides/main.html: Material's sidebar markup, copied ------------------------------------------
# The site_nav block of record pages drops "navigation.sections" from ``features`` for the
# included nav partial. A ``{% set %}`` in a child block does not reach the parent block through
# super() (Jinja renders it with the parent's own context), so the markup is copied, not
# inherited; this test catches the day Material's own markup moves away from the copy.


def _sidebars(html: str) -> list[str]:
    """The sidebar elements and includes of a site_nav block, without Material's page.meta.hide
    handling (record pages never hide the nav or the toc)."""
    html = re.sub(r"\{%-?\s*if page\.meta and page\.meta\.hide\s*-?%\}.*?\{%-?\s*endif\s*-?%\}", "", html, flags=re.DOTALL)
    html = html.replace(" {{ hidden }}", "")
    return re.findall(r"<div[^>]*>|</div>|\{%-?\s*include [^%]*%\}", html)


def _site_nav_block(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return re.search(r"\{%-?\s*block site_nav\s*-?%\}(.*?)\{%-?\s*endblock\s*-?%\}", text, re.DOTALL)[1]


def test_the_copied_sidebar_markup_is_materials():
    theirs = _site_nav_block(Path(material.__file__).parent / "templates" / "base.html")
    ours = _site_nav_block(REPO / "overrides" / "main.html")
    # Material wraps the primary sidebar in {% if nav %} and the secondary in toc.integrate; record
    # pages always have a nav, and the site does not integrate the toc.
    assert '"toc.integrate" not in features' in theirs and "{% if nav %}" in theirs
    copied = _sidebars(ours.split("{%- else -%}")[0])
    assert copied == _sidebars(theirs)
    assert len(copied) == 14
