"""Benchmark `agk serve`: seconds from saving a narrative to the open page's reload event.

    python -m benchmarks.bench_serve [--cases 200] [--lang en,hi] [--repeat 3]

Starts `agk serve` on a synthetic collection (generated once under benchmarks/out/), waits
for the first build, listens on the live-reload event stream as an open page does, then edits
one English narrative `--repeat` times; each time it measures the wall seconds from the save
to the `reload` event (file watcher, debounce, rebuild and notification together) and prints
every run, the median and the rebuild times `agk serve` printed (the rest is watcher, debounce
and notification). The edited narrative is restored afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.synthetic import cached_corpus

OUT = Path(__file__).resolve().parent / "out"
TIMEOUT_SECONDS = 600.0


def free_port() -> int:
    """A port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_serving(server: subprocess.Popen[str], lines: list[str]) -> None:
    """Return once `agk serve` says it serves (its first build is done); fail if it ends."""
    assert server.stdout is not None
    for line in server.stdout:
        if line.startswith("agk: serving http://"):
            # Keep reading its output so a full pipe never stalls it; the build lines are kept.
            threading.Thread(target=lambda: lines.extend(server.stdout or []), daemon=True).start()
            return
    raise SystemExit(f"agk serve ended with code {server.wait()}")


def build_seconds(lines: list[str]) -> list[float]:
    """The rebuild times `agk serve` printed ("agk: rebuilt (12.3 s)")."""
    return [float(line.split("(")[1].split()[0]) for line in lines if line.startswith("agk: rebuilt (")]


def time_to_reload(port: int, builds: int, narrative: Path, edit: int) -> float:
    """Seconds from saving `narrative` to the `reload` event of build `builds + 1`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_SECONDS)
    connection.request("GET", f"/__agk_reload?since={builds}")
    response = connection.getresponse()
    text = narrative.read_text(encoding="utf-8")
    started = time.perf_counter()
    narrative.write_text(f"{text}\nBenchmark edit {edit}.\n", encoding="utf-8")
    try:
        while line := response.fp.readline():
            if line.startswith(b"event: reload"):
                return time.perf_counter() - started
        raise SystemExit("the event stream ended before a reload")
    finally:
        response.close()
        connection.close()


def measure(cases: int, langs: str, repeat: int) -> tuple[list[float], list[float]]:
    """Save-to-reload seconds of `repeat` edits on a served collection, and the rebuilds' own."""
    project = cached_corpus(OUT, cases)
    narrative = sorted((project / "case_studies").glob("*/en.md"))[0]
    original = narrative.read_bytes()
    port = free_port()
    command = [sys.executable, "-m", "builder", "serve", "--lang", langs, "--port", str(port)]
    server = subprocess.Popen(
        command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    try:
        wait_for_serving(server, lines)
        time.sleep(1.0)  # let the watcher threads start before the first save
        runs = [time_to_reload(port, build, narrative, build) for build in range(repeat)]
        time.sleep(0.5)  # the "rebuilt" line is printed just before the event is sent
        return runs, build_seconds(lines)
    finally:
        narrative.write_bytes(original)
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    """Measure and print every run and the median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--lang", default="en,hi")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs, builds = measure(args.cases, args.lang, args.repeat)
    print(f"{args.cases} cases, --lang {args.lang}: save to reload "
          f"{' / '.join(f'{s:.2f}' for s in runs)} s; median {statistics.median(runs):.2f} s "
          f"(rebuilds alone: {' / '.join(f'{s:.1f}' for s in builds)} s)")  # fmt: skip


if __name__ == "__main__":
    main()
