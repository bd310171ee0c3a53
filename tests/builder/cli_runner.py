"""Run `agk` as a separate process, the way contributors and CI do."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def agk(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = "") -> Run:
    """Run `python -m builder ARGS` in `cwd`; stdin is not a terminal."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env or {})
    completed = subprocess.run(
        [sys.executable, "-m", "builder", *args],
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return Run(completed.returncode, completed.stdout, completed.stderr)
