"""Timing one command: wall time and peak resident memory of its whole process tree.

Each run is a fresh child process; ``os.wait4`` returns the child's resource usage,
whose ``ru_maxrss`` on Linux is the largest peak of the child and of every
descendant it waited for (the same figure ``/usr/bin/time -v`` prints as
"Maximum resident set size"). That is the peak of the largest process, which
for these pipelines (one Python process, then one pagefind process) is the
peak of the tree.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


class CommandFailed(RuntimeError):
    pass


@dataclass
class Run:
    wall: float  # seconds
    rss_mb: float  # peak resident set size, MB (10^6 bytes)


@dataclass
class Measure:
    name: str
    runs: list[Run] = field(default_factory=list)
    size_mb: float | None = None
    files: int | None = None
    records: int | None = None
    note: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return statistics.median(r.rss_mb for r in self.runs)


def run_once(cmd: list[str], cwd: Path, env: dict | None = None, log: Path | None = None,
             timeout: float = 1800) -> Run:
    """Run ``cmd``; raise CommandFailed (with the log's tail) when it exits non-zero."""
    full_env = {**os.environ, **(env or {})}
    with open(log or os.devnull, "ab") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, 9)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log else ""
        raise CommandFailed(f"{' '.join(map(str, cmd))} exited {proc.returncode} in {cwd}\n{tail}")
    return Run(wall, usage.ru_maxrss * 1024 / 1e6)


def measure(name: str, cmd: list[str], cwd: Path, runs: int, env: dict | None = None,
            log: Path | None = None, before=None) -> Measure:
    """Median of ``runs`` fresh runs; ``before()`` is called before each one (e.g. to clean output)."""
    m = Measure(name)
    for _ in range(runs):
        if before:
            before()
        m.runs.append(run_once(cmd, cwd, env, log))
    return m


def tree_size(path: Path) -> tuple[float, int]:
    """(MB, files) of a directory tree; (0, 0) when absent."""
    total, count = 0, 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                continue
            count += 1
    return total / 1e6, count
