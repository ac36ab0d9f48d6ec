"""Typed, read-only model of a validated registry.

Only records that passed validation become model objects (``registry.build``);
every later stage (pages, exports, indicators, search) reads these objects and
never the raw YAML. Field names follow the YAML keys (French) so that grepping a
key finds where it is defined (schema), validated, modelled, rendered and exported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # events/__init__ loads the events' reader, which needs this module
    from .events.model import Event

# --- Reference data (data/reference/) ---------------------------------------------------------


@dataclass(frozen=True)
class Region:
    code: str  # "01".."17"
    nom: str  # official name, with its en dash where it has one
    slug: str  # "saguenay-lac-saint-jean"
    population: int | None = None

    @property
    def url_slug(self) -> str:
        """Stable URL segment: ``06-montreal``."""
        return f"{self.code}-{self.slug}"


@dataclass(frozen=True)
class Mrc:
    code: str  # SDA code: "371", "66", "07"
    nom: str
    region: str  # region code
    type: str  # "MRC" or "TE" (equivalent territory)


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary (sectors, legal forms, body types, cooperative types)."""

    id: str
    label: str
    description: str = ""
    extra: dict = field(default_factory=dict)  # e.g. body type -> {"regime": "municipal"}


@dataclass(frozen=True)
class BigCity:
    rang: int
    code_geo: str
    nom: str
    region: str
    population: int
    source: str
    date: str


@dataclass(frozen=True)
class Reference:
    regions: dict[str, Region]  # by code
    mrcs: dict[str, Mrc]  # by SDA code
    secteurs: dict[str, Term]
    formes_juridiques: dict[str, Term]
    types_cooperatives: dict[str, Term]
    types_organismes: dict[str, Term]  # extra["regime"] in {"public", "municipal"}
    grandes_villes: list[BigCity]


# --- Enterprises (data/enterprises/<id>.yml) --------------------------------------------------


@dataclass(frozen=True)
class Offer:
    titre: str
    description: str
    unspsc: tuple[str, ...]


@dataclass(frozen=True)
class Cooperative:
    type: str  # id in types_cooperatives
    sans_ristourne: bool  # articles forbid rebates and interest on preferred shares
    designee_par_ministre: bool = False  # LCV 573.3.5 designation (solidarity cooperatives)


@dataclass(frozen=True)
class Enterprise:
    id: str
    nom: str
    forme_juridique: str  # "cooperative" | "mutuelle" | "obnl"
    neq: str
    region: str
    mrc: str
    municipalite: str
    adresse: str
    code_postal: str
    description: str
    secteurs: tuple[str, ...]
    offres: tuple[Offer, ...]
    mise_a_jour: dt.date
    source_path: str  # "data/enterprises/<id>.yml", for "Modifier" / "Historique" links
    cooperative: Cooperative | None = None
    latitude: float | None = None
    longitude: float | None = None
    regions_desservies: tuple[str, ...] = ()
    site_web: str | None = None
    courriel: str | None = None
    telephone: str | None = None
    boutique_en_ligne: str | None = None
    exemple: bool = False  # fictional demo record
    # The fields of kinds/enterprise.yml this class does not name, by key (read-only).
    champs: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


# --- Declarations (data/declarations/<id>.yml) ------------------------------------------------


@dataclass(frozen=True)
class Body:
    nom: str
    type: str  # id in types_organismes
    site_web: str
    region: str
    code_geo: str | None = None  # MAMH geographic code, for a municipality


@dataclass(frozen=True)
class Signatory:
    nom: str
    titre: str


@dataclass(frozen=True)
class Target:
    description: str
    valeur: float | None = None
    unite: str | None = None
    echeance: dt.date | None = None


@dataclass(frozen=True)
class FollowUp:
    annee: int
    nombre_contrats: int | None = None
    montant: float | None = None  # dollars
    note: str | None = None


@dataclass(frozen=True)
class Declaration:
    id: str
    organisme: Body
    adoptee_le: dt.date
    resolution: str
    signataire: Signatory
    document_signe: str
    source_path: str
    texte: str | None = None  # the body's own wording; None means the model text
    cibles: tuple[Target, ...] = ()
    suivis: tuple[FollowUp, ...] = ()
    exemple: bool = False
    # The fields of kinds/declaration.yml this class does not name, by key (read-only).
    champs: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


# --- The whole registry -----------------------------------------------------------------------


@dataclass(frozen=True)
class Registry:
    reference: Reference
    enterprises: tuple[Enterprise, ...]  # sorted by id
    declarations: tuple[Declaration, ...]  # sorted by id
    events: tuple[Event, ...] = ()  # data/events/, sorted by start date then id
    regles: Mapping[str, Any] | None = None  # data/rules/regles.yml, validated
    seao: Any = None  # data/seao/ derived files, checked (jachete.seao.derived.SeaoData)
