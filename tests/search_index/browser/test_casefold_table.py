"""The casefold table of analysis.js: lower() and then the table is casefold(), for every code point."""

from __future__ import annotations

import sys
from typing import Any

from search_index.browser.casefold_table import casefold_exceptions, casefold_payload
from search_index.browser.script_files import compact_json


def _expanded(payload: dict[str, Any]) -> dict[str, str]:
    """Return the table as the browser expands it (casefoldTable in engine.js)."""
    table: dict[str, str] = dict(payload["chars"])
    for first, last, target in payload["runs"]:
        table.update({chr(code): chr(target + code - first) for code in range(first, last + 1)})
    return table


def _browser_casefold(text: str, table: dict[str, str]) -> str:
    """Return `text` folded the browser's way: lower-cased, then the table per character."""
    return "".join(table.get(char, char) for char in text.lower())


def test_lowering_then_the_table_is_casefold_for_every_code_point() -> None:
    table = _expanded(casefold_payload())
    wrong = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if _browser_casefold(chr(code), table) != chr(code).casefold()
    ]
    assert not wrong


def test_it_holds_in_words_too() -> None:
    # Lower-casing gives a word-final sigma (ς) that casefold() never gives.
    table = _expanded(casefold_payload())
    for text in ("ΟΔΟΣ ΣΟΦΟΣ", "STRASSE Straße ẞ", "µg ΜG", "ﬁnance ᏸᏰ ꭰ", "İstanbul", "ᾼ ᾳ ΐ"):
        assert _browser_casefold(text, table) == text.casefold(), text


def test_the_payload_holds_the_whole_table_and_nothing_else() -> None:
    exceptions = dict(casefold_exceptions())
    assert _expanded(casefold_payload()) == exceptions
    assert {"µ": "μ", "ß": "ss", "ς": "σ", "ꭰ": "Ꭰ", "ﬁ": "fi", "ᾳ": "αι"}.items() <= exceptions.items()
    # Only characters lower() keeps: anything else never reaches the table in the browser.
    assert all(char.lower() == char for char in exceptions)


def test_runs_keep_the_payload_small() -> None:
    payload = casefold_payload()
    assert payload["runs"] and all(last - first >= 2 for first, last, _ in payload["runs"])
    plain = compact_json(dict(casefold_exceptions()))
    assert len(compact_json(payload).encode("utf-8")) < 0.7 * len(plain.encode("utf-8"))
