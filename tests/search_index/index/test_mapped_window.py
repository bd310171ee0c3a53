"""A window over a memory map (index.mapped_window) reads as a file does."""

from __future__ import annotations

import io
import os

from hypothesis import given
from hypothesis import strategies as st

from search_index.index.mapped_window import MapWindow


@given(
    data=st.binary(max_size=64),
    steps=st.lists(
        st.tuples(
            st.sampled_from(["read", "readline", "seek", "tell"]), st.integers(-3, 70), st.integers(0, 2)
        ),
        max_size=12,
    ),
)
def test_a_mapped_window_reads_as_a_file(data: bytes, steps: list[tuple[str, int, int]]) -> None:
    # bytes slice and find as a memory map does; the window covers `data` only.
    window = MapWindow(b"head" + data + b"tail", 4, len(data))  # type: ignore[arg-type]
    reference = io.BytesIO(data)
    for step, number, whence in steps:
        if step == "read":
            assert window.read(number) == reference.read(number)
        elif step == "readline":
            assert window.readline(number) == reference.readline(number)
        elif step == "seek":
            base = {os.SEEK_SET: 0, os.SEEK_CUR: reference.tell(), os.SEEK_END: len(data)}[whence]
            if base + number >= 0:
                assert window.seek(number, whence) == reference.seek(number, whence)
        assert window.tell() == reference.tell()
