"""Turn an issue-form body (as GitHub renders it) into a record file.

GitHub renders a submitted issue form as ``### Label`` headings, each followed by the
value: ``_No response_`` for an empty optional field, the option text for a dropdown,
option texts joined by ``, `` for a multi-select, ``- [X] ...`` for a ticked checkbox.
``convert`` reads that text back field by field (``issue_forms.FORMS``), maps option
texts to vocabulary ids, builds the record in the contract's key order, writes it with
``record_yaml`` and runs the registry's validator on it. A request that touches an
existing record is merged into it field by field and its diff is part of the report
(``issue_merge``); the follow-up form only appends one year to a declaration. The body is
untrusted: it only ever becomes data, the report is inert Markdown (``review.md``), and
nothing is written unless the record validates.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import click

from . import issue_merge, record_yaml
from .issue_forms import FORMS, Form
from .issue_merge import slug
from .issue_values import CHECKED, Builder, short
from .kinds.fields import field_table
from .problems import ERROR, Problem, sort_problems
from .review import md

NO_RESPONSE = "_No response_"
SCHEMAS = {"declaration": "declaration", "suivi": "declaration", "entreprise": "entreprise"}
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass
class Result:
    kind: str | None = None
    path: str | None = None  # "data/declarations/<id>.yml" once written
    text: str | None = None  # the record file's text
    diff: str | None = None  # the change to an existing record (Markdown), if it updates one
    errors: list[tuple[str, str]] = field(default_factory=list)  # (form label, French message)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.text is not None


def sections(body: str, form: Form) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Split the body at the form's own headings; any other ``###`` line stays text."""
    labels = {f.label for f in form.fields}
    values: dict[str, list[str]] = {}
    errors: list[tuple[str, str]] = []
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = _HEADING.match(line)
        if match and match.group(1) in labels:
            label = match.group(1)
            if label in values:
                errors.append((label, "cette section apparaît plus d'une fois dans la demande."))
            current = values[label] = []
        elif current is not None:
            current.append(line)
    text = {label: "\n".join(lines).strip("\n") for label, lines in values.items()}
    return {k: ("" if v.strip() == NO_RESPONSE else v) for k, v in text.items()}, errors


def detect_kind(body: str) -> str | None:
    """The form whose headings the body carries the most of."""
    headings = {m.group(1) for line in body.splitlines() if (m := _HEADING.match(line.rstrip("\r")))}
    scores = {kind: len(headings & {f.label for f in form.fields}) for kind, form in FORMS.items()}
    best = max(scores, key=lambda k: scores[k])
    tied = list(scores.values()).count(scores[best]) > 1
    return None if scores[best] == 0 or tied else best


def _set(record: dict, key: str, value: object) -> None:
    *parents, last = key.split(".")
    target = record
    for part in parents:
        if part == "suivis":
            # One follow-up report per form: suivis is a list of one mapping.
            target = (target.setdefault("suivis", [{}]))[0]
        else:
            target = target.setdefault(part, {})
    target[last] = value


# The contract's key order for each kind: the record order of its field table (nested mappings
# follow the form's order).
ORDER = {
    "declaration": field_table("declaration").order(),
    "suivi": ["id", "suivis"],
    "entreprise": field_table("enterprise").order(),
}


def build(body: str, form: Form, root: Path, today: dt.date) -> tuple[dict | None, list[tuple[str, str]]]:
    """The record for this body, or None and the French errors."""
    values, errors = sections(body, form)
    builder = Builder(root, form, today)
    builder.errors = errors
    record: dict = {}
    for f in form.fields:
        text = values.get(f.label, "").strip("\n")
        if not text.strip():
            if f.required:
                builder.error(f, "ce champ est obligatoire.")
            continue
        if f.kind == "checkbox":
            if f.required and not any(CHECKED.match(line) for line in text.split("\n")):
                builder.error(f, "cette case doit être cochée.")
            continue
        value = builder.value(f, text, record)
        if value is not None:
            _set(record, f.key, value)
    if form.kind == "entreprise":
        record["mise_a_jour"] = today
        given = record.get("id")
        if isinstance(given, str) and given and not _ID.fullmatch(given):
            # The id becomes a file name: only the registry's id pattern may reach the path.
            builder.error(form.fields[0], f"« {short(given)} » n'est pas un identifiant de fiche (lettres "
                          "minuscules sans accents, chiffres et traits d'union, ex. cafe-cooperatif-le-passage).")
        record["id"] = given if isinstance(given, str) and given else slug(record.get("nom", ""))
    elif form.kind == "suivi":
        named = record.pop("declaration", "")
        record["id"] = issue_merge.declaration_id(named) if named else ""
        if named and not record["id"]:
            builder.error(form.fields[0], f"« {short(named)} » n'est ni l'adresse de la page d'une déclaration "
                          "(…/declarations/<identifiant>/) ni un identifiant de déclaration.")
    else:
        record["id"] = slug(record.get("organisme", {}).get("nom", ""))
    if not record["id"] and not builder.errors:
        name = form.fields[0] if form.kind == "declaration" else form.fields[1]
        builder.error(name, "le nom doit contenir au moins une lettre ou un chiffre.")
    if builder.errors:
        return None, builder.errors
    ordered = {key: record[key] for key in ORDER[form.kind] if key in record}
    return ordered, []


