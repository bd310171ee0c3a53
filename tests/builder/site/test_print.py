"""Printing a case in Chromium: the participant handout (the case page) and the trainer version
(its teaching-note page) rendered to PDF with the print stylesheet, then read back with pdfium."""

from __future__ import annotations

import bisect
import itertools
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser import open_page
from tests.conftest import REPO, new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A sample case with a cover, metrics, a narrative and a teaching note in English and Hindi.
CASE = "gj-industrial-approvals-single-window"
# A case made here: a table longer than a page and a link leaving the site.
LONG = "mh-print-long-table"
LINK_OUT = "https://data.example.org/anaemia"
ROWS = 80
PRINTS = {
    "en-case": f"en/cases/{CASE}/index.html",
    "en-note": f"en/cases/{CASE}/teaching-note.html",
    "hi-case": f"hi/cases/{CASE}/index.html",
    "hi-note": f"hi/cases/{CASE}/teaching-note.html",
    "long": f"en/cases/{LONG}/index.html",
}
# What an element says, without the permalink mark headings carry (hidden elements too).
TEXT = "els => els.map(el => el.textContent.replace('¶', '').trim())"
# Points above the lowest line of a sheet that count as its foot (about two lines of text).
FOOT = 30


def flat(text: str) -> str:
    """Text to compare however lines wrapped: no white space, compatibility forms folded, and
    pdfium's mark for a hyphen at the end of a line (U+0002) a hyphen again."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text.replace("\x02", "-")))


@dataclass(frozen=True)
class Printed:
    """A PDF as read back: each sheet's text and foot (flattened) and its number of raster images."""

    sheets: tuple[str, ...]
    feet: tuple[str, ...]
    images: tuple[int, ...]

    @property
    def text(self) -> str:
        """The text of every sheet, in order."""
        return "".join(self.sheets)

    def sheet_of(self, text: str) -> int:
        """The index of the first sheet holding `text`, or -1."""
        return next((i for i, sheet in enumerate(self.sheets) if flat(text) in sheet), -1)

    def sheets_in_order(self, texts: list[str]) -> list[int]:
        """The sheet on which each of `texts` starts, each looked for after the one before
        (a text may run over a page break); -1 for one not found in that order."""
        ends = list(itertools.accumulate(len(sheet) for sheet in self.sheets))
        found, start = [], 0
        for text in texts:
            at = self.text.find(flat(text), start)
            found.append(bisect.bisect_right(ends, at) if at >= 0 else -1)
            start = at + len(flat(text)) if at >= 0 else start
        return found


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def times(m: Matrix, n: Matrix) -> Matrix:
    """The PDF matrix product m × n (m applied first)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def to_unicode(font: Any) -> tuple[dict[bytes, str], int]:
    """A font's ToUnicode CMap as code → text, and the length of its codes in bytes."""
    table: dict[bytes, str] = {}
    width = 1
    if "/ToUnicode" not in font:
        return table, width
    data = font["/ToUnicode"].get_object().get_data()

    def utf16(hexa: bytes) -> str:
        return bytes.fromhex(hexa.decode()).decode("utf-16-be", "replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = _HEX.findall(block)
        for src, dst in zip(pairs[::2], pairs[1::2], strict=True):
            width = len(src) // 2
            table[bytes.fromhex(src.decode())] = utf16(dst)
    ranges = rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)"
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, dst in re.findall(ranges, block):
            width, start, count = len(low) // 2, int(low, 16), int(high, 16) - int(low, 16) + 1
            if dst.startswith(b"["):
                targets = [utf16(t) for t in _HEX.findall(dst)]
            else:
                first = bytes.fromhex(dst[1:-1].decode())
                last = int.from_bytes(first[-2:], "big")
                targets = [
                    (first[:-2] + (last + i).to_bytes(2, "big")).decode("utf-16-be", "replace")
                    for i in range(count)
                ]
            for i, target in enumerate(targets[:count]):
                table[(start + i).to_bytes(width, "big")] = target
    return table, width


