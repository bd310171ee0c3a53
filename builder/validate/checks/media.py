"""Media rules: references stay in the case folder, exist, have the right type, bytes and names."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.source.file_names import portable_reasons
from builder.validate.case_view import CaseView
from builder.validate.checks.markup import link_scheme

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".webp")
ATTACHMENT_TYPES = (*IMAGE_TYPES, ".pdf")
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".pdf": (b"%PDF-",),
}
# PDF names that run code or carry other files when the document is opened.
_ACTIVE_PDF = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
# Characters that mean something in a web address: a file name holding one is cut short or misread.
_URL_MEANINGS = {"#": "starts a fragment", "?": "starts a query", "%": "starts an escape"}
_RENAME = "rename the file (and what refers to it) using letters, digits, hyphens and underscores"


@dataclass(frozen=True)
class Reference:
    """A file referenced from case.yaml or a narrative, and where."""

    target: str
    kinds: tuple[str, ...]
    what: str
    path: str
    line: int
    col: int
    # Narrative links are web addresses (percent-encoded); case.yaml holds plain file paths.
    url: bool = False


def _references(view: CaseView) -> Iterator[Reference]:
    # Read from the raw document so that references still count when another key is invalid.
    raw, display = view.raw, view.source.meta_display
    cover = raw.get("cover")
    if isinstance(cover, dict) and isinstance(cover.get("image"), str):
        at = view.at("cover", "image")
        yield Reference(cover["image"], IMAGE_TYPES, "cover image", display, at.line, at.col)
    attachments = raw.get("attachments")
    for index, attachment in enumerate(attachments if isinstance(attachments, list) else ()):
        if isinstance(attachment, dict) and isinstance(attachment.get("file"), str):
            at = view.at("attachments", index, "file")
            yield Reference(attachment["file"], ATTACHMENT_TYPES, "attachment", display, at.line, at.col)
    for md in view.source.markdown_sources():
        for link in view.scans[md.display].links:
            if link_scheme(link.url) is not None or link.url.startswith("#") or not link.url:
                continue
            target = re.split(r"[?#]", link.url, maxsplit=1)[0]
            kinds = IMAGE_TYPES if link.image else ATTACHMENT_TYPES
            what = "image" if link.image else "link"
            yield Reference(target, kinds, what, md.display, link.line, link.col, url=True)


def _resolve(target: str, url: bool) -> str | None:
    """The folder-relative path a reference names, or None if it leaves the folder."""
    if url:
        target = unquote(target)
    if target.startswith(("/", "\\")) or "\\" in target or re.match(r"^[A-Za-z]:", target):
        return None
    normal = posixpath.normpath(target)
    return None if normal == ".." or normal.startswith("../") else normal


def name_reasons(rel: str) -> list[str]:
    """Why a path in a case folder cannot be a file name everywhere and a web address (empty: it can)."""
    url = [f"'{char}' {meaning} in web addresses" for char, meaning in _URL_MEANINGS.items() if char in rel]
    return portable_reasons(rel) + url


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Check every reference and every media file of the case."""
    files = {e.rel for e in view.source.files if not e.is_dir and not e.is_symlink}
    used: set[str] = set()
    for ref in _references(view):
        rel = _resolve(ref.target, ref.url)
        if rel is None:
            yield problem(
                "AGK505",
                ref.path,
                ref.line,
                ref.col,
                f"{ref.what} '{ref.target}' points outside the case folder",
            )
            continue
        used.add(rel)
        reasons = name_reasons(rel)
        if reasons:
            message = f"{ref.what} {ref.target!r} names a file that is not portable: {'; '.join(reasons)}"
            yield problem("AGK013", ref.path, ref.line, ref.col, message, _RENAME)
        elif not rel.startswith("media/"):
            yield problem(
                "AGK407", ref.path, ref.line, ref.col, f"{ref.what} '{ref.target}' is not in media/"
            )
        elif rel not in files:
            yield problem("AGK405", ref.path, ref.line, ref.col, f"{ref.what} '{ref.target}' does not exist")
        elif not rel.lower().endswith(ref.kinds):
            kinds = ", ".join(k.lstrip(".") for k in ref.kinds)
            yield problem(
                "AGK407",
                ref.path,
                ref.line,
                ref.col,
                f"{ref.what} '{ref.target}' must be one of: {kinds}",
            )
    for rel in sorted(f for f in files if f.startswith("media/")):
        path = f"{view.source.display}/{rel}"
        reasons = name_reasons(rel)
        if reasons:
            message = f"media file name is not portable: {'; '.join(reasons)}"
            yield problem("AGK013", path, 1, 1, message, _RENAME)
        yield from _content(view, rel, path)
        if rel not in used:
            yield problem(
                "AGK010",
                path,
                1,
                1,
                "media file is not referenced",
                "link it from a narrative or case.yaml, or remove it",
            )


def _content(view: CaseView, rel: str, path: str) -> Iterator[Diagnostic]:
    extension = posixpath.splitext(rel)[1].lower()
    if extension not in ATTACHMENT_TYPES:
        return  # reported by the layout rules
    data = (view.source.folder / rel).read_bytes()
    if extension == ".webp":
        matches = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    else:
        matches = data.startswith(_MAGIC[extension])
    if not matches:
        yield problem("AGK506", path, 1, 1, f"content is not a {extension.lstrip('.').upper()} file")
    elif extension == ".pdf":
        active = _ACTIVE_PDF.search(data)
        if active:
            yield problem("AGK507", path, 1, 1, f"PDF contains {active.group().decode()}")
