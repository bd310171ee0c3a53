"""Read untrusted YAML into plain values, remembering where every value came from.

The reader walks PyYAML's event stream instead of its constructors: nothing is resolved
implicitly (no dates, no sexagesimal numbers, no `NO` booleans), and anchors, aliases, tags,
duplicate keys and deep nesting are refused with a diagnostic instead of a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic

MAX_DEPTH = 20

# YAML 1.2 core schema, narrowed: a leading zero is text, not an octal number.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(
    r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+|(?:0|[1-9][0-9]*)(?=[eE]))(?:[eE][-+]?[0-9]+)?$"
)
# Brackets, plus the quoted strings and comments whose brackets must not count.
_FLOW_TOKENS = re.compile(r"""[\[\]{}]|"(?:\\.|[^"\\\n])*"|'(?:''|[^'\n])*'|(?:^|(?<=\s))#[^\n]*""")

Path_ = tuple[str | int, ...]
Value = object

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Position:
    """A 1-based line and column."""

    line: int
    col: int


@dataclass(frozen=True)
class YamlDocument:
    """A parsed document: its value plus the position of every value and key in it."""

    value: Value
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)

    def value_at(self, path: Path_) -> Position:
        """Position of the value at `path`, or of its nearest ancestor that exists."""
        return _nearest(self.values, path)

    def key_at(self, path: Path_) -> Position:
        """Position of the key at `path` (falling back to value positions)."""
        if path in self.keys:
            return self.keys[path]
        return _nearest(self.values, path)


def _nearest(positions: dict[Path_, Position], path: Path_) -> Position:
    for end in range(len(path), -1, -1):
        if path[:end] in positions:
            return positions[path[:end]]
    return Position(1, 1)


def resolve_plain(text: str) -> Value:
    """Resolve an unquoted scalar: null, true/false, decimal int, float, else the text."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def flow_depth_problem(text: str) -> tuple[int, int] | None:
    """Offset and depth where flow brackets nest deeper than allowed, else None."""
    depth = 0
    for match in _FLOW_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start(), depth
        elif token in "]}":
            depth = max(depth - 1, 0)
    return None


def offset_position(text: str, offset: int, first_line: int = 1) -> Position:
    """Line and column of a character offset in `text`, whose first line is `first_line`."""
    line = first_line + text.count("\n", 0, offset)
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


@dataclass
class _Frame:
    """A collection being built: its container, path and (for mappings) the pending key."""

    container: dict[str, Value] | list[Value]
    path: Path_
    key: str | None = None
    skip: bool = False  # a duplicate key's value: parsed but not stored


@dataclass
class _Builder:
    """Turns YAML events into values and positions."""

    path: str
    line_offset: int
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    root: Value = None
    documents: int = 0

    def position(self, event: yaml.Event) -> Position:
        mark = event.start_mark
        if mark is None:
            return Position(1 + self.line_offset, 1)
        return Position(mark.line + 1 + self.line_offset, mark.column + 1)

    def report(self, code: str, at: Position, message: str, hint: str = "") -> None:
        self.problems.append(problem(code, self.path, at.line, at.col, message, hint))

    def feed(self, events: Iterator[yaml.Event]) -> None:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    at = self.position(event)
                    self.report("AGK102", at, "more than one YAML document in the file")
                    return
            elif isinstance(event, yaml.AliasEvent):
                self.report("AGK501", self.position(event), f"alias '*{event.anchor}' refused")
                self.add(None, event)
            elif isinstance(event, yaml.ScalarEvent):
                self.check_node(event)
                self.scalar(event)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                self.check_node(event)
                if len(self.stack) >= MAX_DEPTH:
                    self.report("AGK503", self.position(event), "collections nest too deeply")
                    return
                self.start(event)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                self.end()

    def check_node(self, event: yaml.NodeEvent) -> None:
        at = self.position(event)
        if event.anchor is not None:
            self.report("AGK501", at, f"anchor '&{event.anchor}' refused")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.report("AGK502", at, f"tag '{tag}' refused", "remove the tag")

    def scalar(self, event: yaml.ScalarEvent) -> None:
        top = self.stack[-1] if self.stack else None
        if isinstance(top, _Frame) and isinstance(top.container, dict) and top.key is None:
            self.mapping_key(top, event)
            return
        # Only plain (unquoted) scalars are resolved; the C and pure parsers spell "plain"
        # differently ('' and None).
        value = resolve_plain(event.value) if not event.style else event.value
        self.add(value, event)

    def mapping_key(self, frame: _Frame, event: yaml.ScalarEvent) -> None:
        # Keys are taken literally: `no:` is the key "no", not False.
        key = event.value
        at = self.position(event)
        assert isinstance(frame.container, dict)
        frame.key = key
        frame.skip = key in frame.container
        if frame.skip:
            self.report("AGK103", at, f"duplicate key '{key}'", "keep one of the two")
        else:
            self.keys[(*frame.path, key)] = at

    def add(self, value: Value, event: yaml.Event) -> Path_ | None:
        at = self.position(event)
        if not self.stack:
            self.root = value
            self.values[()] = at
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path: Path_ = (*frame.path, len(frame.container))
            frame.container.append(value)
        else:
            if frame.key is None:
                # A collection used as a mapping key.
                self.report("AGK106", at, "mapping keys must be plain text")
                frame.key, frame.skip = "", True
            path = (*frame.path, frame.key)
            if not frame.skip:
                frame.container[frame.key] = value
            frame.key, skip, frame.skip = None, frame.skip, False
            if skip:
                return None
        self.values[path] = at
        return path

    def start(self, event: yaml.CollectionStartEvent) -> None:
        container: dict[str, Value] | list[Value] = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self.add(container, event)
        self.stack.append(_Frame(container, path if path is not None else ("",)))

    def end(self) -> None:
        if self.stack:
            self.stack.pop()


def read_yaml(text: str, path: str, *, line_offset: int = 0) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML document from untrusted text; never raises for bad input."""
    too_deep = flow_depth_problem(text)
    if too_deep is not None:
        at = offset_position(text, too_deep[0])
        diagnostic = problem(
            "AGK503",
            path,
            at.line + line_offset,
            at.col,
            f"brackets nest more than {MAX_DEPTH} levels deep; refused before parsing",
        )
        return None, [diagnostic]
    builder = _Builder(path, line_offset)
    try:
        builder.feed(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1) if mark else 1
        col = (mark.column + 1) if mark else 1
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        builder.report("AGK101", Position(line + line_offset, col), message or "invalid YAML")
        return None, builder.problems
    except yaml.YAMLError as error:
        # Reader errors (control characters) carry a character offset instead of a mark.
        offset = getattr(error, "position", 0)
        at = offset_position(text, min(offset, len(text)))
        reason = getattr(error, "reason", "invalid character")
        builder.report("AGK101", Position(at.line + line_offset, at.col), str(reason))
        return None, builder.problems
    return YamlDocument(builder.root, builder.values, builder.keys), builder.problems
