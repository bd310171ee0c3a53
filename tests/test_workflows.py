"""The GitHub Actions workflows pass actionlint and zizmor, and keep our safety rules."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def tool(name: str) -> str:
    """A linter installed next to this Python (the test extras install both)."""
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: install the test extras (python3 dev.py test does)")
    return found


def test_actionlint_finds_nothing() -> None:
    completed = subprocess.run(
        [tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_zizmor_finds_nothing_even_pedantic() -> None:
    completed = subprocess.run(
        [tool("zizmor"), "--offline", "--persona=pedantic", "--no-progress", str(REPO / ".github" / "workflows")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_house_rules(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in text
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if "uses" in step:
                reference = step["uses"].split("@", 1)[1]
                assert len(reference) == 40 and all(c in "0123456789abcdef" for c in reference), step["uses"]
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False
            assert "${{" not in step.get("run", ""), f"expression expanded inside run: in {path.name}"


def test_a_workflow_runs_the_readme_test_command_on_pull_requests() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "python3 dev.py test" in readme
    runs = []
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        # PyYAML reads the key `on` as True.
        triggers = workflow.get("on", workflow.get(True))
        if "pull_request" in triggers:
            runs += [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "python3 dev.py test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 dev.py test" in [run.strip() for run in runs]
