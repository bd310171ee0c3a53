"""The metadata table's values: every name reads back to its id, and written values read back."""

from __future__ import annotations

import pytest

from builder.model.aliases import load_vocabularies
from builder.model.taxonomy import LANGUAGE_CODES, Taxonomy
from builder.office.fields import FIELDS, Reader, ValueProblem, Writer, field_of
from builder.render.strings import Strings
from tests.conftest import REPO


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    found, problems = load_vocabularies(REPO / "case_studies" / "_taxonomies", "taxonomies")
    assert not problems
    return found


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_field_name_in_every_language_names_its_field(lang: str) -> None:
    t = Strings(lang)
    for field in FIELDS:
        label = t(field.strings[0])
        assert field_of(label) == field.key, (lang, label)
        assert field_of(f"{label}\n(required)") == field.key
        assert field_of(f"{label} ({Strings('en')(field.strings[0])})") == field.key


def test_field_names_as_people_write_them() -> None:
    assert field_of("State") == "states"
    assert field_of("STATES / UTs") == "states"
    assert field_of("राज्य") == "states"  # the start of "राज्य या केंद्र शासित प्रदेश"
    assert field_of("SDGs") == "sdgs"
    assert field_of("Original language:") == "original_language"
    assert field_of("Budget") is None


@pytest.mark.parametrize("lang", ["en", "hi", "ta", "ur", "sat"])
def test_written_values_read_back(taxonomy: Taxonomy, lang: str) -> None:
    writer, reader = Writer(taxonomy, lang), Reader(taxonomy)
    for case_type in taxonomy.case_types:
        assert reader.value("type", writer.value("type", case_type)) == case_type
    for level in taxonomy.levels:
        assert reader.value("level", writer.value("level", level)) == level
    for code in taxonomy.languages:
        assert reader.value("original_language", writer.value("original_language", code)) == code
    states = sorted(taxonomy.states)
    assert reader.value("states", writer.value("states", states)) == states
    sectors = [{"sector": s} for s in taxonomy.sectors]
    sectors += [{"sector": s, "sub_sector": sub} for s, subs in taxonomy.sectors.items() for sub in subs]
    assert reader.value("sectors", writer.value("sectors", sectors)) == sectors
    authors = [{"name": "A. Officer", "affiliation": "District office"}, {"name": "B. Team"}]
    assert reader.value("authors", writer.value("authors", authors)) == authors


def test_names_in_hindi_and_english_and_codes(taxonomy: Taxonomy) -> None:
    reader = Reader(taxonomy)
    assert reader.value("states", "उत्तर प्रदेश; Bihar\nMH") == ["UP", "BR", "MH"]
    assert reader.value("states", "National") == []
    assert reader.value("type", "निर्णय आधारित केस") == "decision-forcing"
    assert reader.value("type", "Decision-forcing case") == "decision-forcing"
    assert reader.value("original_language", "हिन्दी") == "hi"
    assert reader.value("original_language", "Hindi") == "hi"
    assert reader.value("sdgs", "SDG 4, १६") == [4, 16]
    assert reader.value("year", "२०१९") == 2019
    assert reader.value("published", "05/03/2024") == "2024-03-05"
    assert reader.value("sectors", "स्वास्थ्य") == [{"sector": "health"}]
    assert reader.value("tags", "Gram Sabha, forest rights") == ["gram sabha", "forest rights"]


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("states", "Atlantis"),
        ("type", "novel"),
        ("sdgs", "18"),
        ("year", "last year"),
        ("published", "2024-13-40"),
    ],
)
def test_values_not_understood(taxonomy: Taxonomy, key: str, text: str) -> None:
    with pytest.raises(ValueProblem, match=text):
        Reader(taxonomy).value(key, text)
