"""``jachete-bench seao --site``: the site build of the Quebec-scale registry with one year of SEAO
matches (data/seao/) against the same build without them. Target (issue): within 10 %."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

from jachete.seao.generator import START

from .runner import CommandFailed, run_once


def _tool(name: str) -> str:
    # The lookup of `jachete-bench run`, imported late: cli imports this module.
    from .cli import _tool as tool

    return tool(name)


def generate_tree(tree: Path, enterprises: int, declarations: int, seed: int, log: Path) -> None:
    """The registry tree of ``jachete-bench run`` (same generator), in a child process (memory figures)."""
    if (tree / "data" / "enterprises").is_dir():
        return
    shutil.rmtree(tree, ignore_errors=True)
    run_once([_tool("jachete-bench"), "generate", "--enterprises", str(enterprises), "--declarations",
              str(declarations), "--seed", str(seed), str(tree)], Path.cwd(), log=log)


def occasions(tree: Path, cache: Path, weeks: int, log: Path) -> list[str]:
    """``occasions`` (notices open on the last generated day) into ``tree``/data/seao/, beside ``match``'s files."""
    out = tree / "data" / "seao"
    day = (START + dt.timedelta(days=7 * weeks - 1)).isoformat()
    run = run_once([_tool("jachete"), "seao", "occasions", "--cache", str(cache), "--out", str(out),
                    "--date", day], tree, {"JACHETE_ROOT": str(tree)}, log=log)
    return [(f"occasions (au {day}) : {run.wall:.2f} s ; dans data/seao/ : {_rows(out, 'contrats-*.csv')} "
             f"contrats rattachés, {_rows(out, 'occasions.csv')} avis ouverts")]


def _rows(folder: Path, pattern: str) -> int:
    rows = 0
    for path in sorted(folder.glob(pattern)):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows += sum(1 for _ in csv.DictReader(handle))
    return rows


def compare_builds(repo: Path, tree: Path, runs: int, log: Path) -> list[str]:
    """Median build time of ``tree`` without data/seao/ (moved aside), then with it."""
    # The build of `jachete-bench run` (a), imported late: cli imports this module.
    from .cli import _pipeline

    seao, aside = tree / "data" / "seao", tree / "seao-de-cote"
    shutil.rmtree(aside, ignore_errors=True)
    seao.rename(aside)
    try:
        without = _pipeline(repo, tree, runs, log, "sans data/seao/")
    finally:
        aside.rename(seao)
    with_ = _pipeline(repo, tree, runs, log, "avec data/seao/")
    ratio = with_.wall / without.wall
    verdict = "respectée" if ratio <= 1.10 else "DÉPASSÉE"
    return [f"site {label} : {m.wall:.1f} s (médiane de {runs}), {m.size_mb:.0f} Mo, {m.files} fichiers"
            for label, m in (("sans data/seao/", without), ("avec data/seao/", with_))] + [
        f"rapport avec / sans : {ratio:.3f} (cible : ≤ 1,10 ; {verdict})"]


def site_lines(repo: Path, tree: Path, cache: Path, weeks: int, runs: int, log: Path) -> list[str]:
    """After ``match`` wrote ``tree``/data/seao/: the lines of the report; a failing step is reported with its log's tail, not raised."""
    try:
        return occasions(tree, cache, weeks, log) + compare_builds(repo, tree, runs, log)
    except CommandFailed as exc:
        return [f"site : échec ({str(exc)[-1500:]})"]
