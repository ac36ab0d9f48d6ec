"""Files of the SEAO feature: ``donnees/seao/contrats.csv`` with its ``datapackage.json``, and one Atom
feed of open tenders per sector (``donnees/occasions/<secteur>.atom``)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from feedgen.feed import FeedGenerator

from ..exports.common import PUBLISHER, base_url, json_bytes, page_url
from ..exports.feeds import _clean, _instant
from ..fmt import date_fr
from ..site import Context, Output
from ..spreadsheet import neutralised
from .site import sector_names, view_of

# (name, type, description): each column described once, here.
COLUMNS = (
    ("annee", "integer", "Année de la date d'attribution."),
    ("date", "date", "Date de l'attribution (à défaut, date de la publication) au SEAO."),
    ("ocid", "string", "Identifiant OCDS du processus d'achat (ocds-ec9k95-<numéro SEAO>)."),
    ("numero_seao", "string", "Numéro de l'avis au SEAO."),
    ("attribution", "string", "Identifiant de l'attribution dans le processus."),
    ("acheteur_id", "string", "Identifiant de l'acheteur au SEAO (OP-…)."),
    ("acheteur", "string", "Nom de l'acheteur, tel que le SEAO l'écrit."),
    ("municipal", "boolean", "Organisme municipal selon le SEAO (vide si le SEAO ne le dit pas)."),
    ("entreprise", "string", "Identifiant de l'entreprise du registre (page /entreprises/<id>/)."),
    ("neq", "string", "Numéro d'entreprise du Québec du fournisseur, clé du rapprochement."),
    ("fournisseur", "string", "Nom du fournisseur, tel que le SEAO l'écrit."),
    ("objet", "string", "Titre de l'avis."),
    ("montant_adjuge", "number", "Montant adjugé, en dollars (taxes incluses ou non : non confirmé)."),
    ("montant_final", "number", "Montant final ou réglé des contrats de l'attribution, en dollars, s'il est publié."),
    ("avis", "string", "Adresse de l'avis au SEAO ; vide pour les données fictives de démonstration."),
    ("exemple", "boolean", "true pour une donnée fictive de démonstration."),
)


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    return neutralised(str(value)) if isinstance(value, str) else str(value)


def contracts_csv(ctx: Context) -> bytes:
    view = view_of(ctx)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in COLUMNS])
    fictional = view.source.exemple
    for c in view.contracts:
        writer.writerow(_cell(v) for v in (
            c.annee, c.date.isoformat(), c.ocid, c.numero_seao, c.attribution, c.acheteur_id, c.acheteur,
            c.municipal, c.entreprise, c.neq, c.fournisseur, c.objet, c.montant_adjuge, c.montant_final,
            "" if fictional else c.avis, fictional))
    return buf.getvalue().encode("utf-8")


def datapackage(ctx: Context) -> dict:
    source = view_of(ctx).source
    return {
        "name": "jachete-seao",
        "title": "Contrats publics du SEAO attribués à des entreprises collectives du registre",
        "description": f"{source.limite}. Extraction du {date_fr(source.date_extraction)}."
                       + (" Données FICTIVES de démonstration." if source.exemple else ""),
        "homepage": base_url(ctx.settings) + "donnees/",
        "sources": [{"title": source.source, "path": source.jeu_de_donnees}],
        "licenses": [{"name": "non-confirmee", "title": source.licence}],
        "contributors": [{"title": PUBLISHER, "role": "publisher"}],
        "resources": [{
            "name": "contrats-seao", "type": "table", "path": "contrats.csv", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": "Contrats publiés au SEAO",
            "description": "Une ligne par attribution et entreprise du registre (rapprochement par NEQ).",
            "schema": {"fields": [{"name": n, "type": t, "description": d} for n, t, d in COLUMNS],
                       "primaryKey": ["ocid", "attribution", "neq"]},
        }],
    }


def sector_feed(ctx: Context, sector: str, label: str, rows) -> bytes:
    view = view_of(ctx)
    path = f"donnees/occasions/{sector}.atom"
    fg = FeedGenerator()
    fg.id(page_url(ctx.settings, path))
    fg.title(f"Appels d'offres ouverts — {label}")
    fg.subtitle(f"Avis du SEAO ouverts au {date_fr(view.source.occasions_au)} qui correspondent à une offre "
                f"d'une entreprise du registre, secteur {label}. {view.source.attribution}."
                + (" Données fictives de démonstration." if view.source.exemple else ""))
    fg.language("fr-CA")
    fg.link(href=page_url(ctx.settings, path), rel="self", type="application/atom+xml")
    fg.link(href=page_url(ctx.settings, "occasions/"), rel="alternate", type="text/html")
    fg.author({"name": PUBLISHER, "uri": base_url(ctx.settings)})
    fg.rights(f"{view.source.attribution} ; licence : {view.source.licence}")
    fg.updated(_instant(view.source.occasions_au or view.source.date_extraction or dt.date(2011, 1, 1)))
    for o in rows:
        entry = fg.add_entry(order="append")
        entry.id(f"{page_url(ctx.settings, 'occasions/')}#{o.ocid}")
        entry.title(_clean(o.titre) + (" (exemple fictif)" if view.source.exemple else ""))
        link = view.link(o.avis)
        entry.link(href=link or page_url(ctx.settings, f"occasions/#secteur-{sector}"), rel="alternate",
                   type="text/html")
        entry.updated(_instant(view.source.occasions_au or o.date_limite))
        entry.summary(_clean(f"{o.acheteur} — date limite : {date_fr(o.date_limite)} — avis n° {o.numero_seao}"))
    return fg.atom_str(pretty=True)


def outputs(ctx: Context) -> list[Output]:
    view = view_of(ctx)
    if view is None:
        return []
    out = [Output("donnees/seao/contrats.csv", contracts_csv(ctx)),
           Output("donnees/seao/datapackage.json", json_bytes(datapackage(ctx)))]
    names = sector_names(ctx)
    by_sector: dict[str, list] = {}
    for o in sorted(view.data.occasions, key=lambda o: (o.date_limite, o.ocid)):
        for s in o.secteurs:
            by_sector.setdefault(s, []).append(o)
    out += [Output(f"donnees/occasions/{s}.atom", sector_feed(ctx, s, names.get(s, s), rows))
            for s, rows in sorted(by_sector.items())]
    return out
