"""Near-duplicate case studies (search_index.similarity.near_duplicates), no index needed."""

from __future__ import annotations

from dataclasses import replace

from search_index.documents import SearchDocument
from search_index.similarity.near_duplicates import near_duplicates


def _long_text(corpus: list[SearchDocument], *langs: str) -> str:
    """Return all texts of some languages joined: a long original narrative for copying."""
    return " ".join(doc.summary + " " + doc.text for doc in corpus if doc.lang in langs)


def _edited(text: str, positions: range) -> str:
    """Return `text` with the words at `positions` replaced by different new words."""
    words = text.split()
    for number, position in enumerate(positions):
        words[position] = f"बदलाव{number}"
    return " ".join(words)


def test_a_near_copy_is_a_near_duplicate(corpus: list[SearchDocument]) -> None:
    text = _long_text(corpus, "hi", "en")
    first = replace(corpus[0], id="case-one", text=text)
    copy = replace(corpus[0], id="case-two", text=_edited(text, range(50, 400, 150)))
    found = near_duplicates([first, copy, *corpus])
    assert [(pair.first, pair.second) for pair in found] == [("case-one", "case-two")]
    assert 0.8 <= found[0].score <= 1.0
    assert (found[0].first_lang, found[0].second_lang) == ("hi", "hi")


def test_an_unrelated_text_is_not_a_near_duplicate(corpus: list[SearchDocument]) -> None:
    first = replace(corpus[0], id="case-one", text=_long_text(corpus, "hi"))
    other = replace(corpus[1], id="case-two", lang="en", text=_long_text(corpus, "en"))
    assert near_duplicates([first, other]) == []


def test_a_heavily_edited_copy_is_below_the_threshold(corpus: list[SearchDocument]) -> None:
    text = _long_text(corpus, "hi", "en")
    first = replace(corpus[0], id="case-one", text=text)
    rewritten = replace(corpus[0], id="case-two", text=_edited(text, range(0, 400, 4)))
    assert near_duplicates([first, rewritten]) == []


def test_narratives_of_one_case_are_never_paired(corpus: list[SearchDocument]) -> None:
    text = _long_text(corpus, "hi")
    first = replace(corpus[0], id="case-one", lang="hi", text=text)
    same_case = replace(corpus[0], id="case-one", lang="mr", text=text)
    assert near_duplicates([first, same_case]) == []


def test_near_duplicates_ignore_spelling_variants_and_order_of_input(
    corpus: list[SearchDocument],
) -> None:
    text = _long_text(corpus, "hi")
    first = replace(corpus[0], id="case-one", text=text)
    variant = replace(corpus[0], id="case-two", text=text.replace("ज़िले", "जिले"))
    forward = near_duplicates([first, variant, *corpus])
    backward = near_duplicates([*reversed(corpus), variant, first])
    assert forward == backward
    assert [(pair.first, pair.second, pair.score) for pair in forward] == [("case-one", "case-two", 1.0)]
