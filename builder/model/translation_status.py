"""Translation coverage per language: what `agk stats` prints and the site's status page shows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from builder.braille.tables import table_for
from builder.model.case import CaseStudy
from builder.model.taxonomy import languages as known_languages


@dataclass(frozen=True)
class LanguageStatus:
    """Coverage of one language across the collection."""

    lang: str
    available: int
    missing: int
    stale: tuple[str, ...]
    originals: int
    teaching_notes: int
    # Braille-ready files are made only where liblouis has a table for the language's script.
    braille: bool
    # No native reader has checked the language's interface and sample translations yet.
    needs_review: bool


def status(cases: Sequence[CaseStudy], languages: Sequence[str]) -> list[LanguageStatus]:
    """Coverage of every language in `languages` (usually those with at least one narrative)."""
    rows = []
    for lang in languages:
        readable = [c for c in cases if lang in c.narratives]
        rows.append(
            LanguageStatus(
                lang=lang,
                available=len(readable),
                missing=len(cases) - len(readable),
                stale=tuple(sorted(c.id for c in readable if c.narratives[lang].stale)),
                originals=sum(1 for c in cases if c.original_language == lang),
                teaching_notes=sum(1 for c in cases if lang in c.teaching_notes),
                braille=table_for(lang) is not None,
                needs_review=not known_languages()[lang].reviewed if lang in known_languages() else True,
            )
        )
    return rows


def text(rows: Sequence[LanguageStatus], total: int) -> str:
    """A table for the terminal, then the stale translations by language."""
    lines = [f"{total} case studies", "lang  available  missing  stale  originals  notes  braille  review"]
    lines += [
        f"{r.lang:<5} {r.available:>9}  {r.missing:>7}  {len(r.stale):>5}  {r.originals:>9}  "
        f"{r.teaching_notes:>5}  {'yes' if r.braille else 'no':>7}  "
        f"{'needs review' if r.needs_review else ''}"
        for r in rows
    ]
    for row in rows:
        lines += [f"stale {row.lang}: {case_id}" for case_id in row.stale]
    without = [row.lang for row in rows if not row.braille]
    if without:
        lines.append(f"no Braille table (no .brf files): {', '.join(without)}")
    return "\n".join(line.rstrip() for line in lines)


def as_json(rows: Sequence[LanguageStatus], total: int) -> str:
    """The same data as JSON."""
    return json.dumps(
        {"cases": total, "languages": [asdict(r) for r in rows]}, ensure_ascii=False, indent=2, sort_keys=True
    )
