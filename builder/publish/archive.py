"""Safe, reproducible zip archives with a SHA-256 manifest, and their verification.

write_archive(files, target, manifest, progress=None) -> ArchiveReport
verify_archive(path, max_total_size=2 GiB) -> list[Problem]    (empty list: the archive is sound)
check_name(name) -> list[str]                                  (reasons; empty: safe)
name_problems(names, reserved=()) -> list[Problem]             (check_name + collisions)

Layout of an archive written here:
- every entry of `files`, sorted by name (Unicode code point order), then `MANIFEST.json` last:
  the manifest can only be written once every file has been hashed, and zip readers find
  entries through the central directory, so its position costs nothing;
- every entry is dated 1980-01-01 00:00:00 (the earliest date zip can store: a fixed date keeps
  archives of the same input byte-identical; the build date belongs in the manifest fields),
  marked as made on Unix (`create_system` 3) with mode 0o644, deflated at level 9, with no
  extra fields and no archive comment.
The same input gives byte-identical archives on the same zlib (zlib's output for a given level is
stable within a version, not promised across versions).

MANIFEST.json is UTF-8 JSON with sorted keys: the caller's fields plus
`"files": {name: {"sha256": hex, "size": bytes}}` for every other entry and `"manifest_version": 1`.

write_archive checks every name (check_name, plus collisions once case and Unicode form are
ignored) and every source first, and raises UnsafeEntryError listing each offending name with
its reasons before anything is written; manifest fields that are reserved or not JSON raise
ValueError/TypeError. It writes a temporary file beside `target` and renames it into place only
on success: any failure, including an exception from `progress(done, total)` (called after each
file), leaves an existing `target` as it was and no temporary file behind.

verify_archive reports, rather than raises, whatever a damaged or hostile archive can cause:
unsafe or colliding names, duplicates, a missing or malformed manifest, files missing, unlisted
or differing in SHA-256 or size, damaged data, local headers that disagree with the central
directory, link/folder/device entries. It refuses to read more than 2 GiB of declared content
(or a larger file, or a central directory over 64 MiB), entries over 1 MiB that claim a
compression ratio above 200:1, encrypted entries and methods other than stored/deflate.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from builder.source.file_names import portable_reasons

MANIFEST_NAME = "MANIFEST.json"
MANIFEST_VERSION = 1
RESERVED_MANIFEST_KEYS = frozenset({"files", "manifest_version"})
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 9
FILE_MODE = 0o644
ARCHIVE_MODE = 0o644
UNIX = 3  # zip "version made by" host system: external_attr then carries a Unix mode

# Limits for archives of unknown origin, far above what a bundle needs.
MAX_TOTAL_SIZE = 2 * 1024**3
MAX_RATIO = 200
RATIO_FLOOR = 1024**2  # smaller entries may compress better than MAX_RATIO without being a threat
MAX_MANIFEST_SIZE = 64 * 1024**2
MAX_DIRECTORY_SIZE = 64 * 1024**2  # about half a million entries

Source = Path | bytes
Progress = Callable[[int, int], None]

DRIVE = re.compile(r"[A-Za-z]:")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
CHUNK = 1024**2
ENCRYPTED = 0x1
DATA_DESCRIPTOR = 0x8
UTF8_NAME = 0x800
DOS_DIRECTORY = 0x10
LOCAL_HEADER = b"PK\x03\x04"
LOCAL_HEADER_FORMAT = "<4s5H3L2H"
LOCAL_HEADER_SIZE = 30
ZIP64_MARK = 0xFFFFFFFF
# End-of-central-directory records (APPNOTE 4.3.14-4.3.16): signatures and fixed sizes.
END_RECORD = b"PK\x05\x06"
END_RECORD_SIZE = 22
END_SEARCH = END_RECORD_SIZE + 0xFFFF  # the record is followed by at most a 64 KiB comment
ZIP64_LOCATOR = b"PK\x06\x07"
ZIP64_LOCATOR_SIZE = 20
ZIP64_END_RECORD = b"PK\x06\x06"
ZIP64_END_RECORD_SIZE = 56
# What zipfile and zlib raise on damaged or hostile data; verification reports it instead.
READ_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    struct.error,
)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an entry (`name`) or with the whole archive (`name` empty)."""

    name: str
    reason: str

    def __str__(self) -> str:
        """`name: reason`, or the reason alone for the whole archive."""
        return f"{self.name!r}: {self.reason}" if self.name else self.reason


