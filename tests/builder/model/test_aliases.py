"""Names of taxonomy values for search: codes, labels in every language, and editors' aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.model.aliases import load_names
from builder.model.taxonomy import Taxonomy, load_taxonomy
from search_index.analysis.analyser import Analyser
from search_index.facet_names import name_table, recognise

TAXONOMY_DIR = Path(__file__).resolve().parents[3] / "case_studies" / "_taxonomies"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    """Return the project's taxonomy."""
    loaded, problems = load_taxonomy(TAXONOMY_DIR, "case_studies/_taxonomies")
    assert not problems
    return loaded


def test_the_shipped_alias_files_are_clean(taxonomy: Taxonomy) -> None:
    _, problems = load_names(taxonomy, TAXONOMY_DIR, "case_studies/_taxonomies")
    assert [str(problem) for problem in problems] == []


@pytest.mark.parametrize(
    ("query", "key", "value"),
    [
        ("UP", "state", "UP"),
        ("U.P.", "state", "UP"),
        ("Uttar Pradesh", "state", "UP"),
        ("उत्तर प्रदेश", "state", "UP"),
        ("यूपी", "state", "UP"),
        ("e-governance", "sector", "e-governance"),
        ("egovernance", "sector", "e-governance"),
        ("ई-गवर्नेंस", "sector", "e-governance"),
        ("ई-शासन", "sector", "e-governance"),
        ("SDG 5", "sdg", "5"),
        ("Decision-forcing case", "type", "decision-forcing"),
    ],
)
def test_names_in_every_form_are_recognised(taxonomy: Taxonomy, query: str, key: str, value: str) -> None:
    names, _ = load_names(taxonomy, TAXONOMY_DIR, "case_studies/_taxonomies")
    found = recognise(Analyser(None).folded_words(query), query, name_table(names))
    assert [(item.key, item.value) for item in found] == [(key, value)]


def test_a_code_in_small_letters_is_a_word(taxonomy: Taxonomy) -> None:
    names, _ = load_names(taxonomy, TAXONOMY_DIR, "case_studies/_taxonomies")
    assert recognise(["up"], "scale up", name_table(names)) == []


def test_alias_files_report_what_they_cannot_use(taxonomy: Taxonomy, tmp_path: Path) -> None:
    (tmp_path / "aliases").mkdir()
    (tmp_path / "aliases" / "en.yaml").write_text(
        "states:\n  ZZ: [Nowhere]\ntowns:\n  x: [y]\nsectors:\n  health: [12]\n", encoding="utf-8"
    )
    (tmp_path / "aliases" / "xx.yaml").write_text("states: {}\n", encoding="utf-8")
    _, problems = load_names(taxonomy, tmp_path, "t")
    found = sorted((p.path, p.line, p.code, p.message) for p in problems)
    assert found == [
        ("t/aliases/en.yaml", 2, "AGK011", "unknown state 'ZZ'"),
        ("t/aliases/en.yaml", 3, "AGK011", "unknown section 'towns'"),
        ("t/aliases/en.yaml", 6, "AGK011", "an alias must be a word or words"),
        ("t/aliases/xx.yaml", 1, "AGK011", "'xx' is not a supported language code"),
    ]


def test_an_alias_of_two_values_is_refused(taxonomy: Taxonomy, tmp_path: Path) -> None:
    (tmp_path / "aliases").mkdir()
    (tmp_path / "aliases" / "hi.yaml").write_text("states:\n  MP: [यूपी, एमपी]\n", encoding="utf-8")
    (tmp_path / "aliases" / "en.yaml").write_text("states:\n  UP: [yupi]\n  MP: [Yupi]\n", encoding="utf-8")
    names, problems = load_names(taxonomy, tmp_path, "t")
    messages = sorted((p.code, p.path, p.line, p.message) for p in problems)
    assert ("AGK014", "t/aliases/en.yaml", 2, "alias 'yupi' of state 'UP' also names state 'MP'") in messages
    assert ("AGK014", "t/aliases/en.yaml", 3, "alias 'Yupi' of state 'MP' also names state 'UP'") in messages
    # यूपी is not UP's name in this folder (no hi aliases for UP here), so it may name MP.
    assert "यूपी" in names["state"]["MP"]
