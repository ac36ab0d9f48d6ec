"""The issue forms (declaration, annual follow-up report, enterprise): one field list, read
by both the form generator and the issue-body converter (``from_issue``).

The forms in ``.github/ISSUE_TEMPLATE/`` are generated from ``FORMS`` and from the
vocabularies in ``data/reference/`` (``jachete forms``); a test checks that the committed
files are up to date, so a dropdown can never drift from its vocabulary and a form
label can never drift from the heading the converter looks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
import yaml

from .files import read_trusted

TEMPLATE_DIR = Path(".github") / "ISSUE_TEMPLATE"

# Vocabulary name -> reference file.
VOCABULARY_FILES = {
    "regions": "regions.yml",
    "types_organismes": "types-organismes.yml",
    "formes_juridiques": "formes-juridiques.yml",
    "types_cooperatives": "types-cooperatives.yml",
    "secteurs": "secteurs.yml",
}

YES, NO = "Oui", "Non"


@dataclass(frozen=True)
class Field:
    """One form field.

    ``key`` is the dotted record path it fills (``organisme.nom``), or a pseudo key for
    fields that are not stored (``attestation``). ``kind`` is one of: input, textarea,
    dropdown, multi (multi-select dropdown), yesno (Oui/Non dropdown), checkbox.
    """

    key: str
    label: str
    kind: str
    required: bool
    help: str
    vocabulary: str | None = None
    placeholder: str = ""


@dataclass(frozen=True)
class Form:
    kind: str  # "declaration" | "suivi" | "entreprise"
    file: str  # file name in .github/ISSUE_TEMPLATE/
    name: str
    description: str
    title: str
    labels: tuple[str, ...]
    intro: str
    fields: tuple[Field, ...]


DATE_HELP = "au format AAAA-MM-JJ (ex. 2026-03-14)"

DECLARATION = Form(
    kind="declaration",
    file="declaration.yml",
    name="Déclaration d'engagement",
    description="Inscrire au registre la déclaration d'engagement adoptée par un organisme public ou municipal.",
    title="Déclaration : ",
    labels=("declaration",),
    intro=(
        "Ce formulaire inscrit au registre la déclaration d'engagement de votre organisme envers "
        "l'achat auprès des entreprises collectives. Aucune connaissance technique n'est requise : "
        "remplissez les champs, puis cliquez sur « Create » (Créer). Une personne responsable du "
        "registre vérifie la demande, puis la publie. Les champs marqués d'un astérisque (*) sont "
        "obligatoires.\n\nAvant de commencer, publiez la déclaration signée (PDF) sur le site Web "
        "de votre organisme : le registre y renvoie."
    ),
    fields=(
        Field("organisme.nom", "Nom de l'organisme", "input", True,
              "Nom officiel, tel qu'il figure dans la résolution.", placeholder="Ville de Rivière-aux-Saules"),
        Field("organisme.type", "Type d'organisme", "dropdown", True,
              "Le type d'organisme détermine les règles contractuelles qui s'appliquent.",
              vocabulary="types_organismes"),
        Field("organisme.site_web", "Site Web de l'organisme", "input", True,
              "Adresse de la page d'accueil du site officiel, commençant par https://.",
              placeholder="https://www.exemple.qc.ca/"),
        Field("organisme.region", "Région administrative", "dropdown", True,
              "Région administrative où se trouve le siège de l'organisme.", vocabulary="regions"),
        Field("organisme.code_geo", "Code géographique", "input", False,
              "Municipalités seulement : code géographique à cinq chiffres du ministère des Affaires "
              "municipales et de l'Habitation (MAMH). Laissez vide pour les autres organismes.",
              placeholder="99901"),
        Field("adoptee_le", "Date d'adoption", "input", True,
              f"Date à laquelle le conseil ou le conseil d'administration a adopté la résolution, {DATE_HELP}.",
              placeholder="2026-03-14"),
        Field("resolution", "Numéro de la résolution", "input", True,
              "Numéro de la résolution qui adopte la déclaration, tel qu'il figure au procès-verbal.",
              placeholder="CM-2026-03-112"),
        Field("signataire.nom", "Nom de la personne signataire", "input", True,
              "Prénom et nom de la personne qui a signé la déclaration."),
        Field("signataire.titre", "Titre de la personne signataire", "input", True,
              "Fonction de la personne signataire (ex. mairesse, directeur général)."),
        Field("document_signe", "Adresse du document signé", "input", True,
              "Lien vers la déclaration signée (PDF) publiée sur le site Web de l'organisme.",
              placeholder="https://www.exemple.qc.ca/documents/declaration.pdf"),
        Field("texte", "Texte de la déclaration", "textarea", False,
              "Laissez vide si l'organisme a adopté le texte modèle sans modification ; sinon, "
              "collez ici le texte adopté."),
        Field("cibles", "Cibles", "textarea", False,
              "Facultatif. Une cible par ligne : description ; valeur ; unité ; échéance (AAAA-MM-JJ). "
              "Seule la description est obligatoire. Ex. : Augmenter nos achats de services auprès "
              "d'entreprises collectives ; 5 ; % des achats de services ; 2028-12-31"),
        Field("suivis.annee", "Rapport de suivi : année", "input", False,
              "Facultatif. Année couverte par un rapport de suivi (ex. 2026)."),
        Field("suivis.nombre_contrats", "Rapport de suivi : nombre de contrats", "input", False,
              "Facultatif. Nombre de contrats accordés à des entreprises collectives pendant l'année."),
        Field("suivis.montant", "Rapport de suivi : montant ($)", "input", False,
              "Facultatif. Valeur totale de ces contrats, en dollars (ex. 184 500)."),
        Field("suivis.note", "Rapport de suivi : note", "textarea", False,
              "Facultatif. Quelques mots sur l'année (texte simple)."),
        Field("attestation", "Attestation", "checkbox", True,
              "J'atteste que cette déclaration a été adoptée par résolution et que le document signé "
              "est publié sur le site Web de l'organisme."),
    ),
)

ENTERPRISE = Form(
    kind="entreprise",
    file="entreprise.yml",
    name="Ajouter / corriger une entreprise",
    description="Ajouter une entreprise collective au répertoire, ou corriger sa fiche.",
    title="Entreprise : ",
    labels=("entreprise",),
    intro=(
        "Ce formulaire ajoute une coopérative, une mutuelle ou un organisme à but non lucratif au "
        "répertoire des entreprises collectives, ou corrige sa fiche. Remplissez les champs, puis "
        "cliquez sur « Create » (Créer). Une personne responsable du registre vérifie la demande, "
        "puis la publie. Les champs marqués d'un astérisque (*) sont obligatoires."
    ),
    fields=(
        Field("id", "Identifiant de la fiche à corriger", "input", False,
              "Pour corriger une fiche existante, indiquez son identifiant, soit la fin de son adresse "
              "sur le site (ex. cafe-cooperatif-le-passage). Laissez vide pour une nouvelle entreprise."),
        Field("nom", "Nom de l'entreprise", "input", True,
              "Nom tel qu'il est inscrit au Registraire des entreprises du Québec."),
        Field("forme_juridique", "Forme juridique", "dropdown", True,
              "Les entreprises collectives sont des coopératives, des mutuelles ou des organismes à but "
              "non lucratif qui exercent des activités marchandes.", vocabulary="formes_juridiques"),
        Field("cooperative.type", "Type de coopérative", "dropdown", False,
              "Coopératives seulement.", vocabulary="types_cooperatives"),
        Field("cooperative.sans_ristourne", "Statuts sans ristourne", "yesno", False,
              "Coopératives seulement. Répondez « Oui » si les statuts interdisent le versement de "
              "ristournes et d'intérêts sur les parts privilégiées."),
        Field("cooperative.designee_par_ministre", "Désignée par la ministre", "yesno", False,
              "Coopératives de solidarité sans ristourne seulement : répondez « Oui » si la ministre "
              "des Affaires municipales a désigné la coopérative."),
        Field("neq", "Numéro d'entreprise du Québec (NEQ)", "input", True,
              "Les 10 chiffres du NEQ, inscrits au Registraire des entreprises.", placeholder="1171234563"),
        Field("region", "Région administrative", "dropdown", True,
              "Région administrative du siège de l'entreprise.", vocabulary="regions"),
        Field("mrc", "MRC ou territoire équivalent", "input", True,
              "Nom ou code de la MRC (ou du territoire équivalent) du siège.", placeholder="Trois-Rivières"),
        Field("municipalite", "Municipalité", "input", True, "Municipalité du siège."),
        Field("adresse", "Adresse", "input", True, "Numéro et rue du siège.", placeholder="1250, rue des Forges"),
        Field("code_postal", "Code postal", "input", True, "Code postal du siège.", placeholder="G9A 2G8"),
        Field("coordonnees.latitude", "Latitude", "input", False,
              "Facultatif. Latitude du siège en degrés décimaux (ex. 46.3439).", placeholder="46.3439"),
        Field("coordonnees.longitude", "Longitude", "input", False,
              "Facultatif. Longitude du siège en degrés décimaux (ex. -72.5433).", placeholder="-72.5433"),
        Field("regions_desservies", "Régions desservies", "multi", False,
              "Facultatif. Autres régions où l'entreprise offre ses biens ou ses services.",
              vocabulary="regions"),
        Field("description", "Description", "textarea", True,
              "Quelques phrases en texte simple : mission, activités, clientèle."),
        Field("secteurs", "Secteurs d'activité", "multi", True,
              "Un ou plusieurs secteurs.", vocabulary="secteurs"),
        Field("offres", "Offres", "textarea", True,
              "Ce que l'entreprise offre aux acheteurs publics. Une offre par ligne : titre ; description ; "
              "codes UNSPSC à 8 chiffres séparés par des espaces. Ex. : Service de traiteur pour réunions ; "
              "Buffets froids et chauds livrés ; 90101600"),
        Field("site_web", "Site Web", "input", False, "Facultatif. Adresse commençant par https://.",
              placeholder="https://www.exemple.org/"),
        Field("courriel", "Courriel", "input", False, "Facultatif. Adresse de courriel publique."),
        Field("telephone", "Téléphone", "input", False, "Facultatif. Numéro public.", placeholder="819 555-0142"),
        Field("boutique_en_ligne", "Boutique en ligne", "input", False,
              "Facultatif. Adresse de la boutique en ligne, commençant par https://."),
        Field("attestation", "Consentement", "checkbox", True,
              "Je représente l'entreprise, ou j'ai son accord, pour publier ces renseignements."),
    ),
)

# Why a form of its own: refiling the whole declaration form to add one year used to replace
# the record. This one names an existing declaration and appends one year to its ``suivis``.
FOLLOW_UP = Form(
    kind="suivi",
    file="suivi.yml",
    name="Rapport de suivi annuel",
    description="Ajouter le bilan d'une année à la déclaration d'engagement d'un organisme déjà inscrit.",
    title="Rapport de suivi : ",
    labels=("suivi",),
    intro=(
        "Ce formulaire ajoute le rapport de suivi d'une année à une déclaration d'engagement déjà "
        "inscrite au registre : nombre et valeur des contrats accordés à des entreprises collectives. "
        "Le reste de la déclaration et les rapports des années précédentes sont conservés. Remplissez "
        "les champs, puis cliquez sur « Create » (Créer). Une personne responsable du registre vérifie "
        "la demande, puis la publie. Les champs marqués d'un astérisque (*) sont obligatoires."
    ),
    fields=(
        Field("declaration", "Déclaration", "input", True,
              "Adresse de la page de la déclaration sur le site du registre, ou son identifiant (la fin "
              "de cette adresse, ex. ville-de-riviere-aux-saules).",
              placeholder="https://jachete.github.io/declarations/ville-de-riviere-aux-saules/"),
        Field("suivis.annee", "Année du rapport", "input", True,
              "Année couverte par le rapport (ex. 2026). Une année déjà présente dans la déclaration est "
              "refusée : pour corriger un rapport publié, écrivez aux responsables du registre.",
              placeholder="2026"),
        Field("suivis.nombre_contrats", "Nombre de contrats", "input", False,
              "Nombre de contrats accordés à des entreprises collectives pendant l'année."),
        Field("suivis.montant", "Montant des contrats ($)", "input", False,
              "Valeur totale de ces contrats, en dollars (ex. 184 500)."),
        Field("suivis.note", "Note", "textarea", False, "Facultatif. Quelques mots sur l'année (texte simple)."),
        Field("attestation", "Attestation", "checkbox", True,
              "J'atteste que ces chiffres sont ceux que l'organisme a arrêtés pour cette année."),
    ),
)

FORMS = {form.kind: form for form in (DECLARATION, FOLLOW_UP, ENTERPRISE)}


def load_vocabularies(root: Path) -> dict[str, list[tuple[str, str]]]:
    """Each vocabulary as (id, option text) pairs, in the reference file's order."""
    vocabularies: dict[str, list[tuple[str, str]]] = {}
    for name, file in VOCABULARY_FILES.items():
        data = yaml.safe_load(read_trusted(root / "data" / "reference" / file).decode("utf-8"))
        if name == "regions":
            # The code comes first: it is what a clerk knows and what the record stores.
            vocabularies[name] = [(v["code"], f"{v['code']} – {v['nom']}") for v in data["valeurs"]]
        else:
            vocabularies[name] = [(v["id"], v["label"]) for v in data["valeurs"]]
    return vocabularies


