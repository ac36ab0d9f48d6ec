"""Preview latency: with ``mkdocs serve`` running on the generated tree, edit one record
and time until the served page shows the edit (the URL is polled every 50 ms)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

DESCRIPTION_RE = re.compile(r'^description: "?', re.MULTILINE)


def edited(text: str, token: str) -> str:
    """The record's text with ``token`` at the start of its top-level description, plain or quoted."""
    return DESCRIPTION_RE.sub(lambda m: f"{m.group(0)}{token} ", text, count=1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, predicate, timeout: float, proc: subprocess.Popen) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            return None
        body = _get(url)
        if body is not None and predicate(body):
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def measure_preview(repo: Path, tree: Path, record_id: str, mkdocs: Path, log: Path, edits: int = 2,
                    startup_timeout: float = 1200, edit_timeout: float = 600) -> dict:
    """Return {startup_s, edits_s: [...]} (a None entry when the change never showed)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/entreprises/{record_id}/"
    record = tree / "data" / "enterprises" / f"{record_id}.yml"
    original = record.read_bytes()
    env = {**os.environ, "JACHETE_ROOT": str(tree), "NO_MKDOCS_2_WARNING": "1"}
    # What `make serve` runs: a dirty build after each edit.
    cmd = [str(mkdocs), "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}", "-w", str(tree / "data")]
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    result: dict = {"startup_s": None, "edits_s": []}
    try:
        result["startup_s"] = _wait_for(url, lambda body: True, startup_timeout, proc)
        if result["startup_s"] is None:
            return result
        time.sleep(2)  # let the watcher settle after the first build
        for n in range(edits):
            token = f"Banc{n}x{int(time.time())}"
            text = edited(original.decode("utf-8"), token)
            started = time.perf_counter()
            record.write_text(text, encoding="utf-8")
            shown = _wait_for(url, lambda body, t=token: t in body, edit_timeout, proc)
            result["edits_s"].append(None if shown is None else time.perf_counter() - started)
            time.sleep(2)
    finally:
        record.write_bytes(original)
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
    return result
