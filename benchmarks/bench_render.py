"""Benchmark narrative rendering on pathological Markdown: time must grow linearly with size.

    python -m benchmarks.bench_render [--sizes 1,4,16,64,256,1024,2048] [--plain-limit 20] [--shapes a,b]

Each shape is repeated to the given size in kB and rendered by agk's renderer (which defuses
super-linear shapes first) and by plain Python-Markdown with the same extensions, until plain
rendering would pass --plain-limit seconds (extrapolated as if quadratic). A linear renderer
keeps ms per kB flat down a column.
Shapes nested too deeply are refused by the renderer (as by validation, AGK309): their row
says so and times the refusal.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable

import markdown

from builder.markdown.html import MarkdownRenderer, RenderError

SHAPES: dict[str, Callable[[int], str]] = {
    "unclosed [": lambda n: "[a " * n,
    "unclosed ![": lambda n: "![a " * n,
    "nested [ ]": lambda n: "[" * (n // 2) + "a" + "]" * (n // 2),
    "backtick runs": lambda n: "``a`" * n,
    "backtick runs on many lines": lambda n: "``a` `b` *c*\n" * n,
    "attr-list {": lambda n: "## a {#" * n,
    "attr-list { on many lines": lambda n: "a {#b {: .c\n" * n,
    "setext headings": lambda n: "a\n=\n" * n,
    "hash headings": lambda n: "# a\n" * n,
    "rules": lambda n: "***\n" * n,
    "headings in a quote": lambda n: "> # a\n" * n,
    "one unmatched opener": lambda n: "``x " + "`a` *b* " * n,
    "emphasis": lambda n: "*_a" * n,
    "plain prose": lambda n: "The district kept one list of expected deliveries. " * n,
}


def _sized(shape: Callable[[int], str], kilobytes: int) -> str:
    """The shape repeated to about `kilobytes` kB of text."""
    target = kilobytes * 1024
    sample = shape(64)
    return shape(max(1, 64 * target // max(1, len(sample))))[:target]


def _plain() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["attr_list", "tables", "admonition"])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _ours(renderer: MarkdownRenderer, text: str) -> str:
    """Render with agk's renderer; 'refused' when it refuses the nesting."""
    try:
        renderer.render(text)
    except RenderError:
        return "refused"
    return ""


def _time(action: Callable[[], object]) -> tuple[float, object]:
    started = time.process_time()
    outcome = action()
    return time.process_time() - started, outcome


def main(argv: list[str] | None = None) -> None:
    """Print a Markdown table: shape, size, CPU seconds and ms per kB, ours and plain."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,4,16,64,256,1024,2048")
    parser.add_argument("--plain-limit", type=float, default=20.0)
    parser.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    renderer = MarkdownRenderer()
    print("| shape | kB | agk CPU s | agk ms/kB | plain Markdown CPU s | plain ms/kB |")
    print("|---|---|---|---|---|---|")
    chosen = [name.strip() for name in args.shapes.split(",") if name.strip()] or list(SHAPES)
    for name in chosen:
        shape = SHAPES[name]
        # Plain Markdown may be quadratic: skip a size whose time, so extrapolated, would pass the limit.
        plain_done, previous = False, (0.0, 1)
        for kilobytes in sizes:
            text = _sized(shape, kilobytes)
            ours, refused = _time(functools.partial(_ours, renderer, text))
            plain_done = plain_done or previous[0] * (kilobytes / previous[1]) ** 2 > args.plain_limit
            plain = "skipped" if plain_done else ""
            plain_rate = ""
            if not plain_done:
                seconds, _ = _time(functools.partial(_plain().convert, text))
                plain, plain_rate = f"{seconds:.3f}", f"{1000 * seconds / kilobytes:.2f}"
                previous = (seconds, kilobytes)
            print(
                f"| {name} | {kilobytes} | {ours:.3f} {refused} | {1000 * ours / kilobytes:.2f} "
                f"| {plain} | {plain_rate} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
