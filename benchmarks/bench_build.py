"""Benchmark `agk build` against plain MkDocs on the same generated pages.

    python -m benchmarks.bench_build [--sizes 1000 5000]

For each synthetic collection (English original + Hindi translation per case, so two language
sites): `agk build --lang en,hi` wall time and peak memory, then `mkdocs build` run directly on
the build trees agk generated (one after the other, as plain MkDocs would), output size and
case-page sizes. Budgets: agk ≤ 1.3 × plain MkDocs; a case page ≤ 60 kB.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.synthetic import cached_corpus
from builder import site
from builder.build import language_jobs
from builder.project import Project
from builder.validate import validate

OUT = Path(__file__).resolve().parent / "out"
PAGE_BUDGET = 60 * 1024
RATIO_BUDGET = 1.3


# Runs one command and prints its peak RSS: descendants' memory is counted once they have
# been waited for, so MkDocs worker processes are included, and each command is measured alone.
_MEASURE = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of the largest process the command started."""
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr[-3000:]}")
    return time.perf_counter() - started, int(completed.stdout.split()[-1]) // 1024


def write_mkdocs_trees(root: Path, langs: list[str]) -> None:
    """The generated MkDocs project of each language, as agk build makes it, into build/<lang>/."""
    project = Project(root)
    validation = validate(project, models=True)
    _, jobs = language_jobs(project, validation, langs, site.published_url(project.mkdocs_yml))
    for job in jobs:
        tree = dataclasses.replace(job, work_dir=root / "build" / job.lang)
        site.write_tree(tree, root / "site" / job.lang, validation.taxonomy.languages[job.lang].rtl)


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(size: int) -> dict[str, object]:
    """One row of the table."""
    project = cached_corpus(OUT, size)
    agk_s, peak = timed([sys.executable, "-m", "builder", "build", "--lang", "en,hi"], project)
    write_mkdocs_trees(project, ["en", "hi"])
    plain_s, plain_peak = 0.0, 0
    for lang in ("en", "hi"):
        config = f"build/{lang}/mkdocs.yml"
        seconds, lang_peak = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config,
                            "-d", f"{project}/plain/{lang}"], project)  # fmt: skip
        plain_s += seconds
        plain_peak = max(plain_peak, lang_peak)
    pages = [p.stat().st_size for p in (project / "site").glob("*/cases/*/index.html")]
    return {
        "cases": size,
        "agk_build_s": round(agk_s, 1),
        "plain_mkdocs_s": round(plain_s, 1),
        "ratio": round(agk_s / plain_s, 2),
        "agk_peak_rss_mb": peak,
        "plain_peak_rss_mb": plain_peak,
        "site_mb": round(size_of(project / "site") / 2**20, 1),
        "case_page_median_kb": round(statistics.median(pages) / 1024, 1),
        "case_page_max_kb": round(max(pages) / 1024, 1),
    }


def main() -> None:
    """Measure every size, print a Markdown table, write benchmarks/out/build.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    rows = [measure(size) for size in args.sizes]
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(str(v) for v in row.values()) + " |")
    for row in rows:
        ratio_ok = float(str(row["ratio"])) <= RATIO_BUDGET
        page_ok = float(str(row["case_page_max_kb"])) * 1024 <= PAGE_BUDGET
        print(f"{row['cases']} cases: ratio {'within' if ratio_ok else 'OVER'} {RATIO_BUDGET}, "
              f"largest case page {'within' if page_ok else 'OVER'} 60 kB")  # fmt: skip
    OUT.mkdir(exist_ok=True)
    (OUT / "build.json").write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
