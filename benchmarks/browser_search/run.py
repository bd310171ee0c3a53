"""Command line: build the sites, measure every system, print tables, write JSON."""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.browser_search import sites
from benchmarks.browser_search.measure import UIS, Attempt, Chromium, Missing, Ui, chromium, first_query
from benchmarks.browser_search.report import (
    Row,
    budget_lines,
    index_table,
    load_line,
    query_table,
    summarise,
)
from benchmarks.browser_search.serve import RecordingServer, serving
from benchmarks.browser_search.sites import Built, SystemFailed

SYSTEMS = ("ours", "lunr", "pagefind")
MODES = ("http", "file")
LANGS = ("en", "hi")
# Words of the synthetic vocabulary (benchmarks/synthetic.py) frequent enough to occur in
# nearly every case, so each query matches thousands of pages; a two-word query; and a query
# only forgiving search answers (a typo in English, Hindi typed in Roman letters).
QUERIES: dict[str, tuple[str, ...]] = {
    "en": ("training", "water budget", "trainnig"),
    "hi": ("प्रशिक्षण", "पानी बजट", "prashikshan"),
}
SLOW_MS = 10_000.0  # a first attempt slower than this is not repeated
TABLE_NOTE = (
    "Times: median (fastest) over fresh-context runs, from typing to results; lunr runs slower than 10 s "
    "are not repeated. Bytes: responses after the load event plus search files fetched during load "
    "(Material prefetches its index), raw and as gzip level 6 would send them. Hits shown: ours lists 6 "
    "in its dropdown, Material 10, the Pagefind bench page loads 5. Build s: ours = the whole `agk build`, "
    "lunr = both MkDocs builds, Pagefind = indexing both languages; 'cached' = reused."
)
CAVEAT = "Measured on a 2-core machine while other work was running; timings are indicative, bytes exact."


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.browser_search", description=__doc__)
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated case counts")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated: ours,lunr,pagefind")
    parser.add_argument(
        "--work", type=Path, default=sites.OUT / "browser_search", help="cache of built sites"
    )
    parser.add_argument("--runs", type=int, default=5, help="fresh-context attempts per query and mode")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated: http,file")
    parser.add_argument("--json", type=Path, default=sites.OUT / "browser_search.json", help="JSON output")
    parser.add_argument("--rebuild", action="store_true", help="rebuild cached sites")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    args.modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = set(args.systems) - set(SYSTEMS) or set(args.modes) - set(MODES)
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    return args


def build_all(
    work: Path, size: int, systems: Sequence[str], rebuild: bool
) -> tuple[dict[str, Built], dict[str, str]]:
    """Every requested system's site, and why the others could not be built."""
    built: dict[str, Built] = {}
    failed: dict[str, str] = {}
    try:
        built["ours"] = sites.build_ours(work, size, LANGS, rebuild)
    except (SystemFailed, OSError) as error:
        # lunr and Pagefind are built from agk's output too.
        return {}, dict.fromkeys(systems, f"agk build failed: {error}")
    builders: dict[str, Callable[[], Built]] = {
        "lunr": lambda: sites.build_lunr(work, size, built["ours"], LANGS, rebuild),
        "pagefind": lambda: sites.build_pagefind(built["ours"], LANGS, rebuild),
    }
    for system in systems:
        if system in builders:
            try:
                built[system] = builders[system]()
            except (SystemFailed, OSError) as error:
                failed[system] = str(error)
    return built, failed


def index_rows(
    size: int, systems: Sequence[str], built: dict[str, Built], failed: dict[str, str]
) -> list[Row]:
    """Index size on disk of every system and language."""
    rows: list[Row] = []
    for system in systems:
        for lang in LANGS:
            row: Row = {"cases": size, "system": system, "lang": lang}
            if system in failed or system not in built:
                row["error"] = failed.get(system, "not built")
            else:
                row["bytes"], row["files"] = sites.index_on_disk(system, built[system], lang)
                seconds = built[system].seconds
                row["build_s"] = None if seconds is None else round(seconds, 1)
                if built[system].note:
                    row["note"] = built[system].note
                if system == "ours":
                    describe_ours_index(row, built[system], lang)
            rows.append(row)
    return rows


def describe_ours_index(row: Row, built: Built, lang: str) -> None:
    """Flag our index as missing, and Material's index still sitting next to it."""
    leftover = sites.material_leftover(built, lang)
    if row["files"] == 0:
        row["error"] = f"no index of ours in site/{lang}/search/"
    if leftover:
        leftover_note = (
            f"Material's search_index.json/.js ({leftover / 1e6:.1f} MB) also in search/, not counted"
        )
        row["note"] = "; ".join(n for n in (row.get("note"), leftover_note) if n)


def attempts(
    holder: Chromium, url: str, ui: Ui, query: str, runs: int, timeout_ms: int, server: RecordingServer | None
) -> list[Attempt]:
    """Up to `runs` first queries, each from a fresh context; stops at a failure or a slow one."""
    done: list[Attempt] = []
    for _ in range(runs):
        try:
            attempt = first_query(holder.get(), url, ui, query, timeout_ms, server)
        except Missing:
            raise
        except Exception as error:  # a crashed browser or a broken page must not stop the others
            attempt = Attempt(error=f"{type(error).__name__}: {str(error).splitlines()[0][:300]}")
        done.append(attempt)
        if not attempt.ok or (attempt.done_ms or 0.0) > SLOW_MS:
            break
    return done


