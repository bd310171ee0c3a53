"""The untrusted-YAML reader: no implicit types, no anchors or tags, never an exception."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.source.yaml_source import MAX_DEPTH, Position, read_yaml, resolve_plain


def codes(text: str) -> list[str]:
    return [d.code for d in read_yaml(text, "x.yaml")[1]]


def test_values_never_change_type_silently() -> None:
    document, problems = read_yaml("a: NO\nb: 0123\nc: 10:30\nd: 2024-02-30\ne: yes\nf: 012.5\n", "x.yaml")
    assert problems == []
    assert document is not None
    assert document.value == {
        "a": "NO", "b": "0123", "c": "10:30", "d": "2024-02-30", "e": "yes", "f": "012.5",
    }  # fmt: skip


def test_plain_scalars_resolve_like_yaml_core() -> None:
    assert [resolve_plain(t) for t in ("12", "-3", "1.5", "1e3", "true", "False", "~", "")] == [
        12, -3, 1.5, 1000.0, True, False, None, None,
    ]  # fmt: skip


def test_quoted_scalars_stay_text() -> None:
    document, _ = read_yaml("a: '12'\nb: \"true\"\n", "x.yaml")
    assert document is not None
    assert document.value == {"a": "12", "b": "true"}


def test_positions_of_keys_and_values() -> None:
    document, _ = read_yaml("a:\n  b: [1, {c: d}]\n", "x.yaml")
    assert document is not None
    assert document.value_at(("a", "b", 1, "c")) == Position(2, 14)
    assert document.key_at(("a", "b")) == Position(2, 3)
    assert document.value_at(("a", "missing")) == Position(2, 3)


def test_line_offset_shifts_positions() -> None:
    _, problems = read_yaml("a: 1\na: 2\n", "x.md", line_offset=1)
    assert [(d.code, d.line) for d in problems] == [("AGK103", 3)]


def test_duplicate_key_keeps_the_first_value() -> None:
    document, problems = read_yaml("year: 2019\nyear: 2020\n", "x.yaml")
    assert document is not None
    assert document.value == {"year": 2019}
    assert [(d.code, d.line, d.col) for d in problems] == [("AGK103", 2, 1)]


def test_anchors_aliases_and_tags_are_refused() -> None:
    assert codes("a: &x [1]\nb: *x\n") == ["AGK501", "AGK501"]
    assert codes("a: !!python/object/apply:os.system [ls]\n") == ["AGK502"]
    assert codes("a: !!binary aGVsbG8=\n") == ["AGK502"]


def test_billion_laughs_is_refused_without_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}]" for i in range(8)]
    document, problems = read_yaml("\n".join(lines) + "\n", "x.yaml")
    assert {d.code for d in problems} == {"AGK501"}
    assert document is not None
    assert len(repr(document.value)) < 1000


def test_deep_brackets_are_refused_before_parsing() -> None:
    document, problems = read_yaml("a: " + "[" * 60_000 + "]" * 60_000, "x.yaml")
    assert document is None
    assert [(d.code, d.line, d.col) for d in problems] == [("AGK503", 1, 4 + MAX_DEPTH)]


def test_brackets_inside_quotes_and_comments_do_not_count() -> None:
    text = "a: '" + "[" * 50 + "'\nb: \"" + "{" * 50 + '"  # ' + "[" * 50 + "\n"
    assert codes(text) == []


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "v\n"
    assert "AGK503" in codes(text)


def test_syntax_errors_and_control_characters_are_diagnostics() -> None:
    assert codes("a: [1\n") == ["AGK101"]
    assert codes("a: \x00\n") == ["AGK101"]
    assert codes("---\na: 1\n---\nb: 2\n") == ["AGK102"]


def test_complex_keys_are_refused() -> None:
    assert codes("? [a]\n: 1\n") == ["AGK106"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(text: str) -> None:
    document, problems = read_yaml(text, "x.yaml")
    assert document is not None or problems


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(_values)
def test_random_yaml_documents_never_raise(value: object) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    document, problems = read_yaml(text, "x.yaml")
    assert document is not None or problems
