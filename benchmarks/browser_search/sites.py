"""Build (and cache) the three sites one benchmark run compares."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from benchmarks.bench_build import write_mkdocs_trees
from benchmarks.synthetic import cached_corpus

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "benchmarks" / "out"
ASSETS = REPO / "benchmarks" / "browser_search_assets"
PAGEFIND_VENV = OUT / "pagefind-venv"
PAGEFIND_REQUIREMENT = "pagefind[extended]==1.5.2"
# Measured: the only lunr configuration that answers queries in every Indic script (with
# `lang: [en]` and `pipeline: []`; any other splits or drops Indic tokens).
LUNR_SEPARATOR = '[\\s\\-,:;!?।॥"“”‘’()\\[\\]/|]+|\\.(?!\\d)'
SHIM_URL = "assets/vendor/iframe-worker/shim.js"
LUNR_CONFIG = "mkdocs-bench-lunr.yml"
MATERIAL_INDEX = ("search_index.json", "search_index.js")
PAGEFIND_PAGE = "pagefind-bench.html"
STAMP = ".bench-stamp"
OUR_SCRIPTS = ("assets/agk/search.js",)


class SystemFailed(Exception):
    """A system could not be built; the message says why."""


@dataclass(frozen=True)
class Built:
    """Where one system's site lives and how big its search index is."""

    root: Path
    page: str  # relative to root, with {lang}
    stamp: str
    seconds: float | None = None  # None: taken from the cache
    note: str | None = None


def digest(parts: Iterable[bytes]) -> str:
    """A short SHA-256 over byte strings, each length-prefixed so boundaries count."""
    sha = hashlib.sha256()
    for part in parts:
        sha.update(len(part).to_bytes(8, "big") + part)
    return sha.hexdigest()[:16]


def source_files(folder: Path) -> list[Path]:
    """Files under `folder` that can change a build (no bytecode caches)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def run_tool(command: Sequence[str], cwd: Path, what: str) -> float:
    """Run a build command, raising SystemFailed with its output tail; return wall seconds."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SystemFailed(f"{what}: {error}") from error
    if done.returncode != 0:
        tail = " ".join((done.stderr or done.stdout)[-1500:].split())
        raise SystemFailed(f"{what} exited with {done.returncode}: {tail}")
    return time.perf_counter() - started


def is_current(stamp_file: Path, stamp: str) -> bool:
    """Whether a cached build was made from the same inputs."""
    return stamp_file.is_file() and stamp_file.read_text() == stamp


def build_ours(work: Path, size: int, langs: Sequence[str], rebuild: bool) -> Built:
    """`agk build` of the synthetic corpus; rebuilt when the builder or mkdocs.yml changed."""
    project = cached_corpus(work, size)
    root_config = (REPO / "mkdocs.yml").read_bytes()
    # Our search is written by search_index (engine, analysers, stemmers, stop words) during agk build.
    inputs = [p.read_bytes() for folder in ("builder", "search_index") for p in source_files(REPO / folder)]
    corpus_stamp = (project / ".generator-stamp").read_bytes()
    stamp = digest([*inputs, root_config, corpus_stamp, ",".join(langs).encode()])
    site = project / "site"
    if not rebuild and is_current(site / STAMP, stamp):
        return Built(site, "{lang}/index.html", stamp)
    print(f"agk build of {size} cases …", file=sys.stderr)
    command = [sys.executable, "-m", "builder", "build", "--lang", ",".join(langs)]
    try:
        seconds = run_tool(command, project, "agk build")
    except SystemFailed as error:
        # agk leaves the previous site in place when a build fails: measure it, saying so.
        previous = site / STAMP
        if rebuild or not all((site / lang / "index.html").is_file() for lang in langs):
            raise
        old = previous.read_text() if previous.is_file() else "unknown"
        return Built(site, "{lang}/index.html", old, note=f"measured the previous build: {error}")
    (site / STAMP).write_text(stamp)
    return Built(site, "{lang}/index.html", stamp, seconds)


def inherited_scripts(project: Path) -> list[str]:
    """extra_javascript of the root mkdocs.yml without our search script."""
    # MkDocs' own loader, as builder.site.mkdocs.published_url uses (mkdocs.yml has !!python tags).
    with (project / "mkdocs.yml").open(encoding="utf-8") as stream:
        config = yaml_load(stream)
    scripts = (config.get("extra_javascript") or []) if isinstance(config, dict) else []
    return [s for s in scripts if isinstance(s, str) and s not in OUR_SCRIPTS]


def lunr_config(project: Path) -> str:
    """The variant of agk's generated per-language config with Material's search switched on."""
    config = {
        "INHERIT": "mkdocs.yml",
        "plugins": [
            {"search": {"lang": ["en"], "separator": LUNR_SEPARATOR, "pipeline": []}},
            "offline",
        ],
        # Without our search box: one search UI per page, and no requests for our index.
        "extra_javascript": inherited_scripts(project),
        # A local shim: with it the offline plugin adds no CDN URL and search works from disk.
        "extra": {"polyfills": [SHIM_URL]},
    }
    return "# Written by benchmarks.browser_search.\n" + json.dumps(config, ensure_ascii=False, indent=2)


