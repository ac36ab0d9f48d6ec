"""Reports for maintainers: the Markdown validation summary of a pull request, and the
freshness list (declarations without a recent follow-up report, enterprises not updated
for two years) that the monthly workflow files as an issue.

Record text is untrusted and both reports end up rendered as Markdown on GitHub: every
value goes through ``md`` (no links, no mentions, no HTML, no table breakage).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from .fmt import date_fr
from .model import Registry
from .problems import Problem, count, summary

SUMMARY_MARKER = "<!-- jachete:resume-validation -->"
FRESHNESS_MARKER = "<!-- jachete:fraicheur -->"
TABLE_HEADER = ("| Fichier | Ligne | Gravité | Code | Champ | Message |", "| --- | --- | --- | --- | --- | --- |")

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~$])")


_WWW = re.compile(r"(www)\.", re.IGNORECASE)
# A zero-width space, written as an entity so the report stays plain ASCII around it.
_ZWSP = "&#8203;"


def md(text: object) -> str:
    """Plain text made inert in Markdown, on one line (the validation summary, the freshness
    list and the issue conversion report all go through here)."""
    s = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    # Why: GitHub turns @name, #123 and bare addresses into mentions and links after the
    # Markdown is parsed, so a backslash or an entity does not stop them (github/markup#1168,
    # cmark-gfm#181). A zero-width space after "@" and "#" breaks mentions, issue references
    # and e-mail links; an escaped ":" or "." breaks the autolinks of "https://" and "www.".
    # Last, so the entities' own "&" and "#" are not escaped again.
    s = s.replace("://", "\\://")
    s = _WWW.sub(r"\1\\.", s)
    return s.replace("@", "@" + _ZWSP).replace("\\#", "\\#" + _ZWSP)


def _severity_fr(p: Problem) -> str:
    return "erreur" if p.is_error else "avertissement"


def format_markdown(problems: list[Problem], files: int) -> str:
    """The pull request's validation summary ($GITHUB_STEP_SUMMARY and the sticky comment).

    Every problem has its row: GitHub shows only the first 10 error and 10 warning annotations
    of a step, so this table is where the whole list is read."""
    errors, _ = count(problems)
    icon = "❌" if errors else "✅"
    lines = [SUMMARY_MARKER, "### Validation des fiches", "", f"{icon} {summary(problems, files)}"]
    if problems:
        lines += ["", *TABLE_HEADER]
        for p in problems:
            lines.append(f"| {md(p.path)} | {p.line or ''} | {_severity_fr(p)} | {md(p.code)} | {md(p.key)} "
                         f"| {md(p.message)} |")
    return "\n".join(lines) + "\n"


# --- Freshness ----------------------------------------------------------------------------------


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Stale:
    path: str
    name: str
    date: dt.date  # adoption date (declarations) or last update (enterprises)
    last_report: int | None = None  # latest follow-up year (declarations)


def freshness(registry: Registry, today: dt.date) -> tuple[list[Stale], list[Stale]]:
    """Declarations adopted more than a year ago whose latest follow-up report covers a year
    before last year (or that have none), and enterprises whose last update is two years old
    or more. Both sorted oldest first."""
    declarations = []
    for d in registry.declarations:
        last = max((s.annee for s in d.suivis), default=None)
        if d.adoptee_le <= years_before(today, 1) and (last is None or last < today.year - 1):
            declarations.append(Stale(d.source_path, d.organisme.nom, d.adoptee_le, last))
    enterprises = [
        Stale(e.source_path, e.nom, e.mise_a_jour)
        for e in registry.enterprises
        if e.mise_a_jour <= years_before(today, 2)
    ]
    def order(s: Stale) -> tuple:
        return (s.date, s.path)

    return sorted(declarations, key=order), sorted(enterprises, key=order)


def freshness_text(declarations: list[Stale], enterprises: list[Stale]) -> str:
    lines = [f"Déclarations sans rapport de suivi récent : {len(declarations)}"]
    for s in declarations:
        last = s.last_report if s.last_report is not None else "aucun"
        lines.append(f"  {s.path}  {s.name} — adoptée le {date_fr(s.date)}, dernier rapport : {last}")
    lines.append(f"Fiches d'entreprises non mises à jour depuis deux ans : {len(enterprises)}")
    for s in enterprises:
        lines.append(f"  {s.path}  {s.name} — mise à jour le {date_fr(s.date)}")
    return "\n".join(lines) + "\n"


def freshness_markdown(declarations: list[Stale], enterprises: list[Stale], today: dt.date) -> str:
    lines = [FRESHNESS_MARKER, f"Liste établie le {date_fr(today)}.", ""]
    lines += [f"## Déclarations sans rapport de suivi récent ({len(declarations)})", ""]
    if declarations:
        lines += [(f"Adoptées il y a plus d'un an, sans rapport de suivi pour {today.year - 1} ou après : "
                  "inviter l'organisme à transmettre son rapport."), "",
                  "| Organisme | Fichier | Adoptée le | Dernier rapport |", "| --- | --- | --- | --- |"]
        for s in declarations:
            last = s.last_report if s.last_report is not None else "aucun"
            lines.append(f"| {md(s.name)} | {md(s.path)} | {date_fr(s.date)} | {last} |")
    else:
        lines.append("Aucune.")
    lines += ["", f"## Fiches d'entreprises non mises à jour depuis deux ans ({len(enterprises)})", ""]
    if enterprises:
        lines += ["Demander à l'entreprise de confirmer ou de corriger sa fiche.", "",
                  "| Entreprise | Fichier | Mise à jour le |", "| --- | --- | --- |"]
        for s in enterprises:
            lines.append(f"| {md(s.name)} | {md(s.path)} | {date_fr(s.date)} |")
    else:
        lines.append("Aucune.")
    return "\n".join(lines) + "\n"


@click.command("freshness")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="Format du rapport.")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("."),
              show_default=True, help="Racine du dépôt.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date de référence (par défaut : aujourd'hui).")
@click.option("--exit-code", is_flag=True, help="Sortir avec le code 1 si la liste n'est pas vide.")
def freshness_command(fmt: str, root: Path, today: dt.datetime | None, exit_code: bool) -> None:
    """Lister les déclarations sans rapport de suivi récent et les fiches à mettre à jour."""
    from .registry import load

    day = today.date() if today else dt.date.today()
    registry, _problems, _ = load(root, include_demo=False, today=day)
    if registry is None:
        click.echo("Le registre contient des erreurs : lancez « jachete validate ».", err=True)
        sys.exit(2)
    declarations, enterprises = freshness(registry, day)
    if fmt == "markdown":
        click.echo(freshness_markdown(declarations, enterprises, day), nl=False)
    else:
        click.echo(freshness_text(declarations, enterprises), nl=False)
    sys.exit(1 if exit_code and (declarations or enterprises) else 0)
