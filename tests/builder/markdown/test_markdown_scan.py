"""The lexical Markdown scan: headings, links, attributes and HTML outside code."""

from __future__ import annotations

from builder.markdown.scan import mask_code, scan_markdown

BODY = """## पृष्ठभूमि {#context}

Text <b>bold</b> and `<i>code</i>` [x](https://a.org) ![i](media/a.png "t")
[ref]: media/b.pdf
<https://auto.example>

```html
<div onclick="x()">{: onclick=y }</div>
```

Para
{: .note #p1 }

Title
=====

## Closing {#end}
"""


def test_code_is_masked_without_moving_offsets() -> None:
    masked = mask_code(BODY)
    assert len(masked) == len(BODY)
    assert masked.count("\n") == BODY.count("\n")
    assert "<i>" not in masked and "<div" not in masked


def test_headings_keep_indic_text_and_explicit_ids() -> None:
    scan = scan_markdown(BODY, first_line=5)
    assert [(h.level, h.text, h.id, h.line) for h in scan.headings] == [
        (2, "पृष्ठभूमि", "context", 5),
        (1, "Title", None, 18),
        (2, "Closing", "end", 21),
    ]


def test_links_of_every_form_are_found() -> None:
    scan = scan_markdown(BODY)
    assert [(link.url, link.image, link.line) for link in scan.links] == [
        ("https://a.org", False, 3),
        ("media/a.png", True, 3),
        ("media/b.pdf", False, 4),
        ("https://auto.example", False, 5),
    ]


def test_html_outside_code_only() -> None:
    scan = scan_markdown(BODY)
    assert [(f.text, f.line, f.col) for f in scan.html] == [("<b", 3, 6), ("</b", 3, 13)]


def test_attribute_lists_outside_code_only() -> None:
    assert [(f.text, f.line) for f in scan_markdown(BODY).attribute_lists] == [
        ("#context", 1),
        (".note #p1", 12),
        ("#end", 17),
    ]


def test_closing_hashes_are_not_part_of_the_heading() -> None:
    assert [h.text for h in scan_markdown("## Notes ##\n").headings] == ["Notes"]


def test_comparison_signs_are_not_html() -> None:
    assert scan_markdown("a < b and c > d, 3<4\n").html == ()
