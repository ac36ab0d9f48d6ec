"""The /evenements/ calendar component and the .ics outputs."""

from __future__ import annotations

from collections import defaultdict

from ..render.env import render
from ..site import Context, Output
from .ics import calendar
from .model import Event

NO_REGION = "Toute la province ou en ligne"


def events_of(ctx: Context) -> list[Event]:
    """The registry's events (read by ``registry.load`` with the other records)."""
    return [e for e in ctx.registry.events if ctx.settings.include_demo or not e.exemple]


def _site(ctx: Context) -> str:
    return ctx.settings.site_url.rstrip("/") + "/"


def _by_region(ctx: Context, events: list[Event]) -> list[tuple[str, str, list[Event]]]:
    """[(anchor, heading, events)] ordered by region code, province-wide last."""
    regions = ctx.registry.reference.regions
    groups: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        groups[e.region or ""].append(e)
    out = []
    for code in sorted(groups, key=lambda c: (c == "", c)):
        if code:
            name = regions[code].nom if code in regions else code
            out.append((f"region-{code}", f"{name} ({code})", groups[code]))
        else:
            out.append(("province", NO_REGION, groups[code]))
    return out


def components(ctx: Context) -> dict[str, str]:
    today = ctx.settings.today
    events = events_of(ctx)
    upcoming = sorted((e for e in events if not e.is_past(today)), key=lambda e: (e.debut, e.id))
    past = sorted((e for e in events if e.is_past(today)), key=lambda e: (e.debut, e.id), reverse=True)
    values = {
        "today": today,
        "upcoming": upcoming,
        "past": past,
        "upcoming_by_region": _by_region(ctx, upcoming),
        "total": len(events),
    }
    return {f"evenements-{name}": render("events/calendar.html", section=name, **values)
            for name in ("a-venir", "passes")}


def outputs(ctx: Context) -> list[Output]:
    events = events_of(ctx)
    page = _site(ctx) + "evenements/"
    out = [Output("evenements/evenements.ics",
                  calendar(events, _site(ctx), page, "L'économie sociale, j'achète! — événements"))]
    for e in events:
        out.append(Output(f"evenements/{e.id}.ics", calendar([e], _site(ctx), page, e.titre)))
    return out
