"""`agk new` writes folders that validate, with the section skeleton of their type."""

from __future__ import annotations

import pytest

from builder.project import Project
from tests.builder.cli_runner import agk
from tests.conftest import MakeProject

FLAGS = ["--summary", "A summary.", "--level", "district", "--states", "UP",
         "--sector", "health/telemedicine", "--year", "2020", "--organisation", "District office",
         "--sdgs", "3,5"]  # fmt: skip


@pytest.mark.parametrize(
    ("case_type", "lang", "headings"),
    [
        ("lesson-drawing", "hi", ["## पृष्ठभूमि {#context}", "## चर्चा के प्रश्न {#questions}"]),
        ("decision-forcing", "en", ["## The decision {#dilemma}"]),
        ("caselet", "ta", ["## பின்னணி {#context}", "## விவாதத்துக்கான கேள்விகள் {#questions}"]),
        ("caselet", "sat", ["## ᱦᱟᱞᱚᱛ {#context}", "## ᱜᱟᱞᱢᱟᱨᱟᱣ ᱞᱟᱹᱜᱤᱫ ᱠᱩᱞᱤᱠᱚ {#questions}"]),
    ],
)
def test_new_case_validates_strictly(
    case_type: str, lang: str, headings: list[str], make_project: MakeProject
) -> None:
    project = make_project()
    run = agk("new", "--id", "up-new-case", "--type", case_type, "--lang", lang,
              "--title", 'A "quoted": title', *FLAGS, cwd=project.root)  # fmt: skip
    assert run.code == 0, run.err
    page = (project.case_dir / "up-new-case" / f"{lang}.md").read_text()
    for heading in headings:
        assert heading in page
    assert agk("validate", "--strict", cwd=project.root).code == 0


def test_new_refuses_to_overwrite(valid_project: Project) -> None:
    run = agk("new", "--id", "tn-valid-caselet", "--type", "caselet", "--lang", "en", "--title", "t",
              *FLAGS, cwd=valid_project.root)  # fmt: skip
    assert run.code == 2
    assert "already exists" in run.err


def test_new_without_a_terminal_names_the_missing_flag(make_project: MakeProject) -> None:
    run = agk("new", "--id", "up-new-case", cwd=make_project().root)
    assert run.code == 2
    assert "--type is required" in run.err


def test_new_suggests_vocabulary(make_project: MakeProject) -> None:
    run = agk("new", "--id", "up-new-case", "--type", "caselet", "--lang", "en", "--title", "t",
              *FLAGS[:-6], "--sector", "helth", "--year", "2020", "--organisation", "x", cwd=make_project().root)  # fmt: skip
    assert run.code == 2
    assert "did you mean 'health'?" in run.err


def test_new_prompts_for_missing_values(make_project: MakeProject) -> None:
    from argparse import Namespace

    from builder.cli import scaffold
    from builder.model.taxonomy import load_taxonomy

    project = make_project()
    taxonomy, _ = load_taxonomy(project.taxonomy_dir, "t")
    answers = iter(
        [
            "up-asked",
            "caselet",
            "en",
            "Asked title",
            "Asked summary",
            "state",
            "UP",
            "health",
            "2019",
            "Dept",
        ]
    )
    args = Namespace(case_id=None, case_type=None, lang=None, title=None, summary=None, states=None,
                     level=None, sector=None, year=None, organisation=None, sdgs="")  # fmt: skip
    new = scaffold.collect(args, taxonomy, lambda prompt: next(answers))
    assert (new.case_id, new.case_type, new.states, new.year) == (
        "up-asked",
        "caselet",
        ("UP",),
        2019,
    )
