"""Plain-text rendering of `agk search` results."""

from __future__ import annotations

from typing import Any

BOLD, RESET = "\033[1m", "\033[0m"


def highlight(snippet: str, terminal: bool) -> str:
    """Show the [[matched]] words bold on a terminal, bracketed otherwise."""
    if terminal:
        return snippet.replace("[[", BOLD).replace("]]", RESET)
    return snippet


def text(results: dict[str, Any], query: str, terminal: bool) -> str:
    """Ranked hits with snippets, then facet counts."""
    studies = "case study matches" if results["total"] == 1 else "case studies match"
    lines = [f'{results["total"]} {studies} "{query}"']
    for rank, hit in enumerate(results["hits"], start=1):
        lines += [
            f"{rank:>3}. {hit['title']}",
            f"     {hit['id']} [{hit['lang']}] score {hit['score']:.2f}",
            f"     {highlight(hit['snippet'], terminal)}",
        ]
    for facet, counts in sorted(results["facets"].items()):
        if counts:
            values = ", ".join(
                f"{value} {count}" for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            lines.append(f"{facet}: {values}")
    return "\n".join(lines)
