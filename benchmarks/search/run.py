"""Search benchmarks: index build and update, query latency, near-duplicates.

Usage (from the repository root):
    python -m benchmarks.search.run [--sizes 1000,5000] [--work DIR] [--json FILE] [--steps query,...]
Each measurement runs in its own process so that peak RSS (resource.getrusage) is its own.
`--steps` without `build` measures the indexes an earlier run left in `--work` (index-<size>).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.search.corpus import COMMON, STATES, CorpusShape, documents
from search_index.index.build import build_index
from search_index.query.searching import search
from search_index.similarity.near_duplicates import near_duplicates

QUERY_COUNT = 200
LATENCY_BUDGET_P95_MS = 50.0
# Each step and the name of its entry in the results, in the order they run.
STEPS = {
    "build": "build",
    "update": "update_one_edit",
    "query": "query",
    "duplicates": "near_duplicates",
}


def _peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def queries(seed: int = 7) -> list[tuple[str, dict[str, Any]]]:
    """Return deterministic queries: words, pairs, prefixes, with and without filters."""
    rng = random.Random(seed)
    queries: list[tuple[str, dict[str, Any]]] = []
    languages = sorted(COMMON)
    while len(queries) < QUERY_COUNT:
        lang = rng.choice(languages)
        words = COMMON[lang]
        kind = len(queries) % 5
        if kind == 0:
            queries.append((rng.choice(words), {}))
        elif kind == 1:
            queries.append((" ".join(rng.sample(words, 2)), {}))
        elif kind == 2:
            word = rng.choice(words)
            queries.append((word[: max(3, len(word) // 2)], {}))
        elif kind == 3:
            queries.append((" ".join(rng.sample(words, 3)), {"lang": lang}))
        else:
            queries.append((rng.choice(words), {"filters": {"state": rng.choice(STATES)}}))
    return queries


# Indian words as people type them in Roman letters (hi, mr, bn, ta, ur words of COMMON).
ROMAN = (
    "prashikshan", "yojana", "kisan", "panchayat", "shikayat", "mahila", "adhikari", "pani",
    "zila", "swasthya", "nigrani", "vidyalay", "shikshak", "suraksha", "afsar", "sarvekshan",
    "poshan", "gaon", "shetkari", "pariyojana",
)  # fmt: skip
FORGIVING_COUNT = 60


def forgiving_queries(seed: int = 11) -> list[tuple[str, dict[str, Any]]]:
    """Return deterministic queries that need forgiveness: typos, Roman letters, partial matches."""
    rng = random.Random(seed)
    found: list[tuple[str, dict[str, Any]]] = []
    languages = sorted(COMMON)
    while len(found) < FORGIVING_COUNT:
        words = COMMON[rng.choice(languages)]
        kind = len(found) % 3
        if kind == 0:
            word = rng.choice([word for word in words if len(word) >= 6])
            at = rng.randrange(1, len(word) - 2)
            found.append((word[:at] + word[at + 1] + word[at] + word[at + 2 :], {}))
        elif kind == 1:
            found.append((" ".join(rng.sample(ROMAN, rng.choice((1, 2)))), {}))
        else:
            found.append((f"{rng.choice(words)} zzqx{len(found)}", {}))
    return found


def measure_build(size: int, directory: Path) -> dict[str, Any]:
    """Build a fresh index of `size` narratives."""
    docs = list(documents(CorpusShape(size)))
    start = time.perf_counter()
    report = build_index(docs, directory, full=True)
    seconds = time.perf_counter() - start
    on_disk = sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())
    return {
        "documents": report.documents,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "index_mb": round(on_disk / 2**20, 1),
    }


def measure_update(size: int, directory: Path) -> dict[str, Any]:
    """Edit one narrative and update the index built by measure_build."""
    docs = list(documents(CorpusShape(size)))
    docs[size // 2] = replace(docs[size // 2], text=docs[size // 2].text + " edited")
    start = time.perf_counter()
    report = build_index(docs, directory)
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 2),
        "updated": report.updated,
        "full_rebuild": report.full_rebuild,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def _timed(directory: Path, query_set: list[tuple[str, dict[str, Any]]]) -> tuple[list[float], list[int]]:
    """Return the milliseconds (sorted) and match counts of search() over a query set."""
    timings = []
    totals = []
    for text, options in query_set:
        start = time.perf_counter()
        results = search(directory, text, **options)
        timings.append((time.perf_counter() - start) * 1000)
        totals.append(results.total)
    return sorted(timings), totals


def _p95(timings: list[float]) -> float:
    return timings[int(0.95 * (len(timings) - 1))]


def measure_queries(directory: Path) -> dict[str, Any]:
    """Time search() over the query set and the forgiving set (each call opens the index, as the CLI does)."""
    search(directory, "warm up")
    timings, totals = _timed(directory, queries())
    forgiving, forgiving_totals = _timed(directory, forgiving_queries())
    return {
        "queries": len(timings),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(_p95(timings), 1),
        "max_ms": round(timings[-1], 1),
        "p95_within_budget": _p95(timings) <= LATENCY_BUDGET_P95_MS,
        "median_matches": statistics.median(totals),
        "forgiving_queries": len(forgiving),
        "forgiving_median_ms": round(statistics.median(forgiving), 1),
        "forgiving_p95_ms": round(_p95(forgiving), 1),
        "forgiving_with_matches": sum(1 for total in forgiving_totals if total),
    }


def measure_duplicates(size: int) -> dict[str, Any]:
    """Time near_duplicates over `size` narratives (plus one planted near-copy)."""
    docs = list(documents(CorpusShape(size)))
    words = docs[0].text.split()
    words[100:105] = ["altered"] * 5
    docs.append(replace(docs[0], id="planted-copy", text=" ".join(words)))
    start = time.perf_counter()
    found = near_duplicates(docs)
    seconds = time.perf_counter() - start
    return {
        "documents": len(docs),
        "seconds": round(seconds, 2),
        "pairs": len(found),
        "planted_found": any("planted-copy" in (pair.first, pair.second) for pair in found),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def _child(step: str, size: int, directory: Path) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return its JSON result."""
    command = [sys.executable, "-m", "benchmarks.search.run", "--step", step]
    command += ["--size", str(size), "--index", str(directory)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(output)
    return result


def run_step(step: str, size: int, directory: Path) -> dict[str, Any]:
    """Run one named measurement in this process."""
    if step == "build":
        return measure_build(size, directory)
    if step == "update":
        return measure_update(size, directory)
    if step == "query":
        return measure_queries(directory)
    if step == "duplicates":
        return measure_duplicates(size)
    raise SystemExit(f"unknown step {step!r}")


def main() -> None:
    """Run every measurement for every size and print (and optionally save) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--steps", default=",".join(STEPS), help=f"some of {', '.join(STEPS)}")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(run_step(args.step, args.size, args.index)))
        return
    steps = [step for step in STEPS if step in args.steps.split(",")]
    unknown = set(args.steps.split(",")) - set(STEPS)
    if unknown or not steps:
        parser.error(f"--steps takes some of {', '.join(STEPS)}")
    if "build" not in steps and args.work is None:
        parser.error("without the build step, --work must name the folder of an earlier run")
    work = args.work or Path(tempfile.mkdtemp(prefix="agk-search-bench-"))
    results: dict[str, Any] = {}
    for size in (int(text) for text in args.sizes.split(",")):
        directory = work / f"index-{size}"
        entry = {STEPS[step]: _child(step, size, directory) for step in steps}
        results[str(size)] = entry
        print(json.dumps({size: entry}, indent=2), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
