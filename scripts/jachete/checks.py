"""Rules the schema cannot express: between fields of a record, and between records.

Every rule reads the parsed data defensively (the schema may already have found
the value has the wrong type) and only adds problems; none raises.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from . import weburl
from .bodies import duplicate_declarations
from .codes import severity
from .loader import Document
from .model import Reference
from .problems import Problem
from .schema import BLANK_MESSAGE, KINDS, date_message, describe, in_range, is_real_date, non_finite_message
from .spreadsheet import formula_start
from .text import CONTROL_RE, LINE_BREAK_RE, ZWJ, joins_emoji, line_problems

SCHEMA_LINE = "# yaml-language-server: $schema="
KEBAB_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NEQ_RE = re.compile(r"[0-9]{10}")

# Why: text is shown escaped, but markup or script URLs in a record are a red flag for reviewers.
MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|\b(?:javascript|vbscript|data)\s*:|\bon[a-z]+\s*=", re.IGNORECASE)
URL_FIELDS = {"site_web", "boutique_en_ligne", "document_signe", "courriel", "url"}
# The declaration model was proposed by the government's 2011 plan (« L'économie sociale : j'achète! »):
# no declaration can be older.
MODEL_DATE = dt.date(2011, 1, 1)
# Text a spreadsheet could run (jachete.spreadsheet); a phone number (« +1 819 555-0142 ») is
# legitimate: its pattern holds digits and punctuation only, and the CSV files quote it anyway.
SHOWN = {"\t": "une tabulation", "\r": "un retour de chariot", "\n": "un saut de ligne"}
FORMULA_MESSAGE = ("le texte commence par {start} : un tableur pourrait le lire comme une formule "
                   "(dans les fichiers CSV, il sera précédé d'une apostrophe) ; commencez-le par un mot ou un chiffre")


def _problem(doc: Document, code: str, path: tuple, message: str, at_key: bool = False) -> Problem:
    return doc.problem(code, path, message, severity(code), at_key)


def _get(data, *path):
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[part] if isinstance(part, int) else data.get(part)
    return data


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def neq_check_digit_ok(neq: str) -> bool:
    """Empirical rule: digits 3 to 10 of a NEQ form a valid Luhn number."""
    return luhn_ok(neq[2:])


def _date_rule(doc: Document, path: tuple, today: dt.date, past_only: bool) -> list[Problem]:
    value = _get(doc.data, *path)
    if not isinstance(value, str):
        return []
    if not is_real_date(value):
        return [_problem(doc, "date-invalide", path, date_message(value))]
    if not in_range(value):  # the schema reports it (date-hors-limites): not also « in the future »
        return []
    if past_only and dt.date.fromisoformat(value) > today:
        return [_problem(doc, "date-future", path,
                         f"la date « {value} » est dans le futur (aujourd'hui : {today.isoformat()}) : "
                         "attendu une date passée ou celle d'aujourd'hui")]
    return []


# Characters a reader cannot see, or that reorder the text around them (bidi overrides):
# in a stranger's record they can hide words from the reviewer or disguise a name.
INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
WORD_RE = re.compile(r"\w+")
# Greek (with Coptic) and Cyrillic blocks: a text without any of their letters cannot mix alphabets,
# so the word-by-word scan runs only on the rare texts that have some.
LOOKALIKE_RE = re.compile("[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]")


def _scripts(word: str) -> set[str]:
    """The alphabets of a word's letters, among those whose letters look alike."""
    if word.isascii():  # ASCII letters are all Latin: nothing to mix (and most words are ASCII)
        return {"LATIN"} if any(ch.isalpha() for ch in word) else set()
    found = set()
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for script in ("LATIN", "CYRILLIC", "GREEK"):
                if name.startswith(script):
                    found.add(script)
    return found


SCRIPT_FR = {"LATIN": "latin", "CYRILLIC": "cyrillique", "GREEK": "grec"}


