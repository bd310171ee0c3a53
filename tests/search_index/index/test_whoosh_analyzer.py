"""The whoosh face of the analysers (index.whoosh_analyzer), as the index schema pickles it."""

from __future__ import annotations

import pickle

from search_index.analysis.analyser import analyse
from search_index.index.whoosh_analyzer import WhooshAnalyzer


def test_whoosh_analyzer_pickles_as_its_language_and_yields_the_same_terms() -> None:
    analyzer = WhooshAnalyzer("hi")
    restored = pickle.loads(pickle.dumps(analyzer))
    assert restored == analyzer
    text = "ज़िले में योजनाओं का विस्तार"
    assert [token.text for token in restored(text)] == analyse(text, "hi")
