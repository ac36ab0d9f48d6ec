"""Record text in the .ics files: whatever a record holds, every file is a valid RFC 5545 stream
and its text reads back as written, but for the documented replacements (jachete.events.ics)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re

import pytest
from icalendar import Calendar
from icalendar.parser import Contentline

from jachete.events.ics import calendar
from jachete.events.model import Event
from jachete.events.page import outputs
from test_exports_helpers import ctx, sample_registry

SITE = "https://registre.example.org/"
PAGE = SITE + "evenements/"
# Characters that split a line for some reader (Python's str.splitlines set) and the other
# control characters: none may appear raw in a content line.
BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
CONTROLS = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0)]))
# TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma appear only escaped.
ESCAPED_TEXT = re.compile(r"(?:[^\\;,]|\\[\\;,nN])*")
TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME"}


BASE = Event(id="foire", titre="Foire", type="salon", debut=dt.date(2027, 1, 5), fin=dt.date(2027, 1, 5),
             organisateur="Pôle", description="Kiosques.", source_path="data/events/foire.yml",
             municipalite="Trois-Rivières", region="04")


def event(**fields) -> Event:
    return dataclasses.replace(BASE, **fields)


def content_lines(ics: bytes) -> list[tuple[str, str]]:
    """(name, unescaped value) of each content line, after checking the stream's syntax."""
    text = ics.decode("utf-8")
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
        assert not any(c in CONTROLS.replace("\t", "") or c in BREAKS for c in line), repr(line)
    assert not physical[0].startswith((" ", "\t"))
    logical: list[str] = []
    for line in physical:
        if line.startswith((" ", "\t")):
            logical[-1] += line[1:]  # unfolding: CRLF and one white space removed
        else:
            logical.append(line)
    out = []
    for line in logical:
        name, _params, raw = Contentline(line).raw_parts()
        if name.upper() in TEXT_PROPERTIES:
            assert ESCAPED_TEXT.fullmatch(raw), line
        out.append((name.upper(), Contentline(line).parts()[2]))
    return out


def read_back(ics: bytes) -> dict[str, list[str]]:
    """Each property's unescaped values, checked against icalendar's own parser."""
    values: dict[str, list[str]] = {}
    for name, value in content_lines(ics):
        values.setdefault(name, []).append(value)
    vevents = Calendar.from_ical(ics).walk("VEVENT")
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        assert [str(v[name]) for v in vevents if name in v] == values.get(name, [])
    return values


def test_folded_yaml_title_builds_a_valid_calendar():
    # `titre: >` then an indented line gives "Foire régionale\n": it used to stop the build
    # (an assertion in the iCalendar writer: a new line in X-WR-CALNAME).
    e = event(titre="Foire régionale\n")
    files = {o.path: o.content for o in outputs(ctx(sample_registry(events=[e])))}
    single = read_back(files["evenements/foire.ics"])
    assert single["X-WR-CALNAME"] == ["Foire régionale"]
    assert single["SUMMARY"] == ["Foire régionale"]
    assert read_back(files["evenements/evenements.ics"])["SUMMARY"] == ["Foire régionale"]


@pytest.mark.parametrize("char", list(BREAKS) + ["\r\n"])
def test_each_line_break_is_a_space_in_one_line_fields_and_a_new_line_in_the_description(char):
    e = event(titre=f"Foire{char}de Noël", lieu=f"Salle{char}A", municipalite="Lévis",
              description=f"Kiosques{char}et ateliers.")
    values = read_back(calendar([e], SITE, PAGE, f"Calendrier{char}régional"))
    assert values["X-WR-CALNAME"] == ["Calendrier régional"]
    assert values["SUMMARY"] == ["Foire de Noël"]
    assert values["LOCATION"] == ["Salle A, Lévis"]
    assert values["DESCRIPTION"] == ["Kiosques\net ateliers.\n\nOrganisé par : Pôle"]


def test_other_control_characters_are_removed_and_escapes_round_trip():
    controls = "".join(c for c in CONTROLS if c not in BREAKS and c != "\t")
    # A lone surrogate (U+D800) cannot be written in UTF-8: removed as well.
    e = event(titre=f"A{controls}\ud800B; C, D\\E\tF", lieu="Salle « 1 », étage 2; porte\\3",
              description=f"Ligne{controls} 1\n\nLigne 2 : 5 $, 6 $; \\ fin")
    values = read_back(calendar([e], SITE, PAGE, f"Nom{controls}, ; \\"))
    assert values["X-WR-CALNAME"] == ["Nom, ; \\"]
    assert values["SUMMARY"] == ["AB; C, D\\E\tF"]
    assert values["LOCATION"] == ["Salle « 1 », étage 2; porte\\3, Trois-Rivières"]
    assert values["DESCRIPTION"] == ["Ligne 1\n\nLigne 2 : 5 $, 6 $; \\ fin\n\nOrganisé par : Pôle"]


def test_a_url_a_reader_could_split_falls_back_to_the_event_page():
    e = event(url="https://exemple.org/a\u2028b")
    assert read_back(calendar([e], SITE, PAGE, "Nom"))["URL"] == [PAGE + "#foire"]


def test_a_backslash_and_capital_n_is_the_library_line_break():
    # The one documented difference: vText takes "\\N" as its notation for a line break.
    values = read_back(calendar([event(description="C:\\Nouveau")], SITE, PAGE, "Nom"))
    assert values["DESCRIPTION"] == ["C:\nouveau\n\nOrganisé par : Pôle"]


# Building blocks of the random texts: the characters that need care, ordinary French text,
# wide characters (folding counts octets) and the escape sequences themselves.
ALPHABET = list(BREAKS + CONTROLS + "\\;,:\"'") + ["\r\n", "\\n", "\\,", "é", "€", "𝄞", "👩‍⚖️", " ", "ab"]


def _expected(text: str, one_line: bool) -> str:
    """The documented mapping, written apart from the module's: other controls removed; each
    line break a new line, or in one-line text each run of breaks a space, spaces trimmed."""
    kept = "".join(c for c in text if c in BREAKS or c == "\t" or c not in CONTROLS)
    if one_line:
        return re.sub(f"(?:\r\n|[{BREAKS}])+", " ", kept).strip(" ")
    return "\n".join(re.split(f"\r\n|[{BREAKS}]", kept))


def test_random_texts_round_trip_exactly_but_for_the_documented_replacements():
    rng = random.Random(20261127)
    for n in range(400):
        title, place, desc, name = ("".join(rng.choices(ALPHABET, k=rng.randint(0, 60))) for _ in range(4))
        e = event(id=f"e{n}", titre=title, lieu=place, municipalite=None, description=desc)
        values = read_back(calendar([e], SITE, PAGE, name))
        assert values["X-WR-CALNAME"] == [_expected(name, True)]
        assert values["SUMMARY"] == [_expected(title, True)]
        assert values.get("LOCATION", [""]) == [_expected(place, True)]
        assert values["DESCRIPTION"] == [_expected(desc + "\n\nOrganisé par : Pôle", False)]
