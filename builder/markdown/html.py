"""Render stage for contributor Markdown: inert HTML and a table of contents, in linear time.

Narratives and teaching notes are rendered here, not by the site generator, so that what makes
them safe does not depend on MkDocs: raw HTML is never parsed as HTML, ids and classes are
checked against the id pattern and the names the theme and our scripts use, only allow-listed
attributes and URL schemes survive, relative links are URL-quoted, and nh3 cleans the result.
Validation refuses the same things with diagnostics; this stage makes whatever slips through
inert. Shapes Python-Markdown handles super-linearly are defused first (builder.markdown.limits).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import quote, unquote, urlsplit

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.markdown.anchors import slugify
from builder.markdown.limits import MAX_BLOCK_DEPTH, defuse, nesting_problems
from builder.markdown.rules import allowed_class, allowed_id, reserved_id
from builder.source.loader import MarkdownSource
from builder.source.yaml_source import offset_position

# Tags and attributes that Markdown and our extensions produce.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
PERMALINK_TITLE = "Permanent link"
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TABLE_ALIGN = re.compile(r"^text-align: (?:left|right|center);$")
_ESCAPED = re.compile(f"{STX}([0-9]+){ETX}")
_PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")


@dataclass(frozen=True)
class TocEntry:
    """A heading of the rendered text, for the page's table of contents."""

    level: int
    id: str
    title: str


@dataclass(frozen=True)
class RenderedMarkdown:
    """Sanitised HTML of one Markdown body and its table of contents."""

    html: str
    toc: tuple[TocEntry, ...]


class RenderError(Exception):
    """A body that cannot be rendered, with the offset in it that explains why."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class RenderOptions:
    """How a body sits in its page: heading levels to add, id prefix, headerlink title."""

    heading_shift: int = 0
    id_prefix: str = ""
    permalink_title: str = PERMALINK_TITLE


def safe_url(url: str) -> str | None:
    """The URL with relative paths percent-quoted per segment; None for a refused scheme."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return url if parts.scheme.lower() in URL_SCHEMES else None
    path = "/".join(quote(unquote(segment), safe="") for segment in parts.path.split("/"))
    query = f"?{quote(unquote(parts.query), safe='=&')}" if parts.query else ""
    fragment = f"#{quote(unquote(parts.fragment), safe='-')}" if parts.fragment else ""
    return path + query + fragment


class _Inert(Treeprocessor):
    """Checks ids, classes, attributes and URLs of every element; numbers and lists headings."""

    def __init__(self, md: markdown.Markdown, options: RenderOptions) -> None:
        super().__init__(md)
        self.options = options
        self.toc: list[TocEntry] = []
        self._numbers: dict[str, int] = {}

    def run(self, root: ET.Element) -> None:
        explicit = {el.get("id", "") for el in root.iter()}
        taken = {name for name in explicit if allowed_id(name)}
        for element in root.iter():
            self._attributes(element)
        for element in list(root.iter()):
            if element.tag in _HEADINGS:
                self._heading(element, taken)

    def _attributes(self, element: ET.Element) -> None:
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(element.tag, set())
        for name in [key for key in element.attrib if key not in allowed]:
            del element.attrib[name]
        element_id = element.get("id")
        if element_id is not None:
            if allowed_id(element_id):
                element.set("id", self.options.id_prefix + element_id)
            else:
                del element.attrib["id"]
        classes = [name for name in element.get("class", "").split() if allowed_class(name)]
        if classes:
            element.set("class", " ".join(classes))
        else:
            element.attrib.pop("class", None)
        style = element.get("style")
        if style is not None and not _TABLE_ALIGN.match(style):
            del element.attrib["style"]
        href = element.get("href", "")
        if (
            self.options.id_prefix
            and href.startswith("#")
            and classes[:1] in (["footnote-ref"], ["footnote-backref"])
        ):
            # The footnote's ids were prefixed above; its links follow them.
            element.set("href", f"#{self.options.id_prefix}{href[1:]}")
        for name in ("href", "src"):
            url = element.get(name)
            if url is not None:
                cleaned = safe_url(url)
                if cleaned is None:
                    del element.attrib[name]
                else:
                    element.set(name, cleaned)

    def _heading(self, element: ET.Element, taken: set[str]) -> None:
        level = min(int(element.tag[1]) + self.options.heading_shift, 6)
        element.tag = f"h{level}"
        title = _plain(element)
        heading_id = element.get("id") or self._new_id(title, taken)
        element.set("id", heading_id)
        link = ET.SubElement(element, "a", {"class": "headerlink", "href": f"#{heading_id}"})
        link.set("title", self.options.permalink_title)
        link.text = "¶"
        if level <= 3 + self.options.heading_shift:
            self.toc.append(TocEntry(level, heading_id, title))

    def _new_id(self, title: str, taken: set[str]) -> str:
        """An id for a heading without one: its slug, made unique and kept off reserved names."""
        base = slugify(title, "-").replace("_", "-").strip("-") or "section"
        if reserved_id(base):
            base = f"h-{base}"
        # Numbering resumes where it stopped for this base: restarting at 2 is quadratic.
        number = self._numbers.get(base, 1)
        candidate = base
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        self._numbers[base] = number
        taken.add(candidate)
        return self.options.id_prefix + candidate