def sheet_runs(owner: Any, reader: Any, ctm: Matrix = IDENTITY) -> list[tuple[float, str]]:
    """The text a page (or form) draws, run by run with the height it stands at on the sheet.

    Chromium writes an ActualText span for each cluster whose glyphs do not map one to one to
    characters (Indic conjuncts, vowel signs drawn before their consonant, ligatures): the
    span's text stands for its glyphs. pypdf's own extract_text ignores these spans.
    """
    from pypdf.generic import ContentStream, DictionaryObject

    resources = owner.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    fonts = resources.get("/Font", DictionaryObject()).get_object()
    xobjects = resources.get("/XObject", DictionaryObject()).get_object()
    contents = owner.get_contents() if hasattr(owner, "get_contents") else owner
    if contents is None:
        return []
    runs: list[tuple[float, str]] = []
    cache: dict[str, tuple[dict[bytes, str], int]] = {}
    font: tuple[dict[bytes, str], int] = ({}, 1)
    stack: list[Matrix] = []
    line = text = IDENTITY
    # One entry per open marked-content sequence: whether it stands for its glyphs.
    spans: list[bool] = []
    pending: str | None = None

    def at() -> float:
        return times(text, ctm)[5]

    for operands, operator in ContentStream(contents, reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q" and stack:
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = times(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif operator == b"BT":
            line = text = IDENTITY
        elif operator == b"Tm":
            line = text = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif operator in (b"Td", b"TD"):
            line = text = times((1, 0, 0, 1, float(operands[0]), float(operands[1])), line)
        elif operator == b"Tf":
            name = str(operands[0])
            if name not in cache:
                cache[name] = to_unicode(fonts[name].get_object())
            font = cache[name]
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            # A span's text is placed where its first glyph is (its Tm comes after BDC).
            if pending is not None:
                runs.append((at(), pending))
                pending = None
            if any(spans):
                continue
            table, width = font
            for string in operands[0] if operator == b"TJ" else operands[-1:]:
                if isinstance(string, (int, float)):
                    continue
                raw = string.get_original_bytes() if hasattr(string, "get_original_bytes") else bytes(string)
                runs.append(
                    (at(), "".join(table.get(raw[i : i + width], "") for i in range(0, len(raw), width)))
                )
        elif operator == b"BDC":
            properties = operands[1].get_object() if len(operands) > 1 else None
            actual = properties.get("/ActualText") if isinstance(properties, DictionaryObject) else None
            if actual is not None and not any(spans):
                pending = str(actual)
            spans.append(actual is not None)
        elif operator == b"BMC":
            spans.append(False)
        elif operator == b"EMC" and spans:
            if spans.pop() and pending is not None:
                runs.append((at(), pending))
                pending = None
        elif operator == b"Do":
            xobject = xobjects[str(operands[0])].get_object()
            if xobject.get("/Subtype") == "/Form":
                matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
                runs += sheet_runs(xobject, reader, times(matrix, ctm))  # type: ignore[arg-type]
    return runs


def image_count(owner: Any) -> int:
    """Raster images a page (or the forms it draws) holds."""
    resources = owner.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    count = 0
    for reference in (xobjects.get_object() if xobjects is not None else {}).values():
        xobject = reference.get_object()
        if xobject.get("/Subtype") == "/Image":
            count += 1
        elif xobject.get("/Subtype") == "/Form":
            count += image_count(xobject)
    return count


def read_pdf(path: Path) -> Printed:
    """Text, foot and raster images of each sheet of a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    sheets, feet, images = [], [], []
    for page in reader.pages:
        runs = sheet_runs(page, reader)
        sheets.append(flat("".join(run for _, run in runs)))
        # Text comes in paint order, not reading order: the foot is found by height (PDF
        # coordinates run upwards from the bottom edge).
        lowest = min((y for y, run in runs if run.strip()), default=0.0)
        feet.append(flat("".join(run for y, run in runs if y <= lowest + FOOT)))
        images.append(image_count(page))
    return Printed(tuple(sheets), tuple(feet), tuple(images))


def write_long_case(root: Path) -> None:
    """A caselet whose narrative holds a table of ROWS rows and a link leaving the site."""
    folder = root / "case_studies" / LONG
    folder.mkdir()
    (folder / "case.yaml").write_text(
        "type: caselet\noriginal_language: en\nstates: [MH]\nlevel: state\n"
        "sectors:\n  - sector: nutrition\n    sub_sector: anaemia\nsdgs: [3]\nyear: 2019\n"
        "organisation: State nutrition mission\nsample: true\n",
        encoding="utf-8",
    )
    rows = "".join(f"| District {i:02d} | {100 + i} | {200 + i} |\n" for i in range(1, ROWS + 1))
    (folder / "en.md").write_text(
        "---\ntitle: A long table for the print test\n"
        "summary: Eighty districts in one table, longer than a printed page.\n---\n\n"
        f"## Context {{#context}}\n\nThe mission published its figures on [the open data portal]({LINK_OUT}).\n\n"
        f"| Place | Tested | Treated |\n|---|---|---|\n{rows}\n"
        "## Questions for discussion {#questions}\n\n1. Which districts should be visited first?\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample repository plus the long case, built in English and Hindi."""
    project = new_project(tmp_path_factory.mktemp("print") / "repo", REPO / "case_studies")
    write_long_case(project.root)
    completed = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--strict", "--lang", "en,hi"],
        cwd=project.root, capture_output=True, text=True, check=False,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return project.root / "site"


@pytest.fixture(scope="module")
def printed(browser: Any, site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    """Each page of PRINTS printed to A4 as a reader's browser would (print media, no
    backgrounds, the stylesheet's page size and margins), kept in a temporary folder."""
    folder = tmp_path_factory.mktemp("pdf")
    watch = open_page(browser)
    page = watch.page
    result = {}
    try:
        for name, path in PRINTS.items():
            page.emulate_media(media="screen")
            page.goto((site_dir / path).as_uri())
            page.evaluate("document.fonts.ready.then(() => true)")
            page.emulate_media(media="print")
            target = folder / f"{name}.pdf"
            page.pdf(path=str(target), format="A4", prefer_css_page_size=True)
            result[name] = read_pdf(target)
        assert watch.external_requests() == []
        assert watch.errors == []
    finally:
        page.context.close()
    return result


@pytest.fixture
def screen(browser: Any, site_dir: Path) -> Iterator[Any]:
    """A function opening a page of the site on screen; the page it returns."""
    watch = open_page(browser)

    def goto(path: str) -> Any:
        watch.page.emulate_media(media="screen")
        watch.page.goto((site_dir / path).as_uri())
        return watch.page

    yield goto
    assert watch.errors == []
    watch.page.context.close()


def texts(page: Any, selector: str) -> list[str]:
    """What each element matching `selector` says."""
    found: list[str] = page.locator(selector).evaluate_all(TEXT)
    return found


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_participant_handout_leaves_out_the_teaching_note(
    printed: dict[str, Printed], screen: Any, lang: str
) -> None:
    handout, trainer = printed[f"{lang}-case"], printed[f"{lang}-note"]
    page = screen(PRINTS[f"{lang}-case"])
    section = texts(page, "h2#teaching-note, .agk-note-link")
    assert len(section) == 2
    shown = flat(page.locator(".agk-narrative").inner_text())
    page = screen(PRINTS[f"{lang}-note"])
    headings = texts(page, ".agk-teaching-note :is(h2, h3)")
    discussion = page.locator(".agk-teaching-note h2[id$=discussion]")
    # The discussion's paragraphs up to the next section: questions and their model answers.
    answers = discussion.evaluate(
        "h => { const out = []; for (let e = h.nextElementSibling; e && e.tagName !== 'H2';"
        " e = e.nextElementSibling) out.push(e.textContent.trim()); return out; }"
    )
    # Only what the narrative does not say too tells the note apart.
    markers = [text for text in [*headings, *answers[:4]] if flat(text) not in shown]
    assert discussion.evaluate("h => h.textContent.replace('¶', '').trim()") in markers
    assert len(markers) >= 8, markers
    for text in markers:
        assert flat(text) in trainer.text, text  # the PDF's text reads back in this script
        assert flat(text) not in handout.text, text
    for text in section:
        assert flat(text) not in handout.text, text


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_participant_handout_ends_with_citation_and_address(
    printed: dict[str, Printed], screen: Any, lang: str
) -> None:
    handout = printed[f"{lang}-case"]
    page = screen(PRINTS[f"{lang}-case"])
    # Hidden on screen, printed on paper: where the handout came from, as text and QR code.
    assert not page.locator(".agk-print-source").is_visible()
    (source,) = texts(page, ".agk-print-source p")
    assert f"https://amrit-gyan-kosh.example/{lang}/cases/{CASE}/" in source
    (citation,) = texts(page, ".agk-cite")
    (bibtex,) = texts(page, ".agk-bibtex")
    last = len(handout.sheets) - 1
    for text in (texts(page, "h2#cite")[0], citation, bibtex, source):
        assert handout.sheet_of(text) == last, text
    # Links inside the site lead nowhere on paper: they print no address.
    assert "states/gj.html" not in handout.text
    assert "../" not in handout.text


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_page_one_holds_title_summary_facts_and_cover(
    printed: dict[str, Printed], screen: Any, lang: str
) -> None:
    handout = printed[f"{lang}-case"]
    page = screen(PRINTS[f"{lang}-case"])
    (title,) = texts(page, "h1")
    (summary,) = texts(page, ".agk-lead")
    (credit,) = texts(page, ".agk-cover figcaption")
    for text in (title, summary, credit, texts(page, ".agk-meta dt")[-1]):
        assert handout.sheet_of(text) == 0, text
    # The cover is the page's only raster image (the QR code is drawn as a vector).
    assert handout.images[0] == 1
    assert sum(handout.images) == 1
    # Nothing of the screen's furniture: header, language menu, print and copy controls.
    for selector in (
        ".agk-print button",
        ".agk-copy button",
        ".agk-languages__title",
        ".agk-footer__licence",
    ):
        for text in texts(page, selector):
            assert flat(text) not in handout.text, (selector, text)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_trainer_version_prints_the_case_then_the_note(
    printed: dict[str, Printed], screen: Any, lang: str
) -> None:
    trainer = printed[f"{lang}-note"]
    page = screen(PRINTS[f"{lang}-case"])
    narrative = texts(page, ".agk-narrative h2")
    (title,) = texts(page, "h1")
    page = screen(PRINTS[f"{lang}-note"])
    # On screen the note page shows the note and not the narrative's copy.
    assert page.locator(".agk-teaching-note").is_visible()
    assert page.locator(".agk-print-case").count() == 1
    assert not page.locator(".agk-print-case").is_visible()
    assert page.locator(".agk-badge").is_visible()
    note = texts(page, ".agk-teaching-note h2")
    answers = texts(page, ".agk-teaching-note h2[id$=discussion] ~ p")
    assert len(narrative) >= 5 and len(note) >= 5 and answers
    case_sheets = trainer.sheets_in_order([title, *narrative])
    note_sheets = trainer.sheets_in_order(note) + trainer.sheets_in_order(answers)
    assert -1 not in case_sheets + note_sheets, (case_sheets, note_sheets)
    # The note starts on a sheet of its own, after the whole case.
    assert max(case_sheets) < min(note_sheets)
    assert -1 not in trainer.sheets_in_order([title, *narrative, *note])
    assert trainer.sheets[min(note_sheets)].startswith(flat(note[0]))
    assert trainer.images == (0,) * len(trainer.images)


@pytest.mark.parametrize("name", ["en-case", "hi-case", "en-note", "hi-note", "long"])
def test_no_heading_is_left_at_the_foot_of_a_sheet(
    printed: dict[str, Printed], screen: Any, name: str
) -> None:
    pdf = printed[name]
    page = screen(PRINTS[name])
    headings = [flat(text) for text in texts(page, ".md-content :is(h1, h2, h3, h4, .agk-print-case__title)")]
    assert len(headings) >= 3
    for index, foot in enumerate(pdf.feet[:-1]):
        assert foot, index
        assert not any(foot.endswith(heading) for heading in headings), (index, foot[-80:])


def test_long_table_repeats_its_header_row_and_keeps_rows_whole(printed: dict[str, Printed]) -> None:
    long = printed["long"]
    header = flat("Place Tested Treated")
    rows = [flat(f"District {i:02d} {100 + i} {200 + i}") for i in range(1, ROWS + 1)]
    with_rows = [sheet for sheet in long.sheets if "District" in sheet]
    assert len(with_rows) >= 3
    assert all(sheet.count(header) == 1 for sheet in with_rows)
    for row in rows:
        assert sum(sheet.count(row) for sheet in long.sheets) == 1, row


def test_links_leaving_the_site_print_their_address(printed: dict[str, Printed]) -> None:
    assert flat(f"the open data portal ({LINK_OUT})") in printed["long"].text
    # The reference already ends with the case's address: it is not printed twice.
    handout = printed["en-case"].text
    address = flat(f"https://amrit-gyan-kosh.example/en/cases/{CASE}/index.html")
    assert f"({address})" not in handout


def test_print_media_hides_the_screen_and_shows_the_paper(screen: Any) -> None:
    page = screen(PRINTS["en-note"])
    page.emulate_media(media="print")
    assert page.locator(".agk-print-case").is_visible()
    assert page.locator(".agk-teaching-note").is_visible()
    # The trainer version keeps its mark but not the link back to the case.
    assert page.locator(".agk-note-link .agk-badge").is_visible()
    assert not page.locator(".agk-note-link > a").is_visible()
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".agk-print",
    ):
        assert not page.locator(selector).first.is_visible(), selector
    page = screen(PRINTS["en-case"])
    page.emulate_media(media="print")
    for selector in ("h2#teaching-note", ".agk-note-link", ".agk-copy", "h2#attachments", ".agk-attachments"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".agk-print-source svg").is_visible()


def relative_luminance(colour: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour with channels 0-255."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def over(colour: str, ground: tuple[float, float, float]) -> tuple[float, float, float]:
    """A computed CSS colour (rgb or rgba) laid over an opaque `ground`."""
    parts = [float(p) for p in re.findall(r"[\d.]+", colour)]
    alpha = parts[3] if len(parts) == 4 else 1.0
    r, g, b = (alpha * parts[i] + (1 - alpha) * ground[i] for i in range(3))
    return (r, g, b)


def test_badge_is_a_bordered_word_with_enough_contrast(screen: Any) -> None:
    page = screen(PRINTS["en-case"])
    badge = page.locator(".agk-note-link .agk-badge")
    assert badge.inner_text() == "For trainers"
    style = badge.evaluate(
        "el => { const s = getComputedStyle(el); return [s.color, s.backgroundColor, s.borderTopStyle,"
        " s.borderTopWidth, getComputedStyle(document.body).backgroundColor]; }"
    )
    colour, background, border, width, body = style
    assert border != "none" and width != "0px"
    ground = over(background, over(body, (255, 255, 255)))
    text = over(colour, ground)
    lighter, darker = sorted((relative_luminance(ground), relative_luminance(text)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5


def test_links_out_of_an_offline_zip_say_they_need_a_connection(screen: Any) -> None:
    page = screen(PRINTS["en-case"])
    after = page.evaluate(
        "() => { const a = document.createElement('a'); a.href = 'https://amrit-gyan-kosh.example/hi/';"
        " a.dataset.agkOnline = 'needs a connection'; a.textContent = 'Hindi';"
        " document.querySelector('.agk-lead').append(a);"
        " return getComputedStyle(a, '::after').content; }"
    )
    assert after in {'" (" attr(data-agk-online) ")"', '" (needs a connection)"'}


def test_print_button_and_trainer_link_open_the_print_dialog(screen: Any) -> None:
    page = screen(PRINTS["en-case"])
    page.add_init_script("window.print = () => { window.agkPrinted = (window.agkPrinted || 0) + 1; };")
    page.reload()
    page.locator("button[data-agk-print]").click()
    assert page.evaluate("window.agkPrinted") == 1
    page.locator("a.agk-print__trainer").click()
    page.wait_for_url(f"**/{CASE}/teaching-note.html#agk-print")
    page.wait_for_function("window.agkPrinted === 1")


def test_printed_sample_is_not_a_single_sheet(printed: dict[str, Printed]) -> None:
    # The participant handout and trainer version of a full case run over several sheets,
    # and the trainer version is the longer of the two.
    for lang in ("en", "hi"):
        handout, trainer = printed[f"{lang}-case"], printed[f"{lang}-note"]
        assert 2 <= len(handout.sheets) < len(trainer.sheets)
