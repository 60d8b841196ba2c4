"""Markdown: blocks, exact spans, and what is not translatable."""

from __future__ import annotations

from l10n.model import SourceFormat
from l10n.segmentation import BlockKind, segment

ARTICLE = """---
title: Kursk honours
tags: [a, b]
---

## Kursk *honours* ##

Kim awarded [state honours](https://example.com) to troops. He praised
their `courage` in Kursk.

> The troops fought well. They
> showed endurance.
> > A nested quote.

- First item. Second sentence.
- Second item
  continues here.

1. Numbered item

```python
code = "Not translated."
```

    indented code. Not translated.

<div>HTML block. Not translated.</div>

[ref]: https://example.com "Not translated"

| Name | Role \\| title |
|------|------|
| Gerasimov | Chief of staff. Since 2012. |
| Putin | |

Setext heading
==============
"""

EXPECTED = [
    (0, "heading", "Kursk *honours*"),
    (1, "paragraph", "Kim awarded [state honours](https://example.com) to troops."),
    (1, "paragraph", "He praised\ntheir `courage` in Kursk."),
    (2, "quote", "The troops fought well."),
    (2, "quote", "They"),
    (2, "quote", "showed endurance."),
    (3, "quote", "A nested quote."),
    (4, "list-item", "First item."),
    (4, "list-item", "Second sentence."),
    (5, "list-item", "Second item\n  continues here."),
    (6, "list-item", "Numbered item"),
    (7, "table-cell", "Name"),
    (8, "table-cell", "Role \\| title"),
    (9, "table-cell", "Gerasimov"),
    (10, "table-cell", "Chief of staff."),
    (10, "table-cell", "Since 2012."),
    (11, "table-cell", "Putin"),
    (12, "heading", "Setext heading"),
]


def test_markdown_article_units() -> None:
    units = segment(ARTICLE, SourceFormat.MARKDOWN, "en")
    assert [(u.block, u.kind.value, u.text) for u in units] == EXPECTED
    for u in units:
        assert ARTICLE[u.start : u.end] == u.text
    assert not any("Not translated" in u.text for u in units)
    assert not any("title:" in u.text for u in units)


def test_markdown_crlf_and_offsets() -> None:
    text = "# Title\r\n\r\n> One. Two\r\n> three.\r\n"
    units = segment(text, SourceFormat.MARKDOWN, "en")
    assert [u.text for u in units] == ["Title", "One.", "Two", "three."]
    assert [text[u.start : u.end] for u in units] == [u.text for u in units]
    assert all(u.kind is BlockKind.QUOTE for u in units[1:])


def test_markdown_list_marker_and_heading_marks_are_outside() -> None:
    text = "* Mr. Smith left.\n\n### Talks resume\n\n10) Tenth point. Done."
    units = segment(text, SourceFormat.MARKDOWN, "en")
    assert [(u.kind.value, u.text) for u in units] == [
        ("list-item", "Mr. Smith left."),
        ("heading", "Talks resume"),
        ("list-item", "Tenth point."),
        ("list-item", "Done."),
    ]


def test_markdown_front_matter_needs_closing_line() -> None:
    # Without a closing line, "---" is a thematic break and the text is translatable.
    text = "---\nNot front matter.\n"
    assert [u.text for u in segment(text, SourceFormat.MARKDOWN, "en")] == ["Not front matter."]


def test_markdown_inline_html_and_escapes_stay_as_written() -> None:
    text = "He said <b>no</b> \\*twice\\*. &amp; then left."
    units = segment(text, SourceFormat.MARKDOWN, "en")
    assert [u.text for u in units] == ["He said <b>no</b> \\*twice\\*.", "&amp; then left."]


def test_markdown_table_without_outer_pipes() -> None:
    text = "a | b\n--|--\nOne. Two. | three\n"
    units = segment(text, SourceFormat.MARKDOWN, "en")
    assert [(u.block, u.text) for u in units] == [
        (0, "a"),
        (1, "b"),
        (2, "One."),
        (2, "Two."),
        (3, "three"),
    ]
