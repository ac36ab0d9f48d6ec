"""Each invalid fixture gives exactly the listed problems; each valid fixture gives none.

Fixture ``tests/fixtures/<kind>/invalid/<field>_<reason>.yml`` stands for the record file
``data/<kinds>/<field>-<reason>.yml`` (its id), so the id/file-name rule applies as in data/.
Rows: (code, field key, line, column, severity).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jachete.loader import read
from jachete.problems import sort_problems
from jachete.reference import load_reference
from jachete.registry import check_document, kind_of, load, record_files

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 27)
E, W = "error", "warning"


def problems_of(path: Path) -> list[tuple]:
    doc = read(path, path.name)
    found = check_document(doc, kind_of(path), ROOT, load_reference(ROOT), TODAY, stem=path.stem.replace("_", "-"))
    return [(p.code, p.key, p.line, p.col, p.severity) for p in sort_problems(found)]


ENTERPRISE = {
    "yaml_syntaxe": [("yaml-syntaxe", "-", 22, 7, E)],
    "yaml_tabulation": [("yaml-syntaxe", "-", 6, 1, E)],
    "yaml_cle-dupliquee": [("yaml-cle-dupliquee", "municipalite", 13, 1, E)],
    "yaml_alias": [("yaml-alias", "secteurs", 21, 1, E)],
    "yaml_etiquette": [("yaml-etiquette", "adresse", 13, 10, E)],
    "fichier_vide": [("fiche-vide", "-", 1, 1, E)],
    "fichier_liste": [("fiche-non-bloc", "-", 2, 1, E)],
    "fichier_encodage": [("encodage-invalide", "-", 3, 15, E)],
    "nom_manquant": [("champ-manquant", "nom", 2, 1, E)],
    "nom_invisible": [("texte-invisible", "nom", 3, 6, W)],
    "nom_homoglyphe": [("texte-homoglyphe", "nom", 3, 6, W)],
    "nomm_inconnu": [("champ-manquant", "nom", 2, 1, E), ("champ-inconnu", "nomm", 3, 1, E)],
    "neq_nombre": [("type-invalide", "neq", 9, 6, E)],
    "neq_format": [("neq-invalide", "neq", 9, 6, E)],
    "neq_chiffre-controle": [("neq-chiffre-controle", "neq", 9, 6, W)],
    "region_inconnue": [("valeur-inconnue", "region", 10, 9, E)],
    "region_inconnue-bom-crlf": [("valeur-inconnue", "region", 6, 9, E)],
    "region_nombre": [("type-invalide", "region", 10, 9, E)],
    "mrc_inconnue": [("valeur-inconnue", "mrc", 11, 6, E)],
    "mrc_hors-region": [("mrc-hors-region", "mrc", 11, 6, E)],
    "code_postal_format": [("code-postal-invalide", "code_postal", 14, 14, E)],
    "secteurs_inconnu": [("valeur-inconnue", "secteurs.1", 21, 26, E)],
    "secteurs_vide": [("liste-vide", "secteurs", 21, 11, E)],
    "secteurs_texte": [("type-invalide", "secteurs", 21, 11, E)],
    "secteurs_doublon": [("liste-doublon", "secteurs", 21, 11, E)],
    "offres_unspsc": [("unspsc-invalide", "offres.0.unspsc.0", 25, 14, E)],
    "offres_titre-manquant": [("champ-manquant", "offres.0.titre", 23, 5, E)],
    "offres_javascript": [("texte-balisage", "offres.0.description", 24, 18, W)],
    "site_web_javascript": [("url-invalide", "site_web", 26, 11, E)],
    "site_web_ftp": [("url-invalide", "site_web", 26, 11, E)],
    "site_web_invisible": [("texte-invisible", "site_web", 26, 11, W), ("url-invalide", "site_web", 26, 11, E)],
    "boutique_en_ligne_adresse-ip": [("url-adresse-ip", "boutique_en_ligne", 27, 20, W)],
    "courriel_mailto": [("courriel-invalide", "courriel", 27, 11, E)],
    "telephone_lettres": [("telephone-invalide", "telephone", 28, 12, E)],
    "mise_a_jour_impossible": [("date-invalide", "mise_a_jour", 29, 14, E)],
    "mise_a_jour_future": [("date-future", "mise_a_jour", 29, 14, E)],
    "mise_a_jour_format": [("date-invalide", "mise_a_jour", 29, 14, E)],
    "mise_a_jour_an-9999": [("date-hors-limites", "mise_a_jour", 29, 14, E)],
    "mise_a_jour_an-1999": [("date-hors-limites", "mise_a_jour", 29, 14, E)],
    "cooperative_manquante": [("cooperative-manquante", "cooperative", 4, 1, E)],
    "cooperative_interdite": [("cooperative-interdite", "cooperative", 5, 1, E)],
    "cooperative_type-inconnu": [("valeur-inconnue", "cooperative.type", 6, 9, E)],
    "designee_par_ministre_travail": [("designation-invalide", "cooperative.designee_par_ministre", 8, 26, E)],
    "designee_par_ministre_avec-ristourne": [
        ("designation-invalide", "cooperative.designee_par_ministre", 8, 26, E)],
    "forme_juridique_inconnue": [("valeur-inconnue", "forme_juridique", 4, 18, E)],
    "coordonnees_hors-limites": [("valeur-hors-limites", "coordonnees.latitude", 16, 13, E)],
    "description_html": [("texte-balisage", "description", 19, 14, W)],
    "exemple_texte": [("type-invalide", "exemple", 30, 10, E)],
    "id_nom-fichier": [("id-nom-fichier", "id", 2, 5, E)],
    "id_majuscules": [("id-invalide", "id", 2, 5, E), ("id-nom-fichier", "id", 2, 5, E)],
    "schema_ligne-manquante": [("ligne-schema-manquante", "-", 1, 1, W)],
    # A pattern matches the whole value: no line break before the end (ECMA-262's « $ »).
    "neq_saut-de-ligne": [("neq-invalide", "neq", 5, 6, E)],
    "code_postal_saut-de-ligne": [("code-postal-invalide", "code_postal", 10, 14, E)],
    # Control characters anywhere; line breaks in a field of one line.
    "nom_controle": [("texte-controle", "nom", 3, 6, E)],
    "municipalite_nel": [("texte-controle", "municipalite", 8, 15, E)],
    "description_retour-chariot": [("texte-controle", "description", 11, 14, E)],
    "offres_titre-saut-de-ligne": [("texte-saut-de-ligne", "offres.0.titre", 14, 12, E)],
    "adresse_separateur-ligne": [("texte-saut-de-ligne", "adresse", 9, 10, E)],
    # A joiner inside a word still warns (between two emoji it does not: valid/emoji-joints.yml).
    "nom_joint-mot": [("texte-invisible", "nom", 3, 6, W)],
    "offres_formule": [("texte-formule", "offres.0.titre", 23, 12, W),
                       ("texte-formule", "offres.0.description", 24, 18, W)],
}

DECLARATION = {
    "adoptee_le_manquant": [("champ-manquant", "adoptee_le", 2, 1, E)],
    "adoptee_le_future": [("date-future", "adoptee_le", 9, 13, E)],
    "adoptee_le_impossible": [("date-invalide", "adoptee_le", 9, 13, E)],
    "organisme_type-inconnu": [("valeur-inconnue", "organisme.type", 5, 9, E)],
    "organisme_region-inconnue": [("valeur-inconnue", "organisme.region", 7, 11, E)],
    "organisme_code_geo-format": [("code-geo-invalide", "organisme.code_geo", 8, 13, E)],
    "organisme_site_web-manquant": [("champ-manquant", "organisme.site_web", 3, 1, E)],
    "document_signe_hors-domaine": [("document-hors-domaine", "document_signe", 14, 17, W)],
    "document_signe_domaine-voisin": [("document-hors-domaine", "document_signe", 14, 17, W)],
    "document_signe_file": [("url-invalide", "document_signe", 14, 17, E)],
    "document_signe_barre-oblique": [("url-invalide", "document_signe", 14, 17, E)],
    "document_signe_http": [("document-http", "document_signe", 14, 17, W)],
    "document_signe_adresse-ip": [("document-hors-domaine", "document_signe", 14, 17, W),
                                  ("url-adresse-ip", "document_signe", 14, 17, W)],
    "suivis_annee-future": [("date-future", "suivis.0.annee", 21, 12, E)],
    "suivis_montant-negatif": [("valeur-hors-limites", "suivis.0.montant", 23, 14, E)],
    "suivis_nombre-decimal": [("type-invalide", "suivis.0.nombre_contrats", 22, 22, E)],
    "cibles_echeance-impossible": [("date-invalide", "cibles.0.echeance", 19, 15, E)],
    "cibles_echeance-an-9999": [("date-hors-limites", "cibles.0.echeance", 19, 15, E)],
    "cibles_valeur-enorme": [("valeur-hors-limites", "cibles.0.valeur", 17, 13, E)],
    "suivis_nombre-enorme": [("valeur-hors-limites", "suivis.0.nombre_contrats", 22, 22, E)],
    "suivis_montant-enorme": [("valeur-hors-limites", "suivis.0.montant", 23, 14, E)],
    "suivis_montant-400-chiffres": [("valeur-hors-limites", "suivis.0.montant", 23, 14, E)],
    "signataire_manquant": [("champ-manquant", "signataire", 2, 1, E)],
    "signataire_titre-manquant": [("champ-manquant", "signataire.titre", 11, 1, E)],
    "texte_javascript": [("texte-balisage", "texte", 25, 8, W)],
    "resolution_vide": [("texte-vide", "resolution", 10, 13, E)],
    "resolution_cle-dupliquee": [("yaml-cle-dupliquee", "resolution", 11, 1, E)],
    "organisme_code_geo-saut-de-ligne": [("code-geo-invalide", "organisme.code_geo", 8, 13, E)],
    "signataire_titre-saut-de-ligne": [("texte-saut-de-ligne", "signataire.titre", 13, 10, E)],
    "adoptee_le_avant-modele": [("date-avant-modele", "adoptee_le", 9, 13, E)],
    "suivis_annee-avant-adoption": [("suivi-avant-adoption", "suivis.0.annee", 21, 12, E)],
    "suivis_annee-dupliquee": [("suivi-annee-dupliquee", "suivis.1.annee", 25, 12, E)],
    "suivis_annee-decimale": [("type-invalide", "suivis.0.annee", 21, 12, E)],
    "cibles_echeance-avant-adoption": [("cible-avant-adoption", "cibles.0.echeance", 19, 15, W)],
    "seao_ids-format": [("valeur-invalide", "seao.ids.0", 16, 9, E)],
}

TABLE = [("enterprise", name, rows) for name, rows in ENTERPRISE.items()] + [
    ("declaration", name, rows) for name, rows in DECLARATION.items()]


@pytest.mark.parametrize(("kind", "name", "expected"), TABLE, ids=[f"{k}/{n}" for k, n, _ in TABLE])
def test_invalid_fixture(kind, name, expected):
    assert problems_of(FIXTURES / kind / "invalid" / f"{name}.yml") == expected


def test_every_invalid_fixture_is_in_the_table():
    on_disk = {(p.parent.parent.name, p.stem) for p in FIXTURES.glob("*/invalid/*.yml")}
    assert on_disk == {(kind, name) for kind, name, _ in TABLE}


VALID = sorted(FIXTURES.glob("*/valid/*.yml"))


@pytest.mark.parametrize("path", VALID, ids=[f"{p.parent.parent.name}/{p.stem}" for p in VALID])
def test_valid_fixture(path):
    assert problems_of(path) == []


def test_valid_fixtures_exist_for_both_kinds():
    assert {p.parent.parent.name for p in VALID} == {"enterprise", "declaration"}


def test_messages_are_french_and_free_of_python_reprs():
    for path in sorted(FIXTURES.glob("*/invalid/*.yml")):
        doc = read(path, path.name)
        for p in check_document(doc, kind_of(path), ROOT, load_reference(ROOT), TODAY):
            for english in ("is not", "required property", "Additional properties", "does not match",
                            "Traceback", "None", "True", "False", "[", "{'"):
                assert english not in p.message, (path.name, p.message)


def test_error_message_examples_read_as_documented():
    def message(kind, name, code):
        path = FIXTURES / kind / "invalid" / f"{name}.yml"
        doc = read(path, path.name)
        found = check_document(doc, kind, ROOT, load_reference(ROOT), TODAY, stem=path.stem.replace("_", "-"))
        return next(p.message for p in found if p.code == code)

    assert message("enterprise", "region_inconnue", "valeur-inconnue") == (
        "la région « 19 » n'existe pas : attendu un code de 01 à 17 entre guillemets (ex. « 04 » pour la Mauricie)")
    assert message("declaration", "adoptee_le_manquant", "champ-manquant") == (
        "champ obligatoire manquant : « adoptee_le » (date d'adoption, format AAAA-MM-JJ)")
    assert message("enterprise", "nomm_inconnu", "champ-inconnu").startswith(
        "champ inconnu « nomm » : vérifiez l'orthographe ; vouliez-vous dire « nom » ? (champs permis : id, nom,")
    assert message("enterprise", "mise_a_jour_impossible", "date-invalide") == (
        "la date « 2026-02-30 » n'existe pas : vérifiez le jour et le mois (format AAAA-MM-JJ)")
    assert 'ex. "04"' in message("enterprise", "region_nombre", "type-invalide")
    assert message("declaration", "signataire_manquant", "champ-manquant") == (
        "champ obligatoire manquant : « signataire » (bloc avec « nom: », « titre: »)")
    assert message("declaration", "suivis_montant-enorme", "valeur-hors-limites") == (
        "valeur 1.7e+308 hors limites : attendu un nombre entre 0 et 100\u00a0000\u00a0000\u00a0000")
    assert message("declaration", "suivis_nombre-enorme", "valeur-hors-limites").endswith(
        "attendu un nombre entier entre 0 et 1\u00a0000\u00a0000")
    assert message("declaration", "cibles_echeance-an-9999", "date-hors-limites") == (
        "la date « 9999-12-31 » est hors des limites du registre : attendu une date entre 2000-01-01 et 2100-12-31")
    assert message("enterprise", "mrc_hors-region", "mrc-hors-region") == (
        "la MRC « 66 » (Montréal) est dans la région « 06 » (Montréal), pas dans la région « 04 » (Mauricie) : "
        "corrigez la région ou la MRC")


def test_repository_data_validates_without_errors():
    files = record_files(ROOT)
    registry, problems, checked = load(ROOT)
    errors = [p.format() for p in problems if p.is_error]
    assert errors == []
    assert checked == len(files)
    assert registry is not None
    assert len(registry.enterprises) + len(registry.declarations) == checked
