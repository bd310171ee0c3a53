"""`agk validate --braille`: the characters of each text that its Braille table cannot write (AGK310)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from builder.braille.documents import untranslatable
from builder.braille.tables import table_for
from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.model.case import CaseStudy
from builder.source.front_matter import split_front_matter


def braille_problems(case_dir: Path, display_root: str, cases: Iterable[CaseStudy]) -> list[Diagnostic]:
    """An AGK310 warning for each character without Braille, at its line and column in its file.

    Raises builder.braille.liblouis.LiblouisMissing when liblouis is not installed.
    """
    found = []
    for case in cases:
        names = [f"{lang}.md" for lang in case.narratives] + [
            f"teaching-note.{lang}.md" for lang in case.teaching_notes
        ]
        for name in sorted(names):
            lang = name.removesuffix(".md").removeprefix("teaching-note.")
            table = table_for(lang)
            if table is None:
                continue
            split = split_front_matter((case_dir / case.id / name).read_text(encoding="utf-8-sig"))
            display = f"{display_root}/{case.id}/{name}"
            for char in untranslatable(table, split.body):
                code = f"U+{ord(char.char):04X}"
                label = unicodedata.name(char.char, code).lower()
                message = f"{char.char!r} ({code} {label}) has no Braille in the {table} table"
                found.append(problem("AGK310", display, split.body_line + char.line - 1, char.col, message))
    return found
