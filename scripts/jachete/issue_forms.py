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
from .kinds.fields import Field, field_table

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


def form_fields(kind: str) -> tuple[Field, ...]:
    """The questions of a kind's form, in record order, from its field table (kinds/<kind>.yml)."""
    return tuple(f.form for f in field_table(kind).fields if f.form is not None)


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
    fields=form_fields("declaration"),
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
    fields=form_fields("enterprise"),
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
    """Générer les formulaires de demande (.github/ISSUE_TEMPLATE/) : tables des champs et vocabulaires."""
    stale = write_forms(root, check)
    for rel in stale:
        click.echo(f"{rel.as_posix()} : {'pas à jour' if check else 'régénéré'}")
    if check and stale:
        raise SystemExit(1)