def _disguise(doc: Document, text: str, path: tuple) -> list[Problem]:
    """Invisible or direction-changing characters, and words that mix look-alike alphabets."""
    problems = []
    hidden = next((m for m in INVISIBLE_RE.finditer(text)
                   if m.group(0) != ZWJ or not joins_emoji(text, m.start())), None)
    if hidden:
        problems.append(_problem(doc, "texte-invisible", path,
                                 f"le texte contient un caractère invisible ou qui inverse le sens d'écriture "
                                 f"(U+{ord(hidden.group(0)):04X}) : retirez-le, il peut masquer ou réordonner "
                                 "le texte"))
    for word in WORD_RE.findall(text) if LOOKALIKE_RE.search(text) else ():
        scripts = _scripts(word)
        if len(scripts) > 1:
            names = " et ".join(SCRIPT_FR[s] for s in sorted(scripts, key=list(SCRIPT_FR).index))
            problems.append(_problem(doc, "texte-homoglyphe", path,
                                     f"le mot « {word[:40]} » mélange les alphabets {names} : attendu un seul "
                                     "alphabet (une lettre d'un autre alphabet peut imiter un autre nom)"))
            break
    return problems


# Why: most texts hold none of the characters the findings below need (markup needs
# « < », « : » or « = »); one quick search skips them, the others are scanned rule by rule.
_SUSPECT_RE = re.compile("[<:=" + INVISIBLE_RE.pattern[1:-1] + LOOKALIKE_RE.pattern[1:-1]
                         + CONTROL_RE.pattern[1:-1] + LINE_BREAK_RE.pattern[1:-1] + "]")


def text_rules(doc: Document, schema: dict | None) -> list[Problem]:
    """The checks of every text and number of a record, whatever its kind (``schema``: its JSON Schema).

    Markup, invisible and control characters, line breaks in a field of one line, blank text, and
    numbers YAML allows but a registry cannot use (``.nan``, ``.inf``, ``2020.0`` for a whole number).
    """
    out: list[Problem] = []
    _scan(doc, doc.data, (), out, schema)
    return out


def _scan(doc: Document, data, path: tuple, out: list[Problem], node) -> None:
    if isinstance(data, str):
        if (start := formula_start(data)) and not data.isspace() and path[-1:] != ("telephone",):
            out.append(_problem(doc, "texte-formule", path,
                                FORMULA_MESSAGE.format(start=SHOWN.get(start, f"« {start} »"))))
        suspect = _SUSPECT_RE.search(data) is not None
        breaks = line_problems(doc, data, path, node) if suspect else []
        out += breaks
        if data.isspace() and not breaks:
            out.append(_problem(doc, "texte-vide", path, BLANK_MESSAGE))
        elif suspect:
            out += _disguise(doc, data, path)
            if path and path[-1] not in URL_FIELDS and MARKUP_RE.search(data):
                found = " ".join(MARKUP_RE.search(data).group(0).split())
                found = found if len(found) <= 40 else found[:39] + "…"
                out.append(_problem(doc, "texte-balisage", path,
                                    f"le texte contient « {found} » : attendu du texte simple, sans balises HTML "
                                    "ni code (il sera affiché tel quel, jamais exécuté)"))
    # Why: the schema of each value goes down with it (``node``); it tells a field of one line.
    elif isinstance(data, dict):
        fields = node.get("properties", {}) if isinstance(node, dict) else {}
        for key, value in data.items():
            _scan(doc, value, path + (key,), out, fields.get(key))
    elif isinstance(data, list):
        items = node.get("items") if isinstance(node, dict) else None
        for i, value in enumerate(data):
            _scan(doc, value, path + (i,), out, items)
    elif isinstance(data, float) and not math.isfinite(data):
        out.append(_problem(doc, "valeur-hors-limites", path, non_finite_message(doc.raw.get(path, data))))
    # Why: JSON Schema counts 2020.0 as a whole number; a year or a count written so is a typing slip.
    elif isinstance(data, float) and data.is_integer() and isinstance(node, dict) and node.get("type") == "integer":
        example = f", ex. {int(data)}" if abs(data) < 1e15 else ""
        out.append(_problem(doc, "type-invalide", path,
                            f"type incorrect : attendu un nombre entier ; trouvé {describe(data, doc.raw.get(path))} : "
                            f"écrivez-le sans partie décimale{example}"))


