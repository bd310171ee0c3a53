"""Controlled vocabularies: taxonomy data files plus what pycountry and Babel know.

Structure files (sectors.yaml, levels.yaml, case_types.yaml, sections.yaml, licenses.yaml)
hold ids; labels/<lang>.yaml hold their labels, one file per language, so that translators
work on one file and coverage per language can be counted. en and hi must label every id.
"""

from __future__ import annotations

import gettext
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.source.yaml_source import Position, YamlDocument, read_yaml

# en plus the 22 languages of the Eighth Schedule of the Constitution.
LANGUAGE_CODES = (
    "en", "as", "bn", "brx", "doi", "gu", "hi", "kn", "kok", "ks", "mai", "ml",
    "mni", "mr", "ne", "or", "pa", "sa", "sat", "sd", "ta", "te", "ur",
)  # fmt: skip
REQUIRED_LABEL_LANGUAGES = ("en", "hi")
LANGUAGE_DATA = Path(__file__).resolve().parent / "data" / "languages.yaml"


@dataclass(frozen=True)
class Language:
    """A content and UI language, described by CLDR."""

    code: str
    native_name: str
    english_name: str
    rtl: bool
    # Languages its readers read when something is not written in it, best first; English
    # comes after these for interface strings, labels and hand-written pages.
    fallbacks: tuple[str, ...] = ()
    # Whether a native reader has checked its interface strings, labels and sample translations.
    reviewed: bool = False
    # The CLDR locale its names, direction and dates come from (mni_Mtei: Manipuri in Meetei Mayek).
    locale: str = ""


@dataclass(frozen=True)
class Taxonomy:
    """Every controlled vocabulary the validator and the site need."""

    sectors: Mapping[str, tuple[str, ...]]
    levels: tuple[str, ...]
    case_types: Mapping[str, tuple[str, ...]]
    teaching_note_sections: tuple[str, ...]
    teaching_note_required: tuple[str, ...]
    licences: tuple[str, ...]
    default_licence: str
    states: Mapping[str, str]
    languages: Mapping[str, Language]
    labels: Mapping[str, Mapping[str, str]]
    # Every name a reader may type for a facet value: {facet key: {value: names}} (model/aliases).
    names: Mapping[str, Mapping[str, Sequence[str]]] = field(default_factory=dict)

    def label(self, key: str, lang: str) -> str:
        """The label of `key` (e.g. 'sectors.health') in `lang`, else its fallbacks, else the id."""
        for candidate in self.reading_order(lang):
            found = self.labels.get(candidate, {}).get(key)
            if found:
                return found
        return key.rsplit(".", 1)[-1]

    def state_name(self, code: str, lang: str) -> str:
        """A state's name: our label or pycountry's in `lang`, else in its fallbacks, else English."""
        for candidate in self.reading_order(lang):
            name = self.labels.get(candidate, {}).get(f"states.{code}") or state_names(candidate).get(code)
            if name:
                return name
        return code

    def reading_order(self, lang: str) -> tuple[str, ...]:
        """`lang`, then the languages its readers fall back to (English last)."""
        return reading_order(lang)

    def label_keys(self) -> tuple[str, ...]:
        """Every key that needs a label, in a stable order."""
        keys = [f"sectors.{s}" for s in self.sectors]
        keys += [f"sub_sectors.{s}.{sub}" for s, subs in self.sectors.items() for sub in subs]
        keys += [f"levels.{level}" for level in self.levels]
        keys += [f"case_types.{t}" for t in self.case_types]
        sections = dict.fromkeys(s for sections in self.case_types.values() for s in sections)
        keys += [f"sections.{s}" for s in sections]
        keys += [f"teaching_note_sections.{s}" for s in self.teaching_note_sections]
        return tuple(keys)


@cache
def indian_states() -> dict[str, str]:
    """ISO 3166-2:IN subdivision codes (without `IN-`) mapped to their English names."""
    subdivisions = pycountry.subdivisions.get(country_code="IN") or ()  # type: ignore[no-untyped-call]
    return {s.code.removeprefix("IN-"): s.name for s in sorted(subdivisions, key=lambda s: s.code)}


def _plain_latin(name: str) -> str:
    """ISO romanisation without its macrons ("Tamil Nādu" → "Tamil Nadu"), as Indians write it."""
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@cache
def state_names(lang: str) -> dict[str, str]:
    """State names in `lang` from pycountry's translations; English when it has none."""
    english = indian_states()
    if lang == "en":
        return {code: _plain_latin(name) for code, name in english.items()}
    try:
        catalogue = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return {}
    return {code: catalogue.gettext(name) for code, name in english.items()}


@cache
def languages() -> dict[str, Language]:
    """The supported languages: native names and direction from CLDR, fallbacks from our data."""
    data = _language_data()
    result = {}
    for code in LANGUAGE_CODES:
        locale_id = data["locales"].get(code, code)
        locale = Locale.parse(locale_id)
        chain = [lang for lang in data["fallbacks"].get(code, ()) if lang != code]
        result[code] = Language(
            code=code,
            # The language's name alone: "ꯃꯤꯇꯩꯂꯣꯟ", not the locale's "ꯃꯤꯇꯩꯂꯣꯟ (ꯃꯤꯇꯩ ꯃꯌꯦꯛ)".
            native_name=locale.languages.get(code) or locale.get_display_name(code) or code,
            english_name=Locale("en").languages.get(code) or code,
            rtl=locale.character_order == "right-to-left",
            fallbacks=tuple(dict.fromkeys(chain)),
            reviewed=code in data["reviewed"],
            locale=locale_id,
        )
    return result


