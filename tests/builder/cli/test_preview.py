"""`agk serve`: the file watcher's filter, and live reload of the open page after good builds."""

from __future__ import annotations

import functools
import http.client
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from builder.cli import live_reload, preview
from builder.project import Project

PAGE = b"<!doctype html><html><body><p>page</p></body></html>"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A tiny built site: pages, a folder index, and files that are not HTML."""
    (tmp_path / "page.html").write_bytes(PAGE)
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "index.html").write_bytes(PAGE)
    (tmp_path / "style.css").write_bytes(b"body{}</body>")
    (tmp_path / "data.json").write_bytes(b'{"a": "</body>"}')
    return tmp_path


@pytest.fixture
def reloads() -> Iterator[live_reload.Reloads]:
    """The build counter the served pages listen to; closed after the test."""
    counter = live_reload.Reloads()
    yield counter
    counter.close()


@pytest.fixture
def served(site: Path, reloads: live_reload.Reloads) -> Iterator[str]:
    """The preview server, with live reload, on a free port; its base URL."""
    server = preview.listen(site, 0, reloads)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[bytes, str, int]:
    """Body, content type and Content-Length of GET `url`."""
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read()
        return body, response.headers["Content-Type"], int(response.headers["Content-Length"])


def test_only_html_responses_get_the_reload_script(served: str, site: Path) -> None:
    for address in ("page.html", "folder/", "folder/index.html"):
        body, kind, length = fetch(f"{served}/{address}")
        assert kind.startswith("text/html")
        assert length == len(body)
        assert body.count(b"new EventSource(") == 1
        assert body.index(b"/__agk_reload?since=0") < body.index(b"</body>")
        assert body.endswith(b"</body></html>")
    assert fetch(f"{served}/style.css")[0] == b"body{}</body>"
    assert fetch(f"{served}/data.json")[0] == b'{"a": "</body>"}'
    assert (site / "page.html").read_bytes() == PAGE  # injected at serve time, never on disk


def test_a_page_knows_which_build_it_came_from(served: str, reloads: live_reload.Reloads) -> None:
    reloads.announce()
    reloads.announce()
    assert b"/__agk_reload?since=2" in fetch(f"{served}/page.html")[0]


def test_the_handler_without_reloads_serves_pages_as_they_are(site: Path) -> None:
    handler = functools.partial(preview.PreviewHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert fetch(f"http://127.0.0.1:{server.server_address[1]}/page.html")[0] == PAGE
    finally:
        server.shutdown()
        server.server_close()


class Events:
    """One open event stream of the preview server, read a message at a time."""

    def __init__(self, base: str, since: int = 0) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=10)
        self.connection.request("GET", f"{live_reload.EVENTS_PATH}?since={since}")
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.headers["Content-Type"] == "text/event-stream"

    def next(self) -> str:
        """The next message (lines up to the blank line that ends it)."""
        lines: list[bytes] = []
        while (line := self.response.fp.readline()) not in (b"\n", b""):
            lines.append(line)
        return b"".join(lines).decode()

    def close(self) -> None:
        """Hang up, as a page does when it is closed or reloaded."""
        self.response.close()
        self.connection.close()


@pytest.fixture
def quick_keepalive(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep-alive comments every 0.1 s instead of 15 s, so quiet streams still speak."""
    monkeypatch.setattr(live_reload, "KEEPALIVE_SECONDS", 0.1)


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch, valid_project: Project) -> dict[str, int]:
    """`build.run` replaced: it returns whatever exit code the test puts in `code`."""
    result = {"code": 0}
    monkeypatch.setattr(preview.build, "run", lambda *_, **__: result["code"])
    return result


@pytest.mark.usefixtures("quick_keepalive")
def test_a_reload_event_after_a_good_build_and_none_after_a_failed_one(
    served: str, reloads: live_reload.Reloads, fake_build: dict[str, int], valid_project: Project
) -> None:
    out = valid_project.root / ".agk" / "preview"
    pages = [Events(served), Events(served)]
    try:
        fake_build["code"] = 1
        preview.refresh(valid_project, out, None, reloads)
        for page in pages:
            assert [page.next() for _ in range(3)] == [": keep-alive\n"] * 3
        fake_build["code"] = 0
        preview.refresh(valid_project, out, None, reloads)
        for page in pages:  # one event each, then quiet again
            assert page.next() == "event: reload\ndata: 1\n"
            assert page.next() == ": keep-alive\n"
    finally:
        for page in pages:
            page.close()


def test_a_page_that_missed_a_build_is_told_at_once(served: str, reloads: live_reload.Reloads) -> None:
    reloads.announce()
    page = Events(served, since=0)
    try:
        assert page.next() == "event: reload\ndata: 1\n"
    finally:
        page.close()


