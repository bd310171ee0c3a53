"""Model step of validation: the frozen model of a case whose sources passed every rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from builder.markdown.scan import Heading
from builder.model.case import (
    Attachment,
    Author,
    CaseStudy,
    Cover,
    LocalText,
    Metric,
    Narrative,
    Section,
    SectorRef,
    TeachingNote,
)
from builder.source.fingerprint import body_fingerprint
from builder.validate.case_schema import CaseMeta
from builder.validate.case_view import CaseView


def _text(value: str | Mapping[str, str], lang: str) -> LocalText:
    """Plain text counts as written in the case's original language."""
    return LocalText({lang: value} if isinstance(value, str) else dict(value))


def _maybe_text(value: str | Mapping[str, str] | None, lang: str) -> LocalText | None:
    return None if value is None else _text(value, lang)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _sections(headings: tuple[Heading, ...]) -> tuple[Section, ...]:
    return tuple(Section(h.id, h.text) for h in headings if h.level == 2 and h.id)


def _narratives(view: CaseView) -> dict[str, Narrative]:
    fingerprints = {lang: body_fingerprint(md.body) for lang, md in view.source.narratives.items()}
    result = {}
    for lang, front in sorted(view.narrative_fronts.items()):
        md = view.source.narratives[lang]
        origin = front.translated_from
        # A translation is stale when its source has changed since it was translated.
        stale = bool(
            origin and front.source_hash and not fingerprints[origin].startswith(front.source_hash[:16])
        )
        result[lang] = Narrative(
            lang=lang,
            title=front.title,
            summary=front.summary,
            body=md.body,
            sections=_sections(view.scans[md.display].headings),
            translated_from=origin,
            source_hash=front.source_hash,
            fingerprint=fingerprints[lang],
            stale=stale,
            words=len(md.body.split()),
        )
    return result


def _teaching_notes(view: CaseView) -> dict[str, TeachingNote]:
    notes = view.source.teaching_notes
    fingerprints = {lang: body_fingerprint(md.body) for lang, md in notes.items()}
    result = {}
    for lang, front in sorted(view.note_fronts.items()):
        origin = front.translated_from
        # Stale exactly as narratives are: the source note changed since it was translated.
        stale = bool(
            origin
            and front.source_hash
            and origin in fingerprints
            and not fingerprints[origin].startswith(front.source_hash[:16])
        )
        result[lang] = TeachingNote(lang, front.title, notes[lang].body, origin, stale)
    return result


def build_case(view: CaseView, default_licence: str) -> CaseStudy:
    """Build the model of a case whose sources passed validation."""
    meta = view.meta
    if not isinstance(meta, CaseMeta):
        raise ValueError(f"case {view.source.id} has invalid metadata")
    lang = meta.original_language
    return CaseStudy(
        id=view.source.id,
        type=meta.type,
        original_language=lang,
        states=tuple(meta.states),
        level=meta.level,
        districts=tuple(meta.districts),
        sectors=tuple(SectorRef(s.sector, s.sub_sector) for s in meta.sectors),
        sdgs=tuple(meta.sdgs),
        year=meta.year,
        year_end=meta.year_end,
        organisation=_text(meta.organisation, lang),
        authors=tuple(Author(a.name, _maybe_text(a.affiliation, lang)) for a in meta.authors),
        tags=tuple(meta.tags),
        competencies=tuple(meta.competencies),
        case_number=meta.case_number,
        published=_date(meta.published),
        updated=_date(meta.updated),
        license=meta.license or default_licence,
        metrics=tuple(
            Metric(
                _text(m.indicator, lang),
                m.baseline,
                m.result,
                m.unit,
                m.year,
                _maybe_text(m.source, lang),
            )
            for m in meta.metrics
        ),
        cover=Cover(meta.cover.image, _text(meta.cover.alt, lang), meta.cover.credit) if meta.cover else None,
        attachments=tuple(Attachment(a.file, _text(a.title, lang)) for a in meta.attachments),
        related=tuple(meta.related),
        sample=meta.sample,
        narratives=_narratives(view),
        teaching_notes=_teaching_notes(view),
        media=tuple(sorted(e.rel for e in view.source.files if e.rel.startswith("media/") and not e.is_dir)),
    )
