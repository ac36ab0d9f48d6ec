"""iCalendar files: one per event (/evenements/<id>.ics) and the subscribable whole calendar.

UIDs are ``<id>@<site host>`` so a subscriber's agenda updates an event instead of
duplicating it; DTSTAMP is the record's ``mise_a_jour`` (else its first day), never the clock.
Events are whole days (DTSTART/DTEND as dates; DTEND is the day after the last day).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar import Event as VEvent

from ..render.env import safe_url
from .model import Event

PRODID = "-//jachete//L'économie sociale, j'achète!//FR"


def uid(event: Event, site_url: str) -> str:
    host = urlsplit(site_url).hostname or "jachete"
    return f"{event.id}@{host}"


def _location(e: Event) -> str | None:
    if e.en_ligne:
        return "En ligne"
    parts = [p for p in (e.lieu, e.municipalite) if p]
    return ", ".join(parts) or None


def vevent(e: Event, site_url: str, page_url: str) -> VEvent:
    v = VEvent()
    v.add("uid", uid(e, site_url))
    stamp = e.mise_a_jour or e.debut
    v.add("dtstamp", dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.UTC))
    v.add("dtstart", e.debut)
    if e.fin < dt.date.max:  # the validator keeps dates far from it; a calendar still never overflows
        v.add("dtend", e.fin + dt.timedelta(days=1))
    v.add("summary", e.titre + (" (exemple fictif)" if e.exemple else ""))
    text = e.description
    if e.horaire:
        text += f"\n\nHoraire : {e.horaire}"
    text += f"\n\nOrganisé par : {e.organisateur}"
    v.add("description", text)
    if loc := _location(e):
        v.add("location", loc)
    v.add("categories", [e.type_label])
    v.add("url", safe_url(e.url) or page_url)
    v.add("transp", "TRANSPARENT")
    return v


def calendar(events: list[Event], site_url: str, page_url: str, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for e in sorted(events, key=lambda e: (e.debut, e.id)):
        cal.add_component(vevent(e, site_url, f"{page_url}#{e.id}"))
    return cal.to_ical()
