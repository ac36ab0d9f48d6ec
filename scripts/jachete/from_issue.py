"""Turn an issue-form body (as GitHub renders it) into a record file.

GitHub renders a submitted issue form as ``### Label`` headings, each followed by the
value: ``_No response_`` for an empty optional field, the option text for a dropdown,
option texts joined by ``, `` for a multi-select, ``- [X] ...`` for a ticked checkbox.
``convert`` reads that text back field by field (``issue_forms.FORMS``), maps option
texts to vocabulary ids, builds the record in the contract's key order, writes it with
``record_yaml`` and runs the registry's validator on it. The body is untrusted: it only
ever becomes data, and nothing is written unless the record validates.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

from . import record_yaml
from .files import read_trusted
from .issue_forms import FORMS, NO, YES, Field, Form, load_vocabularies
from .problems import ERROR, Problem, sort_problems

NO_RESPONSE = "_No response_"
KIND_DIRS = {"declaration": "declarations", "entreprise": "enterprises"}
SCHEMAS = {"declaration": "declaration", "entreprise": "entreprise"}
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_CHECKED = re.compile(r"^- \[[xX]\] ")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass
class Result:
    kind: str | None = None
    path: str | None = None  # "data/declarations/<id>.yml" once written
    text: str | None = None  # the record file's text
    errors: list[tuple[str, str]] = field(default_factory=list)  # (form label, French message)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.text is not None


def slug(text: str) -> str:
    """``Café coopératif Le Passage`` -> ``cafe-coopératif-le-passage`` without accents."""
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:100].strip("-")


def _short(value: str, limit: int = 80) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


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


class _Builder:
    """Converts each field's text to its record value, collecting French errors."""

    def __init__(self, root: Path, form: Form, today: dt.date):
        self.form = form
        self.today = today
        self.vocabularies = load_vocabularies(root)
        mrcs = yaml.safe_load(read_trusted(root / "data" / "reference" / "mrc.yml").decode("utf-8"))
        self.mrcs = mrcs["valeurs"]
        self.errors: list[tuple[str, str]] = []

    def error(self, f: Field, message: str) -> None:
        self.errors.append((f.label, message))

    def option(self, f: Field, text: str) -> str | None:
        for term_id, option in self.vocabularies[f.vocabulary or ""]:
            if option == text:
                return term_id
        self.error(f, f"« {_short(text)} » n'est pas un choix de la liste.")
        return None

    def options(self, f: Field, text: str) -> list[str]:
        # Option texts may themselves contain ", ": rebuild them greedily from the pieces.
        known = {option: term_id for term_id, option in self.vocabularies[f.vocabulary or ""]}
        pieces, ids, start = text.split(", "), [], 0
        while start < len(pieces):
            for end in range(len(pieces), start, -1):
                candidate = ", ".join(pieces[start:end])
                if candidate in known:
                    ids.append(known[candidate])
                    start = end
                    break
            else:
                self.error(f, f"« {_short(pieces[start])} » n'est pas un choix de la liste.")
                start += 1
        return list(dict.fromkeys(ids))

    def number(self, f: Field, text: str, label: str | None = None) -> int | float | None:
        cleaned = re.sub(r"[\s\u00a0\u202f$]", "", text)
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
            self.error(f, f"{label or ''}« {_short(text)} » n'est pas un nombre.")
            return None
        value = float(cleaned)
        return int(value) if value.is_integer() and "." not in cleaned else value

    def date(self, f: Field, text: str, label: str | None = None) -> dt.date | None:
        try:
            if _DATE.fullmatch(text):
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        self.error(f, f"{label or ''}« {_short(text)} » n'est pas une date au format AAAA-MM-JJ.")
        return None

    def mrc(self, f: Field, text: str, region: str | None) -> str | None:
        wanted = slug(text)
        codes = [m["code"] for m in self.mrcs if m["code"] == text.strip()]
        if not codes:
            named = [m for m in self.mrcs if slug(m["nom"]) == wanted]
            # Two MRC can share a name in different regions: prefer the chosen region's.
            in_region = [m for m in named if m["region"] == region]
            codes = [m["code"] for m in (in_region or named)]
        if len(codes) != 1:
            self.error(f, f"« {_short(text)} » n'est ni le nom ni le code d'une MRC ou d'un territoire équivalent.")
            return None
        return codes[0]

    def cibles(self, f: Field, text: str) -> list[dict]:
        cibles = []
        for n, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            where = f"ligne {n} : "
            if len(parts) > 4 or not parts[0]:
                self.error(f, where + "écrivez « description ; valeur ; unité ; échéance » (seule la "
                           "description est obligatoire).")
                continue
            parts += [""] * (4 - len(parts))
            cible: dict = {"description": parts[0]}
            if parts[1]:
                cible["valeur"] = self.number(f, parts[1], where)
            if parts[2]:
                cible["unite"] = parts[2]
            if parts[3]:
                cible["echeance"] = self.date(f, parts[3], where)
            cibles.append(cible)
        return cibles

    def offres(self, f: Field, text: str) -> list[dict]:
        offres = []
        for n, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) < 3 or not parts[0] or not parts[-1]:
                self.error(f, f"ligne {n} : écrivez « titre ; description ; codes UNSPSC ».")
                continue
            codes = [c for c in re.split(r"[\s,]+", parts[-1]) if c]
            offres.append({"titre": parts[0], "description": "; ".join(parts[1:-1]), "unspsc": codes})
        return offres

    def value(self, f: Field, text: str, record: dict) -> object:
        key = f.key
        if f.kind == "dropdown":
            return self.option(f, text)
        if f.kind == "multi":
            return self.options(f, text)
        if f.kind == "yesno":
            if text not in (YES, NO):
                self.error(f, f"répondez « {YES} » ou « {NO} ».")
            return text == YES
        if key in ("adoptee_le",):
            return self.date(f, text)
        if key in ("coordonnees.latitude", "coordonnees.longitude", "suivis.montant"):
            return self.number(f, text)
        if key in ("suivis.annee", "suivis.nombre_contrats"):
            value = self.number(f, text)
            if isinstance(value, float):
                self.error(f, f"« {_short(text)} » n'est pas un nombre entier.")
            return value
        if key == "mrc":
            return self.mrc(f, text, record.get("region"))
        if key == "cibles":
            return self.cibles(f, text)
        if key == "offres":
            return self.offres(f, text)
        if key == "neq" and re.fullmatch(r"[\d \-]+", text):
            return re.sub(r"[ \-]", "", text)
        if key == "code_postal":
            compact = re.sub(r"\s", "", text).upper()
            return f"{compact[:3]} {compact[3:]}" if re.fullmatch(r"[A-Z]\d[A-Z]\d[A-Z]\d", compact) else text
        if f.kind == "textarea":
            lines = [line.rstrip() for line in text.split("\n")]
            return "\n".join(lines).strip()
        return " ".join(text.split())


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


