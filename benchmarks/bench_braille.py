"""Benchmark the Braille-ready files and the case zips against the build they are part of.

    python -m benchmarks.bench_braille [--cases 1000]

On the synthetic collection (English original + Hindi translation per case): the CPU seconds of
making every BRF file of the en and hi sites (liblouis through ctypes, in the build process),
per 1,000 narratives, and of zipping every case page for offline reading from the built site;
each beside `agk build --lang en,hi` of the same collection (wall and CPU seconds, every
process), which includes both. Budget: Braille adds at most 15 % to `agk build`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from benchmarks.bench_build import OUT, timed
from benchmarks.synthetic import cached_corpus
from builder.model.case import CaseStudy
from builder.project import Project
from builder.publish.case_downloads import write_case_zips
from builder.render.braille_files import site_braille
from builder.render.pages.common import LanguageSite
from builder.validate.validation import Validation, validate

BUDGET = 0.15
LANGS = ("en", "hi")


def braille_seconds(validation: Validation) -> tuple[float, int, int]:
    """CPU seconds to make the BRF files of the en and hi sites, the files made, their bytes."""
    cases = _cases(validation)
    seconds, files, size = 0.0, 0, 0
    for lang in LANGS:
        site = LanguageSite(
            lang, validation.taxonomy, cases, LANGS, "https://x.example/", rendered=validation.rendered
        )
        started = time.process_time()
        made = site_braille(site)
        seconds += time.process_time() - started
        files += len(made.files)
        size += sum(len(data) for data in made.files.values())
    return seconds, files, size


def zip_seconds(site: Path, validation: Validation) -> tuple[float, int, int]:
    """CPU seconds to zip every case page of the built en and hi sites again, the zips, bytes."""
    for old in site.glob("*/cases/*/*.zip"):
        old.unlink()
    started = time.process_time()
    write_case_zips(site, _cases(validation), "https://x.example/")
    seconds = time.process_time() - started
    zips = list(site.glob("*/cases/*/*.zip"))
    return seconds, len(zips), sum(z.stat().st_size for z in zips)


def _cases(validation: Validation) -> tuple[CaseStudy, ...]:
    return tuple(sorted(validation.cases, key=lambda c: c.id))


def main() -> None:
    """Print one Markdown table; write benchmarks/out/braille.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()
    root = cached_corpus(OUT, args.cases)
    project = Project(root)
    shutil.rmtree(root / "site", ignore_errors=True)
    build = timed([sys.executable, "-m", "builder", "build", "--lang", ",".join(LANGS)], root)
    validation = validate(project, models=True)
    brf_s, brf_files, brf_bytes = braille_seconds(validation)
    zip_s, zips, zip_bytes = zip_seconds(root / "site", validation)
    narratives = brf_files  # one BRF per narrative written in the site's language (no notes here)
    row = {
        "cases": args.cases,
        "build_wall_s": round(build.wall_s, 1),
        "build_cpu_s": round(build.cpu_s, 1),
        "braille_cpu_s": round(brf_s, 1),
        "braille_s_per_1000": round(brf_s / narratives * 1000, 1),
        "braille_share_of_build_cpu": round(brf_s / build.cpu_s, 3),
        "brf_files": brf_files,
        "brf_mb": round(brf_bytes / 2**20, 1),
        "zip_cpu_s": round(zip_s, 1),
        "zip_share_of_build_cpu": round(zip_s / build.cpu_s, 3),
        "zips": zips,
        "zip_mb": round(zip_bytes / 2**20, 1),
    }
    print("| " + " | ".join(row) + " |")
    print("|" + "---|" * len(row))
    print("| " + " | ".join(str(v) for v in row.values()) + " |")
    share = float(str(row["braille_share_of_build_cpu"]))
    print(f"Braille: {share:.1%} of the build's CPU seconds ({'within' if share <= BUDGET else 'OVER'} 15 %)")
    OUT.mkdir(exist_ok=True)
    (OUT / "braille.json").write_text(json.dumps(row, indent=2) + "\n")


if __name__ == "__main__":
    main()