class _Dumper(yaml.SafeDumper):
    """Multi-line text (the forms' introductions) as literal blocks, for readable diffs."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def field_id(field: Field) -> str:
    return field.key.replace(".", "-").replace("_", "-")


def _element(field: Field, vocabularies: dict[str, list[tuple[str, str]]]) -> dict:
    if field.kind == "checkbox":
        return {
            "type": "checkboxes",
            "id": field_id(field),
            "attributes": {"label": field.label, "options": [{"label": field.help, "required": True}]},
        }
    attributes: dict = {"label": field.label, "description": field.help}
    if field.kind in ("dropdown", "multi", "yesno"):
        kind = "dropdown"
        if field.kind == "multi":
            attributes["multiple"] = True
        if field.kind == "yesno":
            attributes["options"] = [YES, NO]
        else:
            attributes["options"] = [text for _, text in vocabularies[field.vocabulary or ""]]
    else:
        kind = field.kind
        if field.placeholder:
            attributes["placeholder"] = field.placeholder
    return {
        "type": kind,
        "id": field_id(field),
        "attributes": attributes,
        "validations": {"required": field.required},
    }


def render_form(form: Form, vocabularies: dict[str, list[tuple[str, str]]]) -> str:
    """The issue form YAML, as committed in .github/ISSUE_TEMPLATE/."""
    document = {
        "name": form.name,
        "description": form.description,
        "title": form.title,
        "labels": list(form.labels),
        "body": [{"type": "markdown", "attributes": {"value": form.intro}}]
        + [_element(field, vocabularies) for field in form.fields],
    }
    header = (
        "# Généré par « jachete forms » à partir de scripts/jachete/issue_forms.py et de data/reference/.\n"
        "# Ne pas modifier à la main : modifier la source, puis relancer « jachete forms ».\n"
    )
    return header + yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def expected_forms(root: Path) -> dict[Path, str]:
    """Every generated form file (relative path -> text)."""
    vocabularies = load_vocabularies(root)
    return {TEMPLATE_DIR / form.file: render_form(form, vocabularies) for form in FORMS.values()}


def write_forms(root: Path, check: bool = False) -> list[Path]:
    """Write the forms (or, with ``check``, only list those that are out of date)."""
    stale = []
    for rel, text in expected_forms(root).items():
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(rel)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale


@click.command("forms")
@click.option("--check", is_flag=True, help="Vérifier seulement que les formulaires sont à jour.")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("."),
              show_default=True, help="Racine du dépôt.")
def forms_command(check: bool, root: Path) -> None:
    """Générer les formulaires de demande (.github/ISSUE_TEMPLATE/) à partir des vocabulaires."""
    stale = write_forms(root, check)
    for rel in stale:
        click.echo(f"{rel.as_posix()} : {'pas à jour' if check else 'régénéré'}")
    if check and stale:
        raise SystemExit(1)