class ArchiveError(Exception):
    """Base class of the errors write_archive raises for unusable input."""


class UnsafeEntryError(ArchiveError, ValueError):
    """Entries refused before anything was written: every offending name with its reasons."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("refused archive entries: " + "; ".join(str(p) for p in self.problems))

    @property
    def names(self) -> tuple[str, ...]:
        """The offending names, sorted, each once."""
        return tuple(sorted({problem.name for problem in self.problems}))


@dataclass(frozen=True)
class ArchiveReport:
    """What write_archive wrote."""

    path: Path
    files: int
    total_size: int
    archive_size: int
    sha256: str


# --- entry names -------------------------------------------------------------------------------


def check_name(name: str) -> list[str]:
    """Reasons `name` is not a safe relative POSIX path for an archive entry (empty: safe)."""
    if name == "":
        return ["empty name"]
    reasons = []
    if name.startswith("/") or DRIVE.match(name):
        reasons.append("absolute path")
    if not unicodedata.is_normalized("NFC", name):
        reasons.append("not in Unicode NFC")
    # An absolute name's leading empty segment is already reported as "absolute path".
    reasons.extend(portable_reasons(name.removeprefix("/")))
    return reasons


def _fold(name: str) -> str:
    """The form under which two names are the same file on a case-insensitive file system."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _folders(name: str) -> list[str]:
    """Every folder prefix of `name` (`a/b/c` gives `a` and `a/b`)."""
    segments = name.split("/")
    return ["/".join(segments[:end]) for end in range(1, len(segments))]


def _quoted(names: Iterable[str]) -> str:
    """Names as a sorted, quoted, comma-separated list."""
    return ", ".join(repr(name) for name in sorted(names))


def _collisions(names: Iterable[str]) -> set[Problem]:
    """Distinct names that are one file or folder once case and Unicode form are ignored."""
    files: defaultdict[str, set[str]] = defaultdict(set)
    folders: defaultdict[str, set[str]] = defaultdict(set)
    inside: defaultdict[str, set[str]] = defaultdict(set)
    for name in names:
        files[_fold(name)].add(name)
        for folder in _folders(name):
            folders[_fold(folder)].add(folder)
            inside[_fold(folder)].add(name)
    problems = set()
    for key, spelled in files.items():
        for name in spelled:
            if len(spelled) > 1:
                problems.add(Problem(name, f"collides with {_quoted(spelled - {name})}"))
            if key in folders:
                problems.add(Problem(name, f"collides with folder {_quoted(f + '/' for f in folders[key])}"))
        for inner in inside.get(key, ()):
            problems.add(Problem(inner, f"its folder collides with file {_quoted(spelled)}"))
    for key, spelled in folders.items():
        if len(spelled) > 1:
            depth = key.count("/") + 1
            for inner in inside[key]:
                mine = "/".join(inner.split("/")[:depth])
                others = _quoted(f"{other}/" for other in spelled - {mine})
                problems.add(Problem(inner, f"folder {mine + '/'!r} collides with {others}"))
    return problems


def name_problems(names: Iterable[str], reserved: Iterable[str] = ()) -> list[Problem]:
    """Every unsafe name and every case-insensitive collision, also with the `reserved` names."""
    wanted = list(names)
    held = set(reserved)
    problems = {Problem(name, reason) for name in wanted for reason in check_name(name)}
    problems.update(Problem(name, "reserved name") for name in held.intersection(wanted))
    # A collision with a reserved name is reported on the caller's name that caused it.
    problems.update(p for p in _collisions({*wanted, *held}) if p.name not in held or p.name in wanted)
    return sorted(problems)


# --- writing -----------------------------------------------------------------------------------


def _source_problems(files: Mapping[str, Source]) -> list[Problem]:
    """Sources that cannot be archived: missing paths, folders, devices, other types."""
    problems = []
    for name, source in files.items():
        candidate: object = source  # callers may pass anything; the annotation is a promise only
        if isinstance(candidate, bytes):
            continue
        if not isinstance(candidate, Path):
            problems.append(Problem(name, f"source must be a Path or bytes, not {type(candidate).__name__}"))
            continue
        try:
            mode = candidate.stat().st_mode
        except OSError as error:
            problems.append(Problem(name, f"cannot read {candidate}: {error.strerror or error}"))
            continue
        if not stat.S_ISREG(mode):
            problems.append(Problem(name, f"{candidate} is not a regular file"))
    return problems


