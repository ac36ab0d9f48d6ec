"""iCalendar files: one per event (/evenements/<id>.ics) and the subscribable whole calendar.

UIDs are ``<id>@<site host>`` so a subscriber's agenda updates an event instead of
duplicating it; DTSTAMP is the record's ``mise_a_jour`` (else its first day), never the clock.
Events are whole days (DTSTART/DTEND as dates; DTEND is the day after the last day).

Record text is written as iCalendar TEXT values (``vText``: the library escapes ``\\``, ``;``,
``,`` and line feeds, and folds lines at 75 octets), the calendar name included. Before that,
``ical_text`` maps what TEXT cannot hold (RFC 5545 §3.3.11) in a fixed way:

- every character a reader may take for a line break (CR LF, CR, VT, FF, FS, GS, RS, NEL,
  LS, PS: Python's ``str.splitlines`` set) is a line feed in the description (written ``\\n``)
  and a space in one-line properties (title, place, calendar name), spaces trimmed at both ends;
- the other control characters (C0 but tab, DEL, C1) and lone surrogates are removed.

One known difference after a round trip: the library reads a literal backslash followed by a
capital N as a line break (``vText`` takes ``\\N`` as its line-break notation).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from icalendar import Calendar, vText
from icalendar import Event as VEvent

from ..render.urls import safe_url
from .model import Event

PRODID = "-//jachete//L'économie sociale, j'achète!//FR"

_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_BREAK_RUNS = re.compile(f"(?:{_BREAKS.pattern})+")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def ical_text(text: str, *, one_line: bool = False) -> vText:
    """``text`` as a TEXT value: line breaks normalised, controls removed (see the module doc)."""
    text = _CONTROLS.sub("", text)
    if one_line:
        # A run of breaks ("titre: >" gives "text\n", Windows files "\r\n") is one space.
        return vText(_BREAK_RUNS.sub(" ", text).strip(" "))
    return vText(_BREAKS.sub("\n", text))


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
    v.add("summary", ical_text(e.titre + (" (exemple fictif)" if e.exemple else ""), one_line=True))
    text = e.description
    if e.horaire:
        text += f"\n\nHoraire : {e.horaire}"
    text += f"\n\nOrganisé par : {e.organisateur}"
    v.add("description", ical_text(text))
    if loc := _location(e):
        v.add("location", ical_text(loc, one_line=True))
    v.add("categories", [e.type_label])
    url = safe_url(e.url)
    # A URI value is written as is (no TEXT escaping): one a reader could split is left out.
    if not url or _BREAKS.search(url) or _CONTROLS.search(url):
        url = page_url
    v.add("url", url)
    v.add("transp", "TRANSPARENT")
    return v


def calendar(events: list[Event], site_url: str, page_url: str, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # Why vText: the library types an X- property as UNKNOWN and writes it verbatim.
    cal.add("x-wr-calname", ical_text(name, one_line=True))
    for e in sorted(events, key=lambda e: (e.debut, e.id)):
        cal.add_component(vevent(e, site_url, f"{page_url}#{e.id}"))
    return cal.to_ical()
