"""Privacy rules: Aadhaar numbers and PANs are errors; phones and personal e-mails warnings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from stdnum.in_ import aadhaar, pan

from builder.catalogue import problem
from builder.checks.case_view import CaseView
from builder.diagnostics import Diagnostic

_AADHAAR = re.compile(r"(?<![\d\w])\d{4}[ \-]?\d{4}[ \-]?\d{4}(?![\d\w])")
_PAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{5}\d{4}[A-Z](?![A-Za-z0-9])")
# Indian mobile numbers (optionally +91 or 0 first) and landlines with an STD code.
_MOBILE = r"(?<![\d\w+])(?:\+91[ \-]?|0)?[6-9]\d{4}[ \-]?\d{5}(?![\d\w])"
_LANDLINE = r"(?<![\d\w])0\d{2,4}[ \-]\d{6,8}(?![\d\w])"
_PHONE = re.compile(f"{_MOBILE}|{_LANDLINE}")
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
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def scan_text(text: str, path: str) -> Iterator[Diagnostic]:
    """Find personal identifiers anywhere in a file's text."""
    for match in _AADHAAR.finditer(text):
        digits = re.sub(r"\D", "", ascii_digits(match.group()))
        if aadhaar.is_valid(digits):
            yield problem(
                "AGK520",
                path,
                *_position(text, match.start()),
                "text contains an Aadhaar number",
                "remove it",
            )
    for match in _PAN.finditer(text):
        if pan.is_valid(match.group()):
            yield problem(
                "AGK521",
                path,
                *_position(text, match.start()),
                f"text contains a PAN ({match.group()[:3]}…)",
                "remove it",
            )
    for match in _PHONE.finditer(text):
        yield problem(
            "AGK522", path, *_position(text, match.start()), "text contains a phone number"
        )
    for match in _EMAIL.finditer(text):
        if match.group(1).lower() in PERSONAL_MAIL_DOMAINS:
            yield problem(
                "AGK523",
                path,
                *_position(text, match.start()),
                "text contains a personal e-mail address",
            )


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Scan case.yaml and every Markdown file, including code blocks."""
    source = view.source
    if source.meta_text:
        yield from scan_text(source.meta_text, source.meta_display)
    for md in source.markdown_sources():
        yield from scan_text(md.text, md.display)
