"""Summaries of measured attempts, the Markdown tables and the budget verdicts."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from benchmarks.browser_search.measure import Attempt

KB = 1000  # budgets are in kB of 1,000 bytes
BUDGET_BYTES = 300 * KB  # budget: first query, 5,000 cases, any script
BUDGET_HTTP_MS = 300.0
BUDGET_FILE_MS = 500.0
BUDGET_TASK_MS = 100.0
BUDGET_CASES = 5000

Summary = dict[str, Any]
Row = dict[str, Any]


def summarise(attempts: Sequence[Attempt]) -> Summary:
    """Medians over the successful attempts of one query in one mode; the error if none worked."""
    ok = [a for a in attempts if a.ok]
    errors = sorted({e for a in attempts for e in a.page_errors})[:5]
    if not ok:
        reason = next((a.error for a in attempts if a.error), None) or "not run"
        return {"ok": False, "error": reason, "page_errors": errors}
    firsts = [a.first_ms for a in ok if a.first_ms is not None]
    dones = [a.done_ms for a in ok if a.done_ms is not None]
    transfer = next((a.transfer for a in ok if a.transfer is not None), None)
    after_load = next((a.transfer_after_load for a in ok if a.transfer_after_load is not None), None)
    return {
        "ok": True,
        "runs": len(ok),
        "first_ms": round(statistics.median(firsts), 1) if firsts else None,
        "first_ms_runs": firsts,
        "placeholder_ms_runs": [a.placeholder_ms for a in ok],
        "first_ms_min": min(firsts) if firsts else None,
        "done_ms": round(statistics.median(dones), 1),
        "done_ms_min": min(dones),
        "done_ms_runs": dones,
        "hits": ok[0].hits,
        "first_hit": ok[0].first_hit,
        "longest_task_ms": max(a.longest_task_ms for a in ok),
        "longest_task_ms_runs": [a.longest_task_ms for a in ok],
        "query_tasks_runs": [a.query_tasks for a in ok],
        "blocking_ms": round(statistics.median(a.blocking_ms for a in ok), 1),
        "longest_load_task_ms": max(a.longest_load_task_ms for a in ok),
        "transfer": asdict(transfer) if transfer else None,
        "transfer_after_load": asdict(after_load) if after_load else None,
        "fetched": ok[0].fetched,
        "page_errors": errors,
    }


def kb(value: float | None) -> str:
    """Bytes as kB with one decimal (or '–')."""
    return "–" if value is None else f"{value / KB:,.1f}"


def ms(value: float | None) -> str:
    """Milliseconds without decimals (or '–')."""
    return "–" if value is None else f"{value:,.0f}"


def cell(summary: Summary | None, key: str) -> str:
    """A number of one mode: 'median (min)' over several runs, or why there is none."""
    if summary is None:
        return "not run"
    if not summary["ok"]:
        return "fails"
    value, least = summary.get(key), summary.get(f"{key}_min")
    if summary["runs"] > 1 and least is not None and ms(least) != ms(value):
        return f"{ms(value)} ({ms(least)})"
    return ms(value)


def runs(row: Row) -> str:
    """How many attempts each mode's numbers come from."""
    counts = [str(s["runs"]) if s and s["ok"] else "–" for s in (row.get("http"), row.get("file"))]
    return " / ".join(counts)


def transfer_cell(summary: Summary | None) -> str:
    """'raw / gzip (requests)' in kB."""
    if summary is None or not summary["ok"] or summary["transfer"] is None:
        return "–"
    t = summary["transfer"]
    return f"{kb(t['raw'])} / {kb(t['gzip'])} ({t['requests']})"


def pair(row: Row, key: str) -> str:
    """'http / file' of one per-query number."""
    return f"{cell(row.get('http'), key)} / {cell(row.get('file'), key)}"


def notes(row: Row) -> str:
    """Why a row has no numbers, shortened for the table."""
    found = [str(row[key]) for key in ("error", "note") if row.get(key)]
    for mode in ("http", "file"):
        summary = row.get(mode)
        if summary is not None and not summary["ok"]:
            found.append(f"{mode}: {summary['error']}")
    return short("; ".join(found))


def short(text: str, limit: int = 120) -> str:
    """One line of at most `limit` characters that cannot break a Markdown table."""
    flat = " ".join(text.split()).replace("|", "/")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def hits(row: Row) -> str:
    """Results shown (first successful mode)."""
    for mode in ("http", "file"):
        summary = row.get(mode)
        if summary is not None and summary["ok"]:
            return str(summary["hits"])
    return "–"


QUERY_HEADER = (
    "| cases | system | lang | query | hits shown | first query kB raw / gzip (requests), HTTP "
    "| first results ms, HTTP / file:// | all results ms, HTTP / file:// "
    "| longest task ms, HTTP / file:// | blocking ms, HTTP / file:// | runs | notes |"
)


