"""engine.js's lexicon functions give the keys and distances of search_index/lexicon/keys.py (in Node)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from search_index.browser.export import write_static_index
from search_index.documents import SearchDocument
from search_index.lexicon import keys
from tests.search_index.browser.node_engine import evaluate, node_binary

LEXICON = """async (engine, input) => {
    const lexicon = AgkSearch.lexicon;
    const ranking = engine.meta.ranking;
    return {
        roman: input.words.map((word) => lexicon.romanKeys(engine.analysis, word)),
        typo: input.words.map((word) => lexicon.typoKeys(word, 2, ranking.min_term_letters)),
        stem: input.words.map((word) => lexicon.stemKeys(word, 1, ranking)),
        distance: input.pairs.map((pair) => lexicon.editDistance(pair[0], pair[1], pair[2])),
        stemDistance: input.pairs.map((pair) => lexicon.stemDistance(pair[0], pair[1], pair[2], ranking)),
    };
}"""

# Roman-letter words as readers type them, and words of other scripts (no romanisation keys).
WORDS = [
    "kisan", "kisaan", "garbhvati", "pradesh", "swachh", "bharat", "chennai", "tamil", "nadu",
    "afsar", "shikayat", "anganwadi", "sampark", "keralam", "Laxmi", "Zila", "faisla", "wala",
    "up", "x", "quick", "thhh", "aaaa", "prashikshan", "पानी", "தமிழ்", "كتاب", "e-gov",
]  # fmt: skip


def pairs(count: int) -> list[tuple[str, str, int]]:
    """Random word pairs over a small alphabet (many near each other), with limits 0 to 2."""
    rng = random.Random(5)
    alphabet = "abcकिा"
    found = []
    for _ in range(count):
        first = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        second = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        found.append((first, second, rng.randint(0, 2)))
    return found


@pytest.fixture(scope="module")
def exported(corpus: list[SearchDocument], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the browser index of the fixture corpus."""
    folder = tmp_path_factory.mktemp("lexicon-index") / "search"
    write_static_index(corpus, folder)
    return folder


def test_keys_and_distances_match_python(exported: Path) -> None:
    tried = pairs(3000)
    found: dict[str, Any] = evaluate(node_binary(), exported, LEXICON, {"words": WORDS, "pairs": tried})
    assert found["roman"] == [keys.roman_keys(word) for word in WORDS]
    assert found["typo"] == [keys.typo_keys(word, 2) for word in WORDS]
    assert found["stem"] == [keys.stem_keys(word, 1) for word in WORDS]
    assert found["distance"] == [keys.edit_distance(a, b, limit) for a, b, limit in tried]
    assert found["stemDistance"] == [keys.stem_distance(a, b, limit) for a, b, limit in tried]
