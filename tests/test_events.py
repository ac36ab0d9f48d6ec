"""Events: validation with the records' Problem format, the calendar page and the .ics files."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
from icalendar import Calendar

from jachete.events import components, load_events, outputs, validate_events
from test_exports_helpers import ctx, sample_registry

REPO = Path(__file__).resolve().parents[1]
HEAD = "# yaml-language-server: $schema=../schemas/evenement.schema.json\n"

SALON = """\
id: salon
titre: Salon régional
type: salon
debut: 2026-04-22
lieu: Centre des congrès
municipalite: Trois-Rivières
region: "04"
description: Kiosques.
organisateur: Pôle régional
mise_a_jour: 2026-03-02
"""
SEMAINE = """\
id: semaine
titre: Semaine de l'économie sociale
type: semaine-economie-sociale
debut: 2026-11-16
fin: 2026-11-20
description: Partout au Québec.
organisateur: Regroupement
exemple: true
"""
RENCONTRE = """\
id: rencontre
titre: Rencontre d'acheteurs
type: rencontre-acheteurs
debut: 2027-02-11
region: "06"
municipalite: Montréal
description: Matinée.
organisateur: Table régionale
url: https://rencontre.example.org/
"""


def _root(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "data" / "schemas").mkdir(parents=True)
    shutil.copy(REPO / "data" / "schemas" / "evenement.schema.json", tmp_path / "data" / "schemas")
    folder = tmp_path / "data" / "events"
    folder.mkdir()
    for name, body in files.items():
        (folder / f"{name}.yml").write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return tmp_path


@pytest.fixture
def root(tmp_path):
    return _root(tmp_path, {"salon": SALON, "semaine": SEMAINE, "rencontre": RENCONTRE})


def test_valid_events_load_sorted_by_date(root):
    events, problems, files = load_events(root)
    assert problems == [] and files == 3
    assert [e.id for e in events] == ["salon", "semaine", "rencontre"]
    semaine = events[1]
    assert (semaine.debut, semaine.fin, semaine.region, semaine.exemple) == (
        dt.date(2026, 11, 16), dt.date(2026, 11, 20), None, True)
    assert events[0].fin == events[0].debut


def test_demo_events_are_left_out_when_demo_is_off(root):
    events, problems, _ = load_events(root, include_demo=False)
    assert [e.id for e in events] == ["salon", "rencontre"] and problems == []


@pytest.mark.parametrize("body, code, key, line", [
    (SALON.replace("debut: 2026-04-22", "debut: 2026-04-22\nfin: 2026-04-01"), "dates-inversees", "fin", 6),
    (SALON.replace("type: salon", "type: kermesse"), "valeur-inconnue", "type", 4),
    (SALON.replace("titre: Salon régional\n", ""), "champ-manquant", "titre", 2),
    (SALON.replace("id: salon", "id: autre-nom"), "id-nom-fichier", "id", 2),
    (SALON.replace("debut: 2026-04-22", "debut: 2026-13-40"), "date-invalide", "debut", 5),
    (SALON.replace('region: "04"', 'region: "42"'), "valeur-inconnue", "region", 8),
    (SALON + "couleur: rouge\n", "champ-inconnu", "couleur", 12),
    (SALON.replace("debut: 2026-04-22", "debut: 2026-04-22\nfin: 9999-12-31"), "date-hors-limites", "fin", 6),
    (SALON.replace("debut: 2026-04-22", "debut: 9999-12-31"), "date-hors-limites", "debut", 5),
    (SALON.replace("mise_a_jour: 2026-03-02", "mise_a_jour: 1999-12-31"), "date-hors-limites", "mise_a_jour", 11),
])
def test_problems_point_at_the_field(tmp_path, body, code, key, line):
    root = _root(tmp_path, {"salon": body})
    problems = validate_events(root)
    found = [p for p in problems if p.code == code]
    assert found, [p.format() for p in problems]
    assert found[0].key == key and found[0].path == "data/events/salon.yml" and found[0].line == line
    assert found[0].is_error
    assert load_events(root)[0] == []


def test_repository_events_are_valid_demo_records():
    events, problems, files = load_events(REPO)
    assert problems == [] and files >= 3 and len(events) == files
    assert all(e.exemple for e in events)


def _ctx(root, today=dt.date(2026, 11, 27)):
    events = load_events(root)[0]
    return ctx(sample_registry(events=events), today=today)


def test_calendar_splits_upcoming_and_past_by_region(root):
    parts = components(_ctx(root))
    upcoming, past = parts["evenements-a-venir"], parts["evenements-passes"]
    assert 'id="rencontre"' in upcoming and 'id="salon"' not in upcoming
    assert 'id="salon"' in past and 'id="semaine"' in past
    assert '<h3 id="region-06">Montréal (06)</h3>' in upcoming
    assert "partout au Québec" in past  # no place, no region: a province-wide event
    # Past events, newest first.
    assert past.index('id="semaine"') < past.index('id="salon"')
    # An event running today is upcoming.
    later = components(_ctx(root, today=dt.date(2026, 11, 20)))["evenements-a-venir"]
    assert 'id="semaine"' in later


def test_ics_files_parse_with_stable_uids_and_data_stamps(root):
    out = {o.path: o.content for o in outputs(_ctx(root))}
    assert set(out) == {"evenements/evenements.ics", "evenements/salon.ics", "evenements/semaine.ics",
                        "evenements/rencontre.ics"}
    cal = Calendar.from_ical(out["evenements/evenements.ics"])
    events = {str(v["uid"]): v for v in cal.walk("VEVENT")}
    assert set(events) == {"salon@registre.example.org", "semaine@registre.example.org",
                           "rencontre@registre.example.org"}
    semaine = events["semaine@registre.example.org"]
    assert semaine.decoded("dtstart") == dt.date(2026, 11, 16)
    assert semaine.decoded("dtend") == dt.date(2026, 11, 21)  # exclusive end
    # No mise_a_jour: the stamp is the first day, never the clock.
    assert semaine.decoded("dtstamp") == dt.datetime(2026, 11, 16, tzinfo=dt.UTC)
    assert events["salon@registre.example.org"].decoded("dtstamp").date() == dt.date(2026, 3, 2)
    assert str(events["rencontre@registre.example.org"]["url"]) == "https://rencontre.example.org/"
    single = Calendar.from_ical(out["evenements/salon.ics"])
    assert [str(v["uid"]) for v in single.walk("VEVENT")] == ["salon@registre.example.org"]
    again = {o.path: o.content for o in outputs(_ctx(root))}
    assert again == out


def test_hostile_event_text_is_escaped_and_bad_urls_dropped():
    from jachete.events import Event

    evil = Event(id="evil", titre="<script>alert(1)</script>", type="salon", debut=dt.date(2027, 1, 5),
                 fin=dt.date(2027, 1, 5), organisateur='"><img src=x onerror=alert(1)>', description="<b>gras</b>",
                 source_path="data/events/evil.yml", url="javascript:alert(1)", region="04")
    html = components(ctx(sample_registry(events=[evil]), today=dt.date(2026, 11, 27)))["evenements-a-venir"]
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    cal = Calendar.from_ical(outputs(ctx(sample_registry(events=[evil])))[0].content)
    vevent = next(iter(cal.walk("VEVENT")))
    assert str(vevent["url"]).startswith("https://registre.example.org/evenements/#evil")


# Rows: (code, key, line, column, severity); line 1 is the schema line.
@pytest.mark.parametrize("body, expected", [
    # A folded title keeps a final line feed, which broke the calendar's name.
    (SALON.replace("titre: Salon régional", "titre: >\n  Salon régional"),
     [("texte-saut-de-ligne", "titre", 3, 8, "error")]),
    (SALON.replace("lieu: Centre des congrès", 'lieu: "Centre des congrès\\x0c"'),
     [("texte-controle", "lieu", 6, 7, "error")]),
    (SALON.replace("municipalite: Trois-Rivières", 'municipalite: "Trois-Rivières\\L"'),
     [("texte-saut-de-ligne", "municipalite", 7, 15, "error")]),
    (SALON.replace("description: Kiosques.", 'description: " "'), [("texte-vide", "description", 9, 14, "error")]),
    (SALON.replace("description: Kiosques.", "description: Kiosques <script>alert(1)</script>"),
     [("texte-balisage", "description", 9, 14, "warning")]),
    (SALON.replace("organisateur: Pôle régional", "organisateur: Pôle \u202erégional"),
     [("texte-invisible", "organisateur", 10, 15, "warning")]),
    (SALON.replace("organisateur: Pôle régional", "organisateur: Pôle rеgional"),  # a Cyrillic « е »
     [("texte-homoglyphe", "organisateur", 10, 15, "warning")]),
    # Multi-line description, emoji joined by U+200D: nothing to say.
    (SALON.replace("description: Kiosques.", "description: |\n  Kiosques 👩‍⚖️.\n\n  Dîner 👨‍👩‍👧."), []),
])
def test_events_get_the_records_text_checks(tmp_path, body, expected):
    root = _root(tmp_path, {"salon": body})
    problems = validate_events(root)
    assert [(p.code, p.key, p.line, p.col, p.severity) for p in problems] == expected
    assert len(load_events(root)[0]) == (0 if any(row[4] == "error" for row in expected) else 1)


def test_an_event_ending_on_the_last_date_python_knows_still_gets_a_calendar():
    # The validator keeps dates within 2000-2100; the calendar computation alone must not overflow either
    # (« fin + 1 day » raised OverflowError on 9999-12-31).
    from jachete.events import Event
    from jachete.events.ics import calendar

    last = Event(id="dernier", titre="Dernier jour", type="salon", debut=dt.date(9999, 12, 30), fin=dt.date.max,
                 organisateur="Pôle", description="Fin.", source_path="data/events/dernier.yml")
    vevent = next(iter(Calendar.from_ical(calendar([last], "https://x.example/", "https://x.example/e/", "x"))
                       .walk("VEVENT")))
    assert vevent.decoded("dtstart") == dt.date(9999, 12, 30)
    assert "DTEND" not in vevent
