"""The case-study model: typed, frozen values that every later stage reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class LocalText:
    """Text that may exist in several languages."""

    values: Mapping[str, str]

    def get(self, lang: str, fallback: str) -> str:
        """The text in `lang`, else in `fallback`, else in the first language present."""
        return self.values.get(lang) or self.values.get(fallback) or next(iter(self.values.values()))


@dataclass(frozen=True)
class SectorRef:
    sector: str
    sub_sector: str | None


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: LocalText | None


@dataclass(frozen=True)
class Metric:
    indicator: LocalText
    baseline: float | None
    result: float | None
    unit: str | None
    year: int | None
    source: LocalText | None


@dataclass(frozen=True)
class Cover:
    image: str
    alt: LocalText
    credit: str | None


@dataclass(frozen=True)
class Attachment:
    file: str
    title: LocalText


@dataclass(frozen=True)
class Section:
    """A `##` section of a narrative: its stable id and its heading in the narrative's language."""

    id: str
    heading: str


@dataclass(frozen=True)
class Narrative:
    """The case told in one language."""

    lang: str
    title: str
    summary: str
    body: str
    sections: tuple[Section, ...]
    translated_from: str | None
    source_hash: str | None
    fingerprint: str
    stale: bool
    words: int


@dataclass(frozen=True)
class TeachingNote:
    """The trainers' note of a case in one language; translated and checked like a narrative."""

    lang: str
    title: str
    body: str
    translated_from: str | None = None
    stale: bool = False


@dataclass(frozen=True)
class CaseStudy:
    """One validated case study with all its narratives."""

    id: str
    type: str
    original_language: str
    states: tuple[str, ...]
    level: str
    districts: tuple[str, ...]
    sectors: tuple[SectorRef, ...]
    sdgs: tuple[int, ...]
    year: int
    year_end: int | None
    organisation: LocalText
    authors: tuple[Author, ...]
    tags: tuple[str, ...]
    competencies: tuple[str, ...]
    case_number: str | None
    published: dt.date | None
    updated: dt.date | None
    license: str
    metrics: tuple[Metric, ...]
    cover: Cover | None
    attachments: tuple[Attachment, ...]
    related: tuple[str, ...]
    sample: bool
    narratives: Mapping[str, Narrative]
    teaching_notes: Mapping[str, TeachingNote]
    media: tuple[str, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.narratives))


def facet_values(case: CaseStudy) -> dict[str, tuple[str, ...]]:
    """The facet values of a case, as used by filters and data attributes."""
    return {
        "sector": tuple(dict.fromkeys(s.sector for s in case.sectors)),
        "state": case.states or ("national",),
        "level": (case.level,),
        "type": (case.type,),
        "sdg": tuple(str(n) for n in case.sdgs),
        "year": (str(case.year),),
        "language": case.languages,
        "note": ("yes",) if case.teaching_notes else (),
    }