def manifest_bytes(fields: Mapping[str, Any], entries: Mapping[str, Mapping[str, Any]]) -> bytes:
    """The MANIFEST.json content for the caller's `fields` and the per-file `entries`."""
    document = {**fields, "files": dict(entries), "manifest_version": MANIFEST_VERSION}
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, allow_nan=False, indent=2)
    return (text + "\n").encode("utf-8")


def _check_fields(fields: Mapping[str, Any]) -> None:
    """Refuse manifest fields that clash with ours or that JSON cannot hold, before writing."""
    clash = sorted(RESERVED_MANIFEST_KEYS.intersection(fields))
    if clash:
        raise ValueError(f"manifest fields {clash} are reserved")
    manifest_bytes(fields, {})  # raises TypeError or ValueError


def _entry_info(name: str) -> zipfile.ZipInfo:
    """A ZipInfo with nothing that depends on the machine, the clock or the source file."""
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.create_system = UNIX
    info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _write_zip(
    handle: IO[bytes], files: Mapping[str, Source], fields: Mapping[str, Any], progress: Progress | None
) -> int:
    """Write every entry and then the manifest to `handle`; return the bytes of file content."""
    entries: dict[str, dict[str, Any]] = {}
    names = sorted(files)
    with zipfile.ZipFile(handle, "w") as archive:
        for done, name in enumerate(names, start=1):
            source = files[name]
            # Files are read whole: bundle inputs are pages and size-limited media.
            data = source if isinstance(source, bytes) else source.read_bytes()
            archive.writestr(_entry_info(name), data, compresslevel=COMPRESS_LEVEL)
            entries[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            if progress is not None:
                progress(done, len(names))
        manifest = manifest_bytes(fields, entries)
        archive.writestr(_entry_info(MANIFEST_NAME), manifest, compresslevel=COMPRESS_LEVEL)
    return sum(entry["size"] for entry in entries.values())


def _sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_archive(
    files: Mapping[str, Source],
    target: Path,
    manifest: Mapping[str, Any],
    progress: Progress | None = None,
) -> ArchiveReport:
    """Write `files` (entry name -> file or bytes) and MANIFEST.json to the zip `target`, atomically."""
    # Everything the input can get wrong is found before the first byte is written.
    problems = name_problems(files, reserved=[MANIFEST_NAME]) + _source_problems(files)
    if problems:
        raise UnsafeEntryError(problems)
    _check_fields(manifest)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Same folder as the target, so that os.replace is an atomic rename on one file system.
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temporary_path = Path(temporary)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            total_size = _write_zip(handle, files, manifest, progress)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private to its owner; a bundle is meant to be handed around.
        temporary_path.chmod(ARCHIVE_MODE)
        temporary_path.replace(target)
    except BaseException:
        temporary_path.unlink(missing_ok=True)
        raise
    return ArchiveReport(
        path=target,
        files=len(files),
        total_size=total_size,
        archive_size=target.stat().st_size,
        sha256=_sha256_file(target),
    )


# --- verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EndRecord:
    """What an archive's end-of-central-directory record declares."""

    directory_size: int
    entries: int


def end_record(handle: IO[bytes], size: int) -> EndRecord | None:
    """The end-of-central-directory record (zip64 when present) of an archive of `size` bytes."""
    # zipfile parses the whole central directory when it opens an archive; reading its declared
    # size first lets a directory of millions of tiny entries be refused unread.
    start = max(size - END_SEARCH, 0)
    handle.seek(start)
    tail = handle.read()
    at = tail.rfind(END_RECORD)
    if at < 0 or len(tail) - at < END_RECORD_SIZE:
        return None
    entries, directory_size = struct.unpack_from("<HL", tail, at + 10)
    locator = at - ZIP64_LOCATOR_SIZE
    if locator >= 0 and tail[locator : locator + 4] == ZIP64_LOCATOR:
        (record_offset,) = struct.unpack_from("<Q", tail, locator + 8)
        handle.seek(record_offset)
        record = handle.read(ZIP64_END_RECORD_SIZE)
        if len(record) == ZIP64_END_RECORD_SIZE and record[:4] == ZIP64_END_RECORD:
            entries, directory_size = struct.unpack_from("<QQ", record, 32)
    return EndRecord(directory_size=int(directory_size), entries=int(entries))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON object hook that refuses duplicate keys (json keeps the last one silently)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _listed_file(value: Any) -> tuple[str, int] | None:
    """(sha256, size) of one manifest file record, or None when it is malformed."""
    if not isinstance(value, dict) or set(value) != {"sha256", "size"}:
        return None
    digest, size = value["sha256"], value["size"]
    if not isinstance(digest, str) or not SHA256_HEX.fullmatch(digest):
        return None
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        return None
    return digest, size


def parse_manifest(data: bytes) -> tuple[dict[str, tuple[str, int]], list[Problem]]:
    """The `files` table of a MANIFEST.json (name -> (sha256, size)) and the problems found."""
    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        return {}, [Problem(MANIFEST_NAME, f"not valid UTF-8 JSON: {error}")]
    if not isinstance(document, dict) or not isinstance(document.get("files"), dict):
        return {}, [Problem(MANIFEST_NAME, "has no 'files' object")]
    if document.get("manifest_version") != MANIFEST_VERSION:
        return {}, [Problem(MANIFEST_NAME, f"manifest_version is not {MANIFEST_VERSION}")]
    listed: dict[str, tuple[str, int]] = {}
    problems = []
    for name, value in document["files"].items():
        record = _listed_file(value)
        if name == MANIFEST_NAME:
            problems.append(Problem(MANIFEST_NAME, "lists itself"))
        elif record is None:
            problems.append(Problem(MANIFEST_NAME, f"malformed record for {name!r}"))
        else:
            listed[name] = record
    return listed, problems


def _header_problems(info: zipfile.ZipInfo) -> list[Problem]:
    """Problems visible in an entry's header alone; an entry with any is not read."""
    name = info.orig_filename
    problems = []
    if info.flag_bits & ENCRYPTED:
        problems.append(Problem(name, "encrypted"))
    if info.compress_type not in {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}:
        problems.append(Problem(name, f"unsupported compression method {info.compress_type}"))
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        problems.append(Problem(name, f"compression ratio above {MAX_RATIO}:1 (possible zip bomb)"))
    if name == MANIFEST_NAME and info.file_size > MAX_MANIFEST_SIZE:
        problems.append(Problem(name, f"larger than {MAX_MANIFEST_SIZE} bytes"))
    # Unzip tools recreate folders, symbolic links and devices from these bits.
    if info.external_attr & DOS_DIRECTORY or stat.S_IFMT(info.external_attr >> 16) not in {0, stat.S_IFREG}:
        problems.append(Problem(name, "not a regular file (folder, link or device entry)"))
    if not info.flag_bits & UTF8_NAME and not name.isascii():
        problems.append(Problem(name, "non-ASCII name not marked as UTF-8"))
    return problems


def _local_header_problems(handle: IO[bytes], info: zipfile.ZipInfo) -> list[Problem]:
    """Disagreements between an entry's local header and its central directory record."""
    # zipfile reads only the central directory; tools that stream an archive read the local
    # headers, so an archive whose two disagree shows different content to different tools.
    handle.seek(info.header_offset)
    raw = handle.read(LOCAL_HEADER_SIZE)
    if len(raw) < LOCAL_HEADER_SIZE or raw[:4] != LOCAL_HEADER:
        return [Problem(info.orig_filename, "no local header where the central directory points")]
    _, _, flags, method, _, _, crc, compressed, size, _, _ = struct.unpack(LOCAL_HEADER_FORMAT, raw)
    local: tuple[int, ...] = (method,)
    central: tuple[int, ...] = (info.compress_type,)
    if not flags & DATA_DESCRIPTOR and ZIP64_MARK not in {compressed, size}:
        local += (crc, compressed, size)
        central += (info.CRC, info.compress_size, info.file_size)
    if local != central or flags & ENCRYPTED != info.flag_bits & ENCRYPTED:
        return [Problem(info.orig_filename, "local header disagrees with the central directory")]
    return []


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool) -> tuple[bytes, str, int]:
    """Content (when `keep`), SHA-256 and size of one entry; zipfile checks the CRC at the end."""
    digest = hashlib.sha256()
    kept = bytearray()
    size = 0
    # zipfile never returns more than the declared size, which the caller has capped.
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if keep:
                kept.extend(chunk)
    return bytes(kept), digest.hexdigest(), size


