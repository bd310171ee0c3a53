"""Type a reader's first query into a search box in headless Chromium and measure what follows."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Error, Page, Playwright, ViewportSize, sync_playwright

from benchmarks.browser_search.serve import RecordingServer, Served, Transfer, account_served

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at every start.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}  # desktop: the header search box is visible
LONG_TASK_MS = 50.0  # the Long Tasks API threshold; blocking time is what exceeds it
SETTLE_MS = 300  # long-task entries are delivered asynchronously after the task ends
# Requests a search makes while the page is still loading (Material's worker fetches its whole
# index at start-up) count towards the first query too.
SEARCH_ASSET = re.compile(r"search|lunr|pagefind|iframe-worker", re.IGNORECASE)


@dataclass(frozen=True)
class Ui:
    """How one system's search box is found, driven and seen to finish."""

    present: str  # in the page when the system is installed
    input: str
    hit: str  # one shown result
    done: str  # results (with snippets) completely rendered
    error: str | None = None  # the system reported a failure
    open: str | None = None  # clicked first when visible (Material's search toggle)


UIS = {
    "ours": Ui(
        present="form.agk-search",
        input="form.agk-search input.agk-search__input",
        hit="a.agk-search__hit",
        done='form.agk-search[data-agk-state="done"]',
        error='form.agk-search[data-agk-state="failed"]',
    ),
    "lunr": Ui(
        present=".md-search__input",
        input=".md-search__input",
        hit=".md-search-result__item",
        done=".md-search-result__item",
        open='label[for="__search"]',
    ),
    "pagefind": Ui(
        present="#q",
        input="#q",
        hit="li.pf-hit",
        done='body[data-state="done"]',
        error='body[data-state="error"]',
    ),
}

# Installed before any page script: records main-thread long tasks from the start of navigation.
INIT_SCRIPT = """
(() => {
  if (window.top !== window || window.__bench) return;
  const bench = {longtasks: [], t0: null, placeholder: null, first: null, done: null, error: null, hits: 0,
                 firstHit: "", errorText: "", observer: ""};
  Object.defineProperty(window, "__bench", {value: bench});
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longtasks.push([entry.startTime, entry.duration]);
    }).observe({type: "longtask", buffered: true});
  } catch (error) {
    bench.observer = String(error);
  }
})();
"""

# Types the whole query as one change (input + keyup: Material listens for keyup) and records,
# from a MutationObserver, when the first result becomes visible and when results are done.
TRIGGER_SCRIPT = """
([inputSel, hitSel, doneSel, errorSel, query]) => {
  const b = window.__bench;
  const visible = (el) => !!el && el.getClientRects().length > 0;
  const check = () => {
    const now = performance.now();
    if (b.first === null) {
      for (const hit of document.querySelectorAll(hitSel)) {
        if (!visible(hit)) continue;
        if (b.placeholder === null) b.placeholder = now;
        // A result still waiting for its title shows only an ellipsis: not a result yet.
        const text = (hit.textContent || "").trim();
        if (text && text !== "…" && text !== "...") { b.first = now; b.firstHit = text.slice(0, 80); break; }
      }
    }
    if (b.done === null && document.querySelector(doneSel) && (doneSel !== hitSel || b.first !== null)) {
      b.done = now;
      b.hits = document.querySelectorAll(hitSel).length;
    }
    if (errorSel && b.error === null && document.querySelector(errorSel)) {
      b.error = now;
      b.errorText = document.body.innerText.slice(0, 300);
    }
  };
  new MutationObserver(check).observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, characterData: true});
  const input = document.querySelector(inputSel);
  input.focus();
  input.value = query;
  b.t0 = performance.now();
  input.dispatchEvent(new Event("input", {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: query.slice(-1)}));
  check();
}
"""
FINISHED = "() => window.__bench.done !== null || window.__bench.error !== null"


class Missing(Exception):
    """The system's search box is not in the page."""


@dataclass
class Attempt:
    """One first query from a fresh browser context."""

    ok: bool = False
    error: str | None = None
    placeholder_ms: float | None = None  # typing to the first result element, even without its text
    first_ms: float | None = None  # typing to first visible result with text
    done_ms: float | None = None  # typing to results completely rendered
    hits: int = 0
    first_hit: str = ""
    longest_task_ms: float = 0.0  # during the query
    blocking_ms: float = 0.0  # during the query: sum of (task - 50 ms)
    longest_load_task_ms: float = 0.0  # while the page loaded, before typing
    query_tasks: list[tuple[float, float]] = field(default_factory=list)  # (start after typing, duration)
    transfer: Transfer | None = None  # after load + search assets fetched during load
    transfer_after_load: Transfer | None = None  # only what was requested after the load event
    fetched: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def overlapping(tasks: Sequence[Sequence[float]], start: float, end: float) -> list[float]:
    """Durations of the tasks (start, duration) that overlap the window [start, end]."""
    return [duration for begin, duration in tasks if begin < end and begin + duration > start]


