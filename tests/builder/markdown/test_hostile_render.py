"""Hostile narratives: refused by validation, and inert when rendered even if validation misses them.

The browser tests build a site with the markup rules switched off, so that the render stage
alone stands between the payloads and the reader, and check in Chromium (from disk and over
HTTP) that no payload runs, nothing external loads and the page's own content is intact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder import build
from builder.markdown.html import MarkdownRenderer, RenderOptions, render_case
from builder.markdown.limits import (
    MAX_BLOCKS,
    WORK_FLOOR,
    WORK_PER_CHAR,
    defuse,
    estimated_work,
    nesting_problems,
)
from builder.project import Project
from builder.source.loader import MarkdownSource
from builder.validate import validation
from builder.validate.checks import markup
from tests.browser import PageWatch, site_root
from tests.builder.cli_runner import agk
from tests.builder.validate.test_hostile_inputs import hostile_case
from tests.conftest import REPO, MakeProject

FRONT = "---\ntitle: Hostile\nsummary: A hostile narrative.\n---\n\n"
QUESTIONS = "\n\n## Questions for discussion {#questions}\n\n1. Who should run the tests?\n"
# Each payload tries to run script (setting window.__pwned), clobber a global or id the page's
# scripts read, or break out of an attribute; variations of one class each.
PAYLOADS = {
    "toc-quote": '> ## Quoted {#x\\"><script>window.__pwned=1</script>}',
    "toc-list": '- ## Listed {#y\\"><img src=x onerror=window.__pwned=1>}',
    "toc-plaintext": '1. ### Item {#z\\"><plaintext>}',
    "toc-text": "### <img src=x onerror=window.__pwned=1> and \\<script\\>window.__pwned=1\\</script\\>",
    "clobber-config": "Some text.\n{: #__config }",
    "clobber-search-config": "Some text.\n{: #agk-search-config }",
    "clobber-engine": "Some text.\n{: #AgkSearch }",
    "clobber-slug": "### __config\n\n### agk search config",
    "event-attribute": 'Some text.\n{: onclick="window.__pwned=1" style="position:fixed" }',
    "script-link": "[click](javascript:window.__pwned=1) [data](data:text/html,<script>x</script>)",
    "raw-html": "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=1>",
    "link-title": '[a](https://example.org "x\\" onmouseover=\\"window.__pwned=1")',
    "reserved-class": "Some text.\n{: .md-header .agk-search }",
}


def narrative(payload: str) -> str:
    return FRONT + "## Context {#context}\n\n" + payload + QUESTIONS


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


class _Elements(HTMLParser):
    """Every start tag of an HTML fragment with its attributes, as a browser would parse them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_rendered_payloads_are_inert(name: str, renderer: MarkdownRenderer) -> None:
    rendered = renderer.render(narrative(PAYLOADS[name]).split("---\n", 2)[2])
    elements = _Elements(rendered.html).found
    assert {tag for tag, _ in elements} <= {"h2", "h3", "a", "p", "ol", "li", "blockquote", "ul"}
    for tag, attrs in elements:
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
        url = attrs.get("href", "")
        assert not url.lower().startswith(("javascript:", "data:")), url
        if "id" in attrs:
            assert re.fullmatch(r"[\w-]+", attrs["id"]), attrs
            assert not attrs["id"].startswith(("__", "agk-", "md-")) and attrs["id"] != "AgkSearch"
        assert not [c for c in attrs.get("class", "").split() if c.startswith(("md-", "agk-"))], attrs
    assert ("h2", {"id": "questions"}) in elements
    for entry in rendered.toc:
        assert re.fullmatch(r"[\w-]+", entry.id), entry


def test_toc_titles_are_plain_text_for_the_theme_to_escape(renderer: MarkdownRenderer) -> None:
    rendered = renderer.render("## Context {#context}\n\n### a \\*b\\* <c> & d\n")
    assert [entry.title for entry in rendered.toc] == ["Context", "a *b* <c> & d"]
    assert "a *b* &lt;c&gt; &amp; d" in rendered.html


def test_teaching_note_headings_nest_under_the_page_and_keep_their_own_ids(
    renderer: MarkdownRenderer,
) -> None:
    rendered = renderer.render("## Summary {#summary}\n\n### Detail\n", RenderOptions(1, "tn-"))
    assert [(e.level, e.id) for e in rendered.toc] == [(3, "tn-summary"), (4, "tn-detail")]
    assert '<h3 id="tn-summary">' in rendered.html


def test_relative_links_are_url_quoted(renderer: MarkdownRenderer) -> None:
    html = renderer.render("[a](media/a b.pdf) ![c](media/100%25.png) [d](media/x.pdf?v=1#p-2)").html
    assert 'href="media/a%20b.pdf"' in html and 'src="media/100%25.png"' in html
    assert 'href="media/x.pdf?v=1#p-2"' in html


PATHOLOGICAL = {
    "backtick runs": "``a`" * 20_000,
    "attribute braces": "## a {#" * 20_000,
    "setext headings": "a\n=\n" * 20_000,
    "rules": "***\n" * 20_000,
    "headings in a quote": "> # a\n" * 20_000,
    "closed brackets": "[a] " * 20_000,
}


