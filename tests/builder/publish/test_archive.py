"""Zip archives for offline bundles: reproducible bytes, refused names, atomic writes, verification."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.publish.archive import (
    MANIFEST_NAME,
    Problem,
    UnsafeEntryError,
    check_name,
    name_problems,
    verify_archive,
    write_archive,
)

FIELDS = {"cases": ["up-valid-lesson"], "languages": ["hi", "en"], "source_commit": "0" * 40}


def sample_files(tmp_path: Path) -> dict[str, Path | bytes]:
    """Pages as bytes, one file from disk, Indic and nested names."""
    media = tmp_path / "chart.png"
    media.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    return {
        "index.html": b"<!doctype html><title>AGK</title>" + b"<p>case</p>" * 500,
        "hi/cases/up-valid-lesson/index.html": "<p>प्रशासन</p>".encode(),
        "media/chart.png": media,
        "hi/खोज.json": b"{}",
    }


def entries(path: Path) -> list[zipfile.ZipInfo]:
    """The central directory of a zip."""
    with zipfile.ZipFile(path) as archive:
        return archive.infolist()


def rebuild(source: Path, target: Path, change: Callable[[str, bytes], list[tuple[str, bytes]]]) -> Path:
    """Copy a zip entry by entry through `change(name, data) -> [(name, data), …]`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            for name, data in change(info.filename, old.read(info)):
                new.writestr(name, data)
    return target


def reasons(problems: list[Problem]) -> list[tuple[str, str]]:
    """Problems as (name, reason) pairs, for readable assertion failures."""
    return [(problem.name, problem.reason) for problem in problems]


def contents(files: dict[str, Path | bytes]) -> list[bytes]:
    """The bytes of every source."""
    return [value if isinstance(value, bytes) else value.read_bytes() for value in files.values()]


def central_record(data: bytes | bytearray, name: str) -> int:
    """Offset of the central directory record of entry `name`."""
    record = data.find(b"PK\x01\x02")
    while data[record + 46 : record + 46 + len(name.encode())] != name.encode():
        record = data.find(b"PK\x01\x02", record + 4)
    return record


def patched(good: Path, tmp_path: Path, patch: Callable[[bytearray], None]) -> Path:
    """A copy of `good` with bytes changed in place by `patch`."""
    data = bytearray(good.read_bytes())
    patch(data)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    return bad


# --- reproducibility ---------------------------------------------------------------------------


def test_same_input_gives_identical_bytes_whatever_the_order(tmp_path: Path) -> None:
    files = sample_files(tmp_path)
    first = write_archive(files, tmp_path / "one.zip", FIELDS)
    reordered = dict(reversed(list(files.items())))
    second = write_archive(reordered, tmp_path / "two.zip", dict(reversed(list(FIELDS.items()))))
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    assert first.sha256 == second.sha256
    assert (first.files, first.total_size) == (4, sum(len(data) for data in contents(files)))


def test_entries_are_sorted_dated_1980_mode_644_deflated_without_extras(tmp_path: Path) -> None:
    write_archive(sample_files(tmp_path), tmp_path / "a.zip", FIELDS)
    infos = entries(tmp_path / "a.zip")
    names = [info.filename for info in infos]
    assert names == [*sorted(names[:-1]), MANIFEST_NAME]
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert (info.create_system, info.external_attr >> 16) == (3, 0o100644)
        assert (info.compress_type, info.extra, info.comment) == (zipfile.ZIP_DEFLATED, b"", b"")
    assert (tmp_path / "a.zip").stat().st_mode & 0o777 == 0o644