def _plain(element: ET.Element) -> str:
    """The text of an element, with Python-Markdown's placeholders for escaped characters undone."""
    text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), "".join(element.itertext()))
    return _PLACEHOLDER.sub("", text).strip()


class MarkdownRenderer:
    """One configured Python-Markdown instance, reused for many bodies (one per process)."""

    def __init__(self) -> None:
        # Footnotes (Word documents have them): ids `fn-1`/`fnref-1` match the id pattern, and the
        # back link gets no English title on pages in other languages.
        self._md = markdown.Markdown(
            extensions=["attr_list", "tables", "admonition", "footnotes"],
            extension_configs={"footnotes": {"SEPARATOR": "-", "BACKLINK_TITLE": ""}},
        )
        # Raw HTML in a narrative is shown as text, never parsed as HTML.
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")

    def render(self, body: str, options: RenderOptions | None = None) -> RenderedMarkdown:
        """Render one body; RenderError when it is nested too deeply or cannot be rendered."""
        problems = nesting_problems(body)
        if problems:
            raise RenderError(problems[0].message, problems[0].offset)
        inert = _Inert(self._md, options or RenderOptions())
        self._md.reset()
        self._md.treeprocessors.register(inert, "agk-inert", 1)
        try:
            html = self._md.convert(defuse(body))
        except RecursionError:
            raise RenderError(f"nesting too deep to render (more than {MAX_BLOCK_DEPTH} levels?)") from None
        finally:
            self._md.treeprocessors.deregister("agk-inert")
        return RenderedMarkdown(sanitise(html), tuple(inert.toc))


def sanitise(html: str) -> str:
    """Allow-list cleaning of rendered HTML, keeping the ids and classes anchors and styles need."""
    return str(
        nh3.clean(
            html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None
        )
    )


@dataclass(frozen=True)
class RenderedCase:
    """The rendered narratives and teaching notes of one case, by language."""

    narratives: Mapping[str, RenderedMarkdown]
    notes: Mapping[str, RenderedMarkdown]


# Teaching notes have a page of their own, which also prints the narrative for trainers: their
# ids are kept apart from the narrative's.
NOTE_OPTIONS = RenderOptions(id_prefix="tn-")


def render_case(
    narratives: Iterable[MarkdownSource],
    notes: Iterable[MarkdownSource],
    renderer: MarkdownRenderer,
    permalink_titles: Mapping[str, str] | None = None,
) -> tuple[RenderedCase, list[Diagnostic]]:
    """Render every narrative and note of a case; a body that fails becomes an AGK309 diagnostic.

    A body is shown on the site of its own language, so its heading anchors take that
    language's title from `permalink_titles` (English without one).
    """
    problems: list[Diagnostic] = []
    titles = permalink_titles or {}

    def each(sources: Iterable[MarkdownSource], options: RenderOptions) -> dict[str, RenderedMarkdown]:
        done = {}
        for md in sources:
            title = titles.get(md.lang) or options.permalink_title
            try:
                done[md.lang] = renderer.render(md.body, replace(options, permalink_title=title))
            except RenderError as error:
                at = offset_position(md.body, error.offset, md.body_line)
                problems.append(problem("AGK309", md.display, at.line, at.col, error.message))
        return done

    rendered = RenderedCase(each(narratives, RenderOptions()), each(notes, NOTE_OPTIONS))
    return rendered, problems
