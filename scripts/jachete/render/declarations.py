"""The wall of declarations of commitment (/declarations/), one page per declaration, and the
model text as a component (``<!-- jachete:texte-modele -->``)."""

from __future__ import annotations

from collections import defaultdict

from ..model import BigCity, Declaration
from ..site import Context, Page
from .common import github_links, labels, sort_key
from .env import ROOT_TOKEN, relative_root, render


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


def declaration_page(ctx: Context, d: Declaration) -> Page:
    src_uri = f"declarations/{d.id}.md"
    L = labels(ctx.registry.reference)
    body = render(
        "declaration.html",
        d=d,
        L=L,
        root=relative_root(src_uri),
        gh=github_links(ctx.settings, d.source_path, d.organisme.nom),
        settings=ctx.settings,
    )
    return Page(
        src_uri=src_uri,
        title=f"Déclaration : {d.organisme.nom}",
        body=body,
        description=(
            f"Déclaration d’engagement pour l’achat auprès des entreprises collectives adoptée par "
            f"{d.organisme.nom}."
        )[:300],
        meta={"kind": "declaration", "id": d.id, "exemple": d.exemple},
    )


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
    src_uri = "declarations/index.md"
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
