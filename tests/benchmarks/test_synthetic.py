"""The synthetic corpus used by every benchmark is itself valid and mixed-script."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import generate
from builder.project import Project
from builder.validate.validation import validate


def test_generated_cases_validate_strictly(tmp_path: Path) -> None:
    project = Project(generate(tmp_path / "corpus", 8))
    result = validate(project, models=True)
    assert result.diagnostics == ()
    assert len(result.cases) == 8
    languages = {lang for case in result.cases for lang in case.narratives}
    assert languages == {"en", "hi", "ta", "bn", "ur"}
    assert {case.type for case in result.cases} == {"caselet", "decision-forcing", "lesson-drawing"}
    assert all(1000 <= case.narratives["en"].words <= 1400 for case in result.cases)
    assert not any(n.stale for case in result.cases for n in case.narratives.values())


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 3)
    second = generate(tmp_path / "b", 3)
    files = sorted(p.relative_to(first) for p in (first / "case_studies").rglob("*.md"))
    assert files == sorted(p.relative_to(second) for p in (second / "case_studies").rglob("*.md"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
