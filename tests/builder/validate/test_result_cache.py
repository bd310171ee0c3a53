"""The validation cache under .agk/: reused only when nothing that shapes a result changed."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from builder.project import Project
from builder.validate import validation
from builder.validate.result_cache import CACHE_FILE
from tests.conftest import FIXTURES, MakeProject


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The case folders really checked (not taken from the cache), run after run."""
    seen: list[str] = []
    real = validation._check_all

    def counting(
        project: Project, taxonomy: object, folders: Sequence[tuple[Path, bool]], *rest: object
    ) -> object:
        seen.extend(folder.name for folder, _ in folders)
        return real(project, taxonomy, folders, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "_check_all", counting)
    return seen


def _run(project: Project, checked: list[str], **options: object) -> tuple[list[str], tuple[object, ...]]:
    checked.clear()
    result = validation.validate(project, **options)  # type: ignore[arg-type]
    return sorted(checked), result.diagnostics


def _broken_project(make_project: MakeProject) -> Project:
    """The valid corpus plus one case with errors, so that cached diagnostics are compared too."""
    project = make_project(FIXTURES / "valid" / "case_studies")
    broken = project.case_dir / "up-broken-case"
    broken.mkdir()
    (broken / "case.yaml").write_text("type: lesson-drawing\nstates: [Atlantis]\n", encoding="utf-8")
    (broken / "en.md").write_text(
        "---\ntitle: T\nsummary: S\n---\n\n## Context {#context}\n\nText.\n", encoding="utf-8"
    )
    return project


def _age(folder: Path) -> None:
    """Make a folder's files look written a minute ago (past the racy-clean window)."""
    for path in folder.rglob("*"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 60_000_000_000))


def test_a_second_run_checks_nothing_and_reports_the_same(
    make_project: MakeProject, checked: list[str]
) -> None:
    project = _broken_project(make_project)
    first, diagnostics = _run(project, checked)
    assert "up-broken-case" in first and len(first) > 1
    assert any(d.path.startswith("case_studies/up-broken-case") for d in diagnostics)  # type: ignore[attr-defined]
    again, cached = _run(project, checked)
    assert again == []
    assert cached == diagnostics
    assert _run(project, checked, cache=False) == (first, diagnostics)


def test_an_edit_rechecks_that_case_only(make_project: MakeProject, checked: list[str]) -> None:
    project = _broken_project(make_project)
    for folder in project.case_dir.iterdir():
        _age(folder)
    _run(project, checked)
    narrative = project.case_dir / "up-broken-case" / "en.md"
    # Same size, written at once: only the content tells it apart (the racy-clean case).
    narrative.write_text(narrative.read_text(encoding="utf-8").replace("Text.", "Ttxt."), encoding="utf-8")
    rechecked, _ = _run(project, checked)
    assert rechecked == ["up-broken-case"]
    # New times, same bytes (a fresh checkout): nothing to check again.
    for folder in project.case_dir.iterdir():
        _age(folder)
    assert _run(project, checked)[0] == []


def test_a_taxonomy_change_rechecks_everything(make_project: MakeProject, checked: list[str]) -> None:
    project = _broken_project(make_project)
    everything, _ = _run(project, checked)
    levels = project.taxonomy_dir / "levels.yaml"
    levels.write_text(levels.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert _run(project, checked)[0] == everything


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign"])
def test_a_damaged_or_foreign_cache_is_rebuilt(
    make_project: MakeProject, checked: list[str], damage: str
) -> None:
    project = _broken_project(make_project)
    everything, diagnostics = _run(project, checked)
    path = project.root / CACHE_FILE
    if damage == "garbage":
        path.write_bytes(b"not a database" * 100)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        with sqlite3.connect(path) as connection:
            connection.execute("UPDATE meta SET value = 'another agk' WHERE key = 'key'")
    assert _run(project, checked) == (everything, diagnostics)
    assert _run(project, checked)[0] == []


def test_no_cache_writes_nothing(make_project: MakeProject, checked: list[str]) -> None:
    project = _broken_project(make_project)
    _run(project, checked, cache=False)
    assert not (project.root / CACHE_FILE).exists()


def test_near_duplicates_are_found_again_when_a_case_changes(
    make_project: MakeProject, checked: list[str]
) -> None:
    project = make_project(FIXTURES / "valid" / "case_studies")
    _, before = _run(project, checked)
    assert not any(d.code == "AGK420" for d in before)  # type: ignore[attr-defined]
    original = project.case_dir / "up-valid-lesson"
    copy = project.case_dir / "up-valid-lesson-copy"
    copy.mkdir()
    for path in original.rglob("*"):
        target = copy / path.relative_to(original)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        else:
            target.write_bytes(path.read_bytes())
    rechecked, after = _run(project, checked)
    assert rechecked == ["up-valid-lesson-copy"]
    assert any(d.code == "AGK420" for d in after)  # type: ignore[attr-defined]
    # The same collection again: the duplicate is still reported, from the cache.
    assert _run(project, checked) == ([], after)
