"""The teaching-note page of a case: for trainers, kept out of search engines and site search.

Every language site has the page of every case that has a note: the note in the site's
language, else in a language its readers fall back to, else in the note's original language,
saying so. Printed, it is the trainer version: the narrative (print only) and then the note.
"""

from __future__ import annotations

from builder.model.case import CaseStudy
from builder.render.pages.case_page import download_item, nested_toc, print_controls, translation_notices
from builder.render.pages.common import (
    LanguageSite,
    case_md,
    fallback_notice,
    front_matter,
    h,
    href,
    lang_attrs,
    narrative_lang,
    note_brf,
    note_language,
    note_md,
)


def teaching_note_page(site: LanguageSite, case: CaseStudy) -> str:
    """The Markdown of a case's teaching-note page in the language of `site`."""
    lang = note_language(case, site.lang)
    rendered = site.rendered.get(case.id)
    if lang is None or rendered is None or lang not in rendered.notes:
        raise ValueError(f"case {case.id} has no rendered teaching note")
    note, html = case.teaching_notes[lang], rendered.notes[lang]
    md_path = note_md(case.id)
    t = site.t
    meta: dict[str, object] = {
        # Trainers' material: not for search engines (main.html writes the robots meta) nor for
        # the site's search (its documents are narratives only).
        "agk_robots": "noindex",
        "agk_available": sorted(case.teaching_notes),
        "agk_toc": nested_toc(html.toc, 2),
    }
    notices = translation_notices(site, note.translated_from, note.stale)
    if lang != site.lang:
        notices.insert(0, fallback_notice(site, lang))
    back = f'<a href="{h(href(md_path, case_md(case.id)))}">{h(t("back_to_case"))}</a>'
    return (
        front_matter(note.title, **meta)
        + f"<h1{lang_attrs(site, lang)}>{h(note.title)}</h1>\n\n"
        + f'<p class="agk-note-link"><span class="agk-badge">{h(t("for_trainers"))}</span> {back}</p>\n\n'
        + "".join(f"{notice}\n" for notice in notices)
        + "\n"
        + print_controls(site, trainer=True)
        + _braille_link(site, case, lang, md_path)
        + _narrative_for_print(site, case)
        + f'<div class="agk-teaching-note"{lang_attrs(site, lang)}>\n{html.html}\n</div>\n'
    )


def _braille_link(site: LanguageSite, case: CaseStudy, lang: str, md_path: str) -> str:
    path = note_brf(case.id, lang)
    if path not in site.braille:
        return ""
    item = download_item(site, md_path, path, site.t("braille"), site.t("braille_about"))
    return f'<ul class="agk-attachments">{item}</ul>\n\n'


def _narrative_for_print(site: LanguageSite, case: CaseStudy) -> str:
    """The narrative, shown only on paper: the trainer version prints the case, then the note."""
    lang = narrative_lang(case, site.lang)
    rendered = site.rendered.get(case.id)
    narrative = rendered.narratives.get(lang) if rendered else None
    if narrative is None:
        return ""
    title = case.narratives[lang].title
    return (
        f'<div class="agk-print-only agk-print-case"{lang_attrs(site, lang)}>\n'
        + f'<p class="agk-print-case__title">{h(title)}</p>\n{narrative.html}\n</div>\n\n'
    )
