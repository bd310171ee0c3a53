"""`agk serve`: a local preview on 127.0.0.1 that rebuilds when case studies or docs change."""

from __future__ import annotations

import functools
import io
import os
import queue
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from builder import build
from builder.cli import live_reload
from builder.errors import UsageError
from builder.project import Project

POLL_SECONDS = 1.0
# watchfiles ends a batch once no change came for STEP_MS, or after DEBOUNCE_MS at most: a
# burst of saves (an editor writing several files, a git checkout) becomes one rebuild.
DEBOUNCE_MS = 1600
STEP_MS = 100
EDITOR_TEMP_SUFFIXES = (".swp", ".swx", "~")
EDITOR_TEMP_PREFIXES = (".#",)
EDITOR_TEMP_NAMES = {"4913"}  # vim's probe that the folder is writable
STILL_SERVING = "still serving the last good site"


class SourceFilter:
    """Which changed paths change the site: sources, not editor temp files or build output."""

    def __init__(self, project: Project, out: Path) -> None:
        self.mkdocs_yml = project.mkdocs_yml
        self.trees = (project.case_dir, project.docs_dir)
        self.out = out

    def __call__(self, change: object, path: str) -> bool:
        """True when the change at `path` calls for a rebuild (`change` is watchfiles' kind)."""
        target = Path(path)
        if target == self.mkdocs_yml:
            return True
        name = target.name
        if name in EDITOR_TEMP_NAMES or name.endswith(EDITOR_TEMP_SUFFIXES):
            return False
        if name.startswith(EDITOR_TEMP_PREFIXES) or ".agk" in target.parts:
            return False
        inside = any(target.is_relative_to(tree) for tree in self.trees)
        return inside and not target.is_relative_to(self.out)


def snapshot(project: Project, accept: SourceFilter) -> dict[Path, float]:
    """Modification times of every source that changes the site."""
    roots = [project.case_dir, project.docs_dir]
    files = [p for root in roots if root.is_dir() for p in root.rglob("*") if p.is_file()]
    files.append(project.mkdocs_yml)
    times: dict[Path, float] = {}
    for path in files:
        try:
            if accept(None, str(path)):
                times[path] = path.stat().st_mtime
        except OSError:  # removed or made unreadable since it was listed: the next poll sees it
            continue
    return times


def polled(project: Project, accept: SourceFilter) -> Iterator[None]:
    """Once per change found by comparing modification times every POLL_SECONDS."""
    seen = snapshot(project, accept)
    while True:
        time.sleep(POLL_SECONDS)
        current = snapshot(project, accept)
        if current != seen:
            seen = current
            yield


def _pump(paths: list[Path], recursive: bool, accept: SourceFilter, stop: threading.Event,
          batches: queue.SimpleQueue[None]) -> None:  # fmt: skip
    """Put one item on `batches` per batch of changes under `paths` until `stop` is set."""
    import watchfiles

    watching = watchfiles.watch(
        *paths, watch_filter=accept, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop,
        recursive=recursive, raise_interrupt=False, ignore_permission_denied=True,
    )  # fmt: skip
    for _ in watching:
        batches.put(None)


def notified(project: Project, accept: SourceFilter, stop: threading.Event) -> Iterator[None]:
    """Once per batch of changes the operating system reports, until `stop` is set."""
    batches: queue.SimpleQueue[None] = queue.SimpleQueue()
    trees = [tree for tree in (project.case_dir, project.docs_dir) if tree.is_dir()]
    # The root is watched on its own, not recursively, for mkdocs.yml: a watch on the file
    # itself ends when an editor saves by renaming a new file over it.
    for paths, recursive in ((trees, True), ([project.root], False)):
        if paths:
            args = (paths, recursive, accept, stop, batches)
            threading.Thread(target=_pump, args=args, daemon=True).start()
    while True:
        batches.get()
        while not batches.empty():  # changes saved during the last build: one rebuild for all
            batches.get()
        yield


