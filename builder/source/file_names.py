"""Portable file names: what every file system, web address and zip archive can hold.

Shared by validation (media files of a case) and archives (every entry of a bundle).
"""

from __future__ import annotations

import unicodedata

MAX_SEGMENT_BYTES = 255  # longest file name ext4, NTFS and APFS accept
WINDOWS_FORBIDDEN = frozenset('<>:"|?*')
# Device names Windows resolves in any folder and with any extension (`con.txt` is CON).
# COM0/LPT0 and the superscript-digit forms are reserved too on current Windows.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789¹²³"}
)
# Bidirectional embeddings, overrides and isolates make a name display as something it is not.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _segment_reasons(segment: str) -> list[str]:
    """Reasons one path segment is unsafe on some platform."""
    if segment == "":
        return ["empty path segment"]
    if segment in {".", ".."}:
        return [f"'{segment}' segment"]
    reasons = []
    if segment[-1] in ". ":
        reasons.append(f"segment {segment!r} ends in a dot or space (Windows drops it)")
    if segment.split(".", 1)[0].rstrip(" ").casefold() in WINDOWS_DEVICES:
        reasons.append(f"segment {segment!r} is a Windows device name")
    if len(segment.encode("utf-8", "surrogatepass")) > MAX_SEGMENT_BYTES:
        reasons.append(f"segment longer than {MAX_SEGMENT_BYTES} bytes")
    return reasons


def _character_reasons(name: str) -> list[str]:
    """Reasons some character of `name` is unsafe."""
    reasons = []
    if "\\" in name:
        reasons.append("backslash")
    if any(unicodedata.category(char) == "Cc" for char in name):
        reasons.append("control character")
    if any(unicodedata.category(char) == "Cs" for char in name):
        reasons.append("lone surrogate (not valid Unicode)")
    if BIDI_CONTROLS.intersection(name):
        reasons.append("bidirectional control character")
    forbidden = sorted(WINDOWS_FORBIDDEN.intersection(name))
    if forbidden:
        reasons.append("character Windows forbids: " + " ".join(forbidden))
    return reasons


def portable_reasons(name: str) -> list[str]:
    """Reasons a relative `name` breaks on some platform, its Unicode form aside (empty: safe)."""
    reasons = _character_reasons(name)
    for segment in name.split("/"):
        reasons.extend(reason for reason in _segment_reasons(segment) if reason not in reasons)
    return reasons
