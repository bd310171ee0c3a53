"""`agk search` over a damaged local index: it is rebuilt, said once on stderr, and answers as before."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.cli.local_index import index_dir
from builder.project import Project
from search_index.index.generations import current_generation
from search_index.index.integrity import CHECKSUMS_FILE, record_checksums
from search_index.index.lexicon_file import LEXICON_FILE
from tests.builder.cli_runner import Run, agk

# A typo: the answer needs the segment's postings and the lexicon's typo keys too.
QUERY = "regsiters"
REBUILDING = "the local search index was damaged"


def search(project: Project) -> Run:
    run = agk("search", QUERY, "--json", cwd=project.root)
    assert run.code == 0, run.err
    return run


def generation(project: Project) -> Path:
    found = current_generation(index_dir(project))
    assert found is not None
    return found


def largest_segment(folder: Path) -> Path:
    return max(folder.glob("*.seg"), key=lambda path: path.stat().st_size)


def truncate_largest(folder: Path) -> None:
    path = largest_segment(folder)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def overwrite_middle(folder: Path) -> None:
    path = largest_segment(folder)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(255 - byte for byte in data[middle : middle + 64])
    path.write_bytes(bytes(data))


def delete_table_of_contents(folder: Path) -> None:
    (toc,) = folder.glob("*.toc")
    toc.unlink()


def garbage_lexicon(folder: Path) -> None:
    path = folder / LEXICON_FILE
    path.write_bytes(b"not a database " * (path.stat().st_size // 15))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": truncate_largest,
    "overwritten": overwrite_middle,
    "deleted": delete_table_of_contents,
    "garbage-lexicon": garbage_lexicon,
}


def assert_rebuilt_once(project: Project, before: Run, damaged: Run) -> None:
    assert damaged.err.count(REBUILDING) == 1, damaged.err
    assert "rebuilding it" in damaged.err
    assert json.loads(damaged.out) == json.loads(before.out)
    again = search(project)
    assert REBUILDING not in again.err
    assert "search index updated" not in again.err
    assert json.loads(again.out) == json.loads(before.out)


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_index_is_rebuilt_and_answers_as_before(
    valid_project: Project, damage: Callable[[Path], None]
) -> None:
    before = search(valid_project)
    assert json.loads(before.out)["suggestion"] == "registers"
    damage(generation(valid_project))
    assert_rebuilt_once(valid_project, before, search(valid_project))


@pytest.mark.parametrize("damage", [truncate_largest, garbage_lexicon], ids=["truncated", "garbage-lexicon"])
def test_damage_the_checksums_miss_is_found_by_reading(
    valid_project: Project, damage: Callable[[Path], None]
) -> None:
    before = search(valid_project)
    folder = generation(valid_project)
    damage(folder)
    # Checksums of the damaged files: only whoosh or SQLite failing to read them can tell.
    record_checksums(folder)
    damaged = search(valid_project)
    assert "bytes, not" not in damaged.err and "was altered" not in damaged.err
    assert_rebuilt_once(valid_project, before, damaged)


def test_a_damaged_index_is_rebuilt_when_case_studies_changed_too(valid_project: Project) -> None:
    search(valid_project)
    truncate_largest(generation(valid_project))
    page = valid_project.case_dir / "tn-valid-caselet" / "ta.md"
    page.write_text(page.read_text() + "\nதடுப்பூசி முகாம்.\n")
    run = agk("search", "தடுப்பூசி", "--json", cwd=valid_project.root)
    assert run.code == 0, run.err
    assert run.err.count(REBUILDING) == 1, run.err
    assert [hit["id"] for hit in json.loads(run.out)["hits"]] == ["tn-valid-caselet"]


def test_missing_checksums_under_a_current_stamp_are_damage(valid_project: Project) -> None:
    before = search(valid_project)
    (generation(valid_project) / CHECKSUMS_FILE).unlink()
    assert_rebuilt_once(valid_project, before, search(valid_project))


def test_an_index_of_an_agk_without_checksums_is_rebuilt_quietly(valid_project: Project) -> None:
    before = search(valid_project)
    old = generation(valid_project)
    (old / CHECKSUMS_FILE).unlink()
    # An older agk's stamp: it fingerprinted the sources without the checksums format.
    (index_dir(valid_project) / "SOURCES").write_text("0" * 64)
    run = search(valid_project)
    assert REBUILDING not in run.err
    assert "search index updated" in run.err
    assert generation(valid_project) != old
    assert json.loads(run.out) == json.loads(before.out)


def test_a_missing_current_pointer_is_rebuilt(valid_project: Project) -> None:
    before = search(valid_project)
    (index_dir(valid_project) / "CURRENT").unlink()
    assert_rebuilt_once(valid_project, before, search(valid_project))