def record_rules(doc: Document, kind: str, stem: str, reference: Reference, today: dt.date,
                 schema: dict | None = None) -> list[Problem]:
    """Rules within one record (the data is a mapping); ``schema``: its JSON Schema."""
    data = doc.data
    out: list[Problem] = []
    schema_name = f"{KINDS[kind]}.schema.json"
    if not (doc.first_line.startswith(SCHEMA_LINE) and doc.first_line.rstrip().endswith(schema_name)):
        out.append(Problem(doc.path, 1, 1, severity("ligne-schema-manquante"), "ligne-schema-manquante", "-",
                           f"la première ligne devrait être « {SCHEMA_LINE}../schemas/{schema_name} » "
                           "(elle active l'aide à la saisie dans l'éditeur)"))
    record_id = data.get("id")
    if isinstance(record_id, str) and record_id != stem:
        if KEBAB_RE.match(stem):
            fix = f"attendu « id: {stem} » (ou renommez le fichier en « {record_id}.yml »)"
        else:
            fix = f"renommez le fichier en « {record_id}.yml » (le nom du fichier est l'identifiant)"
        out.append(_problem(doc, "id-nom-fichier", ("id",),
                            f"l'identifiant « {record_id} » diffère du nom du fichier « {stem}.yml » : {fix}"))
    out += text_rules(doc, schema)
    if kind == "enterprise":
        out += _enterprise_rules(doc, reference, today)
    else:
        out += _declaration_rules(doc, today)
    return out


def _enterprise_rules(doc: Document, reference: Reference, today: dt.date) -> list[Problem]:
    data = doc.data
    out = _date_rule(doc, ("mise_a_jour",), today, past_only=True)
    neq = data.get("neq")
    if isinstance(neq, str) and NEQ_RE.fullmatch(neq) and not neq_check_digit_ok(neq):
        out.append(_problem(doc, "neq-chiffre-controle", ("neq",),
                            f"le NEQ « {neq} » ne passe pas le contrôle habituel de son dernier chiffre : "
                            "vérifiez-le au Registraire des entreprises (s'il est exact, ignorez cet avertissement)"))
    region, mrc = data.get("region"), data.get("mrc")
    if isinstance(mrc, str) and mrc in reference.mrcs and isinstance(region, str) and region in reference.regions:
        actual = reference.mrcs[mrc]
        if actual.region != region:
            out.append(_problem(doc, "mrc-hors-region", ("mrc",),
                                f"la MRC « {mrc} » ({actual.nom}) est dans la région « {actual.region} » "
                                f"({reference.regions[actual.region].nom}), pas dans la région « {region} » "
                                f"({reference.regions[region].nom}) : corrigez la région ou la MRC"))
    forme, coop = data.get("forme_juridique"), data.get("cooperative")
    if forme == "cooperative" and "cooperative" not in data:
        line, col = doc.keys.get(("forme_juridique",), (1, 1))
        out.append(Problem(doc.path, line, col, severity("cooperative-manquante"), "cooperative-manquante",
                           "cooperative", "champ obligatoire manquant pour une coopérative : « cooperative » "
                           "(bloc avec « type: » et « sans_ristourne: »)"))
    elif isinstance(forme, str) and forme in reference.formes_juridiques and forme != "cooperative" \
            and "cooperative" in data:
        out.append(_problem(doc, "cooperative-interdite", ("cooperative",),
                            f"le bloc « cooperative » ne s'applique qu'à une coopérative ; trouvé la forme "
                            f"juridique « {forme} » : retirez le bloc ou corrigez la forme juridique",
                            at_key=True))
    # Why: an unknown type or a non-boolean is already reported; do not pile a second error on it.
    if isinstance(coop, dict) and coop.get("designee_par_ministre") is True \
            and isinstance(coop.get("type"), str) and coop.get("type") in reference.types_cooperatives \
            and isinstance(coop.get("sans_ristourne"), bool) \
            and (coop.get("type") != "solidarite" or coop.get("sans_ristourne") is not True):
            out.append(_problem(doc, "designation-invalide", ("cooperative", "designee_par_ministre"),
                                "seule une coopérative de solidarité (type: solidarite) sans ristourne "
                                "(sans_ristourne: true) peut être désignée par la ministre ; trouvé "
                                f"type « {coop.get('type')} », sans_ristourne « "
                                f"{str(coop.get('sans_ristourne')).lower()} »"))
    return out


