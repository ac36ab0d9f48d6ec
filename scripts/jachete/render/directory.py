"""The directory: one page per enterprise, one per region (grouped by MRC and by sector),
the regions index and the A–Z list of enterprises."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import Enterprise
from ..site import Context, Page
from .common import github_links, initial, labels, sort_key
from .env import relative_root, render


def _by_name(items: Iterable[Enterprise]) -> list[Enterprise]:
    return sorted(items, key=lambda e: (sort_key(e.nom), e.id))


def enterprise_page(ctx: Context, e: Enterprise) -> Page:
    src_uri = f"entreprises/{e.id}.md"
    L = labels(ctx.registry.reference)
    body = render(
        "enterprise.html",
        e=e,
        L=L,
        root=relative_root(src_uri),
        gh=github_links(ctx.settings, e.source_path, e.nom),
        settings=ctx.settings,
    )
    return Page(
        src_uri=src_uri,
        title=e.nom,
        body=body,
        description=f"{L.forme(e)} à {e.municipalite} ({L.region(e.region)}) : {e.description}"[:300],
        meta={"kind": "entreprise", "id": e.id, "exemple": e.exemple},
    )


def region_pages(ctx: Context) -> list[Page]:
    ref = ctx.registry.reference
    L = labels(ref)
    here: dict[str, list[Enterprise]] = defaultdict(list)
    serving: dict[str, list[Enterprise]] = defaultdict(list)
    for e in ctx.registry.enterprises:
        here[e.region].append(e)
        for r in e.regions_desservies:
            if r != e.region:
                serving[r].append(e)
    pages = []
    for code in sorted(ref.regions):
        region = ref.regions[code]
        src_uri = f"regions/{region.url_slug}.md"
        items = here.get(code, [])
        by_mrc: dict[str, list[Enterprise]] = defaultdict(list)
        by_sector: dict[str, list[Enterprise]] = defaultdict(list)
        for e in items:
            by_mrc[e.mrc].append(e)
            for s in e.secteurs:
                by_sector[s].append(e)
        groups = sorted(
            ((m, L.mrc(m), _by_name(es)) for m, es in by_mrc.items()), key=lambda g: sort_key(g[1])
        )
        sectors = sorted(
            ((L.secteur(s), s, _by_name(es)) for s, es in by_sector.items()), key=lambda g: sort_key(g[0])
        )
        body = render(
            "region.html",
            region=region,
            groups=groups,
            by_sector=sectors,
            serving=_by_name(serving.get(code, [])),
            total=len(items),
            L=L,
            root=relative_root(src_uri),
        )
        pages.append(
            Page(
                src_uri=src_uri,
                title=f"Entreprises collectives : {region.nom}",
                body=body,
                description=f"Répertoire des entreprises collectives de la région {region.nom}, par MRC et par secteur.",
                search=False,
                meta={"kind": "region", "region": code},
            )
        )
    return pages


def regions_index(ctx: Context) -> Page:
    ref = ctx.registry.reference
    n_ent: dict[str, int] = defaultdict(int)
    n_decl: dict[str, int] = defaultdict(int)
    for e in ctx.registry.enterprises:
        n_ent[e.region] += 1
    for d in ctx.registry.declarations:
        n_decl[d.organisme.region] += 1
    rows = [(ref.regions[c], n_ent[c], n_decl[c]) for c in sorted(ref.regions)]
    src_uri = "regions/index.md"
    return Page(
        src_uri=src_uri,
        title="Répertoire par région",
        body=render("regions_index.html", rows=rows, root=relative_root(src_uri)),
        description="Les 17 régions administratives du Québec et leurs entreprises collectives.",
        search=False,
        meta={"kind": "index"},
    )


def enterprises_index(ctx: Context) -> Page:
    ordered = _by_name(ctx.registry.enterprises)
    grouped: dict[str, list[Enterprise]] = defaultdict(list)
    for e in ordered:
        grouped[initial(e.nom)].append(e)
    # "#" (names starting with a digit or a sign) goes last.
    letters = sorted(grouped.items(), key=lambda lg: (lg[0] == "#", sort_key(lg[0])))
    src_uri = "entreprises/index.md"
    return Page(
        src_uri=src_uri,
        title="Entreprises de A à Z",
        body=render(
            "enterprises_index.html",
            letters=letters,
            total=len(ordered),
            L=labels(ctx.registry.reference),
            root=relative_root(src_uri),
        ),
        description="Toutes les entreprises collectives du registre, en ordre alphabétique.",
        search=False,
        meta={"kind": "index"},
    )


def pages(ctx: Context) -> list[Page]:
    out = [enterprise_page(ctx, e) for e in ctx.registry.enterprises]
    out.extend(region_pages(ctx))
    out.append(regions_index(ctx))
    out.append(enterprises_index(ctx))
    return out
