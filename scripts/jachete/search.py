"""The search index: pagefind, run over the built site after every page is written.

Only elements marked ``data-pagefind-body`` are indexed (record pages and hand-written
pages; the lists and the header are not). The CLI of the ``pagefind`` package is called
with the current interpreter, so the pinned binary of the venv is the one used.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def build_index(site_dir: Path, language: str = "fr") -> int:
    """Index ``site_dir`` into ``site_dir/pagefind``; return the number of pages indexed."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", language, "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return page_count(site_dir)


def page_count(site_dir: Path) -> int:
    """Pages in the index, read from pagefind's own entry file."""
    entry = json.loads((Path(site_dir) / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())
