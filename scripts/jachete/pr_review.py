"""The verdict on a pull request, computed by the privileged workflow (commentaire.yml) with the
base branch's code, as conda-forge's linter does.

The pull request's head commit is fetched into a bare git repository and never checked out:
its record files are read out of the object store as data (regular files only, size-limited),
written beside the BASE branch's reference data and schemas, and the base branch's validator
is run over that folder. Nothing the pull request contains is run or used as configuration;
its changes to code, schemas or reference data are listed for the reviewers, not trusted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import click

from .review import SUMMARY_MARKER, TABLE_HEADER, md

# Taken from the pull request (read as data); everything else under data/ comes from the base.
RECORD_DIRS = ("data/enterprises", "data/declarations", "data/events", "data/rules")
BASE_DIRS = ("data/reference", "data/schemas")
MAX_FILE_BYTES = 1 << 20  # the validator itself refuses records over 256 KiB
MAX_TOTAL_BYTES = 256 << 20
MAX_FILES = 50_000
# GitHub refuses comments over 65,536 characters; keep room for the marker.
COMMENT_LIMIT = 60_000
LISTED_CHANGES = 50
_REGULAR = {"100644", "100755"}
_SAFE_PART = re.compile(r"[^\x00-\x1f\x7f\\/]+")
_URL = re.compile(r"https://[^\s()<>\[\]\\]+")
REFUSED = "❌ Fichiers de la pull request refusés"


@dataclass
class Extraction:
    written: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason in French)


def _safe(path: str) -> bool:
    parts = path.split("/")
    return all(_SAFE_PART.fullmatch(p) and not p.startswith(".") for p in parts)


def _git(git_dir: Path, *args: str, stdin: bytes | None = None) -> bytes:
    proc = subprocess.run(["git", f"--git-dir={git_dir}", *args], input=stdin, capture_output=True, check=True)
    return proc.stdout


def extract(git_dir: Path, commit: str, base: Path, out: Path) -> Extraction:
    """Write the record files of ``commit`` (a bare repository's object) under ``out``, beside a
    copy of the base branch's reference data and schemas; list what was refused."""
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        raise click.BadParameter(f"empreinte de commit invalide : {commit!r}")
    out.mkdir(parents=True)
    for folder in BASE_DIRS:
        shutil.copytree(base / folder, out / folder)
    # The validator expects both record folders, even when the pull request has emptied one.
    for folder in RECORD_DIRS[:2]:
        (out / folder).mkdir(parents=True)
    listing = _git(git_dir, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *RECORD_DIRS)
    result = Extraction()
    wanted: list[tuple[str, str]] = []  # (object, path)
    total = 0
    for entry in filter(None, listing.decode("utf-8", "surrogateescape").split("\0")):
        meta, path = entry.split("\t", 1)
        mode, kind, obj, size = meta.split()
        shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if mode not in _REGULAR or kind != "blob":
            reason = "lien symbolique" if mode == "120000" else "sous-module" if kind == "commit" else "pas un fichier"
            result.refused.append((shown, f"{reason} : seuls les fichiers ordinaires sont acceptés"))
        elif not _safe(path) or shown != path:
            result.refused.append((shown, ("nom de fichier inattendu (caractère de contrôle, point initial ou barre "
                                          "oblique inverse)")))
        elif int(size) > MAX_FILE_BYTES:
            result.refused.append((shown, f"fichier trop gros ({int(size)} octets)"))
        elif len(wanted) >= MAX_FILES or total + int(size) > MAX_TOTAL_BYTES:
            result.refused.append((shown, "trop de fichiers dans la pull request pour la vérifier ici"))
        else:
            wanted.append((obj, path))
            total += int(size)
    # One `git cat-file --batch` for every blob: "<object> blob <size>\n<content>\n" each.
    stream = _git(git_dir, "cat-file", "--batch", stdin="".join(f"{obj}\n" for obj, _ in wanted).encode())
    at = 0
    for obj, path in wanted:
        header_end = stream.index(b"\n", at)
        name, kind, size = stream[at:header_end].decode().split()
        if name != obj or kind != "blob":
            raise RuntimeError(f"réponse inattendue de git pour {path}")
        content = stream[header_end + 1:header_end + 1 + int(size)]
        at = header_end + 2 + int(size)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as handle:  # never through an existing file or link
            handle.write(content)
        result.written.append(path)
    return result


def notes_markdown(extraction: Extraction, changed: list[str]) -> str:
    """What the verdict did not cover: refused entries (an error), and the changed files that are
    not records (code, schemas, reference data, workflows), which the reviewers read themselves."""
    lines: list[str] = []
    if extraction.refused:
        lines += ["", f"{REFUSED} ({len(extraction.refused)}) :", "",
                  "| Fichier | Raison |", "| --- | --- |"]
        lines += [f"| {md(path)} | {md(reason)} |" for path, reason in extraction.refused]
    others = sorted({c for c in changed if not any(c == d or c.startswith(d + "/") for d in RECORD_DIRS)})
    if others:
        lines += ["", (f"⚠️ Cette pull request modifie aussi {len(others)} fichier(s) qui ne sont pas des fiches. "
                       "Les fiches ont été vérifiées avec le validateur, les schémas et les données de référence "
                       "de la branche principale ; ces fichiers-là demandent une révision attentive :"), ""]
        lines += [f"- {md(c)}" for c in others[:LISTED_CHANGES]]
        if len(others) > LISTED_CHANGES:
            lines.append(f"- … et {len(others) - LISTED_CHANGES} autre(s)")
    return "\n".join(lines) + "\n" if lines else ""


def _link(text: str, url: str | None) -> str:
    if url and _URL.fullmatch(url):
        return f"[{text}]({url})"
    return text


def comment(summary: str, notes: str, commit: str, run_url: str | None, site_url: str | None,
            limit: int = COMMENT_LIMIT) -> str:
    """The sticky comment: the validation table (every problem while it fits in a comment, then a
    pointer to the run's summary, which lists them all), the notes and the built site's link."""
    run = _link("le résumé de l'exécution", run_url)
    if not summary.startswith(SUMMARY_MARKER):
        summary = f"### Validation des fiches\n\n❌ La validation n'a pas pu être faite : voir {run}.\n"
    head = f"Fiches du commit `{commit[:12]}` vérifiées par le validateur de la branche principale.\n"
    if REFUSED in notes:
        # The table above may say ✅ for the records it read: say at once that files were refused.
        head = f"{REFUSED} : voir la liste ci-dessus.\n" + head
    site = ""
    if site_url and _URL.fullmatch(site_url):
        site = ("\n" + _link("Télécharger le site construit par cette pull request", site_url)
                + " (archive ZIP, pour la révision ; construit par le code de la pull request, "
                "à ouvrir comme tout fichier reçu d'un inconnu).\n")
    text = summary + notes + site + "\n" + head
    if len(text) <= limit:
        return text
    # Too long for one comment: keep whole rows of the table, say how many are left and where.
    lines = summary.splitlines()
    start = lines.index(TABLE_HEADER[1]) + 1 if TABLE_HEADER[1] in lines else len(lines)
    kept, rows = lines[:start], lines[start:]
    budget = limit - len(notes) - len(site) - len(head) - 300
    size = sum(len(line) + 1 for line in kept)
    shown = 0
    for row in rows:
        if size + len(row) + 1 > budget:
            break
        kept.append(row)
        size += len(row) + 1
        shown += 1
    rest = len(rows) - shown
    kept += ["", f"… et {rest} autre(s) problème(s) : la liste complète est dans {run}."]
    return "\n".join(kept) + "\n" + notes + site + "\n" + head


@click.command("pr-files", hidden=True)
@click.option("--git-dir", type=click.Path(file_okay=False, exists=True, path_type=Path), required=True,
              help="Dépôt git nu contenant le commit de la pull request.")
@click.option("--commit", required=True, help="Empreinte du commit de tête de la pull request.")
@click.option("--changed", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=True,
              help="Liste des fichiers modifiés par la pull request, un par ligne.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Dossier à créer.")
@click.option("--base", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("."),
              show_default=True, help="Racine de la branche principale.")
def files_command(git_dir: Path, commit: str, changed: Path, out: Path, base: Path) -> None:
    """Extraire les fiches d'une pull request (comme données) ; écrire les notes en Markdown."""
    extraction = extract(git_dir, commit, base, out)
    names = changed.read_text(encoding="utf-8", errors="replace").splitlines()
    click.echo(notes_markdown(extraction, [n for n in names if n]), nl=False)


@click.command("pr-comment", hidden=True)
@click.option("--summary", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=True)
@click.option("--notes", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=True)
@click.option("--commit", required=True)
@click.option("--run-url", default=None)
@click.option("--site-url", default=None)
def comment_command(summary: Path, notes: Path, commit: str, run_url: str | None, site_url: str | None) -> None:
    """Assembler le commentaire de résumé d'une pull request."""
    click.echo(comment(summary.read_text(encoding="utf-8", errors="replace"),
                       notes.read_text(encoding="utf-8", errors="replace"), commit, run_url, site_url), nl=False)
