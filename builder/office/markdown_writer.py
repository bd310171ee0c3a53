"""Write blocks of the document model as contributor Markdown (the subset the site renders).

Text is escaped so that it stays text: Markdown's marks, attribute braces and anything that
would read as an HTML tag. Lists nest by four spaces, tables take their first row as the header,
footnotes become `[^n]` references with their definitions at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from builder.office.document import Paragraph, Span, Style, Table

_ESCAPE = re.compile(r"([\\`*_\[\]{}])")
_TAG_START = re.compile(r"<(?=[A-Za-z!/?])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
_LINK_SAFE = "/:?#[]@!$&'*+,;=%~-._"


def escape(text: str) -> str:
    """Text that Markdown shows as written."""
    return _TAG_START.sub("&lt;", _ESCAPE.sub(r"\\\1", text))


def _at_line_start(text: str) -> str:
    """Escape a mark that would start a heading, quote, list or rule at the beginning of a line."""
    return _LINE_START.sub(r"\1\\\2", text)


def _number_start(text: str) -> str:
    """'2019. The year…' must not become a numbered list."""
    return re.sub(r"^(\s*\d+)([.)])", r"\1\\\2", text)


def _emphasis(text: str, bold: bool, italic: bool) -> str:
    """Text in emphasis marks, the marks kept inside the spaces around it."""
    marks = ("**" if bold else "") + ("*" if italic else "")
    core = text.strip()
    if not marks or not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{marks}{core}{marks[::-1]}{trail}"


def link_target(url: str) -> str:
    """A URL safe inside Markdown's (…): spaces and brackets percent-encoded."""
    return quote(url, safe=_LINK_SAFE).replace("(", "%28").replace(")", "%29")


def inline(spans: Sequence[Span], indent: str = "") -> str:
    """The Markdown of a paragraph's spans; line breaks become hard breaks."""
    out: list[str] = []
    index = 0
    while index < len(spans):
        span = spans[index]
        if span.footnote is not None:
            out.append(f"[^{span.footnote + 1}]")
            index += 1
            continue
        if span.link:
            group = [span]
            while index + len(group) < len(spans) and spans[index + len(group)].link == span.link:
                group.append(spans[index + len(group)])
            text = "".join(_emphasis(escape(s.text), s.bold, s.italic) for s in group if s.footnote is None)
            out.append(f"[{text.strip()}]({link_target(span.link)})" if text.strip() else "")
            index += len(group)
            continue
        out.append(_emphasis(escape(span.text), span.bold, span.italic))
        index += 1
    text = "".join(out).strip()
    return "\n".join(
        (indent if n else "") + _at_line_start(line.strip()) for n, line in enumerate(text.split("\n"))
    ).replace("\n", "  \n")


def paragraph(block: Paragraph) -> str:
    """A body paragraph."""
    return _number_start(inline(block.spans))


def heading(block: Paragraph, level: int, section: str | None) -> str:
    """A heading at Markdown `level`, with the section id when it is one."""
    text = " ".join(inline(block.spans).split())
    return "#" * level + " " + text + (f" {{#{section}}}" if section else "")


def list_items(items: Iterable[Paragraph]) -> str:
    """A run of list paragraphs as one nested Markdown list."""
    lines = []
    for item in items:
        indent = "    " * item.level
        marker = "1. " if item.ordered else "- "
        lines.append(indent + marker + inline(item.spans, indent + "    "))
    return "\n".join(lines)


def _cell(paragraphs: Sequence[Paragraph]) -> str:
    text = " ".join(inline(p.spans).replace("  \n", " ") for p in paragraphs if p.style is not Style.GUIDANCE)
    return " ".join(text.replace("|", "\\|").split())


def table(block: Table) -> str:
    """A table; its first row is the header."""
    width = max((len(row) for row in block.rows), default=0)
    if not width:
        return ""
    rows = [[_cell(cell) for cell in row] + [""] * (width - len(row)) for row in block.rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def footnotes(notes: Sequence[tuple[Paragraph, ...]]) -> str:
    """The definitions of the footnotes: `[^n]: text`, later paragraphs indented."""
    parts = []
    for number, note in enumerate(notes, start=1):
        texts = [inline(p.spans, "    ") for p in note] or [""]
        parts.append(f"[^{number}]: " + "\n\n    ".join(texts))
    return "\n".join(parts)
