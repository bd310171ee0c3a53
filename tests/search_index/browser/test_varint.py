"""The varint encoding of the browser index (search_index.browser.varint)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search_index.browser import varint


@given(st.lists(st.integers(min_value=0, max_value=2**40)))
def test_varints_round_trip(values: list[int]) -> None:
    assert varint.decode_all(varint.encode_all(values)) == values


def test_small_numbers_take_one_character() -> None:
    assert [len(varint.encode(n)) for n in (0, 31, 32, 1023, 1024, 32767)] == [1, 1, 2, 2, 3, 3]
    with pytest.raises(ValueError):
        varint.encode(-1)
