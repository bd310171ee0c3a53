"""The parts of an OpenDocument package around its body: checks, styles, tracked changes, properties.

The package is refused when it is not a plain text document (another kind, encrypted, macros).
Styles say what a paragraph or span is: LibreOffice stores built-in style names in English with
spaces escaped ("Heading_20_1", display name "Heading 1"), so kinds are recognised by name along
the `style:parent-style-name` chain; content.xml's automatic styles override styles.xml.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from builder.office.document import Style
from builder.office.package import Package, UnreadableDocument

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"
PARAGRAPHS = (f"{TEXT}p", f"{TEXT}h")
# Embedded objects: a draw:object is told apart by its sub-document's media type.
OBJECTS = {
    f"{DRAW}object-ole": "an embedded OLE object",
    f"{DRAW}plugin": "a plug-in object",
    f"{DRAW}applet": "a Java applet",
    f"{DRAW}floating-frame": "a floating frame (an embedded page)",
    f"{DRAW}object": "an embedded object",
}
_OBJECT_TYPES = {
    "formula": "an equation (formula object)",
    "chart": "a chart",
    "spreadsheet": "a spreadsheet",
}
_TEXT_TYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")
_KINDS = {"spreadsheet": "a spreadsheet", "presentation": "a presentation", "graphics": "a drawing"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Not shown as text: note citations are numbers the reader makes, the rest is bookkeeping.
_NOT_TEXT = frozenset(
    {f"{TEXT}note-citation", f"{OFFICE}change-info", f"{DC}creator", f"{DC}date", f"{META}date-string"}
)
_HEADING = re.compile(r"^heading([0-9]{1,3})$")
_ESCAPE = re.compile(r"_([0-9a-fA-F]{2})_")
_CAPTIONS = frozenset({"caption", "figure", "illustration", "table", "drawing"})
_WEIGHTS = (f"{FO}font-weight", f"{STYLE}font-weight-asian", f"{STYLE}font-weight-complex")
_SLANTS = (f"{FO}font-style", f"{STYLE}font-style-asian", f"{STYLE}font-style-complex")
_BOLD = frozenset({"bold"})
_ITALIC = frozenset({"italic", "oblique"})


@dataclass(frozen=True)
class StyleDef:
    """One paragraph or text style, as far as the import cares."""

    names: tuple[str, ...]  # folded style:name and style:display-name
    parent: str
    list_style: str
    bold: bool | None
    italic: bool | None
    automatic: bool


def count(value: str | None, default: int) -> int:
    """A small count or level from an attribute; anything else (huge, signed, not ASCII) is `default`."""
    return int(value) if value is not None and re.fullmatch(r"[0-9]{1,4}", value) else default


def fold(name: str) -> str:
    """A style name compared loosely: '_20_' escapes decoded, case, spaces and underscores ignored."""
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), name)
    return re.sub(r"[\s_-]+", "", decoded.casefold())


def _flag(props: ET.Element | None, keys: tuple[str, ...], on: frozenset[str]) -> bool | None:
    """Bold or italic as set by text properties (any script counts), or None when not set."""
    values = [props.get(key) for key in keys] if props is not None else []
    present = [value.casefold() for value in values if value]
    if not present:
        return None
    return any(value in on or count(value, 0) >= 600 for value in present)


def _style_def(element: ET.Element, automatic: bool) -> StyleDef:
    props = element.find(f"{STYLE}text-properties")
    return StyleDef(
        names=tuple(
            fold(n) for n in (element.get(f"{STYLE}name", ""), element.get(f"{STYLE}display-name", ""))
        ),
        parent=element.get(f"{STYLE}parent-style-name", ""),
        list_style=element.get(f"{STYLE}list-style-name", ""),
        bold=_flag(props, _WEIGHTS, _BOLD),
        italic=_flag(props, _SLANTS, _ITALIC),
        automatic=automatic,
    )


def _list_levels(element: ET.Element) -> dict[int, bool]:
    """Level (1-based) -> ordered; a number style with an empty format shows no number."""
    levels: dict[int, bool] = {}
    for level in element:
        if not level.tag.startswith(f"{TEXT}list-level-style-"):
            continue
        ordered = level.tag == f"{TEXT}list-level-style-number" and level.get(f"{STYLE}num-format") != ""
        levels[count(level.get(f"{TEXT}level"), 1)] = ordered
    return levels


@dataclass(frozen=True)
class Styles:
    """Paragraph and text styles by name, and list styles' ordered flag per level."""

    paragraph: dict[str, StyleDef] = field(default_factory=dict)
    text: dict[str, StyleDef] = field(default_factory=dict)
    lists: dict[str, dict[int, bool]] = field(default_factory=dict)

    def _chain(self, styles: dict[str, StyleDef], name: str) -> Iterator[StyleDef]:
        """A style and its parents, nearest first (a loop is cut)."""
        seen: set[str] = set()
        while name and name not in seen and name in styles:
            seen.add(name)
            yield styles[name]
            name = styles[name].parent

    def kind(self, element: ET.Element) -> tuple[Style, int]:
        """A text:p or text:h's role and heading level."""
        name = element.get(f"{TEXT}style-name", "")
        named = next((k for s in self._chain(self.paragraph, name) if (k := _named_kind(s.names))), None)
        if element.tag == f"{TEXT}h":
            if (outline := count(element.get(f"{TEXT}outline-level"), 0)) > 0:
                return Style.HEADING, min(outline, 6)
            # No outline level: a Title paragraph LibreOffice wrote as text:h stays the title.
            return named or (Style.HEADING, 1)
        return named or (Style.BODY, 0)

    def paragraph_format(self, element: ET.Element) -> tuple[bool, bool]:
        """Bold and italic set on the paragraph's own automatic style (not inherited from named ones)."""
        style = self.paragraph.get(element.get(f"{TEXT}style-name", ""))
        if style is None or not style.automatic:
            return False, False
        return bool(style.bold), bool(style.italic)

    def text_format(self, name: str, bold: bool, italic: bool) -> tuple[bool, bool]:
        """Bold and italic inside a span of text style `name`, given those around it."""
        chain = list(self._chain(self.text, name))
        own_bold = next((s.bold for s in chain if s.bold is not None), None)
        own_italic = next((s.italic for s in chain if s.italic is not None), None)
        return (bold if own_bold is None else own_bold), (italic if own_italic is None else own_italic)

    def list_style_of(self, element: ET.Element) -> str:
        """The list style a paragraph's style names, along its parents, or ''."""
        chain = self._chain(self.paragraph, element.get(f"{TEXT}style-name", ""))
        return next((s.list_style for s in chain if s.list_style), "")

    def ordered(self, list_style: str, depth: int) -> bool:
        """Whether items at nesting `depth` (0 for the top) of a list style are numbered."""
        return self.lists.get(list_style, {}).get(depth + 1, False)


