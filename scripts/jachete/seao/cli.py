"""``jachete seao …``: fetch, ingest, check, candidats, match, generate."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import store
from .ingest import ingest, summary_lines

MESSAGES_SHOWN = 50


def _repo() -> Path:
    # The records may live outside the repository (JACHETE_ROOT, as for the site build).
    return Path(os.environ.get("JACHETE_ROOT") or Path(__file__).resolve().parents[3])


def default_cache() -> Path:
    """``$JACHETE_SEAO_CACHE``, else ``.cache/seao/`` at the repository root (git-ignored)."""
    return Path(os.environ.get("JACHETE_SEAO_CACHE") or _repo() / ".cache" / "seao")


def _cache_option(fn):
    return click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Dossier de travail (par défaut .cache/seao/ du dépôt, ou $JACHETE_SEAO_CACHE).")(fn)


@click.group("seao")
def seao() -> None:
    """Données ouvertes du SEAO : contrats publics des organismes publics et municipaux."""


@seao.command("generate")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--weeks", type=int, default=4, show_default=True, help="Nombre de paquets hebdomadaires.")
@click.option("--per-week", type=int, default=6000, show_default=True, help="Publications par semaine (régime).")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--monthly-copy", is_flag=True, help="Ajouter un paquet mensuel qui répète les quatre premières semaines.")
@click.option("--registry", is_flag=True, help="Donner à un fournisseur sur 40 le NEQ d'une entreprise du registre.")
@click.option("--description-words", type=int, default=260, show_default=True, hidden=True)
def generate_command(out: Path, weeks: int, per_week: int, seed: int, monthly_copy: bool, registry: bool,
                     description_words: int) -> None:
    """Écrire dans OUT des paquets SEAO synthétiques (même graine, mêmes octets) et expected.json."""
    from .generator import generate
    from .registry_links import registry_neqs

    neqs = tuple(registry_neqs(_repo())) if registry else ()
    expected = generate(out, weeks, per_week, seed, monthly_copy, description_words, neqs)
    (out / "expected.json").write_text(json.dumps(expected.as_dict(), indent=1, ensure_ascii=False) + "\n")
    click.echo(f"{len(expected.files)} paquets, {expected.releases + expected.superseded} publications, "
               f"{expected.bytes / 1e6:.0f} Mo écrits dans {out}")


@seao.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_cache_option
@click.option("--all-messages", "all_messages", is_flag=True, help="Afficher tous les messages (sinon les 50 premiers).")
def ingest_command(paths: tuple[Path, ...], cache: Path | None, all_messages: bool) -> None:
    """Lire les paquets SEAO (fichiers ou dossiers ; par défaut ceux du cache) dans la base locale."""
    cache = cache or default_cache()
    files = _package_files(paths or (cache / "paquets",))
    if not files:
        raise click.UsageError("aucun paquet SEAO (hebdo_*.json, mensuel_*.json) à lire")
    db = store.connect(cache / "seao.sqlite")
    try:
        report = ingest(db, files)
    finally:
        db.close()
    shown = report.messages if all_messages else report.messages[:MESSAGES_SHOWN]
    for message in shown:
        click.echo(message, err=True)
    # Every message is kept in the cache too, so a long list is never lost off the screen.
    journal = cache / "dernier-ingest.txt"
    journal.write_text("".join(m + "\n" for m in report.messages), encoding="utf-8")
    if len(report.messages) > len(shown):
        click.echo(f"… et {len(report.messages) - len(shown)} autres messages (tous dans {journal})", err=True)
    for line in summary_lines(report):
        click.echo(line)
    sys.exit(0 if report.conserved() and not report.files_rejected else 1)


def _package_files(paths) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.glob("*.json") if p.name.startswith(("hebdo_", "mensuel_")))
        elif path.exists():
            files.append(path)
    return files


@seao.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check_command(file: Path) -> None:
    """Résumer la forme d'un paquet SEAO réel (publications, étiquettes, rôles, NEQ, champs inconnus)."""
    from .check import report_lines, summarise

    shape = summarise(file)
    for line in report_lines(file, shape):
        click.echo(line)
    sys.exit(1 if shape.error else 0)


@seao.command("fetch")
@_cache_option
@click.option("--since", metavar="AAAA-MM-JJ", default=None,
              help="Seulement les paquets qui se terminent à cette date ou après.")