def _compare(listed: Mapping[str, tuple[str, int]], found: Mapping[str, tuple[str, int]]) -> list[Problem]:
    """Differences between the manifest's records and the entries read."""
    problems = []
    for name, (digest, size) in sorted(listed.items()):
        if name not in found:
            problems.append(Problem(name, "listed in MANIFEST.json but missing from the archive"))
            continue
        actual_digest, actual_size = found[name]
        if actual_size != size:
            problems.append(Problem(name, f"size {actual_size} differs from MANIFEST.json ({size})"))
        if actual_digest != digest:
            problems.append(Problem(name, "SHA-256 differs from MANIFEST.json"))
    return problems


def _read_all(
    archive: zipfile.ZipFile, handle: IO[bytes], problems: list[Problem]
) -> tuple[dict[str, tuple[str, int]], set[str], bytes | None]:
    """Hash every readable entry: (name -> (sha256, size), unreadable names, manifest content)."""
    found: dict[str, tuple[str, int]] = {}
    unreadable: set[str] = set()
    manifest: bytes | None = None
    for info in archive.infolist():
        name = info.orig_filename
        try:
            header = _header_problems(info) + _local_header_problems(handle, info)
            problems.extend(header)
            if header:
                unreadable.add(name)
                continue
            content, digest, size = _read_entry(archive, info, keep=name == MANIFEST_NAME)
        except READ_ERRORS as error:
            problems.append(Problem(name, f"damaged: {error}"))
            unreadable.add(name)
            continue
        if size != info.file_size:  # zipfile stops quietly where a deflate stream ends early
            problems.append(Problem(name, f"holds {size} bytes but declares {info.file_size}"))
        if name == MANIFEST_NAME:
            manifest = content if manifest is None else manifest
        else:
            found.setdefault(name, (digest, size))
    return found, unreadable, manifest


