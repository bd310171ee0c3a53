"""The browser index's file format: JavaScript calling `__agkSearch(name, data)` with JSON data.

Script files, unlike fetched JSON, load from file:// too (where Chromium blocks fetch).
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any


def compact_json(data: Any) -> str:
    """Return compact, deterministic JSON."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def script_file(name: str, data: Any) -> str:
    """Return the JavaScript of one data file."""
    return f"__agkSearch({json.dumps(name)},{compact_json(data)});\n"


def compressed(data: Any) -> str:
    """Return JSON `data` zlib-compressed and base64-encoded (the browser inflates it)."""
    raw = compact_json(data).encode("utf-8")
    # Level 6: 2% larger than level 9 at 40% of the time (measured on synthetic Hindi text).
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")
