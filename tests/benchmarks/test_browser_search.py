"""The pure parts of the browser-search benchmark: byte accounting, tables, budgets, configs."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from benchmarks.browser_search import sites
from benchmarks.browser_search.measure import Attempt, blocking_time, first_query_requests, overlapping
from benchmarks.browser_search.report import (
    QUERY_HEADER,
    budget_lines,
    index_table,
    query_table,
    summarise,
)
from benchmarks.browser_search.serve import Served, Transfer, account, account_served, gzip_size, serving


def test_gzip_accounting_compresses_each_body_on_its_own() -> None:
    bodies = [b"search " * 500, b"", "प्रशिक्षण ".encode() * 100]
    transfer = account(bodies)
    assert transfer.requests == 3
    assert transfer.raw == sum(len(b) for b in bodies)
    assert transfer.gzip == sum(len(gzip.compress(b, compresslevel=6, mtime=0)) for b in bodies)
    assert transfer.gzip < transfer.raw
    assert gzip_size(b"same") == gzip_size(b"same")  # no timestamp in the header


def test_served_files_are_compressed_from_disk_and_errors_count_as_sent(tmp_path: Path) -> None:
    index = tmp_path / "shard.js"
    index.write_bytes(b"var shard = [1, 2, 3];" * 200)
    served = [
        Served("/en/search/shard.js", index, index.stat().st_size, 200),
        Served("/missing", None, 0, 404),
    ]
    transfer = account_served(served)
    assert transfer == Transfer(2, index.stat().st_size, gzip_size(index.read_bytes()))


def test_first_query_counts_search_assets_fetched_while_the_page_loaded() -> None:
    log = [
        Served("/en/index.html", None, 100, 200),
        Served("/en/assets/bundle.js", None, 50, 200),
        Served("/en/search/search_index.json", None, 9000, 200),  # Material prefetches during load
        Served("/en/pagefind-bench.html", None, 10, 200),
        Served("/en/search/shard-3.js", None, 700, 200),  # after load
        Served("/en/assets/images/favicon.png", None, 5, 200),
    ]
    counted = first_query_requests(log, 4, "/en/pagefind-bench.html")
    assert [s.path for s in counted] == [
        "/en/search/search_index.json",
        "/en/search/shard-3.js",
        "/en/assets/images/favicon.png",
    ]


def test_long_tasks_in_the_query_window_and_blocking_time() -> None:
    tasks = [(0.0, 400.0), (900.0, 120.0), (1100.0, 60.0), (5000.0, 300.0)]
    during = overlapping(tasks, 1000.0, 2000.0)
    assert during == [120.0, 60.0]
    assert blocking_time(during) == pytest.approx(80.0)
    assert blocking_time([]) == 0


def ok_attempt(first: float, done: float, raw: int = 250_000) -> Attempt:
    return Attempt(
        ok=True,
        first_ms=first,
        done_ms=done,
        hits=6,
        longest_task_ms=40.0,
        blocking_ms=0.0,
        transfer=Transfer(3, raw, raw // 4),
    )


def test_summary_takes_medians_and_keeps_the_failure_reason() -> None:
    summary = summarise([ok_attempt(100, 150), ok_attempt(300, 320), ok_attempt(200, 250)])
    assert summary["ok"] and summary["first_ms"] == 200 and summary["done_ms"] == 250
    assert summary["transfer"] == {"requests": 3, "raw": 250_000, "gzip": 62_500}
    failed = summarise([Attempt(error="TypeError: Failed to fetch dynamically imported module")])
    assert failed == {
        "ok": False,
        "error": "TypeError: Failed to fetch dynamically imported module",
        "page_errors": [],
    }


def rows() -> list[dict[str, object]]:
    return [
        {
            "cases": 5000, "system": "ours", "lang": "hi", "query": "पानी बजट",
            "http": summarise([ok_attempt(120, 180)]), "file": summarise([ok_attempt(240, 260)]),
        },
        {
            "cases": 5000, "system": "pagefind", "lang": "hi", "query": "पानी बजट",
            "http": summarise([ok_attempt(600, 650, raw=3_000_000)]),
            "file": summarise([Attempt(error="import blocked\nby CORS | file://")]),
        },
        {"cases": 5000, "system": "lunr", "lang": "hi", "query": "पानी बजट", "error": "mkdocs build failed"},
    ]  # fmt: skip


def test_query_table_has_one_cell_per_column_and_one_line_per_row() -> None:
    lines = query_table(rows())
    assert lines[0] == QUERY_HEADER
    columns = QUERY_HEADER.count("|")
    assert all(line.count("|") == columns for line in lines)
    assert "| 250.0 / 62.5 (3) | 120 / 240 | 180 / 260 | 40 / 40 | 0 / 0 |" in lines[2]
    assert lines[3].endswith("| file: import blocked by CORS / file:// |")
    assert "| not run / not run |" in lines[4] and lines[4].endswith("| – / – | mkdocs build failed |")
    assert "| 1 / 1 |" in lines[2] and "| 1 / – |" in lines[3]


def test_timings_of_several_runs_show_the_median_and_the_fastest() -> None:
    row = {
        "cases": 1000, "system": "ours", "lang": "en", "query": "training",
        "http": summarise([ok_attempt(100, 150), ok_attempt(300, 320), ok_attempt(200, 250)]),
    }  # fmt: skip
    line = query_table([row])[2]
    assert "| 200 (100) / not run | 250 (150) / not run |" in line
    assert "| 3 / – |" in line


def test_budgets_judge_the_worst_query_and_compare_the_index_with_pagefind() -> None:
    indexes = [
        {"cases": 5000, "system": "ours", "lang": "hi", "bytes": 9_000_000, "files": 300},
        {"cases": 5000, "system": "pagefind", "lang": "hi", "bytes": 44_000_000, "files": 5000},
    ]
    lines = budget_lines(5000, rows(), indexes)
    assert lines[0].startswith("Budgets for ours at 5,000 cases,")
    assert lines[1].endswith("250.0 kB raw, 62.5 kB gzip → within (judged on raw bytes)")
    assert lines[2].endswith("120 ms → within") and lines[3].endswith("240 ms → within")
    assert lines[4].endswith("longest 40 ms → within")
    assert lines[5].endswith("9,000.0 kB vs 44,000.0 kB → within")
    assert budget_lines(1000, rows(), indexes) == []
    table = index_table(indexes)
    assert table[2] == "| 5,000 | ours | hi | 9,000.0 | 300 | cached |  |"


def test_lunr_variant_inherits_agk_config_without_our_search_script(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - toc:\n      slugify: !!python/name:builder.markdown.anchors.slugify\n"
        "extra_javascript:\n  - assets/agk/agk.js\n  - assets/agk/search.js\n",
        encoding="utf-8",
    )
    text = sites.lunr_config(tmp_path)
    config = json.loads(text.split("\n", 1)[1])
    assert config["INHERIT"] == "mkdocs.yml"
    assert config["plugins"] == [
        {"search": {"lang": ["en"], "separator": sites.LUNR_SEPARATOR, "pipeline": []}},
        "offline",
    ]
    assert config["extra_javascript"] == ["assets/agk/agk.js"]
    assert config["extra"]["polyfills"] == ["assets/vendor/iframe-worker/shim.js"]
    assert (sites.ASSETS / "iframe-worker" / "shim.js").is_file()


def test_recording_server_logs_what_it_sent(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "pagefind.wasm").write_bytes(b"\0asm" + b"x" * 96)
    with serving(tmp_path) as server:
        with urllib.request.urlopen(f"{server.base_url}/en/pagefind.wasm") as response:
            assert response.headers["Content-Type"] == "application/wasm"
            assert len(response.read()) == 100
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{server.base_url}/en/missing.js")
        log = server.since()
    assert [(s.path, s.size, s.status) for s in log] == [
        ("/en/pagefind.wasm", 100, 200),
        ("/en/missing.js", 0, 404),
    ]
    assert log[0].file == tmp_path / "en" / "pagefind.wasm"
