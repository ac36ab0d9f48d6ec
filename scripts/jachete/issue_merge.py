"""What an issue-form conversion does to the records already in the registry.

A form never replaces a record silently. The converter (``from_issue``) asks here which
file the new record goes to and merges it into the record already there:

- a declaration form for a body that has a declaration (same id, i.e. same name) updates
  it; the same name with another region or another ``code_geo`` is another body and is
  refused (the validator already allows one declaration per name and type);
- the annual follow-up form names an existing declaration (page address or id) and adds
  one year to its ``suivis``; an unknown declaration or a year already there is refused;
- an enterprise form with an id corrects that record (an unknown id is refused); without
  an id, a name whose id is taken by another enterprise (another NEQ) gets a distinct id
  (``<id>-<municipality>``), and the same NEQ is sent back to the correction field.

Merging is field by field: the form's values replace only the fields it gave; a list of
entries (``suivis`` by year, ``cibles`` by description, ``offres`` by title) keeps every
entry and appends new ones; ``exemple`` and every field the form does not ask are kept.
Code lists chosen in a multi-select (``secteurs``, ``regions_desservies``) are the new
choice. The change is shown as a unified diff (``diff_markdown``).
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import unicodedata
from pathlib import Path

import yaml

from .files import read_bytes
from .fmt import money, number
from .review import md

DIRS = {"declaration": "declarations", "suivi": "declarations", "entreprise": "enterprises"}
# Lists of entries, merged by the entry's identity; every other list is replaced.
ENTRY_KEYS = {"suivis": "annee", "cibles": "description", "offres": "titre"}
MAX_DIFF_LINES = 400
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# ``…/declarations/<id>/`` (any site address, with or without index.html) or the bare id.
_PAGE = re.compile(r"https?://[^\s/]+(?:/[^\s]*)?/declarations/([a-z0-9]+(?:-[a-z0-9]+)*)/?(?:index\.html)?/?"
                   r"(?:[?#]\S*)?")

Errors = list[tuple[str, str]]  # (record path, French message)


def slug(text: str) -> str:
    """``Café coopératif Le Passage`` -> ``cafe-coopératif-le-passage`` without accents."""
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:100].strip("-")


def record_file(root: Path, rel: str) -> Path | None:
    path = root / rel
    # Anything at that name counts, a link or a folder too: reading it then fails with a clear
    # message instead of a new record being written over it.
    return path if os.path.lexists(path) else None


def read_record(path: Path) -> tuple[str, dict | None]:
    content, problem = read_bytes(path)  # the one safe reader: never through a link, bounded
    if problem is not None:
        return "", None
    text = content.decode("utf-8", errors="replace")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    return text, data if isinstance(data, dict) else None


def declaration_id(text: str) -> str | None:
    """The declaration id named by a page address or an id, or None."""
    text = text.strip().strip("<>").strip()
    if _ID.fullmatch(text):
        return text
    match = _PAGE.fullmatch(text)
    return match.group(1) if match else None


def _suggestion(root: Path, wanted: str) -> str:
    ids = sorted(p.stem for p in (root / "data" / "declarations").glob("*.yml"))
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
    return f" Vouliez-vous dire « {close[0]} » ?" if close else ""


def target(root: Path, kind: str, record: dict, correction: bool) -> tuple[str, str | None, dict | None,
                                                                          Errors, list[str]]:
    """(file, its current text, its data, errors, notes): where the record goes."""
    rel = f"data/{DIRS[kind]}/{record['id']}.yml"
    path = record_file(root, rel)
    if path is None and kind == "suivi":
        message = (f"aucune déclaration du registre ne porte l'identifiant « {record['id']} ». Copiez "
                   "l'adresse de la page de la déclaration sur le site du registre." + _suggestion(root, record["id"]))
        return rel, None, None, [("declaration", message)], []
    if path is None and kind == "entreprise" and correction:
        message = (f"aucune fiche d'entreprise ne porte l'identifiant « {record['id']} » : vérifiez-le (la fin "
                   "de l'adresse de la fiche sur le site), ou laissez ce champ vide pour une nouvelle entreprise.")
        return rel, None, None, [("id", message)], []
    if path is None:
        return rel, None, None, [], []
    text, old = read_record(path)
    if old is None:
        message = f"la fiche existante {rel} est illisible : une personne responsable du registre doit la corriger."
        return rel, None, None, [("id", message)], []
    if kind == "declaration":
        return (rel, text, old, _other_body(rel, old, record), [])
    if kind == "entreprise" and not correction:
        return _new_enterprise(root, rel, old, record)
    return rel, text, old, [], []


def _other_body(rel: str, old: dict, new: dict) -> Errors:
    before, after = old.get("organisme") or {}, new.get("organisme") or {}
    geo_before, geo_after = before.get("code_geo"), after.get("code_geo")
    if before.get("region") == after.get("region") and not (geo_before and geo_after and geo_before != geo_after):
        return []
    message = (f"la déclaration {rel} porte déjà ce nom, pour un autre organisme (région {before.get('region')}, "
               f"code géographique {geo_before or 'absent'}). Si c'est bien le vôtre, corrigez la région ou le code "
               "géographique ; sinon, écrivez aux responsables du registre.")
    return [("organisme.nom", message)]


def _new_enterprise(root: Path, rel: str, old: dict, record: dict) -> tuple[str, str | None, dict | None,
                                                                            Errors, list[str]]:
    taken = record["id"]
    if old.get("neq") == record.get("neq"):
        message = (f"cette entreprise a déjà une fiche ({rel}). Pour la corriger, indiquez « {taken} » dans le "
                   "champ « Identifiant de la fiche à corriger ».")
        return rel, None, None, [("neq", message)], []
    # Why a distinct id rather than a refusal: two enterprises may bear the same name (the
    # NEQ tells them apart); the place name keeps the new id readable and stable.
    place = slug(str(record.get("municipalite", "")))
    base = taken if not place or taken.endswith("-" + place) else f"{taken[:99 - len(place)].rstrip('-')}-{place}"
    candidate, n = base, 2
    while record_file(root, f"data/enterprises/{candidate}.yml") is not None:
        candidate, n = f"{base[:96].rstrip('-')}-{n}", n + 1
    record["id"] = candidate
    note = (f"l'identifiant « {taken} » est déjà celui d'une autre entreprise (« {old.get('nom')} », NEQ "
            f"{old.get('neq')}) : la nouvelle fiche reçoit l'identifiant « {candidate} ».")
    return f"data/enterprises/{candidate}.yml", None, None, [], [note]


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
    return a == b


def _merge_entries(key: str, before: list, after: list, errors: Errors) -> list:
    ident = ENTRY_KEYS[key]
    merged = copy.deepcopy(before)
    for entry in after:
        match = next((m for m in merged if isinstance(m, dict) and _same(m.get(ident), entry.get(ident))), None)
        if match is None:
            merged.append(entry)
        elif key == "suivis":
            if any(match.get(k) != v for k, v in entry.items()):
                errors.append(("suivis.annee", _year_taken(match)))
        else:
            match.update(entry)
    return merged


def _year_taken(report: dict) -> str:
    figures = []
    if isinstance(report.get("nombre_contrats"), int):
        figures.append(f"{number(report['nombre_contrats'])} contrat{'s' if report['nombre_contrats'] > 1 else ''}")
    if isinstance(report.get("montant"), (int, float)):
        figures.append(money(report["montant"]))
    published = f" ({', '.join(figures)})" if figures else ""
    return (f"la déclaration contient déjà un rapport de suivi pour {report['annee']}{published} : une année ne "
            "s'ajoute qu'une fois. Vérifiez l'année ; pour corriger un rapport publié, écrivez aux responsables "
            "du registre (un commentaire dans cette demande suffit).")


def merge(old: dict, new: dict) -> tuple[dict, Errors]:
    """``old`` updated with the fields ``new`` gives (see the module's docstring)."""
    errors: Errors = []
    merged = copy.deepcopy(old)
    for key, value in new.items():
        before = merged.get(key)
        if key in ENTRY_KEYS and isinstance(before, list) and isinstance(value, list):
            merged[key] = _merge_entries(key, before, value, errors)
        elif isinstance(before, dict) and isinstance(value, dict):
            merged[key] = {**before, **value}
        else:
            merged[key] = value
    return merged, errors


def ordered(merged: dict, old: dict, order: list[str]) -> dict:
    """The old file's key order; a field it did not have goes at its place in ``order``."""
    rank = {key: n for n, key in enumerate(order)}
    keys = list(old)
    for key in merged:
        if key not in keys:
            after = [n for n, k in enumerate(keys) if rank.get(k, len(order)) < rank.get(key, len(order))]
            keys.insert(after[-1] + 1 if after else 0, key)
    return {key: merged[key] for key in keys if key in merged}


def diff_markdown(rel: str, old_text: str, new_text: str) -> str:
    """The change to an existing record as a fenced unified diff, framed in French."""
    lines = list(difflib.unified_diff(old_text.splitlines(), new_text.splitlines(), f"{rel} (version actuelle)",
                                      f"{rel} (version proposée)", lineterm=""))
    if len(lines) > MAX_DIFF_LINES:
        rest = len(lines) - MAX_DIFF_LINES
        lines = lines[:MAX_DIFF_LINES] + [f"… {rest} lignes de plus : voir l'onglet « Files changed »."]
    # Why a fence longer than any run of backticks in the text: the record's text can
    # close a shorter one; inside the fence GitHub renders no link, mention nor HTML.
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", "\n".join(lines))), default=0))
    intro = (f"Cette demande modifie la fiche existante {md(rel)}. Seuls les champs remplis dans le formulaire "
             "changent ; les rapports de suivi, les cibles, les offres et les autres renseignements déjà "
             "publiés sont conservés. Modifications proposées :")
    return "\n".join([intro, "", fence + "diff", *lines, fence]) + "\n"
