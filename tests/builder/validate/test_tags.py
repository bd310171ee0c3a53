"""Tags: at most 20 per case, each a valid tag, each with a page of its own."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from builder.build import build_site
from builder.project import Project
from builder.render.pages.common import slug, tag_slug
from builder.validate.validation import validate
from tests.builder.cli_runner import Run, agk

CASE = "tn-valid-caselet"
META = f"case_studies/{CASE}/case.yaml"
# tn-valid-caselet's case.yaml has 11 lines and no tags: `tags:` goes on line 12.
FIRST_TAG_LINE = 13
DIAGNOSTIC = re.compile(r"^(\S+):(\d+):(\d+): (?:error|warning) (AGK\d+) ", re.M)


def with_tags(project: Project, tags: list[str]) -> None:
    """Give tn-valid-caselet these tags, one per line (JSON strings are YAML strings)."""
    meta = project.case_dir / CASE / "case.yaml"
    lines = "".join(f"  - {json.dumps(tag)}\n" for tag in tags)
    meta.write_text(meta.read_text(encoding="utf-8") + "tags:\n" + lines, encoding="utf-8")


def diagnostics(run: Run) -> list[tuple[str, int, int, str]]:
    """(path, line, col, code) of every diagnostic in `agk validate`'s text output."""
    return [(p, int(line), int(col), code) for p, line, col, code in DIAGNOSTIC.findall(run.out)]


def test_twenty_tags_are_accepted(valid_project: Project) -> None:
    with_tags(valid_project, [f"topic {n}" for n in range(1, 21)])
    run = agk("validate", "--strict", cwd=valid_project.root)
    assert run.code == 0, run.out


def test_twenty_one_tags_give_one_diagnostic_at_the_extra_tag(valid_project: Project) -> None:
    with_tags(valid_project, [f"topic {n}" for n in range(1, 22)])
    run = agk("validate", cwd=valid_project.root)
    assert run.code == 1
    assert diagnostics(run) == [(META, FIRST_TAG_LINE + 20, 5, "AGK208")]
    assert "21 tags; a case has at most 20" in run.out


def test_ten_thousand_tags_give_one_diagnostic(valid_project: Project) -> None:
    with_tags(valid_project, [f"t{n}" for n in range(10_000)])
    run = agk("validate", cwd=valid_project.root)
    assert run.code == 1
    assert diagnostics(run) == [(META, FIRST_TAG_LINE + 20, 5, "AGK208")]


@pytest.mark.parametrize(
    ("tag", "reason"),
    [
        ("a" * 41, "is 41 characters long; at most 40 are allowed"),
        ("a" * 61, "is 61 characters long"),  # over the old schema limit too: still one diagnostic
        ("index", "is reserved for the list of all tags"),
        ("!!!", "has no letter or digit"),
        ("", "is empty"),
        ("Maternal Health", "has capital letters"),
    ],
    ids=["41-chars", "61-chars", "index", "punctuation", "empty", "capitals"],
)
def test_an_invalid_tag_gives_exactly_one_agk209(valid_project: Project, tag: str, reason: str) -> None:
    with_tags(valid_project, ["tracking", tag])
    run = agk("validate", cwd=valid_project.root)
    assert run.code == 1
    assert diagnostics(run) == [(META, FIRST_TAG_LINE + 1, 5, "AGK209")]
    assert reason in run.out


def test_boundary_and_indic_tags_are_accepted(valid_project: Project) -> None:
    tags = ["a" * 40, "ग्रामीण स्वास्थ्य", "covid-19", "a b", "a-b", "tag", "tag.", "7"]
    with_tags(valid_project, tags)
    run = agk("validate", "--strict", cwd=valid_project.root)
    assert run.code == 0, run.out


def test_clean_tags_keep_their_slug() -> None:
    for tag in ("tracking", "maternal health", "ग्रामीण स्वास्थ्य", "covid19"):
        assert tag_slug(tag) == slug(tag)


def test_tags_that_slug_alike_get_different_stable_pages() -> None:
    tags = ["a b", "a-b", "a  b", "A B", "tag", "...", "!!!", "index", "", "e\u0301", "\u00e9"]
    slugs = [tag_slug(tag) for tag in tags]
    assert len(set(slugs)) == len(tags), dict(zip(tags, slugs, strict=True))
    assert "index" not in slugs
    assert tag_slug("a-b") == tag_slug("a-b")
    assert re.fullmatch(r"a-b--[0-9a-f]{8}", tag_slug("a-b"))


@pytest.mark.parametrize("tag", ["a-b", "...", "index", "covid-19", "a b!"])
def test_no_clean_tag_can_take_a_hashed_page(tag: str) -> None:
    hashed = tag_slug(tag)
    # The one clean tag whose slug would spell the hashed name, were "--" a plain separator.
    impostor = re.sub("-+", " ", hashed)
    assert tag_slug(impostor) != hashed


@given(st.text(max_size=12), st.text(max_size=12))
def test_different_tags_never_share_a_page(first: str, second: str) -> None:
    if first != second:
        assert tag_slug(first) != tag_slug(second)


@given(st.text(max_size=40))
def test_a_tag_page_is_a_plain_file_name(tag: str) -> None:
    name = tag_slug(tag)
    assert name and name != "index"
    assert regex.fullmatch(r"[\p{L}\p{M}\p{N}-]+", name)


def _links(page: Path) -> dict[str, Path]:
    """Link text -> target file of every link in a page's main list of tags."""
    text = page.read_text(encoding="utf-8")
    listing = text[text.index('class="agk-index"') :]
    listing = listing[: listing.index("</ul>")]
    # Tags are contributor text of unknown language: the links may carry dir="auto".
    found = re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a>', listing)
    return {html.unescape(label): (page.parent / target).resolve() for target, label in found}


@pytest.mark.slow
def test_built_site_has_one_page_per_tag_and_the_list_of_all_tags(
    valid_project: Project, tmp_path: Path
) -> None:
    validation = validate(valid_project, models=True)
    # "..." and "index" cannot pass validation any more; the pages must not collide even so.
    tags = {
        "up-valid-lesson": ("a b", "tag"),
        "tn-valid-caselet": ("a-b", "..."),
        "in-valid-decision": ("index",),
    }
    cases = tuple(dataclasses.replace(case, tags=tags[case.id]) for case in validation.cases)
    out = tmp_path / "site"
    assert (
        build_site(valid_project, dataclasses.replace(validation, cases=cases), ["en"], out, strict=False)
        == 0
    )
    links = _links(out / "en" / "tags" / "index.html")
    assert sorted(links) == ["...", "a b", "a-b", "index", "tag"]
    assert len(set(links.values())) == 5
    for case_id, case_tags in tags.items():
        for tag in case_tags:
            page = links[tag].read_text(encoding="utf-8")
            listed = set(re.findall(r'href="\.\./cases/([^/"]+)/index\.html"', page))
            assert listed == {case_id}, (tag, listed)
