"""`agk new`: write a case folder that validates, with the section skeleton of its type."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from builder.errors import UsageError
from builder.model.taxonomy import Taxonomy, load_taxonomy
from builder.office.case_folder import yaml_string
from builder.project import Project
from builder.source.fingerprint import body_fingerprint
from builder.source.front_matter import split_front_matter
from builder.source.yaml_source import read_yaml
from builder.validate.checks.layout import CASE_ID
from builder.validate.schema_problems import suggest


@dataclass(frozen=True)
class NewCase:
    """The values `agk new` needs, checked against the taxonomies."""

    case_id: str
    case_type: str
    lang: str
    title: str
    summary: str
    states: tuple[str, ...]
    level: str
    sector: str
    sub_sector: str | None
    year: int
    organisation: str
    sdgs: tuple[int, ...]


def case_yaml(new: NewCase) -> str:
    """The case.yaml of a new case."""
    sector = f"  - sector: {new.sector}\n" + (f"    sub_sector: {new.sub_sector}\n" if new.sub_sector else "")
    return (
        "# Metadata of this case study: see docs/en/contribute.md for every key.\n"
        f"type: {new.case_type}\n"
        f"original_language: {new.lang}\n"
        f"states: [{', '.join(new.states)}]\n"
        f"level: {new.level}\n"
        f"sectors:\n{sector}"
        f"sdgs: [{', '.join(str(n) for n in new.sdgs)}]\n"
        f"year: {new.year}\n"
        f"organisation: {yaml_string(new.organisation)}\n"
        "authors: []\n"
        "tags: []\n"
    )


def narrative(new: NewCase, taxonomy: Taxonomy) -> str:
    """The narrative skeleton: front matter and one headed section per required id."""
    lines = ["---", f"title: {yaml_string(new.title)}", f"summary: {yaml_string(new.summary)}", "---", ""]
    for section in taxonomy.case_types[new.case_type]:
        heading = taxonomy.label(f"sections.{section}", new.lang)
        lines += [f"## {heading} {{#{section}}}", "", "(write this section)", ""]
    return "\n".join(lines)


def write_case(project: Project, new: NewCase, taxonomy: Taxonomy) -> Path:
    """Create the folder; refuse to overwrite an existing one."""
    folder = project.case_dir / new.case_id
    if folder.exists():
        raise UsageError(f"{project.display(folder)} already exists")
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text(case_yaml(new), encoding="utf-8")
    (folder / f"{new.lang}.md").write_text(narrative(new, taxonomy), encoding="utf-8")
    return folder


Ask = Callable[[str], str]


def _choice(value: str | None, name: str, choices: list[str], ask: Ask | None) -> str:
    if value is None and ask is not None:
        value = ask(f"{name} ({', '.join(choices) if len(choices) <= 8 else 'e.g. ' + choices[0]}): ").strip()
    if value is None or value == "":
        raise UsageError(f"--{name} is required")
    if value not in choices:
        hint = suggest(value, choices)
        raise UsageError(f"unknown {name} '{value}'" + (f"; {hint}" if hint else ""))
    return value


def _text(value: str | None, name: str, ask: Ask | None) -> str:
    if value is None and ask is not None:
        value = ask(f"{name}: ").strip()
    if not value:
        raise UsageError(f"--{name} is required")
    return value


def collect(args: argparse.Namespace, taxonomy: Taxonomy, ask: Ask | None) -> NewCase:
    """Values from flags; `ask` (interactive) fills in the missing ones."""
    case_id = _text(args.case_id, "id", ask)
    if not CASE_ID.match(case_id) or not 3 <= len(case_id) <= 80:
        raise UsageError(f"'{case_id}' is not a valid id: use lowercase letters, digits and hyphens")
    case_type = _choice(args.case_type, "type", sorted(taxonomy.case_types), ask)
    lang = _choice(args.lang, "lang", list(taxonomy.languages), ask)
    title = _text(args.title, "title", ask)
    summary = _text(args.summary, "summary", ask)
    level = _choice(args.level, "level", list(taxonomy.levels), ask)
    states_text = (
        args.states
        if args.states is not None
        else (ask("states (e.g. UP,BR; empty if national): ") if ask else "")
    )
    states = tuple(s.strip().upper() for s in states_text.split(",") if s.strip())
    for state in states:
        _choice(state, "states", list(taxonomy.states), None)
    if not states and level != "national":
        raise UsageError("--states is required unless --level is national")
    sector_text = _text(args.sector, "sector", ask)
    sector, _, sub = sector_text.partition("/")
    _choice(sector, "sector", sorted(taxonomy.sectors), None)
    if sub:
        _choice(sub, "sub-sector", sorted(taxonomy.sectors[sector]), None)
    year = args.year if args.year is not None else int(_text(None, "year", ask)) if ask else None
    if year is None or not 1947 <= year <= 2100:
        raise UsageError("--year is required (1947-2100)")
    organisation = _text(args.organisation, "organisation", ask)
    try:
        sdgs = tuple(int(n) for n in args.sdgs.split(",") if n.strip())
    except ValueError:
        raise UsageError("--sdgs takes numbers such as 3,5") from None
    if any(not 1 <= n <= 17 for n in sdgs):
        raise UsageError("SDGs are numbered 1 to 17")
    return NewCase(
        case_id,
        case_type,
        lang,
        title,
        summary,
        states,
        level,
        sector,
        sub or None,
        year,
        organisation,
        sdgs,
    )


def run(project: Project, args: argparse.Namespace) -> int:
    """Collect values (prompting on a terminal), write the folder, say what to do next."""
    taxonomy, problems = load_taxonomy(project.taxonomy_dir, project.display(project.taxonomy_dir))
    if problems:
        raise UsageError(f"the taxonomies are invalid; run agk validate ({problems[0].message})")
    if args.translate:
        target = start_translation(project, args.translate, args.lang, taxonomy)
        shown = project.display(target)
        print(f"Created {shown} from the original; translate it, then: agk validate {shown}")
        return 0
    ask: Ask | None = input if sys.stdin.isatty() else None
    try:
        new = collect(args, taxonomy, ask)
    except ValueError:
        raise UsageError("the year must be a number") from None
    folder = write_case(project, new, taxonomy)
    print(f"Created {project.display(folder)}/ with case.yaml and {new.lang}.md.")
    print(f"Write the narrative, then check it: agk validate {project.display(folder)}")
    return 0


_SECTION_HEADING = re.compile(r"^##[ \t]+.*?[ \t]*\{#([a-z0-9-]+)\}[ \t]*$", re.M)


def translation_skeleton(source_text: str, source_lang: str, lang: str, taxonomy: Taxonomy) -> str:
    """A translation to start from: the source text with its headings in `lang`, the hash set."""
    split = split_front_matter(source_text)
    front, _ = read_yaml(split.front or "", "source")
    values = front.value if front is not None and isinstance(front.value, dict) else {}
    title, summary = str(values.get("title", "")), str(values.get("summary", ""))

    def heading(match: re.Match[str]) -> str:
        section = match.group(1)
        if f"sections.{section}" in taxonomy.labels.get("en", {}):
            return f"## {taxonomy.label(f'sections.{section}', lang)} {{#{section}}}"
        return match.group(0)

    lines = [
        "---",
        f"title: {yaml_string(title)}",
        f"summary: {yaml_string(summary)}",
        f"translated_from: {source_lang}",
        f'source_hash: "{body_fingerprint(split.body)}"',
        "---",
    ]
    return "\n".join(lines) + "\n" + _SECTION_HEADING.sub(heading, split.body)


def start_translation(project: Project, case_id: str, lang: str | None, taxonomy: Taxonomy) -> Path:
    """Write <id>/<lang>.md from the case's original narrative."""
    folder = project.case_dir / case_id
    if not (folder / "case.yaml").is_file():
        raise UsageError(f"no case study '{case_id}' in {project.display(project.case_dir)}")
    if lang is None or lang not in taxonomy.languages:
        raise UsageError("--translate needs --lang with a language code, e.g. --lang hi")
    meta, _ = read_yaml((folder / "case.yaml").read_text(encoding="utf-8"), "case.yaml")
    original = (
        meta.value.get("original_language") if meta is not None and isinstance(meta.value, dict) else None
    )
    source = folder / f"{original}.md"
    if not isinstance(original, str) or not source.is_file():
        raise UsageError(
            f"{case_id} has no readable original narrative; run agk validate {project.display(folder)}"
        )
    target = folder / f"{lang}.md"
    if target.exists():
        raise UsageError(f"{project.display(target)} already exists")
    target.write_text(
        translation_skeleton(source.read_text(encoding="utf-8"), original, lang, taxonomy), encoding="utf-8"
    )
    return target