def blocking_time(durations: Sequence[float]) -> float:
    """Total blocking time: the part of each long task beyond 50 ms."""
    return sum(max(0.0, d - LONG_TASK_MS) for d in durations)


def first_query_requests(log: Sequence[Served], mark: int, page_path: str) -> list[Served]:
    """Responses after the page's load, plus search assets fetched while it loaded."""
    early = [s for s in log[:mark] if s.path != page_path and SEARCH_ASSET.search(s.path)]
    return [*early, *log[mark:]]


@contextmanager
def chromium() -> Iterator[Chromium]:
    """Playwright with Debian's Chromium, relaunched when it crashes."""
    with sync_playwright() as playwright:
        holder = Chromium(playwright)
        try:
            yield holder
        finally:
            holder.close()


class Chromium:
    """A headless Chromium that is started again if it died."""

    def __init__(self, playwright: Playwright) -> None:
        self.playwright = playwright
        self.browser: Browser | None = None

    def get(self) -> Browser:
        """A connected browser."""
        if self.browser is None or not self.browser.is_connected():
            self.browser = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        return self.browser

    def close(self) -> None:
        """Close the browser if it is running."""
        if self.browser is not None and self.browser.is_connected():
            self.browser.close()


def first_query(
    browser: Browser, url: str, ui: Ui, query: str, timeout_ms: int, server: RecordingServer | None
) -> Attempt:
    """Open `url` in a fresh context, type `query`, wait for results; never raises but Missing."""
    attempt = Attempt()
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: attempt.page_errors.append(str(error)[:200]))
        page.on("console", lambda m: attempt.page_errors.append(m.text[:200]) if m.type == "error" else None)
        page.add_init_script(INIT_SCRIPT)
        start = server.mark() if server else 0  # the server is shared by every attempt
        page.goto(url, wait_until="load", timeout=timeout_ms)
        loaded = server.mark() if server else 0
        if page.locator(ui.present).count() == 0:
            raise Missing(f"no {ui.present} in {'/'.join(url.rsplit('/', 2)[-2:])}")
        if ui.open and page.locator(ui.open).first.is_visible():
            page.locator(ui.open).first.click()
        page.evaluate(TRIGGER_SCRIPT, [ui.input, ui.hit, ui.done, ui.error, query])
        page.wait_for_function(FINISHED, polling=50, timeout=timeout_ms)
        if server:
            page_path = "/" + url.split("/", 3)[3]
            log = server.since(start)
            served = first_query_requests(log, loaded - start, page_path)
            attempt.transfer = account_served(served)
            attempt.transfer_after_load = account_served(log[loaded - start :])
            attempt.fetched = [f"{s.path} {s.size}" for s in served]
        page.wait_for_timeout(SETTLE_MS)
        read(page, attempt)
    except Error as error:  # Playwright's, including its timeouts
        attempt.error = str(error).splitlines()[0][:300]
    finally:
        context.close()
    return attempt


def read(page: Page, attempt: Attempt) -> None:
    """Copy the in-page measurements into `attempt`."""
    bench: dict[str, Any] = page.evaluate("() => window.__bench")
    t0 = float(bench["t0"])
    end = bench["done"] if bench["done"] is not None else bench["error"]
    tasks = bench["longtasks"]
    during = overlapping(tasks, t0, float(end))
    # When each long task of the query window started, relative to typing: to tell which step blocked.
    attempt.query_tasks = [(round(s - t0, 1), round(d, 1)) for s, d in tasks if s < end and s + d > t0]
    attempt.longest_task_ms = round(max(during, default=0.0), 1)
    attempt.blocking_ms = round(blocking_time(during), 1)
    attempt.longest_load_task_ms = round(max((d for s, d in tasks if s < t0), default=0.0), 1)
    attempt.hits = int(bench["hits"])
    attempt.first_hit = str(bench["firstHit"])
    if bench["observer"]:
        attempt.page_errors.append(f"longtask observer: {bench['observer']}")
    if bench["done"] is None:
        attempt.error = f"the page reported an error: {bench['errorText']}"
        return
    attempt.first_ms = round(bench["first"] - t0, 1) if bench["first"] is not None else None
    attempt.placeholder_ms = round(bench["placeholder"] - t0, 1) if bench["placeholder"] is not None else None
    attempt.done_ms = round(bench["done"] - t0, 1)
    attempt.ok = True
