"""'Cite this case': APA-style reference and a BibTeX entry."""

from __future__ import annotations

import re

from builder.model.case import CaseStudy
from builder.render.pages.common import h, isolated

PUBLISHER = "Amrit Gyan Kosh"
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


def _year(case: CaseStudy) -> int:
    return case.published.year if case.published else case.year


def _authors(case: CaseStudy) -> list[str]:
    return [a.name for a in case.authors] or [PUBLISHER]


def apa_html(case: CaseStudy, title: str, title_marks: str, url: str) -> str:
    """An APA 7-style reference as HTML: values escaped, the title a <cite> with `title_marks`."""
    # Author names can be in any script: <bdi> keeps an Urdu name from reordering the commas.
    names = [isolated(name) for name in _authors(case)]
    authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    number = f" ({h(case.case_number)})" if case.case_number else ""
    cited = f"<cite{title_marks}>{h(title)}</cite>"
    return f"{authors} ({_year(case)}). {cited}{number} [Case study]. {PUBLISHER}. {h(url)}".strip()


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
