"""Load stage: read case folders from disk into plain, position-aware sources.

Nothing here judges content beyond what decides whether a file can be read at all
(symlinks, size, encoding, YAML syntax); the checks in builder/validate/checks/ do the rest.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.project import Project
from builder.source.front_matter import split_front_matter
from builder.source.yaml_source import YamlDocument, read_yaml

KB = 1024
MB = 1024 * KB
# Size caps keep pages light on slow networks and keep hostile files from exhausting memory.
SIZE_LIMITS = {".yaml": 256 * KB, ".md": 2 * MB, ".pdf": 10 * MB}
DEFAULT_SIZE_LIMIT = 2 * MB
MEDIA_TOTAL_LIMIT = 25 * MB

NARRATIVE_NAME = re.compile(r"^([a-z]{2,3})\.md$")
TEACHING_NOTE_NAME = re.compile(r"^teaching-note\.([a-z]{2,3})\.md$")


@dataclass(frozen=True)
class FileEntry:
    """One entry found in a case folder (not followed if it is a symlink)."""

    rel: str
    size: int
    is_dir: bool
    is_symlink: bool


@dataclass(frozen=True)
class MarkdownSource:
    """A narrative or teaching note: raw text, parsed front matter and body."""

    lang: str
    display: str
    text: str
    front: YamlDocument | None
    has_front: bool
    body: str
    body_line: int


@dataclass(frozen=True)
class CaseSource:
    """Everything read from one case folder, plus the problems met while reading."""

    id: str
    folder: Path
    display: str
    files: tuple[FileEntry, ...]
    meta: YamlDocument | None
    meta_text: str
    narratives: dict[str, MarkdownSource] = field(default_factory=dict)
    teaching_notes: dict[str, MarkdownSource] = field(default_factory=dict)
    problems: tuple[Diagnostic, ...] = ()

    @property
    def meta_display(self) -> str:
        return f"{self.display}/case.yaml"

    def markdown_sources(self) -> list[MarkdownSource]:
        """Narratives then teaching notes, in language order."""
        return [self.narratives[k] for k in sorted(self.narratives)] + [
            self.teaching_notes[k] for k in sorted(self.teaching_notes)
        ]


def discover_case_folders(project: Project) -> list[Path]:
    """Case folders under case_studies/, sorted; `_` and `.` prefixed entries are not cases."""
    if not project.case_dir.is_dir():
        return []
    # Sorted by name: the same order as by path (one parent), without pathlib's slow comparisons.
    return sorted(
        (
            entry
            for entry in project.case_dir.iterdir()
            if (entry.is_dir() or entry.is_symlink()) and not entry.name.startswith(("_", "."))
        ),
        key=lambda entry: entry.name,
    )


def scan_files(folder: Path) -> tuple[FileEntry, ...]:
    """Every entry below `folder`, without following symlinks, sorted by path."""
    found: list[FileEntry] = []
    pending = [(folder, "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                rel = f"{prefix}{entry.name}"
                link = entry.is_symlink()
                is_dir = not link and entry.is_dir(follow_symlinks=False)
                size = 0 if (link or is_dir) else entry.stat(follow_symlinks=False).st_size
                found.append(FileEntry(rel, size, is_dir, link))
                if is_dir:
                    pending.append((Path(entry.path), f"{rel}/"))
    return tuple(sorted(found, key=lambda e: e.rel))


def size_limit(name: str) -> int:
    """The size cap for a file, by extension."""
    return SIZE_LIMITS.get(Path(name).suffix.lower(), DEFAULT_SIZE_LIMIT)


def read_text(path: Path, display: str, problems: list[Diagnostic]) -> str | None:
    """Read strict UTF-8 (BOM tolerated) or report where decoding failed."""
    data = path.read_bytes()
    try:
        # Windows line endings would otherwise end up inside heading ids and values.
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(
            problem("AGK007", display, line, col, f"invalid UTF-8 byte 0x{data[error.start]:02x}")
        )
        return None


def read_markdown(path: Path, display: str, lang: str, problems: list[Diagnostic]) -> MarkdownSource | None:
    """Read a Markdown file and parse its front matter."""
    text = read_text(path, display, problems)
    if text is None:
        return None
    split = split_front_matter(text)
    front: YamlDocument | None = None
    if split.front is not None and not split.closed:
        problems.append(problem("AGK109", display, 1, 1, "front matter is not closed by a '---' line"))
    elif split.front is not None:
        front, yaml_problems = read_yaml(split.front, display, line_offset=1)
        problems.extend(yaml_problems)
    return MarkdownSource(lang, display, text, front, split.front is not None, split.body, split.body_line)


def load_case(folder: Path, project: Project) -> CaseSource:
    """Read one case folder; never raises for anything a contributor can put there."""
    display = project.display(folder)
    problems: list[Diagnostic] = []
    if folder.is_symlink():
        problems.append(problem("AGK504", display, 1, 1, "the case folder is a symbolic link"))
        return CaseSource(folder.name, folder, display, (), None, "", problems=tuple(problems))
    files = scan_files(folder)
    readable = {e.rel: e for e in files if not e.is_dir and not e.is_symlink and e.size <= size_limit(e.rel)}
    meta: YamlDocument | None = None
    meta_text = ""
    if "case.yaml" in readable:
        text = read_text(folder / "case.yaml", f"{display}/case.yaml", problems)
        if text is not None:
            meta_text = text
            meta, yaml_problems = read_yaml(text, f"{display}/case.yaml")
            problems.extend(yaml_problems)
    narratives: dict[str, MarkdownSource] = {}
    notes: dict[str, MarkdownSource] = {}
    for rel in readable:
        for pattern, target in ((NARRATIVE_NAME, narratives), (TEACHING_NOTE_NAME, notes)):
            match = pattern.match(rel)
            if match:
                source = read_markdown(folder / rel, f"{display}/{rel}", match.group(1), problems)
                if source is not None:
                    target[match.group(1)] = source
    return CaseSource(
        folder.name, folder, display, files, meta, meta_text, narratives, notes, tuple(problems)
    )
