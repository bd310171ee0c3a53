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
    some = " some of the words of" if results.get("partial") else ""
    lines = [f'{results["total"]} {studies}{some} "{query}"']
    if results.get("suggestion"):
        lines.append(f'Did you mean "{results["suggestion"]}"?')
    for item in results.get("recognised", ()):
        named, key, value = " ".join(item["words"]), item["key"], item["value"]
        lines.append(f"Understood {named!r} as {key} {value} (filter: --{key} {value})")
    for rank, hit in enumerate(results["hits"], start=1):
        lines += [
            f"{rank:>3}. {hit['title']}",
            f"     {hit['id']} [{hit['lang']}] score {hit['score']:.2f}",
            f"     {highlight(hit['snippet'], terminal)}",
        ]
        if hit.get("missing"):
            lines.append(f"     missing: {', '.join(hit['missing'])}")
    for facet, counts in sorted(results["facets"].items()):
        if counts:
            values = ", ".join(
                f"{value} {count}" for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            lines.append(f"{facet}: {values}")
    return "\n".join(lines)