def _declaration_rules(doc: Document, today: dt.date) -> list[Problem]:
    data = doc.data
    out = _date_rule(doc, ("adoptee_le",), today, past_only=True)
    adopted = _valid_date(data.get("adoptee_le"))
    if adopted is not None and (adopted > today or not in_range(adopted.isoformat())):
        adopted = None  # already an error: the other dates are not compared with it
    if adopted is not None and adopted < MODEL_DATE:
        out.append(_problem(doc, "date-avant-modele", ("adoptee_le",),
                            f"la date d'adoption « {adopted.isoformat()} » précède le modèle de déclaration, "
                            "proposé en 2011 : attendu une date à partir du 2011-01-01 (recopiez la date de la "
                            "résolution, format AAAA-MM-JJ)"))
    cibles = data.get("cibles")
    for i in range(len(cibles) if isinstance(cibles, list) else 0):
        found = _date_rule(doc, ("cibles", i, "echeance"), today, past_only=False)
        echeance = _valid_date(_get(cibles, i, "echeance"))
        if not found and adopted is not None and echeance is not None and echeance < adopted:
            found.append(_problem(doc, "cible-avant-adoption", ("cibles", i, "echeance"),
                                  f"l'échéance « {echeance.isoformat()} » précède l'adoption de la déclaration "
                                  f"({adopted.isoformat()}) : vérifiez l'une des deux dates"))
        out += found
    out += _follow_up_rules(doc, adopted, today)
    official = weburl.site_of(_get(data, "organisme", "site_web"))
    document = data.get("document_signe")
    host = weburl.site_of(document)
    if official and host and not weburl.on_site(host, official):
        out.append(_problem(doc, "document-hors-domaine", ("document_signe",),
                            f"le document signé est sur « {host} », pas sur le site officiel « {official} » "
                            "de l'organisme : les responsables de la révision vérifieront sa provenance"))
    return out


def _valid_date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and is_real_date(value) else None


def _follow_up_rules(doc: Document, adopted: dt.date | None, today: dt.date) -> list[Problem]:
    """Each yearly report: a year begun, not before the adoption, and given once."""
    out: list[Problem] = []
    suivis = doc.data.get("suivis")
    first: dict[int, int] = {}  # year -> index of its first report
    for i, suivi in enumerate(suivis if isinstance(suivis, list) else []):
        annee = _get(suivi, "annee")
        if not isinstance(annee, int) or isinstance(annee, bool):
            continue
        path = ("suivis", i, "annee")
        if annee > today.year:
            out.append(_problem(doc, "date-future", path,
                                f"l'année {annee} n'est pas encore commencée (aujourd'hui : {today.isoformat()}) : "
                                "attendu une année passée ou l'année en cours"))
        elif adopted is not None and annee < adopted.year:
            out.append(_problem(doc, "suivi-avant-adoption", path,
                                f"le bilan de l'année {annee} précède l'adoption de la déclaration "
                                f"({adopted.isoformat()}) : attendu l'année {adopted.year} ou une année suivante"))
        if annee in first:
            line = doc.position(("suivis", first[annee], "annee"))[0]
            out.append(_problem(doc, "suivi-annee-dupliquee", path,
                                f"l'année {annee} a déjà un bilan (ligne {line}) : gardez un seul bilan par "
                                "année, avec le total des contrats et des montants"))
        first.setdefault(annee, i)
    return out


def cross_record_rules(docs: list[tuple[Document, str]]) -> list[Problem]:
    """Rules between records: unique ids per kind, one declaration per body."""
    out: list[Problem] = []
    first_id: dict[tuple[str, str], Document] = {}
    declarations: list[Document] = []
    # Why: the file whose name matches the id keeps it; the others are the duplicates.
    def order(pair):
        data = pair[0].data if isinstance(pair[0].data, dict) else {}
        stem = pair[0].path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return (data.get("id") != stem, pair[0].path)

    for doc, kind in sorted(docs, key=order):
        data = doc.data if isinstance(doc.data, dict) else {}
        record_id = data.get("id")
        if isinstance(record_id, str):
            other = first_id.setdefault((kind, record_id), doc)
            if other is not doc:
                out.append(_problem(doc, "id-duplique", ("id",),
                                    f"l'identifiant « {record_id} » est déjà utilisé par {other.path} : "
                                    "attendu un identifiant unique"))
        if kind == "declaration":
            declarations.append(doc)
    return out + duplicate_declarations(declarations)