@click.option("--ckan", default=None, hidden=True, help="Adresse du catalogue CKAN (tests).")
def fetch_command(cache: Path | None, since: str | None, ckan: str | None) -> None:
    """Télécharger les paquets hebdomadaires et mensuels du SEAO (Données Québec) dans le cache."""
    from .fetch import CKAN, FetchError, fetch

    folder = (cache or default_cache()) / "paquets"
    try:
        outcome = fetch(folder, ckan or CKAN, since)
    except FetchError as exc:
        raise click.ClickException(str(exc)) from None
    for line in outcome.failed:
        click.echo(line, err=True)
    click.echo(f"Paquets téléchargés : {len(outcome.downloaded)}, repris : {len(outcome.resumed)}, "
               f"inchangés : {len(outcome.unchanged)}, en échec : {len(outcome.failed)} ({folder})")
    sys.exit(1 if outcome.failed else 0)


@seao.command("candidats")
@_cache_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Fichier CSV à écrire (par défaut <cache>/candidats.csv ; « - » pour la sortie standard).")
def candidates_command(cache: Path | None, out: Path | None) -> None:
    """Lister (CSV) les fournisseurs du SEAO de forme collective, avec NEQ, absents du registre."""
    from .candidates import candidates, write_csv
    from .registry_links import registry_neqs

    cache = cache or default_cache()
    db = _open_store(cache)
    rows = candidates(db, set(registry_neqs(_repo())))
    db.close()
    if str(out) == "-":
        write_csv(rows, sys.stdout)
        return
    target = out or cache / "candidats.csv"
    with open(target, "w", encoding="utf-8", newline="") as handle:
        write_csv(rows, handle)
    click.echo(f"{len(rows)} candidats écrits dans {target} (liste de travail, jamais publiée)")


def _open_store(cache: Path):
    path = cache / "seao.sqlite"
    if not path.exists():
        raise click.ClickException(f"base SEAO absente ({path}) : lancez d'abord « jachete seao ingest »")
    return store.connect(path)


@seao.command("match")
@_cache_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier des fichiers dérivés (par défaut data/seao/ du dépôt).")
def match_command(cache: Path | None, out: Path | None) -> None:
    """Rattacher les contrats du SEAO aux entreprises du registre (NEQ) et aux organismes déclarants."""
    from .match import match, write
    from .registry_links import declaration_buyers, registry_neqs

    root = _repo()
    db = _open_store(cache or default_cache())
    ids, names = declaration_buyers(root)
    contracts, bodies = match(db, registry_neqs(root), ids, names)
    db.close()
    folder = out or root / "data" / "seao"
    written = write(folder, contracts, bodies)
    _write_source(folder, db_path=(cache or default_cache()) / "seao.sqlite")
    total = sum(len(rows) for rows in contracts.values())
    click.echo(f"{total} contrats rattachés à des entreprises du registre ; {len(written)} fichiers écrits")
    for year, rows in sorted(contracts.items()):
        click.echo(f"  {year} : {len(rows)} contrats rattachés")


def _write_source(folder: Path, db_path: Path, open_on: str | None = None) -> None:
    from . import source

    db = store.connect(db_path)
    try:
        source.write(folder, db, example=False, open_on=open_on)
    finally:
        db.close()


@seao.command("occasions")
@_cache_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier des fichiers dérivés (par défaut data/seao/ du dépôt).")
@click.option("--date", "on", metavar="AAAA-MM-JJ", default=None,
              help="Date à laquelle les avis doivent être ouverts (par défaut aujourd'hui, UTC).")
def occasions_command(cache: Path | None, out: Path | None, on: str | None) -> None:
    """Écrire occasions.csv : avis ouverts dont un code UNSPSC correspond à une offre du registre."""
    import datetime as dt

    from . import occasions as occ
    from .registry_links import declaration_bodies, registry_offers

    try:
        day = dt.date.fromisoformat(on).isoformat() if on else dt.datetime.now(dt.UTC).date().isoformat()
    except ValueError:
        raise click.BadParameter(f"date « {on} » illisible (AAAA-MM-JJ attendu)", param_hint="--date") from None
    root = _repo()
    cache = cache or default_cache()
    db = _open_store(cache)
    rows = occ.occasions(db, registry_offers(root), declaration_bodies(root), day)
    db.close()
    folder = out or root / "data" / "seao"
    path = occ.write(folder, rows)
    _write_source(folder, cache / "seao.sqlite", open_on=day)
    click.echo(f"{len(rows)} avis ouverts au {day} correspondent à une offre du registre ({path})")


@seao.command("demo")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier des fichiers dérivés (par défaut data/seao/ du dépôt).")
def demo_command(out: Path | None) -> None:
    """Régénérer les fichiers SEAO FICTIFS des fiches d'exemple (mêmes octets à chaque fois)."""
    from .demo import build

    root = _repo()
    folder = out or root / "data" / "seao"
    contracts, notices = build(root, folder)
    click.echo(f"Données fictives : {contracts} contrats rattachés, {notices} avis ouverts ({folder})")
