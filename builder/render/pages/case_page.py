"""The case-study page: notices, metadata panel, metrics, narrative, teaching note, citation.

A language site has a page for every case. When the case is not written in that language the
page still shows its metadata in the reader's language and says where it can be read.
"""

from __future__ import annotations

from builder.markdown.html import RenderedMarkdown, TocEntry
from builder.model.case import CaseStudy, Metric
from builder.render.pages.citation import apa_html, bibtex
from builder.render.pages.common import (
    LanguageSite,
    case_md,
    case_zip,
    fallback_notice,
    file_href,
    front_matter,
    h,
    href,
    in_language,
    isolated,
    lang_attrs,
    local_text,
    media_url,
    narrative_brf,
    narrative_lang,
    note_language,
    note_md,
    published_case_url,
    slug,
    summary_of,
    tag_slug,
    text_dir,
    title_of,
)
from builder.render.pages.qr import qr_svg
from builder.render.pages.structured_data import json_ld

# Attributes for contributor text of unknown language: its own direction, from its letters.
_AUTO = ' dir="auto"'
# The page's own sections, in order: id and the UI string that names it.
PAGE_SECTIONS = {
    "metrics": "metrics",
    "teaching-note": "teaching_note",
    "attachments": "attachments",
    "related": "related",
    "cite": "cite",
}


def section_heading(section_id: str, title: str, permalink: str) -> str:
    """An h2 of the page's own, as HTML: the narrative around it is HTML too."""
    link = f'<a class="headerlink" href="#{section_id}" title="{h(permalink)}">¶</a>'
    return f'<h2 id="{section_id}">{h(title)}{link}</h2>\n\n'


def page_url(site: LanguageSite, case: CaseStudy) -> str:
    """Absolute URL of the case page in this language, when the site URL is configured."""
    return f"{site.site_url.rstrip('/')}/{site.lang}/cases/{case.id}/index.html" if site.site_url else ""


def _notices(site: LanguageSite, case: CaseStudy, md_path: str) -> str:
    t = site.t
    blocks = []
    if case.sample:
        blocks.append(f'<div class="admonition info agk-sample"><p>{h(t("sample_notice"))}</p></div>')
    narrative = case.narratives.get(site.lang)
    if narrative is None:
        links = _versions(site, case, md_path)
        shown = _fallback_shown(site, case)
        if shown:
            blocks.append(fallback_notice(site, shown, links))
        else:
            message = h(t("not_available", language=site.language_name(site.lang)))
            blocks.append(f'<div class="admonition warning agk-unavailable"><p>{message} {links}</p></div>')
    else:
        blocks += translation_notices(site, narrative.translated_from, narrative.stale)
    return "\n".join(blocks) + "\n\n"


def translation_notices(site: LanguageSite, origin: str | None, stale: bool) -> list[str]:
    """ "Translated from …", or the warning that the translation is older than its original."""
    if not origin:
        return []
    source = site.language_name(origin)
    if stale:
        message = site.t("stale_translation", language=source)
        return [f'<div class="admonition warning agk-stale"><p>{h(message)}</p></div>']
    return [f'<p class="agk-translated">{h(site.t("translated_from", language=source))}</p>']


def _fallback_shown(site: LanguageSite, case: CaseStudy) -> str | None:
    """The fallback language whose narrative the page shows, when the site's language has none."""
    shown = narrative_lang(case, site.lang)
    return shown if shown != site.lang and shown in site.taxonomy.languages[site.lang].fallbacks else None


def _versions(site: LanguageSite, case: CaseStudy, md_path: str) -> str:
    """Links to the case in every language it is written in (relative, across sites)."""
    links = []
    for lang in case.languages:
        target = href(md_path, md_path, from_lang=site.lang, to_lang=lang)
        name = h(site.language_name(lang))
        # Each name is written in its own language and script (always marked, even the page's).
        marks = lang_attrs(site, lang) or f' lang="{h(lang)}"'
        links.append(f'<a href="{h(target)}"{marks} hreflang="{h(lang)}">{name}</a>')
    return ", ".join(links)


def _row(label: str, value_html: str) -> str:
    return f"<dt>{h(label)}</dt><dd>{value_html}</dd>"


def _links(site: LanguageSite, md_path: str, items: list[tuple[str, str]], marks: str = "") -> str:
    """Comma-separated links; `marks` are attributes for each (e.g. `dir="auto"` for keywords)."""
    return ", ".join(f'<a href="{h(href(md_path, target))}"{marks}>{h(text)}</a>' for text, target in items)