@cache
def language_names() -> dict[str, tuple[str, ...]]:
    """Every name of each language in CLDR's shipped languages ("Hindi", "हिन्दी", "ہندی"…)."""
    known = languages()
    names: dict[str, set[str]] = {
        code: {language.english_name, language.native_name} for code, language in known.items()
    }
    for shown_in in known.values():
        display = Locale.parse(shown_in.locale).languages
        for code in known:
            if display.get(code):
                names[code].add(display[code])
    return {code: tuple(sorted(found)) for code, found in names.items()}


def reading_order(lang: str) -> tuple[str, ...]:
    """`lang`, its fallback languages, then English: where a missing string or label is looked for."""
    language = languages().get(lang)
    return tuple(dict.fromkeys((lang, *(language.fallbacks if language else ()), "en")))


def _language_data() -> dict[str, dict[str, Any]]:
    """builder/model/data/languages.yaml: fallback chains and CLDR locales (our file, trusted)."""
    document, problems = read_yaml(LANGUAGE_DATA.read_text(encoding="utf-8"), str(LANGUAGE_DATA))
    if problems or document is None or not isinstance(document.value, dict):
        raise ValueError(f"invalid language data {LANGUAGE_DATA}: {[p.message for p in problems]}")
    value = document.value
    return {
        "fallbacks": dict(value.get("fallbacks") or {}),
        "locales": dict(value.get("locales") or {}),
        "reviewed": dict.fromkeys(value.get("reviewed") or (), True),
    }


class _File:
    """One taxonomy file, read with the untrusted-YAML reader; shape errors become AGK011."""

    def __init__(self, path: Path, display: str) -> None:
        self.display = display
        self.problems: list[Diagnostic] = []
        self.document = YamlDocument({})
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self.fail(Position(1, 1), f"cannot read taxonomy file: {error}")
            return
        document, problems = read_yaml(text, display)
        self.problems.extend(problems)
        if document is not None:
            self.document = document

    def fail(self, at: Position, message: str) -> None:
        self.problems.append(problem("AGK011", self.display, at.line, at.col, message))

    def value(self, *path: str) -> object:
        value: object = self.document.value
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    def mapping(self, *path: str) -> dict[str, object]:
        value = self.value(*path)
        if isinstance(value, dict):
            return value
        self.fail(self.document.value_at(path), f"expected a mapping at {'.'.join(path) or 'top level'}")
        return {}

    def ids(self, *path: str) -> tuple[str, ...]:
        """The list at `path`; items that are not ids are reported and skipped."""
        value = self.value(*path)
        if not isinstance(value, list):
            self.fail(self.document.value_at(path), "expected a list of ids")
            return ()
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.fail(self.document.value_at((*path, index)), "expected an id")
        return tuple(item for item in value if isinstance(item, str))


def _flatten(value: object, prefix: str = "") -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), value


def _read_labels(
    directory: Path, display: str, keys: tuple[str, ...]
) -> tuple[dict[str, dict[str, str]], list[Diagnostic]]:
    """labels/<lang>.yaml for every language that has one, checked against `keys`."""
    # State names are optional in every language: pycountry knows English, Hindi and Tamil.
    known = set(keys) | {f"states.{code}" for code in indian_states()}
    labels: dict[str, dict[str, str]] = {}
    problems: list[Diagnostic] = []
    for path in sorted((directory / "labels").glob("*.yaml")):
        lang = path.stem
        file = _File(path, f"{display}/labels/{path.name}")
        if lang not in LANGUAGE_CODES:
            file.fail(Position(1, 1), f"'{lang}' is not a supported language code")
        found: dict[str, str] = {}
        for key, text in _flatten(file.document.value):
            at = file.document.value_at(tuple(key.split(".")))
            if key not in known:
                file.fail(at, f"label for unknown id '{key}'")
            elif not isinstance(text, str) or not text.strip():
                file.fail(at, f"label '{key}' must be non-empty text")
            else:
                found[key] = text
        if lang in REQUIRED_LABEL_LANGUAGES:
            for key in keys:
                if key not in found:
                    file.fail(Position(1, 1), f"no {lang} label for '{key}'")
        labels[lang] = found
        problems += file.problems
    for lang in REQUIRED_LABEL_LANGUAGES:
        if lang not in labels:
            problems.append(problem("AGK011", f"{display}/labels/{lang}.yaml", 1, 1, "label file missing"))
    return labels, problems


def load_taxonomy(directory: Path, display: str) -> tuple[Taxonomy, list[Diagnostic]]:
    """Load the taxonomy files in `directory`; problems are reported, never raised."""
    files = {name: _File(directory / f"{name}.yaml", f"{display}/{name}.yaml") for name in
             ("sectors", "levels", "case_types", "sections", "licenses")}  # fmt: skip
    sectors = {sid: files["sectors"].ids(sid) for sid in files["sectors"].mapping()}
    case_types = {tid: files["case_types"].ids(tid) for tid in files["case_types"].mapping()}
    licences = files["licenses"].ids("allowed")
    default = files["licenses"].value("default")
    if not isinstance(default, str) or default not in licences:
        files["licenses"].fail(
            files["licenses"].document.value_at(("default",)), "default must be an allowed licence"
        )
        default = licences[0] if licences else "CC-BY-4.0"
    levels = files["levels"].ids()
    partial = Taxonomy(
        sectors=sectors,
        levels=levels,
        case_types=case_types,
        teaching_note_sections=files["sections"].ids("teaching_note"),
        teaching_note_required=files["sections"].ids("teaching_note_required"),
        licences=licences,
        default_licence=default,
        states=indian_states(),
        languages=languages(),
        labels={},
    )
    labels, label_problems = _read_labels(directory, display, partial.label_keys())
    taxonomy = replace(partial, labels=labels)
    return taxonomy, [p for f in files.values() for p in f.problems] + label_problems
