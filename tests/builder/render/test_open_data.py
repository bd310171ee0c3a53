"""Open data and metadata: export formats, Atom feeds, sitemap alternates, the chooser."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest

from builder.model.case import CaseStudy
from builder.model.taxonomy import languages
from builder.project import Project
from builder.render.open_data import export
from builder.render.root_files import atom_feed, chooser_page, redirect_targets, sitemap
from builder.validate.validation import validate
from tests.builder.cli_runner import agk

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def cases(valid_project: Project) -> tuple[CaseStudy, ...]:
    return validate(valid_project, models=True).cases


def test_json_ndjson_and_csv_carry_the_same_cases(cases: tuple[CaseStudy, ...]) -> None:
    records = json.loads(export(cases, "json"))
    assert [r["id"] for r in records] == ["in-valid-decision", "tn-valid-caselet", "up-valid-lesson"]
    assert [json.loads(line) for line in export(cases, "ndjson").splitlines()] == records
    rows = list(csv.DictReader(io.StringIO(export(cases, "csv"))))
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    lesson = rows[2]
    assert (lesson["states"], lesson["sdgs"], lesson["title_hi"]) == (
        "UP",
        "3;5",
        "एक ज़िले में गर्भावस्था की ट्रैकिंग",
    )
    assert records[1]["stale_translations"] == ["en"]


def test_export_is_byte_stable(cases: tuple[CaseStudy, ...]) -> None:
    assert export(cases, "json") == export(tuple(reversed(cases)), "json")


def test_export_command_writes_a_file(valid_project: Project) -> None:
    run = agk("export", "--format", "ndjson", "-o", "out.ndjson", cwd=valid_project.root)
    assert run.code == 0
    assert len((valid_project.root / "out.ndjson").read_text().splitlines()) == 3


def test_atom_feed_is_valid_xml_with_escaped_titles(cases: tuple[CaseStudy, ...]) -> None:
    feed = ET.fromstring(
        atom_feed(cases, "en", "Amrit Gyan Kosh", "https://agk.example/", dt.date(2025, 1, 1))
    )
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert 'Tracking pregnancies in a district <script>alert("x")</script>' in titles
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert "https://agk.example/en/cases/up-valid-lesson/index.html" in links


def test_sitemap_lists_hreflang_alternates() -> None:
    root = ET.fromstring(sitemap(["index.md", "cases/a/index.md"], ["en", "hi"], "https://agk.example"))
    urls = root.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert len(urls) == 4
    alternates = urls[0].findall("{http://www.w3.org/1999/xhtml}link")
    assert [(a.get("hreflang"), a.get("href")) for a in alternates] == [
        ("en", "https://agk.example/en/cases/a/index.html"),
        ("hi", "https://agk.example/hi/cases/a/index.html"),
        ("x-default", "https://agk.example/en/cases/a/index.html"),
    ]


def test_chooser_names_languages_natively_with_direction() -> None:
    page = chooser_page([languages()["hi"], languages()["ur"]], "Amrit Gyan Kosh")
    assert '<a href="ur/index.html" lang="ur" hreflang="ur" dir="rtl">اردو</a>' in page
    targets = json.dumps(redirect_targets(["hi", "ur"]), sort_keys=True)
    assert targets in page and '"mai": "hi"' in targets and '"sd": "ur"' in targets
