"""Benchmark `agk validate` on synthetic collections (budgets at 5,000 cases: <= 10 s cold,
<= 1 s when nothing changed).

    python -m benchmarks.bench_validate [--sizes 1000 5000] [--repeat 3]

Each size is generated once under benchmarks/out/, then `agk validate` runs in a fresh
process `--repeat` times cold (`--no-cache`) and `--repeat` times with the cache of a previous
run (nothing changed); the table reports median and best wall time, the median CPU seconds
(user + system, worker processes included) and the peak resident memory.
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
NO_CHANGE_BUDGET_AT_5000 = 1.0


def run_once(project: Path, *flags: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (kB) of one `agk validate` in a new process."""
    command = [sys.executable, "-m", "builder", "validate", "--strict", *flags]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise SystemExit(
            f"validate failed on {project}:\n{completed.stdout[-2000:]}{completed.stderr[-2000:]}"
        )
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu, after.ru_maxrss


def measure(project: Path, repeat: int, *flags: str) -> tuple[float, float, float, int]:
    """Median wall, best wall, median CPU, peak RSS of `repeat` runs."""
    runs = [run_once(project, *flags) for _ in range(repeat)]
    walls = [wall for wall, _, _ in runs]
    cpu = statistics.median(c for _, c, _ in runs)
    return round(statistics.median(walls), 2), round(min(walls), 2), round(cpu, 2), runs[-1][2]


def main() -> None:
    """Generate, measure, print a table and write benchmarks/out/validate.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        project = cached_corpus(OUT, size)
        files = sum(1 for _ in (project / "case_studies").rglob("*.md"))
        cold = measure(project, args.repeat, "--no-cache")
        run_once(project)  # fills the cache
        warm = measure(project, args.repeat)
        rows.append((size, files, *cold[:3], *warm[:3], round(max(cold[3], warm[3]) / 1024)))
    print(
        "| cases | Markdown files | cold median s | cold best s | cold CPU s | no-change median s "
        "| no-change best s | no-change CPU s | peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(str(value) for value in row) + " |")
    for size, _, cold_median, _, _, warm_median, *_ in rows:
        if size == 5000:
            verdict = "within" if cold_median <= BUDGET_SECONDS_AT_5000 else "OVER"
            print(
                f"5,000 cases cold: {cold_median} s median, {verdict} the {BUDGET_SECONDS_AT_5000} s budget"
            )
            verdict = "within" if warm_median <= NO_CHANGE_BUDGET_AT_5000 else "OVER"
            print(f"5,000 cases, nothing changed: {warm_median} s median, {verdict} the 1 s budget")
    OUT.mkdir(exist_ok=True)
    keys = ("cases", "markdown_files", "cold_median_s", "cold_best_s", "cold_cpu_s", "no_change_median_s",
            "no_change_best_s", "no_change_cpu_s", "peak_rss_mb")  # fmt: skip
    report = [dict(zip(keys, row, strict=True)) for row in rows]
    (OUT / "validate.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
