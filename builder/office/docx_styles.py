"""What Word's styles and numbering say about a paragraph or run: heading, list, bold, italic.

Word stores built-in style names in English whatever the language of its interface ("heading 1",
"Title", "caption"), so kinds are recognised by name along the `basedOn` chain; list paragraphs
by their numbering (direct or from the style) and the number format of their level.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from builder.office.document import Style
from builder.office.package import Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING = re.compile(r"^heading([1-9])$")
_LIST_LEVEL = re.compile(r"^list(?:bullet|number)([2-9])$")
_CAPTIONS = frozenset({"caption", "figure", "illustration", "drawing", "table"})
_FALSE = frozenset({"0", "false", "off"})


@dataclass(frozen=True)
class ParagraphKind:
    """A paragraph's role as the import sees it."""

    style: Style = Style.BODY
    level: int = 0
    ordered: bool = False


@dataclass(frozen=True)
class _StyleDef:
    name: str
    based_on: str
    outline: int | None
    num_id: str | None
    ilvl: int | None
    bold: bool | None
    italic: bool | None


def _folded(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name.casefold())


def _flag(props: ET.Element | None, tags: tuple[str, ...]) -> bool | None:
    """A toggle property (w:b, w:i…) as set in `props`, or None when not set."""
    if props is None:
        return None
    for tag in tags:
        element = props.find(f"{W}{tag}")
        if element is not None:
            return element.get(f"{W}val", "true").casefold() not in _FALSE
    return None


def _num_pr(props: ET.Element | None) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a paragraph's or style's numbering properties."""
    num = props.find(f"{W}numPr") if props is not None else None
    if num is None:
        return None, None
    num_id = num.find(f"{W}numId")
    ilvl = num.find(f"{W}ilvl")
    level = ilvl.get(f"{W}val") if ilvl is not None else None
    return (num_id.get(f"{W}val") if num_id is not None else None), (
        int(level) if level and level.isdigit() else None
    )


@dataclass(frozen=True)
class Styles:
    """Paragraph and character styles by id, and each numbering's format per level."""

    styles: dict[str, _StyleDef] = field(default_factory=dict)
    default_paragraph: str = ""
    # numId -> {level: number format}
    formats: dict[str, dict[int, str]] = field(default_factory=dict)

    def _chain(self, style_id: str) -> list[_StyleDef]:
        chain: list[_StyleDef] = []
        while style_id in self.styles and len(chain) < 20:
            chain.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return chain

    def paragraph(self, element: ET.Element) -> ParagraphKind:
        """What a paragraph is, from its own properties and its style chain."""
        props = element.find(f"{W}pPr")
        style_el = props.find(f"{W}pStyle") if props is not None else None
        style_id = style_el.get(f"{W}val", "") if style_el is not None else self.default_paragraph
        chain = self._chain(style_id)
        names = [_folded(s.name) for s in chain]
        for name in names:
            if name == "title":
                return ParagraphKind(Style.TITLE)
            if name == "guidance":
                return ParagraphKind(Style.GUIDANCE)
            if heading := _HEADING.match(name):
                return ParagraphKind(Style.HEADING, min(int(heading.group(1)), 6))
            if name in _CAPTIONS:
                return ParagraphKind(Style.CAPTION)
        outline = self._outline(props, chain)
        if outline is not None and outline < 6:
            return ParagraphKind(Style.HEADING, outline + 1)
        return self._list(props, chain, names)

    def _outline(self, props: ET.Element | None, chain: list[_StyleDef]) -> int | None:
        own = props.find(f"{W}outlineLvl") if props is not None else None
        if own is not None and own.get(f"{W}val", "").isdigit():
            return int(own.get(f"{W}val", "9"))
        return next((s.outline for s in chain if s.outline is not None), None)

    def _list(self, props: ET.Element | None, chain: list[_StyleDef], names: list[str]) -> ParagraphKind:
        """A list item when the paragraph is numbered (numId 0 switches numbering off)."""
        num_id, ilvl = _num_pr(props)
        for style in chain:
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        if num_id is None or num_id == "0" or num_id not in self.formats:
            return ParagraphKind()
        if ilvl is None:
            ilvl = next((int(m.group(1)) - 1 for n in names if (m := _LIST_LEVEL.match(n))), 0)
        number_format = self.formats[num_id].get(ilvl, "bullet")
        return ParagraphKind(Style.LIST, min(ilvl, 8), number_format not in ("bullet", "none"))

    def run_format(self, run: ET.Element, bold: bool, italic: bool) -> tuple[bool, bool]:
        """Bold and italic of a run: its own properties, else its character style's, else inherited."""
        props = run.find(f"{W}rPr")
        style_el = props.find(f"{W}rStyle") if props is not None else None
        chain = self._chain(style_el.get(f"{W}val", "")) if style_el is not None else []
        names = {_folded(s.name) for s in chain}
        own_bold = _flag(props, ("b", "bCs"))
        own_italic = _flag(props, ("i", "iCs"))
        style_bold = next((s.bold for s in chain if s.bold is not None), None)
        style_italic = next((s.italic for s in chain if s.italic is not None), None)
        bold = own_bold if own_bold is not None else style_bold if style_bold is not None else bold
        italic = (
            own_italic if own_italic is not None else style_italic if style_italic is not None else italic
        )
        return bold or "strong" in names, italic or "emphasis" in names


