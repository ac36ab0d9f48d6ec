"""The per-file cache of ``registry.load``: only changed files are read again, with the same result."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from jachete import loader, registry
from jachete.registry import RecordCache

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 27)
RECORDS = {
    "enterprises": ["cooperative-solidarite.yml", "obnl-minimal.yml", "unicode-anchors-in-text.yml"],
    "declarations": ["ministere-minimal.yml", "municipalite-complete.yml"],
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small repository: the reference data, the schemas and five valid records."""
    for folder in ("reference", "schemas"):
        shutil.copytree(REPO / "data" / folder, tmp_path / "data" / folder)
    for folder, names in RECORDS.items():
        (tmp_path / "data" / folder).mkdir(parents=True)
        kind = "enterprise" if folder == "enterprises" else "declaration"
        for name in names:
            shutil.copy(FIXTURES / kind / "valid" / name, tmp_path / "data" / folder / name)
    return tmp_path


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files ``loader.read`` is asked for, from the moment the test asks for this list."""
    seen: list[str] = []
    real = loader.read

    def counting(path, display=None):
        seen.append(Path(path).name)
        return real(path, display)

    monkeypatch.setattr(loader, "read", counting)
    return seen


def rewrite(path: Path, text: str) -> None:
    """Write ``text`` and move the modification time on, even on a file system with coarse times."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def load(root: Path, cache: RecordCache | None, today: dt.date = TODAY):
    return registry.load(root, today=today, cache=cache)


def test_a_second_load_reads_no_unchanged_file_and_keeps_its_model_objects(tree, reads):
    cache = RecordCache()
    first, problems, files = load(tree, cache)
    assert problems == [] and files == 5 and len(reads) == 5
    reads.clear()
    second, problems, files = load(tree, cache)
    assert reads == [] and problems == [] and files == 5
    assert all(a is b for a, b in zip(first.enterprises, second.enterprises, strict=True))
    assert all(a is b for a, b in zip(first.declarations, second.declarations, strict=True))


def test_a_touched_file_is_read_again_and_its_new_problem_appears(tree, reads):
    cache = RecordCache()
    first, _, _ = load(tree, cache)
    target = tree / "data" / "enterprises" / "obnl-minimal.yml"
    rewrite(target, target.read_text(encoding="utf-8").replace("forme_juridique: obnl", "forme_juridique: obln"))
    reads.clear()
    registry_obj, problems, _ = load(tree, cache)
    assert reads == ["obnl-minimal.yml"]
    assert registry_obj is None
    assert [(p.path, p.code, p.key) for p in problems] == [
        ("data/enterprises/obnl-minimal.yml", "valeur-inconnue", "forme_juridique")]
    assert problems == load(tree, None)[1]  # the same report as without a cache

    rewrite(target, target.read_text(encoding="utf-8").replace("forme_juridique: obln", "forme_juridique: obnl"))
    reads.clear()
    again, problems, _ = load(tree, cache)
    assert reads == ["obnl-minimal.yml"] and problems == []
    kept = {e.id: e for e in first.enterprises}
    for e in again.enterprises:
        assert (e is kept[e.id]) == (e.id != "obnl-minimal")
        assert e == kept[e.id]


def test_rules_between_records_still_see_every_file(tree, reads):
    cache = RecordCache()
    load(tree, cache)
    folder = tree / "data" / "enterprises"
    shutil.copy(folder / "obnl-minimal.yml", folder / "copie.yml")
    reads.clear()
    _, problems, files = load(tree, cache)
    assert reads == ["copie.yml"] and files == 6
    assert {(p.path, p.code) for p in problems} == {("data/enterprises/copie.yml", "id-nom-fichier"),
                                                    ("data/enterprises/copie.yml", "id-duplique")}
    (folder / "copie.yml").unlink()
    reads.clear()
    registry_obj, problems, files = load(tree, cache)
    assert reads == [] and problems == [] and files == 5 and len(registry_obj.enterprises) == 3
    assert len(cache) == 5


@pytest.mark.parametrize("changed", ["data/reference/regions.yml", "data/schemas/entreprise.schema.json"])
def test_a_change_of_reference_data_or_schema_reads_every_file_again(tree, reads, changed):
    cache = RecordCache()
    first, _, _ = load(tree, cache)
    path = tree / changed
    rewrite(path, path.read_text(encoding="utf-8") + "\n")
    reads.clear()
    second, problems, _ = load(tree, cache)
    assert sorted(reads) == sorted(name for names in RECORDS.values() for name in names)
    assert problems == []
    assert not any(a is b for a, b in zip(first.enterprises, second.enterprises, strict=True))


def test_another_day_reads_every_file_again(tree, reads):
    cache = RecordCache()
    load(tree, cache)
    reads.clear()
    load(tree, cache, today=TODAY + dt.timedelta(days=1))
    assert len(reads) == 5


def test_without_a_cache_every_load_reads_every_file(tree, reads):
    load(tree, None)
    load(tree, None)
    assert len(reads) == 10
