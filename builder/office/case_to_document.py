"""Make the document model of a Word template, or of an existing case to edit in Word.

Both have the shape `case_from_document` reads: the title, grey guidance, the metadata table
(field names in the language and in English, allowed values explained), then one Heading 1
per section. A case's narrative is rendered by our own Markdown stage and its HTML read back
into blocks, so what Word receives is what the site shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from builder.markdown.html import MarkdownRenderer
from builder.markdown.rules import allowed_id
from builder.model.taxonomy import Taxonomy
from builder.office.document import Block, Document, Image, Paragraph, Span, Style, Table
from builder.office.fields import BY_KEY, FIELDS, Writer
from builder.render.strings import Strings
from builder.source.front_matter import split_front_matter
from builder.source.yaml_source import read_yaml


@dataclass(frozen=True)
class CaseText:
    """What an exported case needs: case.yaml values, one narrative, its media files."""

    case_id: str
    lang: str
    meta: dict[str, object]
    title: str
    summary: str
    body: str
    media: dict[str, bytes]


def read_case(folder: Path, lang: str | None) -> CaseText:
    """A case folder's values and its narrative in `lang` (the original language by default)."""
    meta_doc, _ = read_yaml((folder / "case.yaml").read_text(encoding="utf-8"), "case.yaml")
    meta = dict(meta_doc.value) if meta_doc is not None and isinstance(meta_doc.value, dict) else {}
    lang = lang or str(meta.get("original_language", "en"))
    split = split_front_matter((folder / f"{lang}.md").read_text(encoding="utf-8"))
    front_doc, _ = read_yaml(split.front or "", "front")
    front = front_doc.value if front_doc is not None and isinstance(front_doc.value, dict) else {}
    media_dir = folder / "media"
    media = (
        {p.name: p.read_bytes() for p in sorted(media_dir.iterdir()) if p.is_file()}
        if media_dir.is_dir()
        else {}
    )
    return CaseText(
        folder.name, lang, meta, str(front.get("title", "")), str(front.get("summary", "")), split.body, media
    )


def _para(text: str, style: Style = Style.BODY, level: int = 0) -> Paragraph:
    return Paragraph((Span(text),) if text else (), style, level)


def _label(key: str, lang: str) -> str:
    """A field's name in `lang`, with the English name after it in brackets."""
    own = Strings(lang)(BY_KEY[key].strings[0])
    english = Strings("en")(BY_KEY[key].strings[0])
    return own if own == english else f"{own} ({english})"


def _allowed(key: str, taxonomy: Taxonomy, lang: str) -> str:
    """What a field accepts, in `lang`."""
    t = Strings(lang)
    kind = BY_KEY[key].kind
    if kind in ("type", "level"):
        prefix, ids = ("case_types", taxonomy.case_types) if kind == "type" else ("levels", taxonomy.levels)
        return t("word_allowed", values=", ".join(taxonomy.label(f"{prefix}.{i}", lang) for i in ids))
    if kind == "language":
        return t("word_allowed", values=f"{taxonomy.languages[lang].native_name} ({lang}), English (en)…")
    if kind == "licence":
        return t("word_allowed", values=", ".join(taxonomy.licences))
    examples = {
        "states": lambda: t("word_values_states", example=f"{taxonomy.state_name('UP', lang)}, UP"),
        "sectors": lambda: t(
            "word_values_sectors",
            example=f"{taxonomy.label('sectors.health', lang)} / "
            f"{taxonomy.label('sub_sectors.health.primary-health-care', lang)}",
        ),
        "sdgs": lambda: t("word_values_sdgs"),
        "year": lambda: t("word_values_year"),
        "date": lambda: t("word_values_date"),
        "authors": lambda: t("word_values_authors"),
        "list": lambda: t("word_values_list"),
        "keywords": lambda: t("word_values_list"),
    }
    if key == "summary":
        return t("word_values_summary")
    return examples[kind]() if kind in examples else t("word_values_text")


def _metadata_table(taxonomy: Taxonomy, lang: str, values: dict[str, str]) -> Table:
    """The two-column table: name, need and allowed values on the left; the value on the right."""
    t = Strings(lang)
    rows = []
    for entry in FIELDS:
        need = t("word_required") if entry.required else t("word_optional")
        left = (
            _para(_label(entry.key, lang)),
            _para(f"{need}. {_allowed(entry.key, taxonomy, lang)}", Style.GUIDANCE),
        )
        value = values.get(entry.key, "")
        right = tuple(_para(line) for line in value.split("\n")) if value else ()
        rows.append((left, right))
    return Table(tuple(rows))


def _skeleton(taxonomy: Taxonomy, lang: str, title: str, values: dict[str, str]) -> list[Block]:
    t = Strings(lang)
    return [
        _para(title, Style.TITLE),
        _para(t("word_intro"), Style.GUIDANCE),
        _para(t("word_title_hint"), Style.GUIDANCE),
        _para(t("word_table_hint"), Style.GUIDANCE),
        _metadata_table(taxonomy, lang, values),
    ]


def template(taxonomy: Taxonomy, lang: str, case_type: str) -> Document:
    """A Word template of one case type in one language."""
    t = Strings(lang)
    blocks = _skeleton(
        taxonomy,
        lang,
        t("word_title_placeholder"),
        {
            "original_language": lang_value(taxonomy, lang),
            "type": Writer(taxonomy, lang).value("type", case_type),
        },
    )
    for number, section in enumerate(taxonomy.case_types[case_type]):
        blocks.append(_para(taxonomy.label(f"sections.{section}", lang), Style.HEADING, 1))
        blocks.append(_para(t("word_section_hint"), Style.GUIDANCE))
        if number == 0:
            blocks.append(_para(t("word_picture_hint"), Style.GUIDANCE))
    return Document(tuple(blocks))


