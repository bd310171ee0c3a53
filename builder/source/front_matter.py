"""Split a Markdown file into YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass

_OPEN = "---"
_CLOSE = ("---", "...")


@dataclass(frozen=True)
class Split:
    """Front matter text (None when absent), the body, and the body's first line number."""

    front: str | None
    body: str
    body_line: int
    closed: bool


def split_front_matter(text: str) -> Split:
    """Split `---` delimited front matter from the body of a Markdown text."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != _OPEN:
        return Split(None, text, 1, closed=False)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") in _CLOSE:
            return Split("".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2, True)
    return Split("".join(lines[1:]), "", len(lines) + 1, closed=False)