def _named_kind(names: tuple[str, ...]) -> tuple[Style, int] | None:
    for name in names:
        if name == "title":
            return Style.TITLE, 0
        if match := _HEADING.match(name):
            return Style.HEADING, min(max(int(match.group(1)), 1), 6)
        if name in _CAPTIONS:
            return Style.CAPTION, 0
        if name == "guidance":
            return Style.GUIDANCE, 0
    return None


def read_styles(package: Package, content: ET.Element) -> Styles:
    """The styles of styles.xml (common, then automatic) overridden by content.xml's automatic ones."""
    containers: list[tuple[ET.Element | None, bool]] = []
    if package.has("styles.xml"):
        root = package.xml("styles.xml")
        containers += [(root.find(f"{OFFICE}automatic-styles"), False), (root.find(f"{OFFICE}styles"), False)]
    containers.append((content.find(f"{OFFICE}automatic-styles"), True))
    styles = Styles()
    for container, automatic in containers:
        for element in container if container is not None else ():
            name = element.get(f"{STYLE}name", "")
            if element.tag == f"{TEXT}list-style":
                styles.lists[name] = _list_levels(element)
            elif element.tag == f"{STYLE}style" and element.get(f"{STYLE}family") == "paragraph":
                styles.paragraph[name] = _style_def(element, automatic)
            elif element.tag == f"{STYLE}style" and element.get(f"{STYLE}family") == "text":
                styles.text[name] = _style_def(element, automatic)
    return styles


@dataclass(frozen=True)
class Change:
    """A tracked change region: insertion, deletion or format change, who made it, text deleted."""

    kind: str
    author: str
    deleted: str


