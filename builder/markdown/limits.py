"""Keep Markdown rendering linear: find and defuse shapes Python-Markdown handles super-linearly.

Python-Markdown rescans the rest of a paragraph for every unmatched `[` or backtick opener,
re-reads a line for every `{` attribute-list candidate, and re-joins a block after every heading
or rule split off it, so a few kilobytes of such shapes cost minutes. Deep nesting of lists and
quotes ends in a RecursionError. Validation refuses deep nesting (`nesting_problems`); the renderer
runs `defuse` on every body, which leaves ordinary text alone and, only in a paragraph whose
estimated work exceeds a bound proportional to its length, escapes the openers that cause it.
Every pass here is linear in the size of the text.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Brackets (links within links) and lists or quotes nest at most this deep.
MAX_BRACKET_DEPTH = 8
MAX_BLOCK_DEPTH = 12
# Python-Markdown copies an inline run of text once per match in it: lines longer than this are
# refused, longer paragraphs are split at line ends (tables and lists are cut per line anyway).
MAX_LINE = 16_000
MAX_PARAGRAPH = 16_000
# Python-Markdown keeps a document's blocks in a list it pops from the front, so its cost grows
# with the square of their number: paragraphs, headings and rules together are limited.
MAX_BLOCKS = 20_000
# Work allowed per paragraph before it is defused: WORK_PER_CHAR scans of each character.
WORK_PER_CHAR = 16
WORK_FLOOR = 4096

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Backslash escapes, backtick runs, and the characters whose handling can cost a rescan.
_TOKEN = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>|:]|`+|[\[\]{]")
# Lines that end one block and start another (headings, rules, setext underlines), after any
# quote or indentation prefix.
_SPLITTER = re.compile(
    r"^(?P<prefix>(?:[ \t]*>)*[ \t]*)(?:#{1,6}(?:[ \t]|$)|([-*_])(?:[ \t]*\2){2,}[ \t]*$|=+[ \t]*$)"
)
_RULE = re.compile(r"[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LONG_LINE = re.compile(rf"^[^\n]{{{MAX_LINE + 1}}}", re.M)
_QUOTE_BREAK = re.compile(r"\n(?:[ \t]*>)+[ \t]*(?=\n)")
_SPLITTERS = re.compile(_SPLITTER.pattern, re.M)
# A line nested deeper than MAX_BLOCK_DEPTH: quote markers, list markers and four-column
# indents, counted alike (`- > 1. > a` is four levels).
_DEEP_BLOCK = re.compile(
    rf"^(?:[ \t]{{0,3}}(?:>|[-*+](?=[ \t])|\d{{1,9}}[.)](?=[ \t]))| {{4}}|\t){{{MAX_BLOCK_DEPTH + 1}}}", re.M
)


@dataclass(frozen=True)
class NestingProblem:
    """A construct nested deeper than the renderer accepts, at an offset of the body."""

    offset: int
    message: str


@dataclass(frozen=True)
class _Paragraph:
    start: int
    text: str


def _paragraphs(body: str) -> list[_Paragraph]:
    """The body split before each blank line, with each part's offset; the parts join to the body."""
    parts, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(body):
        parts.append(_Paragraph(start, body[start : match.end() - 1]))
        start = match.end() - 1
    parts.append(_Paragraph(start, body[start:]))
    return parts


@dataclass
class _Scan:
    """Where the costly openers of one paragraph are, and the work they would cause."""

    escape: set[int]
    deep_brackets: list[int]
    work: int


