"""Rules across cases: related ids exist, case numbers are unique."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.source.yaml_source import Position
from builder.validate.case_view import CaseView
from builder.validate.schema_problems import suggest


@dataclass(frozen=True)
class CollectionFacts:
    """What the cross-case rules need from one case: small enough to pass between processes."""

    case_id: str
    path: str
    related: tuple[tuple[str, Position], ...]
    case_number: tuple[str, Position] | None


def facts_of(view: CaseView) -> CollectionFacts:
    """Extract the cross-case facts of a case (empty when its metadata is invalid)."""
    meta = view.meta
    source = view.source
    if meta is None:
        return CollectionFacts(source.id, source.meta_display, (), None)
    related = tuple((other, view.at("related", i)) for i, other in enumerate(meta.related))
    number = (meta.case_number, view.at("case_number")) if meta.case_number else None
    return CollectionFacts(source.id, source.meta_display, related, number)


def check_collection(facts: Sequence[CollectionFacts], all_ids: frozenset[str]) -> Iterator[Diagnostic]:
    """Check `related` against every case id, and `case_number` uniqueness among `facts`."""
    numbers: dict[str, str] = {}
    ids = sorted(all_ids)
    for case in facts:
        for other, at in case.related:
            if other == case.case_id:
                yield problem("AGK404", case.path, at.line, at.col, "a case cannot be related to itself")
            elif other not in all_ids:
                message = f"related case '{other}' does not exist"
                yield problem("AGK404", case.path, at.line, at.col, message, suggest(other, ids))
        if case.case_number is not None:
            number, at = case.case_number
            first = numbers.setdefault(number, case.case_id)
            if first != case.case_id:
                message = f"case_number {number} is also used by {first}"
                yield problem("AGK406", case.path, at.line, at.col, message)
