"""`agk serve`: a local preview on 127.0.0.1 that rebuilds when case studies or docs change."""

from __future__ import annotations

import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from builder import build
from builder.errors import UsageError
from builder.project import Project

POLL_SECONDS = 1.0


def snapshot(project: Project) -> dict[Path, float]:
    """Modification times of every source that changes the site."""
    roots = [project.case_dir, project.docs_dir]
    files = [p for root in roots if root.is_dir() for p in root.rglob("*") if p.is_file()]
    files.append(project.mkdocs_yml)
    return {path: path.stat().st_mtime for path in files if path.exists()}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the terminal for build messages."""


def run(project: Project, langs: str | None, port: int) -> int:
    """Build once, serve, and rebuild on every change until interrupted."""
    out = project.root / ".agk" / "preview"
    build.run(project, out, langs, strict=False)
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(out))
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
                started = time.perf_counter()
                code = build.run(project, out, langs, strict=False)
                state = "rebuilt" if code == 0 else "build failed; still serving the last good site"
                print(
                    f"agk: {state} ({time.perf_counter() - started:.1f} s)",
                    file=sys.stderr,
                    flush=True,
                )
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
