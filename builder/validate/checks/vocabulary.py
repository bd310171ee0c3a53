"""Vocabulary rules: every id in case.yaml and file names comes from a taxonomy."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.model.names import named
from builder.model.taxonomy import language_names
from builder.validate.case_view import CaseView
from builder.validate.schema_problems import suggest

# Fields of case.yaml (paths with '*' for list items) that may hold per-language text.
_LOCAL_TEXT_FIELDS = (
    ("organisation",),
    ("authors", "*", "affiliation"),
    ("metrics", "*", "indicator"),
    ("metrics", "*", "source"),
    ("cover", "alt"),
    ("attachments", "*", "title"),
)


def _unknown(
    view: CaseView,
    code: str,
    path: tuple[str | int, ...],
    value: object,
    choices: list[str],
    what: str,
    *,
    is_key: bool = False,
    names: Callable[[], Mapping[str, Sequence[str]]] | None = None,
    label: Callable[[str], str] | None = None,
) -> Iterator[Diagnostic]:
    if isinstance(value, str) and value not in choices:
        at = view.document.key_at(path) if is_key else view.at(*path)
        known = named(names(), value) if names else None
        hint = f"did you mean '{known}' ({label(known)})?" if known and label else ""
        hint = (
            hint
            or suggest(value, choices)
            or suggest(value.upper(), choices)
            or suggest(value.lower(), choices)
        )
        yield problem(code, view.source.meta_display, at.line, at.col, f"unknown {what} '{value}'", hint)


def _items(value: object) -> list[tuple[int, object]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Check type, languages, states, level, sectors, licence and language-keyed text."""
    tax = view.taxonomy
    raw = view.raw
    languages = list(tax.languages)
    names_of = tax.names.get
    yield from _unknown(
        view, "AGK201", ("type",), raw.get("type"), list(tax.case_types), "case type",
        names=lambda: names_of("type", {}), label=lambda key: tax.label(f"case_types.{key}", "en"),
    )  # fmt: skip
    yield from _unknown(
        view, "AGK202", ("original_language",), raw.get("original_language"), languages, "language",
        names=language_names, label=lambda key: tax.languages[key].english_name,
    )  # fmt: skip
    for index, state in _items(raw.get("states")):
        yield from _unknown(
            view, "AGK203", ("states", index), state, list(tax.states), "state or UT code",
            names=lambda: names_of("state", {}), label=lambda key: tax.state_name(key, "en"),
        )  # fmt: skip
    yield from _unknown(
        view, "AGK206", ("level",), raw.get("level"), list(tax.levels), "level",
        names=lambda: names_of("level", {}), label=lambda key: tax.label(f"levels.{key}", "en"),
    )  # fmt: skip
    yield from _unknown(view, "AGK207", ("license",), raw.get("license"), list(tax.licences), "licence")
    for index, entry in _items(raw.get("sectors")):
        if not isinstance(entry, dict):
            continue
        sector = entry.get("sector")
        yield from _unknown(
            view, "AGK204", ("sectors", index, "sector"), sector, list(tax.sectors), "sector",
            names=lambda: names_of("sector", {}), label=lambda key: tax.label(f"sectors.{key}", "en"),
        )  # fmt: skip
        if isinstance(sector, str) and sector in tax.sectors:
            subs = list(tax.sectors[sector])
            what = f"sub-sector of '{sector}'"
            yield from _unknown(
                view,
                "AGK205",
                ("sectors", index, "sub_sector"),
                entry.get("sub_sector"),
                subs,
                what,
            )
    for path in _LOCAL_TEXT_FIELDS:
        for concrete, value in _expand(raw, path):
            if isinstance(value, dict):
                # Entries without text are reported by the schema rules (usually a comma
                # inside an unquoted flow mapping); their keys are not language codes.
                for lang in (k for k, v in value.items() if v is not None):
                    yield from _unknown(
                        view, "AGK202", (*concrete, lang), lang, languages, "language", is_key=True
                    )
    yield from _file_languages(view, languages)


def _expand(
    value: object, path: tuple[str, ...], prefix: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], object]]:
    """Concrete paths and values matching a path pattern with '*' for list items."""
    if not path:
        yield prefix, value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for index, item in _items(value):
            yield from _expand(item, rest, (*prefix, index))
    elif isinstance(value, dict) and head in value:
        yield from _expand(value[head], rest, (*prefix, head))


def _file_languages(view: CaseView, languages: list[str]) -> Iterator[Diagnostic]:
    source = view.source
    for md in source.markdown_sources():
        if md.lang not in languages:
            yield problem(
                "AGK202",
                md.display,
                1,
                1,
                f"unknown language '{md.lang}' in file name",
                suggest(md.lang, languages),
            )
    for lang, front in sorted(view.narrative_fronts.items()):
        origin = front.translated_from
        md = source.narratives[lang]
        if origin is not None and origin not in languages and md.front is not None:
            at = md.front.value_at(("translated_from",))
            yield problem(
                "AGK202",
                md.display,
                at.line,
                at.col,
                f"unknown language '{origin}'",
                suggest(origin, languages),
            )
