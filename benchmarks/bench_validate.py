"""Benchmark `agk validate` on synthetic collections (budget: 5,000 cases in <= 10 s).

    python -m benchmarks.bench_validate [--sizes 1000 5000] [--repeat 3]

Each size is generated once under benchmarks/out/, then `agk validate` runs in a fresh
process `--repeat` times; the table reports the median and best wall time and the peak
resident memory of the validating process.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.synthetic import cached_corpus

OUT = Path(__file__).resolve().parent / "out"
BUDGET_SECONDS_AT_5000 = 10.0


def run_once(project: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of one `agk validate` in a new process."""
    command = [sys.executable, "-m", "builder", "validate", "--strict"]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(
            f"validate failed on {project}:\n{completed.stdout[-2000:]}{completed.stderr[-2000:]}"
        )
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    """Generate, measure, print a table and write benchmarks/out/validate.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        project = cached_corpus(OUT, size)
        times, peak = [], 0
        for _ in range(args.repeat):
            elapsed, peak = run_once(project)
            times.append(elapsed)
        files = sum(1 for _ in (project / "case_studies").rglob("*.md"))
        median = round(statistics.median(times), 2)
        rows.append((size, files, median, round(min(times), 2), round(peak / 1024)))
    print("| cases | Markdown files | median s | best s | peak RSS MB |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(str(value) for value in row) + " |")
    for size, _, median, _, _ in rows:
        if size == 5000:
            verdict = "within" if median <= BUDGET_SECONDS_AT_5000 else "OVER"
            print(f"5,000 cases: {median} s median, {verdict} the {BUDGET_SECONDS_AT_5000} s budget")
    OUT.mkdir(exist_ok=True)
    keys = ("cases", "markdown_files", "median_s", "best_s", "peak_rss_mb")
    report = [dict(zip(keys, row, strict=True)) for row in rows]
    (OUT / "validate.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
