"""MkDocs builds in worker processes that end when the build process ends, however it ends."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from types import FrameType
from typing import NoReturn

from builder.progress import Progress
from builder.site.mkdocs import LanguageResult, build_language


def run_mkdocs(langs: list[str], configs: list[Path], workers: int) -> list[LanguageResult]:
    """One MkDocs build per language, in worker processes that end when this process ends."""
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(workers, len(configs))),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    try:
        futures = [pool.submit(build_language, lang, path) for lang, path in zip(langs, configs, strict=True)]
        with Progress("building with MkDocs", len(futures), unit="language") as progress:
            for _ in as_completed(futures):
                progress.advance()
        results = [_outcome(lang, future) for lang, future in zip(langs, futures, strict=True)]
    except BaseException:
        # Ctrl+C, SIGTERM or a bug: stop the workers now, not when their MkDocs builds end.
        _stop(pool)
        raise
    pool.shutdown()
    return results


def _outcome(lang: str, future: Future[LanguageResult]) -> LanguageResult:
    """A worker's result; a worker that died (killed, out of memory) fails its language."""
    try:
        return future.result()
    except Exception as error:
        return LanguageResult(lang, (), f"the MkDocs worker stopped: {type(error).__name__}: {error}")


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers at once, dropping the work they had not started."""
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _worker_start(parent: int) -> None:
    """Worker set-up: it ends with the build process, which alone handles Ctrl+C."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _death_signal_set():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)


def _death_signal_set() -> bool:
    """Ask Linux for SIGTERM when the parent dies, however it dies (SIGKILL included)."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Without a death signal: poll until the worker is re-parented, then end it."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


@contextlib.contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """SIGTERM raises SystemExit meanwhile, so `finally` blocks stop workers and clean up."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _exit_on_signal(signum: int, _frame: FrameType | None) -> NoReturn:
    """Signal handler: exit with the shell's code for death by that signal."""
    raise SystemExit(128 + signum)
