"""Load and check data/rules/regles.yml: the schema, then the rules between its parts.

Problems use the validator's format (``path:line:col: error: code: field.path: message``)
and its codes (``jachete.codes``) wherever one fits; the codes proper to the rules file
are in ``jachete.rules.codes``. The file is read by the records' reader
(``jachete.loader``), so dates stay ISO strings and every node has its position.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

import jsonschema

from .. import loader
from .. import schema as record_schema  # a module: jachete.schema imports this package's codes
from ..problems import ERROR, WARNING, Problem, sort_problems
from ..text import LINE_BREAK_RE
from ..url_rules import rules_file_paths, url_problems

RULES_PATH = "data/rules/regles.yml"
SCHEMA_PATH = "data/schemas/regles.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/regles.schema.json"
# A rule bound naming the buyer's own public-tender threshold for the contract type.
APPLICABLE = "seuil-applicable"

_TYPES = {"string": "un texte", "number": "un nombre", "integer": "un nombre entier", "array": "une liste",
          "object": "un bloc de champs", "boolean": "vrai ou faux (true/false)"}


ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"  # the identifiers of the rules file (regimes, sources, seuils…)


def _schema_problems(doc: loader.Document, err: jsonschema.ValidationError) -> list[Problem]:
    """One schema error in French: the records' translator (``schema.translate``), but for the
    few cases the rules file words for its own readers (amounts, legal sources, identifiers)."""
    path = tuple(err.absolute_path)
    kind, value = err.validator, err.instance
    if kind in ("minimum", "exclusiveMinimum") and not isinstance(value, bool):
        return [doc.problem("valeur-hors-limites", path, f"le montant doit être positif ou nul (trouvé : {value})")]
    if kind == "maximum" and not isinstance(value, bool):
        return [doc.problem("valeur-hors-limites", path, f"montant hors limites (trouvé : {value}) : attendu "
                            f"{record_schema.limits_text(err.schema)}")]
    if kind == "minItems" and path and path[-1] == "references":
        return [doc.problem("source-manquante", path, "chaque règle et chaque seuil doit citer au moins une "
                            "référence légale avec sa source")]
    if kind == "pattern" and path and path[-1] == "a_confirmer_aupres":
        # Why: the quoted value shows no line break; say it is there.
        hidden = LINE_BREAK_RE.search(value)
        hint = f" ; retirez le saut de ligne (U+{ord(hidden.group(0)):04X}) : le texte tient sur une ligne" \
            if hidden else ""
        return [doc.problem("valeur-invalide", path, f"« {' '.join(value.split())} » : commencez par « du », « de "
                            f"la », « de l' » ou « des », pour se lire après « à confirmer auprès » (ex. « du MAMH »){hint}")]
    if kind == "pattern" and path and path[-1] == "url":
        return [doc.problem("url-invalide", path, f"adresse invalide : « {value} » (attendu https://…)")]
    if kind == "pattern" and err.validator_value == ID_PATTERN:
        return [doc.problem("id-invalide", path, f"identifiant invalide : « {value} » (minuscules sans "
                            "accents, chiffres et traits d'union)")]
    return record_schema.translate(doc, err)


def _is_non_finite(value) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _ids(doc, data, section: str, problems: list[Problem]) -> set[str]:
    seen: dict[str, int] = {}
    for i, item in enumerate(data.get(section) or []):
        if item["id"] in seen:
            problems.append(doc.problem("id-duplique", (section, i, "id"),
                                        f"identifiant « {item['id']} » déjà utilisé dans « {section} »"))
        seen.setdefault(item["id"], i)
    return set(seen)


def _known(doc, problems, path, value, known: set[str], what: str) -> None:
    if value not in known:
        problems.append(doc.problem("reference-inconnue", path,
                                    f"{what} inconnu(e) : « {value} » (connus : {', '.join(sorted(known))})"))


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _status(doc, problems, path, item) -> None:
    if item["statut"] != "confirme" and not item.get("a_confirmer_aupres"):
        problems.append(doc.problem("a-confirmer-manquant", path + ("statut",),
                                    f"statut « {item['statut']} » : indiquez auprès de qui confirmer "
                                    "(champ « a_confirmer_aupres »)"))


def _check_periods(doc, problems, s: int, serie: dict) -> None:
    """Periods of one series: start before end, only the last one open, no overlap."""
    periods = serie["periodes"]
    spans = []
    for j, p in enumerate(periods):
        start, end = _date(p["debut"]), _date(p.get("fin"))
        if end is not None and end < start:
            problems.append(doc.problem("periode-inversee", ("seuils", s, "periodes", j, "fin"),
                                        f"la fin ({p['fin']}) précède le début ({p['debut']})"))
            continue
        spans.append((start, end or dt.date.max, j))
    spans.sort()
    # Compare each period with the latest-ending one before it, so nested periods are caught too.
    reach: tuple[dt.date, int] | None = None
    for start, end, j in spans:
        if reach is not None and start <= reach[0]:
            problems.append(doc.problem(
                "periode-chevauchement", ("seuils", s, "periodes", j, "debut"),
                f"la période commençant le {periods[j]['debut']} chevauche celle commençant le "
                f"{periods[reach[1]]['debut']} dans la série « {serie['id']} »"))
        if reach is None or end > reach[0]:
            reach = (end, j)


def check(doc: loader.Document, data: dict) -> list[Problem]:
    """Cross-references and periods; ``data`` already passed the schema."""
    problems: list[Problem] = []
    regimes = _ids(doc, data, "regimes", problems)
    fournisseurs = _ids(doc, data, "fournisseurs", problems)
    contrats = _ids(doc, data, "contrats", problems)
    procedures = _ids(doc, data, "procedures", problems)
    sources = _ids(doc, data, "sources", problems)
    series = _ids(doc, data, "seuils", problems)
    _ids(doc, data, "regles", problems)
    _ids(doc, data, "remarques", problems)
    buyer_ids: dict[str, int] = {}
    for i, a in enumerate(data["acheteurs"]):
        _known(doc, problems, ("acheteurs", i, "regime"), a["regime"], regimes, "régime")
        for k, name in enumerate([a["id"], *a.get("alias", [])]):
            if name in buyer_ids:
                where = ("acheteurs", i, "id") if k == 0 else ("acheteurs", i, "alias", k - 1)
                problems.append(doc.problem("id-duplique", where, f"type d'acheteur « {name} » déjà défini"))
            buyer_ids.setdefault(name, i)
        for contrat, serie in a["seuils"].items():
            _known(doc, problems, ("acheteurs", i, "seuils", contrat), serie, series, "série de seuils")
    for s, serie in enumerate(data["seuils"]):
        _known(doc, problems, ("seuils", s, "regime"), serie["regime"], regimes, "régime")
        for r, ref in enumerate(serie["references"]):
            _known(doc, problems, ("seuils", s, "references", r, "source"), ref["source"], sources, "source")
        for j, p in enumerate(serie["periodes"]):
            base = ("seuils", s, "periodes", j)
            _status(doc, problems, base, p)
            for k, src in enumerate(p["sources"]):
                _known(doc, problems, base + ("sources", k), src, sources, "source")
            if "fin" not in p and j != len(serie["periodes"]) - 1:
                problems.append(doc.problem("periode-inversee", base + ("debut",),
                                            "seule la dernière période d'une série peut rester ouverte (sans « fin »)"))
        _check_periods(doc, problems, s, serie)
    for section in ("regles", "remarques"):
        for i, rule in enumerate(data.get(section) or []):
            base = (section, i)
            _known(doc, problems, base + ("regime",), rule["regime"], regimes, "régime")
            for k, f in enumerate(rule["fournisseurs"]):
                _known(doc, problems, base + ("fournisseurs", k), f, fournisseurs, "type de fournisseur")
            for k, c in enumerate(rule["contrats"]):
                _known(doc, problems, base + ("contrats", k), c, contrats, "type de contrat")
            for key in ("procedures", "selon_reglement"):
                for k, p in enumerate(rule.get(key, [])):
                    _known(doc, problems, base + (key, k), p, procedures, "procédure")
            for key in ("a_partir_de", "moins_de"):
                if key in rule:
                    _known(doc, problems, base + (key,), rule[key], series | {APPLICABLE}, "série de seuils")
            for r, ref in enumerate(rule["references"]):
                _known(doc, problems, base + ("references", r, "source"), ref["source"], sources, "source")
            _status(doc, problems, base, rule)
    cov = data["couverture"]
    if cov["fin"] < cov["debut"]:
        problems.append(doc.problem("periode-inversee", ("couverture", "fin"), "la fin précède le début"))
    return problems


def load_rules(root: Path | str, display: str = RULES_PATH) -> tuple[dict | None, list[Problem]]:
    """Read and check the rules file; the data (JSON-like, dates as ISO strings) is None on error."""
    root = Path(root)
    doc = loader.read(root / RULES_PATH, display)
    problems = list(doc.problems)
    if doc.data is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, problems + [doc.problem("fiche-non-bloc", (), "le fichier des règles doit être un bloc de champs")]
    if doc.first_line.strip() != SCHEMA_LINE:
        problems.append(doc.problem("ligne-schema-manquante", (), f"première ligne attendue : « {SCHEMA_LINE} »",
                                    severity=WARNING))
    validator = record_schema.compiled(str(root / SCHEMA_PATH))  # the one compile-once cache of every schema
    schema_errors = list(validator.iter_errors(doc.data))
    problems += [p for e in schema_errors if not _is_non_finite(e.instance) for p in _schema_problems(doc, e)]
    from ..checks import text_rules  # late: checks needs the codes, which need this package

    problems += text_rules(doc, validator.schema)  # the same text checks as the records
    if schema_errors or any(p.severity == ERROR for p in problems):
        return None, problems
    problems += check(doc, doc.data) + url_problems(doc, rules_file_paths(doc.data))
    if any(p.severity == ERROR for p in problems):
        return None, problems
    return doc.data, problems


# Thresholds change every two years on January 1: warn a season ahead.
STALE_AHEAD = dt.timedelta(days=90)


def freshness(root: Path | str, data: dict, today: dt.date, display: str = RULES_PATH) -> list[Problem]:
    """A warning when the encoded period ends soon (or has ended): the next thresholds are due."""
    end = dt.date.fromisoformat(data["couverture"]["fin"])
    if today + STALE_AHEAD < end:
        return []
    doc = loader.read(Path(root) / RULES_PATH, display)
    when = "a pris fin" if today > end else "prend fin"
    return [doc.problem("regles-a-renouveler", ("couverture", "fin"),
                        f"la période couverte par les règles {when} le {end.isoformat()} : ajoutez les seuils "
                        "de la période suivante et prolongez « couverture »", severity=WARNING)]


def validate_rules(root: Path | str, display: str = RULES_PATH, today: dt.date | None = None) -> list[Problem]:
    """The problems of the rules file, for ``jachete validate``."""
    data, problems = load_rules(root, display)
    if data is not None:
        problems += freshness(root, data, today or dt.date.today(), display)
    return problems


def _is_file(f, target: Path) -> bool:
    """Whether ``f`` is ``target`` (its folder resolved, never the file: a link is not followed),
    resolving its folder only if it may."""
    path = f if isinstance(f, Path) else Path(f)
    return path.name == target.name and path.parent.resolve() / path.name == target


def validate_with_rules(validate_files, files: list[Path], root: Path, today, paths, display):
    """``validate_files`` plus the rules file, for the CLI: returns (files checked, problems).

    The rules file is checked when no path is given, or when a path given is the file
    itself or a folder that holds it; it is never passed to the records' validator.
    """
    rules_file = Path(root).resolve() / RULES_PATH  # not resolved itself: a link there is reported
    # Only a file of that name, or a link, can be the rules file: the others need no resolving.
    records = [f for f in files if not _is_file(f, rules_file)]
    _, problems = validate_files(records, root, today, display=display)
    named = [Path(p).parent.resolve() / Path(p).name for p in paths]
    if os.path.lexists(rules_file) and (not paths or any(p == rules_file or p in rules_file.parents for p in named)):
        problems = sort_problems(problems + validate_rules(root, display(rules_file), today))
        records.append(rules_file)
    return records, problems