def lang_value(taxonomy: Taxonomy, lang: str) -> str:
    """The cell text of a language."""
    return Writer(taxonomy, lang).value("original_language", lang)


def case_document(taxonomy: Taxonomy, case: CaseText) -> Document:
    """An existing case in the template's shape, to edit in Word and import again."""
    writer = Writer(taxonomy, case.lang)
    values = {key: writer.value(key, value) for key, value in case.meta.items() if key in BY_KEY}
    values |= {
        "id": case.case_id,
        "summary": case.summary,
        "original_language": lang_value(taxonomy, case.lang),
    }
    values = {key: value for key, value in values.items() if value}
    blocks, notes = html_blocks(MarkdownRenderer().render(case.body).html, case.media)
    return Document(tuple(_skeleton(taxonomy, case.lang, case.title, values) + blocks), tuple(notes))


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    """Our sanitised HTML as a small tree (void elements closed)."""

    VOID = frozenset({"img", "br", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while len(self.stack) > 1 and self.stack.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass
class _Blocks:
    media: dict[str, bytes]
    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[Paragraph, ...]] = field(default_factory=list)
    note_ids: dict[str, int] = field(default_factory=dict)


def html_blocks(html: str, media: dict[str, bytes]) -> tuple[list[Block], list[tuple[Paragraph, ...]]]:
    """The blocks and footnotes of a rendered narrative."""
    builder = _TreeBuilder()
    builder.feed(html)
    state = _Blocks(media)
    for node in builder.root.children:
        if isinstance(node, _Node):
            _html_block(state, node)
    return state.blocks, state.notes


def _html_block(state: _Blocks, node: _Node) -> None:
    tag = node.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        level = max(int(tag[1]) - 1, 1)
        # A section's id goes to Word as a bookmark, so that sections of the author's own come back.
        anchor = node.attrs.get("id", "") if level == 1 and allowed_id(node.attrs.get("id", "")) else ""
        state.blocks.append(Paragraph(tuple(_spans(state, node)), Style.HEADING, level, anchor=anchor))
    elif tag == "p":
        _paragraph(state, node)
    elif tag in ("ul", "ol"):
        state.blocks += _list(state, node, 0)
    elif tag == "table":
        rows = [row for row in _descendants(node) if row.tag == "tr"]
        cells = [
            tuple(
                (Paragraph(tuple(_spans(state, c))),)
                for c in row.children
                if isinstance(c, _Node) and c.tag in ("td", "th")
            )
            for row in rows
        ]
        state.blocks.append(Table(tuple(cells)))
    elif tag == "div" and "footnote" in node.attrs.get("class", "").split():
        for item in (n for n in _descendants(node) if n.tag == "li"):
            paragraphs = [c for c in item.children if isinstance(c, _Node) and c.tag == "p"] or [item]
            state.notes.append(tuple(Paragraph(tuple(_spans(state, p))) for p in paragraphs))
    elif tag in ("div", "blockquote", "details", "pre"):
        for child in node.children:
            if isinstance(child, _Node):
                _html_block(state, child)
            elif child.strip():
                state.blocks.append(_para(child.strip()))


def _paragraph(state: _Blocks, node: _Node) -> None:
    """A paragraph; a picture in it becomes an image block with its alt text as the caption."""
    images = [n for n in _descendants(node) if n.tag == "img"]
    spans = tuple(_spans(state, node))
    if any(s.text.strip() or s.footnote is not None for s in spans):
        state.blocks.append(Paragraph(spans))
    for image in images:
        name = image.attrs.get("src", "").rpartition("/")[2]
        alt = image.attrs.get("alt", "")
        if name in state.media:
            state.blocks.append(Image(name, state.media[name], alt))
            state.blocks.append(_para(alt, Style.CAPTION))


def _list(state: _Blocks, node: _Node, level: int) -> Iterator[Paragraph]:
    ordered = node.tag == "ol"
    for item in (c for c in node.children if isinstance(c, _Node) and c.tag == "li"):
        inline = _Node(
            "li", {}, [c for c in item.children if not (isinstance(c, _Node) and c.tag in ("ul", "ol"))]
        )
        yield Paragraph(tuple(_spans(state, inline)), Style.LIST, level, ordered)
        for child in item.children:
            if isinstance(child, _Node) and child.tag in ("ul", "ol"):
                yield from _list(state, child, level + 1)


def _descendants(node: _Node) -> Iterator[_Node]:
    for child in node.children:
        if isinstance(child, _Node):
            yield child
            yield from _descendants(child)


def _spans(
    state: _Blocks, node: _Node, bold: bool = False, italic: bool = False, link: str | None = None
) -> Iterator[Span]:
    for child in node.children:
        if isinstance(child, str):
            text = " ".join(child.split("\n"))
            if text:
                yield Span(text, bold, italic, link)
            continue
        classes = child.attrs.get("class", "").split()
        if child.tag == "a" and ({"headerlink", "footnote-backref"} & set(classes)):
            continue
        if child.tag == "sup" and child.attrs.get("id", "").startswith("fnref"):
            target = next((n.attrs.get("href", "") for n in _descendants(child) if n.tag == "a"), "")
            yield Span("", footnote=state.note_ids.setdefault(target, len(state.note_ids)))
        elif child.tag == "br":
            yield Span("\n", bold, italic, link)
        elif child.tag != "img":
            yield from _spans(
                state, child,
                bold or child.tag in ("strong", "b"),
                italic or child.tag in ("em", "i"),
                child.attrs.get("href") if child.tag == "a" else link,
            )  # fmt: skip
