"""Privacy rules: Aadhaar numbers and PANs are errors; phones and personal e-mails warnings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from stdnum.in_ import aadhaar, pan

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.source.yaml_source import offset_position
from builder.validate.case_view import CaseView

# One pass finds every run of digits (of any script) with spaces or hyphens inside; the
# identifiers are then searched inside those short runs only. Separate whole-text regexes
# with look-behinds cost 1.4 ms per narrative; this costs about 0.1 ms.
_DIGIT_RUN = re.compile(r"\d[\d \-]*\d")
# A look-ahead finds overlapping candidates: "2019 2345 6789 0107" holds one after a year.
_AADHAAR = re.compile(r"(?<!\d)(?=(\d{4}[ \-]?\d{4}[ \-]?\d{4})(?!\d))")
_PHONE = re.compile(r"(?<![\d+])(?:(?:91[ \-]?|0)?[6-9]\d{4}[ \-]?\d{5}|0\d{2,4}[ \-]\d{6,8})(?!\d)")
_PAN_LETTERS = re.compile(r"[A-Z]{5}")
_EMAIL = re.compile(r"[\w.+\-]+@([\w\-]+(?:\.[\w\-]+)+)")
PERSONAL_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.in", "ymail.com", "hotmail.com",
    "outlook.com", "live.com", "msn.com", "rediffmail.com", "icloud.com", "me.com",
    "protonmail.com", "proton.me", "aol.com", "zoho.com", "gmx.com", "mail.com",
})  # fmt: skip


def ascii_digits(text: str) -> str:
    """Replace digits of any script (०-९, ০-৯, …) by ASCII digits."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def _position(text: str, offset: int) -> tuple[int, int]:
    at = offset_position(text, offset)
    return at.line, at.col


def _word_boundaries(text: str, start: int, end: int) -> bool:
    """True when the match is not glued to letters or digits on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _digit_run_problems(text: str, path: str, run: re.Match[str]) -> Iterator[Diagnostic]:
    start, end = run.span()
    if not _word_boundaries(text, start, end):
        if end - start == 4 and _PAN_LETTERS.fullmatch(text[max(start - 5, 0) : start]):
            candidate = text[start - 5 : end + 1]
            if pan.is_valid(candidate) and _word_boundaries(text, start - 5, end + 1):
                at = _position(text, start - 5)
                yield problem("AGK521", path, *at, f"text contains a PAN ({candidate[:3]}…)", "remove it")
        return
    # Digits of every script map one to one onto ASCII, so offsets inside the run still hold.
    digits = ascii_digits(run.group())
    found_aadhaar = False
    for match in _AADHAAR.finditer(digits):
        if aadhaar.is_valid(re.sub(r"\D", "", match.group(1))):
            found_aadhaar = True
            at = _position(text, start + match.start())
            yield problem("AGK520", path, *at, "text contains an Aadhaar number", "remove it")
    if not found_aadhaar:
        for match in _PHONE.finditer(digits):
            offset = start + match.start()
            offset -= 1 if offset > 0 and text[offset - 1] == "+" else 0
            yield problem("AGK522", path, *_position(text, offset), "text contains a phone number")


def scan_text(text: str, path: str) -> Iterator[Diagnostic]:
    """Find personal identifiers anywhere in a file's text."""
    for run in _DIGIT_RUN.finditer(text):
        yield from _digit_run_problems(text, path, run)
    if "@" in text:
        for match in _EMAIL.finditer(text):
            if match.group(1).lower() in PERSONAL_MAIL_DOMAINS:
                at = _position(text, match.start())
                yield problem("AGK523", path, *at, "text contains a personal e-mail address")


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Scan case.yaml and every Markdown file, including code blocks."""
    source = view.source
    if source.meta_text:
        yield from scan_text(source.meta_text, source.meta_display)
    for md in source.markdown_sources():
        yield from scan_text(md.text, md.display)
