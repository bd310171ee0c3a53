"""Fingerprint of a narrative body, recorded as `source_hash` by translations.

python -m builder.source.fingerprint case_studies/<id>/<lang>.md    print the fingerprint
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from pathlib import Path

from builder.source.front_matter import split_front_matter

FINGERPRINT_LENGTH = 16


def body_fingerprint(body: str) -> str:
    """Return the short SHA-256 fingerprint of a Markdown body (front matter excluded)."""
    # Normalise what editors and platforms change without changing meaning: Unicode form,
    # line endings and surrounding blank lines.
    text = body.replace("\r\n", "\n")
    # The quick check is far cheaper than normalising, and almost every file is NFC already.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def file_fingerprint(path: Path) -> str:
    """Return the fingerprint of the body of the narrative at `path`."""
    return body_fingerprint(split_front_matter(path.read_text(encoding="utf-8")).body)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(file_fingerprint(Path(name)))
