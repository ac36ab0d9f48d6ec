"""Checking one release as read: either a reason to skip it, or the release cleaned in place with
a note for each value that was normalised or dropped.

A dropped value is removed from the release (not set to null: in OCDS merging a null erases what
an earlier release said, while an absent field leaves it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import values


@dataclass
class Checked:
    skip: str | None = None  # reason the release cannot be compiled (the key it is counted under)
    detail: str = ""  # what was found, for the message
    notes: list[str] = field(default_factory=list)  # values normalised or dropped
    date: str | None = None


def check(release) -> Checked:
    if not isinstance(release, dict):
        return Checked(skip="la publication n'est pas un objet JSON")
    ocid = release.get("ocid")
    if not isinstance(ocid, str) or not ocid.strip():
        return Checked(skip="publication sans ocid")
    rid = release.get("id")
    if isinstance(rid, int | float) and not isinstance(rid, bool):
        release["id"] = rid = str(int(rid))
    if not isinstance(rid, str) or not rid.strip():
        return Checked(skip="publication sans identifiant (id)")
    when = values.date(release.get("date"), utc=True)
    if when is None:
        return Checked(skip="date de publication illisible", detail=f" « {release.get('date')} »")
    release["date"] = when
    out = Checked(date=when)
    _amount(out, release.get("tender"), "tender.value.amount")
    for kind, dates in (("awards", ("date",)), ("contracts", ("dateSigned",))):
        items = release.get(kind)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            _amount(out, item, f"{kind}[{i}].value.amount")
            for key in dates:
                _date(out, item, key, f"{kind}[{i}].{key}")
            period = item.get("period") or item.get("contractPeriod")
            for key in ("startDate", "endDate"):
                if isinstance(period, dict):
                    _date(out, period, key, f"{kind}[{i}].period.{key}")
    tender = release.get("tender")
    if isinstance(tender, dict) and isinstance(tender.get("tenderPeriod"), dict):
        for key in ("startDate", "endDate"):
            _date(out, tender["tenderPeriod"], key, f"tender.tenderPeriod.{key}")
    parties = release.get("parties")
    for i, party in enumerate(parties if isinstance(parties, list) else []):
        details = party.get("details") if isinstance(party, dict) else None
        if isinstance(details, dict) and "neq" in details:
            neq, note = values.neq(details["neq"])
            if note:
                out.notes.append(f"parties[{i}].details.neq : {note}")
                del details["neq"]
            elif neq:
                details["neq"] = neq
    return out


def _amount(out: Checked, holder, path: str) -> None:
    value = holder.get("value") if isinstance(holder, dict) else None
    if not isinstance(value, dict) or "amount" not in value:
        return
    number, note = values.amount(value["amount"])
    if note:
        out.notes.append(f"{path} : {note}")
    if number is None:
        del value["amount"]
    else:
        value["amount"] = number


def _date(out: Checked, holder: dict, key: str, path: str) -> None:
    if key not in holder or holder[key] is None:
        return
    when = values.date(holder[key])
    if when is None:
        out.notes.append(f"{path} : date illisible « {holder[key]} », ignorée")
        del holder[key]
    else:
        holder[key] = when
