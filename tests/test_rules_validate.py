"""Validation of data/rules/regles.yml: schema, periods, references, statuses, positions, CLI."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from jachete import codes
from jachete.rules.validate import RULES_PATH, load_rules, validate_rules

REPO = Path(__file__).resolve().parent.parent
FORMAT = re.compile(r"^data/rules/regles\.yml:(\d+):(\d+): (error|warning): ([a-z-]+): ([^:]+): .+$")


def rules_root(tmp_path: Path, edit=None) -> Path:
    """A repo-like folder with the repo's rules, schemas and reference data; ``edit`` rewrites the rules text."""
    for name in ("rules", "schemas", "reference"):
        shutil.copytree(REPO / "data" / name, tmp_path / "data" / name)
    if edit is not None:
        path = tmp_path / RULES_PATH
        text = path.read_text(encoding="utf-8")
        new = edit(text)
        assert new != text, "the edit did not apply"
        path.write_text(new, encoding="utf-8")
    return tmp_path


def line_of(root: Path, needle: str, nth: int = 0) -> int:
    lines = (root / RULES_PATH).read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[nth]


def codes_of(problems) -> list[str]:
    return [p.code for p in problems]


def test_repo_rules_are_valid():
    data, problems = load_rules(REPO)
    assert problems == []
    assert data is not None


def test_overlapping_periods_are_an_error_at_the_later_start(tmp_path):
    # The 2024-2025 municipal period now starts inside the 2022-10-07 one.
    root = rules_root(tmp_path, lambda t: t.replace("      - debut: 2024-01-01\n        fin: 2025-12-31\n        "
                                                     "montant: 133800",
                                                     "      - debut: 2023-06-01\n        fin: 2025-12-31\n        "
                                                     "montant: 133800", 1))
    problems = validate_rules(root)
    overlaps = [p for p in problems if p.code == "periode-chevauchement"]
    assert len(overlaps) == 1
    assert overlaps[0].line == line_of(root, "debut: 2023-06-01")
    assert overlaps[0].key == "seuils.0.periodes.3.debut"
    assert "municipal-appel-offres-public" in overlaps[0].message
    assert load_rules(root)[0] is None


def test_same_dates_in_two_series_do_not_overlap():
    # Ministries' services and construction have the same periods: overlap is per series only.
    data, _ = load_rules(REPO)
    series = {s["id"]: s for s in data["seuils"]}
    assert [p["debut"] for p in series["lcop-ministeres-services"]["periodes"]] == \
        [p["debut"] for p in series["lcop-ministeres-construction"]["periodes"]]


def test_end_before_start_is_an_error(tmp_path):
    root = rules_root(tmp_path, lambda t: t.replace("fin: 2019-12-31\n        montant: 101100",
                                                     "fin: 2017-12-31\n        montant: 101100", 1))
    assert "periode-inversee" in codes_of(validate_rules(root))


def test_only_the_last_period_may_stay_open(tmp_path):
    root = rules_root(tmp_path, lambda t: t.replace("        fin: 2019-12-31\n        montant: 101100\n", "        montant: 101100\n", 1))
    problems = validate_rules(root)
    assert "periode-inversee" in codes_of(problems) or "periode-chevauchement" in codes_of(problems)


def test_negative_amount_is_an_error(tmp_path):
    root = rules_root(tmp_path, lambda t: t.replace("montant: 25000", "montant: -25000", 1))
    problems = validate_rules(root)
    assert codes_of(problems) == ["valeur-hors-limites"]
    assert problems[0].line == line_of(root, "montant: -25000")
    assert "positif ou nul" in problems[0].message


def test_huge_amount_is_out_of_range(tmp_path):
    # 1.7e+308 validated, then stopped the build in the French amount formatting.
    root = rules_root(tmp_path, lambda t: t.replace("montant: 25000", "montant: 1.7e+308", 1))
    problems = validate_rules(root)
    assert codes_of(problems) == ["valeur-hors-limites"]
    assert problems[0].line == line_of(root, "montant: 1.7e+308")
    assert problems[0].message == ("montant hors limites (trouvé : 1.7e+308) : attendu un nombre entre 0 et "
                                   "100\u00a0000\u00a0000\u00a0000")


def test_amounts_that_are_not_numbers_are_refused(tmp_path):
    # « .nan » compares false with every bound: it validated, then wrote NaN into regles.json.
    for text in (".nan", ".inf", "-.inf"):
        root = rules_root(tmp_path / text, lambda t, text=text: t.replace("montant: 25000", f"montant: {text}", 1))
        problems = validate_rules(root)
        assert [(p.code, p.line) for p in problems] == [("valeur-hors-limites", line_of(root, f"montant: {text}"))]
        assert problems[0].message == f"nombre invalide « {text} » : attendu un nombre ordinaire (ex. 46.34)"