def metadata_panel(site: LanguageSite, case: CaseStudy, md_path: str) -> str:
    """The facts of the case with translated labels and links to the listing pages."""
    t, label = site.t, site.label
    sectors = []
    for ref in case.sectors:
        text = label(f"sectors.{ref.sector}")
        if ref.sub_sector:
            text += f" ({label(f'sub_sectors.{ref.sector}.{ref.sub_sector}')})"
        sectors.append((text, f"sectors/{slug(ref.sector)}.md"))
    states = [(site.state_name(s), f"states/{slug(s)}.md") for s in case.states]
    years = f"{case.year}–{case.year_end}" if case.year_end and case.year_end != case.year else str(case.year)
    versions = _versions(site, case, md_path)
    organisation, organisation_lang = local_text(site, case.organisation, case.original_language)
    rows = [
        _row(t("sector"), _links(site, md_path, sectors)),
        _row(t("state"), _links(site, md_path, states) if states else h(label("levels.national"))),
        _row(t("level"), h(label(f"levels.{case.level}"))),
        _row(t("type"), h(label(f"case_types.{case.type}"))),
        _row(t("years") if case.year_end else t("year"), h(years)),
        _row(t("organisation"), in_language(site, organisation_lang, organisation)),
    ]
    if case.sdgs:
        goals = [(f"SDG {n}", f"sdgs/{n}.md") for n in case.sdgs]
        rows.append(_row(t("sdgs"), _links(site, md_path, goals, lang_attrs(site, "en"))))
    if case.tags:
        rows.append(
            _row(
                t("tags"),
                # Keywords are free text in any language: each keeps its own direction.
                _links(site, md_path, [(tag, f"tags/{tag_slug(tag)}.md") for tag in case.tags], _AUTO),
            )
        )
    rows.append(_row(t("languages"), versions))
    if case.authors:
        rows.append(_row(t("authors"), ", ".join(isolated(a.name) for a in case.authors)))
    for key, value in (("published", case.published), ("updated", case.updated)):
        if value:
            rows.append(_row(t(key), h(value.isoformat())))
    # Licence identifiers (CC-BY-4.0) and "SDG" are English abbreviations.
    rows.append(_row(t("licence"), in_language(site, "en", case.license)))
    if case.case_number:
        rows.append(_row(t("case_number"), isolated(case.case_number)))
    return '<dl class="agk-meta">' + "".join(rows) + "</dl>\n\n"


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def metric_cards(site: LanguageSite, case: CaseStudy) -> str:
    """Before/after cards for the case's measured results."""
    if not case.metrics:
        return ""
    t = site.t

    def card(metric: Metric) -> str:
        unit = f" {isolated(metric.unit)}" if metric.unit else ""
        year = f" ({metric.year})" if metric.year else ""
        name, name_lang = local_text(site, metric.indicator, case.original_language)
        source = ""
        if metric.source:
            text, lang = local_text(site, metric.source, case.original_language)
            source = f'<p class="agk-metric__source">{h(t("source"))}: {in_language(site, lang, text)}</p>'
        return (
            '<div class="agk-metric">'
            f'<p class="agk-metric__name"{lang_attrs(site, name_lang)}>{h(name)}</p>'
            '<p class="agk-metric__values">'
            f"<span>{h(t('baseline'))}: <b>{_number(metric.baseline)}</b>{unit}</span> "
            f"<span>{h(t('result'))}: <b>{_number(metric.result)}</b>{unit}{year}</span></p>"
            f"{source}</div>"
        )

    return (
        section_heading("metrics", t("metrics"), t("permalink"))
        + '<div class="agk-metrics">'
        + "".join(card(m) for m in case.metrics)
        + "</div>\n\n"
    )


def _cover(site: LanguageSite, case: CaseStudy) -> str:
    if case.cover is None:
        return ""
    credit = f"<figcaption>{isolated(case.cover.credit)}</figcaption>" if case.cover.credit else ""
    alt, alt_lang = local_text(site, case.cover.alt, case.original_language)
    # `lang` on an image is the language of its text alternative.
    image = (
        f'<img src="{h(media_url(case.cover.image))}" alt="{h(alt)}"{lang_attrs(site, alt_lang)} '
        'width="800" height="450">'
    )
    return f'<figure class="agk-cover">{image}{credit}</figure>\n\n'


def _downloads(site: LanguageSite, case: CaseStudy, md_path: str) -> str:
    """Attachments, the Braille-ready file and the zip for offline reading, where there are."""
    items = _attachment_items(site, case)
    t = site.t
    if narrative_brf(case.id, site.lang) in site.braille:
        items += download_item(
            site, md_path, narrative_brf(case.id, site.lang), t("braille"), t("braille_about")
        )
    if site.case_downloads and site.lang in case.narratives:
        about = t("download_case_about", language=site.language_name(site.lang))
        items += download_item(site, md_path, case_zip(case.id, site.lang), t("download_case"), about)
    if not items:
        return ""
    return (
        section_heading("attachments", t("attachments"), t("permalink"))
        + f'<ul class="agk-attachments">{items}</ul>\n\n'
    )


