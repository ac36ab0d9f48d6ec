"""A whole site built from generated records: nothing lost on the way, and the same bytes twice.

Conservation: every record in gives one record page, one record in the pagefind
index (read from pagefind's own filter files) and one row in the CSV exports.
Reproducibility: two builds of the same data give the same site/, byte for byte,
except pagefind's filter and metadata files, whose order changes between runs
(upstream, Pagefind/pagefind#638): those must hold the same content.
"""

from __future__ import annotations

import csv
import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jachete_bench import pagefind_count
from jachete_bench.generator import generate

REPO = Path(__file__).resolve().parents[1]
ENTERPRISES, DECLARATIONS = 260, 40  # 300 records

pytestmark = pytest.mark.slow


def _build(tree: Path, out: Path) -> None:
    env = {**os.environ, "JACHETE_ROOT": str(tree), "NO_MKDOCS_2_WARNING": "1",
           # mkdocs dates the sitemap (and the gzip header of sitemap.xml.gz) with the build time
           # unless SOURCE_DATE_EPOCH is set: a reproducible build sets it.
           "SOURCE_DATE_EPOCH": "1790000000"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q",
                           "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("scale")
    tree = base / "tree"
    generate(tree, ENTERPRISES, DECLARATIONS, seed=11, repo=REPO)
    _build(tree, base / "site1")
    _build(tree, base / "site2")
    return tree, base / "site1", base / "site2"


def _ids(tree: Path, kind: str) -> set[str]:
    return {p.stem for p in (tree / "data" / kind).glob("*.yml")}


def test_every_record_has_its_page(sites):
    tree, site, _ = sites
    for kind, section, n in (("enterprises", "entreprises", ENTERPRISES),
                             ("declarations", "declarations", DECLARATIONS)):
        ids = _ids(tree, kind)
        pages = {p.parent.name for p in (site / section).glob("*/index.html")}
        assert len(ids) == n
        assert pages == ids


def test_every_record_is_in_the_search_index(sites):
    _, site, _ = sites
    contenu = pagefind_count.filter_counts(site / "pagefind").get("contenu", {})
    assert contenu == {"Entreprise": ENTERPRISES, "Déclaration": DECLARATIONS}
    # The index also holds the hand-written pages; never fewer pages than records.
    assert pagefind_count.page_count(site / "pagefind") >= ENTERPRISES + DECLARATIONS


@pytest.mark.parametrize("name, kind", [("entreprises.csv", "enterprises"),
                                        ("declarations.csv", "declarations")])
def test_every_record_is_one_export_row(sites, name, kind):
    tree, site, _ = sites
    path = site / "donnees" / name
    if not path.exists():
        pytest.skip(f"no export {path.name} in the built site (exports not produced by this build)")
    with path.open(encoding="utf-8-sig", newline="") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    assert len(ids) == len(set(ids))
    assert set(ids) == _ids(tree, kind)


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_two_builds_give_the_same_site(sites):
    _, one, two = sites
    left, right = _files(one), _files(two)
    stable_left = {f for f in left if not pagefind_count.is_unstable(f)}
    stable_right = {f for f in right if not pagefind_count.is_unstable(f)}
    assert stable_left == stable_right, sorted(stable_left ^ stable_right)[:20]
    _, mismatch, errors = filecmp.cmpfiles(one, two, sorted(stable_left), shallow=False)
    assert mismatch == [] and errors == [], f"files that differ between two builds: {mismatch[:20]}"
    assert pagefind_count.canonical(one / "pagefind") == pagefind_count.canonical(two / "pagefind")
