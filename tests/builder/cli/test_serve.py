"""`agk serve`: a failed rebuild never ends the preview, and folders are not listed.

(That a change to a case reaches the served page is tested in test_build.py.)
"""

from __future__ import annotations

import errno
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from builder.cli import live_reload, preview
from builder.errors import UsageError
from builder.project import Project


def status(url: str) -> int:
    """HTTP status of GET `url`."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The preview's request handler serving a small folder; its base URL."""
    (tmp_path / "page.html").write_text("<p>page</p>")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "cover.png").write_bytes(b"png")
    (tmp_path / "with-index").mkdir()
    (tmp_path / "with-index" / "index.html").write_text("<p>index</p>")
    server = preview.listen(tmp_path, 0, live_reload.Reloads())
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_folders_without_an_index_page_are_not_found(served: str) -> None:
    assert status(f"{served}/media/") == 404
    assert status(f"{served}/media") == 404  # after the redirect to media/
    assert status(f"{served}/") == 404
    assert status(f"{served}/media/cover.png") == 200
    assert status(f"{served}/page.html") == 200
    assert status(f"{served}/with-index/") == 200


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            OSError(errno.EACCES, "Permission denied", "case_studies/x/case.yaml"),
            "case.yaml: Permission denied",
        ),
        (UsageError("unknown language(s): xx"), "unknown language(s): xx"),
        (RuntimeError("while parsing\n  in mkdocs.yml"), "RuntimeError: while parsing in mkdocs.yml"),
    ],
)
def test_a_rebuild_that_raises_is_one_line_and_serving_goes_on(
    valid_project: Project, monkeypatch: pytest.MonkeyPatch, error: Exception, expected: str
) -> None:
    def raising(*_: object, **__: object) -> int:
        raise error

    monkeypatch.setattr(preview.build, "run", raising)
    line = preview.rebuild(valid_project, valid_project.root / ".agk" / "preview", None)
    assert "\n" not in line
    assert expected in line
    assert line.endswith("; still serving the last good site")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Output:
    """The lines a process prints, collected by a thread so reading never blocks the test."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stdout is not None
        stream = process.stdout
        self.reader = threading.Thread(target=lambda: self.lines.extend(stream), daemon=True)
        self.reader.start()

    def wait_for(self, wanted: Callable[[str], bool], after: int = 0, seconds: float = 180) -> int:
        """Index of the first line from `after` on that is `wanted`; -1 if none came in time."""
        deadline = time.monotonic() + seconds
        while True:
            for index, line in enumerate(self.lines[after:], start=after):
                if wanted(line):
                    return index
            if time.monotonic() > deadline:
                return -1
            time.sleep(0.2)


@pytest.mark.slow
def test_serve_keeps_serving_when_rebuilds_fail(valid_project: Project) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "builder", "serve", "--lang", "en", "--port", str(port)],
        cwd=valid_project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    output = Output(server)
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/en/cases/up-valid-lesson/index.html"
    preview_dir = valid_project.root / ".agk" / "preview"
    try:
        serving = output.wait_for(lambda line: line.startswith("agk: serving http://"))
        assert serving >= 0, output.lines
        assert status(page) == 200
        assert (preview_dir / "en" / "cases" / "up-valid-lesson" / "media").is_dir()
        assert status(f"{base}/en/cases/up-valid-lesson/media/") == 404

        # Content errors: validation fails, the build stops.
        meta = valid_project.case_dir / "up-valid-lesson" / "case.yaml"
        good = meta.read_text(encoding="utf-8")
        meta.write_text(good.replace("type: lesson-drawing", "type: [unclosed"), encoding="utf-8")
        failed = output.wait_for(lambda line: "still serving the last good site" in line, serving)
        assert failed >= 0, output.lines
        assert status(page) == 200

        meta.write_text(good, encoding="utf-8")
        rebuilt = output.wait_for(lambda line: line.startswith("agk: rebuilt"), failed)
        assert rebuilt >= 0, output.lines
        # No staging folder of the failed build is left beside the preview (the cache stays).
        assert sorted(p.name for p in preview_dir.parent.iterdir()) == ["cache", "preview"]

        # A root mkdocs.yml that is not YAML: the build raises instead of failing cleanly.
        valid_project.mkdocs_yml.write_text("site_name: [unclosed\n", encoding="utf-8")
        raised = output.wait_for(lambda line: "still serving the last good site" in line, rebuilt)
        assert raised >= 0, output.lines
        assert server.poll() is None, output.lines
        assert status(page) == 200
        assert status(f"{base}/en/cases/up-valid-lesson/media/") == 404
        assert not any("Traceback" in line for line in output.lines), output.lines
    finally:
        server.terminate()
        server.wait(timeout=60)
        # The reader ends at end of file; then the pipe can be closed without a warning.
        output.reader.join(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
