"""Personal identifiers in any script, with exact positions, and no false alarms on years."""

from __future__ import annotations

import pytest

from builder.validate.checks.privacy import scan_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aadhaar 2345 6789 0107.", [("AGK520", 9)]),
        ("id 234567890107", [("AGK520", 4)]),
        ("in 2019 2345 6789 0107 x", [("AGK520", 9)]),
        ("आधार २३४५ ६७८९ ०१०७", [("AGK520", 6)]),
        ("x 1234 5678 9012 y", []),  # fails the Verhoeff check
        ("PAN ABCPK1234F.", [("AGK521", 5)]),
        ("XABCPK1234F", []),
        ("call +91 98765 43210 now", [("AGK522", 6)]),
        ("call 9876543210.", [("AGK522", 6)]),
        ("office 011-23456789", [("AGK522", 8)]),
        ("between 2019-2020 and 2021 – 2024, 3,45,000 households", []),
        ("write to officer@gmail.com", [("AGK523", 10)]),
        ("write to dm-office@up.gov.in", []),
    ],
)
def test_identifiers(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(d.code, d.col) for d in scan_text(text, "x.md")] == expected


def test_positions_count_lines() -> None:
    found = list(scan_text("first line\nsecond 2345 6789 0107\n", "x.md"))
    assert [(d.line, d.col) for d in found] == [(2, 8)]
