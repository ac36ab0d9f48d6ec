"""Hand-built reference data and records for the exports, indicators and events tests.

Built directly as model objects (not from data/), so the tests know every count by construction.
"""

from __future__ import annotations

import datetime as dt

from conftest import REPO
from jachete.model import (
    BigCity,
    Body,
    Cooperative,
    Declaration,
    Enterprise,
    FollowUp,
    Mrc,
    Offer,
    Reference,
    Region,
    Registry,
    Signatory,
    Target,
    Term,
)
from jachete.site import Context, Settings

REGION_NAMES = {
    "01": "Bas-Saint-Laurent", "02": "Saguenay–Lac-Saint-Jean", "03": "Capitale-Nationale", "04": "Mauricie",
    "05": "Estrie", "06": "Montréal", "07": "Outaouais", "08": "Abitibi-Témiscamingue", "09": "Côte-Nord",
    "10": "Nord-du-Québec", "11": "Gaspésie–Îles-de-la-Madeleine", "12": "Chaudière-Appalaches", "13": "Laval",
    "14": "Lanaudière", "15": "Laurentides", "16": "Montérégie", "17": "Centre-du-Québec",
}
CITIES = [  # rank, code_geo, name, region, population (FACTS §1.4)
    (1, "66023", "Montréal", "06", 1948747), (2, "23027", "Québec", "03", 594443),
    (3, "65005", "Laval", "13", 458981), (4, "81017", "Gatineau", "07", 302616),
    (5, "58227", "Longueuil", "16", 267524), (6, "43027", "Sherbrooke", "05", 184667),
    (7, "25213", "Lévis", "12", 159049), (8, "94068", "Saguenay", "02", 151972),
    (9, "37067", "Trois-Rivières", "04", 148469), (10, "64008", "Terrebonne", "14", 124919),
]


def slug(name: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "".join(ch if ch.isalnum() else "-" for ch in s).strip("-").replace("--", "-")


def reference() -> Reference:
    regions = {c: Region(c, n, slug(n), 100000 + int(c)) for c, n in REGION_NAMES.items()}
    mrcs = {"371": Mrc("371", "Trois-Rivières", "04", "TE"), "66": Mrc("66", "Montréal", "06", "TE"),
            "23": Mrc("23", "Québec", "03", "TE")}
    secteurs = {s: Term(s, s.replace("-", " ").capitalize()) for s in ("alimentation", "traiteur", "habitation")}
    formes = {"cooperative": Term("cooperative", "Coopérative"), "mutuelle": Term("mutuelle", "Mutuelle"),
              "obnl": Term("obnl", "Organisme à but non lucratif (OBNL)")}
    coops = {"solidarite": Term("solidarite", "Coopérative de solidarité"), "travail": Term("travail", "Travail")}
    types = {
        "ministere": Term("ministere", "Ministère", extra={"regime": "public"}),
        "education": Term("education", "Réseau de l'éducation", extra={"regime": "public"}),
        "municipalite": Term("municipalite", "Municipalité", extra={"regime": "municipal"}),
        "mrc": Term("mrc", "MRC", extra={"regime": "municipal"}),
    }
    cities = [BigCity(r, code, n, reg, pop, "MAMH", "2025") for r, code, n, reg, pop in CITIES]
    return Reference(regions, mrcs, secteurs, formes, coops, types, cities)


def enterprise(id: str, **kw) -> Enterprise:
    base = {
        "id": id, "nom": f"Entreprise {id}", "forme_juridique": "obnl", "neq": "1171234563", "region": "04", "mrc": "371",
        "municipalite": "Trois-Rivières", "adresse": "1250, rue des Forges", "code_postal": "G9A 2G8",
        "description": "Description.", "secteurs": ("alimentation",),
        "offres": (Offer("Traiteur", "Repas.", ("90101600",)),), "mise_a_jour": dt.date(2026, 10, 1),
        "source_path": f"data/enterprises/{id}.yml",
    }
    base.update(kw)
    return Enterprise(**base)


def declaration(id: str, **kw) -> Declaration:
    body = kw.pop("organisme", None) or Body(f"Ville {id}", "municipalite", f"https://{id}.example.ca/", "04")
    base = {
        "id": id, "organisme": body, "adoptee_le": dt.date(2026, 3, 14), "resolution": "CM-1",
        "signataire": Signatory("Hélène Tremblay", "Mairesse"),
        "document_signe": f"https://{id}.example.ca/declaration.pdf", "source_path": f"data/declarations/{id}.yml",
    }
    base.update(kw)
    return Declaration(**base)


def sample_registry(**extra) -> Registry:
    """A small registry: 4 enterprises (3 with coordinates), 4 declarations (2 big cities)."""
    ents = (
        enterprise("alpha", forme_juridique="cooperative", cooperative=Cooperative("solidarite", True),
                   latitude=46.34, longitude=-72.54, secteurs=("alimentation", "traiteur"),
                   offres=(Offer("Traiteur", "Repas.", ("90101600", "90101700")),
                           Offer("Boîtes à lunch", "Midi.", ("50192100",))), exemple=True),
        enterprise("beta", region="06", mrc="66", municipalite="Montréal", latitude=45.5, longitude=-73.6,
                   secteurs=("habitation",), description="=HYPERLINK(\"http://x\")"),
        enterprise("gamma", region="06", mrc="66", forme_juridique="mutuelle", latitude=45.51, longitude=-73.58,
                   mise_a_jour=dt.date(2026, 11, 2)),
        enterprise("delta", region="03", mrc="23", nom='Café </script><!-- "Le Passage" & fils'),
    )
    decls = (
        declaration("ville-de-montreal", organisme=Body("Ville de Montréal", "municipalite",
                    "https://montreal.ca/", "06", "66023"), adoptee_le=dt.date(2024, 5, 2),
                    document_signe="https://montreal.ca/docs/decl.pdf",
                    cibles=(Target("Plus d'achats", 5, "%", dt.date(2028, 12, 31)), Target("Former les acheteurs")),
                    suivis=(FollowUp(2025, 12, 184500.0), FollowUp(2024, 3, 20000.5, "Début."))),
        declaration("ville-de-quebec", organisme=Body("Ville de Québec", "municipalite",
                    "https://www.ville.quebec.qc.ca/", "03", "23027"), adoptee_le=dt.date(2025, 1, 20),
                    document_signe="https://autre-domaine.example.org/decl.pdf"),
        declaration("cegep-x", organisme=Body("Cégep X", "education", "https://cegepx.example.ca/", "04"),
                    adoptee_le=dt.date(2026, 2, 1), cibles=(Target("Un contrat par an", 1, "contrat"),),
                    suivis=(FollowUp(2026, None, None, "Rien encore."),), exemple=True),
        declaration("petite-ville", organisme=Body("Petite-Ville", "municipalite",
                    "https://petite-ville.example.ca/", "17", "99999"), adoptee_le=dt.date(2026, 3, 14)),
    )
    # The loader's contract: records sorted by id.
    if "events" in extra:
        extra["events"] = tuple(extra["events"])
    return Registry(reference(), tuple(sorted(ents, key=lambda e: e.id)),
                    tuple(sorted(decls, key=lambda d: d.id)), **extra)


def ctx(registry: Registry | None = None, **settings) -> Context:
    base = {"site_url": "https://registre.example.org/", "include_demo": True, "today": dt.date(2026, 11, 27),
            "root": REPO}
    base.update(settings)
    return Context(registry or sample_registry(), Settings(**base))
