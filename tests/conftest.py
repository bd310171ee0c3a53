"""Shared test fixtures: throwaway projects built from the real taxonomies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.project import Project

# One headless Chromium per test process, shared by every module's browser tests (a fixture
# imported into several modules would start one Playwright per module, which Playwright refuses).
pytest_plugins = ["tests.browser"]

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MakeProject = Callable[..., Project]


def new_project(root: Path, cases: Path | None = None) -> Project:
    """A project in `root` with the repository's taxonomies and mkdocs.yml, plus `cases`."""
    (root / "case_studies").mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "case_studies" / "_taxonomies", root / "case_studies" / "_taxonomies")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if cases is not None:
        shutil.copytree(cases, root / "case_studies", dirs_exist_ok=True)
    return Project(root)


def build_site(project: Project) -> Path:
    """Build the project's site with `agk build --strict` (fixed build date); return its folder."""
    completed = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--strict"],
        cwd=project.root, capture_output=True, text=True, check=False,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return project.root / "site"


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Factory for a project in a temporary folder, optionally seeded with case folders."""

    def make(cases: Path | None = None) -> Project:
        return new_project(tmp_path / "repo", cases)

    return make


@pytest.fixture
def valid_project(make_project: MakeProject) -> Project:
    """A project holding the small valid fixture corpus."""
    return make_project(FIXTURES / "valid" / "case_studies")


@pytest.fixture(scope="session")
def liblouis() -> None:
    """Skip without liblouis on a developer machine (one clear message); fail under CI=true."""
    from builder.braille import liblouis as library

    try:
        library.version()
    except library.LiblouisMissing as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs liblouis for the Braille tests ({missing})")
        pytest.skip(f"{missing}: the Braille tests need it (apt-get install liblouis20 liblouis-data)")
