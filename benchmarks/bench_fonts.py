"""Benchmark the fonts of the site: bytes each page's first load downloads, and what is cached.

    python -m benchmarks.bench_fonts [--site DIR] [--pages hi/cases/ID/index.html ...]

Builds the sample site of this repository into benchmarks/out/fonts-site/ (or reads `--site`),
serves it on 127.0.0.1 and opens each page in a fresh Chromium context (an empty cache), then a
second page of the same language in that context. It records every font response and the font
stylesheet. Budget: at most 120 kB of fonts on a Hindi case page's first load.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import re
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchmarks.bench_build import OUT
from benchmarks.synthetic import REPO

BUDGET_KB = 120.0
# What GitHub Pages sends; without a Cache-Control header Chromium fetches files built minutes
# ago again on the next page (heuristic freshness is a tenth of their age).
CACHE_CONTROL = "max-age=600"
# The first case page of a language has its narrative in that language: a reader's usual page.
DEFAULT_LANGS = ("hi", "ur", "ta", "en")


def build_site(target: Path) -> Path:
    """Build the sample site into `target` with agk build; the site folder."""
    command = [sys.executable, "-m", "builder", "build", "--out", str(target)]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    return target


def case_page(site: Path, lang: str) -> str:
    """A case page of `lang` whose narrative is written in `lang` (not an original shown instead)."""
    for page in sorted((site / lang / "cases").glob("*/index.html")):
        heading = re.search(r"<h1[^>]*>", page.read_text(encoding="utf-8"))
        # An untranslated case shows its original, marked with the original's language.
        if heading and ("lang=" not in heading[0] or f'lang="{lang}"' in heading[0]):
            return page.relative_to(site).as_posix()
    return f"{lang}/index.html"


class _Published(SimpleHTTPRequestHandler):
    """A static host: files with a Cache-Control header, no request log."""

    def end_headers(self) -> None:
        """Add the cache header to every response."""
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Silence request logs."""


def serve(site: Path) -> tuple[str, ThreadingHTTPServer]:
    """Serve `site` on 127.0.0.1 at a free port; returns (base URL, server)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Published, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def _font_loads(page: Any, session: Any, url: str) -> list[dict[str, Any]]:
    """Open `url`, wait for its fonts; the fonts and font stylesheet it asked for, bytes received."""
    asked: dict[str, str] = {}
    received: dict[str, int] = {}

    def on_response(event: dict[str, Any]) -> None:
        address = event["response"]["url"]
        if event["type"] == "Font" or address.endswith("/fonts.css"):
            asked[event["requestId"]] = address

    def on_finished(event: dict[str, Any]) -> None:
        # Bytes over the wire, headers included; a file served from the cache costs none.
        received[event["requestId"]] = int(event["encodedDataLength"])

    session.on("Network.responseReceived", on_response)
    session.on("Network.loadingFinished", on_finished)
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => 0)")
    page.wait_for_load_state("networkidle")
    session.remove_listener("Network.responseReceived", on_response)
    session.remove_listener("Network.loadingFinished", on_finished)
    return [{"url": address, "bytes": received.get(key, 0)} for key, address in asked.items()]


def _names(loads: list[dict[str, Any]]) -> str:
    """File names of the loads that came over the network."""
    return " ".join(sorted(str(load["url"]).rsplit("/", 1)[1] for load in loads if load["bytes"]))


def measure(browser: Any, base: str, site: Path, first: str, second: str) -> dict[str, object]:
    """Fonts of a first visit to `first` (empty cache), then of `second` in the same context."""
    css = (site / first.split("/", 1)[0] / "assets" / "fonts" / "fonts.css").read_bytes()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        loads = _font_loads(page, session, f"{base}/{first}")
        then = _font_loads(page, session, f"{base}/{second}")
    finally:
        context.close()
    fonts = [load for load in loads if not load["url"].endswith(".css")]
    sheet = sum(int(load["bytes"]) for load in loads if load["url"].endswith(".css"))
    font_bytes = sum(int(load["bytes"]) for load in fonts)
    return {
        "page": first,
        "fonts": _names(fonts),
        "fonts_kb": round(font_bytes / 1000, 1),
        "fonts_css_kb": round(sheet / 1000, 1),
        # What a host that compresses text (most do; this test server does not) would send.
        "fonts_css_gzip_kb": round(len(gzip.compress(css, mtime=0)) / 1000, 1),
        "within_budget": font_bytes / 1000 <= BUDGET_KB,
        "next_page": second,
        "next_page_kb": round(sum(int(load["bytes"]) for load in then) / 1000, 1),
        "next_page_downloads": _names(then),
    }


def main() -> None:
    """Measure, print a Markdown table, write benchmarks/out/fonts.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample site)")
    parser.add_argument("--pages", nargs="*", help="page paths (default: a case page per language)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    site = args.site or build_site(OUT / "fonts-site")
    pages = args.pages or [case_page(site, lang) for lang in DEFAULT_LANGS]

    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    base, server = serve(site)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for first in pages:
                    second = f"{first.split('/', 1)[0]}/index.html"
                    rows.append(measure(browser, base, site, first, second))
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(str(v) for v in row.values()) + " |")
    (OUT / "fonts.json").write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