def _code_spans(runs: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Code spans as (start, end), an opener closing at the next run of the same length, and
    the backtick runs (start, length) that open nothing."""
    later: dict[int, list[int]] = {}
    for index in range(len(runs) - 1, -1, -1):
        later.setdefault(runs[index][1], []).append(index)
    spans: list[tuple[int, int]] = []
    lone: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, length = runs[index]
        candidates = later[length]
        while candidates and candidates[-1] <= index:
            candidates.pop()
        if candidates:
            close = candidates[-1]
            spans.append((start, runs[close][0] + length))
            index = close + 1
        else:
            lone.append(runs[index])
            index += 1
    return spans, lone


def _scan(text: str) -> _Scan:
    """Estimate the work of a paragraph and note which characters defusing would escape."""
    size = len(text)
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    runs = [(at, len(token)) for at, token in tokens if token[0] == "`"]
    spans, lone = _code_spans(runs)
    escape: set[int] = set()
    work = 0
    # Python-Markdown restarts its inline search at the start of the text after every match, so
    # an opener that matches nothing is rescanned once per later match: count later tokens.
    later = {at: len(tokens) - index for index, (at, _) in enumerate(tokens)}
    for start, length in lone:
        work += (size - start) * length * later[start]
        escape.update(range(start, start + length))
    stack: list[int] = []
    deep: list[int] = []
    span_index = 0
    for at, token in tokens:
        while span_index < len(spans) and spans[span_index][1] <= at:
            span_index += 1
        if (span_index < len(spans) and spans[span_index][0] <= at) or token[0] in "\\`":
            continue
        if token == "[":
            stack.append(at)
            if len(stack) > MAX_BRACKET_DEPTH:
                deep.append(at)
        elif token == "]" and stack:
            opener = stack.pop()
            work += at - opener
            if len(stack) >= MAX_BRACKET_DEPTH:
                escape.update((opener, at))
        elif token == "{":
            line_end = text.find("\n", at)
            work += (size if line_end < 0 else line_end) - at
            escape.add(at)
    for opener in stack:
        work += (size - opener) * later[opener]
        escape.add(opener)
    return _Scan(escape, deep, work)


def _split_blocks(text: str) -> str:
    """Text with an empty line (keeping quote markers) after each heading or rule line."""
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        out.append(line)
        match = _SPLITTER.match(line)
        if match and number + 1 < len(lines):
            out.append(match.group("prefix").rstrip(" \t"))
    return "\n".join(out)


def _short_paragraphs(text: str) -> str:
    """A long paragraph cut into paragraphs of at most MAX_PARAGRAPH characters at line ends."""
    if len(text) <= MAX_PARAGRAPH:
        return text
    parts, current = [], ""
    for line in text.split("\n"):
        if current and len(current) + len(line) > MAX_PARAGRAPH:
            parts.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    return "\n\n".join([*parts, current])


def _token_work(text: str) -> int:
    """What rescanning unmatched openers and `{` candidates of a paragraph would cost."""
    return _scan(text).work if _TOKEN.search(text) else 0


def _split_work(text: str) -> int:
    """What splitting headings and rules off the blocks of a paragraph would cost."""
    # Inside quotes, a line of bare `>` separates blocks as a blank line does outside.
    return sum(len(_SPLITTERS.findall(block)) * len(block) for block in _QUOTE_BREAK.split(text))


def _defuse_paragraph(text: str) -> str:
    budget = WORK_PER_CHAR * len(text) + WORK_FLOOR
    # Every heading or rule split off a block makes Python-Markdown copy the rest of it.
    if _split_work(text) > budget:
        text = _split_blocks(text)
    if not _TOKEN.search(text):
        return text
    scan = _scan(text)
    if scan.work <= budget:
        return text
    return "".join("\\" + char if i in scan.escape else char for i, char in enumerate(text))


def estimated_work(body: str) -> int:
    """Character scans Python-Markdown's rescanning shapes would cost on this body, summed."""
    return sum(_split_work(part.text) + _token_work(part.text) for part in _paragraphs(body))


def defuse(body: str) -> str:
    """The body with super-linear shapes escaped; ordinary paragraphs come back unchanged."""
    parts = [_short_paragraphs(part.text) for part in _paragraphs(body)]
    return "".join(_defuse_paragraph(part.text) for part in _paragraphs("".join(parts)))


def _block_starts(body: str) -> Iterator[int]:
    """Offsets where a new block starts: after blank lines, and at headings and rules."""
    breaks = (match.end() for match in _PARAGRAPH_BREAK.finditer(body))
    return heapq.merge(breaks, (match.start() for match in _SPLITTERS.finditer(body)))


def nesting_problems(body: str) -> list[NestingProblem]:
    """Brackets, lists and quotes nested deeper, lines longer and blocks more than the renderer accepts."""
    problems = []
    over = next(itertools.islice(_block_starts(body), MAX_BLOCKS, None), None)
    if over is not None:
        message = f"more than {MAX_BLOCKS:,} blocks (paragraphs, headings, rules)"
        problems.append(NestingProblem(over, message))
    long_line = _LONG_LINE.search(body)
    if long_line:
        problems.append(NestingProblem(long_line.start(), f"a line longer than {MAX_LINE:,} characters"))
    for line in _DEEP_BLOCK.finditer(body):
        line_end = body.find("\n", line.start())
        if not _RULE.match(body, line.start(), len(body) if line_end < 0 else line_end):
            message = f"lists or quotes nested more than {MAX_BLOCK_DEPTH} levels deep"
            problems.append(NestingProblem(line.start(), message))
            break
    if body.count("[") > MAX_BRACKET_DEPTH:
        for part in _paragraphs(body):
            deep = _scan(part.text).deep_brackets if part.text.count("[") > MAX_BRACKET_DEPTH else []
            if deep:
                message = f"brackets nested more than {MAX_BRACKET_DEPTH} deep"
                problems.append(NestingProblem(part.start + deep[0], message))
    return sorted(problems, key=lambda problem: problem.offset)