def _style_def(element: ET.Element) -> _StyleDef:
    def val(tag: str) -> str:
        found = element.find(f"{W}{tag}")
        return found.get(f"{W}val", "") if found is not None else ""

    props = element.find(f"{W}pPr")
    outline = props.find(f"{W}outlineLvl") if props is not None else None
    num_id, ilvl = _num_pr(props)
    run = element.find(f"{W}rPr")
    level = outline.get(f"{W}val", "") if outline is not None else ""
    return _StyleDef(
        val("name"), val("basedOn"), int(level) if level.isdigit() else None, num_id, ilvl,
        _flag(run, ("b", "bCs")), _flag(run, ("i", "iCs")),
    )  # fmt: skip


def _formats(numbering: ET.Element) -> dict[str, dict[int, str]]:
    """numId -> {level: number format}, level overrides included."""
    abstract: dict[str, dict[int, str]] = {}
    for definition in numbering.findall(f"{W}abstractNum"):
        levels = abstract.setdefault(definition.get(f"{W}abstractNumId", ""), {})
        for lvl in definition.findall(f"{W}lvl"):
            number_format = lvl.find(f"{W}numFmt")
            levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                number_format.get(f"{W}val", "decimal") if number_format is not None else "decimal"
            )
    formats: dict[str, dict[int, str]] = {}
    for num in numbering.findall(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        levels = dict(abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {}))
        for override in num.findall(f"{W}lvlOverride/{W}lvl"):
            number_format = override.find(f"{W}numFmt")
            if number_format is not None:
                levels[int(override.get(f"{W}ilvl", "0"))] = number_format.get(f"{W}val", "decimal")
        formats[num.get(f"{W}numId", "")] = levels
    return formats


def read_styles(package: Package, styles_part: str, numbering_part: str) -> Styles:
    """The styles and numbering of a Word package (either may be missing)."""
    styles: dict[str, _StyleDef] = {}
    default = ""
    if styles_part and package.has(styles_part):
        for element in package.xml(styles_part).findall(f"{W}style"):
            style_id = element.get(f"{W}styleId", "")
            styles[style_id] = _style_def(element)
            if element.get(f"{W}type") == "paragraph" and element.get(f"{W}default") in ("1", "true"):
                default = style_id
    formats = _formats(package.xml(numbering_part)) if numbering_part and package.has(numbering_part) else {}
    return Styles(styles, default, formats)
