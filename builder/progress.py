"""Progress of long steps: a bar with counts and time left on a terminal, a plain line now and then in logs.

Short steps show nothing: a bar appears only after a step has run `DELAY` seconds, and in a log
(CI, a pipe) a line is written at most every `LOG_EVERY` seconds, then one when the step ends.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

from tqdm import tqdm

DELAY = 2.0
LOG_EVERY = 10.0


class Progress:
    """Counts the items of one step (`with Progress("validating", n) as p: p.advance()`)."""

    def __init__(self, label: str, total: int, unit: str = "case", stream: TextIO | None = None) -> None:
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self.logged = 0.0
        self.bar = (
            tqdm(total=total, desc=f"agk: {label}", unit=unit, delay=DELAY, file=self.stream, leave=False)
            if self.stream.isatty()
            else None
        )

    def advance(self, count: int = 1) -> None:
        """`count` more items are done."""
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
            return
        elapsed = time.monotonic() - self.started
        if elapsed >= DELAY and elapsed - self.logged >= LOG_EVERY and self.done < self.total:
            self.logged = elapsed
            left = elapsed / self.done * (self.total - self.done)
            share = 100 * self.done // max(self.total, 1)
            self._line(f"{self.done}/{self.total} {self.unit}s ({share}%), about {left:.0f} s left")

    def close(self) -> None:
        """End the step: the bar goes; a log that had lines gets the total time."""
        if self.bar is not None:
            self.bar.close()
        elif self.logged:
            self._line(f"{self.done}/{self.total} {self.unit}s in {time.monotonic() - self.started:.0f} s")

    def _line(self, text: str) -> None:
        print(f"agk: {self.label}: {text}", file=self.stream, flush=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
