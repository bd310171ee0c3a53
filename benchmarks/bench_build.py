"""Benchmark `agk build` against plain MkDocs on the same generated pages.

    python -m benchmarks.bench_build [--sizes 1000 5000]

For each synthetic collection (English original + Hindi translation per case, so two language
sites): `agk build --lang en,hi` against `mkdocs build` run directly on the same generated
MkDocs projects, like with like: the same pages and theme (agk uses no MkDocs hook), both
languages in parallel as agk builds them, wall seconds and CPU seconds (user + system of every
process) and peak memory; then output size and case-page sizes. Budgets: agk ≤ 1.3 × plain
MkDocs in wall time and in CPU time; a case page ≤ 60 kB.
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
from builder.build import language_jobs
from builder.project import Project
from builder.site import mkdocs
from builder.validate.validation import validate

OUT = Path(__file__).resolve().parent / "out"
PAGE_BUDGET = 60 * 1024
RATIO_BUDGET = 1.3


# Runs one command and prints the peak RSS and CPU seconds of its processes: descendants count
# once they have been waited for, so MkDocs worker processes are included, and each command is
# measured alone.
_MEASURE = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime); sys.exit(code)"
)
# Plain MkDocs on several projects at once (argv: config, site dir, config, site dir…), the way
# agk runs its language builds.
_PARALLEL_MKDOCS = (
    "import subprocess, sys; "
    "args = sys.argv[1:]; "
    "mkdocs = [sys.executable, '-m', 'mkdocs', 'build', '-q']; "
    "runs = [subprocess.Popen([*mkdocs, '-f', args[i], '-d', args[i + 1]]) for i in range(0, len(args), 2)]; "
    "sys.exit(max(run.wait() for run in runs))"
)


@dataclasses.dataclass(frozen=True)
class Timing:
    """What one measured command cost."""

    wall_s: float
    cpu_s: float
    peak_mb: int


def timed(command: list[str], cwd: Path) -> Timing:
    """Wall and CPU seconds of the command and the peak RSS (MB) of its largest process."""
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr[-3000:]}")
    peak, cpu = completed.stdout.split()[-2:]
    return Timing(time.perf_counter() - started, float(cpu), int(peak) // 1024)


def write_mkdocs_trees(root: Path, langs: list[str]) -> None:
    """The generated MkDocs project of each language, as agk build makes it, into build/<lang>/."""
    project = Project(root)
    validation = validate(project, models=True)
    _, jobs = language_jobs(project, validation, langs, mkdocs.published_url(project.mkdocs_yml))
    for job in jobs:
        tree = dataclasses.replace(job, work_dir=root / "build" / job.lang)
        mkdocs.write_tree(tree, root / "site" / job.lang, validation.taxonomy.languages[job.lang].rtl)


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(size: int) -> dict[str, object]:
    """One row of the table."""
    project = cached_corpus(OUT, size)
    agk = timed([sys.executable, "-m", "builder", "build", "--lang", "en,hi"], project)
    write_mkdocs_trees(project, ["en", "hi"])
    projects = [
        part for lang in ("en", "hi") for part in (f"build/{lang}/mkdocs.yml", f"{project}/plain/{lang}")
    ]
    plain = timed([sys.executable, "-c", _PARALLEL_MKDOCS, *projects], project)
    pages = [p.stat().st_size for p in (project / "site").glob("*/cases/*/index.html")]
    return {
        "cases": size,
        "agk_wall_s": round(agk.wall_s, 1),
        "plain_wall_s": round(plain.wall_s, 1),
        "ratio": round(agk.wall_s / plain.wall_s, 2),
        "agk_cpu_s": round(agk.cpu_s, 1),
        "plain_cpu_s": round(plain.cpu_s, 1),
        "cpu_ratio": round(agk.cpu_s / plain.cpu_s, 2),
        "agk_peak_rss_mb": agk.peak_mb,
        "plain_peak_rss_mb": plain.peak_mb,
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
        cpu_ok = float(str(row["cpu_ratio"])) <= RATIO_BUDGET
        page_ok = float(str(row["case_page_max_kb"])) * 1024 <= PAGE_BUDGET
        print(f"{row['cases']} cases: wall ratio {'within' if ratio_ok else 'OVER'} {RATIO_BUDGET}, "
              f"CPU ratio {'within' if cpu_ok else 'OVER'} {RATIO_BUDGET}, "
              f"largest case page {'within' if page_ok else 'OVER'} 60 kB")  # fmt: skip
    OUT.mkdir(exist_ok=True)
    (OUT / "build.json").write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
