"""``jachete new enterprise|declaration``: write a valid record file from a few answers.

Each answer can be given as an option (for scripts and tests) or typed at the prompt.
The file is checked with the same validator before it is written, and an existing file
is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

import click

from . import record_yaml
from .kinds.fields import field_table
from .loader import parse
from .reference import load_reference
from .registry import DIRS, check_document, find_root
from .schema import KINDS


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2013", "-")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def _date(text: str) -> dt.date | str:
    """A real date is written as a date (``2026-03-14``); anything else as the text, for the validator."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def _ordered(kind: str, record: dict) -> dict:
    """The record's keys in the order of its field table (kinds/<kind>.yml)."""
    return {key: record[key] for key in field_table(kind).order() if key in record}


def enterprise_yaml(a: dict) -> str:
    record = {key: a[key] for key in ("id", "nom", "forme_juridique", "neq", "region", "mrc", "municipalite",
                                      "adresse", "code_postal", "description", "secteurs")}
    if a["forme_juridique"] == "cooperative":
        record["cooperative"] = {"type": a["type_cooperative"], "sans_ristourne": bool(a["sans_ristourne"])}
    record["offres"] = [{"titre": a["offre"], "description": a["offre_description"], "unspsc": list(a["unspsc"])}]
    if a.get("site_web"):
        record["site_web"] = a["site_web"]
    record["mise_a_jour"] = _date(a["today"])
    return record_yaml.dump(_ordered("enterprise", record), KINDS["enterprise"])


def declaration_yaml(a: dict) -> str:
    organisme = {"nom": a["nom"], "type": a["type_organisme"], "site_web": a["site_web"], "region": a["region"]}
    if a.get("code_geo"):
        organisme["code_geo"] = a["code_geo"]
    record = {"id": a["id"], "organisme": organisme, "adoptee_le": _date(a["adoptee_le"]),
              "resolution": a["resolution"], "signataire": {"nom": a["signataire"], "titre": a["titre"]},
              "document_signe": a["document_signe"]}
    return record_yaml.dump(_ordered("declaration", record), KINDS["declaration"])


def _write(kind: str, answers: dict, root: Path) -> None:
    record_id = answers["id"] or slugify(answers["nom"])
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", record_id):
        raise click.BadParameter("lettres minuscules sans accents, chiffres et traits d'union", param_hint="--id")
    answers["id"] = record_id
    text = enterprise_yaml(answers) if kind == "enterprise" else declaration_yaml(answers)
    target = root / "data" / DIRS[kind] / f"{record_id}.yml"
    shown = target.relative_to(root).as_posix()
    if target.exists():
        click.echo(f"{shown} existe déjà : le fichier n'est pas remplacé (choisissez un autre --id)", err=True)
        sys.exit(1)
    doc = parse(shown, text.encode("utf-8"))
    problems = check_document(doc, kind, root, load_reference(root), dt.date.today())
    errors = [p for p in problems if p.is_error]
    if errors:
        for problem in errors:
            click.echo(problem.format(), err=True)
        click.echo("fiche non écrite : corrigez les valeurs ci-dessus", err=True)
        sys.exit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    click.echo(f"fiche écrite : {shown}")


def _root() -> Path:
    root = find_root()
    if root is None:
        raise click.UsageError("dépôt introuvable : lancez la commande dans le dépôt (dossier avec data/reference/)")
    return root


def _choices(root: Path, attr: str) -> click.Choice:
    return click.Choice(sorted(getattr(load_reference(root), attr)))


@click.group()
def new() -> None:
    """Créer une fiche (entreprise ou déclaration) à partir de quelques réponses."""


# Why: the vocabularies offered as choices come from this checkout's reference data.
_ROOT = find_root(Path(__file__).resolve().parent) or find_root() or Path.cwd()
_REF_OK = (_ROOT / "data" / "reference").is_dir()


def _opt(name: str, prompt: str, attr: str | None = None, **kw):
    if attr and _REF_OK:
        kw["type"] = _choices(_ROOT, attr)
        kw["show_choices"] = attr != "mrcs"  # 104 codes would drown the prompt
    return click.option(name, prompt=prompt, help=prompt + ".", **kw)


@new.command("enterprise")
@click.option("--id", "record_id", default="", help="Identifiant (par défaut : tiré du nom).")
@_opt("--nom", "Nom de l'entreprise")
@_opt("--forme-juridique", "Forme juridique", "formes_juridiques")
@click.option("--type-cooperative", default=None, help="Type de coopérative (demandé pour une coopérative).",
              type=_choices(_ROOT, "types_cooperatives") if _REF_OK else str)
@click.option("--sans-ristourne/--avec-ristourne", default=None, help="Statuts sans ristourne (coopérative).")
@_opt("--neq", "NEQ (10 chiffres)")
@_opt("--region", "Région (code 01 à 17)", "regions")
@_opt("--mrc", "MRC (code SDA)", "mrcs")
@_opt("--municipalite", "Municipalité")
@_opt("--adresse", "Adresse")
@_opt("--code-postal", "Code postal (A1A 1A1)")
@_opt("--description", "Description")
@_opt("--secteur", "Secteur d'activité", "secteurs")
@_opt("--offre", "Titre d'une offre")
@_opt("--offre-description", "Description de l'offre")
@_opt("--unspsc", "Code UNSPSC de l'offre (8 chiffres)")
@click.option("--site-web", default="", help="Site Web (https://...).")
def new_enterprise(record_id, **a) -> None:
    """Créer data/enterprises/<id>.yml."""
    root = _root()
    # Why: only a cooperative has a type and rebate rules; ask for them only then.
    if a["forme_juridique"] == "cooperative":
        if a["type_cooperative"] is None:
            a["type_cooperative"] = click.prompt("Type de coopérative", type=_choices(root, "types_cooperatives"))
        if a["sans_ristourne"] is None:
            a["sans_ristourne"] = click.confirm("Les statuts interdisent-ils les ristournes ?", default=False)
    a.update(id=record_id, secteurs=[a.pop("secteur")], unspsc=[a.pop("unspsc")],
             today=dt.date.today().isoformat())
    _write("enterprise", a, root)


@new.command("declaration")
@click.option("--id", "record_id", default="", help="Identifiant (par défaut : tiré du nom).")
@_opt("--nom", "Nom de l'organisme")
@_opt("--type-organisme", "Type d'organisme", "types_organismes")
@_opt("--site-web", "Site Web officiel (https://...)")
@_opt("--region", "Région (code 01 à 17)", "regions")
@click.option("--code-geo", default="", help="Code géographique MAMH (5 chiffres), pour une municipalité.")
@_opt("--adoptee-le", "Date d'adoption (AAAA-MM-JJ)")
@_opt("--resolution", "Numéro de résolution")
@_opt("--signataire", "Nom du ou de la signataire")
@_opt("--titre", "Titre du ou de la signataire")
@_opt("--document-signe", "Adresse du document signé (https://...)")
def new_declaration(record_id, **a) -> None:
    """Créer data/declarations/<id>.yml."""
    a["id"] = record_id
    _write("declaration", a, _root())
