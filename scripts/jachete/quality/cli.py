"""``jachete check-links SITE`` and ``jachete check-html SITE``: the offline gates from the shell."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import links as _links


@click.command("check-links")
@click.argument("site", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Dossier data/ dont les URL externes sont aussi vérifiées (sans réseau).")
def check_links_command(site: Path, data_dir: Path | None) -> None:
    """Vérifie hors ligne les liens internes, ancres et ressources d'un site construit."""
    problems = _links.check_site(site)
    if data_dir is not None:
        problems += _links.check_record_urls(data_dir)
    for problem in problems:
        click.echo(problem.format())
    click.echo(f"{len(problems)} problème(s) de lien, {len(_links.html_files(site))} page(s) vérifiée(s).")
    sys.exit(1 if problems else 0)


@click.command("check-html")
@click.argument("site", type=click.Path(exists=True, file_okay=False, path_type=Path))
def check_html_command(site: Path) -> None:
    """Vérifie que chaque page se lit sans erreur HTML, avec des id uniques et lang="fr"."""
    # html5lib is a test dependency: imported here so that `jachete validate` runs without it.
    from . import html as _html

    problems = _html.check_site(site)
    for problem in problems:
        click.echo(problem.format())
    click.echo(f"{len(problems)} problème(s) HTML.")
    sys.exit(1 if problems else 0)
