"""The case-study page: notices, metadata panel, metrics, narrative, teaching note, citation.

A language site has a page for every case. When the case is not written in that language the
page still shows its metadata in the reader's language and says where it can be read.
"""

from __future__ import annotations

from builder.markdown.html import PERMALINK_TITLE, RenderedMarkdown, TocEntry
from builder.model.case import CaseStudy, Metric
from builder.render.pages.citation import apa, bibtex
from builder.render.pages.common import (
    LanguageSite,
    case_md,
    front_matter,
    h,
    href,
    media_url,
    published_case_url,
    slug,
    summary_of,
    tag_slug,
    title_of,
)
from builder.render.pages.structured_data import json_ld

# The page's own sections, in order: id and the UI string that names it.
PAGE_SECTIONS = {
    "metrics": "metrics",
    "teaching-note": "teaching_note",
    "attachments": "attachments",
    "related": "related",
    "cite": "cite",
}


def section_heading(section_id: str, title: str) -> str:
    """An h2 of the page's own, as HTML: the narrative around it is HTML too."""
    link = f'<a class="headerlink" href="#{section_id}" title="{PERMALINK_TITLE}">¶</a>'
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
        message = t("not_available", language=site.language_name(site.lang))
        blocks.append(f'<div class="admonition warning agk-unavailable"><p>{h(message)} {links}</p></div>')
    elif narrative.translated_from:
        source = site.language_name(narrative.translated_from)
        if narrative.stale:
            message = t("stale_translation", language=source)
            blocks.append(f'<div class="admonition warning agk-stale"><p>{h(message)}</p></div>')
        else:
            blocks.append(f'<p class="agk-translated">{h(t("translated_from", language=source))}</p>')
    return "\n".join(blocks) + "\n\n"


def _versions(site: LanguageSite, case: CaseStudy, md_path: str) -> str:
    """Links to the case in every language it is written in (relative, across sites)."""
    links = []
    for lang in case.languages:
        target = href(md_path, md_path, from_lang=site.lang, to_lang=lang)
        name = h(site.language_name(lang))
        links.append(f'<a href="{h(target)}" lang="{h(lang)}" hreflang="{h(lang)}">{name}</a>')
    return ", ".join(links)


def _row(label: str, value_html: str) -> str:
    return f"<dt>{h(label)}</dt><dd>{value_html}</dd>"


def _links(site: LanguageSite, md_path: str, items: list[tuple[str, str]]) -> str:
    return ", ".join(f'<a href="{h(href(md_path, target))}">{h(text)}</a>' for text, target in items)


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
    rows = [
        _row(t("sector"), _links(site, md_path, sectors)),
        _row(t("state"), _links(site, md_path, states) if states else h(label("levels.national"))),
        _row(t("level"), h(label(f"levels.{case.level}"))),
        _row(t("type"), h(label(f"case_types.{case.type}"))),
        _row(t("years") if case.year_end else t("year"), h(years)),
        _row(t("organisation"), h(case.organisation.get(site.lang, case.original_language))),
    ]
    if case.sdgs:
        rows.append(_row(t("sdgs"), _links(site, md_path, [(f"SDG {n}", f"sdgs/{n}.md") for n in case.sdgs])))
    if case.tags:
        rows.append(
            _row(
                t("tags"),
                _links(site, md_path, [(tag, f"tags/{tag_slug(tag)}.md") for tag in case.tags]),
            )
        )
    rows.append(_row(t("languages"), versions))
    if case.authors:
        rows.append(_row(t("authors"), h(", ".join(a.name for a in case.authors))))
    for key, value in (("published", case.published), ("updated", case.updated)):
        if value:
            rows.append(_row(t(key), h(value.isoformat())))
    rows.append(_row(t("licence"), h(case.license)))
    if case.case_number:
        rows.append(_row(t("case_number"), h(case.case_number)))
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
        unit = f" {h(metric.unit)}" if metric.unit else ""
        year = f" ({metric.year})" if metric.year else ""
        name = metric.indicator.get(site.lang, case.original_language)
        source_text = metric.source.get(site.lang, case.original_language) if metric.source else ""
        source = (
            f'<p class="agk-metric__source">{h(t("source"))}: {h(source_text)}</p>' if metric.source else ""
        )
        return (
            '<div class="agk-metric">'
            f'<p class="agk-metric__name">{h(name)}</p><p class="agk-metric__values">'
            f"<span>{h(t('baseline'))}: <b>{_number(metric.baseline)}</b>{unit}</span> "
            f"<span>{h(t('result'))}: <b>{_number(metric.result)}</b>{unit}{year}</span></p>"
            f"{source}</div>"
        )

    return (
        section_heading("metrics", t("metrics"))
        + '<div class="agk-metrics">'
        + "".join(card(m) for m in case.metrics)
        + "</div>\n\n"
    )


