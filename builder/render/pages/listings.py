"""Listing pages: the filterable catalogue and one page per sector, state, SDG and keyword."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from builder.model.case import CaseStudy, facet_values
from builder.render.pages.common import (
    LanguageSite,
    case_md,
    front_matter,
    h,
    href,
    in_language,
    lang_attrs,
    narrative_lang,
    slug,
    sort_key,
    summary_of,
    tag_slug,
    title_of,
)


@dataclass(frozen=True)
class Group:
    """One value of a facet (a sector, a state…) with its page and its cases."""

    key: str
    label: str
    md_path: str
    cases: tuple[CaseStudy, ...]


def case_card(site: LanguageSite, case: CaseStudy, from_md: str) -> str:
    """A list item for a case: title, summary, key facts, with facet data attributes."""
    summary, summary_lang = summary_of(case, site.lang)
    title_marks = lang_attrs(site, narrative_lang(case, site.lang))
    data = " ".join(f'data-{k}="{h(" ".join(v))}"' for k, v in facet_values(case).items())
    sectors = ", ".join(site.label(f"sectors.{s}") for s in facet_values(case)["sector"])
    states = ", ".join(site.state_name(s) for s in case.states) or site.label("levels.national")
    # Each language is named in itself ("English" on a Hindi page): marked with its language.
    languages = " · ".join(in_language(site, lang, site.language_name(lang)) for lang in case.languages)
    return (
        f'<li class="agk-card" {data}>'
        f'<a class="agk-card__title" href="{h(href(from_md, case_md(case.id)))}"{title_marks}>'
        f"{h(title_of(case, site.lang))}</a>"
        f'<p class="agk-card__summary"{lang_attrs(site, summary_lang)}>{h(summary)}</p>'
        f'<p class="agk-card__meta">{h(sectors)} · {h(states)} · {case.year} · {languages}</p>'
        "</li>"
    )


def case_list(site: LanguageSite, cases: Iterable[CaseStudy], from_md: str) -> str:
    """An HTML list of case cards."""
    items = "\n".join(case_card(site, case, from_md) for case in cases)
    return f'<ul class="agk-cards">\n{items}\n</ul>\n'


def _select(
    site: LanguageSite, facet: str, label: str, options: Sequence[tuple[str, str]], marked: bool = False
) -> str:
    """A facet filter; `marked` options carry the language of their value (language names)."""
    choices = "".join(
        f'<option value="{h(value)}"{lang_attrs(site, value) if marked else ""}>{h(text)}</option>'
        for value, text in options
    )
    return (
        f'<label class="agk-filter">{h(label)} <select data-facet="{facet}">'
        f'<option value="">{h(site.t("all"))}</option>{choices}</select></label>'
    )


def _state_options(site: LanguageSite, used: Sequence[str]) -> list[tuple[str, str]]:
    """States by name in the page's language, as on the state index; "national" last."""
    options = sorted(
        ((code, site.state_name(code)) for code in used if code != "national"),
        key=lambda option: (sort_key(option[1], site.lang), option[0]),
    )
    if "national" in used:
        options.append(("national", site.label("levels.national")))
    return options


