"""Write diagnostics as text, GitHub Actions annotations or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from builder.diagnostics.diagnostic import Diagnostic, Severity

FORMATS = ("text", "github", "json")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def text_line(d: Diagnostic) -> str:
    """`path:line:col: level CODE message (hint)`."""
    hint = f" ({d.hint})" if d.hint else ""
    return f"{d.path}:{d.line}:{d.col}: {d.severity} {d.code} {d.message}{hint}"


def github_line(d: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the line in the pull request."""
    hint = f" ({d.hint})" if d.hint else ""
    properties = ",".join(
        (f"file={_escape_property(d.path)}", f"line={d.line}", f"col={d.col}", f"title={d.code}")
    )
    return f"::{d.severity} {properties}::{_escape_data(f'{d.code} {d.message}{hint}')}"


def summary(diagnostics: Sequence[Diagnostic], cases: int) -> str:
    """One line counting errors and warnings."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    studies = "case study" if cases == 1 else "case studies"
    return f"{errors} error(s), {warnings} warning(s) in {cases} {studies}"


def render(diagnostics: Sequence[Diagnostic], cases: int, output_format: str) -> str:
    """The whole report in one of FORMATS."""
    if output_format == "json":
        document = {
            "diagnostics": [d.as_dict() for d in diagnostics],
            "summary": {
                "cases": cases,
                "errors": sum(1 for d in diagnostics if d.severity is Severity.ERROR),
                "warnings": sum(1 for d in diagnostics if d.severity is Severity.WARNING),
            },
        }
        return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    line = github_line if output_format == "github" else text_line
    return "\n".join([*(line(d) for d in diagnostics), summary(diagnostics, cases)])
