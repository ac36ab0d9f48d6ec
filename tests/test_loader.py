"""The YAML reader: positions, strictness, and no crash on any input."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from jachete.loader import MAX_BYTES, parse, read
from jachete.reference import load_reference
from jachete.registry import check_document

ROOT = Path(__file__).resolve().parents[1]


def codes(doc):
    return [(p.code, p.line, p.col) for p in doc.problems]


def test_dates_stay_strings():
    doc = parse("f.yml", b"adoptee_le: 2026-03-14\nheure: 2026-03-14 10:00:00\n")
    assert doc.data == {"adoptee_le": "2026-03-14", "heure": "2026-03-14 10:00:00"}


def test_scalars_keep_their_yaml_types():
    doc = parse("f.yml", b"a: 12\nb: 1.5\nc: true\nd: ~\ne: \"04\"\nf: 08\n")
    assert doc.data == {"a": 12, "b": 1.5, "c": True, "d": None, "e": "04", "f": "08"}


def test_positions_point_at_values_and_keys():
    doc = parse("f.yml", "# c\nnom: Été\norganisme:\n  nom: Ville\noffres:\n  - titre: x\n".encode())
    assert doc.values[("nom",)] == (2, 6)
    assert doc.keys[("organisme", "nom")] == (4, 3)
    assert doc.values[("organisme", "nom")] == (4, 8)
    assert doc.values[("offres", 0, "titre")] == (6, 12)


def test_columns_count_characters_not_bytes():
    doc = parse("f.yml", "éèà: « x »\nb: [é, ü]\n".encode())
    assert doc.values[("éèà",)] == (1, 6)
    assert doc.values[("b", 1)] == (2, 8)


def test_bom_and_crlf_keep_positions():
    plain = parse("f.yml", b"a: 1\nb:\n  c: x\n")
    crlf = parse("f.yml", b"\xef\xbb\xbfa: 1\r\nb:\r\n  c: x\r\n")
    assert crlf.problems == []
    assert crlf.data == plain.data
    assert crlf.values == plain.values and crlf.keys == plain.keys


def test_duplicate_key_is_reported_at_the_second_key():
    doc = parse("f.yml", b"a: 1\nb:\n  c: 1\n  c: 2\n")
    assert codes(doc) == [("yaml-cle-dupliquee", 4, 3)]
    assert "ligne 3" in doc.problems[0].message


def test_alias_is_refused_without_expansion():
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        b"%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n" % ((bytes([c]),) * 2 + (bytes([c - 1]),) * 9)
        for c in range(ord("b"), ord("k")))
    doc = parse("f.yml", bomb)
    assert [p.code for p in doc.problems] == ["yaml-alias"]
    assert doc.data is None


def test_recursive_alias_is_refused():
    doc = parse("f.yml", b"a: &a\n  b: *a\n")
    assert [p.code for p in doc.problems] == ["yaml-alias"]


@pytest.mark.parametrize("text", [b"a: !!python/object/apply:os.system [ls]\n", b"a: !!binary aGVsbG8=\n",
                                  b"a: !!set {x: null}\n", b"a: !local x\n", b"a: !!timestamp 2026-01-01\n",
                                  b"a: !!map x\n", b"a: !!seq x\n", b"!!map x\n"])
def test_explicit_tags_are_refused(text):
    assert [p.code for p in parse("f.yml", text).problems] == ["yaml-etiquette"]


def test_non_string_keys_are_refused():
    assert [p.code for p in parse("f.yml", b"1: x\n").problems] == ["yaml-cle-invalide"]
    assert [p.code for p in parse("f.yml", b"? [a]\n: x\n").problems] == ["yaml-cle-invalide"]


def test_non_utf8_is_reported_with_position():
    doc = parse("f.yml", "a: 1\nnom: Café\n".encode("latin-1"))
    assert codes(doc) == [("encodage-invalide", 2, 9)]


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "gros.yml"
    path.write_bytes(b"description: " + b"x" * MAX_BYTES + b"\n")
    assert [p.code for p in read(path).problems] == ["fichier-trop-gros"]


def test_syntax_error_has_a_position():
    doc = parse("f.yml", b"a: 1\nb: [1, 2\nc: 3\n")
    assert [p.code for p in doc.problems] == ["yaml-syntaxe"]
    assert doc.problems[0].line >= 2


def test_control_character_position():
    assert codes(parse("f.yml", b"a: 1\nb: x\x07y\n")) == [("yaml-syntaxe", 2, 5)]


def test_unreadable_path_is_a_problem(tmp_path):
    assert [p.code for p in read(tmp_path / "absente.yml").problems] == ["fichier-illisible"]


ODD = [
    b"", b" ", b"\n\n", b"---\n", b"~\n", b"42\n", b"texte seul\n", b"- a\n- b\n", b"[1, 2]\n", b"{}\n",
    b"a: 1\n---\nb: 2\n", b"\x00\x00\x00", b"\xff\xfe\x00a", b"\x89PNG\r\n\x1a\n\x00\x00", b":\n", b"- - - -\n",
    b"a:\n  - b:\n      - c: [\n", b"a: 'unterminated\n", b'a: "\\xZZ"\n', b"[" * 5000, b"{a: " * 3000,
    b"a: " + b"\xf0\x9f\x98\x80" * 10 + b"\n", b"%YAML 1.1\n---\na: 1\n", b"%TAG ! tag:evil.com,2000:\n---\na: !x 1\n",
    b"? a\n? a\n", b"<<: {a: 1}\n", b"a: &x 1\n", b"\t\t\n", b"\r\r\r", b"# commentaire seul\n",
    b"a: !!map x\n", b"a: !!bool peut-etre\n", b"a: !!int 1.5\n", b"a: &x 1\nb: *x\n", b"a: [&x 1, *x]\n",
    b"a:\n" + b"  " * 60 + b"b: 1\n", b"[" * 60 + b"]" * 60 + b"\n",
]


@pytest.mark.parametrize("content", ODD)
def test_odd_input_gives_problems_never_exceptions(content):
    reference = load_reference(ROOT)
    doc = parse("data/enterprises/odd.yml", content)
    problems = check_document(doc, "enterprise", ROOT, reference, dt.date(2026, 11, 27))
    assert any(p.is_error for p in problems)
    for p in problems:
        assert p.line >= 0 and p.col >= 0 and p.message


def test_random_bytes_never_crash():
    rng = random.Random(20261127)
    reference = load_reference(ROOT)
    alphabet = b"abc:-[]{}&*!|>'\"#%@` \n\t\r\x00\xc3\xa9\xff0123456789"
    for _ in range(400):
        size = rng.randint(0, 200)
        if rng.random() < 0.5:
            content = bytes(rng.randrange(256) for _ in range(size))
        else:
            content = bytes(rng.choice(alphabet) for _ in range(size))
        doc = parse("data/declarations/fuzz.yml", content)
        for p in check_document(doc, "declaration", ROOT, reference, dt.date(2026, 11, 27)):
            assert p.message


def test_mutated_valid_records_never_crash():
    rng = random.Random(7)
    reference = load_reference(ROOT)
    base = (Path(__file__).parent / "fixtures/enterprise/valid/cooperative-solidarite.yml").read_bytes()
    for _ in range(300):
        data = bytearray(base)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.choice(b" :-[]{}\"'\n#&*!0az")
        doc = parse("data/enterprises/cooperative-solidarite.yml", bytes(data))
        check_document(doc, "enterprise", ROOT, reference, dt.date(2026, 11, 27))


def test_pure_python_loader_gives_the_same_data_and_positions(monkeypatch):
    import yaml

    from jachete import loader

    samples = [p.read_bytes() for p in sorted((Path(__file__).parent / "fixtures").glob("*/*/*.yml"))]
    fast = [parse("f.yml", s) for s in samples]
    monkeypatch.setattr(loader, "_Loader", loader.without_timestamps(yaml.SafeLoader))
    slow = [parse("f.yml", s) for s in samples]
    for a, b in zip(fast, slow, strict=True):
        assert (a.data, a.values, a.keys) == (b.data, b.values, b.keys)
        assert [(p.code, p.line, p.col) for p in a.problems] == [(p.code, p.line, p.col) for p in b.problems]


def test_a_tagged_value_that_does_not_convert_is_a_syntax_problem():
    assert [p.code for p in parse("f.yml", b"a: !!bool peut-etre\n").problems] == ["yaml-syntaxe"]


def test_positions_are_found_on_demand_and_match_a_full_walk():
    from jachete import loader

    for path in sorted((Path(__file__).parent / "fixtures").glob("*/*/*.yml")):
        content = path.read_bytes()
        doc = parse("f.yml", content)
        if doc.data is None:
            continue
        # The same document, walked with positions from the start.
        text = content.decode("utf-8-sig")
        tables = ({}, {}, {})
        data = loader._walk(tables, loader.yaml.compose(text, Loader=loader._Loader), (), set())
        assert data == doc.data
        assert (doc.values, doc.keys, doc.raw) == tables


def test_remembered_tags_are_those_of_pyyaml():
    import yaml

    plain = ["id", "nom", "null", "Null", "~", "", "true", "yes", "No", "on", "OFF", "12", "08", "0x1F", "1_000",
             "1.5", ".5", "-.inf", ".NaN", "1e3", "2026-03-14", "2026-03-14 10:00:00", "=", "<<", "x y", "-1", "+1"]
    from jachete import loader

    ours = loader._Loader("")
    reference = yaml.SafeLoader("")  # PyYAML's own resolver, with the same implicit resolvers
    reference.yaml_implicit_resolvers = loader._Loader.yaml_implicit_resolvers
    try:
        for _ in range(2):  # the second time, from memory
            for value in plain:
                for implicit in ((True, False), (False, True), (False, False)):
                    assert ours.resolve(yaml.ScalarNode, value, implicit) == \
                        reference.resolve(yaml.ScalarNode, value, implicit), (value, implicit)
        for kind in (yaml.MappingNode, yaml.SequenceNode):
            assert ours.resolve(kind, None, (True, False)) == reference.resolve(kind, None, (True, False))
    finally:
        ours.dispose()
        reference.dispose()


@pytest.mark.parametrize("extra, code", [(0, []), (1, ["fichier-trop-gros"])])
def test_the_size_limit_is_exact(tmp_path, extra, code):
    path = tmp_path / "limite.yml"
    head = b"description: "
    path.write_bytes(head + b"x" * (MAX_BYTES - len(head) - 1 + extra) + b"\n")
    assert [p.code for p in read(path).problems] == code
