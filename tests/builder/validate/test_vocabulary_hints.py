"""A department officer writes names where ids belong: one diagnostic each, naming the id."""

from __future__ import annotations

import pytest

from builder.validate.validation import validate
from tests.conftest import MakeProject

NARRATIVE = "---\ntitle: परीक्षण\nsummary: सारांश।\n---\n\n## पृष्ठभूमि {#context}\n\nपाठ।\n"
CASE = """type: {type}
original_language: {language}
states: [{state}]
level: {level}
sectors:
  - sector: {sector}
sdgs: [3]
year: 2020
organisation: District office
sample: true
"""


@pytest.mark.parametrize(
    ("values", "hints"),
    [
        (
            {"type": "Lesson drawing", "language": "Hindi", "state": "Uttar Pradesh", "level": "District",
             "sector": "Health"},
            ["'lesson-drawing' (Lesson-drawing case)", "'hi' (Hindi)", "'UP' (Uttar Pradesh)",
             "'district' (District)", "'health' (Health)"],
        ),
        (
            {"type": "सीख आधारित केस", "language": "हिन्दी", "state": "उत्तर प्रदेश", "level": "ज़िला",
             "sector": "स्वास्थ्य"},
            ["'lesson-drawing' (Lesson-drawing case)", "'hi' (Hindi)", "'UP' (Uttar Pradesh)",
             "'district' (District)", "'health' (Health)"],
        ),
        (
            {"type": "lesson drawing", "language": "HINDI", "state": "U.P.", "level": "district",
             "sector": "health"},
            ["'lesson-drawing' (Lesson-drawing case)", "'hi' (Hindi)", "'UP' (Uttar Pradesh)"],
        ),
    ],
)  # fmt: skip
def test_names_in_any_shipped_language_get_one_diagnostic_with_the_id(
    make_project: MakeProject, values: dict[str, str], hints: list[str]
) -> None:
    project = make_project()
    folder = project.case_dir / "up-officer-case"
    folder.mkdir()
    (folder / "case.yaml").write_text(CASE.format(**values), encoding="utf-8")
    (folder / "hi.md").write_text(NARRATIVE, encoding="utf-8")
    found = validate(project).diagnostics
    assert [d.hint for d in found] == [f"did you mean {hint}?" for hint in hints], found
    assert not [d for d in found if d.code == "AGK107"]
