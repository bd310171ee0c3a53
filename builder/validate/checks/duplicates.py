"""Near-duplicate rule: warn when a case's text is very close to another case's."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.validate.case_view import CaseView
from builder.validate.checks.collection import CollectionFacts
from search_index.analysis.analyser import Analyser
from search_index.documents import SearchDocument
from search_index.similarity.near_duplicates import Sketch, WordCodes, pairs_from_sketches, sketch

THRESHOLD = 0.8


class _Sketched(Protocol):
    @property
    def facts(self) -> CollectionFacts: ...

    @property
    def sketches(self) -> tuple[Sketch, ...]: ...


class Sketcher:
    """Sketches narratives, sharing each language's analysed word codes across cases."""

    def __init__(self) -> None:
        # The word cache is what makes sketching fast: most words recur across cases.
        self._codes: dict[str, WordCodes] = {}

    def __call__(self, view: CaseView) -> tuple[Sketch, ...]:
        """MinHash sketches of the case's original narrative and of its English version."""
        # A resubmission repeats an original or its English version; sketching every
        # translation too tripled the cost of validating 5,000 cases for no extra finding.
        wanted = {"en", view.meta.original_language if view.meta else ""}
        result = []
        for lang, front in sorted(view.narrative_fronts.items()):
            if lang not in wanted:
                continue
            # Markdown punctuation needs no stripping: the analyser drops it anyway.
            body = view.source.narratives[lang].body
            document = SearchDocument(view.source.id, lang, front.title, front.summary, body, {}, ())
            codes = self._codes.setdefault(lang, WordCodes(Analyser(lang)))
            result.append(sketch(document, codes))
        return tuple(result)


def check_duplicates(results: Sequence[_Sketched], checked_ids: Iterable[str]) -> list[Diagnostic]:
    """AGK420 on the later case (by id) of each near-duplicate pair that involves a checked case."""
    checked = set(checked_ids)
    paths = {r.facts.case_id: r.facts.path for r in results}
    found = []
    for pair in pairs_from_sketches([s for r in results for s in r.sketches], threshold=THRESHOLD):
        if not {pair.first, pair.second} & checked:
            continue
        if pair.second in checked:
            target, lang, other, other_lang = pair.second, pair.second_lang, pair.first, pair.first_lang
        else:
            target, lang, other, other_lang = pair.first, pair.first_lang, pair.second, pair.second_lang
        message = f"{lang}.md is very similar to {other}/{other_lang}.md (estimated {pair.score:.2f} shared)"
        found.append(problem("AGK420", paths[target], 1, 1, message, "merge the cases, or rewrite the copy"))
    return found