# The contract's key order for each kind (nested mappings follow the form's order).
ORDER = {
    "declaration": ["id", "organisme", "adoptee_le", "resolution", "signataire", "document_signe",
                    "texte", "cibles", "suivis"],
    "entreprise": ["id", "nom", "forme_juridique", "cooperative", "neq", "region", "mrc", "municipalite",
                   "adresse", "code_postal", "coordonnees", "regions_desservies", "description", "secteurs",
                   "offres", "site_web", "courriel", "telephone", "boutique_en_ligne", "mise_a_jour"],
}


def build(body: str, form: Form, root: Path, today: dt.date) -> tuple[dict | None, list[tuple[str, str]]]:
    """The record for this body, or None and the French errors."""
    values, errors = sections(body, form)
    builder = _Builder(root, form, today)
    builder.errors = errors
    record: dict = {}
    for f in form.fields:
        text = values.get(f.label, "").strip("\n")
        if not text.strip():
            if f.required:
                builder.error(f, "ce champ est obligatoire.")
            continue
        if f.kind == "checkbox":
            if f.required and not any(_CHECKED.match(line) for line in text.split("\n")):
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
            builder.error(form.fields[0], f"« {_short(given)} » n'est pas un identifiant de fiche (lettres "
                          "minuscules sans accents, chiffres et traits d'union, ex. cafe-cooperatif-le-passage).")
        record["id"] = given if isinstance(given, str) and given else slug(record.get("nom", ""))
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
    merge. A record with the same file name is the one being replaced: it is left out.
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
    """Build, write in memory and validate the record; nothing touches the disk."""
    today = today or dt.date.today()
    kind = kind or detect_kind(body)
    if kind is None:
        unknown = "la demande ne suit ni le formulaire de déclaration ni celui d'entreprise."
        return Result(errors=[("Formulaire", unknown)])
    form = FORMS[kind]
    record, errors = build(body, form, root, today)
    if record is None:
        return Result(kind=kind, errors=errors)
    rel = f"data/{KIND_DIRS[kind]}/{record['id']}.yml"
    text = record_yaml.dump(record, SCHEMAS[kind])
    result = Result(kind=kind, path=rel, text=text)
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
    return [f"- « {label} » : {message}" for label, message in items]


def report(result: Result) -> str:
    """The French report printed by the command and posted on the issue."""
    if result.ok:
        lines = [f"Fiche prête : {result.path}"]
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