def query_table(rows: Sequence[Row]) -> list[str]:
    """One Markdown line per (size, system, language, query)."""
    lines = [QUERY_HEADER, "|" + "---|" * QUERY_HEADER.count(" | ") + "---|"]
    for row in rows:
        cells = [
            f"{row['cases']:,}",
            row["system"],
            row["lang"],
            row["query"],
            hits(row),
            transfer_cell(row.get("http")),
            pair(row, "first_ms"),
            pair(row, "done_ms"),
            pair(row, "longest_task_ms"),
            pair(row, "blocking_ms"),
            runs(row),
            notes(row),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def index_table(indexes: Sequence[Row]) -> list[str]:
    """One Markdown line per (size, system, language): the search index on disk."""
    lines = [
        "| cases | system | lang | index on disk, kB | files | build s | notes |",
        "|---|---|---|---|---|---|---|",
    ]
    for item in indexes:
        build = "cached" if item.get("build_s") is None else f"{item['build_s']:.1f}"
        size = kb(item.get("bytes")) if item.get("error") is None else "–"
        note = short("; ".join(str(item[key]) for key in ("error", "note") if item.get(key)))
        lines.append(
            f"| {item['cases']:,} | {item['system']} | {item['lang']} | {size} | {item.get('files', '–')} "
            f"| {build} | {note} |"
        )
    return lines


def verdict(ok: bool | None) -> str:
    """within / OVER / unknown."""
    return "unknown" if ok is None else "within" if ok else "OVER"


def worst(rows: Sequence[Row], mode: str, key: str) -> float | None:
    """The largest value of `key` over all queries in `mode`; None if any query failed or is missing."""
    values = []
    for row in rows:
        summary = row.get(mode)
        if summary is None or not summary["ok"] or summary.get(key) is None:
            return None
        values.append(float(summary[key]))
    return max(values) if values else None


def worst_transfer(rows: Sequence[Row]) -> tuple[float | None, float | None]:
    """The largest (raw, gzip) first-query bytes over HTTP; None if any query lacks them."""
    raws, gzips = [], []
    for row in rows:
        summary = row.get("http")
        if summary is None or not summary["ok"] or summary["transfer"] is None:
            return None, None
        raws.append(float(summary["transfer"]["raw"]))
        gzips.append(float(summary["transfer"]["gzip"]))
    return (max(raws), max(gzips)) if raws else (None, None)


def budget_lines(cases: int, rows: Sequence[Row], indexes: Sequence[Row]) -> list[str]:
    """Our numbers at one size against the budgets (set for 5,000 cases)."""
    ours = [r for r in rows if r["cases"] == cases and r["system"] == "ours"]
    if not ours:
        return []
    scope = "" if cases == BUDGET_CASES else f" (budgets are for {BUDGET_CASES:,}; shown for reference)"
    raw, gz = worst_transfer(ours)
    http = worst(ours, "http", "first_ms")
    disk = worst(ours, "file", "first_ms")
    task = max(
        (v for v in (worst(ours, m, "longest_task_ms") for m in ("http", "file")) if v is not None),
        default=None,
    )
    lines = [
        f"Budgets for ours at {cases:,} cases{scope}, worst query over en and hi:",
        f"- first query ≤ {kb(BUDGET_BYTES)} kB: {kb(raw)} kB raw, {kb(gz)} kB gzip → "
        f"{verdict(None if raw is None else raw <= BUDGET_BYTES)} (judged on raw bytes)",
        f"- first results over HTTP ≤ {ms(BUDGET_HTTP_MS)} ms: {ms(http)} ms → "
        f"{verdict(None if http is None else http <= BUDGET_HTTP_MS)}",
        f"- first results from file:// ≤ {ms(BUDGET_FILE_MS)} ms: {ms(disk)} ms → "
        f"{verdict(None if disk is None else disk <= BUDGET_FILE_MS)}",
        f"- no main-thread task over {ms(BUDGET_TASK_MS)} ms during a query: longest {ms(task)} ms → "
        f"{verdict(None if task is None else task <= BUDGET_TASK_MS)}",
    ]
    lines += [index_verdict(cases, lang, indexes) for lang in sorted({r["lang"] for r in ours})]
    return lines


def index_verdict(cases: int, lang: str, indexes: Sequence[Row]) -> str:
    """Whether our index on disk is smaller than Pagefind's for one language."""
    found: Mapping[str, Row] = {
        i["system"]: i
        for i in indexes
        if i["cases"] == cases and i["lang"] == lang and i.get("error") is None
    }
    ours, pagefind = found.get("ours"), found.get("pagefind")
    if ours is None or pagefind is None:
        return f"- index on disk ({lang}) smaller than Pagefind's: unknown (not both measured)"
    smaller = int(ours["bytes"]) < int(pagefind["bytes"])
    return (
        f"- index on disk ({lang}) smaller than Pagefind's: {kb(ours['bytes'])} kB vs "
        f"{kb(pagefind['bytes'])} kB → {verdict(smaller)}"
    )


def load_line(rows: Sequence[Row]) -> str:
    """The range of the machine's 1-minute load average while queries ran."""
    loads = [float(r["load_1min"]) for r in rows if r.get("load_1min") is not None]
    if not loads:
        return "Load average: not recorded."
    return f"1-minute load average when each query started: {min(loads):.1f}–{max(loads):.1f}."
