"""Bytes a reader's first browser search loads, per kind of query, and the size of the index.

Usage (from the repository root):
    python -m benchmarks.search.browser_bytes [--size 5000] [--work DIR] [--json FILE]

Exports the browser index of the synthetic corpus (benchmarks/search/corpus.py, with the
project's facet names), then runs engine.js in Node (node_bytes.js) with a fresh page per query
and adds up the files it loads: engine.js, the shards, lexicon and names files and the first
hits' document files, as a browser with an empty cache fetches them (raw bytes, before any
HTTP compression). The same script measures an older checkout (its search_index first on
PYTHONPATH), so the numbers compare like with like. Node times are indicative only; the
browser benchmark (benchmarks.browser_search) measures time in Chromium.
"""

from __future__ import annotations

import argparse
import inspect
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.search.corpus import CorpusShape, documents
from search_index.browser.export import write_static_index

RUNNER = Path(__file__).with_name("node_bytes.js")
TAXONOMY = Path(__file__).resolve().parents[2] / "case_studies" / "_taxonomies"
BUDGET_BYTES = 300_000
# (kind, query): the kinds of query issue-by-issue relevance work added, in several scripts.
QUERIES = (
    ("en word", "training"),
    ("en two words", "water budget"),
    ("en typo", "trainnig"),
    ("hi word", "प्रशिक्षण"),
    ("hi two words", "पानी बजट"),
    ("hi typo", "प्रशिक्षन"),
    ("hi in Roman letters", "prashikshan"),
    ("hi in Roman letters, two words", "kisan yojana"),
    ("bn word", "প্রশিক্ষণ"),
    ("ta word", "பயிற்சி"),
    ("ur word", "تربیت"),
    ("state name", "Uttar Pradesh"),
    ("state code", "UP"),
    ("hi state name + word", "उत्तर प्रदेश पानी"),
    ("partial (no case has all)", "training zzqx"),
)


def facet_names() -> dict[str, Any]:
    """Return the project's facet names (builder's taxonomy and aliases)."""
    from builder.model.aliases import load_names
    from builder.model.taxonomy import load_taxonomy

    taxonomy, _ = load_taxonomy(TAXONOMY, "case_studies/_taxonomies")
    names, _ = load_names(taxonomy, TAXONOMY, "case_studies/_taxonomies")
    return names


def export(size: int, folder: Path) -> int:
    """Write the browser index of `size` synthetic cases into `folder`; return its bytes on disk."""
    docs = list(documents(CorpusShape(size)))
    # An older search_index has no facet names to hand in.
    if "names" in inspect.signature(write_static_index).parameters:
        write_static_index(docs, folder, names=facet_names())
    else:
        write_static_index(docs, folder)
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(folder: Path) -> list[dict[str, Any]]:
    """Return one row per query: hits, files and bytes loaded (engine.js included)."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is needed (apt-get install nodejs)")
    request = json.dumps({"folder": str(folder), "queries": QUERIES}, ensure_ascii=False)
    done = subprocess.run([node, str(RUNNER)], input=request.encode(), capture_output=True, check=True)
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def main() -> None:
    """Export, measure and print a table (and JSON with --json)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search.browser_bytes")
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="agk-browser-bytes-"))
    folder = work / f"search-{args.size}"
    if folder.exists():
        shutil.rmtree(folder)
    disk = export(args.size, folder)
    rows = measure(folder)
    print(f"browser index of {args.size} cases: {disk / 1e6:.1f} MB on disk")
    print(f"{'query':<34} {'hits':>6} {'files':>5} {'kB':>7}  budget {BUDGET_BYTES / 1000:.0f} kB")
    for row in rows:
        flag = "" if row["bytes"] <= BUDGET_BYTES else "  over"
        print(f"{row['label']:<34} {row['total']:>6} {row['files']:>5} {row['bytes'] / 1000:>7.1f}{flag}")
    if args.json:
        args.json.write_text(
            json.dumps({"size": args.size, "disk_bytes": disk, "rows": rows}, indent=2) + "\n"
        )


if __name__ == "__main__":
    main()