def catalogue_page(site: LanguageSite) -> str:
    """Every case, newest first, with facet filters that work in the page, also from disk."""
    md_path = "catalogue.md"
    cases = sorted(site.cases, key=lambda c: (-c.year, c.id))
    used = {
        facet: sorted({v for case in cases for v in facet_values(case)[facet]})
        for facet in ("sector", "state", "level", "type", "sdg", "language", "note")
    }
    t = site.t
    selects = [
        _select(site, "sector", t("sector"), [(v, site.label(f"sectors.{v}")) for v in used["sector"]]),
        _select(site, "state", t("state"), _state_options(site, used["state"])),
        _select(site, "level", t("level"), [(v, site.label(f"levels.{v}")) for v in used["level"]]),
        _select(site, "type", t("type"), [(v, site.label(f"case_types.{v}")) for v in used["type"]]),
        _select(site, "sdg", t("sdg"), [(v, v) for v in sorted(used["sdg"], key=int)]),
        _select(
            site, "language", t("languages"), [(v, site.language_name(v)) for v in used["language"]], True
        ),
    ]
    if used["note"]:
        selects.append(_select(site, "note", t("teaching_note"), [("yes", t("has_teaching_note"))]))
    years = sorted(case.year for case in cases)
    year_inputs = (
        "".join(
            f'<label class="agk-filter">{h(t(key))} <input type="number" data-year="{bound}" '
            f'min="{years[0]}" max="{years[-1]}" placeholder="{value}"></label>'
            for key, bound, value in (("year_from", "from", years[0]), ("year_to", "to", years[-1]))
        )
        if years
        else ""
    )
    status = h(t("showing", n="{n}", total="{total}"))
    return (
        front_matter(t("catalogue"))
        + f"# {h(t('catalogue'))}\n\n"
        + f'<form class="agk-filters" data-agk-filters aria-label="{h(t("filter"))}">'
        + "".join(selects)
        + year_inputs
        + f'<button type="reset">{h(t("clear_filters"))}</button></form>\n'
        + f'<p class="agk-status" data-template="{status}" aria-live="polite">'
        + f"{h(t('showing', n=len(cases), total=len(cases)))}</p>\n"
        + f'<p class="agk-empty" hidden>{h(t("no_results"))}</p>\n\n'
        + case_list(site, cases, md_path)
    )


def _groups(
    site: LanguageSite,
    keys: Iterable[str],
    label: Callable[[str], str],
    folder: str,
    values: Callable[[CaseStudy], Iterable[str]],
    name: Callable[[str], str] = slug,
) -> list[Group]:
    """Groups in the order of `keys`, filled in one pass over the cases (newest first)."""
    members: dict[str, list[CaseStudy]] = {}
    for case in sorted(site.cases, key=lambda c: (-c.year, c.id)):
        for value in dict.fromkeys(values(case)):
            members.setdefault(value, []).append(case)
    return [
        Group(key, label(key), f"{folder}/{name(key)}.md", tuple(members[key]))
        for key in keys
        if key in members
    ]


def facet_groups(site: LanguageSite) -> dict[str, list[Group]]:
    """The groups of the four browsable facets, keyed by folder name."""
    tax = site.taxonomy
    tags = sorted({tag for case in site.cases for tag in case.tags})
    return {
        "sectors": _groups(
            site,
            tax.sectors,
            lambda k: site.label(f"sectors.{k}"),
            "sectors",
            lambda c: (s.sector for s in c.sectors),
        ),
        # States by name in the page's language (as a reader looks for them), not by ISO code.
        "states": _groups(
            site,
            sorted(tax.states, key=lambda code: (sort_key(site.state_name(code), site.lang), code)),
            site.state_name,
            "states",
            lambda c: c.states,
        ),
        "sdgs": _groups(
            site, [str(n) for n in range(1, 18)], lambda k: f"SDG {k}", "sdgs", lambda c: map(str, c.sdgs)
        ),
        "tags": _groups(site, tags, lambda k: k, "tags", lambda c: c.tags, tag_slug),
    }


def group_page(site: LanguageSite, group: Group) -> str:
    """The page of one sector, state, SDG or keyword."""
    title = site.t("cases_in", name=group.label)
    count = site.t.count("count_cases", len(group.cases))
    return (
        front_matter(title)
        + f"# {h(title)}\n\n<p>{h(count)}</p>\n\n"
        + case_list(site, group.cases, group.md_path)
    )


def index_page(site: LanguageSite, folder: str, title: str, groups: Sequence[Group]) -> str:
    """The index of a facet: every value with its number of cases."""
    md_path = f"{folder}/index.md"
    # Keywords are contributors' free text in any language: each keeps its own direction.
    marks = ' dir="auto"' if folder == "tags" else ""
    items = "\n".join(
        f'<li><a href="{h(href(md_path, g.md_path))}"{marks}>{h(g.label)}</a> '
        f'<span class="agk-count">{len(g.cases)}</span></li>'
        for g in groups
    )
    return front_matter(title) + f"# {h(title)}\n\n" + f'<ul class="agk-index">\n{items}\n</ul>\n'
