"""Raw WordprocessingML for `docx_writer`: list numbering, footnotes, hyperlinks (python-docx has no
API for them) and runs with their language, script and direction marks.

Elements are built with python-docx's own lxml parser so they mix freely
with the elements python-docx makes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
HYPERLINK_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
LATIN_LANGUAGE = "en-IN"
LEVELS = 9
# Scripts Word shapes as complex script (Arabic, Indic, Ol Chiki, Meetei Mayek and their
# extensions): runs holding them get w:cs so the complex-script font, size, bold and italic apply.
COMPLEX_SCRIPT = re.compile(
    "[\u0590-\u08ff\u0900-\u0dff\u1c50-\u1c7f\ua8e0-\ua8ff\uaae0-\uaaff\uabc0-\uabff"
    "\ufb1d-\ufdff\ufe70-\ufeff]"
)
# Control characters XML 1.0 cannot hold; lxml refuses them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BREAKS = re.compile("(\n|\t)")
_BULLETS = ("•", "◦", "▪")
# Word's usual list geometry: each level indented a further half inch, text hanging a quarter inch.
_INDENT_STEP = 720
_HANGING = 360
# Separator footnotes Word expects before any real one (ids -1 and 0).
_FOOTNOTES_SKELETON = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


def make(tag: str, attributes: dict[str, str] | None = None) -> BaseOxmlElement:
    """A new element `tag` ("w:p") with `attributes` given by prefixed names ("w:val")."""
    element = OxmlElement(tag, {qn(name): value for name, value in (attributes or {}).items()})
    # Tags python-docx has no class for come back as plain lxml elements; lxml has no type stubs
    # here, so they are typed as python-docx's base class (only lxml's own methods are used on them).
    return cast(BaseOxmlElement, element)


def child(parent: BaseOxmlElement, tag: str, attributes: dict[str, str] | None = None) -> BaseOxmlElement:
    """A new element appended to `parent`."""
    element = make(tag, attributes)
    parent.append(element)
    return element


class Numbering:
    """Lists added to a numbering part: one abstractNum per level pattern, one num per list."""

    def __init__(self, root: BaseOxmlElement) -> None:
        self._root = root
        self._abstract: dict[tuple[bool, ...], int] = {}
        self._next_abstract = 1 + max(_ids(root, "w:abstractNum", "w:abstractNumId"), default=-1)
        self._next_num = 1 + max(_ids(root, "w:num", "w:numId"), default=0)

    def new_list(self, pattern: tuple[bool, ...]) -> int:
        """The numId of a new list whose level i is numbered when pattern[i], else bulleted."""
        abstract_id = self._abstract.get(pattern)
        if abstract_id is None:
            abstract_id = self._abstract[pattern] = self._add_abstract(pattern)
        num_id = self._next_num
        self._next_num += 1
        num = make("w:num", {"w:numId": str(num_id)})
        child(num, "w:abstractNumId", {"w:val": str(abstract_id)})
        # Word continues numbering across nums that share an abstractNum unless told to restart.
        for level in range(LEVELS):
            override = child(num, "w:lvlOverride", {"w:ilvl": str(level)})
            child(override, "w:startOverride", {"w:val": "1"})
        cleanup = self._root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is None:
            self._root.append(num)
        else:
            cleanup.addprevious(num)
        return num_id

    def _add_abstract(self, pattern: tuple[bool, ...]) -> int:
        """Add an abstractNum for `pattern` before the first num (the schema's order)."""
        abstract_id = self._next_abstract
        self._next_abstract += 1
        abstract = make("w:abstractNum", {"w:abstractNumId": str(abstract_id)})
        child(abstract, "w:nsid", {"w:val": f"{0x4A470000 + abstract_id:08X}"})
        child(abstract, "w:multiLevelType", {"w:val": "hybridMultilevel"})
        for level, ordered in enumerate(pattern):
            abstract.append(_level(level, ordered))
        first_num = self._root.find(qn("w:num"))
        if first_num is None:
            self._root.append(abstract)
        else:
            first_num.addprevious(abstract)
        return abstract_id


def _ids(root: BaseOxmlElement, tag: str, attribute: str) -> list[int]:
    """The integer values of `attribute` on `tag` children of `root`."""
    values = (element.get(qn(attribute), "") for element in root.findall(qn(tag)))
    return [int(value) for value in values if value.lstrip("-").isdigit()]


def _level(level: int, ordered: bool) -> BaseOxmlElement:
    """A w:lvl: decimal "n." when ordered, else a bullet; indented by level."""
    lvl = make("w:lvl", {"w:ilvl": str(level)})
    child(lvl, "w:start", {"w:val": "1"})
    child(lvl, "w:numFmt", {"w:val": "decimal" if ordered else "bullet"})
    text = f"%{level + 1}." if ordered else _BULLETS[level % len(_BULLETS)]
    child(lvl, "w:lvlText", {"w:val": text})
    child(lvl, "w:lvlJc", {"w:val": "left"})
    properties = child(lvl, "w:pPr")
    indent = str(_INDENT_STEP * (level + 1))
    child(properties, "w:ind", {"w:left": indent, "w:hanging": str(_HANGING)})
    return lvl


def list_pattern(levels: list[tuple[int, bool]]) -> tuple[bool, ...]:
    """Per level, whether a list is numbered: the first item at a level decides, and a level
    no item uses takes the nearest used level above it (or the first used one)."""
    chosen: dict[int, bool] = {}
    for level, ordered in levels:
        chosen.setdefault(level, ordered)
    current = chosen[min(chosen)] if chosen else False
    pattern: list[bool] = []
    for level in range(LEVELS):
        current = chosen.get(level, current)
        pattern.append(current)
    return tuple(pattern)


def add_footnotes_part(document_part: Part) -> tuple[XmlPart, BaseOxmlElement]:
    """A new /word/footnotes.xml related from `document_part`, holding only the separators."""
    root = parse_xml(_FOOTNOTES_SKELETON)
    part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, root, document_part.package)
    document_part.relate_to(part, FOOTNOTES_RELATIONSHIP)
    return part, root


