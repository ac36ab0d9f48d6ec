"""Command line: ``jachete validate``, ``jachete new`` and the subcommands other modules add."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from .files import project_problems
from .problems import format_github, format_json, summary
from .reference import ReferenceDataError
from .registry import check_tree, expand, find_root, validate_files
from .rules.validate import validate_with_rules


def _display(path: Path) -> str:
    """Paths as the user would type them: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return Path(path).as_posix()
    return Path(path if relative.startswith("..") else relative).as_posix()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Registre ouvert de l'achat public auprès des entreprises collectives du Québec."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json", "markdown"]), default="text",
              show_default=True, help="Format du rapport.")
@click.option("--no-demo", is_flag=True, help="Exclure les fiches d'exemple du registre (elles sont tout de "
              "même validées).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, hidden=True)
def validate(paths: tuple[Path, ...], fmt: str, no_demo: bool, today) -> None:
    """Valider les fiches (par défaut : tout le dossier data/ du dépôt)."""
    root = find_root() or next((r for r in map(find_root, paths) if r), None)
    if root is None:
        raise click.UsageError("dépôt introuvable : lancez la commande dans le dépôt (dossier avec data/reference/)")
    missing = [p for p in paths if not os.path.lexists(p)]  # a link is named: the reader reports it
    if missing:
        raise click.UsageError(f"chemin introuvable : {missing[0]}")
    day = today.date() if today else dt.date.today()
    # A link among the reference data or schemas: reported like a record's problem, nothing is read.
    problems = [replace(p, path=_display(root / p.path)) for p in project_problems(root)]
    try:
        if problems:
            files = []  # nothing was read
        elif not paths:  # every kind, read as the site reads them (registry.load)
            checked = check_tree(root.resolve(), day, _display, rules_freshness=True)
            files, problems = checked.files, checked.problems
        else:  # the files and folders named, of every kind
            files, problems = validate_with_rules(validate_files, expand(list(paths)), root, day, paths, _display)
            files, problems = with_events(files, problems, root, paths)  # data/events/ (jachete.events)
            problems = with_seao(problems, root, paths)  # data/seao/ (jachete.seao.derived)
    except (ReferenceDataError, OSError, ValueError) as exc:
        # Why: the project's own reference data or schemas are broken; say so, without a traceback.
        click.echo(f"données de référence ou schémas illisibles : {exc}", err=True)
        sys.exit(1)
    if fmt == "json":
        click.echo(format_json(problems))
    elif fmt == "markdown":
        click.echo(_review.format_markdown(problems, len(files)), nl=False)
    else:
        for problem in problems:
            click.echo(format_github(problem) if fmt == "github" else problem.format())
        click.echo(summary(problems, len(files)))
    sys.exit(1 if any(p.is_error for p in problems) else 0)


from .events.load import with_events
from .seao.derived import with_seao


def main() -> None:
    cli()


# Subcommands defined in their own modules register here, one line each.
from . import new as _new

cli.add_command(_new.new)
from . import from_issue as _from_issue
from . import issue_forms as _issue_forms
from . import review as _review

cli.add_command(_from_issue.command)
cli.add_command(_issue_forms.forms_command)
cli.add_command(_review.freshness_command)
from . import pr_review as _pr_review

cli.add_command(_pr_review.files_command)
cli.add_command(_pr_review.comment_command)
from .seao.cli import seao as _seao

cli.add_command(_seao)
