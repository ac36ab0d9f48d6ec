"""``jachete-bench seao --site`` at a tiny scale: the report gives both build times and their ratio, and
the data/seao/ it derives for the generated registry passes ``jachete validate``."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jachete_bench.seao import bench_seao

pytestmark = pytest.mark.slow


def test_site_with_and_without_seao_matches(tmp_path):
    results = tmp_path / "RESULTS-seao.md"
    run = CliRunner().invoke(bench_seao, ["--weeks", "8", "--per-week", "500", "--enterprises", "300",
                                          "--declarations", "40", "--runs", "1", "--work", str(tmp_path / "w"),
                                          "--results", str(results)])
    assert run.exit_code == 0, run.output
    text = results.read_text(encoding="utf-8")
    found = re.findall(r"^site (sans|avec) data/seao/ : ([\d.]+) s", text, re.MULTILINE)
    times = {label: float(t) for label, t in found}
    assert set(times) == {"sans", "avec"} and all(t > 0 for t in times.values()), text
    ratio = float(re.search(r"^rapport avec / sans : ([\d.]+)", text, re.MULTILINE).group(1))
    assert ratio == pytest.approx(times["avec"] / times["sans"], rel=0.1)
    matched = int(re.search(r"dans data/seao/ : (\d+) contrats rattachés", text).group(1))
    assert matched > 0, text
    tree = tmp_path / "w" / "registre-e300-d40-s1"
    assert sorted(p.name for p in (tree / "data" / "seao").iterdir()) == [
        "contrats-2026.csv", "occasions.csv", "source.yml"]
    # The suppliers carry the generated registry's NEQs (not the repository's records'): every matched
    # row names an enterprise of the generated tree.
    with (tree / "data" / "seao" / "contrats-2026.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == matched
    assert {r["entreprise"] for r in rows} <= {p.stem for p in (tree / "data" / "enterprises").glob("*.yml")}
    check = subprocess.run([str(Path(sys.executable).parent / "jachete"), "validate"], check=False, cwd=tree,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 erreur" in check.stdout
