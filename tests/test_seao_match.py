"""``jachete seao match`` on hand-written packages: NEQ join, declaring body by exact SEAO name or id."""

from __future__ import annotations

from pathlib import Path

from jachete.seao import store
from jachete.seao.ingest import ingest
from jachete.seao.match import match, write
from jachete.seao.registry_links import declaration_buyers, registry_neqs

F = Path(__file__).parent / "fixtures" / "seao"


def _root(tmp_path: Path, seao_field: str) -> Path:
    root = tmp_path / "repo"
    (root / "data" / "enterprises").mkdir(parents=True)
    (root / "data" / "declarations").mkdir(parents=True)
    (root / "data" / "enterprises" / "coop-exemple.yml").write_text('id: coop-exemple\nneq: "1171234563"\n')
    (root / "data" / "declarations" / "ville-exemple.yml").write_text(f"id: ville-exemple\n{seao_field}")
    return root


def _run(tmp_path, seao_field, *fixtures):
    root = _root(tmp_path, seao_field)
    db = store.connect(tmp_path / "seao.sqlite")
    ingest(db, [F / f for f in fixtures])
    ids, names = declaration_buyers(root)
    return match(db, registry_neqs(root), ids, names)


def test_match_files(tmp_path):
    # "ville de  saint-exemple": same name up to case and spacing (exact otherwise).
    contracts, bodies = _run(tmp_path, 'seao:\n  acheteurs: ["ville de  saint-exemple"]\n',
                             "amount_text.json", "candidates.json")
    written = write(tmp_path / "out", contracts, bodies)
    assert [p.name for p in written] == ["contrats-2026.csv", "organismes-2026.csv"]
    assert written[0].read_text(encoding="utf-8") == (
        "annee,date,ocid,numero_seao,attribution,acheteur_id,acheteur,municipal,entreprise,neq,fournisseur,objet,"
        "montant_adjuge,montant_final,avis\n"
        "2026,2026-06-01,ocds-ec9k95-1,1,1,OP-1,Ville de Saint-Exemple,,coop-exemple,1171234563,"
        "Coopérative de travail Déjà inscrite,,30000.00,,\n"
        "2026,2026-06-01,ocds-ec9k95-1001,1001,1001,OP-1234,Ville de Saint-Exemple,1,coop-exemple,1171234563,"
        "Coopérative de travail Exemple,Entretien des parcs,12345.67,,https://seao.gouv.qc.ca/avis?ItemId=1001\n"
        "2026,2026-06-01,ocds-ec9k95-1002,1002,1001,OP-1234,Ville de Saint-Exemple,1,coop-exemple,1171234563,"
        "Coopérative de travail Exemple,Entretien des parcs,15000.50,,https://seao.gouv.qc.ca/avis?ItemId=1002\n"
        "2026,2026-06-01,ocds-ec9k95-1003,1003,1001,OP-1234,Ville de Saint-Exemple,1,coop-exemple,1171234563,"
        "Coopérative de travail Exemple,Entretien des parcs,,,https://seao.gouv.qc.ca/avis?ItemId=1003\n")
    # 11 awards by the same buyer name (3 + 8: 27 346,17 + 411 000,50), 4 won by the registry enterprise.
    assert written[1].read_text(encoding="utf-8") == (
        "declaration,annee,contrats,montant_total,contrats_registre,montant_registre\n"
        "ville-exemple,2026,11,438346.67,4,57346.17\n")


def test_match_by_party_id_only(tmp_path):
    _, bodies = _run(tmp_path, 'seao:\n  ids: ["OP-1234"]\n', "amount_text.json", "candidates.json")
    assert bodies == {"2026": [["ville-exemple", "2026", 3, "27346.17", 3, "27346.17"]]}


def test_no_approximate_name(tmp_path):
    _, bodies = _run(tmp_path, 'seao:\n  acheteurs: ["Ville de St-Exemple"]\n', "amount_text.json")
    assert bodies == {}


def test_stale_year_file_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "contrats-2019.csv").write_text("old\n")
    write(out, {}, {})
    assert not (out / "contrats-2019.csv").exists()
