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
    ("pagefind (processus externe, attente)", ("{method 'poll'", "{built-in method posix.waitpid",
                                               "{method 'read' of '_io", "_communicate", "{built-in method select")),
    ("jachete : validation (schémas, règles)", ("jachete/schema", "jachete/checks", "jachete/loader",
                                                "jachete/registry", "jachete/record_yaml", "jachete/reference")),
    ("jachete : pages et composants", ("jachete/render", "jachete/site", "jachete/fmt", "jachete/indicators",
                                       "jachete/rules", "jachete/events")),
    ("jachete : exportations", ("jachete/exports",)),
    ("greffon jachete_mkdocs", ("jachete_mkdocs",)),
    ("jsonschema", ("jsonschema", "referencing", "rpds")),
    ("PyYAML", ("/yaml/",)),
    ("Jinja2 / MarkupSafe", ("jinja2", "markupsafe", "<template>")),
    ("babel", ("babel",)),
    ("Markdown / pymdownx", ("/markdown/", "pymdownx")),
    ("mkdocs-material", ("/material/",)),
    ("mkdocs", ("/mkdocs/",)),
    ("écriture de fichiers", ("{method 'write'", "{built-in method io.open", "{method '__exit__' of '_io",
                              "{built-in method posix.mkdir", "{built-in method posix.stat", "shutil")),
    ("expressions régulières", ("{method 'sub' of 're", "{method 'search' of 're", "{method 'match' of 're",
                                "{method 'findall' of 're", "/re/", "sre_")),
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
    for (filename, _, name), (_, _, tottime, _, _) in raw.items():
        label = _area(filename, name)
        areas[label] = areas.get(label, 0.0) + tottime
    lines = [f"Une construction (a) sous cProfile : {total:.1f} s de temps propre au total "
             "(cProfile ralentit le code Python d'environ 1,5 à 2 fois ; les proportions comptent).", "",
             "| Domaine | Temps propre (s) | Part |", "|---|---:|---:|"]
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