def _verify_open(archive: zipfile.ZipFile, handle: IO[bytes], max_total_size: int) -> list[Problem]:
    """All checks of an archive that zipfile could open."""
    infos = archive.infolist()
    counts = Counter(info.orig_filename for info in infos)  # orig_filename keeps what follows a NUL
    problems = [Problem(name, f"appears {count} times") for name, count in counts.items() if count > 1]
    problems.extend(name_problems(counts))
    declared = sum(info.file_size for info in infos)
    if declared > max_total_size:
        problems.append(Problem("", f"declares {declared} bytes of content, over the {max_total_size} limit"))
        return problems
    found, unreadable, manifest = _read_all(archive, handle, problems)
    if MANIFEST_NAME not in counts:
        return [*problems, Problem(MANIFEST_NAME, "missing")]
    if manifest is None:
        return problems  # the manifest entry itself is unreadable, and reported as such
    listed, manifest_problems = parse_manifest(manifest)
    problems.extend(manifest_problems)
    if listed or not manifest_problems:
        problems.extend(_compare({k: v for k, v in listed.items() if k not in unreadable}, found))
        unlisted = sorted(set(found) - set(listed))
        problems.extend(Problem(name, "not listed in MANIFEST.json") for name in unlisted)
    return problems


def _verify_file(path: Path, handle: IO[bytes], size: int, max_total_size: int) -> list[Problem]:
    """All checks of the archive at `path`, open as `handle`, of `size` bytes."""
    try:
        end = end_record(handle, size)
        if end is not None and end.directory_size > MAX_DIRECTORY_SIZE:
            limit = MAX_DIRECTORY_SIZE
            return [Problem("", f"central directory of {end.directory_size} bytes, over the {limit} limit")]
        archive = zipfile.ZipFile(path)
    except READ_ERRORS as error:
        return [Problem("", f"not a readable zip archive: {error}")]
    with archive:
        problems = _verify_open(archive, handle, max_total_size)
        count = len(archive.infolist())
    # zipfile walks the directory by its size; a tool that trusts the count sees other entries.
    if end is not None and end.entries != count:
        problems.insert(
            0, Problem("", f"end record declares {end.entries} entries, the directory holds {count}")
        )
    return problems


def verify_archive(path: Path, max_total_size: int = MAX_TOTAL_SIZE) -> list[Problem]:
    """Everything wrong with the zip at `path`, in a stable order (empty: sound); never raises for content."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return [Problem("", f"{path} is not a regular file")]
        if status.st_size > max_total_size:
            return [Problem("", f"{status.st_size} bytes, over the {max_total_size} limit")]
        handle = path.open("rb")
    except OSError as error:
        return [Problem("", f"cannot read {path}: {error.strerror or error}")]
    with handle:
        return _verify_file(path, handle, status.st_size, max_total_size)