def download_item(site: LanguageSite, md_path: str, path: str, label: str, about: str) -> str:
    """A list item linking to a file of the site, with its kind and what it is for."""
    kind = path.rsplit(".", 1)[-1].upper()
    return (
        f'<li><a href="{h(file_href(md_path, path))}" download>{h(label)}</a> '
        f'<span class="agk-filetype"{lang_attrs(site, "en")}>{h(kind)}</span> <small>{h(about)}</small></li>'
    )


def _attachment_items(site: LanguageSite, case: CaseStudy) -> str:
    items = ""
    for attachment in case.attachments:
        title, lang = local_text(site, attachment.title, case.original_language)
        kind = attachment.file.rsplit(".", 1)[-1].upper()
        items += (
            f'<li><a href="{h(media_url(attachment.file))}" download{lang_attrs(site, lang)}>{h(title)}</a> '
            f'<span class="agk-filetype"{lang_attrs(site, "en")}>{h(kind)}</span></li>'
        )
    return items


def _title_marks(site: LanguageSite, case: CaseStudy) -> str:
    """The lang/dir attributes of a case title shown on a page of `site`."""
    return lang_attrs(site, narrative_lang(case, site.lang))


def _related(site: LanguageSite, case: CaseStudy, md_path: str) -> str:
    by_id = site.cases_by_id
    wanted = site.related.get(case.id, case.related)
    related = [by_id[i] for i in wanted if i in by_id]
    # In an offline bundle, related cases left out link to the published site, saying so.
    outside = [site.outside[i] for i in wanted if i not in by_id and i in site.outside and site.site_url]
    heading = section_heading("related", site.t("related"), site.t("permalink"))
    if not related and not outside:
        return heading + f'<p class="agk-related-empty">{h(site.t("related_soon"))}</p>\n\n'
    items = "".join(
        f'<li><a href="{h(href(md_path, case_md(other.id)))}"{_title_marks(site, other)}>'
        f"{h(title_of(other, site.lang))}</a></li>"
        for other in related
    )
    note = h(site.t("offline_link"))
    items += "".join(
        f'<li class="agk-online"><a href="{h(published_case_url(site, other.id))}" title="{note}"'
        f"{_title_marks(site, other)}>{h(title_of(other, site.lang))}</a> <small>({note})</small></li>"
        for other in outside
    )
    return heading + f'<ul class="agk-related">{items}</ul>\n\n'


def print_controls(site: LanguageSite, *, trainer: bool = False, note_href: str = "") -> str:
    """ "Print / Save as PDF" (shown by agk.js: printing needs script), naming the version it
    prints; on a case page with a teaching note, a link that prints the trainer version."""
    t = site.t
    version = t("print_trainer") if trainer else t("print_participant")
    other = f' <a class="agk-print__trainer" href="{h(note_href)}#agk-print">{h(t("print_trainer"))}</a>'
    return (
        f'<p class="agk-print" hidden><button type="button" class="md-button" data-agk-print>'
        f"{h(t('print_pdf'))}</button> <small>{h(version)}</small>{other if note_href else ''}</p>\n\n"
    )


def _print_source(site: LanguageSite, case: CaseStudy) -> str:
    """On paper only: where the page comes from, as an address and a QR code."""
    url = page_url(site, case).removesuffix("index.html")
    if not url:
        return ""
    label = h(f"{site.t('printed_from')} {url}")
    return (
        '<div class="agk-print-only agk-print-source">'
        + f"<p>{h(site.t('printed_from'))}: {in_language(site, 'en', url)}</p>{qr_svg(url, label)}</div>\n\n"
    )


def _citation(site: LanguageSite, case: CaseStudy) -> str:
    title = title_of(case, site.lang)
    url = page_url(site, case)
    lang = narrative_lang(case, site.lang)
    t = site.t
    # The reference follows an English style guide ("[Case study]"): it is English, laid out
    # left to right, with the title marked in its own language.
    title_marks = f' lang="{h(lang)}" dir="{text_dir(site, lang)}"' if lang != "en" else ""
    reference = apa_html(case, title, title_marks, url)
    marks = ' lang="en" dir="ltr"' if site.lang != "en" else ""
    # BibTeX is code: always left to right, whatever the page.
    code_marks = marks or ' dir="ltr"'
    data = f'data-copied="{h(t("copied"))}" data-select="{h(t("copy_select"))}"'
    copy = (
        f'<p class="agk-copy" hidden><button type="button" class="md-button agk-copy__button" '
        f'data-agk-copy="agk-cite" {data}>{h(t("copy_citation"))}</button> '
        f'<button type="button" class="md-button agk-copy__button" data-agk-copy="agk-bibtex" '
        f"data-keep-lines {data}>{h(t('copy_bibtex'))}</button> "
        '<span class="agk-copy__status" role="status"></span></p>\n'
    )
    return (
        section_heading("cite", t("cite"), t("permalink"))
        + f'<p class="agk-cite" id="agk-cite"{marks}>{reference}</p>\n'
        + copy
        + "\n"
        + f'<pre class="agk-bibtex" id="agk-bibtex"{code_marks}>'
        + f"<code>{h(bibtex(case, title, url, lang))}</code></pre>\n"
    )


