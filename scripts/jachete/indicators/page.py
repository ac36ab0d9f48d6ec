"""The /indicateurs/ component: the plan's follow-up indicators as figures, charts and tables."""

from __future__ import annotations

from ..events.model import TYPES as EVENT_TYPES
from ..events.page import events_of
from ..fmt import money, number
from ..render.env import render
from ..site import Context
from . import compute, svg

# The page's sections, in order; content/indicateurs/index.md holds a heading and a marker
# <!-- jachete:indicateurs-NAME --> for each.
SECTIONS = ("declarations", "grandes-villes", "population", "cibles-suivis", "entreprises", "evenements", "plan")


def _rows(rows: list[compute.Row]) -> list[tuple[str, float, str]]:
    return [(r.label, r.value, number(r.value)) for r in rows]


def _percent(part: float, whole: float | None) -> str:
    if not whole:
        return "—"
    return number(round(100 * part / whole, 1)) + "\u00a0%"


def charts(ctx: Context) -> dict[str, str]:
    """Every chart of the page, by id (also used by the screenshot tests)."""
    reg = ctx.registry
    years = compute.declarations_by_year(reg)
    regions = compute.enterprises_by_region(reg)
    return {
        "graphique-declarations-annees": svg.vbar(
            "graphique-declarations-annees", "Déclarations adoptées, total cumulé par année",
            "Nombre total de déclarations d'engagement adoptées à la fin de chaque année : "
            + "; ".join(f"{y} : {c}" for y, _, c in years) + ".",
            [(str(y), c, number(c)) for y, _, c in years]),
        "graphique-declarations-types": svg.hbar(
            "graphique-declarations-types", "Déclarations par type d'organisme",
            "Nombre de déclarations selon le type d'organisme signataire.",
            _rows(compute.declarations_by_type(reg))),
        "graphique-declarations-regions": svg.hbar(
            "graphique-declarations-regions", "Déclarations par région administrative",
            "Nombre de déclarations selon la région de l'organisme signataire, pour les 17 régions.",
            _rows(compute.declarations_by_region(reg))),
        "carte-entreprises-regions": svg.tile_map(
            "carte-entreprises-regions", "Entreprises collectives par région (carte en tuiles)",
            "Dix-sept tuiles disposées à peu près comme les régions administratives, de l'ouest à l'est "
            "et du nord au sud ; chaque tuile donne le nombre d'entreprises de la région, et sa teinte "
            "est d'autant plus foncée que ce nombre est grand.",
            {r.key: int(r.value) for r in regions}, {r.key: r.label for r in regions}),
        "graphique-entreprises-formes": svg.hbar(
            "graphique-entreprises-formes", "Entreprises par forme juridique",
            "Nombre d'entreprises collectives selon leur forme juridique.",
            _rows(compute.enterprises_by_form(reg))),
        "graphique-entreprises-secteurs": svg.hbar(
            "graphique-entreprises-secteurs", "Entreprises par secteur d'activité",
            "Nombre d'entreprises par secteur ; une entreprise active dans plusieurs secteurs compte dans chacun.",
            _rows(compute.enterprises_by_sector(reg))),
    }


def components(ctx: Context) -> dict[str, str]:
    reg = ctx.registry
    events = events_of(ctx)
    cov = compute.municipal_coverage(reg)
    tf = compute.targets_followups(reg)
    cities = compute.big_cities(reg)
    ev = compute.event_figures(events, ctx.settings.today, EVENT_TYPES)
    trainings = next((n for t, _, n in ev.held_by_type if t == "formation"), 0)
    values = {
        "charts": charts(ctx),
        "today": ctx.settings.today,
        "include_demo": ctx.settings.include_demo,
        "n_declarations": len(reg.declarations),
        "n_enterprises": len(reg.enterprises),
        "published_own": sum(1 for d in reg.declarations if compute.published_on_own_site(d)),
        "years": compute.declarations_by_year(reg),
        "by_type": compute.declarations_by_type(reg),
        "by_regime": compute.declarations_by_regime(reg),
        "decl_regions": compute.declarations_by_region(reg),
        "cities": cities,
        "cities_signed": sum(1 for _, d in cities if d),
        "cov": cov,
        "cov_share": _percent(cov.population_covered, cov.population_total),
        "tf": tf,
        "ent_regions": compute.enterprises_by_region(reg),
        "forms": compute.enterprises_by_form(reg),
        "sectors": compute.enterprises_by_sector(reg),
        "directories": compute.regions_with_directory(reg),
        "n_regions": len(reg.reference.regions),
        "ev": ev,
        "trainings": trainings,
        "money": money,
    }
    return {f"indicateurs-{name}": render("indicators/page.html", section=name, **values) for name in SECTIONS}