def test_manifest_lists_every_file_with_hash_and_size_plus_the_callers_fields(tmp_path: Path) -> None:
    files = sample_files(tmp_path)
    write_archive(files, tmp_path / "a.zip", FIELDS)
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        raw = archive.read(MANIFEST_NAME)
    manifest = json.loads(raw)
    assert "प्रशासन".encode() not in raw and "खोज".encode() in raw  # ensure_ascii=False
    assert list(manifest) == sorted(manifest)
    assert {key: manifest[key] for key in FIELDS} == FIELDS
    assert manifest["manifest_version"] == 1
    assert sorted(manifest["files"]) == sorted(files)
    assert manifest["files"]["hi/खोज.json"] == {
        "sha256": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        "size": 2,
    }


def test_progress_reports_each_file(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_archive(
        sample_files(tmp_path), tmp_path / "a.zip", FIELDS, progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_an_empty_archive_holds_only_the_manifest_and_verifies(tmp_path: Path) -> None:
    report = write_archive({}, tmp_path / "sub" / "empty.zip", {})
    assert [info.filename for info in entries(report.path)] == [MANIFEST_NAME]
    assert verify_archive(report.path) == []


# --- refused names -----------------------------------------------------------------------------

HOSTILE = {
    "empty": ("", "empty name"),
    "absolute": ("/etc/passwd", "absolute path"),
    "drive": ("C:/x.html", "absolute path"),
    "drive-relative": ("C:x.html", "absolute path"),
    "parent": ("a/../../x.html", "'..' segment"),
    "dot": ("./x.html", "'.' segment"),
    "empty segment": ("a//x.html", "empty path segment"),
    "folder entry": ("a/", "empty path segment"),
    "backslash": ("a\\x.html", "backslash"),
    "nul byte": ("a\x00.html", "control character"),
    "newline": ("a\n.html", "control character"),
    "del": ("a\x7f.html", "control character"),
    "bidi override": ("a\u202egnp.html", "bidirectional control character"),
    "less-than": ("a<b.html", "character Windows forbids: <"),
    "greater-than": ("a>b.html", "character Windows forbids: >"),
    "colon": ("a:b.html", "character Windows forbids: :"),
    "quote": ('a"b.html', 'character Windows forbids: "'),
    "pipe": ("a|b.html", "character Windows forbids: |"),
    "question": ("a?.html", "character Windows forbids: ?"),
    "star": ("a*.html", "character Windows forbids: *"),
    "con": ("CON", "segment 'CON' is a Windows device name"),
    "con.txt": ("docs/con.txt", "segment 'con.txt' is a Windows device name"),
    "prn": ("prn.tar.gz", "segment 'prn.tar.gz' is a Windows device name"),
    "aux folder": ("Aux/x.html", "segment 'Aux' is a Windows device name"),
    "nul device": ("nul.json", "segment 'nul.json' is a Windows device name"),
    "com1": ("com1.txt", "segment 'com1.txt' is a Windows device name"),
    "com9": ("COM9", "segment 'COM9' is a Windows device name"),
    "lpt1": ("a/LPT1.html", "segment 'LPT1.html' is a Windows device name"),
    "lpt9": ("lpt9", "segment 'lpt9' is a Windows device name"),
    "trailing dot": ("a./x.html", "segment 'a.' ends in a dot or space (Windows drops it)"),
    "trailing space": ("x.html ", "segment 'x.html ' ends in a dot or space (Windows drops it)"),
    # U+0958 (precomposed qa) is excluded from composition: NFC writes it as क + nukta.
    "nukta letter": ("hi/\u0958ानून.html", "not in Unicode NFC"),
    "decomposed e": ("cafe\u0301.html", "not in Unicode NFC"),
    "too long": ("a" * 256, "segment longer than 255 bytes"),
    "lone surrogate": ("a\udc80.html", "lone surrogate (not valid Unicode)"),
    "manifest": (MANIFEST_NAME, "reserved name"),
}


@pytest.mark.parametrize(("name", "reason"), HOSTILE.values(), ids=HOSTILE.keys())
def test_each_hostile_name_is_refused_and_nothing_is_written(tmp_path: Path, name: str, reason: str) -> None:
    target = tmp_path / "out" / "bundle.zip"
    with pytest.raises(UnsafeEntryError) as raised:
        write_archive({"index.html": b"ok", name: b"x"}, target, FIELDS)
    assert raised.value.names == (name,)
    assert Problem(name, reason) in raised.value.problems
    assert not (tmp_path / "out").exists()


COLLISIONS = {
    "case": (["Report.pdf", "report.PDF"], ["Report.pdf", "report.PDF"]),
    "nfc and case": (["Ä.txt", "ä.txt"], ["Ä.txt", "ä.txt"]),
    "casefold ß": (["straße.html", "STRASSE.html"], ["STRASSE.html", "straße.html"]),
    "file vs folder": (["Media", "media/a.png"], ["Media", "media/a.png"]),
    "folder vs folder": (["Docs/a.html", "docs/b.html"], ["Docs/a.html", "docs/b.html"]),
    "manifest": (["manifest.json"], ["manifest.json"]),
    "manifest folder": (["Manifest.JSON/x"], ["Manifest.JSON/x"]),
}


@pytest.mark.parametrize(("names", "offending"), COLLISIONS.values(), ids=COLLISIONS.keys())
def test_case_insensitive_collisions_are_refused(
    tmp_path: Path, names: list[str], offending: list[str]
) -> None:
    with pytest.raises(UnsafeEntryError) as raised:
        write_archive({"ok.html": b"", **dict.fromkeys(names, b"x")}, tmp_path / "a.zip", FIELDS)
    assert raised.value.names == tuple(offending)
    assert all("collides" in problem.reason for problem in raised.value.problems if problem.name in offending)
    assert list(tmp_path.iterdir()) == []


def test_every_offending_name_is_reported_at_once(tmp_path: Path) -> None:
    files: dict[str, Path | bytes] = {
        "../x": b"",
        "CON": b"",
        "a.html": b"",
        "A.html": b"",
        "missing.png": tmp_path / "nope.png",
        "folder.png": tmp_path,
    }
    with pytest.raises(UnsafeEntryError) as raised:
        write_archive(files, tmp_path / "a.zip", FIELDS)
    assert raised.value.names == ("../x", "A.html", "CON", "a.html", "folder.png", "missing.png")
    assert "'CON'" in str(raised.value)


def test_safe_names_pass() -> None:
    names = ["index.html", "hi/केस/प्रशासन.html", "ur/کیس.html", "a/b.c/d-e_f~g.tar.gz", "console.txt", "com10"]
    assert [check_name(name) for name in names] == [[]] * len(names)
    assert name_problems(names, reserved=[MANIFEST_NAME]) == []


def test_reserved_and_non_json_manifest_fields_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="reserved"):
        write_archive({}, tmp_path / "a.zip", {"files": []})
    with pytest.raises(TypeError):
        write_archive({}, tmp_path / "a.zip", {"when": object()})
    with pytest.raises(ValueError):
        write_archive({}, tmp_path / "a.zip", {"ratio": float("nan")})
    assert list(tmp_path.iterdir()) == []


# --- atomic replacement ------------------------------------------------------------------------


def test_a_failure_midway_keeps_the_previous_archive_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "bundle.zip"
    write_archive(sample_files(tmp_path), target, FIELDS)
    before = target.read_bytes()
    listing = sorted(tmp_path.iterdir())

    def explode(done: int, total: int) -> None:
        if done == 2:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_archive({**sample_files(tmp_path), "new.html": b"new"}, target, FIELDS, progress=explode)
    assert target.read_bytes() == before
    assert sorted(tmp_path.iterdir()) == listing


def test_a_source_vanishing_midway_keeps_the_previous_archive(tmp_path: Path) -> None:
    target = tmp_path / "bundle.zip"
    target.write_bytes(b"previous")
    late = tmp_path / "late.png"
    late.write_bytes(b"x")
    with pytest.raises(FileNotFoundError):
        write_archive({"a.html": b"a", "z.png": late}, target, FIELDS, progress=lambda d, t: late.unlink())
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.zip"]


# --- verification ------------------------------------------------------------------------------


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A sound archive."""
    return write_archive(sample_files(tmp_path), tmp_path / "good.zip", FIELDS).path


def test_a_written_archive_verifies(good: Path) -> None:
    assert verify_archive(good) == []


def test_tampered_content_is_reported(good: Path, tmp_path: Path) -> None:
    def tamper(name: str, data: bytes) -> list[tuple[str, bytes]]:
        return [(name, data.replace("प्रशासन".encode(), "प्रशासक".encode()))]

    problems = verify_archive(rebuild(good, tmp_path / "bad.zip", tamper))
    assert reasons(problems) == [
        ("hi/cases/up-valid-lesson/index.html", "SHA-256 differs from MANIFEST.json")
    ]


def test_a_changed_size_is_reported(good: Path, tmp_path: Path) -> None:
    def grow(name: str, data: bytes) -> list[tuple[str, bytes]]:
        return [(name, data + b"!" if name == "hi/खोज.json" else data)]

    problems = reasons(verify_archive(rebuild(good, tmp_path / "bad.zip", grow)))
    assert problems == [
        ("hi/खोज.json", "size 3 differs from MANIFEST.json (2)"),
        ("hi/खोज.json", "SHA-256 differs from MANIFEST.json"),
    ]


def test_a_missing_file_is_reported(good: Path, tmp_path: Path) -> None:
    def drop(name: str, data: bytes) -> list[tuple[str, bytes]]:
        return [] if name == "media/chart.png" else [(name, data)]

    problems = verify_archive(rebuild(good, tmp_path / "bad.zip", drop))
    assert reasons(problems) == [("media/chart.png", "listed in MANIFEST.json but missing from the archive")]


def test_an_extra_file_is_reported(good: Path, tmp_path: Path) -> None:
    def add(name: str, data: bytes) -> list[tuple[str, bytes]]:
        return [(name, data), ("evil.js", b"alert(1)")] if name == "index.html" else [(name, data)]

    problems = verify_archive(rebuild(good, tmp_path / "bad.zip", add))
    assert reasons(problems) == [("evil.js", "not listed in MANIFEST.json")]


@pytest.mark.parametrize(
    ("manifest", "reason"),
    [
        (b"{not json", "not valid UTF-8 JSON"),
        (b"\xff\xfe{}", "not valid UTF-8 JSON"),
        (b'{"files": {}, "files": {}, "manifest_version": 1}', "not valid UTF-8 JSON: duplicate key 'files'"),
        (b"[]", "has no 'files' object"),
        (b'{"files": [], "manifest_version": 1}', "has no 'files' object"),
        (b'{"files": {}}', "manifest_version is not 1"),
    ],
)
def test_a_broken_manifest_is_reported(good: Path, tmp_path: Path, manifest: bytes, reason: str) -> None:
    def replace(name: str, data: bytes) -> list[tuple[str, bytes]]:
        return [(name, manifest if name == MANIFEST_NAME else data)]

    problems = verify_archive(rebuild(good, tmp_path / "bad.zip", replace))
    assert len(problems) == 1
    assert problems[0].name == MANIFEST_NAME
    assert problems[0].reason.startswith(reason)


def test_malformed_manifest_records_are_reported(good: Path, tmp_path: Path) -> None:
    def corrupt(name: str, data: bytes) -> list[tuple[str, bytes]]:
        if name != MANIFEST_NAME:
            return [(name, data)]
        document: dict[str, Any] = json.loads(data)
        document["files"]["index.html"]["size"] = True
        document["files"]["media/chart.png"] = {"sha256": "ABC", "size": 1}
        document["files"][MANIFEST_NAME] = document["files"]["hi/खोज.json"]
        return [(name, json.dumps(document).encode())]

    problems = reasons(verify_archive(rebuild(good, tmp_path / "bad.zip", corrupt)))
    assert (MANIFEST_NAME, "malformed record for 'index.html'") in problems
    assert (MANIFEST_NAME, "malformed record for 'media/chart.png'") in problems
    assert (MANIFEST_NAME, "lists itself") in problems


def test_a_missing_manifest_is_reported(good: Path, tmp_path: Path) -> None:
    def drop(name: str, data: bytes) -> list[tuple[str, bytes]]:
        return [] if name == MANIFEST_NAME else [(name, data)]

    assert reasons(verify_archive(rebuild(good, tmp_path / "bad.zip", drop))) == [(MANIFEST_NAME, "missing")]


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04" + b"\x00" * 40, b"PK\x05\x06"])
def test_a_file_that_is_not_a_zip_is_reported(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(content)
    problems = verify_archive(path)
    assert len(problems) == 1
    assert problems[0].name == ""
    assert "not a readable zip archive" in problems[0].reason


def test_a_missing_path_or_a_folder_is_reported(tmp_path: Path) -> None:
    assert "cannot read" in verify_archive(tmp_path / "nope.zip")[0].reason
    assert "not a regular file" in verify_archive(tmp_path)[0].reason


def test_duplicate_entry_names_are_reported(good: Path, tmp_path: Path) -> None:
    def double(name: str, data: bytes) -> list[tuple[str, bytes]]:
        return [(name, data), (name, b"<script>evil()</script>")] if name == "index.html" else [(name, data)]

    with pytest.warns(UserWarning, match="Duplicate name"):
        bad = rebuild(good, tmp_path / "bad.zip", double)
    assert ("index.html", "appears 2 times") in reasons(verify_archive(bad))


@pytest.mark.parametrize(
    ("hostile", "reason"),
    [
        ("../../etc/cron.d/x", "'..' segment"),
        ("/etc/passwd", "absolute path"),
        ("a\\..\\b", "backslash"),
        ("con.html", "segment 'con.html' is a Windows device name"),
        ("INDEX.HTML", "collides with 'index.html'"),
    ],
)
def test_a_hostile_entry_name_is_reported(good: Path, tmp_path: Path, hostile: str, reason: str) -> None:
    def smuggle(name: str, data: bytes) -> list[tuple[str, bytes]]:
        return [(name, data), (hostile, b"x")] if name == "index.html" else [(name, data)]

    problems = reasons(verify_archive(rebuild(good, tmp_path / "bad.zip", smuggle)))
    assert (hostile, reason) in problems
    assert (hostile, "not listed in MANIFEST.json") in problems


def test_a_name_hiding_text_after_nul_is_reported(good: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    data = bytearray(good.read_bytes())
    # Same length, so every offset stays valid: "hi/खोज.json" -> "hi\0..." in both headers.
    target = "hi/खोज.json".encode()
    assert data.count(target) == 2
    bad.write_bytes(bytes(data).replace(target, b"hi\x00" + target[3:]))
    problems = reasons(verify_archive(bad))
    assert ("hi\x00" + target[3:].decode(), "control character") in problems


def test_a_damaged_entry_is_reported(good: Path, tmp_path: Path) -> None:
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("index.html")
    start = info.header_offset + 30 + len(info.filename.encode())
    data[start + 5] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    problems = verify_archive(bad)
    assert [p.name for p in problems] == ["index.html"]
    assert problems[0].reason.startswith("damaged:")


def test_a_zip_bomb_is_refused_unread(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * 8 * 1024**2)  # about 8 kB compressed
    path = tmp_path / "bomb.zip"
    path.write_bytes(buffer.getvalue())
    problems = reasons(verify_archive(path))
    assert ("zeros.bin", "compression ratio above 200:1 (possible zip bomb)") in problems
    assert (MANIFEST_NAME, "missing") in problems


def test_more_declared_content_than_the_limit_is_refused(good: Path) -> None:
    problems = verify_archive(good, max_total_size=2000)
    assert problems == [Problem("", problems[0].reason)]
    assert "over the 2000 limit" in problems[0].reason


def test_encrypted_and_unsupported_entries_are_not_read(good: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(bad, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        new.writestr("packed.xz", b"x" * 100, compress_type=zipfile.ZIP_LZMA)
    # Set the encryption flag of index.html in its central directory record (what zipfile reads).
    data = bytearray(bad.read_bytes())
    data[central_record(data, "index.html") + 8] |= 0x1
    bad.write_bytes(bytes(data))
    problems = reasons(verify_archive(bad))
    assert ("index.html", "encrypted") in problems
    assert ("packed.xz", "unsupported compression method 14") in problems


def test_a_symbolic_link_entry_is_reported(good: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(bad, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "index.html":
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            new.writestr(info, data)
    # Not read, so not compared with the manifest either.
    assert reasons(verify_archive(bad)) == [
        ("index.html", "not a regular file (folder, link or device entry)")
    ]


def test_a_local_header_that_disagrees_with_the_central_directory_is_reported(
    good: Path, tmp_path: Path
) -> None:
    def change_local_crc(data: bytearray) -> None:
        offset = int.from_bytes(data[central_record(data, "index.html") + 42 :][:4], "little")
        data[offset + 14] ^= 0xFF  # CRC-32 in the local header, which zipfile ignores

    problems = reasons(verify_archive(patched(good, tmp_path, change_local_crc)))
    assert ("index.html", "local header disagrees with the central directory") in problems


def test_a_declared_size_the_content_does_not_have_is_reported(good: Path, tmp_path: Path) -> None:
    def grow(data: bytearray) -> None:
        record = central_record(data, "index.html")
        local = int.from_bytes(data[record + 42 : record + 46], "little")
        for at in (record + 24, local + 22):  # the uncompressed size, in both headers
            data[at : at + 4] = (int.from_bytes(data[at : at + 4], "little") + 7).to_bytes(4, "little")

    problems = reasons(verify_archive(patched(good, tmp_path, grow)))
    assert problems == [("index.html", "holds 5533 bytes but declares 5540")]


def test_an_entry_count_that_disagrees_with_the_directory_is_reported(good: Path, tmp_path: Path) -> None:
    def miscount(data: bytearray) -> None:
        end = data.rfind(b"PK\x05\x06")
        data[end + 8 : end + 12] = (3).to_bytes(2, "little") * 2

    problems = reasons(verify_archive(patched(good, tmp_path, miscount)))
    assert problems == [("", "end record declares 3 entries, the directory holds 5")]


def test_an_oversized_central_directory_is_refused_unread(good: Path, tmp_path: Path) -> None:
    def inflate(data: bytearray) -> None:
        end = data.rfind(b"PK\x05\x06")
        data[end + 12 : end + 16] = (65 * 1024**2).to_bytes(4, "little")

    problems = reasons(verify_archive(patched(good, tmp_path, inflate)))
    assert problems == [("", f"central directory of {65 * 1024**2} bytes, over the {64 * 1024**2} limit")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=8))
def test_verification_never_raises_on_random_damage(tmp_path: Path, flips: list[tuple[int, int]]) -> None:
    seed = tmp_path / "seed.zip"
    if not seed.exists():  # tmp_path is shared by every example of one run
        write_archive({"a.html": b"<p>a</p>" * 50, "हि/b.json": b"{}"}, seed, FIELDS)
    original = seed.read_bytes()
    data = bytearray(original)
    for position, value in flips:
        data[position % len(data)] = value
    path = tmp_path / "fuzz.zip"
    path.write_bytes(bytes(data))
    problems = verify_archive(path)
    assert all(isinstance(problem, Problem) for problem in problems)
    if bytes(data) == original:
        assert problems == []
