"""Open a word-processor file as untrusted input: a zip of XML written by someone else.

Everything is checked before any part is parsed: the file's size, the number of entries, the
size each entry declares and the size it really inflates to (a zip bomb lies in its headers),
and the compression ratio. XML parts with a document type declaration are refused outright, so
no entity is ever expanded or fetched (no XXE, no billion laughs). Macro-enabled, encrypted and
legacy binary files are refused with a message that says what to do instead.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_PART_BYTES = 50 * 1024 * 1024
# Text XML compresses about 10:1 and pictures barely; a part that inflates more than this is a bomb.
MAX_RATIO = 200
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 16


class UnreadableDocument(Exception):
    """A file that cannot be imported at all; nothing is written."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Package:
    """The checked entries of a zip package; parts are read and parsed on demand, within limits."""

    archive: zipfile.ZipFile
    names: frozenset[str]

    def has(self, name: str) -> bool:
        """Whether the package holds the part `name`."""
        return name in self.names

    def read(self, name: str) -> bytes:
        """The bytes of a part, refusing one that inflates past its limits."""
        info = self.archive.getinfo(name)
        out = bytearray()
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    out += chunk
                    if (
                        len(out) > MAX_PART_BYTES
                        or len(out) > max(info.compress_size, 1) * MAX_RATIO + _CHUNK
                    ):
                        raise UnreadableDocument(f"part {name} inflates too much (a zip bomb?)")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise UnreadableDocument(f"part {name} is damaged ({error})") from None
        except RuntimeError as error:  # zipfile's word for an encrypted entry
            raise UnreadableDocument(f"part {name} is encrypted ({error})", _SAVE_PLAIN) from None
        return bytes(out)

    def xml(self, name: str) -> ET.Element:
        """A part parsed as XML; a document type declaration (entities) is refused, never expanded."""
        data = self.read(name)
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise UnreadableDocument(
                f"part {name} declares a document type or entities, which documents never need",
                "save the file again from Word or LibreOffice",
            )
        try:
            return ET.fromstring(data)
        except ET.ParseError as error:
            raise UnreadableDocument(f"part {name} is not well-formed XML ({error})") from None


_SAVE_PLAIN = "save it again without a password, as .docx or .odt"


def open_package(data: bytes) -> Package:
    """Check a file's container before anything in it is parsed."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableDocument(
            f"the file is {len(data) // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB",
            "make pictures smaller or import the text and add pictures to media/ by hand",
        )
    if data.startswith(_OLE):
        raise UnreadableDocument(
            "this is an encrypted document or an old binary .doc file",
            "save it in Word as .docx, without a password",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise UnreadableDocument(
            "this is not a Word (.docx) or OpenDocument (.odt) file, or it is damaged",
            "open it in Word or LibreOffice and save it again as .docx or .odt",
        ) from None
    if len(infos) > MAX_ENTRIES:
        raise UnreadableDocument(f"the file holds {len(infos)} parts; documents have far fewer (a zip bomb?)")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise UnreadableDocument(f"the file would inflate to {total // (1024 * 1024)} MB (a zip bomb?)")
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableDocument("the file is encrypted", _SAVE_PLAIN)
        if info.file_size > max(info.compress_size, 1) * MAX_RATIO and info.file_size > 1024 * 1024:
            raise UnreadableDocument(f"part {info.filename} would inflate too much (a zip bomb?)")
    return Package(archive, frozenset(info.filename for info in infos))
