"""Layout rules: folder name, expected files, names, sizes, symlinks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.source.loader import (
    MEDIA_TOTAL_LIMIT,
    NARRATIVE_NAME,
    TEACHING_NOTE_NAME,
    FileEntry,
    size_limit,
)
from builder.validate.case_view import CaseView

CASE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MEDIA_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".pdf")


def _expected(entry: FileEntry) -> bool:
    if entry.is_dir:
        return entry.rel == "media" or entry.rel.startswith("media/")
    if entry.rel.startswith("media/"):
        return entry.rel.lower().endswith(MEDIA_EXTENSIONS)
    name = entry.rel
    return name == "case.yaml" or bool(NARRATIVE_NAME.match(name) or TEACHING_NOTE_NAME.match(name))


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Check the folder name and every entry in the folder."""
    source = view.source
    if not CASE_ID.match(source.id) or not 3 <= len(source.id) <= 80:
        yield problem(
            "AGK001",
            source.display,
            1,
            1,
            f"'{source.id}' is not a valid case id",
            "use 3-80 lowercase letters, digits and single hyphens, e.g. up-nivesh-mitra",
        )
    names = {e.rel for e in source.files}
    if source.files and "case.yaml" not in names:
        yield problem("AGK002", f"{source.display}/case.yaml", 1, 1, "case.yaml is missing")
    if not any(NARRATIVE_NAME.match(name) for name in names):
        yield problem("AGK008", source.display, 1, 1, "no narrative file such as en.md or hi.md")
    seen: dict[str, str] = {}
    media_total = 0
    for entry in source.files:
        path = f"{source.display}/{entry.rel}"
        if entry.rel.rsplit("/", 1)[-1].startswith("."):
            yield problem("AGK012", path, 1, 1, "hidden file is ignored", "remove it from the commit")
            continue
        if entry.is_symlink:
            yield problem("AGK504", path, 1, 1, "symbolic links are refused")
            continue
        if unicodedata.normalize("NFC", entry.rel) != entry.rel:
            yield problem("AGK004", path, 1, 1, "file name is not NFC-normalised", "rename the file")
        folded = entry.rel.casefold()
        if folded in seen:
            yield problem("AGK005", path, 1, 1, f"name collides with '{seen[folded]}' when case is ignored")
        seen.setdefault(folded, entry.rel)
        if not _expected(entry):
            yield problem("AGK003", path, 1, 1, "unexpected file in a case folder", _unexpected_hint(entry))
        elif not entry.is_dir and entry.size > size_limit(entry.rel):
            limit = size_limit(entry.rel) // 1024
            yield problem("AGK006", path, 1, 1, f"{entry.size // 1024} kB is over the {limit} kB limit")
        if entry.rel.startswith("media/"):
            media_total += entry.size
    if media_total > MEDIA_TOTAL_LIMIT:
        total_mb, limit_mb = media_total >> 20, MEDIA_TOTAL_LIMIT >> 20
        message = f"media total {total_mb} MB is over {limit_mb} MB"
        yield problem("AGK006", f"{source.display}/media", 1, 1, message)


def _unexpected_hint(entry: FileEntry) -> str:
    if entry.rel.startswith("media/"):
        return "media may be PNG, JPEG, WebP or PDF"
    if entry.rel.endswith(".md"):
        return "narratives are named <lang>.md and teaching notes teaching-note.<lang>.md"
    return "media files belong in media/"
