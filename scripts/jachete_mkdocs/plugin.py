"""mkdocs plugin ``jachete``: validates the records, adds one page per record, fills the
components of hand-written pages, places the exports and writes the pagefind index.

Everything it places comes from ``jachete.features.plan`` (engine-independent); this module
only maps that plan onto mkdocs events.
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
import time
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc

from jachete import features, search, site
from jachete import problems as probs
from jachete.render import env
from jachete.render.env import ROOT_TOKEN, relative_root

from .compat import quiet_dirty_notice
from .preview import Preview, use_notifications
from .shell import Shells

log = logging.getLogger("mkdocs.plugins.jachete")

# Generated list pages placed in the nav (mkdocs.yml); every other generated page stays out of it.
IN_NAV = {"regions/index.md", "entreprises/index.md", "declarations/index.md"}


def _env_bool(name: str) -> bool | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip().lower() not in {"0", "false", "non", "no", "off"}


class PlannedPage(MkPage):
    """A generated page: its body is HTML already, so Python-Markdown (about 2 ms a page just to
    set up its extensions) is skipped; mkdocs' own render() would turn "" into "" the slow way.

    Made in ``on_files`` with its file: mkdocs keeps the page a file already has (``file.page``)
    when it builds the navigation."""

    def __init__(self, planned: site.Page, file: File, config: MkDocsConfig) -> None:
        super().__init__(None, file, config)
        self.planned = planned

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.planned.body
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class JacheteConfig(base.Config):
    demo = c.Type(bool, default=True)
    """Include the fictional demo records (``exemple: true``). Env JACHETE_DEMO=0/1 overrides."""
    repo_url = c.Optional(c.Type(str))
    """Repository of the records, for « Modifier » / « Historique » links (default: mkdocs repo_url)."""
    branch = c.Type(str, default="main")
    root = c.Optional(c.Type(str))
    """Folder that holds data/ (default: the folder of mkdocs.yml). Env JACHETE_ROOT overrides."""
    search = c.Type(bool, default=True)
    """Build the pagefind index after the build. Env JACHETE_SEARCH=0/1 overrides."""
    shell = c.Type(bool, default=True)
    """Render the theme once per folder of record pages (see shell.py). Env JACHETE_SHELL=0/1."""
    compact = c.Type(bool, default=True)
    """Collapse the indentation of the theme around record pages. Env JACHETE_COMPACT=0/1."""


class JachetePlugin(BasePlugin[JacheteConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.plan: site.SitePlan | None = None
        self.pages: dict[str, site.Page] = {}
        self.settings: site.Settings | None = None
        self._components_by_root: dict[str, dict[str, str]] = {}
        self.shells: Shells | None = None
        self.preview: Preview | None = None
        self.indexer: search.Indexer | None = None
        self._index_started = 0.0

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this event keeps this object between the rebuilds of `mkdocs serve` (mkdocs
        # 1.4+): with --dirty, the preview rebuilds only what an edit changed (preview.py).
        if command == "serve" and dirty:
            self.preview = Preview()
            # mkdocs warns that a dirty build may leave stale links; the preview knows which
            # pages changed (Preview.mark): that notice alone is dropped.
            quiet_dirty_notice()

    # --- configuration --------------------------------------------------------------------

    def _root(self, config: MkDocsConfig) -> Path:
        root = os.environ.get("JACHETE_ROOT") or self.config.root
        if root:
            return Path(root).resolve()
        return Path(config.config_file_path).resolve().parent

    def _option(self, name: str) -> bool:
        # An environment variable JACHETE_<NAME> (0/1) overrides the option of mkdocs.yml.
        value = _env_bool(f"JACHETE_{name.upper()}")
        return getattr(self.config, name) if value is None else value

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Templates are compiled once per build; the preview keeps them while no template changed.
        if self.preview is None or self.preview.templates_changed(env.TEMPLATES):
            env.get_env.cache_clear()
        self.settings = site.Settings(
            site_url=config.site_url or "https://example.org/",
            repo_url=(self.config.repo_url or config.repo_url or site.Settings.repo_url).rstrip("/"),
            branch=self.config.branch,
            include_demo=self._option("demo"),
            root=self._root(config),
            project_root=Path(config.config_file_path).resolve().parent,
        )
        # pagefind's result URLs start at the site root: the header's search box gives pagefind
        # the site's base path, for a site served below "/" (https://owner.github.io/repo/).
        config.extra.setdefault("jachete", {})
        config.extra["jachete"]["base_path"] = urlsplit(config.site_url or "/").path or "/"
        return config

    # --- records -> plan --------------------------------------------------------------------

    def _load(self, root: Path):
        from jachete import registry  # the core loader (imported late: it is heavy)

        cache = self.preview.record_cache if self.preview else None  # kept between preview rebuilds
        registry_obj, problems, files_checked = registry.load(root, include_demo=self.settings.include_demo,
                                                              cache=cache)
        problems = probs.sort_problems(problems)
        errors, _ = probs.count(problems)
        if errors or registry_obj is None:
            report = "\n".join(p.format() for p in problems)
            raise PluginError(
                f"Les fiches de {root / 'data'} ne sont pas valides :\n{report}\n"
                f"{probs.summary(problems, files_checked)}"
            )
        for p in problems:
            # Warnings are the validator's business (`jachete validate`); they do not fail the site.
            log.info(p.format())
        return registry_obj

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        started = time.perf_counter()
        registry_obj = self._load(self.settings.root)
        # The records live until the end of the build: moved out of the collector's generations,
        # they are not scanned again at every collection while 13,000 pages are made (-15 %).
        gc.freeze()
        preview = self.preview
        # Record pages also show the SEAO derived files (data/seao/): a change there renders them again.
        memo = preview.memo_for(self.settings, (registry_obj.reference, registry_obj.seao)) \
            if preview else None
        ctx = site.Context(registry_obj, self.settings, memo=memo)
        self.plan = features.plan(ctx, outputs=preview is None or preview.outputs is None)
        outputs = preview.keep_outputs(self.plan.outputs) if preview else self.plan.outputs
        if preview:
            preview.builds += 1
            preview.mark_hand_written(files, self.plan.components)
        self.pages = {}
        self._components_by_root = {}
        for page in self.plan.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{page.src_uri} est généré : retirez ce fichier de {config.docs_dir}.")
            inclusion = InclusionLevel.INCLUDED if page.src_uri in IN_NAV else InclusionLevel.NOT_IN_NAV
            self.pages[page.src_uri] = page
            changed = preview.changed(page.src_uri, page) if preview else True
            if preview and preview.can_skip(page, changed):
                continue
            # The Markdown source is empty: the body is HTML already, set in on_page_content.
            file = File.generated(config, page.src_uri, content="", inclusion=inclusion)
            PlannedPage(page, file, config)
            if preview:
                preview.mark(file, changed)
            files.append(file)
        # Exports are files of the site like any other: mkdocs writes them, and links from
        # hand-written pages to them (``regles.json``) are checked by the strict build.
        for output in outputs:
            path = posixpath.normpath(output.path)
            if path.startswith(("../", "/")) or path == "..":
                raise PluginError(f"sortie hors du site : {output.path}")
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{path} est généré : retirez ce fichier de {config.docs_dir}.")
            file = File.generated(config, path, content=output.content)
            if preview:
                preview.mark(file, preview.changed(path, output.content))
            files.append(file)
        log.info(
            "jachete: %d fiches d'entreprise, %d déclarations, %d pages générées (%.2f s)",
            len(registry_obj.enterprises),
            len(registry_obj.declarations),
            len(self.plan.pages),
            time.perf_counter() - started,
        )
        return files

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):
        if self.preview is not None:
            env.bytecode_cache = self.preview.compiled
        self.shells = Shells(env, compact_chrome=self._option("compact")) if self._option("shell") else None
        env.globals["jachete_shell"] = self._shell
        return env

    @pass_context
    def _shell(self, context, page: MkPage) -> str:
        # The page template of record pages (overrides/jachete-record.html) only calls this.
        values = context.get_all()
        env = context.environment

        def full() -> str:
            return env.get_template("main.html").render(values)

        if self.shells is None:
            return full()
        return self.shells.render(page, values, full)

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        # The records may live outside the repository (JACHETE_ROOT): an edit there rebuilds too.
        server.watch(str(self._root(config) / "data"))
        if self.preview is not None:
            use_notifications(server)
        return server

    # --- pages ------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is None:
            return markdown
        # mkdocs' theme environment does not autoescape, and Material prints page.meta.title and
        # page.meta.description raw (<title>, header, <meta>): record text is escaped here, once.
        page.meta["title"] = str(escape(planned.title))
        if planned.description:
            page.meta["description"] = str(escape(planned.description))
        page.meta["jachete"] = planned.meta
        if planned.src_uri not in IN_NAV:
            # Out of the nav: a lighter menu (overrides/main.html, site_nav), and the theme's page is
            # rendered once per folder and filled per record (overrides/jachete-record.html).
            page.meta["jachete_record"] = True
            page.meta["template"] = "jachete-record.html"
        if not planned.search:
            page.meta["pagefind"] = False
        return ""

    def _components(self, root: str) -> dict[str, str]:
        # Components are rendered once per build; their internal links are made relative per depth.
        if root not in self._components_by_root:
            self._components_by_root[root] = {
                name: html.replace(ROOT_TOKEN, root) for name, html in self.plan.components.items()
            }
        return self._components_by_root[root]

    def on_page_content(self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is not None:
            return planned.body
        if "<!-- jachete:" in html:
            html = site.replace_markers(html, self._components(relative_root(page.file.src_uri)))
        return html

    # --- files after the build ----------------------------------------------------------------

    # --- the search index, fed while pages are written -------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.indexer = None
        # The preview keeps the search index of its first build (preview.py).
        if not self._option("search") or (self.preview is not None and self.preview.builds > 0):
            return
        try:
            self.indexer = search.Indexer()
        except search.SearchIndexError as exc:
            raise PluginError(str(exc)) from exc
        self._index_started = time.perf_counter()

    def on_post_page(self, output: str, /, *, page: MkPage, config: MkDocsConfig) -> str:
        if self.indexer is not None:
            self.indexer.add(page.file.dest_uri, output)
        return output

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        if getattr(self, "indexer", None) is not None:
            self.indexer.abort()
            self.indexer = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()  # the preview's next build loads again: what is left may go
        if self.shells is not None:
            log.info("jachete: %d pages de fiche remplies depuis leur gabarit, %d repli(s) %s",
                     self.shells.filled, len(self.shells.fallbacks), self.shells.fallbacks)
        if self.indexer is None:
            return
        indexer, self.indexer = self.indexer, None
        finishing = time.perf_counter()
        try:
            n = indexer.finish(Path(config.site_dir))
        except search.SearchIndexError as exc:
            raise PluginError(str(exc)) from exc
        log.info("jachete: index de recherche, %d pages (%.2f s depuis le début, %.2f s après les pages)", n,
                 time.perf_counter() - self._index_started, time.perf_counter() - finishing)
