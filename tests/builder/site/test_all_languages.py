"""Every one of the 23 language sites builds under --strict, marks its language and direction,
and shows no English interface words (its own, its labels' or Material's)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.model.taxonomy import LANGUAGE_CODES, languages, reading_order, state_names
from builder.project import Project
from builder.validate.validation import validate
from tests.builder.cli_runner import agk
from tests.conftest import FIXTURES, REPO, new_project

ENV = {"SOURCE_DATE_EPOCH": "1700000000"}
# Material's own words on our pages (partials/languages/en.html), as English shows them.
MATERIAL_ENGLISH = ("Skip to content", "Back to top", "Table of contents", ">Next<", ">Previous<")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture corpus built in every language, strictly."""
    project = new_project(tmp_path_factory.mktemp("all") / "repo", FIXTURES / "valid" / "case_studies")
    run = agk("build", "--strict", "--lang", ",".join(LANGUAGE_CODES), cwd=project.root, env=ENV)
    assert run.code == 0, run.err
    return project.root / "site"


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_language_site_marks_its_language_and_direction(site: Path, lang: str) -> None:
    direction = "rtl" if languages()[lang].rtl else "ltr"
    for page in ("index.html", "catalogue.html", "cases/up-valid-lesson/index.html"):
        html = (site / lang / page).read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}"[ >]', html) and f'<body dir="{direction}"' in html, (
            lang,
            page,
        )


@pytest.mark.parametrize("lang", [code for code in LANGUAGE_CODES if code != "en"])
def test_no_english_interface_words_are_left(site: Path, lang: str) -> None:
    html = (site / lang / "index.html").read_text(encoding="utf-8")
    for words in MATERIAL_ENGLISH:
        assert words not in html, (lang, words)
    catalogue = (site / lang / "catalogue.html").read_text(encoding="utf-8")
    assert "All case studies" not in catalogue and "Clear filters" not in catalogue


@pytest.mark.parametrize("lang", [code for code in LANGUAGE_CODES if code != "en"])
def test_every_taxonomy_label_and_state_is_translated(lang: str) -> None:
    taxonomy = validate(Project(REPO), [REPO / "case_studies" / "_taxonomies"]).taxonomy
    own = taxonomy.labels.get(lang, {})
    assert [key for key in taxonomy.label_keys() if not own.get(key)] == []
    # A state's name is ours (labels/<lang>.yaml) or ISO 3166-2's translation (pycountry).
    assert [
        code for code in taxonomy.states if not (own.get(f"states.{code}") or state_names(lang).get(code))
    ] == []


def test_readers_of_every_language_fall_back_to_languages_that_have_a_site() -> None:
    for lang in LANGUAGE_CODES:
        order = reading_order(lang)
        assert order[0] == lang and order[-1] == "en" and set(order) <= set(LANGUAGE_CODES)
