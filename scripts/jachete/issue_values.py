"""Each issue-form field's text read back as its record value (dates, numbers, vocabulary
options, MRC, targets, offers...), collecting French errors per form label."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .files import read_trusted
from .issue_forms import NO, YES, Field, Form, load_vocabularies
from .issue_merge import slug

CHECKED = re.compile(r"^- \[[xX]\] ")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def short(value: str, limit: int = 80) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"



class Builder:
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
        self.error(f, f"« {short(text)} » n'est pas un choix de la liste.")
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
                self.error(f, f"« {short(pieces[start])} » n'est pas un choix de la liste.")
                start += 1
        return list(dict.fromkeys(ids))

    def number(self, f: Field, text: str, label: str | None = None) -> int | float | None:
        cleaned = re.sub(r"[\s\u00a0\u202f$]", "", text)
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
            self.error(f, f"{label or ''}« {short(text)} » n'est pas un nombre.")
            return None
        value = float(cleaned)
        return int(value) if value.is_integer() and "." not in cleaned else value

    def date(self, f: Field, text: str, label: str | None = None) -> dt.date | None:
        try:
            if _DATE.fullmatch(text):
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        self.error(f, f"{label or ''}« {short(text)} » n'est pas une date au format AAAA-MM-JJ.")
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
            self.error(f, f"« {short(text)} » n'est ni le nom ni le code d'une MRC ou d'un territoire équivalent.")
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
                self.error(f, f"« {short(text)} » n'est pas un nombre entier.")
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
