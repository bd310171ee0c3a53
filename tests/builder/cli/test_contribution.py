"""Contributor workflow: --changed against git, agk stats, agk new --translate, pre-commit."""

from __future__ import annotations

import json
import subprocess

import yaml

from builder.project import Project
from tests.builder.cli_runner import agk
from tests.conftest import REPO


def git(project: Project, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project.root, check=True, capture_output=True)


def committed(project: Project) -> Project:
    git(project, "init", "-q", "-b", "main")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    return project


def checked_cases(project: Project, *args: str) -> int:
    run = agk("validate", "--changed", "--base", "HEAD", "--format", "json", *args, cwd=project.root)
    return int(json.loads(run.out)["summary"]["cases"])


def test_changed_validates_only_touched_cases(valid_project: Project) -> None:
    project = committed(valid_project)
    assert checked_cases(project) == 0
    page = project.case_dir / "tn-valid-caselet" / "ta.md"
    page.write_text(page.read_text() + "\nபுதிய பத்தி.\n")
    assert checked_cases(project) == 1
    (project.case_dir / "up-new-case").mkdir()
    (project.case_dir / "up-new-case" / "en.md").write_text("no front matter\n")
    run = agk("validate", "--changed", "--base", "HEAD", cwd=project.root)
    assert run.code == 1
    assert "case_studies/up-new-case/case.yaml:1:1: error AGK002" in run.out
    assert "tn-valid-caselet" not in run.out


def test_a_taxonomy_change_revalidates_everything(valid_project: Project) -> None:
    project = committed(valid_project)
    labels = project.taxonomy_dir / "labels" / "en.yaml"
    labels.write_text(labels.read_text() + "\n")
    assert checked_cases(project) == 3


def test_changed_with_a_bad_ref_is_a_usage_error(valid_project: Project) -> None:
    project = committed(valid_project)
    run = agk("validate", "--changed", "--base", "no-such-ref", cwd=project.root)
    assert run.code == 2
    assert "git diff" in run.err


def test_stats_counts_available_missing_and_stale(valid_project: Project) -> None:
    run = agk("stats", "--format", "json", cwd=valid_project.root)
    report = json.loads(run.out)
    rows = {row["lang"]: row for row in report["languages"]}
    assert report["cases"] == 3
    assert (rows["en"]["available"], rows["en"]["missing"], rows["en"]["stale"]) == (
        2,
        1,
        ["tn-valid-caselet"],
    )
    assert rows["ur"]["available"] == 1 and rows["ur"]["stale"] == []
    text = agk("stats", cwd=valid_project.root).out
    assert "stale en: tn-valid-caselet" in text


def test_new_translate_starts_a_fresh_translation(valid_project: Project) -> None:
    run = agk("new", "--translate", "up-valid-lesson", "--lang", "ta", cwd=valid_project.root)
    assert run.code == 0, run.err
    page = (valid_project.case_dir / "up-valid-lesson" / "ta.md").read_text()
    assert "translated_from: en" in page and "## பின்னணி {#context}" in page
    assert agk("validate", "--strict", cwd=valid_project.root).code == 0
    stats = json.loads(agk("stats", "--format", "json", cwd=valid_project.root).out)
    assert {row["lang"]: row["stale"] for row in stats["languages"]}["ta"] == []
    again = agk("new", "--translate", "up-valid-lesson", "--lang", "ta", cwd=valid_project.root)
    assert again.code == 2 and "already exists" in again.err
    assert agk("new", "--translate", "no-such-case", "--lang", "ta", cwd=valid_project.root).code == 2


def test_pre_commit_hook_runs_validate_on_staged_files(valid_project: Project) -> None:
    hook = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["files"] == "^case_studies/" and hook["pass_filenames"] is True
    command = hook["entry"].split()
    assert command[:2] == ["agk", "validate"]
    ok = agk(*command[1:], "case_studies/tn-valid-caselet/ta.md", cwd=valid_project.root)
    assert ok.code == 0
    page = valid_project.case_dir / "tn-valid-caselet" / "ta.md"
    page.write_text(page.read_text() + "\n<b>bold</b>\n")
    assert agk(*command[1:], "case_studies/tn-valid-caselet/ta.md", cwd=valid_project.root).code == 1
