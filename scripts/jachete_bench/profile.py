"""Where the full pipeline spends its time: one ``mkdocs build`` under cProfile, summarised
by area (own time of functions grouped by package) and by the heaviest calls."""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
from pathlib import Path

# (label, substring of the code's file path or of the built-in's name); first match wins.
AREAS = [
    ("pagefind (processus externe, attente)", ("method 'poll' of 'select.poll'", "posix.waitpid",
                                               "subprocess.py")),
    ("jachete : validation (schémas, règles)", ("jachete/schema", "jachete/checks", "jachete/loader",
                                                "jachete/registry", "jachete/record_yaml", "jachete/reference")),
    ("jachete : pages et composants (code et gabarits)", ("jachete/render", "jachete/site", "jachete/features", "jachete/fmt",
                                                          "jachete/indicators", "jachete/rules",
                                                          "jachete/events", "jachete/templates")),
    ("jachete : exportations", ("jachete/exports", "feedgen", "lxml", "/json/", "/csv.py", "_csv")),
    ("greffon jachete_mkdocs", ("jachete_mkdocs",)),
    ("jsonschema", ("jsonschema", "referencing", "rpds", "attr/", "attrs/")),
    ("PyYAML (chargeur C)", ("/yaml/", "_yaml")),
    ("gabarits du thème (mkdocs-material, overrides/)", ("/material/", "overrides/")),
    ("Jinja2 / MarkupSafe (moteur)", ("jinja2", "markupsafe")),
    ("babel", ("babel",)),
    ("Markdown / pymdownx", ("/markdown/", "pymdownx")),
    ("mkdocs", ("/mkdocs/",)),
    ("importations de modules", ("<frozen importlib", "marshal.loads", "builtins.exec")),
    ("fichiers (ouverture, lecture, écriture, stat)", ("method 'write' of '_io", "io.open", "posix.mkdir",
                                                      "posix.stat", "method 'read' of '_io", "shutil",
                                                      "posix.scandir", "posix.lstat", "genericpath")),
    ("expressions régulières", ("of 're.Pattern' objects", "/re/", "sre_")),
]


# Phases of the build, by the cumulative time of the function that runs each one.
PHASES = [
    ("chargement et validation des fiches (greffon)", "jachete/registry.py", "load"),
    ("pages de fiches et de listes (plan)", "jachete/features.py", "plan_pages"),
    ("composants des pages rédigées (plan)", "jachete/features.py", "plan_components"),
    ("exportations, flux, badges (plan)", "jachete/features.py", "plan_outputs"),
    ("lecture et conversion Markdown des pages (mkdocs)", "mkdocs/commands/build.py", "_populate_page"),
    ("rendu des pages dans le thème et écriture (mkdocs)", "mkdocs/commands/build.py", "_build_page"),
    ("index pagefind, fin après les pages", "jachete_mkdocs/plugin.py", "on_post_build"),
    ("construction entière (mkdocs build)", "mkdocs/commands/build.py", "build"),
]


def _area(filename: str, name: str) -> str:
    key = f"{filename}:{name}" if filename != "~" else name
    for label, needles in AREAS:
        if any(needle in key for needle in needles):
            return label
    return "autres (Python, bibliothèque standard)"


def run_profile(repo: Path, tree: Path, out: Path, log: Path) -> Path:
    """Profile one full build of ``tree``; return the .prof file."""
    prof = out / "pipeline.prof"
    env = {**os.environ, "JACHETE_ROOT": str(tree), "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict", "--clean",
           "-f", str(repo / "mkdocs.yml"), "-d", str(tree / "site-profile")]
    with open(log, "ab") as f:
        subprocess.run(cmd, cwd=repo, env=env, stdout=f, stderr=subprocess.STDOUT, check=True)
    return prof


def summarise(prof: Path, top: int = 15) -> str:
    stats = pstats.Stats(str(prof))
    raw = stats.stats  # {(file, line, name): (cc, nc, tottime, cumtime, callers)}
    total = stats.total_tt or 1.0
    areas: dict[str, float] = {}
    for (filename, _, name), (_, _, tottime, _, callers) in raw.items():
        label = _area(filename, name)
        if filename == "~" and label.startswith("autres") and callers:
            # A built-in (isinstance, str.join, getattr...) counts for the code that called it.
            for (c_file, _, c_name), timing in callers.items():
                caller = _area(c_file, c_name)
                areas[caller] = areas.get(caller, 0.0) + timing[2]
            continue
        areas[label] = areas.get(label, 0.0) + tottime
    phase_rows = []
    for label, path, func in PHASES:
        cum = sum(v[3] for (f, _, n), v in raw.items() if f.endswith(path) and n == func)
        phase_rows.append(f"| {label} | {cum:.1f} | {cum / total * 100:.0f} % |")
    lines = [(f"Une construction (a) sous cProfile : {total:.1f} s de temps propre au total "
             "(cProfile ralentit le code Python d'environ 1,5 à 2 fois ; les proportions comptent)."), "",
             "| Étape | Temps cumulé (s) | Part |", "|---|---:|---:|", *phase_rows, "",
             "Par domaine (temps propre des fonctions ; celui des fonctions natives compte pour leur appelant) :",
             "", "| Domaine | Temps propre (s) | Part |", "|---|---:|---:|"]
    for label, seconds in sorted(areas.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {label} | {seconds:.1f} | {seconds / total * 100:.0f} % |")

    def short(key) -> str:
        filename, line, name = key
        if filename == "~":
            return name.replace("|", "/")
        parts = Path(filename).parts
        tail = "/".join(parts[-2:]) if len(parts) > 1 else filename
        return f"{tail}:{line} {name}".replace("|", "/")

    own = [(k, v) for k, v in raw.items() if "jachete" in k[0]]
    lines += ["", "Appels du projet les plus lourds (temps cumulé, sous-appels compris) :", "",
              "| Fonction | Appels | Cumulé (s) |", "|---|---:|---:|"]
    for key, (_, nc, _, cum, _) in sorted(own, key=lambda kv: -kv[1][3])[:top]:
        lines.append(f"| `{short(key)}` | {nc} | {cum:.1f} |")
    lines += ["", "Fonctions au plus grand temps propre (tous paquets) :", "",
              "| Fonction | Appels | Propre (s) |", "|---|---:|---:|"]
    for key, (_, nc, tot, _, _) in sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]:
        lines.append(f"| `{short(key)}` | {nc} | {tot:.1f} |")
    return "\n".join(lines)
