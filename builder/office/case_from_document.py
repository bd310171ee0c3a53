"""Map a document to a case: title, metadata table, summary, sections, media, and what did not map.

The rules a document follows (and nothing more): the title is the paragraph in the Title style,
else the first Heading 1 that is not a section name; the metadata is the first two-column table
with a row naming a field; the summary is its Summary row, else the first paragraph after the
title; Heading 1 paragraphs are the case type's sections, matched by id or name in any shipped
language; Heading 2 and below are subsections; a picture's description is the caption right
below it, else its alt text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from builder.markdown.rules import allowed_id
from builder.model.names import fold_name
from builder.model.taxonomy import Taxonomy
from builder.office import markdown_writer as md
from builder.office.document import Block, Document, Finding, Image, Paragraph, Style, Table
from builder.office.fields import FIELDS, Reader, ValueProblem, field_of, split_items
from builder.validate.checks.layout import CASE_ID
from builder.validate.checks.privacy import scan_text
from search_index.analysis.folding import script_table
from search_index.analysis.language_data import load_analysis_data

_WHAT = {
    "type": "case type", "original_language": "language", "states": "state or union territory",
    "level": "level of government", "sectors": "sector", "sdgs": "SDG", "year": "year",
    "year_end": "year", "published": "date", "license": "licence",
}  # fmt: skip
_LISTS = frozenset({"states", "sectors", "sdgs"})
_HINTS = {
    "states": "write names or codes such as 'Uttar Pradesh' or 'UP', separated by commas",
    "sectors": "write a sector, or sector / sub-sector, by name or id as in the template",
    "sdgs": "write SDG numbers 1-17 separated by commas",
    "year": "write a year such as 2019",
    "year_end": "write a year such as 2019",
    "published": "write the date as YYYY-MM-DD",
}


@dataclass(frozen=True)
class ImportOptions:
    """What the command line says about the case, over what the document says."""

    case_id: str | None = None
    lang: str | None = None
    case_type: str | None = None
    file_stem: str = ""


@dataclass(frozen=True)
class ImportedCase:
    """A case read from a document: case.yaml values, narrative, media, and what did not map."""

    case_id: str | None
    lang: str
    meta: dict[str, object]
    title: str
    summary: str
    body: str
    media: dict[str, bytes]
    findings: tuple[Finding, ...]
    # What the import reported, so that validation does not report it again: case.yaml keys,
    # "title", "metadata" (no table: every key missing), and headings that are no section.
    reported: frozenset[str] = frozenset()
    unsectioned: frozenset[str] = frozenset()


@dataclass
class _Mapping:
    """What is found while the blocks are read."""

    taxonomy: Taxonomy
    findings: list[Finding] = field(default_factory=list)
    reported: set[str] = field(default_factory=set)
    unsectioned: set[str] = field(default_factory=set)
    media: dict[str, bytes] = field(default_factory=dict)
    media_names: dict[bytes, str] = field(default_factory=dict)

    def find(self, number: int, code: str, message: str, hint: str = "") -> None:
        self.findings.append(Finding(number, code, message, hint))


def case_from_document(document: Document, taxonomy: Taxonomy, options: ImportOptions) -> ImportedCase:
    """The case a document describes, with a finding for everything it could not map."""
    state = _Mapping(taxonomy)
    blocks = [b for b in document.blocks if not (isinstance(b, Paragraph) and b.style is Style.GUIDANCE)]
    table_index = next((i for i, b in enumerate(blocks) if _is_metadata(b)), None)
    values = _metadata(state, blocks[table_index]) if table_index is not None else {}
    if table_index is None:
        state.reported.add("metadata")
        state.find(0, "AGK603", "no metadata table found", "add the two-column table of the template")
    lang = options.lang or str(values.get("original_language") or "") or _language(document)
    case_type = options.case_type or str(values.get("type") or "") or None
    sections = _section_names(taxonomy, case_type)
    rest = [b for i, b in enumerate(blocks) if i != table_index]
    title_at = _title_index(rest, sections)
    title = _paragraph(rest[title_at]).text.strip() if title_at is not None else ""
    if not title:
        state.reported.add("title")
        state.find(1, "AGK602", "no title found", "write the title on the first line in the Title style")
    body_blocks = rest[title_at + 1 :] if title_at is not None else rest
    summary = str(values.pop("summary", "") or "")
    if not summary and body_blocks and _is_body(body_blocks[0]):
        # Front matter is plain text, not Markdown.
        summary = " ".join(_paragraph(body_blocks[0]).text.split())
        body_blocks = body_blocks[1:]
    body = _body(state, body_blocks, sections, case_type, document)
    _privacy(state, document)
    given = {**values, "original_language": lang, **({"type": case_type} if case_type else {})}
    meta = {field.key: given[field.key] for field in FIELDS if field.key in given and field.key != "id"}
    case_id = options.case_id or _case_id(values, options.file_stem, meta)
    return ImportedCase(
        case_id, lang, meta, title, summary, body, dict(state.media),
        tuple(sorted([*document.findings, *state.findings], key=lambda f: f.number)),
        frozenset(state.reported), frozenset(state.unsectioned),
    )  # fmt: skip


def _is_metadata(block: Block) -> bool:
    """A two-column table at least one of whose rows names a field (else it is content)."""
    return (
        isinstance(block, Table)
        and bool(block.rows)
        and all(len(row) == 2 for row in block.rows)
        and any(field_of(_cell_text(row[0])) for row in block.rows)
    )


def _is_body(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.style is Style.BODY and bool(block.text.strip())


def _paragraph(block: Block) -> Paragraph:
    assert isinstance(block, Paragraph)
    return block


def _cell_text(cell: Sequence[Paragraph]) -> str:
    return "\n".join(p.text.strip() for p in cell if p.style is not Style.GUIDANCE and p.text.strip())


def _metadata(state: _Mapping, table: Block) -> dict[str, object]:
    """The values of the metadata table's rows; rows and values not understood are reported."""
    assert isinstance(table, Table)
    reader = Reader(state.taxonomy)
    values: dict[str, object] = {}
    for offset, (label_cell, value_cell) in enumerate(table.rows):
        number = label_cell[0].number if label_cell else table.number + offset
        label, text = _cell_text(label_cell), _cell_text(value_cell)
        key = field_of(label) if label else None
        if key is None:
            if label or text:
                state.find(
                    number,
                    "AGK603",
                    f"row '{label or text}' is not a metadata field",
                    "use the names of the template",
                )
            continue
        if not text:
            if key in ("states", "sdgs"):
                values[key] = []
            continue
        try:
            values[key] = reader.value(key, text)
        except ValueProblem as problem:
            # Kept as written, so nothing is lost; validation's report of it is left out.
            values[key] = split_items(text) if key in _LISTS else text
            state.reported.add(key)
            what = _WHAT.get(key, key)
            hint = _HINTS.get(key) or _choices_hint(state.taxonomy, key)
            state.find(number, "AGK604", f"unknown {what} '{problem}'", hint)
    return values