def test_dates_outside_2000_2100_are_out_of_range(tmp_path):
    def edit(text):
        text = text.replace("  fin: 2027-12-31\n", "  fin: 9999-12-31\n", 1)
        return text.replace("verifie_le: 2026-11-27", "verifie_le: 1999-12-31", 1)

    root = rules_root(tmp_path, edit)
    problems = validate_rules(root)
    assert [(p.code, p.key, p.line) for p in problems] == [
        ("date-hors-limites", "couverture.fin", line_of(root, "fin: 9999-12-31")),
        ("date-hors-limites", "seuils.0.periodes.0.verifie_le", line_of(root, "verifie_le: 1999-12-31"))]
    assert "entre 2000-01-01 et 2100-12-31" in problems[0].message


def test_every_rule_cites_a_source(tmp_path):
    def drop_references(text):
        start = text.index("  - id: municipal-moins-de-25000")
        block_start = text.index("    references:\n", start)
        block_end = text.index("    statut:", block_start)
        return text[:block_start] + "    references: []\n" + text[block_end:]

    root = rules_root(tmp_path, drop_references)
    problems = validate_rules(root)
    assert codes_of(problems) == ["source-manquante"]
    assert problems[0].key.endswith(".references")


def test_unknown_procedure_series_and_source_are_errors(tmp_path):
    def edit(text):
        text = text.replace("    procedures: [appel-offres-public]\n", "    procedures: [appel-offres-restreint]\n", 1)
        text = text.replace("    moins_de: municipal-invitation\n", "    moins_de: municipal-plancher\n", 1)
        text = text.replace("        source: lcv-573-3\n", "        source: lcv-inexistante\n", 1)
        return text.replace("      construction: lcop-reseaux-construction\n",
                            "      construction: lcop-reseaux-travaux\n", 1)

    root = rules_root(tmp_path, edit)
    problems = validate_rules(root)
    assert codes_of(problems) == ["reference-inconnue"] * 4
    messages = " ".join(p.message for p in problems)
    for name in ("appel-offres-restreint", "municipal-plancher", "lcv-inexistante", "lcop-reseaux-travaux"):
        assert name in messages
    lines = {p.line for p in problems}
    assert line_of(root, "appel-offres-restreint") in lines
    assert line_of(root, "moins_de: municipal-plancher") in lines


def test_unconfirmed_value_must_say_whom_to_ask(tmp_path):
    root = rules_root(tmp_path, lambda t: t.replace(
        "        a_confirmer_aupres: du MAMH, dans le Muni-Express du 14 décembre 2023 (no 9)\n", "", 1))
    problems = validate_rules(root)
    assert codes_of(problems) == ["a-confirmer-manquant"]


def test_bad_status_unknown_field_and_bad_date(tmp_path):
    def edit(text):
        text = text.replace("statut: derive", "statut: probable", 1)
        text = text.replace("    titre: OBNL, services ou assurance\n",
                            "    titre: OBNL, services ou assurance\n    priorite: 1\n", 1)
        return text.replace("verifie_le: 2026-11-27", "verifie_le: 2026-02-30", 1)

    root = rules_root(tmp_path, edit)
    found = set(codes_of(validate_rules(root)))
    assert {"valeur-inconnue", "champ-inconnu", "date-invalide"} <= found


def test_duplicate_ids_are_errors(tmp_path):
    root = rules_root(tmp_path, lambda t: t.replace("  - id: municipal-seuil-et-plus\n",
                                                     "  - id: municipal-25000-au-seuil\n", 1))
    assert "id-duplique" in codes_of(validate_rules(root))


def test_problems_use_the_validator_format_and_catalogue(tmp_path):
    root = rules_root(tmp_path, lambda t: t.replace("montant: 25000", "montant: -1", 1)
                      .replace("statut: derive", "statut: probable", 1))
    problems = validate_rules(root)
    assert len(problems) == 2
    for p in problems:
        assert FORMAT.match(p.format()), p.format()
        assert p.code in codes.CATALOGUE
        assert p.severity == codes.CATALOGUE[p.code].severity


def test_yaml_syntax_error_is_reported_not_raised(tmp_path):
    root = rules_root(tmp_path, lambda t: t.replace("version: 1\n", "version: [1\n", 1))
    data, problems = load_rules(root)
    assert data is None
    assert codes_of(problems) == ["yaml-syntaxe"]


def test_cli_validate_checks_the_rules_file(tmp_path, monkeypatch):
    from jachete.cli import cli

    root = rules_root(tmp_path, lambda t: t.replace("montant: 25000", "montant: -25000", 1))
    (root / "data" / "enterprises").mkdir()
    (root / "data" / "declarations").mkdir()
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert f"data/rules/regles.yml:{line_of(root, 'montant: -25000')}:" in result.output
    assert "valeur-hors-limites" in result.output
    # Naming the file itself checks it too, and never as an unknown record.
    result = CliRunner().invoke(cli, ["validate", "data/rules/regles.yml"])
    assert result.exit_code == 1
    assert "fichier-non-reconnu" not in result.output
    # Naming only the enterprises folder leaves the rules file out.
    result = CliRunner().invoke(cli, ["validate", "data/enterprises"])
    assert result.exit_code == 0


