"""Taxonomies: data files for what editors own, pycountry and Babel for the rest."""

from __future__ import annotations

from builder.project import Project
from builder.taxonomy import load_taxonomy
from tests.conftest import REPO


def test_repository_taxonomies_are_complete() -> None:
    project = Project(REPO)
    taxonomy, problems = load_taxonomy(project.taxonomy_dir, "t")
    assert problems == []
    assert 30 <= len(taxonomy.sectors) <= 45
    for sector in taxonomy.sectors.values():
        assert {"en", "hi"} <= set(sector.labels)
        assert sector.sub_sectors
        assert all({"en", "hi"} <= set(labels) for labels in sector.sub_sectors.values())
    assert set(taxonomy.levels) == {
        "national",
        "state",
        "district",
        "block",
        "urban-local-body",
        "gram-panchayat",
    }
    assert {t: c.sections for t, c in taxonomy.case_types.items()} == {
        "lesson-drawing": (
            "context",
            "challenge",
            "implementation",
            "outcomes",
            "lessons",
            "questions",
        ),
        "decision-forcing": ("context", "narrative", "dilemma", "questions"),
        "caselet": ("context", "questions"),
    }
    assert all(
        s in taxonomy.section_labels for c in taxonomy.case_types.values() for s in c.sections
    )
    assert taxonomy.default_licence in taxonomy.licences


def test_states_and_languages_come_from_the_libraries() -> None:
    taxonomy, _ = load_taxonomy(Project(REPO).taxonomy_dir, "t")
    assert len(taxonomy.states) == 36
    assert {"UP", "TN", "DL", "LA", "TS", "OD", "DH"} <= set(taxonomy.states)
    assert len(taxonomy.languages) == 23
    assert {code for code, lang in taxonomy.languages.items() if lang.rtl} == {"ur", "ks", "sd"}
    assert taxonomy.languages["hi"].native_name == "हिन्दी"
    assert taxonomy.languages["ta"].native_name == "தமிழ்"
