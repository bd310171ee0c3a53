"""Other names readers type for taxonomy values (aliases/<lang>.yaml), and every name of a value.

Search understands a state, sector, level, case type or SDG named in a query by its code, id,
label in any language or alias (`UP`, `U.P.`, `यूपी`, `उत्तर प्रदेश`). Labels are names already;
the alias files hold the rest, one file per language so that editors of a language own theirs:

    states:                # also sectors, levels, case_types, sdgs
      UP: [यूपी, उ.प्र.]

An alias that names two values of one facet (directly, or because it reads like another value's
name once folded as search folds it) would send readers to the wrong cases: AGK014.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.model.taxonomy import LANGUAGE_CODES, Taxonomy, load_taxonomy
from builder.source.yaml_source import Position, YamlDocument, read_yaml
from search_index.facet_names import name_forms

# Section of an alias file -> the search facet it names values of.
SECTIONS = {"states": "state", "sectors": "sector", "levels": "level", "case_types": "type", "sdgs": "sdg"}
SDG_NUMBERS = tuple(str(number) for number in range(1, 18))

# {facet key: {value: names}}
Names = dict[str, dict[str, list[str]]]


@dataclass(frozen=True)
class Alias:
    """One alias as written: where, in which language, for which facet value."""

    name: str
    key: str
    value: str
    display: str
    at: Position


def _values(taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """The values of every named facet."""
    return {
        "state": tuple(taxonomy.states),
        "sector": tuple(taxonomy.sectors),
        "level": taxonomy.levels,
        "type": tuple(taxonomy.case_types),
        "sdg": SDG_NUMBERS,
    }


def _read_file(
    path: Path, display: str, values: Mapping[str, tuple[str, ...]]
) -> tuple[list[Alias], list[Diagnostic]]:
    """Read one alias file; shape errors are AGK011."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return [], [problem("AGK011", display, 1, 1, f"cannot read alias file: {error}")]
    document, problems = read_yaml(text, display)
    if document is None:
        return [], problems
    aliases = list(_aliases(document, display, values, problems))
    if path.stem not in LANGUAGE_CODES:
        problems.append(problem("AGK011", display, 1, 1, f"'{path.stem}' is not a supported language code"))
    return aliases, problems


def _aliases(
    document: YamlDocument, display: str, values: Mapping[str, tuple[str, ...]], problems: list[Diagnostic]
) -> Iterator[Alias]:
    """Yield the aliases of a parsed file, reporting what is not a section → value → list of names."""
    top = document.value if isinstance(document.value, dict) else {}
    if not isinstance(document.value, dict) and document.value is not None:
        problems.append(problem("AGK011", display, 1, 1, "expected a mapping of sections"))
    for section, entries in top.items():
        at = document.key_at((section,))
        key = SECTIONS.get(str(section))
        if key is None:
            problems.append(problem("AGK011", display, at.line, at.col, f"unknown section '{section}'"))
            continue
        for value, names in (entries or {}).items() if isinstance(entries, dict) else ():
            where = document.key_at((section, value))
            if str(value) not in values[key]:
                problems.append(problem("AGK011", display, where.line, where.col, f"unknown {key} '{value}'"))
                continue
            for index, name in enumerate(names if isinstance(names, list) else [names]):
                spot = document.value_at(
                    (section, value, index) if isinstance(names, list) else (section, value)
                )
                if isinstance(name, str) and name_forms(name):
                    yield Alias(name.strip(), key, str(value), display, spot)
                else:
                    problems.append(
                        problem("AGK011", display, spot.line, spot.col, "an alias must be a word or words")
                    )


def _own_names(taxonomy: Taxonomy) -> Names:
    """Every value's code or id and its labels in every language (no aliases)."""
    label_prefix = {"sector": "sectors", "level": "levels", "type": "case_types"}
    names: Names = {}
    for key, values in _values(taxonomy).items():
        for value in values:
            own = names.setdefault(key, {}).setdefault(value, [value] if key != "sdg" else [f"SDG {value}"])
            for lang in sorted(taxonomy.labels):
                if key == "state":
                    own.append(taxonomy.state_name(value, lang))
                elif key in label_prefix:
                    own.append(taxonomy.label(f"{label_prefix[key]}.{value}", lang))
    return names


def _ambiguous(aliases: list[Alias], names: Names) -> list[Diagnostic]:
    """AGK014 for every alias whose folded forms name another value of its facet too (by name or alias)."""
    owners: dict[tuple[str, str], set[str]] = {}
    every = [(alias.key, alias.value, alias.name) for alias in aliases]
    every += [
        (key, value, name) for key, values in names.items() for value, own in values.items() for name in own
    ]
    for key, value, name in every:
        for form in name_forms(name):
            owners.setdefault((key, form), set()).add(value)
    problems = []
    for alias in aliases:
        others = sorted(
            {v for form in name_forms(alias.name) for v in owners.get((alias.key, form), ())} - {alias.value}
        )
        if others:
            message = (
                f"alias '{alias.name}' of {alias.key} '{alias.value}' also names {alias.key} '{others[0]}'"
            )
            problems.append(problem("AGK014", alias.display, alias.at.line, alias.at.col, message))
    return problems


def load_names(taxonomy: Taxonomy, directory: Path, display: str) -> tuple[Names, list[Diagnostic]]:
    """Return every name of every named facet value (labels, codes, aliases) and the alias files' problems."""
    values = _values(taxonomy)
    aliases: list[Alias] = []
    problems: list[Diagnostic] = []
    for path in sorted((directory / "aliases").glob("*.yaml")):
        found, file_problems = _read_file(path, f"{display}/aliases/{path.name}", values)
        aliases += found
        problems += file_problems
    names = _own_names(taxonomy)
    problems += _ambiguous(aliases, names)
    for alias in aliases:
        names[alias.key][alias.value].append(alias.name)
    return {
        key: {value: sorted(set(own)) for value, own in values.items()} for key, values in names.items()
    }, problems


def load_vocabularies(directory: Path, display: str) -> tuple[Taxonomy, list[Diagnostic]]:
    """The taxonomies with every name of their values, and the problems of their files."""
    taxonomy, problems = load_taxonomy(directory, display)
    names, name_problems = load_names(taxonomy, directory, display)
    return replace(taxonomy, names=names), problems + name_problems
