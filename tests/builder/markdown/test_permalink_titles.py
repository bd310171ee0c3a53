"""Heading anchors of a narrative are titled in the narrative's language, given as plain data."""

from __future__ import annotations

import re

from builder.markdown.html import PERMALINK_TITLE, MarkdownRenderer, render_case
from builder.source.loader import MarkdownSource

FRONT = "---\ntitle: T\nsummary: S.\n---\n\n"


def source(lang: str, body: str) -> MarkdownSource:
    return MarkdownSource(lang, f"case_studies/x/{lang}.md", FRONT + body, None, True, body, 6)


def titles(html: str) -> set[str]:
    return set(re.findall(r'class="headerlink" href="[^"]*" title="([^"]*)"', html))


def test_each_narrative_takes_its_own_languages_title() -> None:
    narratives = [
        source("hi", "## संदर्भ {#context}\n\nपाठ।\n"),
        source("en", "## Context {#context}\n\nText.\n"),
    ]
    notes = [source("ta", "## சுருக்கம் {#summary}\n\nஉரை.\n")]
    given = {"hi": "स्थायी लिंक", "ta": "நிலையான இணைப்பு"}
    rendered, problems = render_case(narratives, notes, MarkdownRenderer(), given)
    assert problems == []
    assert titles(rendered.narratives["hi"].html) == {"स्थायी लिंक"}
    assert titles(rendered.notes["ta"].html) == {"நிலையான இணைப்பு"}
    # A language without a title of its own keeps the English one.
    assert titles(rendered.narratives["en"].html) == {PERMALINK_TITLE}


def test_a_title_is_escaped_like_any_attribute() -> None:
    rendered, _ = render_case([source("hi", "## A {#a}\n")], [], MarkdownRenderer(), {"hi": 'a"b<c'})
    assert 'title="a&quot;b&lt;c"' in rendered.narratives["hi"].html