def _cover(site: LanguageSite, case: CaseStudy) -> str:
    if case.cover is None:
        return ""
    credit = f"<figcaption>{h(case.cover.credit)}</figcaption>" if case.cover.credit else ""
    alt = case.cover.alt.get(site.lang, case.original_language)
    image = f'<img src="{h(media_url(case.cover.image))}" alt="{h(alt)}" width="800" height="450">'
    return f'<figure class="agk-cover">{image}{credit}</figure>\n\n'


def _attachments(site: LanguageSite, case: CaseStudy) -> str:
    if not case.attachments:
        return ""
    lang = case.original_language
    items = "".join(
        f'<li><a href="{h(media_url(a.file))}" download>{h(a.title.get(site.lang, lang))}</a> '
        f'<span class="agk-filetype">{h(a.file.rsplit(".", 1)[-1].upper())}</span></li>'
        for a in case.attachments
    )
    return (
        section_heading("attachments", site.t("attachments"))
        + f'<ul class="agk-attachments">{items}</ul>\n\n'
    )


def _related(site: LanguageSite, case: CaseStudy, md_path: str) -> str:
    by_id = site.cases_by_id
    wanted = site.related.get(case.id, case.related)
    related = [by_id[i] for i in wanted if i in by_id]
    # In an offline bundle, related cases left out link to the published site, saying so.
    outside = [site.outside[i] for i in wanted if i not in by_id and i in site.outside and site.site_url]
    heading = section_heading("related", site.t("related"))
    if not related and not outside:
        return heading + f'<p class="agk-related-empty">{h(site.t("related_soon"))}</p>\n\n'
    items = "".join(
        f'<li><a href="{h(href(md_path, case_md(other.id)))}">{h(title_of(other, site.lang))}</a></li>'
        for other in related
    )
    note = h(site.t("offline_link"))
    items += "".join(
        f'<li class="agk-online"><a href="{h(published_case_url(site, other.id))}" title="{note}">'
        f"{h(title_of(other, site.lang))}</a> <small>({note})</small></li>"
        for other in outside
    )
    return heading + f'<ul class="agk-related">{items}</ul>\n\n'


def _citation(site: LanguageSite, case: CaseStudy) -> str:
    title = title_of(case, site.lang)
    url = page_url(site, case)
    lang = site.lang if site.lang in case.narratives else case.original_language
    reference = apa(case, title, url)
    return (
        section_heading("cite", site.t("cite"))
        + f'<p class="agk-cite">{h(reference)}</p>\n\n'
        + f'<pre class="agk-bibtex"><code>{h(bibtex(case, title, url, lang))}</code></pre>\n'
    )


def _rendered(site: LanguageSite, case: CaseStudy) -> tuple[RenderedMarkdown | None, RenderedMarkdown | None]:
    """The case's narrative and teaching note in the site's language, as the render stage made them."""
    rendered = site.rendered.get(case.id)
    if rendered is None:
        return None, None
    return rendered.narratives.get(site.lang), rendered.notes.get(site.lang)


def _teaching_note(site: LanguageSite, note: RenderedMarkdown | None) -> str:
    if note is None:
        return ""
    return (
        section_heading("teaching-note", site.t("teaching_note"))
        + f'<p class="agk-note-intro">{h(site.t("teaching_note_intro"))}</p>\n\n'
        + f'<div class="agk-teaching-note">\n{note.html}\n</div>\n\n'
    )


def _toc(
    site: LanguageSite, page: str, narrative: RenderedMarkdown | None, note: RenderedMarkdown | None
) -> list[dict[str, object]]:
    """The page's table of contents in page order: results, the narrative's sections, the rest."""
    toc: list[dict[str, object]] = []
    for section, key in PAGE_SECTIONS.items():
        if f'<h2 id="{section}">' in page:
            children = _nested(note.toc, 3) if section == "teaching-note" and note else []
            toc.append({"id": section, "title": site.t(key), "children": children})
        if section == "metrics" and narrative:
            toc += _nested(narrative.toc, 2)
    return toc


def _nested(entries: tuple[TocEntry, ...], top: int) -> list[dict[str, object]]:
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
    title_lang = site.lang if narrative else case.original_language
    heading = f'<h1 lang="{h(title_lang)}">{h(title)}</h1>\n\n'
    lead = f'<p class="agk-lead" lang="{h(summary_lang)}">{h(summary)}</p>\n\n'
    rendered, note = _rendered(site, case)
    body = f'<div class="agk-narrative">\n{rendered.html}\n</div>\n\n' if rendered else ""
    page = (
        heading
        + _notices(site, case, md_path)
        + lead
        + metadata_panel(site, case, md_path)
        + _cover(site, case)
        + metric_cards(site, case)
        + body
        + _teaching_note(site, note)
        + _attachments(site, case)
        + _related(site, case, md_path)
        + _citation(site, case)
    )
    # The theme prints this table of contents, escaped, instead of one MkDocs would derive.
    meta["agk_toc"] = _toc(site, page, rendered, note)
    return front_matter(title, **meta) + page
