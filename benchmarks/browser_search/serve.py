"""A local static HTTP server that records every file it sends, and gzip accounting of them."""

from __future__ import annotations

import gzip
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# What a static host sends for these names; Chromium compiles WebAssembly only as application/wasm.
EXTRA_TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript"}
GZIP_LEVEL = 6  # zlib's default, between what nginx (1) and most CDNs (6-9) use


@dataclass(frozen=True)
class Served:
    """One response the server sent."""

    path: str  # the URL path, decoded
    file: Path | None  # what was read from disk; None for errors and listings
    size: int  # body bytes sent
    status: int


@dataclass(frozen=True)
class Transfer:
    """Bytes of a set of responses, as sent and as a compressing host would send them."""

    requests: int
    raw: int
    gzip: int


def gzip_size(data: bytes) -> int:
    """Length of `data` gzip-compressed the way a static host would (level 6, no name or time)."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


@cache
def _file_gzip_size(file: Path, size: int, mtime_ns: int) -> int:
    """gzip_size of a file, cached while the file is unchanged."""
    del size, mtime_ns  # part of the cache key only
    return gzip_size(file.read_bytes())


def file_gzip_size(file: Path) -> int:
    """gzip_size of a file on disk."""
    stat = file.stat()
    return _file_gzip_size(file, stat.st_size, stat.st_mtime_ns)


def account(bodies: Iterable[bytes]) -> Transfer:
    """Raw and gzip bytes of response bodies (each compressed on its own, as HTTP does)."""
    items = list(bodies)
    return Transfer(len(items), sum(len(b) for b in items), sum(gzip_size(b) for b in items))


def account_served(served: Iterable[Served]) -> Transfer:
    """Transfer of recorded responses; gzip sizes computed from the files they came from."""
    items = list(served)
    compressed = sum(file_gzip_size(s.file) if s.file and s.file.is_file() else s.size for s in items)
    return Transfer(len(items), sum(s.size for s in items), compressed)


class RecordingServer(ThreadingHTTPServer):
    """A threaded static server whose responses are appended to `log`."""

    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.log: list[Served] = []
        self.lock = threading.Lock()

    def record(self, served: Served) -> None:
        """Append one response (called from handler threads)."""
        with self.lock:
            self.log.append(served)

    def mark(self) -> int:
        """The position in the log now; later entries came after this moment."""
        with self.lock:
            return len(self.log)

    def since(self, position: int = 0) -> list[Served]:
        """Entries logged from `position` on."""
        with self.lock:
            return self.log[position:]

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT (no trailing slash)."""
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(SimpleHTTPRequestHandler):
    """Serves files from the server's root and records what it sent."""

    # HTTP/1.1 keep-alive, as real hosts and Chromium use it (SimpleHTTPRequestHandler sets lengths).
    protocol_version = "HTTP/1.1"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        server: RecordingServer = args[2]
        super().__init__(*args, directory=str(server.root), **kwargs)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        """The Content-Type a static host would send."""
        return EXTRA_TYPES.get(Path(path).suffix.lower()) or super().guess_type(path)

    def do_GET(self) -> None:
        """Send the file, logging it first so the log is complete once the client has it."""
        body = self.send_head()
        if body is None:
            return  # an error (logged by send_error) or a redirect
        try:
            data = body.read()
        finally:
            body.close()
        file = Path(self.translate_path(self.path))
        self.record(Served(self.url_path(), file if file.is_file() else None, len(data), 200))
        self.wfile.write(data)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Log an error response, then send it."""
        self.record(Served(self.url_path(), None, 0, code))
        super().send_error(code, message, explain)

    def url_path(self) -> str:
        """The decoded path of the request."""
        return unquote(urlsplit(self.path).path)

    def record(self, served: Served) -> None:
        """Append to the server's log."""
        server = self.server
        assert isinstance(server, RecordingServer)
        server.record(served)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the benchmark's output clean."""


@contextmanager
def serving(root: Path) -> Iterator[RecordingServer]:
    """Serve `root` on 127.0.0.1 from a background thread for the duration of the block."""
    server = RecordingServer(root)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
