"""Level text as blocks: paragraphs and bulleted lists.

A ladder's text is a string or a list of strings. A list is a bulleted list. In a
string, each line is a paragraph (YAML's folded `>-` style joins wrapped lines
and keeps a blank line as a line break), lines starting with `- ` or `• ` are
bullet items, and an indented line after an item continues it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

Prose = str | list[str]

_BULLET = re.compile(r"^\s*[-•]\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph (`items` holds its one text) or a bulleted list."""

    bullets: bool
    items: tuple[str, ...]


def blocks(value: Prose) -> list[Block]:
    """The paragraphs and lists of `value`, white space folded."""
    if isinstance(value, list):
        return [Block(True, tuple(" ".join(item.split()) for item in value))] if value else []
    result: list[Block] = []
    bullets: list[str] = []
    for line in value.strip().splitlines():
        if _BULLET.match(line):
            bullets.append(_BULLET.sub("", line))
            continue
        if bullets and line[:1].isspace() and line.strip():
            bullets[-1] += " " + line.strip()  # an item wrapped onto the next line
            continue
        if bullets:
            result.append(Block(True, tuple(" ".join(b.split()) for b in bullets)))
            bullets = []
        if line.strip():
            result.append(Block(False, (" ".join(line.split()),)))
    if bullets:
        result.append(Block(True, tuple(" ".join(b.split()) for b in bullets)))
    return result


def prose_html(value: Prose) -> Markup:
    """Paragraphs and lists as HTML, every piece of text escaped."""
    parts = []
    for block in blocks(value):
        if block.bullets:
            items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{escape(block.items[0])}</p>")
    return Markup("\n".join(parts))


def prose_markdown(value: Prose, escape_text: Callable[[str], str]) -> str:
    """Paragraphs and lists as Markdown blocks, each text escaped by `escape_text`."""
    parts = []
    for block in blocks(value):
        if block.bullets:
            parts.append("\n".join(f"- {escape_text(item)}" for item in block.items))
        else:
            parts.append(escape_text(block.items[0]))
    return "\n\n".join(parts)


def prose_inline(value: Prose) -> str:
    """The text on one line, for a table cell: items and paragraphs joined."""
    return " · ".join(item for block in blocks(value) for item in block.items)