@pytest.mark.parametrize("shape", sorted(PATHOLOGICAL))
def test_defused_text_costs_a_bounded_number_of_scans_per_character(shape: str) -> None:
    body = PATHOLOGICAL[shape]
    defused = defuse(body)
    paragraphs = defused.count("\n\n") + 1
    assert estimated_work(defused) <= WORK_PER_CHAR * len(defused) + WORK_FLOOR * paragraphs
    if shape != "closed brackets":
        assert estimated_work(body) > 100 * len(body), "the shape should be costly before defusing"


def test_ordinary_narratives_are_not_changed_by_defusing() -> None:
    bodies = [p.read_text(encoding="utf-8") for p in sorted((REPO / "case_studies").glob("*/*.md"))]
    assert len(bodies) > 30
    assert [body for body in bodies if defuse(body) != body] == []


def test_a_render_failure_is_a_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulate a shape the nesting check does not know: the real renderer then overflows.
    monkeypatch.setattr("builder.markdown.html.nesting_problems", lambda body: [])
    body = "- " * 1000 + "level\n"
    source = MarkdownSource("en", "case_studies/x/en.md", FRONT + body, None, True, body, 6)
    rendered, problems = render_case([source], [], MarkdownRenderer())
    assert rendered.narratives == {}
    assert [(d.code, d.path, d.line) for d in problems] == [("AGK309", "case_studies/x/en.md", 6)]


def test_hostile_markup_is_refused_by_the_cli(make_project: MakeProject) -> None:
    project = make_project()
    body = "\n\n".join(PAYLOADS[name] for name in sorted(PAYLOADS))
    hostile_case(project, "tn-hostile", {"en.md": narrative(body)})
    run = agk("validate", "--format", "json", cwd=project.root)
    assert run.code == 1
    codes = {d["code"] for d in __import__("json").loads(run.out)["diagnostics"]}
    assert {"AGK308", "AGK510", "AGK511", "AGK512"} <= codes
    built = agk("build", cwd=project.root)
    assert built.code == 1 and not (project.root / "site").exists()


def test_a_deep_list_stops_the_build_with_a_diagnostic(make_project: MakeProject) -> None:
    project = make_project()
    body = "".join("    " * i + "- level\n" for i in range(300))
    hostile_case(project, "tn-deep", {"en.md": narrative(body)})
    run = agk("build", cwd=project.root)
    assert run.code == 1
    assert "case_studies/tn-deep/en.md:" in run.err and "AGK309" in run.err


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from every payload with the markup rules off: only rendering protects it."""
    from tests.conftest import FIXTURES, new_project

    root = tmp_path_factory.mktemp("hostile") / "repo"
    project = new_project(root, FIXTURES / "valid" / "case_studies")
    body = "\n\n".join(PAYLOADS[name] for name in sorted(PAYLOADS))
    hostile_case(project, "tn-hostile", {"en.md": narrative(body), "ta.md": narrative(body)})
    with pytest.MonkeyPatch.context() as patch:
        checks = tuple(rule for rule in validation.CASE_CHECKS if rule is not markup.check)
        patch.setattr(validation, "CASE_CHECKS", checks)
        code = build.run(Project(root), root / "site", "en", strict=False)
    assert code == 0
    return root / "site"


@pytest.fixture(params=["http", "file"])
def hostile_base(request: pytest.FixtureRequest, hostile_site: Path) -> Iterator[str]:
    with site_root(hostile_site, request.param) as url:
        yield url


@pytest.mark.browser
@pytest.mark.slow
def test_no_payload_runs_in_the_browser(hostile_base: str, watch: PageWatch) -> None:
    page = watch.page
    page.goto(f"{hostile_base}/en/cases/tn-hostile/index.html")
    page.wait_for_load_state("load")
    page.mouse.move(10, 10)
    assert page.evaluate("window.__pwned") is None
    assert watch.dialogs == [] and watch.external_requests() == []
    # The page's own content survives: the questions section, the citation, the TOC.
    assert page.locator("#questions").count() == 1
    assert page.locator(".agk-cite").count() == 1
    toc = page.locator("nav.md-nav--secondary a.md-nav__link").all_inner_texts()
    assert "Questions for discussion" in toc and any("img" in title for title in toc)
    # Search still reads our configuration, not a contributor's element with the same id.
    box = page.locator("input.agk-search__input")
    box.fill("anaemia")
    page.wait_for_selector("a.agk-search__hit", timeout=10_000)
    assert page.evaluate("window.__pwned") is None
    assert all(url.startswith(hostile_base) for url in watch.requests if "engine.js" in url)


def test_block_count_is_limited_where_the_limit_is_crossed() -> None:
    # Python-Markdown's block list costs the square of its length: refuse past MAX_BLOCKS.
    assert nesting_problems("para\n\n" * MAX_BLOCKS) == []
    body = "a\n=\n" * (MAX_BLOCKS + 5)
    problems = nesting_problems(body)
    assert [p.message for p in problems] == [f"more than {MAX_BLOCKS:,} blocks (paragraphs, headings, rules)"]
    assert problems[0].offset == body.index("a\n=\n", 4 * MAX_BLOCKS) + 2
