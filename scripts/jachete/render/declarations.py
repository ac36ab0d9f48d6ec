"""The wall of declarations of commitment (/declarations/), one page per declaration, and the
model text as a component (``<!-- jachete:texte-modele -->``)."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape

from ..fmt import date_fr
from ..kinds.catalogue import DECLARATION
from ..model import BigCity, Declaration
from ..seao import site as seao_site
from ..site import Context, Page, per_record, reuse
from .common import github_links, labels, per_build, sort_key
from .env import ROOT_TOKEN, isolate_bidi, relative_root, render


def newest_first(declarations) -> list[Declaration]:
    return sorted(declarations, key=lambda d: (d.adoptee_le, d.id), reverse=True)


def big_cities(ctx: Context) -> list[tuple[BigCity, Declaration | None]]:
    """The ten largest cities, each with its declaration (matched by MAMH geographic code) or None."""
    by_geo: dict[str, Declaration] = {}
    # Newest first, so that the oldest (the first adoption) is the one kept.
    for d in sorted(ctx.registry.declarations, key=lambda d: d.adoptee_le, reverse=True):
        if d.organisme.code_geo:
            by_geo[d.organisme.code_geo] = d
    cities = sorted(ctx.registry.reference.grandes_villes, key=lambda v: v.rang)
    return [(v, by_geo.get(v.code_geo)) for v in cities]


class _DeclarationPages:
    """What every declaration page of a build shares: labels, the root path and the model text."""

    SRC_DIR = DECLARATION.page_dir  # the Kind's page address: declarations/<id>/
    _NAME = "\x00organisme\x00"  # stands for the body's name while the model text is rendered once

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.L = labels(ctx.registry.reference)
        self.root = relative_root(self.SRC_DIR + "x.md")
        # Why: the model text (2 kB) differs between pages only by the body's name; render it once
        # and put each name in, escaped the way the template escapes every value.
        model = render("partials/declaration_model_text.html", body_name=self._NAME)
        self.model_text = tuple(Markup(part) for part in model.split(self._NAME))
        self.model_unnamed = Markup(render("partials/declaration_model_text.html"))

    def model_for(self, name: str) -> Markup:
        if not name:  # the template's own wording for a body without a name
            return self.model_unnamed
        return Markup(escape(isolate_bidi(name))).join(self.model_text)

    def page(self, d: Declaration) -> Page:
        L, o = self.L, d.organisme
        body = render(
            DECLARATION.template,
            d=d,
            type_org=L.type_org(o.type),
            region=L.region(o.region),
            region_slug=L.region_slug(o.region),
            adoptee_le=date_fr(d.adoptee_le),
            model_text=None if d.texte else self.model_for(o.nom),
            suivis=sorted(d.suivis, key=lambda s: s.annee, reverse=True),
            root=self.root,
            gh=github_links(self.ctx.settings, d.source_path, o.nom),
            settings=self.ctx.settings,
            seao=seao_site.declaration_section(self.ctx, d),
        )
        return Page(
            src_uri=f"{self.SRC_DIR}{d.id}.md",
            title=f"Déclaration : {o.nom}",
            body=body,
            description=(
                f"Déclaration d’engagement pour l’achat auprès des entreprises collectives adoptée par {o.nom}."
            )[:300],
            meta={"kind": "declaration", "id": d.id, "exemple": d.exemple},
        )


@per_record
def declaration_page(ctx: Context, d: Declaration) -> Page:
    return per_build(ctx, "declaration", _DeclarationPages).page(d)


def wall_context(ctx: Context, root: str) -> dict:
    L = labels(ctx.registry.reference)
    ordered = newest_first(ctx.registry.declarations)
    by_year: dict[int, list[Declaration]] = defaultdict(list)
    by_type: dict[str, list[Declaration]] = defaultdict(list)
    by_region: dict[str, list[Declaration]] = defaultdict(list)
    for d in ordered:
        by_year[d.adoptee_le.year].append(d)
        by_type[d.organisme.type].append(d)
        by_region[d.organisme.region].append(d)
    return {
        "by_year": sorted(by_year.items(), reverse=True),
        "by_type": sorted(
            ((t, L.type_org(t), ds) for t, ds in by_type.items()), key=lambda g: sort_key(g[1])
        ),
        "by_region": [(c, L.region(c), by_region[c]) for c in sorted(by_region)],
        "villes": big_cities(ctx),
        "total": len(ordered),
        "L": L,
        "root": root,
    }


def wall(ctx: Context) -> Page:
    # Made again only when a declaration changed (the preview).
    return reuse(ctx, ("wall",), ctx.registry.declarations, lambda: _wall(ctx))


def _wall(ctx: Context) -> Page:
    src_uri = f"{DECLARATION.page_dir}index.md"
    return Page(
        src_uri=src_uri,
        title="Le mur des déclarations",
        body=render("declarations_index.html", **wall_context(ctx, relative_root(src_uri))),
        description="Les organismes publics et municipaux qui se sont engagés à acheter auprès des entreprises collectives.",
        search=False,
        meta={"kind": "index"},
    )


def pages(ctx: Context) -> list[Page]:
    return [declaration_page(ctx, d) for d in ctx.registry.declarations] + [wall(ctx)]


def components(ctx: Context) -> dict[str, str]:
    L = labels(ctx.registry.reference)
    return {
        "texte-modele": render("partials/declaration_model_text.html"),
        "grandes-villes": render("partials/grandes_villes.html", villes=big_cities(ctx), L=L, root=ROOT_TOKEN),
    }