@pytest.mark.usefixtures("quick_keepalive")
def test_a_page_that_leaves_is_dropped_quietly(
    served: str,
    reloads: live_reload.Reloads,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    ended = threading.Event()
    stream = live_reload.stream

    def watched(*args: Any) -> None:
        stream(*args)
        ended.set()

    monkeypatch.setattr(live_reload, "stream", watched)
    page = Events(served)
    assert page.next() == ": keep-alive\n"
    page.close()
    reloads.announce()
    assert ended.wait(10)  # the write to the closed connection failed and ended the stream
    assert "Traceback" not in capfd.readouterr().err


def test_closing_ends_every_stream(served: str, reloads: live_reload.Reloads) -> None:
    page = Events(served)
    reloads.close()
    assert page.next() == ""  # the server ended the response
    page.close()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project: case studies, docs and mkdocs.yml."""
    (tmp_path / "case_studies" / "a-case").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    return Project(tmp_path)


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("mkdocs.yml", True),
        ("case_studies/a-case/case.yaml", True),
        ("case_studies/a-case/narrative.en.md", True),
        ("docs/about.md", True),
        ("case_studies/a-case/.narrative.en.md.swp", False),
        ("case_studies/a-case/narrative.en.md~", False),
        ("docs/.#about.md", False),
        ("case_studies/a-case/4913", False),
        ("case_studies/.agk/cache/x", False),
        ("docs/.agk/preview/index.html", False),
        (".agk/preview/en/index.html", False),
        ("README.md", False),
        ("mkdocs.yml~", False),
    ],
)
def test_the_watcher_wants_sources_not_editor_files_or_output(
    project: Project, name: str, wanted: bool
) -> None:
    accept = preview.SourceFilter(project, project.root / ".agk" / "preview")
    assert accept(None, str(project.root / name)) is wanted


def test_the_watcher_ignores_an_output_folder_among_the_sources(project: Project) -> None:
    accept = preview.SourceFilter(project, project.docs_dir / "site")
    assert not accept(None, str(project.docs_dir / "site" / "index.html"))
    assert accept(None, str(project.docs_dir / "sites.md"))


class Counted:
    """Counts the batches a `changes` generator yields, in a thread of its own."""

    def __init__(self, changes: Iterator[None]) -> None:
        self.count = 0
        self.changed = threading.Condition()
        threading.Thread(target=self.consume, args=(changes,), daemon=True).start()

    def consume(self, changes: Iterator[None]) -> None:
        for _ in changes:
            with self.changed:
                self.count += 1
                self.changed.notify_all()

    def beyond(self, count: int, seconds: float) -> bool:
        """Whether more than `count` batches came within `seconds`."""
        with self.changed:
            return self.changed.wait_for(lambda: self.count > count, seconds)

    def settled(self) -> int:
        """The count once a second passed without a batch."""
        while self.beyond(self.count, 1.0):
            pass
        return self.count


def touch_until_seen(batches: Counted, write: Callable[[int], None]) -> None:
    """Write until a new batch comes: the watchers start in their own threads, unsynchronised."""
    before = batches.count
    for attempt in range(50):
        write(attempt)
        if batches.beyond(before, 0.3):
            return
    pytest.fail("no change reported")


@pytest.fixture
def watched(project: Project) -> Iterator[Counted]:
    """The batches of changes `agk serve` rebuilds on, watched by watchfiles."""
    pytest.importorskip("watchfiles")
    stop = threading.Event()
    yield Counted(preview.changes(project, project.root / ".agk" / "preview", stop))
    stop.set()


def test_the_watcher_reports_source_changes_and_not_temp_files(project: Project, watched: Counted) -> None:
    narrative = project.case_dir / "a-case" / "narrative.en.md"
    touch_until_seen(watched, lambda attempt: narrative.write_text(f"edit {attempt}\n"))
    quiet = watched.settled()
    (project.case_dir / "a-case" / ".narrative.en.md.swp").write_text("swap")
    (project.case_dir / "a-case" / "4913").write_text("")
    (project.docs_dir / ".#about.md").write_text("lock")
    (project.case_dir / ".agk").mkdir()
    (project.case_dir / ".agk" / "x.html").write_text("out")
    (project.root / "README.md").write_text("not a source")
    assert not watched.beyond(quiet, 1.0)
    narrative.write_text("edited again\n")
    assert watched.beyond(quiet, 10)


def test_mkdocs_yml_is_still_watched_after_an_editor_renames_over_it(
    project: Project, watched: Counted
) -> None:
    def replace(attempt: int) -> None:
        replacement = project.root / "mkdocs.yml.new"
        replacement.write_text(f"site_name: {attempt}\n")
        replacement.replace(project.mkdocs_yml)

    touch_until_seen(watched, replace)
    quiet = watched.settled()
    replace(99)
    assert watched.beyond(quiet, 10)


def test_without_watchfiles_it_polls_and_says_so(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # makes `import watchfiles` fail
    monkeypatch.setattr(preview, "POLL_SECONDS", 0.05)
    changes = preview.changes(project, project.root / ".agk" / "preview", threading.Event())
    assert capsys.readouterr().err.count("\n") == 1
    narrative = project.case_dir / "a-case" / "narrative.en.md"
    touch_until_seen(Counted(changes), lambda attempt: narrative.write_text(f"edit {attempt}"))


@pytest.mark.parametrize(
    ("error", "printed"), [(BrokenPipeError(32, "Broken pipe"), False), (ValueError("bug"), True)]
)
def test_a_browser_going_away_prints_no_traceback(
    capsys: pytest.CaptureFixture[str], error: Exception, printed: bool
) -> None:
    server = preview.PreviewServer(("127.0.0.1", 0), preview.PreviewHandler)
    try:
        try:
            raise error
        except Exception:
            server.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.server_close()
    assert ("Traceback" in capsys.readouterr().err) is printed
