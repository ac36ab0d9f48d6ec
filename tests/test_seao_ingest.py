"""SEAO ingest: each bad-input fixture with its exact message and counts, merge, idempotence."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jachete.seao import store
from jachete.seao.ingest import ingest

F = Path(__file__).parent / "fixtures" / "seao"
NB = "\u00a0"


@pytest.fixture
def db(tmp_path):
    conn = store.connect(tmp_path / "seao.sqlite")
    yield conn
    conn.close()


def run(db, *names):
    return ingest(db, [F / n for n in names])


REJECTED = {
    "package_truncated.json": (1, ("package_truncated.json : fichier tronqué : il s'arrête après la publication 0 "
                               "(fin de fichier prématurée ; détail : parse error: premature EOF) ; fichier rejeté, "
                               "publications lues avant l'erreur et non retenues : 1")),
    "package_truncated_after_note.json": (1, (
        "package_truncated_after_note.json : fichier tronqué : il s'arrête après la publication 0 (fin de fichier "
        "prématurée ; détail : parse error: premature EOF) ; fichier rejeté, publications lues avant l'erreur et non "
        "retenues : 1")),
    "package_invalid_json.json": (1, ("package_invalid_json.json : JSON invalide après la publication 0 (caractère "
                                  "inattendu ; détail : lexical error: invalid char in json text.) ; fichier rejeté, "
                                  "publications lues avant l'erreur et non retenues : 1")),
    "package_not_json.json": (0, ("package_not_json.json : ce n'est pas du JSON (le fichier ne commence pas par "
                              "« { ») ; fichier rejeté, rien n'en est retenu")),
    "package_list.json": (0, ("package_list.json : forme inattendue : le fichier est une liste, un objet avec "
                          "« releases » est attendu ; fichier rejeté, rien n'en est retenu")),
    "package_no_releases.json": (0, ("package_no_releases.json : forme inattendue : pas de tableau « releases » "
                                 "(clés trouvées : uri, records) ; fichier rejeté, rien n'en est retenu")),
    "package_releases_object.json": (0, ("package_releases_object.json : forme inattendue : « releases » n'est pas "
                                     "un tableau ; fichier rejeté, rien n'en est retenu")),
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_unreadable_package_is_rejected_whole(db, name):
    read, message = REJECTED[name]
    report = run(db, name)
    assert report.messages == [message]
    assert (report.read, report.compiled, report.skipped["fichier rejeté"]) == (read, 0, read)
    assert report.files_rejected == 1 and report.conserved()
    # Nothing half-written: no release, no file record, no process.
    assert [store.count(db, t) for t in ("files", "releases", "processes")] == [0, 0, 0]


def test_rejected_file_does_not_stop_the_others(db):
    report = run(db, "package_truncated.json", "amount_negative.json")
    assert report.files_rejected == 1 and report.files_read == 1
    assert store.count(db, "processes") == 1


CASES = {
    "ocid_missing.json": (
        ["ocid_missing.json : publication 1 (sans ocid) : publication sans ocid ; publication ignorée",
         ("ocid_missing.json : publication 2 (sans ocid) : la publication n'est pas un objet JSON ; publication "
         "ignorée")],
        (4, 2, 0), {"publication sans ocid": 1, "la publication n'est pas un objet JSON": 1},
        {"ocds-ec9k95-1001": 4825075, "ocds-ec9k95-1003": 4825075}),
    "amount_text.json": (
        [(f"amount_text.json : publication 0 (ocds-ec9k95-1001) : awards[0].value.amount : montant écrit en texte "
         f"« 12 345,67 $ », lu comme 12{NB}345,67{NB}$"),
         (f"amount_text.json : publication 1 (ocds-ec9k95-1002) : awards[0].value.amount : montant écrit en texte "
         f"« 15000.50 », lu comme 15{NB}000,50{NB}$"),
         ("amount_text.json : publication 2 (ocds-ec9k95-1003) : awards[0].value.amount : montant illisible "
         "« environ 20 000 », ignoré")],
        (3, 3, 0), {}, {"ocds-ec9k95-1001": 1234567, "ocds-ec9k95-1002": 1500050, "ocds-ec9k95-1003": None}),
    "amount_negative.json": (
        [(f"amount_negative.json : publication 0 (ocds-ec9k95-1001) : awards[0].value.amount : montant négatif "
         f"−500{NB}$, ignoré")], (1, 1, 0), {}, {"ocds-ec9k95-1001": None}),
    "amount_absurd.json": (
        [(f"amount_absurd.json : publication 0 (ocds-ec9k95-1001) : awards[0].value.amount : montant invraisemblable "
         f"48{NB}250{NB}750{NB}000{NB}$ (plus de 10 milliards), ignoré")], (1, 1, 0), {}, {"ocds-ec9k95-1001": None}),
    "date_malformed.json": (
        [("date_malformed.json : publication 0 (ocds-ec9k95-1001) : date de publication illisible « 2026-13-45 » ; "
         "publication ignorée"),
         "date_malformed.json : publication 1 (ocds-ec9k95-1002) : awards[0].date : date illisible « hier », ignorée"],
        (2, 1, 0), {"date de publication illisible": 1}, {"ocds-ec9k95-1002": 4825075}),
    "neq_malformed.json": (
        [("neq_malformed.json : publication 0 (ocds-ec9k95-1001) : parties[1].details.neq : NEQ « 12345 » invalide "
         "(10 chiffres attendus), ignoré")], (2, 2, 0), {}, {"ocds-ec9k95-1001": 4825075, "ocds-ec9k95-1002": 4825075}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_release_is_reported_and_the_rest_kept(db, name):
    messages, (read, compiled, superseded), skipped, amounts = CASES[name]
    report = run(db, name)
    assert report.messages == messages
    assert (report.read, report.compiled, report.superseded) == (read, compiled, superseded)
    assert dict(report.skipped) == skipped
    assert report.conserved()
    assert dict(db.execute("SELECT ocid, amount_cents FROM awards")) == amounts


def test_neq_normalised_or_dropped(db):
    run(db, "neq_malformed.json")
    assert dict(db.execute("SELECT ocid, neq FROM suppliers")) == {"ocds-ec9k95-1001": None,
                                                                    "ocds-ec9k95-1002": "1171234563"}


def test_duplicate_release_across_files_is_superseded_and_updates_merge(db):
    report = run(db, "duplicate_a.json", "duplicate_b.json")
    assert report.messages == [
        ("duplicate_b.json : publication 1 (ocds-ec9k95-1002) : même publication (id 20260602192354) déjà lue dans "
        "duplicate_a.json (publication 1) avec un autre contenu ; la première lue est gardée")]
    assert (report.read, report.compiled, report.superseded, report.skipped_total) == (5, 3, 2, 0)
    # The first copy (48 250,75 $) is kept, then the later awardUpdate (51 000 $) merges over it; the
    # tender and the supplier come from the earlier release (OCDS merge, not "last release wins").
    row = db.execute("SELECT a.amount_cents, p.title, p.releases, s.neq FROM awards a JOIN processes p USING (ocid) "
                     "JOIN suppliers s USING (ocid) WHERE ocid = 'ocds-ec9k95-1002'").fetchone()
    assert row == (5100000, "Entretien des parcs", 2, "1171234563")


def _dump(db: sqlite3.Connection) -> dict:
    return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall()) for t in store.NORMALISED}


def test_reingest_same_file_changes_nothing(db):
    run(db, "amount_text.json", "ocid_missing.json")
    before = _dump(db)
    again = run(db, "amount_text.json", "ocid_missing.json")
    assert (again.files_unchanged, again.read, again.messages) == (2, 0, [])
    assert _dump(db) == before


def test_republished_file_replaces_its_releases(db, tmp_path):
    folder = tmp_path / "paquets"
    folder.mkdir()
    target = folder / "hebdo_20260601_20260607.json"
    shutil.copy(F / "republished_v1" / target.name, target)
    ingest(db, [target])
    assert sorted(r[0] for r in db.execute("SELECT ocid FROM processes")) == ["ocds-ec9k95-1001", "ocds-ec9k95-1002"]
    shutil.copy(F / "republished_v2" / target.name, target)
    report = ingest(db, [target])
    assert report.files_replaced == 1 and report.read == 2 and report.compiled == 2 and report.conserved()
    assert report.messages[0].startswith("hebdo_20260601_20260607.json : fichier republié avec un autre contenu, "
                                         "remplace la version lue le ")
    assert dict(db.execute("SELECT ocid, amount_cents FROM awards")) == {"ocds-ec9k95-1001": 4700000,
                                                                        "ocds-ec9k95-1004": 4825075}
    assert store.count(db, "releases") == 2


def test_process_row_fields(db):
    run(db, "amount_negative.json")
    row = db.execute("SELECT seao_number, buyer_id, buyer_name, buyer_municipal, procurement_method, category, "
                     "unspsc, seao_categories, notice_url, cancelled FROM processes").fetchone()
    assert row == ("1001", "OP-1234", "Ville de Saint-Exemple", 1, "direct", "services", "70111700", "S19",
                   "https://seao.gouv.qc.ca/avis?ItemId=1001", 0)


def test_releases_merge_in_time_order_across_offsets(db):
    # A: 23:30 at -04:00 is 03:30 UTC on 3 June; B: 01:00 UTC on 3 June, earlier although its text
    # sorts after A's. A is the latest release: its amount wins.
    run(db, "date_offsets.json")
    assert dict(db.execute("SELECT ocid, amount_cents FROM awards")) == {"ocds-ec9k95-1001": 200000}