def _choices_hint(taxonomy: Taxonomy, key: str) -> str:
    """The ids a field allows, for a value not understood."""
    ids = {"type": taxonomy.case_types, "level": taxonomy.levels, "license": taxonomy.licences}.get(key)
    if ids:
        return f"write one of {', '.join(ids)}, or its name"
    return "write a name or code as in the template"


def _language(document: Document) -> str:
    """The language of the script most letters of the document are written in."""
    scripts = script_table()
    counts: Counter[str] = Counter()
    for block in document.blocks:
        for paragraph in _paragraphs(block):
            counts.update(s for char in paragraph.text if char.isalpha() and (s := scripts.script_of(char)))
    if not counts:
        return "en"
    return load_analysis_data().script(counts.most_common(1)[0][0]).default_language


def _paragraphs(block: Block) -> Iterator[Paragraph]:
    if isinstance(block, Paragraph):
        yield block
    elif isinstance(block, Table):
        yield from (p for row in block.rows for cell in row for p in cell)


def _section_names(taxonomy: Taxonomy, case_type: str | None) -> dict[str, str]:
    """Folded name or id -> section id, for the case type's sections (every type's when unknown)."""
    types = [case_type] if case_type and case_type in taxonomy.case_types else list(taxonomy.case_types)
    names: dict[str, str] = {}
    for section in dict.fromkeys(s for t in types for s in taxonomy.case_types[t]):
        names[fold_name(section)] = section
        for labels in taxonomy.labels.values():
            if label := labels.get(f"sections.{section}"):
                names.setdefault(fold_name(label), section)
    return names


def _title_index(blocks: Sequence[Block], sections: dict[str, str]) -> int | None:
    """The title paragraph: Title style, else the first Heading 1 that is not a section."""
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph) and block.style is Style.TITLE and block.text.strip():
            return index
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph) and block.style is Style.HEADING and block.level == 1:
            return None if fold_name(block.text) in sections else index
    return None


