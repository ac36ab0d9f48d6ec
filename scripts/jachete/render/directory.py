"""The directory: one page per enterprise, one per region (grouped by MRC and by sector),
the regions index and the A–Z list of enterprises."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from markupsafe import Markup

from ..kinds.catalogue import ENTERPRISE
from ..model import Enterprise
from ..seao import site as seao_site
from ..site import Context, Page, per_record, reuse
from . import jsonld
from .common import github_links, initial, labels, per_build, sort_key
from .env import relative_root, render


def _by_name(items: Iterable[Enterprise]) -> list[Enterprise]:
    return sorted(items, key=lambda e: (sort_key(e.nom), e.id))


class _EnterprisePages:
    """What every enterprise page of a build shares, computed once: labels, the root path and
    the legal-form section (one rendering per distinct form)."""

    SRC_DIR = ENTERPRISE.page_dir  # the Kind's page address: entreprises/<id>/

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.L = labels(ctx.registry.reference)
        self.root = relative_root(self.SRC_DIR + "x.md")
        self.legal: dict[tuple, Markup] = {}

    def legal_form(self, e: Enterprise) -> Markup:
        # The section depends only on the form and the cooperative's flags: 11 000 pages share 5 texts.
        c = e.cooperative
        key = (e.forme_juridique, c.type if c else None, c.sans_ristourne if c else None,
               c.designee_par_ministre if c else None)
        html = self.legal.get(key)
        if html is None:
            html = self.legal[key] = Markup(render("partials/legal_form.html", e=e, L=self.L, root=self.root))
        return html

    def page(self, e: Enterprise) -> Page:
        L, region = self.L, self.L.region(e.region)
        forme = L.forme(e)
        position = None
        if e.latitude is not None and e.longitude is not None:
            position = (f"{e.latitude:.4f}".replace(".", ","), f"{e.longitude:.4f}".replace(".", ","))
        body = render(
            ENTERPRISE.template,
            e=e,
            forme=forme,
            forme_label=L.forme_label(e.forme_juridique),
            type_coop=L.type_coop(e.cooperative.type) if e.cooperative else "",
            region=region,
            region_slug=L.region_slug(e.region),
            mrc=L.mrc(e.mrc),
            secteurs=[L.secteur(s) for s in e.secteurs],
            desservies=[L.region(r) for r in e.regions_desservies],
            position=position,
            legal_form=self.legal_form(e),
            seao=seao_site.enterprise_section(self.ctx, e),
            jsonld=jsonld.script(jsonld.organization(e, self.ctx.settings.site_url, L.region)),
            root=self.root,
            gh=github_links(self.ctx.settings, e.source_path, e.nom),
        )
        return Page(
            src_uri=f"{self.SRC_DIR}{e.id}.md",
            title=e.nom,
            body=body,
            description=f"{forme} à {e.municipalite} ({region}) : {e.description}"[:300],
            meta={"kind": "entreprise", "id": e.id, "exemple": e.exemple},
        )


@per_record
def enterprise_page(ctx: Context, e: Enterprise) -> Page:
    return per_build(ctx, "enterprise", _EnterprisePages).page(e)


def _list_labels(ctx: Context) -> dict[str, dict[str, str]]:
    """The labels the list pages print beside each enterprise, looked up once per build: a dict
    read in a template costs a fraction of a method call."""
    L = labels(ctx.registry.reference)
    ents = ctx.registry.enterprises
    return {
        "forme_of": {e.id: L.forme(e) for e in ents},
        "secteur_label": {s: L.secteur(s) for e in ents for s in e.secteurs},
        "region_name": {c: L.region(c) for c in {e.region for e in ents}},
    }


def region_pages(ctx: Context) -> list[Page]:
    ref = ctx.registry.reference
    here: dict[str, list[Enterprise]] = defaultdict(list)
    serving: dict[str, list[Enterprise]] = defaultdict(list)
    for e in ctx.registry.enterprises:
        here[e.region].append(e)
        for r in e.regions_desservies:
            if r != e.region:
                serving[r].append(e)
    # A region's page is made again only when its own enterprises changed (the preview).
    return [reuse(ctx, ("region", code), (tuple(here.get(code, ())), tuple(serving.get(code, ()))),
                  lambda code=code: _region_page(ctx, code, here.get(code, []), serving.get(code, [])))
            for code in sorted(ref.regions)]


def _region_page(ctx: Context, code: str, items: list[Enterprise], serving: list[Enterprise]) -> Page:
    ref = ctx.registry.reference
    L = labels(ref)
    names = per_build(ctx, "list_labels", _list_labels)
    region = ref.regions[code]
    src_uri = f"regions/{region.url_slug}.md"
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
        serving=_by_name(serving),
        total=len(items),
        root=relative_root(src_uri),
        **names,
    )
    return Page(
        src_uri=src_uri,
        title=f"Entreprises collectives : {region.nom}",
        body=body,
        description=f"Répertoire des entreprises collectives de la région {region.nom}, par MRC et par secteur.",
        search=False,
        meta={"kind": "region", "region": code},
    )


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
    # Made again only when an enterprise changed (the preview).
    return reuse(ctx, ("enterprises_index",), ctx.registry.enterprises, lambda: _enterprises_index(ctx))


def _enterprises_index(ctx: Context) -> Page:
    ordered = _by_name(ctx.registry.enterprises)
    grouped: dict[str, list[Enterprise]] = defaultdict(list)
    for e in ordered:
        grouped[initial(e.nom)].append(e)
    # "#" (names starting with a digit or a sign) goes last.
    letters = sorted(grouped.items(), key=lambda lg: (lg[0] == "#", sort_key(lg[0])))
    src_uri = f"{ENTERPRISE.page_dir}index.md"
    return Page(
        src_uri=src_uri,
        title="Entreprises de A à Z",
        body=render(
            "enterprises_index.html",
            letters=letters,
            total=len(ordered),
            root=relative_root(src_uri),
            **per_build(ctx, "list_labels", _list_labels),
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
