"""Compact text encoding of non-negative integers for the browser index (5 bits per character).

Each character of the 64-letter alphabet carries 5 bits of the number, lowest bits first; the
sixth bit says another character follows. Numbers below 32 take one character, below 1,024
two, below 32,768 three. The alphabet is safe inside JSON strings and JavaScript source.
The decoder is `decodeVarints` in browser/assets/engine.js.
"""

from __future__ import annotations

from collections.abc import Iterable

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_MORE = 32
# Most numbers in an index (document gaps, term frequencies) are small: look them up.
_SMALL = 1024


def encode(value: int) -> str:
    """Return the characters of one non-negative integer."""
    if value < 0:
        raise ValueError(f"cannot encode negative number {value}")
    chars = []
    while True:
        low = value & 31
        value >>= 5
        if value:
            chars.append(ALPHABET[low | _MORE])
        else:
            chars.append(ALPHABET[low])
            return "".join(chars)


def _small_codes() -> tuple[str, ...]:
    """Return the encodings of 0 … _SMALL - 1."""
    return tuple(encode(value) for value in range(_SMALL))


_CODES = _small_codes()


def encode_all(values: Iterable[int]) -> str:
    """Return the characters of a sequence of non-negative integers."""
    codes = _CODES
    return "".join(codes[value] if 0 <= value < _SMALL else encode(value) for value in values)


def decode_all(text: str) -> list[int]:
    """Return the integers encoded in `text` (the inverse of encode_all)."""
    values = []
    value = shift = 0
    for char in text:
        digit = ALPHABET.index(char)
        value |= (digit & 31) << shift
        if digit & _MORE:
            shift += 5
        else:
            values.append(value)
            value = shift = 0
    if shift:
        raise ValueError("truncated number at the end of the text")
    return values
