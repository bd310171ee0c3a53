"""Every language's sample narrative is found by its own words, by `agk search` and by the
browser engine from file://, with the language's own analysis (the analysis itself is compared
word for word in tests/search_index/browser/test_analysis_in_node.py for all languages)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from builder.model.taxonomy import LANGUAGE_CODES
from builder.project import Project
from builder.render.search_documents import documents_of
from builder.validate.validation import validate
from search_index.browser.export import write_static_index
from tests.browser import open_page
from tests.builder.cli_runner import agk
from tests.conftest import REPO, new_project

# Ordinary words of the sample narratives, as a reader would type them (case, words). The
# twelve languages shipped first are checked on longer words of their narratives below.
WORDS = {
    "brx": ("as-district-embankment-breach-evacuation-decision", ["बान्द", "बाना", "नाव"]),
    "doi": ("jk-district-online-certificates", ["पटवारी", "तसील", "बर्फ"]),
    "kok": ("ga-heritage-homes-caselet", ["अनुदान", "वारसो", "छप्पर"]),
    "ks": ("jk-district-online-certificates", ["سرٹیفکیٹ", "پٹوٲری", "تحصیلدار"]),
    "mai": ("br-gram-sabha-ward-meetings-women", ["बैसक", "मुखिया", "आँगनबाड़ी"]),
    "mni": ("tr-municipal-urban-telemedicine-clinics", ["ꯍꯛꯁꯦꯜ", "ꯗꯣꯛꯇꯔ", "ꯍꯤꯗꯥꯛ"]),
    "ne": ("sk-state-organic-bio-input-supply", ["किसान", "कम्पोस्ट", "प्रमाणीकरण"]),
    "sa": ("dl-school-zone-road-safety", ["दुर्घटनाः", "पारगमनपथः", "कार्यसमूहः"]),
    "sat": ("jh-block-community-forest-rights-claims", ["ᱵᱤᱨ", "ᱫᱟᱵᱤ", "ᱥᱤᱢᱟ"]),
    "sd": ("ch-municipal-complaint-tracking-wards", ["شڪايتون", "ڪارپوريشن", "پائيپ"]),
}


def _longest_title_word(path: Path) -> str:
    title = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("title:"))
    return max(title.removeprefix("title:").replace("—", " ").split(), key=len).strip("\"'.,:;()")


def _queries() -> list[tuple[str, str, str]]:
    """(language, case, word) for every language: the words above, or a title word."""
    found = [(lang, case, word) for lang, (case, words) in WORDS.items() for word in words]
    for lang in LANGUAGE_CODES:
        if lang not in WORDS:
            path = sorted((REPO / "case_studies").glob(f"*/{lang}.md"))[0]
            found.append((lang, path.parent.name, _longest_title_word(path)))
    return sorted(found)


QUERIES = _queries()


def test_every_language_has_a_sample_narrative_and_a_query() -> None:
    assert sorted({lang for lang, _, _ in QUERIES}) == sorted(LANGUAGE_CODES)
    for lang, case, _ in QUERIES:
        assert (REPO / "case_studies" / case / f"{lang}.md").is_file(), (lang, case)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the sample collection (agk search writes its index into the checkout)."""
    return new_project(tmp_path_factory.mktemp("languages") / "repo", REPO / "case_studies")


@pytest.mark.parametrize(("lang", "case", "word"), QUERIES)
def test_agk_search_finds_the_narrative_by_its_words(
    project: Project, lang: str, case: str, word: str
) -> None:
    run = agk("search", word, "--lang", lang, "--json", "--limit", "20", cwd=project.root)
    assert run.code == 0, run.err
    hits = [hit["id"] for hit in json.loads(run.out)["hits"]]
    assert case in hits, (word, hits)


@pytest.fixture(scope="module")
def index_page(project: Project, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A page beside the static browser index of every sample narrative, opened from disk."""
    validation = validate(project, models=True)
    documents = [d for case in validation.cases for d in documents_of(case, validation.taxonomy)]
    folder = tmp_path_factory.mktemp("languages-index")
    write_static_index(documents, folder / "search")
    page = folder / "index.html"
    page.write_text(
        '<!doctype html><meta charset="utf-8"><script src="search/engine.js"></script>', encoding="utf-8"
    )
    return page.as_uri()


def test_the_browser_engine_finds_every_narrative_by_its_words(browser: Any, index_page: str) -> None:
    watch = open_page(browser)
    watch.page.goto(index_page)
    script = """async ([query, lang]) => {
        const engine = await AgkSearch.open('search/');
        const result = await engine.search(query, {lang: lang, limit: 20});
        const ids = [];
        for (const hit of result.hits) ids.push((await engine.document(hit.doc)).id);
        return ids;
    }"""
    missed = []
    for lang, case, word in QUERIES:
        ids = watch.page.evaluate(script, [word, lang])
        if case not in ids:
            missed.append((lang, word, ids))
    watch.page.context.close()
    assert not missed