def measure_system(
    holder: Chromium, size: int, system: str, built: Built, args: argparse.Namespace
) -> list[Row]:
    """Every query of every language in every mode for one system."""
    ui = UIS[system]
    timeout_ms = max(60_000, size * 60)  # lunr needs ~20 s at 5,000 cases; leave room
    rows: list[Row] = []
    with serving(built.root) as server:
        for lang in LANGS:
            page = built.page.format(lang=lang)
            urls = {"http": f"{server.base_url}/{page}", "file": (built.root / page).as_uri()}
            missing = None
            for query in QUERIES[lang]:
                row: Row = {"cases": size, "system": system, "lang": lang, "query": query}
                if built.note:
                    row["note"] = built.note
                row["load_1min"] = round(os.getloadavg()[0], 2)
                rows.append(row)
                if missing:
                    row["error"] = missing
                    continue
                try:
                    for mode in args.modes:
                        found = attempts(
                            holder,
                            urls[mode],
                            ui,
                            query,
                            args.runs,
                            timeout_ms,
                            server if mode == "http" else None,
                        )
                        row[mode] = summarise(found)
                except Missing as error:
                    missing = row["error"] = str(error)
                print(progress(row), file=sys.stderr)
    return rows


def progress(row: Row) -> str:
    """One line of progress on stderr."""
    parts = [f"{row['cases']} {row['system']} {row['lang']} {row['query']!r}:"]
    for mode in MODES:
        summary = row.get(mode)
        if summary is not None:
            parts.append(
                f"{mode} "
                + (f"{summary['first_ms']} ms" if summary["ok"] else f"failed ({summary['error']})")
            )
    if row.get("error"):
        parts.append(str(row["error"]))
    return " ".join(parts)


def versions(holder: Chromium | None) -> dict[str, str]:
    """Versions of everything measured."""
    found = {name: importlib.metadata.version(name) for name in ("mkdocs", "mkdocs-material", "playwright")}
    python = sites.PAGEFIND_VENV / "bin" / "python"
    found["pagefind"] = sites.pagefind_version(python) if python.exists() else "not installed"
    if holder is not None:
        try:
            found["chromium"] = holder.get().version
        except Exception as error:  # only informative
            found["chromium"] = f"unknown ({error})"
    return found


def run(args: argparse.Namespace) -> dict[str, object]:
    """Build and measure every size; return everything for the JSON file."""
    rows: list[Row] = []
    indexes: list[Row] = []
    budgets: dict[str, list[str]] = {}
    info: dict[str, str] = {}
    with chromium() as holder:
        for size in args.sizes:
            built, failed = build_all(args.work, size, args.systems, args.rebuild)
            indexes += index_rows(size, args.systems, built, failed)
            for system in args.systems:
                if system in failed or system not in built:
                    reason = failed.get(system, "not built")
                    rows += [{"cases": size, "system": system, "lang": lang, "query": q, "error": reason}
                             for lang in LANGS for q in QUERIES[lang]]  # fmt: skip
                    continue
                try:
                    rows += measure_system(holder, size, system, built[system], args)
                except Exception as error:  # reported as a failed system; the others still run
                    reason = f"{type(error).__name__}: {error}"
                    rows += [{"cases": size, "system": system, "lang": lang, "query": q, "error": reason}
                             for lang in LANGS for q in QUERIES[lang]]  # fmt: skip
            budgets[str(size)] = budget_lines(size, rows, indexes)
        info = versions(holder)
    return {
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m benchmarks.browser_search", *sys.argv[1:]]),
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "caveat": CAVEAT},
        "versions": info,
        "method": METHOD,
        "queries": QUERIES,
        "runs": args.runs,
        "results": rows,
        "indexes": indexes,
        "budgets": budgets,
    }


METHOD = {
    "bytes": "HTTP responses after the page's load event until all results were rendered, plus search "
    "assets (URL naming search/lunr/pagefind/iframe-worker) fetched while the page loaded; raw body bytes "
    "and the sum of each body gzip-compressed at level 6; fresh browser context per query. "
    "transfer_after_load: the after-load requests alone",
    "first_ms": "performance.now() from dispatching the whole query (input + keyup, after focusing the box) "
    "to the first visible result element with text other than an ellipsis (ours shows '…' placeholders "
    "until a result's title loads: placeholder_ms_runs), seen by a MutationObserver; median over runs. "
    "Includes any debounce of the UI (ours waits 80 ms after input)",
    "done_ms": "to results completely rendered: ours data-agk-state=done, lunr first result item, "
    "Pagefind first 5 results' data() rendered",
    "longest_task_ms": "largest longtask entry overlapping typing..done (PerformanceObserver installed "
    "before navigation); max over runs",
    "blocking_ms": "sum over those tasks of (duration - 50 ms); median over runs",
    "index": "ours: site/<lang>/search/ without Material's search_index.*; lunr: search_index.json + .js; "
    "Pagefind: the pagefind/ folder",
}


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark, print the Markdown tables and write the JSON file."""
    args = parse_args(argv)
    result = run(args)
    rows = result["results"]
    indexes = result["indexes"]
    assert isinstance(rows, list) and isinstance(indexes, list) and isinstance(result["budgets"], dict)
    lines = ["## First query", "", TABLE_NOTE, "", *query_table(rows), "", "## Index on disk", ""]
    lines += [*index_table(indexes), ""]
    for size_lines in result["budgets"].values():
        lines += [*size_lines, ""]
    lines += [f"Versions: {result['versions']}", "", f"{CAVEAT} {load_line(rows)}"]
    print("\n".join(lines))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
