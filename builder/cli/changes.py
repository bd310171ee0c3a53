"""Which case folders a change touches, from git: for fast pull-request checks."""

from __future__ import annotations

import subprocess
from pathlib import Path

from builder.errors import UsageError
from builder.project import Project


def _git(project: Project, *args: str) -> list[str]:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=project.root, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise UsageError("--changed needs git, which is not installed") from None
    if completed.returncode != 0:
        raise UsageError(f"git {' '.join(args)} failed: {completed.stderr.strip()}")
    return [line for line in completed.stdout.splitlines() if line]


def changed_paths(project: Project, base: str) -> tuple[list[Path], bool]:
    """Changed case folders since the merge base with `base` (committed, staged or not).

    The flag is True when a taxonomy changed: then every case must be checked again.
    """
    committed = _git(project, "diff", "--name-only", "--no-renames", f"{base}...HEAD", "--")
    uncommitted = _git(project, "diff", "--name-only", "--no-renames", "HEAD", "--")
    untracked = _git(project, "ls-files", "--others", "--exclude-standard")
    folders: set[Path] = set()
    taxonomy_changed = False
    for name in {*committed, *uncommitted, *untracked}:
        parts = Path(name).parts
        if len(parts) < 2 or parts[0] != "case_studies":
            continue
        if parts[1] == "_taxonomies":
            taxonomy_changed = True
        elif not parts[1].startswith("."):
            folder = project.root / parts[0] / parts[1]
            # A deleted case has nothing left to validate.
            if folder.exists() or folder.is_symlink():
                folders.add(folder)
    return sorted(folders), taxonomy_changed
