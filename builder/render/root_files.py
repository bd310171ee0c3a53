"""Files at the root of the built site, outside the language folders: the language chooser,
the site-wide 404 page, the open-data catalogue, one Atom feed per language and the sitemap with
hreflang alternates."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from builder.model.case import CaseStudy
from builder.model.taxonomy import Language, Taxonomy
from builder.render import open_data
from builder.render.pages.common import h, html_path
from builder.render.strings import Strings


def root_files(
    cases: Sequence[CaseStudy],
    langs: Sequence[str],
    taxonomy: Taxonomy,
    site_url: str,
    pages: Mapping[str, Sequence[str]],
    build_date: dt.date,
) -> dict[str, str]:
    """Every root file by path; `pages` are the page paths of each language site."""
    files = {
        "index.html": chooser_page([taxonomy.languages[lang] for lang in langs], "Amrit Gyan Kosh"),
        "404.html": not_found_page([taxonomy.languages[lang] for lang in langs], "Amrit Gyan Kosh", site_url),
        "catalog.json": open_data.export(cases, "json"),
        ".nojekyll": "",
    }
    for lang in langs:
        files[f"{lang}/feed.xml"] = atom_feed(cases, lang, Strings(lang)("site_name"), site_url, build_date)
    if site_url:
        shared = set.intersection(*(set(paths) for paths in pages.values())) if pages else set()
        files["sitemap.xml"] = sitemap(sorted(shared), langs, site_url)
    return files


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


def _language_items(languages: Sequence[Language], prefix: str) -> str:
    """One list item per language, linking to its home page under `prefix`."""
    return "\n".join(
        f'<li><a href="{h(prefix + lang.code)}/index.html" lang="{h(lang.code)}" hreflang="{h(lang.code)}" '
        f'dir="{"rtl" if lang.rtl else "ltr"}">{h(lang.native_name)}</a> '
        f"<small>{h(lang.english_name)}</small></li>"
        for lang in languages
    )


def not_found_page(languages: Sequence[Language], site_name: str, site_url: str) -> str:
    """The host's page for any missing address: on to the 404 page of the reader's language.

    The language is the address's first folder when the site has it (a typed /hi/… address),
    else the first of the browser's languages the site has; with neither, the chooser. Hosts
    serve this page at the missing address itself, so links start at the site's root path.
    """
    root = urlsplit(site_url).path.rstrip("/") + "/"
    codes = json.dumps([lang.code for lang in languages])
    english, hindi = Strings("en"), Strings("hi")
    heading = f'{h(english("not_found"))} · <span lang="hi">{h(hindi("not_found"))}</span>'
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{h(english("not_found"))} · {h(site_name)}</title>
{_font_link(languages, root)}
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}
li{{margin:.4rem 0;font-size:1.2rem}}small{{color:#595959;font-size:.8rem}}</style>
<script>
(function () {{
  var built = {codes}, root = {json.dumps(root)}, path = location.pathname;
  var rest = path.indexOf(root) === 0 ? path.slice(root.length) : path.slice(1);
  var wanted = [rest.split("/")[0]].concat(navigator.languages || [navigator.language || ""]);
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (built.indexOf(code) >= 0) {{ location.replace(root + code + "/404.html"); return; }}
  }}
}})();
</script>
</head>
<body>
<h1>{heading}</h1>
<p>{h(english("choose_language"))} · <span lang="hi">{h(hindi("choose_language"))}</span></p>
<ul>
{_language_items(languages, root)}
</ul>
</body>
</html>
"""


def _font_link(languages: Sequence[Language], root: str) -> str:
    """The site's fonts (every language site carries the same fonts.css): language names in their
    own scripts read on machines without Indian fonts."""
    if not languages:
        return ""
    return f'<link rel="stylesheet" href="{h(root + languages[0].code)}/assets/fonts/fonts.css">'


def chooser_page(languages: Sequence[Language], site_name: str) -> str:
    """The root page: sends readers to their preferred language, with a visible chooser."""
    codes = json.dumps([lang.code for lang in languages])
    items = _language_items(languages, "")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{h(site_name)}</title>
{_font_link(languages, "")}
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
