"""Files at the root of the built site, outside the language folders: the language chooser,
the site-wide 404 page, the open-data catalogue, one Atom feed per language and the sitemap with
hreflang alternates."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from builder.model.case import CaseStudy
from builder.model.taxonomy import LANGUAGE_CODES, Language, Taxonomy, reading_order
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
        # Teaching notes are for trainers (noindex): search engines are not pointed at them.
        listed = sorted(path for path in shared if not path.endswith("/teaching-note.md"))
        files["sitemap.xml"] = sitemap(listed, langs, site_url)
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


def redirect_targets(built: Sequence[str]) -> dict[str, str]:
    """Where a reader of each of our languages goes: the first built language of its reading order."""
    targets = {}
    for code in LANGUAGE_CODES:
        target = next((lang for lang in reading_order(code) if lang in built), None)
        if target is not None:  # none: the site has neither the language, its fallbacks nor English
            targets[code] = target
    return targets


def _script_json(value: object) -> str:
    """`value` as JSON that is safe inside an inline <script> (sorted, so builds are identical)."""
    return json.dumps(value, sort_keys=True).replace("</", "<\\/")


def _language_items(languages: Sequence[Language], prefix: str) -> str:
    """One list item per language, linking to its home page under `prefix`: its own name, its
    English name in small type, and every name the filter box matches (data-agk-names)."""
    items = []
    for lang in languages:
        names = unicodedata.normalize("NFC", f"{lang.native_name} {lang.english_name} {lang.code}")
        english = f" <small>{h(lang.english_name)}</small>" if lang.english_name != lang.native_name else ""
        code, direction = h(lang.code), "rtl" if lang.rtl else "ltr"
        items.append(
            f'<li data-agk-names="{h(names)}"><a href="{h(prefix)}{code}/index.html" lang="{code}" '
            f'hreflang="{code}" dir="{direction}">{h(lang.native_name)}</a>{english}</li>'
        )
    return "\n".join(items)


def _bilingual(key: str) -> str:
    """A UI string in English and in Hindi (the Hindi only once someone has translated it)."""
    english, hindi = Strings("en")(key), Strings("hi")(key)
    return h(english) if hindi == english else f'{h(english)} · <span lang="hi">{h(hindi)}</span>'


# The root pages' look: readable and usable from a 360 px phone up; languages in two columns
# where they fit, each a card that is one tap target (its link, named by the language's own
# name, stretched over the English name too).
_STYLE = """body{font-family:system-ui,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;
line-height:1.4}
ul{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.3rem .6rem;margin:1rem 0;
padding:0;list-style:none}
li{position:relative;min-height:2.75rem;box-sizing:border-box;padding:.4rem .6rem;
border:1px solid #c4c4c4;border-radius:.3rem}
li[hidden]{display:none}
li a{display:inline-block;font-size:1.15rem;text-decoration:none}
li a::after{content:"";position:absolute;inset:0;border-radius:.3rem}
li:hover a{text-decoration:underline}
li a:focus-visible{outline:none}
li a:focus-visible::after{outline:.2rem solid #1a4fa0;outline-offset:.1rem}
small{display:block;color:#595959;font-size:.8rem}
label{display:block;font-weight:700;margin-top:1rem}
input{box-sizing:border-box;width:100%;max-width:24rem;min-height:2.75rem;margin-top:.3rem;
padding:.4rem .6rem;font:inherit;border:1px solid #767676;border-radius:.3rem}
#agk-filter-field[hidden]{display:none}"""


def _filter_box() -> str:
    """The box that narrows the list of languages, shown by its script (without script: the list)."""
    return (
        f'<p id="agk-filter-field" hidden><label for="agk-filter">{_bilingual("find_language")}</label>'
        '<input id="agk-filter" type="search" autocomplete="off" spellcheck="false"></p>'
    )


# Filters the list as the reader types the start of a word of the native name, the English name
# or the code ("ur" is Urdu, not Manipuri), compared after NFC (Indic text typed with another
# input method) and without case. Enter with one language left goes there. Plain ES5, like the
# site's own script (assets/agk/agk.js does the same in the header's language panel).
_FILTER_SCRIPT = """<script>
(function () {
  var box = document.getElementById("agk-filter"), field = document.getElementById("agk-filter-field");
  if (!box || !field || !String.prototype.normalize) return;
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-agk-names]"));
  function fold(text) { return String(text).normalize("NFC").toLowerCase().replace(/\\s+/g, " ").trim(); }
  var names = items.map(function (item) { return " " + fold(item.getAttribute("data-agk-names")); });
  function shown() { return items.filter(function (item) { return !item.hidden; }); }
  field.hidden = false;
  box.addEventListener("input", function () {
    var query = fold(box.value);
    items.forEach(function (item, i) { item.hidden = query !== "" && names[i].indexOf(" " + query) < 0; });
  });
  box.addEventListener("keydown", function (event) {
    var left = shown();
    if (event.key !== "Enter" || left.length !== 1) return;
    event.preventDefault();
    left[0].querySelector("a").click();
  });
})();
</script>"""


def not_found_page(languages: Sequence[Language], site_name: str, site_url: str) -> str:
    """The host's page for any missing address: on to the 404 page of the reader's language.

    The language is the address's first folder when it is one of ours (a typed /hi/… address),
    else the first of the browser's languages that is; each goes to the first built language of
    its reading order. With neither, the chooser. Hosts serve this page at the missing address
    itself, so links start at the site's root path.
    """
    root = urlsplit(site_url).path.rstrip("/") + "/"
    targets = _script_json(redirect_targets([lang.code for lang in languages]))
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
{_icon_link(languages, root)}
<style>{_STYLE}</style>
<script>
(function () {{
  var targets = {targets}, root = {_script_json(root)}, path = location.pathname;
  function ours(code) {{ return Object.prototype.hasOwnProperty.call(targets, code); }}
  var rest = path.indexOf(root) === 0 ? path.slice(root.length) : path.slice(1);
  var folder = rest.split("/")[0].toLowerCase();
  if (ours(folder) && targets[folder] === folder) {{ location.replace(root + folder + "/404.html"); return; }}
  /* A language we have not built (/mai/… on a site without Maithili): the same address in the
     first built language its readers read (Hindi), not that language's 404 page nor the chooser.
     Every language site has the same pages, so the case or listing the reader followed a link
     to is most likely there, in a language they read; the reading order is the one every page
     falls back along. If it is missing there too, this page sends them on to its 404 page. */
  if (ours(folder)) {{
    var same = (rest.slice(folder.length) || "/") + location.search + location.hash;
    location.replace(root + targets[folder] + same);
    return;
  }}
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (ours(code)) {{ location.replace(root + targets[code] + "/404.html"); return; }}
  }}
}})();
</script>
</head>
<body>
<h1>{heading}</h1>
<p>{h(english("choose_language"))} · <span lang="hi">{h(hindi("choose_language"))}</span></p>
{_filter_box()}
<ul>
{_language_items(languages, root)}
</ul>
{_FILTER_SCRIPT}
</body>
</html>
"""


def _font_link(languages: Sequence[Language], root: str) -> str:
    """The site's fonts (every language site carries the same fonts.css): language names in their
    own scripts read on machines without Indian fonts."""
    if not languages:
        return ""
    return f'<link rel="stylesheet" href="{h(root + languages[0].code)}/assets/fonts/fonts.css">'


def _icon_link(languages: Sequence[Language], root: str) -> str:
    """The site's icon (Material's favicon, in every language site): without it browsers ask for
    /favicon.ico, which no site has."""
    if not languages:
        return ""
    return f'<link rel="icon" href="{h(root + languages[0].code)}/assets/images/favicon.png">'


def chooser_page(languages: Sequence[Language], site_name: str) -> str:
    """The root page: sends readers to their preferred language, with a visible chooser."""
    targets = _script_json(redirect_targets([lang.code for lang in languages]))
    items = _language_items(languages, "")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{h(site_name)}</title>
{_font_link(languages, "")}
{_icon_link(languages, "")}
<style>{_STYLE}</style>
<script>
(function () {{
  /* Go to the first of the reader's languages that is one of ours (mai-IN: mai), or, when the
     site lacks it, to the first built language of its reading order (Maithili: Hindi);
     #choose stays here. */
  if (location.hash === "#choose") return;
  var targets = {targets};
  var wanted = navigator.languages || [navigator.language || "en"];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (Object.prototype.hasOwnProperty.call(targets, code)) {{
      location.replace(targets[code] + "/index.html");
      return;
    }}
  }}
}})();
</script>
</head>
<body>
<h1>{h(site_name)}</h1>
<p>Choose your language · <span lang="hi">अपनी भाषा चुनें</span></p>
{_filter_box()}
<ul>
{items}
</ul>
{_FILTER_SCRIPT}
</body>
</html>
"""
