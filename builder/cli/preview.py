"""`agk serve`: a local preview on 127.0.0.1 that rebuilds when case studies or docs change."""

from __future__ import annotations

import functools
import io
import os
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from builder import build
from builder.errors import UsageError
from builder.project import Project

POLL_SECONDS = 1.0
STILL_SERVING = "still serving the last good site"


def snapshot(project: Project) -> dict[Path, float]:
    """Modification times of every source that changes the site."""
    roots = [project.case_dir, project.docs_dir]
    files = [p for root in roots if root.is_dir() for p in root.rglob("*") if p.is_file()]
    files.append(project.mkdocs_yml)
    times: dict[Path, float] = {}
    for path in files:
        try:
            times[path] = path.stat().st_mtime
        except OSError:  # removed or made unreadable since it was listed: the next poll sees it
            continue
    return times


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the preview folder: quietly, and without folder listings."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the terminal for build messages."""

    def list_directory(self, path: str | os.PathLike[str]) -> io.BytesIO | None:
        """No folder listings: a folder without an index page is not found."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None


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


def rebuild(project: Project, out: Path, langs: str | None) -> str:
    """Rebuild the preview into `out`; whatever happens, the line that says how it went."""
    started = time.perf_counter()
    try:
        code = build.run(project, out, langs, strict=False)
    except Exception as error:  # a failed rebuild must never end the preview
        if os.environ.get("AGK_DEBUG"):
            traceback.print_exc()
        return failure_line(error)
    state = "rebuilt" if code == 0 else f"build failed; {STILL_SERVING}"
    return f"agk: {state} ({time.perf_counter() - started:.1f} s)"


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
    handler = functools.partial(PreviewHandler, directory=str(out))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {error.strerror}") from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"agk: serving http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    seen = snapshot(project)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            current = snapshot(project)
            if current != seen:
                seen = current
                print(rebuild(project, out, langs), file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        server.server_close()
