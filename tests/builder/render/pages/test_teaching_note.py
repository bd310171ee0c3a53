"""Teaching notes on pages of their own: found from every language's case page, marked for
trainers, kept out of search, shown in a language the reader reads, with translation notices."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from builder.braille import liblouis
from builder.build import language_jobs
from builder.render.pages.case_page import case_page
from builder.render.pages.common import note_language
from builder.render.pages.listings import catalogue_page
from builder.render.pages.teaching_note import teaching_note_page
from builder.render.root_files import root_files
from builder.render.search_documents import facet_labels, site_documents
from builder.render.site_pages import language_pages
from builder.render.strings import Strings
from builder.site.mkdocs import BuildOptions
from builder.source.fingerprint import body_fingerprint
from builder.validate.validation import validate
from tests.builder.render.pages.conftest import SiteFor
from tests.conftest import FIXTURES, MakeProject

LESSON = "up-valid-lesson"  # written in en and hi; teaching note in English only
CASELET = "tn-valid-caselet"  # no teaching note
NOTE = FIXTURES / "valid" / "case_studies" / LESSON / "teaching-note.en.md"


def _case(site_for: SiteFor, lang: str, case_id: str = LESSON) -> str:
    site = site_for(lang)
    return case_page(site, site.cases_by_id[case_id])


def test_every_language_links_the_note_naming_its_language_when_another(site_for: SiteFor) -> None:
    english, hindi = _case(site_for, "en"), _case(site_for, "hi")
    assert '<a href="teaching-note.html" hreflang="en">Teaching note</a>' in english
    named = Strings("hi")("teaching_note_in", language="English")
    assert f'<a href="teaching-note.html" hreflang="en">{named}</a>' in hindi
    assert Strings("hi")("for_trainers") in hindi and '<span class="agk-badge">' in hindi
    assert 'id="teaching-note"' not in _case(site_for, "en", CASELET)


def test_the_note_is_not_on_the_case_page(site_for: SiteFor) -> None:
    page = _case(site_for, "en")
    assert "different cadres" not in page
    assert "different cadres" in teaching_note_page(site_for("en"), site_for("en").cases_by_id[LESSON])


def test_note_page_is_for_trainers_noindex_and_marked_in_its_language(site_for: SiteFor) -> None:
    hindi = site_for("hi")
    page = teaching_note_page(hindi, hindi.cases_by_id[LESSON])
    assert 'agk_robots: "noindex"' in page
    assert Strings("hi")("for_trainers") in page
    assert '<div class="agk-teaching-note" lang="en" dir="ltr">' in page
    notice = Strings("hi")("fallback_notice", language="हिन्दी", fallback="English")
    assert notice in page
    assert '<a href="index.html">' in page  # back to the case


def test_note_page_prints_the_narrative_first_for_trainers(site_for: SiteFor) -> None:
    hindi = site_for("hi")
    page = teaching_note_page(hindi, hindi.cases_by_id[LESSON])
    copy = page.index('<div class="agk-print-only agk-print-case">')
    assert copy < page.index('<div class="agk-teaching-note"')
    assert "data-agk-print" in page


def test_every_language_site_has_the_note_page_only_for_cases_with_a_note(site_for: SiteFor) -> None:
    for lang in ("en", "hi", "ta", "ur"):
        pages = language_pages(site_for(lang))
        assert f"cases/{LESSON}/teaching-note.md" in pages
        assert f"cases/{CASELET}/teaching-note.md" not in pages


def test_note_language_prefers_the_page_then_fallbacks_then_english(site_for: SiteFor) -> None:
    lesson = site_for("en").cases_by_id[LESSON]
    assert note_language(lesson, "hi") == "en"
    assert note_language(lesson, "mai") == "en"
    assert note_language(site_for("en").cases_by_id[CASELET], "hi") is None


def test_has_a_teaching_note_is_a_facet_of_the_catalogue_and_search(site_for: SiteFor) -> None:
    hindi = site_for("hi")
    catalogue = catalogue_page(hindi)
    assert '<select data-facet="note">' in catalogue
    assert re.search(
        rf'<li class="agk-card"[^>]*data-note="yes"[^>]*>\s*<a [^>]*href="cases/{LESSON}/', catalogue
    )
    assert re.search(
        rf'<li class="agk-card"[^>]*data-note=""[^>]*>\s*<a [^>]*href="cases/{CASELET}/', catalogue
    )
    documents = site_documents(hindi)
    assert {d.id for d in documents if d.facets["note"] == ("yes",)} == {LESSON}
    assert facet_labels(hindi, documents)["note"] == {"yes": Strings("hi")("has_teaching_note")}


def test_notes_are_kept_out_of_the_sites_search(site_for: SiteFor) -> None:
    documents = site_documents(site_for("en"))
    assert not any("cadres" in d.text for d in documents)


def test_a_translated_note_says_so_and_warns_when_its_original_changed(make_project: MakeProject) -> None:
    project = make_project(FIXTURES / "valid" / "case_studies")
    folder = project.case_dir / LESSON
    original = NOTE.read_text(encoding="utf-8")
    body = original.split("---\n", 2)[2]
    translation = '---\ntitle: "शिक्षण नोट"\ntranslated_from: en\nsource_hash: "{}"\n---\n{}'
    (folder / "teaching-note.hi.md").write_text(
        translation.format(body_fingerprint(body), body), encoding="utf-8"
    )
    fresh = _hindi_note_page(project)
    assert Strings("hi")("translated_from", language="English") in fresh and "agk-stale" not in fresh
    (folder / "teaching-note.en.md").write_text(original + "\nA new paragraph.\n", encoding="utf-8")
    assert 'class="admonition warning agk-stale"' in _hindi_note_page(project)


def _hindi_note_page(project: object) -> str:
    validation = validate(project, models=True)  # type: ignore[arg-type]
    assert not validation.failed(strict=True), validation.diagnostics
    _, jobs = language_jobs(project, validation, ["hi"], "https://agk.example/")  # type: ignore[arg-type]
    return jobs[0].pages[f"cases/{LESSON}/teaching-note.md"]


def test_the_site_option_omit_leaves_notes_out(make_project: MakeProject) -> None:
    project = make_project(FIXTURES / "valid" / "case_studies")
    validation = validate(project, models=True)
    options = BuildOptions(teaching_notes="omit", case_downloads=False)
    _, jobs = language_jobs(project, validation, ["en"], "https://agk.example/", options=options)
    pages = jobs[0].pages
    assert f"cases/{LESSON}/teaching-note.md" not in pages
    assert 'id="teaching-note"' not in pages[f"cases/{LESSON}/index.md"]
    assert not any(Path(path).name.startswith(f"{LESSON}.teaching-note") for path in jobs[0].files)


def test_a_build_without_liblouis_says_so_once_and_makes_no_braille(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing() -> str:
        raise liblouis.LiblouisMissing("liblouis is not installed (Debian: liblouis20 liblouis-data)")

    monkeypatch.setattr(liblouis, "version", missing)
    project = make_project(FIXTURES / "valid" / "case_studies")
    _, jobs = language_jobs(project, validate(project, models=True), ["en", "hi"], "https://agk.example/")
    assert all(not any(path.endswith(".brf") for path in job.files) for job in jobs)
    assert capsys.readouterr().err.count("liblouis is not installed") == 1


def test_the_sitemap_does_not_point_search_engines_at_notes(site_for: SiteFor) -> None:
    sites = {lang: site_for(lang) for lang in ("en", "hi")}
    pages = {lang: tuple(language_pages(site)) for lang, site in sites.items()}
    assert any(path.endswith("/teaching-note.md") for path in pages["en"])
    english = sites["en"]
    files = root_files(
        english.cases, ["en", "hi"], english.taxonomy, "https://agk.example/", pages, date(2026, 1, 1)
    )
    assert f"cases/{LESSON}/index.html" in files["sitemap.xml"]
    assert "teaching-note" not in files["sitemap.xml"]
