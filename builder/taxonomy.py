"""Controlled vocabularies: taxonomy data files plus what pycountry and Babel know."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale

from builder.catalogue import problem
from builder.diagnostics import Diagnostic
from builder.yaml_source import Position, YamlDocument, read_yaml

# en plus the 22 languages of the Eighth Schedule of the Constitution.
LANGUAGE_CODES = (
    "en", "as", "bn", "brx", "doi", "gu", "hi", "kn", "kok", "ks", "mai", "ml",
    "mni", "mr", "ne", "or", "pa", "sa", "sat", "sd", "ta", "te", "ur",
)  # fmt: skip

Labels = Mapping[str, str]


@dataclass(frozen=True)
class Language:
    """A content and UI language, described by CLDR."""

    code: str
    native_name: str
    english_name: str
    rtl: bool


@dataclass(frozen=True)
class Sector:
    """A sector with its labels and its sub-sectors' labels."""

    id: str
    labels: Labels
    sub_sectors: Mapping[str, Labels]


@dataclass(frozen=True)
class CaseType:
    """A case type and the section ids it requires, in order."""

    id: str
    labels: Labels
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """Every controlled vocabulary the validator and the site need."""

    sectors: Mapping[str, Sector]
    levels: Mapping[str, Labels]
    case_types: Mapping[str, CaseType]
    section_labels: Mapping[str, Labels]
    teaching_note_required: tuple[str, ...]
    teaching_note_labels: Mapping[str, Labels]
    licences: tuple[str, ...]
    default_licence: str
    states: Mapping[str, str]
    languages: Mapping[str, Language]


@cache
def indian_states() -> dict[str, str]:
    """ISO 3166-2:IN subdivision codes (without `IN-`) mapped to their English names."""
    subdivisions = pycountry.subdivisions.get(country_code="IN") or ()  # type: ignore[no-untyped-call]
    return {s.code.removeprefix("IN-"): s.name for s in sorted(subdivisions, key=lambda s: s.code)}


@cache
def languages() -> dict[str, Language]:
    """The supported languages with native names and direction from CLDR."""
    result = {}
    for code in LANGUAGE_CODES:
        locale = Locale.parse(code)
        result[code] = Language(
            code=code,
            native_name=locale.get_display_name(code) or code,
            english_name=locale.get_display_name("en") or code,
            rtl=locale.character_order == "right-to-left",
        )
    return result


class _Reader:
    """Reads one taxonomy file and reports malformed entries as AGK011."""

    def __init__(self, directory: Path, name: str, display: str) -> None:
        self.display = f"{display}/{name}"
        self.problems: list[Diagnostic] = []
        path = directory / name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self.fail(Position(1, 1), f"cannot read taxonomy file: {error}")
            self.document = YamlDocument({})
            return
        document, problems = read_yaml(text, self.display)
        self.problems.extend(problems)
        self.document = document or YamlDocument({})

    def fail(self, at: Position, message: str) -> None:
        self.problems.append(problem("AGK011", self.display, at.line, at.col, message))

    def mapping(self, *path: str | int) -> dict[str, object]:
        value: object = self.document.value
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, dict):
            return value
        self.fail(
            self.document.value_at(path),
            f"expected a mapping at {'.'.join(map(str, path)) or 'top level'}",
        )
        return {}

    def labels(self, *path: str | int) -> dict[str, str]:
        raw = self.mapping(*path)
        labels = {k: v for k, v in raw.items() if isinstance(v, str) and v.strip()}
        if "en" not in labels or "hi" not in labels or len(labels) != len(raw):
            self.fail(
                self.document.value_at(path), "labels need non-empty text for at least en and hi"
            )
        return labels

    def id_list(self, *path: str | int) -> tuple[str, ...]:
        value: object = self.document.value
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        self.fail(self.document.value_at(path), "expected a list of ids")
        return ()


def load_taxonomy(directory: Path, display: str) -> tuple[Taxonomy, list[Diagnostic]]:
    """Load the taxonomy files in `directory`; problems are reported, never raised."""
    sectors_file = _Reader(directory, "sectors.yaml", display)
    sectors = {
        sid: Sector(
            sid,
            sectors_file.labels(sid, "label"),
            {
                sub: sectors_file.labels(sid, "sub_sectors", sub)
                for sub in sectors_file.mapping(sid, "sub_sectors")
            },
        )
        for sid in sectors_file.mapping()
    }
    levels_file = _Reader(directory, "levels.yaml", display)
    levels = {lid: levels_file.labels(lid) for lid in levels_file.mapping()}
    types_file = _Reader(directory, "case_types.yaml", display)
    case_types = {
        tid: CaseType(tid, types_file.labels(tid, "label"), types_file.id_list(tid, "sections"))
        for tid in types_file.mapping()
    }
    sections_file = _Reader(directory, "sections.yaml", display)
    section_labels = {
        sid: sections_file.labels("narrative", sid) for sid in sections_file.mapping("narrative")
    }
    note_labels = {
        sid: sections_file.labels("teaching_note", "labels", sid)
        for sid in sections_file.mapping("teaching_note", "labels")
    }
    licences_file = _Reader(directory, "licenses.yaml", display)
    allowed = licences_file.id_list("allowed")
    default = licences_file.mapping().get("default")
    if not isinstance(default, str) or default not in allowed:
        licences_file.fail(
            licences_file.document.value_at(("default",)),
            "default must be one of the allowed licences",
        )
        default = allowed[0] if allowed else "CC-BY-4.0"
    taxonomy = Taxonomy(
        sectors=sectors,
        levels=levels,
        case_types=case_types,
        section_labels=section_labels,
        teaching_note_required=sections_file.id_list("teaching_note", "required"),
        teaching_note_labels=note_labels,
        licences=allowed,
        default_licence=default,
        states=indian_states(),
        languages=languages(),
    )
    readers = (sectors_file, levels_file, types_file, sections_file, licences_file)
    return taxonomy, [p for reader in readers for p in reader.problems]
