"""Headless Chromium for browser tests: Debian's chromium driven by Playwright.

Tests that need it use the `browser` fixture. Without /usr/bin/chromium they are skipped on a
developer machine and fail under CI=true (CI must never skip for lack of a tool). AGK_CHROMIUM
names another Chromium binary where Debian's package is not available (GitHub's Ubuntu runners
ship Google Chrome instead).
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("AGK_CHROMIUM") or "/usr/bin/chromium")
# Flags from the machine notes: without the background-networking ones Chromium tries to
# reach Google's hosts at every start.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def require_chromium() -> None:
    """Skip (or fail under CI) when Chromium is missing."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs {CHROMIUM} for the browser tests (apt-get install chromium)")
    pytest.skip(f"no {CHROMIUM} on this machine")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class PageWatch:
    """A page plus what it requested, printed to the console and raised as errors."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def external_requests(self) -> list[str]:
        """Requests that left the machine (anything but file:// and 127.0.0.1)."""
        local = ("file://", "http://127.0.0.1", "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local)]


def open_page(browser: Any, locale: str = "en-US") -> PageWatch:
    """A fresh context and page whose requests, console errors and dialogs are recorded."""
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = PageWatch(page)
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on(
        "console",
        lambda message: watch.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: watch.errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return watch


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Silence request logs."""


class _HostLike(_Quiet):
    """Serves a site like a static host: a missing address gets the root 404.html, status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(directory: Path, *, not_found_page: bool = False) -> tuple[str, ThreadingHTTPServer]:
    """Serve `directory` on 127.0.0.1 at a free port; returns (base URL, server). With
    `not_found_page`, missing addresses get the root 404.html as a static host gives it."""
    handler = functools.partial(_HostLike if not_found_page else _Quiet, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@contextlib.contextmanager
def site_root(directory: Path, kind: str) -> Iterator[str]:
    """The root URL of a built site: `kind` "file" opens it from disk, "http" serves it locally,
    "host" serves it answering missing addresses with its 404.html, as static hosts do."""
    if kind == "file":
        yield directory.as_uri()
        return
    url, server = serve(directory, not_found_page=kind == "host")
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def watch(browser: Any) -> Iterator[PageWatch]:
    """A fresh page in its own context, closed after the test."""
    page = open_page(browser)
    yield page
    page.page.context.close()