def changes(project: Project, out: Path, stop: threading.Event) -> Iterator[None]:
    """Once per batch of source changes: from watchfiles, or by polling without it."""
    accept = SourceFilter(project, out)
    try:
        import watchfiles  # noqa: F401  (only to know whether it is there)
    except ImportError:
        print("agk: watchfiles is not installed; checking for changes every second instead",
              file=sys.stderr, flush=True)  # fmt: skip
        return polled(project, accept)
    return notified(project, accept, stop)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the preview folder: quietly, without folder listings, with live reload."""

    def __init__(self, *args: Any, reloads: live_reload.Reloads | None = None, **kwargs: Any) -> None:
        self.reloads = reloads  # set first: the base class answers the request in __init__
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the terminal for build messages."""

    def list_directory(self, path: str | os.PathLike[str]) -> io.BytesIO | None:
        """No folder listings: a folder without an index page is not found."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def do_GET(self) -> None:
        """The reload event stream, or a file."""
        if self.reloads is None or urlsplit(self.path).path != live_reload.EVENTS_PATH:
            super().do_GET()
            return
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        live_reload.stream(self.wfile, self.reloads, live_reload.since(self.path, self.reloads.build))

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """HTML pages get the live-reload script; everything else is served as it is."""
        page = live_reload.html_file(self.translate_path(self.path)) if self.reloads else None
        if page is None or self.reloads is None:
            return super().send_head()
        try:
            body = live_reload.inject(page.read_bytes(), self.reloads.build)
        except OSError:  # replaced by a rebuild in between: the base class says what it finds
            return super().send_head()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(page)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)


def failure_line(error: Exception) -> str:
    """The one line `agk serve` prints when a build raised instead of failing cleanly."""
    if isinstance(error, OSError) and error.strerror:
        reason = f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    elif isinstance(error, UsageError):
        reason = str(error)
    else:
        reason = f"{type(error).__name__}: {error}"
    reason = " ".join(reason.split())  # YAML and MkDocs messages span lines
    return f"agk: build failed ({reason[:300]}); {STILL_SERVING}"


def attempt(project: Project, out: Path, langs: str | None) -> tuple[bool, str]:
    """Rebuild the preview into `out`: whether it succeeded, and the line that says how it went."""
    started = time.perf_counter()
    try:
        code = build.run(project, out, langs, strict=False)
    except Exception as error:  # a failed rebuild must never end the preview
        if os.environ.get("AGK_DEBUG"):
            traceback.print_exc()
        return False, failure_line(error)
    state = "rebuilt" if code == 0 else f"build failed; {STILL_SERVING}"
    return code == 0, f"agk: {state} ({time.perf_counter() - started:.1f} s)"


def rebuild(project: Project, out: Path, langs: str | None) -> str:
    """Rebuild the preview into `out`; whatever happens, the line that says how it went."""
    return attempt(project, out, langs)[1]


def refresh(project: Project, out: Path, langs: str | None, reloads: live_reload.Reloads) -> None:
    """Rebuild after a change and say how it went; open pages reload only after a good build."""
    succeeded, line = attempt(project, out, langs)
    print(line, file=sys.stderr, flush=True)
    if succeeded:  # after a failure the open pages keep showing the last good site
        reloads.announce()


class PreviewServer(ThreadingHTTPServer):
    """The preview server: a browser that closes a connection mid-answer is no error to print."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing when the reader's browser went away (a reload, a cancelled download)."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def listen(out: Path, port: int, reloads: live_reload.Reloads) -> ThreadingHTTPServer:
    """The preview server of `out` on 127.0.0.1:`port`, answering in its own threads."""
    handler = functools.partial(PreviewHandler, directory=str(out), reloads=reloads)
    try:
        server = PreviewServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {error.strerror}") from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run(project: Project, langs: str | None, port: int) -> int:
    """Build once, serve, and rebuild on every change until interrupted."""
    out = project.root / ".agk" / "preview"
    try:
        build.run(project, out, langs, strict=False)
    except UsageError:
        raise  # e.g. an unknown --lang: the command line is wrong, not the content
    except Exception as error:  # content that breaks the build can still be fixed while serving
        print(failure_line(error), file=sys.stderr, flush=True)
    out.mkdir(parents=True, exist_ok=True)
    reloads = live_reload.Reloads()
    server = listen(out, port, reloads)
    print(f"agk: serving http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    stop = threading.Event()
    try:
        for _ in changes(project, out, stop):
            refresh(project, out, langs, reloads)
    except KeyboardInterrupt:
        return 0
    finally:
        stop.set()
        reloads.close()
        server.shutdown()
        server.server_close()
    return 0
