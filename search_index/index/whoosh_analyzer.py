"""Analysers as whoosh calls them when it indexes a field (the schema pickles one per language)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from whoosh.analysis import Analyzer, Token

from search_index.analysis.analyser import Analyser


class WhooshAnalyzer(Analyzer):  # type: ignore[misc]
    """The whoosh face of Analyser; pickled into the index schema by language code only."""

    def __init__(self, lang: str | None) -> None:
        self.lang = lang
        self._analyser: Analyser | None = None

    def __getstate__(self) -> dict[str, Any]:
        """Pickle only the language: the rules come from the package data at load time."""
        return {"lang": self.lang}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore from the pickled language code."""
        self.lang = state["lang"]
        self._analyser = None

    def __eq__(self, other: object) -> bool:
        """Analysers are equal when they analyse the same language."""
        return isinstance(other, WhooshAnalyzer) and other.lang == self.lang

    def __hash__(self) -> int:
        """Hash by language, consistent with equality."""
        return hash(("WhooshAnalyzer", self.lang))

    def __repr__(self) -> str:
        """Show the language."""
        return f"WhooshAnalyzer({self.lang!r})"

    @property
    def analyser(self) -> Analyser:
        """Return the underlying Analyser, built on first use."""
        if self._analyser is None:
            self._analyser = Analyser(self.lang)
        return self._analyser

    def __call__(
        self,
        value: str | Sequence[str],
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        """Yield whoosh tokens for a text, or for terms an Analyser produced already."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if isinstance(value, str):
            per_word: Sequence[tuple[str, ...]] = self.analyser.token_terms(value)
        else:
            per_word = [(term,) for term in value]
        for position, terms in enumerate(per_word):
            for term in terms:
                # whoosh reuses one Token object for speed; every attribute is reset here.
                token.text = term
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = term
                if positions:
                    token.pos = start_pos + position
                if chars:
                    token.startchar = start_char
                    token.endchar = start_char
                yield token
