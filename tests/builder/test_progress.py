"""Progress of long steps: nothing for short ones, lines now and then in logs, a bar on a terminal."""

from __future__ import annotations

import io

import pytest

from builder import progress as module
from builder.progress import Progress


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(module.time, "monotonic", fake)
    return fake


def test_a_short_step_in_a_log_says_nothing(clock: Clock) -> None:
    stream = io.StringIO()
    with Progress("validating", 100, stream=stream) as step:
        clock.now += 1.5
        step.advance(100)
    assert stream.getvalue() == ""


def test_a_long_step_in_a_log_writes_a_line_every_few_seconds_then_the_total(clock: Clock) -> None:
    stream = io.StringIO()
    with Progress("validating", 100, stream=stream) as step:
        for _ in range(10):
            clock.now += 3.0
            step.advance(10)
    assert stream.getvalue().splitlines() == [
        "agk: validating: 40/100 cases (40%), about 18 s left",
        "agk: validating: 80/100 cases (80%), about 6 s left",
        "agk: validating: 100/100 cases in 30 s",
    ]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "DELAY", 0.0)
    stream = Terminal()
    with Progress("building with MkDocs", 3, unit="language", stream=stream) as step:
        step.advance(3)
    assert "agk: building with MkDocs" in stream.getvalue()
    assert "0/3" in stream.getvalue()  # the bar with its total; redrawn at most every 0.1 s
