"""The tabular exports, described once: each column's name, type, French description and value.

The same description writes the CSV files, the Frictionless table schemas of
datapackage.json and the field tables of the /donnees/ page, so the three never drift.
Lists inside a record are flattened by joining their items with `` | `` (SEP); the
unambiguous, one-row-per-item form of offers, targets and follow-ups is in its own file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..kinds.fields import CSV_TYPES, field_table
from ..model import Declaration, Enterprise, FollowUp, Offer, Reference, Target
from ..site import Context
from .common import iso, label, num, page_url, region_name

SEP = " | "


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless field type: string, integer, number, boolean, date
    description: str
    get: Callable  # (row_source, ctx) -> value


@dataclass(frozen=True)
class Table:
    name: str  # resource name and file stem: entreprises -> entreprises.csv
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Context], Iterable]  # row sources, in a stable order
    primary_key: tuple[str, ...] = ("id",)
    foreign_key: tuple[str, str] | None = None  # (column, table) referencing table.id


def _joined(values: Iterable[str]) -> str:
    return SEP.join(values)


def champs_columns(kind: str, model: type) -> tuple[Column, ...]:
    """The columns of the exported fields that the model keeps in ``champs`` (kinds/<kind>.yml).

    A field added to the schema and the field table is exported without a line here.
    """
    def getter(key: str, is_list: bool) -> Callable:
        if is_list:
            return lambda r, c: _joined(map(str, r.champs.get(key) or ()))
        return lambda r, c: r.champs.get(key)

    return tuple(Column(f.key, CSV_TYPES[f.type], f.column_description, getter(f.key, f.type == "list"))
                 for f in field_table(kind).extra(model) if f.export and f.csv)


def _ref(ctx: Context) -> Reference:
    return ctx.registry.reference


# --- entreprises.csv ----------------------------------------------------------------------------

E = Enterprise
ENTERPRISE_COLUMNS = (
    Column("id", "string", "Identifiant de la fiche (nom du fichier data/enterprises/<id>.yml).",
           lambda e, c: e.id),
    Column("nom", "string", "Nom de l'entreprise.", lambda e, c: e.nom),
    Column("forme_juridique", "string", "Forme juridique : cooperative, mutuelle ou obnl.",
           lambda e, c: e.forme_juridique),
    Column("forme_juridique_libelle", "string", "Libellé de la forme juridique.",
           lambda e, c: label(_ref(c).formes_juridiques, e.forme_juridique)),
    Column("cooperative_type", "string", "Type de coopérative (vide si ce n'est pas une coopérative).",
           lambda e, c: e.cooperative.type if e.cooperative else None),
    Column("cooperative_sans_ristourne", "boolean",
           "Les statuts interdisent ristournes et intérêts sur les parts privilégiées (coopératives).",
           lambda e, c: e.cooperative.sans_ristourne if e.cooperative else None),
    Column("cooperative_designee_par_ministre", "boolean",
           "Coopérative de solidarité désignée par le ministre (coopératives).",
           lambda e, c: e.cooperative.designee_par_ministre if e.cooperative else None),
    Column("neq", "string", "Numéro d'entreprise du Québec (10 chiffres).", lambda e, c: e.neq),
    Column("region", "string", "Code de la région administrative (01 à 17).", lambda e, c: e.region),
    Column("region_nom", "string", "Nom officiel de la région administrative.",
           lambda e, c: region_name(_ref(c), e.region)),
    Column("mrc", "string", "Code de la MRC ou du territoire équivalent (SDA).", lambda e, c: e.mrc),
    Column("mrc_nom", "string", "Nom de la MRC ou du territoire équivalent.",
           lambda e, c: _ref(c).mrcs[e.mrc].nom if e.mrc in _ref(c).mrcs else None),
    Column("municipalite", "string", "Municipalité de l'adresse.", lambda e, c: e.municipalite),
    Column("adresse", "string", "Adresse civique.", lambda e, c: e.adresse),
    Column("code_postal", "string", "Code postal.", lambda e, c: e.code_postal),
    Column("latitude", "number", "Latitude (WGS 84), si connue.", lambda e, c: e.latitude),
    Column("longitude", "number", "Longitude (WGS 84), si connue.", lambda e, c: e.longitude),
    Column("regions_desservies", "string", "Codes des régions desservies, séparés par « | ».",
           lambda e, c: _joined(e.regions_desservies)),
    Column("secteurs", "string", "Identifiants des secteurs d'activité, séparés par « | ».",
           lambda e, c: _joined(e.secteurs)),
    Column("secteurs_libelles", "string", "Libellés des secteurs d'activité, séparés par « | ».",
           lambda e, c: _joined(label(_ref(c).secteurs, s) for s in e.secteurs)),
    Column("offres_titres", "string",
           "Titres des offres, séparés par « | » (détail : entreprises-offres.csv).",
           lambda e, c: _joined(o.titre for o in e.offres)),
    Column("offres_unspsc", "string",
           "Codes UNSPSC de chaque offre, dans l'ordre de offres_titres : les offres séparées par « | », "
           "les codes d'une même offre par « ; ».",
           lambda e, c: _joined(";".join(o.unspsc) for o in e.offres)),
    Column("description", "string", "Description de l'entreprise.", lambda e, c: e.description),
    Column("site_web", "string", "Site Web.", lambda e, c: e.site_web),
    Column("courriel", "string", "Courriel.", lambda e, c: e.courriel),
    Column("telephone", "string", "Téléphone.", lambda e, c: e.telephone),
    Column("boutique_en_ligne", "string", "Boutique en ligne.", lambda e, c: e.boutique_en_ligne),
    Column("mise_a_jour", "date", "Date de la dernière mise à jour de la fiche.",
           lambda e, c: iso(e.mise_a_jour)),
    *champs_columns("enterprise", Enterprise),
    Column("url", "string", "Adresse de la fiche dans le registre.",
           lambda e, c: page_url(c.settings, f"entreprises/{e.id}/")),
    Column("exemple", "boolean", "true : fiche fictive de démonstration.", lambda e, c: e.exemple),
)


def _offer_rows(ctx: Context) -> Iterable[tuple[Enterprise, int, Offer]]:
    for e in ctx.registry.enterprises:
        for i, o in enumerate(e.offres, start=1):
            yield (e, i, o)


OFFER_COLUMNS = (
    Column("entreprise_id", "string", "Identifiant de l'entreprise (entreprises.csv).", lambda r, c: r[0].id),
    Column("rang", "integer", "Rang de l'offre dans la fiche (1, 2, …).", lambda r, c: r[1]),
    Column("titre", "string", "Titre de l'offre.", lambda r, c: r[2].titre),
    Column("description", "string", "Description de l'offre.", lambda r, c: r[2].description),
    Column("unspsc", "string", "Codes UNSPSC (8 chiffres), séparés par « | ».", lambda r, c: _joined(r[2].unspsc)),
    Column("exemple", "boolean", "true : fiche fictive de démonstration.", lambda r, c: r[0].exemple),
)

# --- declarations.csv ---------------------------------------------------------------------------


def _regime(ctx: Context, d: Declaration) -> str | None:
    term = _ref(ctx).types_organismes.get(d.organisme.type)
    return term.extra.get("regime") if term else None


def _sum(values: Iterable[float | int | None]) -> float | int | None:
    present = [v for v in values if v is not None]
    return num(sum(present)) if present else None


DECLARATION_COLUMNS = (
    Column("id", "string", "Identifiant de la déclaration (nom du fichier data/declarations/<id>.yml).",
           lambda d, c: d.id),
    Column("organisme_nom", "string", "Nom de l'organisme signataire.", lambda d, c: d.organisme.nom),
    Column("organisme_type", "string", "Type d'organisme (identifiant).", lambda d, c: d.organisme.type),
    Column("organisme_type_libelle", "string", "Type d'organisme (libellé).",
           lambda d, c: label(_ref(c).types_organismes, d.organisme.type)),
    Column("organisme_regime", "string",
           "Régime contractuel : public (LCOP) ou municipal (Loi sur les cités et villes, Code municipal).",
           lambda d, c: _regime(c, d)),
    Column("organisme_region", "string", "Code de la région administrative de l'organisme.",
           lambda d, c: d.organisme.region),
    Column("organisme_region_nom", "string", "Nom de la région administrative de l'organisme.",
           lambda d, c: region_name(_ref(c), d.organisme.region)),
    Column("organisme_code_geo", "string", "Code géographique MAMH (municipalités), si fourni.",
           lambda d, c: d.organisme.code_geo),
    Column("organisme_site_web", "string", "Site Web de l'organisme.", lambda d, c: d.organisme.site_web),
    Column("adoptee_le", "date", "Date d'adoption de la déclaration.", lambda d, c: iso(d.adoptee_le)),
    Column("resolution", "string", "Numéro de la résolution du conseil ou du conseil d'administration.",
           lambda d, c: d.resolution),
    Column("signataire_nom", "string", "Nom de la personne signataire.", lambda d, c: d.signataire.nom),
    Column("signataire_titre", "string", "Titre de la personne signataire.", lambda d, c: d.signataire.titre),
    Column("document_signe", "string", "Adresse du document signé publié par l'organisme.",
           lambda d, c: d.document_signe),
    Column("texte_propre", "boolean", "true : l'organisme a adopté son propre libellé (sinon le texte modèle).",
           lambda d, c: d.texte is not None),
    Column("cibles_nombre", "integer", "Nombre de cibles annoncées (détail : declarations-cibles.csv).",
           lambda d, c: len(d.cibles)),
    Column("suivis_nombre", "integer", "Nombre de rapports de suivi annuels (détail : declarations-suivis.csv).",
           lambda d, c: len(d.suivis)),
    Column("suivis_annees", "string", "Années des rapports de suivi, séparées par « | ».",
           lambda d, c: _joined(str(s.annee) for s in d.suivis)),
    Column("suivis_contrats_total", "integer", "Total des contrats déclarés dans les suivis (vide si aucun).",
           lambda d, c: _sum(s.nombre_contrats for s in d.suivis)),
    Column("suivis_montant_total", "number", "Total des montants déclarés dans les suivis, en dollars.",
           lambda d, c: _sum(s.montant for s in d.suivis)),
    *champs_columns("declaration", Declaration),
    Column("url", "string", "Adresse de la déclaration dans le registre.",
           lambda d, c: page_url(c.settings, f"declarations/{d.id}/")),
    Column("exemple", "boolean", "true : déclaration fictive de démonstration.", lambda d, c: d.exemple),
)


def _target_rows(ctx: Context) -> Iterable[tuple[Declaration, int, Target]]:
    for d in ctx.registry.declarations:
        for i, t in enumerate(d.cibles, start=1):
            yield (d, i, t)


def _followup_rows(ctx: Context) -> Iterable[tuple[Declaration, int, FollowUp]]:
    for d in ctx.registry.declarations:
        for s in sorted(d.suivis, key=lambda s: s.annee):
            yield (d, s.annee, s)


TARGET_COLUMNS = (
    Column("declaration_id", "string", "Identifiant de la déclaration (declarations.csv).", lambda r, c: r[0].id),
    Column("rang", "integer", "Rang de la cible dans la déclaration.", lambda r, c: r[1]),
    Column("description", "string", "Description de la cible.", lambda r, c: r[2].description),
    Column("valeur", "number", "Valeur visée, si chiffrée.", lambda r, c: num(r[2].valeur)),
    Column("unite", "string", "Unité de la valeur.", lambda r, c: r[2].unite),
    Column("echeance", "date", "Échéance.", lambda r, c: iso(r[2].echeance)),
    Column("exemple", "boolean", "true : déclaration fictive de démonstration.", lambda r, c: r[0].exemple),
)

FOLLOWUP_COLUMNS = (
    Column("declaration_id", "string", "Identifiant de la déclaration (declarations.csv).", lambda r, c: r[0].id),
    Column("annee", "integer", "Année visée par le rapport de suivi.", lambda r, c: r[1]),
    Column("nombre_contrats", "integer", "Nombre de contrats conclus avec des entreprises collectives.",
           lambda r, c: r[2].nombre_contrats),
    Column("montant", "number", "Montant de ces contrats, en dollars.", lambda r, c: num(r[2].montant)),
    Column("note", "string", "Note de l'organisme.", lambda r, c: r[2].note),
    Column("exemple", "boolean", "true : déclaration fictive de démonstration.", lambda r, c: r[0].exemple),
)

TABLES: tuple[Table, ...] = (
    Table("entreprises", "Entreprises collectives",
          "Une ligne par entreprise collective inscrite au registre.",
          ENTERPRISE_COLUMNS, lambda c: c.registry.enterprises),
    Table("entreprises-offres", "Offres des entreprises",
          "Une ligne par offre de biens ou de services d'une entreprise.",
          OFFER_COLUMNS, _offer_rows, ("entreprise_id", "rang"), ("entreprise_id", "entreprises")),
    Table("declarations", "Déclarations d'engagement",
          "Une ligne par déclaration d'engagement à l'achat public auprès des entreprises collectives.",
          DECLARATION_COLUMNS, lambda c: c.registry.declarations),
    Table("declarations-cibles", "Cibles des déclarations",
          "Une ligne par cible annoncée dans une déclaration.",
          TARGET_COLUMNS, _target_rows, ("declaration_id", "rang"), ("declaration_id", "declarations")),
    Table("declarations-suivis", "Rapports de suivi des déclarations",
          "Une ligne par rapport de suivi annuel (contrats et montants déclarés par l'organisme).",
          FOLLOWUP_COLUMNS, _followup_rows, ("declaration_id", "annee"), ("declaration_id", "declarations")),
)


def table_rows(table: Table, ctx: Context) -> list[list]:
    return [[col.get(src, ctx) for col in table.columns] for src in table.rows(ctx)]
