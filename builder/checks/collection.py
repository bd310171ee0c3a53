"""Rules across cases: related ids exist, case numbers are unique."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from builder.catalogue import problem
from builder.checks.case_view import CaseView
from builder.diagnostics import Diagnostic
from builder.schema_problems import suggest


def check_collection(views: Sequence[CaseView], all_ids: frozenset[str]) -> Iterator[Diagnostic]:
    """Check `related` against every case id, and `case_number` uniqueness among `views`."""
    numbers: dict[str, str] = {}
    ids = sorted(all_ids)
    for view in views:
        meta = view.meta
        if meta is None:
            continue
        for index, other in enumerate(meta.related):
            if other not in all_ids or other == view.source.id:
                at = view.at("related", index)
                message = (
                    f"related case '{other}' does not exist"
                    if other != view.source.id
                    else "a case cannot be related to itself"
                )
                yield problem(
                    "AGK404",
                    view.source.meta_display,
                    at.line,
                    at.col,
                    message,
                    suggest(other, ids),
                )
        if meta.case_number is not None:
            first = numbers.setdefault(meta.case_number, view.source.id)
            if first != view.source.id:
                at = view.at("case_number")
                yield problem(
                    "AGK406",
                    view.source.meta_display,
                    at.line,
                    at.col,
                    f"case_number {meta.case_number} is also used by {first}",
                )
