"""Write an imported case as a case folder: case.yaml, `<lang>.md` and media/.

A new folder is never written over an existing one unless asked (`--replace`, for a case that
went to Word and back): then the keys the document carries replace those in case.yaml, the
others (metrics, cover, related…) stay, and a text kept per language keeps its other languages.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from builder.errors import UsageError
from builder.office.case_from_document import ImportedCase
from builder.source.front_matter import split_front_matter
from builder.source.yaml_source import read_yaml


def yaml_string(text: str) -> str:
    """A YAML scalar for any text: JSON strings are valid double-quoted YAML."""
    return json.dumps(text, ensure_ascii=False)


def case_yaml(meta: dict[str, object], source: str) -> tuple[str, dict[str, int]]:
    """case.yaml text, and the line each key starts on."""
    lines = [f"# Imported from {source} by agk import; docs/en/contribute.md explains every key."]
    starts: dict[str, int] = {}
    for key, value in meta.items():
        starts[key] = len(lines) + 1
        # Lists of plain values in brackets ([UP, BR]), everything else in block style.
        flow = None if isinstance(value, list) else False
        dumped = yaml.safe_dump(
            {key: value}, allow_unicode=True, sort_keys=False, width=100, default_flow_style=flow
        )
        lines += dumped.rstrip("\n").split("\n")
    return "\n".join(lines) + "\n", starts


def narrative(case: ImportedCase, extra_front: dict[str, str] | None = None) -> str:
    """The narrative file: front matter (title, summary) and the Markdown body."""
    front = [f"title: {yaml_string(case.title)}", f"summary: {yaml_string(case.summary)}"]
    front += [f"{key}: {yaml_string(value)}" for key, value in (extra_front or {}).items()]
    return "---\n" + "\n".join(front) + "\n---\n\n" + case.body


def _existing(folder: Path) -> dict[str, object]:
    path = folder / "case.yaml"
    if not path.is_file():
        return {}
    document, problems = read_yaml(path.read_text(encoding="utf-8"), "case.yaml")
    if problems or document is None or not isinstance(document.value, dict):
        raise UsageError(f"{path} cannot be read; fix it with agk validate before replacing the case")
    return dict(document.value)


def merged_meta(existing: dict[str, object], meta: dict[str, object], lang: str) -> dict[str, object]:
    """The imported keys over the existing ones; text kept per language keeps its other languages."""
    merged = dict(existing)
    for key, value in meta.items():
        old = existing.get(key)
        if isinstance(old, dict) and isinstance(value, str):
            merged[key] = {**old, lang: value}
        elif key == "authors" and isinstance(old, list) and _names(old) == _names(value):
            continue  # the same people: keep their affiliations in every language
        else:
            merged[key] = value
    return merged


def _names(authors: object) -> list[object]:
    return [a.get("name") if isinstance(a, dict) else a for a in authors] if isinstance(authors, list) else []


def _front_to_keep(path: Path) -> dict[str, str]:
    """translated_from and source_hash of the narrative being replaced."""
    if not path.is_file():
        return {}
    front, _ = read_yaml(split_front_matter(path.read_text(encoding="utf-8")).front or "", "front")
    values = front.value if front is not None and isinstance(front.value, dict) else {}
    return {k: str(values[k]) for k in ("translated_from", "source_hash") if k in values}


def write_case(
    case_dir: Path, case: ImportedCase, source: str, *, replace: bool
) -> tuple[Path, dict[str, int]]:
    """Write the folder; return it and the case.yaml line of each key."""
    assert case.case_id is not None
    folder = case_dir / case.case_id
    if folder.exists() and not replace:
        raise UsageError(f"{folder} already exists; give another --id, or --replace to update it")
    existing = _existing(folder) if replace else {}
    meta = merged_meta(existing, case.meta, case.lang) if existing else case.meta
    text, lines = case_yaml(meta, source)
    extra = _front_to_keep(folder / f"{case.lang}.md") if replace else {}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    (folder / f"{case.lang}.md").write_text(narrative(case, extra), encoding="utf-8")
    if case.media:
        (folder / "media").mkdir(exist_ok=True)
        for name, data in sorted(case.media.items()):
            (folder / "media" / name).write_bytes(data)
    return folder, lines
