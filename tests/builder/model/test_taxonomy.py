"""Taxonomies: data files for what editors own, pycountry and Babel for the rest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from builder.markdown.rules import ID_PATTERN
from builder.model.taxonomy import load_taxonomy
from builder.project import Project
from tests.conftest import REPO, MakeProject


def test_repository_taxonomies_are_complete() -> None:
    taxonomy, problems = load_taxonomy(Project(REPO).taxonomy_dir, "t")
    assert problems == []
    # Sectors are editors' data: only their form is checked. Levels, case types and the sections
    # each type requires are part of the content format contract: changing them is deliberate.
    assert taxonomy.sectors and all(taxonomy.sectors.values()), "every sector has sub-sectors"
    ids = [*taxonomy.sectors, *(sub for subs in taxonomy.sectors.values() for sub in subs)]
    assert all(ID_PATTERN.match(item) for item in ids)
    assert taxonomy.levels == (
        "national",
        "state",
        "district",
        "block",
        "urban-local-body",
        "gram-panchayat",
    )
    assert taxonomy.case_types == {
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
    for lang in ("en", "hi"):
        assert set(taxonomy.label_keys()) <= set(taxonomy.labels[lang])
    assert taxonomy.default_licence in taxonomy.licences


def test_labels_fall_back_along_the_languages_fallbacks_then_to_english_then_id() -> None:
    taxonomy, _ = load_taxonomy(Project(REPO).taxonomy_dir, "t")
    assert taxonomy.label("sectors.health", "hi") == "स्वास्थ्य"
    assert taxonomy.label("sectors.no-such-sector", "hi") == "no-such-sector"
    # A label missing in Maithili comes from Hindi (its readers read Hindi), in Tamil from English.
    partial = replace(taxonomy, labels={**taxonomy.labels, "mai": {}, "ta": {}})
    assert partial.label("sectors.health", "mai") == "स्वास्थ्य"
    assert partial.label("sectors.health", "ta") == "Health"
    assert partial.state_name("KL", "mai") == taxonomy.state_name("KL", "hi")


def test_states_and_languages_come_from_the_libraries() -> None:
    taxonomy, _ = load_taxonomy(Project(REPO).taxonomy_dir, "t")
    assert len(taxonomy.states) == 36
    assert {"UP", "TN", "DL", "LA", "TS", "OD", "DH"} <= set(taxonomy.states)
    assert len(taxonomy.languages) == 23
    assert {code for code, lang in taxonomy.languages.items() if lang.rtl} == {"ur", "ks", "sd"}
    assert taxonomy.languages["hi"].native_name == "हिन्दी"
    assert taxonomy.languages["ta"].native_name == "தமிழ்"


def test_missing_and_unknown_labels_are_reported(make_project: MakeProject) -> None:
    project = make_project()
    labels = project.taxonomy_dir / "labels"
    hindi = labels / "hi.yaml"
    hindi.write_text(hindi.read_text().replace("  health: स्वास्थ्य\n", ""))
    (labels / "ta.yaml").write_text("sectors:\n  helth: சுகாதாரம்\n")
    (labels / "xx.yaml").write_text("sectors: {}\n")
    _, problems = load_taxonomy(project.taxonomy_dir, "t")
    messages = sorted((Path(p.path).name, p.message) for p in problems)
    assert messages == [
        ("hi.yaml", "no hi label for 'sectors.health'"),
        ("ta.yaml", "label for unknown id 'sectors.helth'"),
        ("xx.yaml", "'xx' is not a supported language code"),
    ]
    assert {p.code for p in problems} == {"AGK011"}
