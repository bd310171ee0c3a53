"""`agk search`: its command-line contract (options, --json shape, exit codes) over the valid fixture corpus."""

from __future__ import annotations

import json

from builder.markdown.plain_text import plain_text
from builder.project import Project
from tests.builder.cli_runner import agk


def search(project: Project, *args: str) -> dict[str, object]:
    run = agk("search", *args, "--json", cwd=project.root)
    assert run.code == 0, run.err
    result: dict[str, object] = json.loads(run.out)
    return result


def hit_ids(result: dict[str, object]) -> list[str]:
    return [hit["id"] for hit in result["hits"]]  # type: ignore[index, union-attr]


def test_json_contract_and_scripts(valid_project: Project) -> None:
    result = search(valid_project, "पेंशन")
    assert set(result) >= {"total", "hits", "facets"}
    hit = result["hits"][0]  # type: ignore[index]
    assert {"id", "lang", "title", "score", "snippet"} <= set(hit)
    assert hit_ids(result)[0] == "in-valid-decision"
    assert hit_ids(search(valid_project, "இரத்தசோகை")) == ["tn-valid-caselet"]
    assert hit_ids(search(valid_project, "ادائیگیاں", "--lang", "ur")) == ["in-valid-decision"]


def test_spelling_variants_and_filters(valid_project: Project) -> None:
    assert "up-valid-lesson" in hit_ids(search(valid_project, "जिले"))  # typed without nukta
    assert hit_ids(search(valid_project, "registers", "--state", "UP")) == ["up-valid-lesson"]
    assert hit_ids(search(valid_project, "registers", "--state", "TN")) == []


def test_a_sector_label_in_hindi_finds_an_english_case(valid_project: Project) -> None:
    assert "tn-valid-caselet" in hit_ids(search(valid_project, "पोषण"))  # the nutrition sector


def test_index_is_refreshed_only_after_changes(valid_project: Project) -> None:
    first = agk("search", "registers", cwd=valid_project.root)
    assert "search index updated" in first.err
    again = agk("search", "registers", cwd=valid_project.root)
    assert "search index updated" not in again.err
    page = valid_project.case_dir / "tn-valid-caselet" / "ta.md"
    page.write_text(page.read_text() + "\nதடுப்பூசி முகாம்.\n")
    assert hit_ids(search(valid_project, "தடுப்பூசி")) == ["tn-valid-caselet"]


def test_query_syntax_is_plain_words(valid_project: Project) -> None:
    for query in ("title:x OR *", "(", '"unbalanced', "AND"):
        assert agk("search", query, cwd=valid_project.root).code == 0


def test_text_output_highlights_and_counts(valid_project: Project) -> None:
    run = agk("search", "registers", cwd=valid_project.root)
    assert run.out.splitlines()[0] == '1 case study matches "registers"'
    assert "[[registers]]" in run.out
    assert "state: UP 1" in run.out


def test_plain_text_drops_markdown() -> None:
    text = plain_text(
        "## Context {#context}\n\nSee [the brief](media/a.pdf) and **bold** `code`.\n|a|b|\n|---|---|\n"
    )
    assert "{#context}" not in text and "media/a.pdf" not in text and "**" not in text
    assert "the brief" in text and "Context" in text
