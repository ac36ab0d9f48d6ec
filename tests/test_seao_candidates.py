"""``jachete seao candidats``: collective forms by word, accent-insensitive, registry NEQs left out."""

from __future__ import annotations

import io
from pathlib import Path

from jachete.seao import store
from jachete.seao.candidates import candidates, is_collective, write_csv
from jachete.seao.ingest import ingest
from jachete.seao.registry_links import registry_neqs

F = Path(__file__).parent / "fixtures" / "seao"


def test_collective_names():
    assert is_collective("COOPERATIVE DE TRAVAIL") and is_collective("Coop de solidarité")
    assert is_collective("CPE Les Petits Pas") and is_collective("Entretien OBNL-Plus")
    assert is_collective("Mutuelle de prévention") and is_collective("Coopérative funéraire")
    assert not is_collective("Les Scoops inc.") and not is_collective("Construction Coopex ltée")
    assert not is_collective("CPEQ Services")


def test_candidates_csv(tmp_path):
    root = tmp_path / "repo"
    (root / "data" / "enterprises").mkdir(parents=True)
    (root / "data" / "enterprises" / "deja.yml").write_text('id: deja\nneq: "1171234563"\n', encoding="utf-8")
    db = store.connect(tmp_path / "seao.sqlite")
    ingest(db, [F / "candidates.json"])
    rows = candidates(db, set(registry_neqs(root)))
    out = io.StringIO()
    write_csv(rows, out)
    assert out.getvalue() == (
        "neq,nom,contrats,montant_adjuge_total,premiere_date,derniere_date\n"
        "1140000010,CPE Les Petits Pas,1,90000.00,2026-06-01,2026-06-01\n"
        "1140000002,COOPERATIVE DE SOLIDARITE DU LAC,2,65000.50,2026-06-01,2026-06-01\n"
        "1140000044,Entretien OBNL-Plus,1,26000.00,2026-06-01,2026-06-01\n")


def test_registry_neqs_of_the_demo_data():
    neqs = registry_neqs(Path(__file__).resolve().parents[1])
    assert neqs and all(len(n) == 10 and n.isdigit() for n in neqs)