def add_footnote(root: BaseOxmlElement, footnote_id: int) -> BaseOxmlElement:
    """A new, empty w:footnote with `footnote_id` at the end of the footnotes part."""
    return child(root, "w:footnote", {"w:id": str(footnote_id)})


def hyperlink(part: Part, url: str) -> BaseOxmlElement:
    """An empty w:hyperlink pointing at `url` through an external relationship of `part`."""
    relationship_id = part.relate_to(url, HYPERLINK_RELATIONSHIP, is_external=True)
    return make("w:hyperlink", {"r:id": relationship_id, "w:history": "1"})


@dataclass(frozen=True)
class Emphasis:
    """A run's direct formatting."""

    bold: bool = False
    italic: bool = False
    superscript: bool = False


def run_properties(
    text: str, style_id: str | None, emphasis: Emphasis, *, rtl: bool, complex_language: str | None
) -> BaseOxmlElement:
    """A w:rPr in the schema's order; bold and italic also for complex script (w:bCs, w:iCs)."""
    properties = make("w:rPr")
    if style_id is not None:
        child(properties, "w:rStyle", {"w:val": style_id})
    for flag, tags in ((emphasis.bold, ("w:b", "w:bCs")), (emphasis.italic, ("w:i", "w:iCs"))):
        for tag in tags if flag else ():
            child(properties, tag)
    if emphasis.superscript:
        child(properties, "w:vertAlign", {"w:val": "superscript"})
    if rtl:
        child(properties, "w:rtl")
    if COMPLEX_SCRIPT.search(text):
        child(properties, "w:cs")
    language = {"w:val": LATIN_LANGUAGE}
    if complex_language is not None:
        language["w:bidi"] = complex_language
    child(properties, "w:lang", language)
    return properties


def text_run(properties: BaseOxmlElement, text: str) -> BaseOxmlElement:
    """A w:r of `text`; line breaks and tabs become w:br and w:tab."""
    run = make("w:r")
    run.append(properties)
    for piece in _BREAKS.split(text):
        if piece == "\n":
            child(run, "w:br")
        elif piece == "\t":
            child(run, "w:tab")
        elif piece:
            child(run, "w:t", {"xml:space": "preserve"}).text = piece
    return run
