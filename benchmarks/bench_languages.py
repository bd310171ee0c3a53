"""Benchmark the cost of languages: the sample in 23 languages against the 13 shipped before,
and one more language site at 1,000 synthetic cases.

    python -m benchmarks.bench_languages [--cases 1000]

Each `agk build` is timed alone (wall and CPU seconds of every process, peak memory) with the
site's size on disk. The added synthetic language is Maithili, which has no narrative in the
synthetic collection: its case pages show the Hindi narratives (its fallback language), which
is what a new language costs until its translations arrive.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from benchmarks.bench_build import OUT, Timing, size_of, timed
from benchmarks.synthetic import cached_corpus

REPO = Path(__file__).resolve().parents[1]

THIRTEEN = ("en", "as", "bn", "gu", "hi", "kn", "ml", "mr", "or", "pa", "ta", "te", "ur")


def build(root: Path, langs: tuple[str, ...] | None) -> tuple[Timing, int]:
    """Time one `agk build` into a fresh site/ folder; return the timing and the site's bytes."""
    shutil.rmtree(root / "site", ignore_errors=True)
    command = [sys.executable, "-m", "builder", "build"] + (["--lang", ",".join(langs)] if langs else [])
    timing = timed(command, root)
    return timing, size_of(root / "site")


def row(name: str, langs: int, timing: Timing, size: int) -> dict[str, object]:
    return {
        "build": name,
        "languages": langs,
        "wall_s": round(timing.wall_s, 1),
        "cpu_s": round(timing.cpu_s, 1),
        "peak_rss_mb": timing.peak_mb,
        "site_mb": round(size / 2**20, 1),
    }


def main() -> None:
    """Print a Markdown table; write benchmarks/out/languages.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()
    sample = OUT / "sample-repo"
    shutil.rmtree(sample, ignore_errors=True)
    shutil.copytree(REPO, sample, ignore=shutil.ignore_patterns(".git", ".venv", "site", ".agk", "out"))
    rows = [
        row("sample, 13 languages", 13, *build(sample, THIRTEEN)),
        row("sample, all languages", 23, *build(sample, None)),
    ]
    synthetic = cached_corpus(OUT, args.cases)
    rows.append(row(f"{args.cases} synthetic, en hi", 2, *build(synthetic, ("en", "hi"))))
    rows.append(row(f"{args.cases} synthetic, en hi mai", 3, *build(synthetic, ("en", "hi", "mai"))))
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for item in rows:
        print("| " + " | ".join(str(v) for v in item.values()) + " |")
    OUT.mkdir(exist_ok=True)
    (OUT / "languages.json").write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
