"""A case prepared for checking: its sources, parsed schema models and Markdown scans."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.markdown.scan import MarkdownScan, scan_markdown
from builder.model.taxonomy import Taxonomy
from builder.source.loader import CaseSource, MarkdownSource
from builder.source.yaml_source import Position, YamlDocument
from builder.validate.case_schema import CaseMeta, NarrativeFront, TeachingNoteFront
from builder.validate.schema_problems import schema_problems

_EMPTY = YamlDocument({})


@dataclass(frozen=True)
class CaseView:
    """Read-only inputs shared by every check of one case."""

    source: CaseSource
    taxonomy: Taxonomy
    meta: CaseMeta | None
    narrative_fronts: dict[str, NarrativeFront] = field(default_factory=dict)
    note_fronts: dict[str, TeachingNoteFront] = field(default_factory=dict)
    scans: dict[str, MarkdownScan] = field(default_factory=dict)

    @property
    def raw(self) -> dict[str, object]:
        """case.yaml as parsed, or {} when it could not be read as a mapping."""
        value = self.source.meta.value if self.source.meta else None
        return value if isinstance(value, dict) else {}

    @property
    def document(self) -> YamlDocument:
        return self.source.meta or _EMPTY

    def at(self, *path: str | int) -> Position:
        """Position of a value in case.yaml."""
        return self.document.value_at(path)


def _front(
    md: MarkdownSource, model: type[NarrativeFront] | type[TeachingNoteFront]
) -> tuple[object, list[Diagnostic]]:
    if not md.has_front:
        message = "no front matter: start the file with '---', title and summary, then '---'"
        return None, [problem("AGK109", md.display, 1, 1, message)]
    if md.front is None:  # unreadable YAML, already reported by the loader
        return None, []
    return schema_problems(model, md.front, md.display)


def prepare(source: CaseSource, taxonomy: Taxonomy) -> tuple[CaseView, list[Diagnostic]]:
    """Validate the schemas of case.yaml and front matter and scan every Markdown body."""
    found: list[Diagnostic] = []
    meta = None
    if source.meta is not None:
        parsed, problems = schema_problems(CaseMeta, source.meta, source.meta_display)
        meta = parsed if isinstance(parsed, CaseMeta) else None
        found += problems
    narrative_fronts: dict[str, NarrativeFront] = {}
    for lang, md in sorted(source.narratives.items()):
        front, problems = _front(md, NarrativeFront)
        found += problems
        if isinstance(front, NarrativeFront):
            narrative_fronts[lang] = front
    note_fronts: dict[str, TeachingNoteFront] = {}
    for lang, md in sorted(source.teaching_notes.items()):
        note, problems = _front(md, TeachingNoteFront)
        found += problems
        if isinstance(note, TeachingNoteFront):
            note_fronts[lang] = note
    scans = {md.display: scan_markdown(md.body, md.body_line) for md in source.markdown_sources()}
    return CaseView(source, taxonomy, meta, narrative_fronts, note_fronts, scans), found
