"""The model: typed case studies, translation staleness, defaults."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.model.case import CaseStudy, LocalText
from builder.model.taxonomy import load_taxonomy
from builder.project import Project
from builder.source.loader import load_case
from builder.validate.modelling import build_case
from builder.validate.validation import check_case, validate


def cases(project: Project) -> dict[str, CaseStudy]:
    result = validate(project, models=True)
    assert not result.failed(strict=True), result.diagnostics
    return {case.id: case for case in result.cases}


def test_model_of_a_full_case(valid_project: Project) -> None:
    case = cases(valid_project)["up-valid-lesson"]
    assert case.languages == ("en", "hi")
    assert case.published == dt.date(2025, 3, 1)
    assert case.license == "CC-BY-SA-4.0"
    assert case.metrics[0].indicator.get("hi", "en") == "संस्थागत प्रसव"
    assert case.metrics[0].result == 78.5
    assert case.cover is not None and case.cover.alt.get("hi", "en") == "A one-pixel cover"
    assert [s.id for s in case.narratives["en"].sections] == [
        "context", "challenge", "implementation", "outcomes", "lessons", "questions",
    ]  # fmt: skip
    assert case.narratives["hi"].sections[0].heading == "पृष्ठभूमि"
    assert case.media == ("media/brief.pdf", "media/cover.png")
    assert set(case.teaching_notes) == {"en"}


def test_fresh_and_stale_translations(valid_project: Project) -> None:
    model = cases(valid_project)
    assert model["up-valid-lesson"].narratives["hi"].stale is False
    assert model["in-valid-decision"].narratives["ur"].stale is False
    assert model["tn-valid-caselet"].narratives["en"].stale is True
    assert model["tn-valid-caselet"].narratives["ta"].stale is False


def test_editing_the_source_makes_its_translation_stale(valid_project: Project) -> None:
    source = valid_project.case_dir / "in-valid-decision" / "hi.md"
    source.write_text(source.read_text() + "\nएक नया अनुच्छेद।\n")
    assert cases(valid_project)["in-valid-decision"].narratives["ur"].stale is True


def test_line_endings_and_unicode_form_do_not_make_a_translation_stale(
    valid_project: Project,
) -> None:
    import unicodedata

    source = valid_project.case_dir / "in-valid-decision" / "hi.md"
    text = source.read_text(encoding="utf-8")
    source.write_bytes(unicodedata.normalize("NFD", text).replace("\n", "\r\n").encode())
    assert cases(valid_project)["in-valid-decision"].narratives["ur"].stale is False


def test_default_licence_applies(valid_project: Project) -> None:
    assert cases(valid_project)["tn-valid-caselet"].license == "CC-BY-4.0"


def test_local_text_fallbacks() -> None:
    text = LocalText({"hi": "नमस्ते", "en": "Hello"})
    assert (text.get("hi", "en"), text.get("ta", "en"), LocalText({"ta": "வணக்கம்"}).get("hi", "en")) == (
        "नमस्ते", "Hello", "வணக்கம்",
    )  # fmt: skip


def test_model_refuses_invalid_metadata(valid_project: Project) -> None:
    meta = valid_project.case_dir / "tn-valid-caselet" / "case.yaml"
    meta.write_text(meta.read_text().replace("year: 2016", "year: '2016'"))
    taxonomy, _ = load_taxonomy(valid_project.taxonomy_dir, "t")
    view, _ = check_case(load_case(valid_project.case_dir / "tn-valid-caselet", valid_project), taxonomy)
    with pytest.raises(ValueError, match="invalid metadata"):
        build_case(view, "CC-BY-4.0")
