"""Benchmark `agk bundle`: time, peak memory and size of offline bundles.

    python -m benchmarks.bench_bundle [--sizes 1000] [--sample-state UP]

Rows: one state of the sample corpus in this repository (Hindi + English), then each synthetic
collection (every case, Hindi + English). Sizes come from the bundle's own size report.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from benchmarks.bench_build import OUT, timed
from benchmarks.synthetic import REPO, cached_corpus

_SIZE_LINE = re.compile(r"^\s+(?P<part>.+?)\s+(?P<kb>[\d.]+) kB$")


def size_parts(stderr: str) -> dict[str, float]:
    """The size report agk bundle prints: part -> kB."""
    parts = {}
    for line in stderr.splitlines():
        match = _SIZE_LINE.match(line)
        if match:
            parts[match["part"]] = float(match["kb"])
    return parts


def measure(label: str, project: Path, args: list[str]) -> dict[str, object]:
    """Bundle once for the time and memory, once more for the size report."""
    target = OUT / f"bundle-{label}.zip"
    command = [sys.executable, "-m", "builder", "bundle", *args, "-o", str(target)]
    timing = timed(command, project)
    report = subprocess.run(command, cwd=project, capture_output=True, text=True, check=True)
    parts = size_parts(report.stderr)
    with zipfile.ZipFile(target) as archive:
        entries = len(archive.namelist())
        cases = len(json.loads(archive.read("MANIFEST.json"))["cases"])
    return {
        "bundle": label,
        "cases": cases,
        "seconds": round(timing.wall_s, 1),
        "peak_rss_mb": timing.peak_mb,
        "zip_mb": round(target.stat().st_size / 2**20, 2),
        "unzipped_mb": round(sum(parts.values()) / 1024 - parts.get("zip file", 0) / 1024, 2),
        "search_kb": round(sum(v for k, v in parts.items() if k.endswith("search index")), 1),
        "media_kb": round(sum(v for k, v in parts.items() if k.endswith("media")), 1),
        "fonts_kb": parts.get("fonts", 0.0),
        "files": entries,
    }


def main() -> None:
    """Measure, print a Markdown table, write benchmarks/out/bundle.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--sample-state", default="UP")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    rows = [measure(f"sample-{args.sample_state}", REPO, ["--lang", "hi,en", "--state", args.sample_state])]
    rows += [
        measure(f"synthetic-{size}", cached_corpus(OUT, size), ["--lang", "hi,en"]) for size in args.sizes
    ]
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(str(v) for v in row.values()) + " |")
    print(f"(total {time.perf_counter() - started:.0f} s)")
    (OUT / "bundle.json").write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
