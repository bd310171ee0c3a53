"""Open data and site metadata: catalogue export, Atom feeds, sitemap, language chooser."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from builder.model import CaseStudy
from builder.pages.common import h, html_path
from builder.taxonomy import Language

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


def atom_feed(cases: Sequence[CaseStudy], lang: str, title: str, site_url: str, build_date: dt.date) -> str:
    """An Atom feed of the cases readable in `lang`, newest first."""
    base = f"{site_url.rstrip('/')}/{lang}/" if site_url else ""
    readable = [c for c in cases if lang in c.narratives]
    readable.sort(key=lambda c: ((c.updated or c.published or dt.date(c.year, 1, 1)), c.id), reverse=True)
    entries = []
    for case in readable[:50]:
        narrative = case.narratives[lang]
        when = (case.updated or case.published or dt.date(case.year, 1, 1)).isoformat() + "T00:00:00Z"
        link = f"{base}cases/{case.id}/index.html"
        entries.append(
            "<entry>"
            f"<id>urn:amrit-gyan-kosh:case:{escape(case.id)}:{escape(lang)}</id>"
            f"<title>{escape(narrative.title)}</title>"
            f"<link href={quoteattr(link)}/>"
            f"<updated>{when}</updated>"
            f"<summary>{escape(narrative.summary)}</summary>"
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>'
        f"<id>urn:amrit-gyan-kosh:feed:{escape(lang)}</id>"
        f"<title>{escape(title)}</title>"
        f"<updated>{build_date.isoformat()}T00:00:00Z</updated>"
        f'<link rel="self" href={quoteattr(base + "feed.xml")}/>' + "".join(entries) + "</feed>\n"
    )


def sitemap(page_paths: Sequence[str], languages: Sequence[str], site_url: str) -> str:
    """A sitemap listing every page with its hreflang alternates (absolute URLs)."""
    base = site_url.rstrip("/")
    urls = []
    for md_path in sorted(page_paths):
        path = html_path(md_path)
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(f"{base}/{lang}/{path}")}/>'
            for lang in languages
        )
        default = (
            f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(f"{base}/en/{path}")}/>'
            if "en" in languages
            else ""
        )
        for lang in languages:
            urls.append(f"<url><loc>{escape(f'{base}/{lang}/{path}')}</loc>{alternates}{default}</url>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "\n".join(urls)
        + "\n</urlset>\n"
    )


def chooser_page(languages: Sequence[Language], site_name: str) -> str:
    """The root page: sends readers to their preferred language, with a visible chooser."""
    codes = json.dumps([lang.code for lang in languages])
    items = "\n".join(
        f'<li><a href="{h(lang.code)}/index.html" lang="{h(lang.code)}" hreflang="{h(lang.code)}" '
        f'dir="{"rtl" if lang.rtl else "ltr"}">{h(lang.native_name)}</a> '
        f"<small>{h(lang.english_name)}</small></li>"
        for lang in languages
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{h(site_name)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}
li{{margin:.4rem 0;font-size:1.2rem}}small{{color:#666;font-size:.8rem}}</style>
<script>
(function () {{
  /* Go to the first of the reader's languages that the site has; #choose stays here. */
  if (location.hash === "#choose") return;
  var built = {codes};
  var wanted = navigator.languages || [navigator.language || "en"];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (built.indexOf(code) >= 0) {{ location.replace(code + "/index.html"); return; }}
  }}
}})();
</script>
</head>
<body>
<h1>{h(site_name)}</h1>
<p>Choose your language · अपनी भाषा चुनें</p>
<ul>
{items}
</ul>
</body>
</html>
"""