def test_schema_is_a_valid_draft_2020_12_schema():
    import json

    import jsonschema

    schema = json.loads((REPO / "data" / "schemas" / "regles.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert (REPO / RULES_PATH).read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/regles.schema.json\n")


def test_rules_near_the_end_of_their_period_ask_for_renewal():
    import datetime as dt

    end = dt.date.fromisoformat(load_rules(REPO)[0]["couverture"]["fin"])
    assert validate_rules(REPO, today=end - dt.timedelta(days=200)) == []
    (soon,) = validate_rules(REPO, today=end - dt.timedelta(days=30))
    assert soon.code == "regles-a-renouveler" and soon.severity == "warning"
    assert soon.key == "couverture.fin"
    (late,) = validate_rules(REPO, today=end + dt.timedelta(days=1))
    assert "a pris fin" in late.message


def test_whom_to_ask_reads_after_a_confirmer_aupres(tmp_path):
    root = rules_root(tmp_path, lambda t: t.replace("a_confirmer_aupres: du MAMH (aucune", "a_confirmer_aupres: MAMH (aucune", 1))
    (problem,) = validate_rules(root)
    assert problem.code == "valeur-invalide" and problem.key.endswith("a_confirmer_aupres")
    assert "« du »" in problem.message


def test_an_invalid_rules_file_stops_the_registry_like_an_invalid_record(tmp_path):
    # registry.load is what the site calls: it must refuse a broken rules file with the same problem.
    from jachete import registry

    root = rules_root(tmp_path, lambda t: t.replace("montant: 25000", "montant: -25000", 1))
    reg, problems, _ = registry.load(root)
    assert reg is None
    assert [(p.path, p.code, p.line) for p in problems if p.is_error] == [
        (RULES_PATH, "valeur-hors-limites", line_of(root, "montant: -25000"))
    ]


def test_the_registry_carries_the_rules_it_validated():
    from jachete import registry

    reg, _, _ = registry.load(REPO)
    assert reg.regles == load_rules(REPO)[0]


def test_the_rules_file_gets_the_records_text_checks(tmp_path):
    # A control character and a line break in a title of one line: refused as in any record.
    def edit(text):
        text = text.replace("    titre: OBNL, services ou assurance\n", '    titre: "OBNL, services\\x1b"\n', 1)
        return text.replace("  - id: lcop\n    titre: Loi sur les contrats des organismes publics (RLRQ, c. C-65.1), "
                            "LégisQuébec\n", "  - id: lcop\n    titre: >\n      Loi sur les contrats des organismes "
                            "publics (RLRQ, c. C-65.1), LégisQuébec\n", 1)

    root = rules_root(tmp_path, edit)
    found = [(p.code, p.key, p.line, p.severity) for p in validate_rules(root)]
    assert found == [("texte-saut-de-ligne", "sources.0.titre", line_of(root, "  - id: lcop") + 1, "error"),
                     ("texte-controle", "regles.0.titre", line_of(root, "OBNL, services\\x1b"), "error")]
    assert load_rules(root)[0] is None


def test_whom_to_ask_holds_one_line(tmp_path):
    # The pattern matches the whole value, not only its start.
    root = rules_root(tmp_path, lambda t: t.replace(
        "a_confirmer_aupres: du MAMH (aucune règle en ce sens trouvée)",
        'a_confirmer_aupres: "du MAMH (aucune règle en ce sens trouvée)\\n"', 1))
    (problem,) = validate_rules(root)
    assert (problem.code, problem.line) == ("valeur-invalide", line_of(root, "a_confirmer_aupres: \"du MAMH (aucune"))
    assert "sur une ligne" in problem.message and "U+000A" in problem.message and "\n" not in problem.message


def test_the_rules_file_takes_the_records_translator_of_schema_errors(tmp_path):
    # One translator of jsonschema errors for every kind: a misspelt key gets the records' hint,
    # a wrong type says what was found.
    root = rules_root(tmp_path, lambda t: t.replace("\nseuils:", "\nseuls: 3\nseuils:", 1)
                      .replace("montant: 25000", 'montant: "beaucoup"', 1))
    problems = validate_rules(root)
    assert [(p.code, p.line) for p in problems] == [("champ-inconnu", line_of(root, "seuls: 3")),
                                                    ("type-invalide", line_of(root, 'montant: "beaucoup"'))]
    assert "vouliez-vous dire « seuils » ?" in problems[0].message
    assert problems[1].message == "type incorrect : attendu un nombre ; trouvé le texte « beaucoup »"
