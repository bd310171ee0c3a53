"""Cross-field and cross-file rules inside one case."""

from __future__ import annotations

from collections.abc import Iterator

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.validate.case_view import CaseView


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Check states vs level, years, the original narrative and translation sources."""
    meta = view.meta
    source = view.source
    path = source.meta_display
    if meta is None:
        return
    if not meta.states and meta.level != "national":
        at = view.at("states")
        yield problem("AGK110", path, at.line, at.col, f"no states given for a {meta.level}-level case")
    if meta.year_end is not None and meta.year_end < meta.year:
        at = view.at("year_end")
        yield problem("AGK111", path, at.line, at.col, f"year_end {meta.year_end} is before year {meta.year}")
    if meta.original_language not in source.narratives:
        at = view.at("original_language")
        lang = meta.original_language
        message = f"original_language is '{lang}' but {lang}.md does not exist"
        yield problem("AGK401", path, at.line, at.col, message)
    for lang, front in sorted(view.narrative_fronts.items()):
        yield from _translation(view, lang, front.translated_from, front.source_hash)
    for lang, note_front in sorted(view.note_fronts.items()):
        yield from _note_translation(view, lang, note_front.translated_from, note_front.source_hash)
    for lang in sorted(source.teaching_notes):
        if lang not in source.narratives:
            note = source.teaching_notes[lang]
            yield problem(
                "AGK409",
                note.display,
                1,
                1,
                f"teaching note in '{lang}' but no {lang}.md narrative",
            )


def _translation(
    view: CaseView, lang: str, origin: str | None, source_hash: str | None
) -> Iterator[Diagnostic]:
    md = view.source.narratives[lang]
    if origin is None or md.front is None or view.meta is None:
        return
    at = md.front.value_at(("translated_from",))
    if lang == view.meta.original_language:
        yield problem(
            "AGK403",
            md.display,
            at.line,
            at.col,
            f"{lang}.md is the original but says translated_from: {origin}",
        )
    elif origin == lang:
        yield problem("AGK403", md.display, at.line, at.col, f"{lang}.md cannot be translated from itself")
    elif origin not in view.source.narratives:
        yield problem(
            "AGK402",
            md.display,
            at.line,
            at.col,
            f"translated_from: {origin} but {origin}.md does not exist",
        )
    elif source_hash is None:
        source_file = f"{view.source.display}/{origin}.md"
        hint = f"add source_hash: the value printed by `python -m builder.source.fingerprint {source_file}`"
        yield problem("AGK408", md.display, at.line, at.col, "translation has no source_hash", hint)


def _note_translation(
    view: CaseView, lang: str, origin: str | None, source_hash: str | None
) -> Iterator[Diagnostic]:
    """A translated teaching note names another teaching note of the case and its fingerprint."""
    md = view.source.teaching_notes[lang]
    if origin is None or md.front is None:
        return
    at = md.front.value_at(("translated_from",))
    if origin == lang:
        yield problem(
            "AGK403", md.display, at.line, at.col, "a teaching note cannot be translated from itself"
        )
    elif origin not in view.source.teaching_notes:
        message = f"translated_from: {origin} but teaching-note.{origin}.md does not exist"
        yield problem("AGK402", md.display, at.line, at.col, message)
    elif source_hash is None:
        source_file = f"{view.source.display}/teaching-note.{origin}.md"
        hint = f"add source_hash: the value printed by `python -m builder.source.fingerprint {source_file}`"
        yield problem("AGK408", md.display, at.line, at.col, "translation has no source_hash", hint)
