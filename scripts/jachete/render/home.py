"""Components of the home page: key figures and the latest declarations."""

from __future__ import annotations

from ..site import Context
from .common import labels
from .declarations import newest_first
from .env import ROOT_TOKEN, render


def key_figures(ctx: Context) -> dict[str, int]:
    reg = ctx.registry
    covered = {e.region for e in reg.enterprises} | {d.organisme.region for d in reg.declarations}
    return {
        "n_entreprises": len(reg.enterprises),
        "n_declarations": len(reg.declarations),
        "n_regions": len(covered & set(reg.reference.regions)),
        "n_regions_total": len(reg.reference.regions),
    }


def components(ctx: Context) -> dict[str, str]:
    return {
        "chiffres-cles": render("partials/chiffres_cles.html", root=ROOT_TOKEN, **key_figures(ctx)),
        "dernieres-declarations": render(
            "partials/dernieres_declarations.html",
            items=newest_first(ctx.registry.declarations)[:5],
            L=labels(ctx.registry.reference),
            root=ROOT_TOKEN,
        ),
    }
