"""Bidi controls and invisible characters: refused in shown text, dropped when rendering."""

from __future__ import annotations

import json
import re

import pytest

from builder.markdown.rules import drop_refused, refused_in
from builder.project import Project
from builder.render.pages.common import front_matter, h
from tests.builder.cli_runner import Run, agk

DIAGNOSTIC = re.compile(r"^(\S+):(\d+):(\d+): (?:error|warning) (AGK\d+) ", re.M)
REFUSED = [
    *"\u202a\u202b\u202c\u202d\u202e",  # embeddings and overrides
    *"\u2066\u2067\u2068\u2069",  # isolates
    *"\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u034f",
    "\U000e0000",
    "\U000e0041",
    "\U000e007f",
    "\u206a",  # a deprecated format character: any other Cf is refused too
    "\ufff9",
]
# ZWNJ and ZWJ (Indic conjuncts), LRM, RLM and ALM (numbers in right-to-left text).
ALLOWED = [*"\u200c\u200d\u200e\u200f\u061c", "\u094d", "\ufe0f", " ", "a"]


def diagnostics(run: Run) -> list[tuple[str, int, int, str]]:
    """(path, line, col, code) of every diagnostic in `agk validate`'s text output."""
    return [(p, int(line), int(col), code) for p, line, col, code in DIAGNOSTIC.findall(run.out)]


def replace(project: Project, rel: str, old: str, new: str) -> None:
    """Replace one occurrence of `old` in a case file."""
    path = project.case_dir / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("char", REFUSED, ids=lambda c: f"U+{ord(c):04X}")
def test_refused_characters(char: str) -> None:
    assert refused_in(f"a{char}b") == [char]
    assert drop_refused(f"a{char}b") == "ab"


@pytest.mark.parametrize("char", ALLOWED, ids=lambda c: f"U+{ord(c):04X}")
def test_characters_scripts_need_are_allowed(char: str) -> None:
    assert refused_in(f"a{char}b") == []


@pytest.mark.parametrize(
    ("rel", "old", "new", "where"),
    [
        (
            "up-valid-lesson/en.md",
            "title: Tracking pregnancies",
            "title: Tracking \u202epregnancies",
            ("en.md", 2, 8),
        ),
        (
            "up-valid-lesson/en.md",
            "summary: Health workers",
            "summary: Health \u2066workers",
            ("en.md", 3, 10),
        ),
        (
            "up-valid-lesson/case.yaml",
            "tags: [maternal health, tracking]",
            "tags: [maternal health, track\u200bing]",
            ("case.yaml", 17, 25),
        ),
        (
            "up-valid-lesson/teaching-note.en.md",
            'title: "Teaching note',
            'title: "Teaching\ufeff note',
            ("teaching-note.en.md", 2, 8),
        ),
        (
            "up-valid-lesson/case.yaml",
            "      en: Institutional deliveries",
            "      en: Institutional\u00addeliveries",
            ("case.yaml", 24, 11),
        ),
        (
            "up-valid-lesson/case.yaml",
            "  - name: Fixture author",
            "  - name: Fixture\u2060author",
            ("case.yaml", 15, 11),
        ),
    ],
    ids=["title-rlo", "summary-lri", "tag-zwsp", "note-title-bom", "metric-shy", "author-wj"],
)
def test_refused_character_is_reported_once_where_it_is(
    valid_project: Project, rel: str, old: str, new: str, where: tuple[str, int, int]
) -> None:
    replace(valid_project, rel, old, new)
    run = agk("validate", cwd=valid_project.root)
    assert run.code == 1
    name, line, col = where
    assert diagnostics(run) == [(f"case_studies/up-valid-lesson/{name}", line, col, "AGK508")]
    [char] = refused_in(new)
    assert f"U+{ord(char):04X}" in run.out
    assert char not in run.out  # the report names the character instead of printing it


def test_scripts_joiners_and_marks_are_accepted(valid_project: Project) -> None:
    # क्‍ष with ZWJ (half form) and क्‌ष with ZWNJ (visible virama): both are ordinary Hindi.
    replace(valid_project, "in-valid-decision/hi.md", "title: पेंशन", "title: क्\u200dष क्\u200cष पेंशन")
    # An RLM keeps the year on the right side of Urdu text.
    replace(valid_project, "in-valid-decision/ur.md", "title: پنشن", "title: 2019\u200f پنشن")
    run = agk("validate", "--strict", cwd=valid_project.root)
    assert run.code == 0, run.out


def test_case_folder_name_with_bidi_control_is_reported(valid_project: Project) -> None:
    folder = valid_project.case_dir / "tn-valid-caselet"
    folder.rename(folder.with_name("tn-valid\u202ecaselet"))
    run = agk("validate", "--format", "json", cwd=valid_project.root)
    assert run.code == 1
    found = [d for d in json.loads(run.out)["diagnostics"] if d["code"] == "AGK508"]
    assert [(d["path"], d["line"], d["col"]) for d in found] == [("case_studies/tn-valid\u202ecaselet", 1, 1)]


def test_rendering_drops_what_validation_refuses() -> None:
    assert h("safe\u202e<b>txt.exe") == "safe&lt;b&gt;txt.exe"
    assert h("क्\u200dष\u200f") == "क्\u200dष\u200f"
    assert 'title: "Title"' in front_matter("Ti\u200btle")