def _label_for(form: Form, key: str) -> str:
    """The form label of the field a validator problem points at (``offres.0.unspsc`` -> Offres)."""
    path = ".".join(part for part in key.split(".") if not part.isdigit())
    best = ""
    for f in form.fields:
        if path == f.key or path.startswith(f.key + "."):
            return f.label
        if not best and f.key.startswith(path + "."):
            best = f.label
    if path == "id":
        return form.fields[0].label if form.kind == "declaration" else "Nom de l'entreprise"
    return best or "Fiche"


def _check(root: Path, kind: str, rel: str, text: str, today: dt.date) -> list[Problem]:
    """Run the registry's validator on the new record among the existing ones.

    The new text goes to a scratch folder named like the real one (the validator reads
    the record kind from the folder name); the existing records are checked alongside so
    cross-record rules (duplicate NEQ, names...) see the registry as it would be after the
    merge. A record with the same file name is the one being updated: it is left out.
    """
    from .registry import record_files, validate_files  # the validator; the forms need none of it

    with tempfile.TemporaryDirectory(prefix="jachete-issue-") as tmp:
        new_file = Path(tmp) / rel
        new_file.parent.mkdir(parents=True)
        new_file.write_text(text, encoding="utf-8")
        existing = [f for f in record_files(root) if f.relative_to(root).as_posix() != rel]

        def display(path: Path) -> str:
            return rel if path == new_file else path.relative_to(root).as_posix()

        _, problems = validate_files([*existing, new_file], root, today, display=display)
    # A cross-record problem may be reported on the other record, naming the new one.
    return sort_problems(p for p in problems if p.path == rel or rel in p.message)


def convert(body: str, root: Path, kind: str | None = None, today: dt.date | None = None) -> Result:
    """Build, merge into the existing record if any, write in memory and validate; nothing
    touches the disk."""
    today = today or dt.date.today()
    kind = kind or detect_kind(body)
    if kind is None:
        unknown = "la demande ne suit aucun des formulaires (déclaration, rapport de suivi annuel, entreprise)."
        return Result(errors=[("Formulaire", unknown)])
    form = FORMS[kind]
    record, errors = build(body, form, root, today)
    if record is None:
        return Result(kind=kind, errors=errors)
    correction = kind == "entreprise" and bool(sections(body, form)[0].get(form.fields[0].label, "").strip())
    rel, old_text, old, problems, notes = issue_merge.target(root, kind, record, correction)
    label = [(_label_for(form, key), message) for key, message in problems]
    if label:
        return Result(kind=kind, errors=label)
    schema = SCHEMAS[kind]
    if old is None or old_text is None:
        text, diff = record_yaml.dump(record, schema), None
    else:
        merged, problems = issue_merge.merge(old, record)
        if problems:
            return Result(kind=kind, errors=[(_label_for(form, key), message) for key, message in problems])
        text = record_yaml.update(old_text, issue_merge.ordered(merged, old, ORDER[SCHEMAS[kind]]), schema)
        if text == old_text:
            unchanged = f"la fiche {rel} contient déjà ces renseignements : il n'y a rien à modifier."
            return Result(kind=kind, errors=[("Formulaire", unchanged)])
        diff = issue_merge.diff_markdown(rel, old_text, text)
    result = Result(kind=kind, path=rel, text=text, diff=diff, warnings=[("Fiche", note) for note in notes])
    for p in _check(root.resolve(), kind, rel, text, today):
        (result.errors if p.severity == ERROR else result.warnings).append((_label_for(form, p.key), p.message))
    return result


def write(result: Result, out_dir: Path) -> Path:
    """Write a valid result under ``out_dir`` (the ``data`` directory)."""
    assert result.ok and result.path and result.text is not None
    target = out_dir / Path(result.path).relative_to("data")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.text, encoding="utf-8")
    return target


def _lines(items: list[tuple[str, str]]) -> list[str]:
    # Labels and messages repeat the issue's text: Markdown-inert, like the review summary.
    return [f"- « {md(label)} » : {md(message)}" for label, message in items]


def report(result: Result) -> str:
    """The French report printed by the command and posted on the issue or the pull request
    (Markdown: every text from the issue is escaped, the diff is fenced)."""
    if result.ok:
        lines = [f"Fiche prête : {result.path}"]
        if result.diff:
            lines += ["", result.diff.rstrip("\n")]
        if result.warnings:
            lines += ["", "Points à vérifier :", *_lines(result.warnings)]
        return "\n".join(lines) + "\n"
    n = len(result.errors)
    lines = [
        f"La demande n'a pas pu être convertie en fiche ({n} erreur{'s' if n > 1 else ''}) :",
        "",
        *_lines(result.errors),
    ]
    if result.warnings:
        lines += ["", "Points à vérifier :", *_lines(result.warnings)]
    lines += ["", "Modifiez la demande (menu « … », puis « Edit »), puis signalez-le dans un commentaire."]
    return "\n".join(lines) + "\n"


@click.command("from-issue")
@click.argument("body_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(sorted(FORMS)), help="Formulaire (par défaut : reconnu d'après les titres).")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True, help="Dossier data/ où écrire la fiche.")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("."),
              show_default=True, help="Racine du dépôt (vocabulaires et fiches existantes).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date de mise à jour de la fiche (par défaut : aujourd'hui).")
def command(body_file: Path, kind: str | None, out_dir: Path, root: Path, today: dt.datetime | None) -> None:
    """Convertir une demande (formulaire GitHub) en fiche, si elle est valide."""
    body = body_file.read_text(encoding="utf-8", errors="replace")
    result = convert(body, root, kind, today.date() if today else None)
    if result.ok:
        write(result, out_dir)
    click.echo(report(result), nl=False)
    raise SystemExit(0 if result.ok else 1)
