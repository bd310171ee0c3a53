"""Live reload for `agk serve`: pages open an event stream and reload after each good build.

Only the preview server adds the script, at serve time: built files on disk never carry it.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

EVENTS_PATH = "/__agk_reload"
KEEPALIVE_SECONDS = 15.0
# `since` is the build the page came from: a page that reconnects after missing a build (or
# after `agk serve` restarted) is told at once. The theme sets no Content-Security-Policy, so an
# inline script is allowed.
_SCRIPT = (
    '<script>new EventSource("' + EVENTS_PATH + '?since={build}")'
    '.addEventListener("reload",()=>location.reload())</script>'
)


class Reloads:
    """Counts successful builds and wakes every page waiting for the next one."""

    def __init__(self) -> None:
        self.build = 0
        self.closed = False
        self._changed = threading.Condition()

    def announce(self) -> None:
        """A build succeeded: every connected page gets one `reload` event."""
        with self._changed:
            self.build += 1
            self._changed.notify_all()

    def close(self) -> None:
        """The server stops: end every event stream."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int | None:
        """The current build once it is not `seen` (or after `timeout`); None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self.build != seen, timeout)
            return None if self.closed else self.build


def inject(html: bytes, build: int) -> bytes:
    """The page with the reload script just before its last `</body>` (or at its end)."""
    script = _SCRIPT.format(build=build).encode()
    at = html.lower().rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


def html_file(translated: str) -> Path | None:
    """The HTML file served for a request path as `translate_path` made it, unless redirected."""
    path = Path(translated)
    if path.is_dir():
        if not translated.endswith("/"):
            return None  # the base class redirects to the folder's address
        path = path / "index.html"
    elif translated.endswith("/"):
        return None  # a file asked for as a folder: the base class says not found
    return path if path.suffix in {".html", ".htm"} and path.is_file() else None


def since(path: str, default: int) -> int:
    """The build number a page says it came from (`?since=N`), else `default`."""
    values = parse_qs(urlsplit(path).query).get("since", [])
    return int(values[0]) if values and values[0].isdigit() else default


def stream(out: io.BufferedIOBase, reloads: Reloads, seen: int) -> None:
    """Write `reload` events (and keep-alive comments) until the page leaves or the server stops."""
    try:
        while (current := reloads.wait(seen, KEEPALIVE_SECONDS)) is not None:
            # Comments keep proxies and the browser from timing the quiet connection out.
            message = ": keep-alive\n\n" if current == seen else f"event: reload\ndata: {current}\n\n"
            out.write(message.encode())
            out.flush()
            seen = current
    except ConnectionError:  # the page was closed or reloaded: nothing to report
        return
