"""The sample collection that ships in case_studies/: valid, spread out, and buildable."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from builder.model.taxonomy import LANGUAGE_CODES
from builder.model.taxonomy import languages as known_languages
from builder.project import Project
from builder.validate.validation import validate
from tests.builder.cli_runner import agk
from tests.conftest import REPO

# Every language has at least one sample narrative, so every language has a site.
EXTRA_LANGUAGES = set(LANGUAGE_CODES) - {"en", "hi"}


@pytest.fixture(scope="module")
def corpus() -> Project:
    return Project(REPO)


def test_sample_corpus_is_valid_under_strict(corpus: Project) -> None:
    result = validate(corpus, models=True)
    assert result.diagnostics == ()
    assert len(result.cases) >= 30


def test_sample_corpus_covers_the_country(corpus: Project) -> None:
    cases = validate(corpus, models=True).cases
    assert all(case.sample for case in cases)
    assert len({state for case in cases for state in case.states}) >= 15
    assert any(case.level == "national" for case in cases)
    assert len({s.sector for case in cases for s in case.sectors}) >= 15
    assert {case.level for case in cases} == {
        "national",
        "state",
        "district",
        "block",
        "urban-local-body",
        "gram-panchayat",
    }
    assert {case.type for case in cases} == {"lesson-drawing", "decision-forcing", "caselet"}
    assert all({"en", "hi"} <= set(case.narratives) for case in cases)
    assert {lang for case in cases for lang in case.narratives} >= EXTRA_LANGUAGES
    assert any(n.stale for case in cases for n in case.narratives.values())
    assert sum(1 for c in cases if c.narratives[c.original_language].words >= 1200) >= 10
    assert all(600 <= c.narratives[c.original_language].words <= 2000 for c in cases if c.type == "caselet")
    assert sum(len(case.teaching_notes) for case in cases) >= 5
    assert all(any(s.id == "questions" for s in n.sections) for c in cases for n in c.narratives.values())
    assert Counter(case.cover is not None for case in cases)[True] > len(cases) / 2


def test_extra_language_narratives_are_in_their_own_script(corpus: Project) -> None:
    scripts = {"bn": "\u0980-\u09ff", "as": "\u0980-\u09ff", "ta": "\u0b80-\u0bff", "te": "\u0c00-\u0c7f",
               "mr": "\u0900-\u097f", "gu": "\u0a80-\u0aff", "kn": "\u0c80-\u0cff", "ml": "\u0d00-\u0d7f",
               "pa": "\u0a00-\u0a7f", "or": "\u0b00-\u0b7f", "ur": "\u0600-\u06ff"}  # fmt: skip
    for case in validate(corpus, models=True).cases:
        for lang, narrative in case.narratives.items():
            if lang in scripts:
                letters = re.findall(r"[^\W\d_]", narrative.body)
                native = re.findall(f"[{scripts[lang]}]", narrative.body)
                assert len(native) > 0.8 * len(letters), (case.id, lang)


@pytest.mark.slow
def test_sample_site_builds_strictly_in_every_language(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "case_studies", root / "case_studies")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    run = agk("build", "--strict", cwd=root)
    assert run.code == 0, run.err
    site = root / "site"
    languages = {p.name for p in site.iterdir() if p.is_dir()}
    assert {"en", "hi"} | EXTRA_LANGUAGES <= languages
    for lang in languages:
        page = (site / lang / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page
        # The page's own direction, on <body> (text in other languages inside carries its own).
        body_tag = page[page.index("<body") : page.index(">", page.index("<body"))]
        assert ('dir="rtl"' in body_tag) == known_languages()[lang].rtl
    case_page = (site / "mr" / "cases" / "mh-municipal-street-vending-zones" / "index.html").read_text(
        encoding="utf-8"
    )
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', case_page, re.S)
    assert json_ld is not None
    assert json.loads(json_ld.group(1))["inLanguage"] == "mr"