def _body(
    state: _Mapping,
    blocks: Sequence[Block],
    sections: dict[str, str],
    case_type: str | None,
    document: Document,
) -> str:
    """The narrative's Markdown: sections, subsections, paragraphs, lists, tables, figures, notes."""
    chunks: list[str] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Paragraph) and block.style is Style.LIST:
            run = [block]
            while index + len(run) < len(blocks) and _continues(run, blocks[index + len(run)]):
                run.append(_paragraph(blocks[index + len(run)]))
            chunks.append(md.list_items(run))
            index += len(run)
            continue
        if isinstance(block, Image):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            caption = (
                following if isinstance(following, Paragraph) and following.style is Style.CAPTION else None
            )
            chunks.append(_figure(state, block, caption))
            index += 2 if caption is not None else 1
            continue
        chunks.append(_block(state, block, sections, case_type))
        index += 1
    notes = md.footnotes(document.footnotes)
    return "\n\n".join([c for c in chunks if c] + ([notes] if notes else [])) + "\n"


def _continues(run: list[Paragraph], block: Block) -> bool:
    """Whether `block` is an item of the same list: a top-level item of another kind starts a new one."""
    if not isinstance(block, Paragraph) or block.style is not Style.LIST:
        return False
    return block.level > 0 or block.ordered == run[0].ordered


def _block(state: _Mapping, block: Block, sections: dict[str, str], case_type: str | None) -> str:
    if isinstance(block, Table):
        return md.table(block)
    paragraph = _paragraph(block)
    if paragraph.style is Style.HEADING and paragraph.level == 1:
        section = sections.get(fold_name(paragraph.text)) or (
            paragraph.anchor if allowed_id(paragraph.anchor) else None
        )
        if section is None and paragraph.text.strip():
            kind = f"a {case_type} case" if case_type else "any case type"
            state.unsectioned.add(paragraph.text.strip())
            state.find(
                paragraph.number, "AGK605", f"heading '{paragraph.text.strip()}' is not a section of {kind}",
                "name it like a section of the template, or make it a Heading 2",
            )  # fmt: skip
        return md.heading(paragraph, 2, section) if paragraph.text.strip() else ""
    if paragraph.style in (Style.HEADING, Style.TITLE):
        return md.heading(paragraph, min(paragraph.level + 1, 6), None) if paragraph.text.strip() else ""
    return md.paragraph(paragraph)


def _figure(state: _Mapping, image: Image, caption: Paragraph | None) -> str:
    """A picture saved to media/ and referenced with its description as alt text."""
    name = state.media_names.get(image.data) or _media_name(image.name, state.media)
    state.media[name] = image.data
    state.media_names[image.data] = name
    alt = caption.text.strip() if caption is not None else image.description
    if not alt:
        state.find(
            image.number, "AGK606", f"picture {name} has no description", "add a caption right below it"
        )
    return f"![{md.escape(' '.join(alt.split()))}](media/{name})"


def _media_name(name: str, taken: dict[str, bytes]) -> str:
    """A portable file name for a picture: lowercase letters, digits and hyphens, numbered if taken."""
    stem, dot, suffix = name.lower().rpartition(".")
    stem = re.sub(r"[^a-z0-9]+", "-", stem if dot else suffix).strip("-") or "figure"
    suffix = re.sub(r"[^a-z0-9]", "", suffix) if dot else "png"
    candidate, number = f"{stem}.{suffix}", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}.{suffix}"
    return candidate


def _privacy(state: _Mapping, document: Document) -> None:
    """Personal identifiers in text that is not imported (comments, deletions, properties)."""
    for number, text in document.other_text:
        for found in scan_text(text, "document"):
            state.find(number, found.code, f"{found.message} (in text that is not imported)", found.hint)


def _case_id(values: dict[str, object], stem: str, meta: dict[str, object]) -> str | None:
    """The folder name: the table's, else the file's name if it is one, else state-type-year."""
    for candidate in (str(values.get("id") or ""), stem.lower()):
        if CASE_ID.match(candidate) and 3 <= len(candidate) <= 80:
            return candidate
    states = meta.get("states")
    first = str(states[0]).lower() if isinstance(states, list) and states else "in"
    if meta.get("type") and meta.get("year"):
        return f"{first}-{meta['type']}-{meta['year']}"
    return None
