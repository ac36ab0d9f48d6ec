"""Site feature: what SEAO shows, from the derived files of ``data/seao/`` (never the network).

- enterprise pages: « Contrats publics publiés au SEAO » (``enterprise_section``);
- declaration pages: SEAO beside the body's own follow-up (``declaration_section``);
- components ``indicateurs-seao`` (/indicateurs/), ``occasions`` (/occasions/), ``donnees-seao`` (/donnees/);
- the files (the matched contracts as CSV with their ``datapackage.json``, one Atom feed of open
  tenders per sector) are the feature ``seao/files.py``.

Only contracts of enterprises present in the registry are shown, and the CSV holds exactly those
rows (the same function gives both). Fictional demo data (``source.yml`` ``exemple: true``) are
marked « Exemple fictif », never linked to the real SEAO, and left out with the demo records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from ..exports.common import repo_root
from ..fmt import money, number
from ..indicators import svg
from ..render.common import per_build
from ..render.env import ROOT_TOKEN, render, safe_url
from ..site import Context
from . import derived
from .registry_links import buyer_key, buyers_of

SECTOR_NONE = "Secteur non précisé"


@dataclass
class View:
    """The SEAO data one build shows, computed once per build."""

    data: derived.SeaoData
    contracts: list[derived.Contract]  # of registry enterprises, by date
    by_enterprise: dict[str, list[derived.Contract]] = field(default_factory=dict)
    bodies: dict[str, list[derived.BodyYear]] = field(default_factory=dict)
    signatory_of: dict[str, str] = field(default_factory=dict)  # contract ocid+award -> declaration id

    @property
    def source(self) -> derived.Source:
        return self.data.source

    def link(self, url: str) -> str:
        """The notice's link, or ``""`` for fictional data (its numbers are invented)."""
        return "" if self.source.exemple else safe_url(url)


def _make(ctx: Context) -> View | None:
    data = ctx.registry.seao
    if data is None and ctx.settings.root is not None:
        # Why: a registry built without the loader (tests, tools) still shows the data root's files.
        data, problems = derived.load(repo_root(ctx))
        data = None if problems else data
    if data is None or (data.source.exemple and not ctx.settings.include_demo):
        return None
    known = {e.id for e in ctx.registry.enterprises}
    contracts = [c for c in data.contracts if c.entreprise in known]
    view = View(data, sorted(contracts, key=lambda c: (c.date, c.ocid, c.attribution, c.neq)))
    for c in view.contracts:
        view.by_enterprise.setdefault(c.entreprise, []).append(c)
    declared = {d.id for d in ctx.registry.declarations}
    for b in data.bodies:
        if b.declaration in declared:
            view.bodies.setdefault(b.declaration, []).append(b)
    # The declarations name their body as SEAO does (``seao``, kept in the model's ``champs``).
    ids, names = buyers_of((d.id, d.champs.get("seao")) for d in ctx.registry.declarations)
    for c in view.contracts:
        body = ids.get(c.acheteur_id) or names.get(buyer_key(c.acheteur))
        if body in declared:
            view.signatory_of[c.ocid, c.attribution] = body
    return view


def view_of(ctx: Context) -> View | None:
    return per_build(ctx, "seao", _make)


def _years(contracts) -> list[tuple[int, int, float]]:
    totals: dict[int, list] = defaultdict(lambda: [0, 0.0])
    for c in contracts:
        totals[c.annee][0] += 1
        totals[c.annee][1] += c.montant_adjuge or 0
    return [(y, n, amount) for y, (n, amount) in sorted(totals.items(), reverse=True)]


def _share(part: float, whole: float) -> str:
    return number(round(100 * part / whole, 1)) + "\u00a0%" if whole else "—"


def enterprise_section(ctx: Context, e) -> Markup:
    view = view_of(ctx)
    rows = view.by_enterprise.get(e.id) if view else None
    if not rows:
        return Markup("")
    return Markup(render("seao/enterprise.html", rows=list(reversed(rows)), years=_years(rows), v=view))


def _target_kind(unit: str | None) -> str | None:
    unit = (unit or "").strip().casefold()
    if unit.startswith("$"):
        return "montant"
    if unit.startswith("contrat"):
        return "contrats"
    return None


def declaration_section(ctx: Context, d) -> Markup:
    view = view_of(ctx)
    rows = view.bodies.get(d.id) if view else None
    if not rows:
        return Markup("")
    reported = {s.annee: s for s in d.suivis}
    targets = [(t, kind) for t in d.cibles if t.valeur is not None and (kind := _target_kind(t.unite))]
    years = [(b, reported.get(b.annee), _share(b.montant_registre, b.montant_total))
             for b in sorted(rows, key=lambda b: b.annee, reverse=True)]
    return Markup(render("seao/declaration.html", years=years, targets=targets, v=view))


