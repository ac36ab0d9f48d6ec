"""Atom feeds: declarations (by adoption date) and enterprises (by last update), newest first.

Each feed carries the FEED_SIZE newest entries, as feed readers expect: they poll the feed
and keep what they have already seen; the whole registry is in the CSV and JSON files.
Every date comes from the records (adoptee_le, mise_a_jour), never from the clock, so two
builds of the same data give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re

from feedgen.feed import FeedGenerator

from ..fmt import date_fr
from ..kinds.catalogue import DECLARATION, ENTERPRISE
from ..site import Context, Output
from .common import LICENCE, base_url, label, page_url, region_name

FEED_SIZE = 50  # entries per feed

# Why: XML 1.0 cannot carry most control characters; lxml would refuse a hostile field.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


# Dates are calendar days in Quebec: midnight Eastern Standard Time.
EASTERN = dt.timezone(dt.timedelta(hours=-5))
EPOCH = dt.date(2011, 1, 1)  # feed date when there is no record at all (the plan's year)


def _instant(d: dt.date) -> dt.datetime:
    return dt.datetime.combine(d, dt.time(0, 0), tzinfo=EASTERN)


def _feed(ctx: Context, path: str, title: str, subtitle: str, page: str, newest: dt.date) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(page_url(ctx.settings, path))
    fg.title(title)
    fg.subtitle(subtitle)
    fg.language("fr-CA")
    fg.link(href=page_url(ctx.settings, path), rel="self", type="application/atom+xml")
    fg.link(href=page_url(ctx.settings, page), rel="alternate", type="text/html")
    fg.author({"name": "Registre L'économie sociale, j'achète!", "uri": base_url(ctx.settings)})
    fg.rights(f"Données sous licence {LICENCE['title']} ({LICENCE['path']})")
    fg.generator("jachete", uri=base_url(ctx.settings))
    fg.updated(_instant(newest))
    return fg


def newest_declarations(ctx: Context) -> list:
    """The declarations of the feed: the FEED_SIZE most recently adopted, newest first."""
    return heapq.nlargest(FEED_SIZE, ctx.registry.declarations, key=lambda d: (d.adoptee_le, d.id))


def newest_enterprises(ctx: Context) -> list:
    """The enterprises of the feed: the FEED_SIZE most recently updated, newest first."""
    return heapq.nlargest(FEED_SIZE, ctx.registry.enterprises, key=lambda e: (e.mise_a_jour, e.id))


def declarations_feed(ctx: Context) -> bytes:
    ref = ctx.registry.reference
    decls = newest_declarations(ctx)
    newest = decls[0].adoptee_le if decls else EPOCH
    fg = _feed(ctx, "donnees/declarations.atom", "Déclarations d'engagement — L'économie sociale, j'achète!",
               "Les déclarations d'engagement à l'achat public auprès des entreprises collectives les plus "
               f"récentes (jusqu'à {FEED_SIZE}), de la plus récente à la plus ancienne.", DECLARATION.page_dir, newest)
    for d in decls:
        url = page_url(ctx.settings, DECLARATION.page_path(d.id))
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.title(_clean(d.organisme.nom) + (" (exemple fictif)" if d.exemple else ""))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.updated(_instant(d.adoptee_le))
        entry.published(_instant(d.adoptee_le))
        entry.summary(_clean(
            f"{d.organisme.nom} ({label(ref.types_organismes, d.organisme.type)}, "
            f"{region_name(ref, d.organisme.region)}) a adopté une déclaration d'engagement "
            f"le {date_fr(d.adoptee_le)} (résolution {d.resolution})."
        ))
    return fg.atom_str(pretty=True)


def enterprises_feed(ctx: Context) -> bytes:
    ref = ctx.registry.reference
    ents = newest_enterprises(ctx)
    newest = ents[0].mise_a_jour if ents else EPOCH
    fg = _feed(ctx, "donnees/entreprises.atom", "Entreprises collectives ajoutées ou mises à jour",
               "Les fiches d'entreprises collectives les plus récemment ajoutées ou mises à jour "
               f"(jusqu'à {FEED_SIZE}), de la plus récente à la plus ancienne.", ENTERPRISE.page_dir, newest)
    for e in ents:
        url = page_url(ctx.settings, ENTERPRISE.page_path(e.id))
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.title(_clean(e.nom) + (" (exemple fictif)" if e.exemple else ""))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.updated(_instant(e.mise_a_jour))
        entry.summary(_clean(
            f"{label(ref.formes_juridiques, e.forme_juridique)} — {e.municipalite} "
            f"({region_name(ref, e.region)}). Secteurs : "
            + ", ".join(label(ref.secteurs, s) for s in e.secteurs) + "."
        ))
    return fg.atom_str(pretty=True)


def outputs(ctx: Context) -> list[Output]:
    return [
        Output("donnees/declarations.atom", declarations_feed(ctx)),
        Output("donnees/entreprises.atom", enterprises_feed(ctx)),
    ]


# The tags the site's <head> carries (overrides/main.html) so readers find the feeds.
def head_links(settings) -> list[str]:
    return [
        f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{page_url(settings, path)}">'
        for title, path in (
            ("Déclarations d'engagement", "donnees/declarations.atom"),
            ("Entreprises ajoutées ou mises à jour", "donnees/entreprises.atom"),
        )
    ]
