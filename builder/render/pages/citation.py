"""'Cite this case': APA-style reference and a BibTeX entry."""

from __future__ import annotations

import re

from builder.model.case import CaseStudy

PUBLISHER = "Amrit Gyan Kosh"
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


def _year(case: CaseStudy) -> int:
    return case.published.year if case.published else case.year


def _authors(case: CaseStudy) -> list[str]:
    return [a.name for a in case.authors] or [PUBLISHER]


def apa(case: CaseStudy, title: str, url: str) -> str:
    """An APA 7-style reference (plain text)."""
    names = _authors(case)
    authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    number = f" ({case.case_number})" if case.case_number else ""
    return f"{authors} ({_year(case)}). {title}{number} [Case study]. {PUBLISHER}. {url}".strip()


def bibtex_escape(text: str) -> str:
    """Escape text for a BibTeX field value."""
    return _BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "\\^~" else " ", text)


def bibtex(case: CaseStudy, title: str, url: str, lang: str) -> str:
    """A BibTeX @misc entry."""
    fields = [
        ("author", " and ".join("{" + bibtex_escape(n) + "}" for n in _authors(case))),
        ("title", "{" + bibtex_escape(title) + "}"),
        ("year", str(_year(case))),
        ("publisher", PUBLISHER),
        ("howpublished", "Case study"),
        ("language", lang),
    ]
    if case.case_number:
        fields.append(("number", bibtex_escape(case.case_number)))
    if url:
        fields.append(("url", url))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@misc{{agk-{case.id},\n{body}\n}}"
