"""The translation-status page: coverage per language and the translations to update."""

from __future__ import annotations

from builder.model.translation_status import status
from builder.render.pages.common import LanguageSite, case_md, front_matter, h, href, lang_attrs, title_of

MD_PATH = "translations.md"


def _marks(site: LanguageSite, lang: str) -> str:
    """`lang` (always: these name languages in themselves) and `dir` when it is not the page's."""
    return lang_attrs(site, lang) or f' lang="{h(lang)}"'


def translations_page(site: LanguageSite) -> str:
    """A table of languages with available, missing and stale counts, then the stale cases."""
    t = site.t
    languages = sorted({lang for case in site.cases for lang in case.narratives})
    rows = status(site.cases, languages)
    columns = ("languages", "available", "missing", "stale")
    header = "<tr>" + "".join(f"<th>{h(t(key))}</th>" for key in columns) + "</tr>"
    body = "".join(
        f"<tr><td{_marks(site, r.lang)}>{h(site.language_name(r.lang))}</td><td>{r.available}</td>"
        f"<td>{r.missing}</td><td>{len(r.stale)}</td></tr>"
        for r in rows
    )
    by_id = site.cases_by_id
    items = []
    for row in rows:
        for case_id in row.stale:
            link = href(MD_PATH, case_md(case_id), from_lang=site.lang, to_lang=row.lang)
            title = h(title_of(by_id[case_id], row.lang))
            language = h(site.language_name(row.lang))
            marks = _marks(site, row.lang)
            items.append(f'<li><a href="{h(link)}"{marks}>{title}</a> (<span{marks}>{language}</span>)</li>')
    stale = "".join(items)
    stale_list = f"## {h(t('stale'))} {{#stale}}\n\n<ul>{stale}</ul>\n" if stale else ""
    return (
        front_matter(t("translation_status"))
        + f"# {h(t('translation_status'))}\n\n<p>{h(t('translation_intro'))}</p>\n\n"
        # A region the keyboard can scroll when the table is wider than a phone.
        + f'<div class="agk-scroll" role="region" tabindex="0" aria-label="{h(t("translation_status"))}">'
        + f'<table class="agk-translations"><thead>{header}</thead><tbody>{body}</tbody></table></div>\n\n'
        + stale_list
    )