def _rendered(site: LanguageSite, case: CaseStudy) -> tuple[RenderedMarkdown | None, str]:
    """The narrative the page shows (the site's language or a fallback of it) and its language."""
    rendered = site.rendered.get(case.id)
    lang = site.lang if site.lang in case.narratives else _fallback_shown(site, case)
    if rendered is None or lang is None:
        return None, site.lang
    return rendered.narratives.get(lang), lang


def _teaching_note(site: LanguageSite, case: CaseStudy, md_path: str) -> str:
    """A link to the case's teaching note, marked for trainers, naming its language if another."""
    lang = note_language(case, site.lang)
    if lang is None:
        return ""
    t = site.t
    name = (
        t("teaching_note") if lang == site.lang else t("teaching_note_in", language=site.language_name(lang))
    )
    link = f'<a href="{h(href(md_path, note_md(case.id)))}" hreflang="{h(lang)}">{h(name)}</a>'
    return (
        section_heading("teaching-note", t("teaching_note"), t("permalink"))
        + f'<p class="agk-note-link"><span class="agk-badge">{h(t("for_trainers"))}</span> '
        + f"{h(t('teaching_note_exists'))} {link}</p>\n\n"
    )


def _note_href(site: LanguageSite, case: CaseStudy, md_path: str) -> str:
    return href(md_path, note_md(case.id)) if note_language(case, site.lang) else ""


def _toc(site: LanguageSite, page: str, narrative: RenderedMarkdown | None) -> list[dict[str, object]]:
    """The page's table of contents in page order: results, the narrative's sections, the rest."""
    toc: list[dict[str, object]] = []
    for section, key in PAGE_SECTIONS.items():
        if f'<h2 id="{section}">' in page:
            toc.append({"id": section, "title": site.t(key), "children": []})
        if section == "metrics" and narrative:
            toc += nested_toc(narrative.toc, 2)
    return toc


def nested_toc(entries: tuple[TocEntry, ...], top: int) -> list[dict[str, object]]:
    """Entries of level `top`, each with the entries of the next level below it as children."""
    toc: list[dict[str, object]] = []
    children: list[dict[str, object]] = []
    for entry in entries:
        if entry.level == top or not toc:
            children = []
            toc.append({"id": entry.id, "title": entry.title, "children": children})
        elif entry.level == top + 1:
            children.append({"id": entry.id, "title": entry.title, "children": []})
    return toc


def case_page(site: LanguageSite, case: CaseStudy) -> str:
    """The Markdown of a case page in the language of `site`."""
    md_path = case_md(case.id)
    narrative = case.narratives.get(site.lang)
    summary, summary_lang = summary_of(case, site.lang)
    sectors = [site.label(f"sectors.{s.sector}") for s in case.sectors]
    places = [site.state_name(s) for s in case.states] or ["India"]
    meta: dict[str, object] = {
        # Material writes page meta into <meta> unescaped.
        "description": h(summary),
        "agk_jsonld": json_ld(case, site.lang, page_url(site, case), sectors, places),
        # The language switcher marks the languages the case is not written in.
        "agk_available": list(case.languages),
    }
    if narrative is None:
        meta["search"] = {"exclude": True}
    title = title_of(case, site.lang)
    heading = f"<h1{_title_marks(site, case)}>{h(title)}</h1>\n\n"
    lead = f'<p class="agk-lead"{lang_attrs(site, summary_lang)}>{h(summary)}</p>\n\n'
    rendered, body_lang = _rendered(site, case)
    body = (
        f'<div class="agk-narrative"{lang_attrs(site, body_lang)}>\n{rendered.html}\n</div>\n\n'
        if rendered
        else ""
    )
    page = (
        heading
        + _notices(site, case, md_path)
        + lead
        + print_controls(site, note_href=_note_href(site, case, md_path))
        + metadata_panel(site, case, md_path)
        + _cover(site, case)
        + metric_cards(site, case)
        + body
        + _teaching_note(site, case, md_path)
        + _downloads(site, case, md_path)
        + _related(site, case, md_path)
        + _citation(site, case)
        + _print_source(site, case)
    )
    # The theme prints this table of contents, escaped, instead of one MkDocs would derive.
    meta["agk_toc"] = _toc(site, page, rendered)
    return front_matter(title, **meta) + page
