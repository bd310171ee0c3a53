"""Narrative structure rules: heading ids, required sections and their order."""

from __future__ import annotations

from collections.abc import Iterator

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.markdown.rules import ID_PATTERN
from builder.markdown.scan import MarkdownScan
from builder.source.loader import MarkdownSource
from builder.validate.case_view import CaseView


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Check headings of every narrative and teaching note against the case type."""
    tax = view.taxonomy
    type_id = view.meta.type if view.meta else ""
    required = tax.case_types.get(type_id)
    for md in view.source.markdown_sources():
        scan = view.scans[md.display]
        yield from _headings(md, scan)
        is_note = md.display.rsplit("/", 1)[-1].startswith("teaching-note.")
        if is_note:
            yield from _required(md, scan, tax.teaching_note_required, "teaching note")
        elif required is not None:
            yield from _required(md, scan, required, f"{type_id} case")


def _headings(md: MarkdownSource, scan: MarkdownScan) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for heading in scan.headings:
        if heading.level == 1:
            yield problem(
                "AGK305",
                md.display,
                heading.line,
                heading.col,
                f"level-one heading '{heading.text[:40]}'",
                "use ## for sections",
            )
        if heading.id is None:
            if heading.level == 2:
                hint = "append an id such as {#context}"
                yield problem(
                    "AGK302",
                    md.display,
                    heading.line,
                    heading.col,
                    f"heading '{heading.text[:40]}' has no id",
                    hint,
                )
            continue
        if not ID_PATTERN.match(heading.id):
            yield problem(
                "AGK304",
                md.display,
                heading.line,
                heading.col,
                f"invalid heading id '{heading.id}'",
                "use lowercase ascii words joined by hyphens",
            )
        elif heading.id in seen:
            yield problem(
                "AGK303",
                md.display,
                heading.line,
                heading.col,
                f"heading id '{heading.id}' is used twice",
            )
        seen.add(heading.id)


def _required(
    md: MarkdownSource, scan: MarkdownScan, required: tuple[str, ...], what: str
) -> Iterator[Diagnostic]:
    present = [h.id for h in scan.headings if h.level == 2 and h.id]
    missing = [section for section in required if section not in present]
    line = scan.headings[-1].line if scan.headings else md.body_line
    for section in missing:
        yield problem(
            "AGK301",
            md.display,
            line,
            1,
            f"a {what} needs a section with id '{section}'",
            f"add ## … {{#{section}}}",
        )
    order = [section for section in present if section in required]
    if not missing and order != sorted(order, key=required.index):
        first = next(h for h in scan.headings if h.id == order[0])
        expected = ", ".join(required)
        yield problem(
            "AGK307",
            md.display,
            first.line,
            first.col,
            f"sections are out of order; expected {expected}",
        )