def check_package(package: Package) -> dict[str, str]:
    """Refuse what is not a plain text document; the manifest's media types by path."""
    mimetype = package.read("mimetype").decode("ascii", "replace").strip() if package.has("mimetype") else ""
    if mimetype not in _TEXT_TYPES:
        kind = next((k for key, k in _KINDS.items() if key in mimetype), "")
        raise UnreadableDocument(
            f"this is {kind}, not a text document" if kind else "this is not an OpenDocument text document",
            "import a .odt or .docx text document",
        )
    manifest = package.xml("META-INF/manifest.xml") if package.has("META-INF/manifest.xml") else None
    entries = list(manifest.iter(f"{MANIFEST}file-entry")) if manifest is not None else []
    if manifest is not None and manifest.find(f".//{MANIFEST}encryption-data") is not None:
        raise UnreadableDocument("the document is encrypted", "save it again without a password, as .odt")
    paths = [e.get(f"{MANIFEST}full-path", "") for e in entries]
    stored = [n for n in package.names if package.archive.getinfo(n).file_size > 0]
    if any(_is_macro(path) for path in (*paths, *stored)):
        raise UnreadableDocument(
            "the document contains macros; save it without macros as .odt",
            "in LibreOffice, delete the macros (Tools → Macros → Organize) and save as .odt",
        )
    return {
        p.removeprefix("./").rstrip("/"): e.get(f"{MANIFEST}media-type", "")
        for p, e in zip(paths, entries, strict=True)
    }


def _is_macro(path: str) -> bool:
    """A Basic or script file; directories and library index files (*-lc.xml, *-lb.xml) hold no code."""
    path = path.removeprefix("./").removeprefix("/")
    if not path.startswith(("Basic/", "Scripts/")) or path.endswith("/"):
        return False
    return not path.endswith(("-lc.xml", "-lb.xml"))


def tracked_changes(text: ET.Element) -> dict[str, Change]:
    """Tracked change regions by id, from text:tracked-changes."""
    changes: dict[str, Change] = {}
    for tracked in text.findall(f"{TEXT}tracked-changes"):
        for region in tracked.findall(f"{TEXT}changed-region"):
            for change in region:
                info = change.find(f"{OFFICE}change-info")
                author = info.findtext(f"{DC}creator", "") if info is not None else ""
                kind = change.tag.rpartition("}")[2].replace("-", " ")
                deleted = plain_text(change) if change.tag == f"{TEXT}deletion" else ""
                change_id = region.get(f"{TEXT}id") or region.get(XML_ID) or ""
                changes[change_id] = Change(kind, author.strip() or "someone", deleted)
    return changes


def properties(package: Package) -> Iterator[str]:
    """Title, description, subject, keywords, authors and custom properties, for the privacy scan."""
    if not package.has("meta.xml"):
        return
    wanted = {f"{DC}title", f"{DC}description", f"{DC}subject", f"{META}keyword", f"{DC}creator"}
    wanted |= {f"{META}initial-creator", f"{META}user-defined"}
    for element in package.xml("meta.xml").iter():
        if element.tag in wanted:
            yield "".join(element.itertext())


def plain_text(element: ET.Element) -> str:
    """The text of an element's paragraphs, white space collapsed (for comments and deleted text)."""
    return " ".join("".join(_pieces(element)).split())


def _pieces(element: ET.Element) -> Iterator[str]:
    if element.tag in _NOT_TEXT:
        return
    if element.tag in (f"{TEXT}s", f"{TEXT}tab", f"{TEXT}line-break", *PARAGRAPHS):
        yield " "
    yield element.text or ""
    for child in element:
        yield from _pieces(child)
        yield child.tail or ""


def object_kind(element: ET.Element, media_types: dict[str, str]) -> str:
    """What an embedded object is, from the manifest's media type of its sub-document."""
    if element.tag != f"{DRAW}object":
        return OBJECTS[element.tag]
    if element.find("{http://www.w3.org/1998/Math/MathML}math") is not None:
        return _OBJECT_TYPES["formula"]
    href = element.get(f"{XLINK}href", "").removeprefix("./").rstrip("/")
    media_type = media_types.get(href, "")
    return next(
        (kind for key, kind in _OBJECT_TYPES.items() if media_type.endswith(key)), "an embedded object"
    )


def picture_part(package: Package, href: str) -> str | None:
    """The package part a picture's href names, or None when it points outside the package."""
    if not href or _SCHEME.match(href) or href.startswith(("/", "\\")) or "\\" in href:
        return None
    path = posixpath.normpath(href)
    if path in (".", "..") or path.startswith("../"):
        return None
    return path if package.has(path) or not package.has(unquote(path)) else unquote(path)
