"""``jachete-bench seao``: ``jachete seao ingest`` and ``match`` on generated SEAO packages; with ``--site``,
the site build of a generated Quebec-scale registry with and without its matches (``seao_site``).

Each command runs as a fresh child process (``jachete_bench.runner``): wall time and peak resident memory.
Targets (issue): ingest of one year (~250,000 releases, ≥ 1 GB) ≤ 60 s and ≤ 300 MB; match ≤ 5 s.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import sys
from pathlib import Path

import click

from .runner import CommandFailed, run_once
from .seao_site import generate_tree, site_lines


def _cpu() -> float:
    # Why CPU time too: the machine is shared, so wall time depends on the load; the user + system
    # time of the child processes does not.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@click.command("seao")
@click.option("--weeks", type=int, default=52, show_default=True)
@click.option("--per-week", type=int, default=4800, show_default=True,
              help="Publications par semaine en régime (52 × 4 800 ≈ 250 000 par an).")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=Path("bench/work/seao"),
              show_default=True)
@click.option("--results", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Fichier Markdown où ajouter les mesures (ex. bench/RESULTS-seao.md).")
@click.option("--site/--no-site", default=True, show_default=True,
              help="Construire aussi le site du registre généré avec et sans data/seao/ (cible : ≤ 1,10 ×).")
@click.option("--enterprises", type=int, default=11360, show_default=True, help="Registre généré (--site).")
@click.option("--declarations", type=int, default=1500, show_default=True, help="Registre généré (--site).")
@click.option("--runs", type=int, default=3, show_default=True, help="Constructions par mesure (--site).")
def bench_seao(weeks: int, per_week: int, seed: int, work: Path, results: Path | None, site: bool,
               enterprises: int, declarations: int, runs: int) -> None:
    """Mesurer l'ingestion SEAO (temps, mémoire) sur des paquets générés, et le site avec ses rattachements."""
    work = work.resolve()
    jachete = str(Path(sys.executable).parent / "jachete")
    work.mkdir(parents=True, exist_ok=True)
    log = work / "ingest.log"
    # With --site, the suppliers get the NEQs of the generated registry (the tree of `jachete-bench run`),
    # so `match` finds them there; without, those of the repository's records.
    tree = work / f"registre-e{enterprises}-d{declarations}-s{seed}" if site else None
    env = {"JACHETE_ROOT": str(tree)} if tree else None
    if tree:
        try:
            generate_tree(tree, enterprises, declarations, seed, log)
        except CommandFailed as exc:
            raise click.ClickException(str(exc)) from None
    packages = work / (f"paquets-{weeks}x{per_week}-{seed}" + (f"-{tree.name}" if tree else ""))
    expected_file = packages / "expected.json"
    if not expected_file.exists():
        # Why a child process: Linux carries a parent's peak memory into the figure of a child it
        # forks, so this process stays small and the generator runs apart.
        shutil.rmtree(packages, ignore_errors=True)
        click.echo(f"génération de {weeks} paquets hebdomadaires…", err=True)
        try:
            run_once([jachete, "seao", "generate", str(packages), "--weeks", str(weeks), "--per-week",
                      str(per_week), "--seed", str(seed), "--registry", "--description-words", "320"],
                     Path.cwd(), env, log=log)
        except CommandFailed as exc:
            raise click.ClickException(str(exc)) from None
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    load = os.getloadavg()
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    log.unlink(missing_ok=True)
    before = _cpu()
    try:
        ingest = run_once([jachete, "seao", "ingest", str(packages), "--cache", str(cache)], Path.cwd(), log=log)
    except CommandFailed as exc:
        raise click.ClickException(str(exc)) from None
    cpu = _cpu() - before
    size = sum(p.stat().st_size for p in packages.glob("*.json") if p.name != "expected.json") / 1e6
    lines = [f"Paquets : {len(expected['files'])}, {expected['releases']} publications, {size:.0f} Mo",
             (f"ingest : {ingest.wall:.1f} s, mémoire max. {ingest.rss_mb:.0f} Mo "
             f"(cibles : ≤ 60 s, ≤ 300 Mo) ; {expected['releases'] / ingest.wall:.0f} publications/s"),
             (f"ingest, temps processeur (tous processus) : {cpu:.1f} s ; charge moyenne au départ : "
             f"{', '.join(f'{x:.2f}' for x in load)}"),
             f"base SQLite : {(cache / 'seao.sqlite').stat().st_size / 1e6:.0f} Mo"]
    # The ingest's own output, read before the next commands add theirs to the log.
    tail = ["Sortie de ingest :"] + ["  " + line for line in log.read_text(encoding="utf-8").splitlines()[-12:]]
    derived = tree / "data" / "seao" if tree else work / "derived"
    try:
        match = run_once([jachete, "seao", "match", "--cache", str(cache), "--out", str(derived)],
                         Path.cwd(), env, log=log)
        lines.append(f"match : {match.wall:.2f} s, mémoire max. {match.rss_mb:.0f} Mo (cible : ≤ 5 s)")
        if tree:
            lines.append(f"Registre généré : {enterprises} entreprises, {declarations} déclarations ({tree})")
            lines += site_lines(Path(__file__).resolve().parents[2], tree, cache, weeks, runs, log)
    except CommandFailed as exc:
        lines.append(f"match : échec ({exc})")
    lines += tail
    for line in lines:
        click.echo(line)
    if results:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        with open(results, "a", encoding="utf-8") as handle:
            scale = f", registre {enterprises} + {declarations}" if tree else ""
            handle.write(f"\n## Mesure du {stamp} ({weeks} semaines, graine {seed}{scale})\n\n```\n")
            handle.write("\n".join(lines) + "\n```\n")