def build_lunr(work: Path, size: int, ours: Built, langs: Sequence[str], rebuild: bool) -> Built:
    """Material's lunr search on the pages agk generated, built with plain MkDocs."""
    project = ours.root.parent
    out = work / f"lunr-{size}"
    config_text = lunr_config(project)
    stamp = digest(
        [ours.stamp.encode(), config_text.encode(), (ASSETS / "iframe-worker" / "shim.js").read_bytes()]
    )
    stamp_file = out / STAMP
    if not rebuild and is_current(stamp_file, stamp):
        return Built(out, "{lang}/index.html", stamp)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    seconds = 0.0
    write_mkdocs_trees(project, list(langs))
    for lang in langs:
        build_dir = project / "build" / lang
        if not (build_dir / "mkdocs.yml").is_file():
            raise SystemFailed(f"agk build left no {build_dir}/mkdocs.yml")
        (build_dir / LUNR_CONFIG).write_text(config_text, encoding="utf-8")
        print(f"MkDocs build with lunr search, {size} cases, {lang} …", file=sys.stderr)
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", LUNR_CONFIG, "-d", str(out / lang)]
        seconds += run_tool(command, build_dir, f"mkdocs build ({lang})")
        shim = out / lang / SHIM_URL
        shim.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ASSETS / "iframe-worker" / "shim.js", shim)
        if not (out / lang / "search" / "search_index.json").is_file():
            raise SystemFailed(f"MkDocs wrote no search/search_index.json for {lang}")
    stamp_file.write_text(stamp)
    return Built(out, "{lang}/index.html", stamp, seconds)


def pagefind_python() -> Path:
    """The interpreter of a separate venv holding Pagefind, created on first use."""
    python = PAGEFIND_VENV / "bin" / "python"
    if not python.exists():
        print(f"installing {PAGEFIND_REQUIREMENT} into {PAGEFIND_VENV} …", file=sys.stderr)
        run_tool([sys.executable, "-m", "venv", str(PAGEFIND_VENV)], OUT, "python -m venv")
        run_tool(
            [str(python), "-m", "pip", "install", "-q", PAGEFIND_REQUIREMENT], OUT, "pip install pagefind"
        )
    return python


def pagefind_version(python: Path) -> str:
    """The installed Pagefind package version."""
    code = "import importlib.metadata as m; print(m.version('pagefind'))"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def build_pagefind(ours: Built, langs: Sequence[str], rebuild: bool) -> Built:
    """Pagefind's index of the HTML agk wrote, one bundle per language site."""
    python = pagefind_python()
    stamp = digest([ours.stamp.encode(), pagefind_version(python).encode()])
    seconds = None
    for lang in langs:
        site = ours.root / lang
        bundle = site / "pagefind"
        page = site / PAGEFIND_PAGE
        if rebuild or not is_current(bundle / STAMP, stamp):
            # Written after indexing, so that Pagefind never indexes its own bench page.
            page.unlink(missing_ok=True)
            if bundle.exists():
                shutil.rmtree(bundle)
            print(f"Pagefind over {site} …", file=sys.stderr)
            took = run_tool([str(python), "-m", "pagefind", "--site", str(site)], REPO, f"pagefind ({lang})")
            seconds = (seconds or 0.0) + took
            if not (bundle / "pagefind.js").is_file():
                raise SystemFailed(f"pagefind wrote no {bundle}/pagefind.js")
            (bundle / STAMP).write_text(stamp)
        page.write_text(bench_page(lang), encoding="utf-8")
    return Built(ours.root, "{lang}/" + PAGEFIND_PAGE, stamp, seconds)


def bench_page(lang: str) -> str:
    """A page that searches with Pagefind's JS API and shows the first five results."""
    template = (ASSETS / "pagefind-bench.html").read_text(encoding="utf-8")
    return template.replace("{lang}", lang)


def files_of(paths: Iterable[Path]) -> tuple[int, int]:
    """(bytes, files) of the existing files among `paths`."""
    sizes = [p.stat().st_size for p in paths if p.is_file()]
    return sum(sizes), len(sizes)


def index_on_disk(system: str, built: Built, lang: str) -> tuple[int, int]:
    """(bytes, files) of a system's search index for one language site."""
    site = built.root / lang
    if system == "ours":
        # Material's index sits in the same folder while its search plugin is still enabled.
        folder = site / "search"
        return files_of(p for p in folder.rglob("*") if p.name not in MATERIAL_INDEX)
    if system == "lunr":
        return files_of(site / "search" / name for name in MATERIAL_INDEX)
    return files_of(p for p in (site / "pagefind").rglob("*") if p.name != STAMP)


def material_leftover(built: Built, lang: str) -> int:
    """Bytes of Material's search index inside our site (0 once its search plugin is gone)."""
    return files_of(built.root / lang / "search" / name for name in MATERIAL_INDEX)[0]
