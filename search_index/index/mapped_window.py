"""A read-only file over part of a memory map, what whoosh's file objects get instead of BytesIO."""

from __future__ import annotations

import mmap
import os


class MapWindow:
    """A read-only file over part of a memory map: reads slice the map, nothing is copied up front."""

    def __init__(self, mapped: mmap.mmap, start: int, length: int) -> None:
        self.mapped = mapped
        self.start = start
        self.end = start + length
        self.position = start

    def read(self, size: int | None = -1) -> bytes:
        """Return up to `size` bytes (all that remain when negative) and move past them."""
        begin = self.position
        end = self.end if size is None or size < 0 else min(begin + size, self.end)
        self.position = max(begin, end)
        return self.mapped[begin:end]

    def readline(self, size: int | None = -1) -> bytes:
        """Return the bytes up to and including the next newline (pickle asks for this)."""
        end = self.end if size is None or size < 0 else min(self.position + size, self.end)
        found = self.mapped.find(b"\n", self.position, end)
        return self.read((end if found < 0 else found + 1) - self.position)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Move to `offset` from the start, the current position or the end."""
        if whence == os.SEEK_SET:
            self.position = self.start + offset
        elif whence == os.SEEK_CUR:
            self.position += offset
        else:
            self.position = self.end + offset
        return self.position - self.start

    def tell(self) -> int:
        """Return the position from the start."""
        return self.position - self.start

    def close(self) -> None:
        """Nothing to release: the map belongs to the file that opened it."""
