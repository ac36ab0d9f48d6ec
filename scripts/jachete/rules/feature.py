"""Site feature: the rule tables (components) and the rules JSON (output).

The rules are read from ``registry.regles`` when the registry loader put them
there, else from data/rules/regles.yml of the data folder (``settings.root``), else of the
site's own folder (``settings.project_root``). Invalid rules stop the build:
``jachete validate`` reports why.
"""

from __future__ import annotations

from pathlib import Path

from ..site import Context, Output, data_root
from . import tables
from .export import JSON_PATH, to_json
from .validate import RULES_PATH, load_rules


def _root(ctx: Context) -> Path:
    # The site may be built from another data folder; one without rules of its own gets the
    # site's (the rule pages of content/ are the site's, not the data's).
    root = data_root(ctx.settings)
    project = ctx.settings.project_root
    if not (root / RULES_PATH).is_file() and project is not None:
        return Path(project)
    return root


def rules_data(ctx: Context) -> dict:
    data = ctx.registry.regles if ctx.registry is not None else None
    if data is not None:
        return data
    data, problems = load_rules(_root(ctx))
    if data is None:
        raise ValueError("règles invalides : " + "; ".join(p.format() for p in problems if p.is_error))
    return data


def components(ctx: Context) -> dict[str, str]:
    data = rules_data(ctx)
    today = ctx.settings.today
    return {
        "seuils": tables.render_thresholds(data, today),
        "regles-publics": tables.render_rules(data, "public", today),
        "regles-municipaux": tables.render_rules(data, "municipal", today),
        "regles-sources": tables.render_sources(data, today),
        "regles-formulaire": tables.render_form(data, today),
    }


def outputs(ctx: Context) -> list[Output]:
    return [Output(JSON_PATH, to_json(rules_data(ctx)))]