# --- /indicateurs/ ------------------------------------------------------------------------------


def _sum(rows, key) -> list[tuple[str, int, float]]:
    totals: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for c in rows:
        k = key(c)
        totals[k][0] += 1
        totals[k][1] += c.montant_adjuge or 0
    return [(k, n, amount) for k, (n, amount) in totals.items()]


def _chart(chart_id: str, title: str, desc: str, rows) -> str:
    return svg.hbar(chart_id, title, desc, [(label, amount, money(amount)) for label, _, amount in rows])


def indicators(ctx: Context) -> str:
    view = view_of(ctx)
    if view is None:
        return render("seao/indicators.html", v=None)
    ref, contracts = ctx.registry.reference, view.contracts
    regions = {e.id: e.region for e in ctx.registry.enterprises}
    years = sorted(_sum(contracts, lambda c: str(c.annee)))
    by_region = sorted(_sum(contracts, lambda c: regions[c.entreprise]), key=lambda r: r[0])
    by_region = [(ref.regions[k].nom if k in ref.regions else k, n, a) for k, n, a in by_region]
    kinds = {True: "Organismes municipaux", False: "Autres organismes publics", None: "Non précisé au SEAO"}
    by_kind = sorted(_sum(contracts, lambda c: kinds[c.municipal]), key=lambda r: list(kinds.values()).index(r[0]))
    sides = ("Organismes signataires d'une déclaration", "Autres organismes")
    by_side = sorted(_sum(contracts, lambda c: sides[(c.ocid, c.attribution) not in view.signatory_of]),
                     key=lambda r: sides.index(r[0]))
    signed: dict[int, list] = defaultdict(lambda: [0, 0.0, 0, 0.0])
    for rows in view.bodies.values():
        for b in rows:
            t = signed[b.annee]
            t[0] += b.contrats
            t[1] += b.montant_total
            t[2] += b.contrats_registre
            t[3] += b.montant_registre
    signed_rows = [(y, *t, _share(t[3], t[1])) for y, t in sorted(signed.items(), reverse=True)]
    charts = {
        "annees": _chart("graphique-seao-annees", "Montants adjugés à des entreprises du registre, par année",
                         "Somme des montants adjugés, selon le SEAO, aux entreprises collectives du registre, "
                         "par année de l'attribution.", years),
        "regions": _chart("graphique-seao-regions", "Montants adjugés, par région de l'entreprise",
                          "Somme des montants adjugés selon la région administrative de l'entreprise du registre.",
                          by_region),
        "types": _chart("graphique-seao-types", "Montants adjugés, par type d'organisme acheteur",
                        "Somme des montants adjugés selon que l'acheteur est un organisme municipal ou non "
                        "(indicateur municipal du SEAO).", by_kind),
        "signataires": _chart("graphique-seao-signataires", "Montants adjugés : signataires et autres organismes",
                              "Somme des montants adjugés selon que l'acheteur a signé une déclaration "
                              "d'engagement inscrite au registre.", by_side),
    }
    return render("seao/indicators.html", v=view, charts=charts, years=years, by_region=by_region,
                  by_kind=by_kind, by_side=by_side, signed=signed_rows, total=sum(a for _, _, a in years))


# --- /occasions/ --------------------------------------------------------------------------------


def sector_names(ctx: Context) -> dict[str, str]:
    return {k: t.label for k, t in ctx.registry.reference.secteurs.items()}


def occasions(ctx: Context) -> str:
    view = view_of(ctx)
    if view is None:
        return render("seao/occasions.html", v=None)
    ref, names = ctx.registry.reference, sector_names(ctx)
    items = sorted(view.data.occasions, key=lambda o: (o.date_limite, o.ocid))
    by_region: dict[str, list] = defaultdict(list)
    for o in items:
        by_region[o.region].append(o)
    regions = [(code, ref.regions[code].nom if code in ref.regions else "Région non précisée au SEAO", rows)
               for code, rows in sorted(by_region.items(), key=lambda kv: (kv[0] == "", kv[0]))]
    by_sector: dict[str, list] = defaultdict(list)
    for o in items:
        for s in o.secteurs or ("",):
            by_sector[s].append(o)
    sectors = [(s, names.get(s, SECTOR_NONE if not s else s), rows) for s, rows in sorted(by_sector.items())]
    return render("seao/occasions.html", v=view, regions=regions, sectors=sectors, total=len(items),
                  names={e.id: e.nom for e in ctx.registry.enterprises}, root=ROOT_TOKEN)


def donnees(ctx: Context) -> str:
    return render("seao/donnees.html", v=view_of(ctx), root=ROOT_TOKEN)


def components(ctx: Context) -> dict[str, str]:
    return {"indicateurs-seao": indicators(ctx), "occasions": occasions(ctx), "donnees-seao": donnees(ctx)}
