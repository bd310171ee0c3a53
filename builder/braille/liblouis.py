"""liblouis, the open-source Braille translator, through its C API (the only module that loads it).

Debian ships the library and its tables (`liblouis20`, `liblouis-data`); Python's own binding
(`python3-louis`) is installed for the system Python only, not in a virtual environment, so
this module calls the few functions we need with ctypes. Cells come back as Unicode Braille
patterns (U+2800 + dot bits), whatever the table's display encoding.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

# Translation modes of liblouis.h.
_DOTS_IO = 4
_UC_BRL = 64
_NO_UNDEFINED = 128
_CELLS = _DOTS_IO | _UC_BRL
_DOTS_MARK = 0x8000
_BRAILLE_BASE = 0x2800
# Output room per input character: contractions shrink text, but numbers, capitals and
# undefined characters (\xhhhh) grow it.
_ROOM = 8


class LiblouisMissing(Exception):
    """liblouis is not installed on this machine."""


@cache
def _library() -> ctypes.CDLL:
    name = ctypes.util.find_library("louis") or "liblouis.so.20"
    try:
        library = ctypes.CDLL(name)
    except OSError:
        raise LiblouisMissing("liblouis is not installed (Debian: liblouis20 liblouis-data)") from None
    library.lou_version.restype = ctypes.c_char_p
    library.lou_charSize.restype = ctypes.c_int
    library.lou_getTable.restype = ctypes.c_void_p
    library.lou_getTable.argtypes = (ctypes.c_char_p,)
    return library


def version() -> str:
    """The version of the liblouis found, e.g. '3.24.0'; LiblouisMissing when there is none."""
    return str(_library().lou_version().decode("ascii"))


def _wide() -> tuple[type[ctypes.c_uint16] | type[ctypes.c_uint32], str]:
    size = _library().lou_charSize()
    return (ctypes.c_uint32, "utf-32-le") if size == 4 else (ctypes.c_uint16, "utf-16-le")


def _buffer(text: str) -> tuple[ctypes.Array[ctypes.c_uint16] | ctypes.Array[ctypes.c_uint32], int]:
    char_type, encoding = _wide()
    data = text.encode(encoding, "surrogatepass")
    count = len(data) // ctypes.sizeof(char_type)
    buffer = (char_type * max(count, 1)).from_buffer_copy(data or bytes(ctypes.sizeof(char_type)))
    return buffer, count


def _text(buffer: ctypes.Array[ctypes.c_uint16] | ctypes.Array[ctypes.c_uint32], length: int) -> str:
    _, encoding = _wide()
    return bytes(buffer)[: length * ctypes.sizeof(buffer._type_)].decode(encoding, "surrogatepass")


def table_exists(table: str) -> bool:
    """True when liblouis finds and compiles `table` (a file name in its tables folder)."""
    return bool(_library().lou_getTable(table.encode("utf-8")))


def translate(table: str, text: str, *, drop_undefined: bool = False) -> str:
    """Forward-translate `text` with `table` into Unicode Braille cells."""
    mode = _CELLS | (_NO_UNDEFINED if drop_undefined else 0)
    return _convert("lou_translateString", table, text, mode)


def back_translate(table: str, cells: str) -> str:
    """Back-translate Unicode Braille cells with `table` into text."""
    # Braille input is dot patterns with liblouis' own marker bit, not Unicode Braille.
    dots = "".join(chr(_DOTS_MARK | (ord(cell) - _BRAILLE_BASE)) for cell in cells)
    return _convert("lou_backTranslateString", table, dots, _CELLS)


def _convert(function: str, table: str, text: str, mode: int) -> str:
    """Call lou_translateString or lou_backTranslateString (the same arguments) on `text`."""
    inbuf, inlen = _buffer(text)
    room = max(16, inlen * _ROOM)
    char_type, _ = _wide()
    outbuf = (char_type * room)()
    in_length, out_length = ctypes.c_int(inlen), ctypes.c_int(room)
    ok = getattr(_library(), function)(
        table.encode("utf-8"), inbuf, ctypes.byref(in_length), outbuf, ctypes.byref(out_length),
        None, None, mode,
    )  # fmt: skip
    if not ok:
        raise ValueError(f"liblouis could not convert the text with table {table}")
    return _text(outbuf, out_length.value)


def undefined(table: str, characters: str) -> frozenset[str]:
    """The characters `table` has no Braille for (liblouis would write them as \\xhhhh)."""
    # A character is undefined when dropping undefined characters changes its translation: a
    # character the table deliberately ignores gives nothing either way.
    return frozenset(
        char
        for char in set(characters)
        if not char.isspace() and translate(table, char) != translate(table, char, drop_undefined=True)
    )
