"""Open data: the catalogue of every case study as JSON, CSV or NDJSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from builder.model.case import CaseStudy

FORMATS = ("json", "csv", "ndjson")


def record(case: CaseStudy) -> dict[str, object]:
    """The open-data record of a case: facts, titles and summaries in every language."""
    return {
        "id": case.id,
        "type": case.type,
        "level": case.level,
        "states": list(case.states),
        "sectors": [{"sector": s.sector, "sub_sector": s.sub_sector} for s in case.sectors],
        "sdgs": list(case.sdgs),
        "year": case.year,
        "year_end": case.year_end,
        "organisation": dict(case.organisation.values),
        "original_language": case.original_language,
        "languages": list(case.languages),
        "titles": {lang: n.title for lang, n in sorted(case.narratives.items())},
        "summaries": {lang: n.summary for lang, n in sorted(case.narratives.items())},
        "stale_translations": sorted(lang for lang, n in case.narratives.items() if n.stale),
        "tags": list(case.tags),
        "license": case.license,
        "published": case.published.isoformat() if case.published else None,
        "updated": case.updated.isoformat() if case.updated else None,
        "case_number": case.case_number,
        "sample": case.sample,
        "pages": {lang: f"{lang}/cases/{case.id}/index.html" for lang in case.languages},
    }


def export(cases: Sequence[CaseStudy], output_format: str) -> str:
    """All records in one of FORMATS, sorted by id, keys sorted: byte-stable output."""
    records = [record(case) for case in sorted(cases, key=lambda c: c.id)]
    if output_format == "json":
        return json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if output_format == "ndjson":
        return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    return _csv(cases)


def _csv(cases: Sequence[CaseStudy]) -> str:
    languages = sorted({lang for case in cases for lang in case.narratives})
    columns = ["id", "type", "level", "states", "sectors", "sub_sectors", "sdgs", "year", "year_end",
               "original_language", "languages", *(f"title_{lang}" for lang in languages), "tags",
               "license", "published", "updated", "case_number", "sample"]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for case in sorted(cases, key=lambda c: c.id):
        data = record(case)
        titles: dict[str, str] = data["titles"]  # type: ignore[assignment]
        writer.writerow(
            [
                case.id,
                case.type,
                case.level,
                ";".join(case.states),
                ";".join(s.sector for s in case.sectors),
                ";".join(s.sub_sector or "" for s in case.sectors),
                ";".join(map(str, case.sdgs)),
                case.year,
                case.year_end or "",
                case.original_language,
                ";".join(case.languages),
                *(titles.get(lang, "") for lang in languages),
                ";".join(case.tags),
                case.license,
                data["published"] or "",
                data["updated"] or "",
                case.case_number or "",
                str(case.sample).lower(),
            ]
        )
    return buffer.getvalue()
