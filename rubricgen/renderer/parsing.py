"""A page's HTML parsed in C, for speed alone: WeasyPrint gets the same tree.

WeasyPrint parses a page with tinyhtml5, an HTML parser written in Python:
a twentieth of a level's layouts. Lexbor (through selectolax) parses it in
C, following the same standard, and the tree is then built as tinyhtml5
builds it: `xml.etree` elements without a namespace, attributes in the
order written, text and tails, comments. About thirty times quicker, tree
included; on every page of the shipped ladder, the tree is the one
tinyhtml5 builds, which the tests check.

A page that has what this tree building does not copy goes to tinyhtml5 as
before: foreign content (SVG, MathML: their elements have a namespace),
`<template>` (Lexbor keeps its content apart), and the elements where the
two parsers follow different versions of the standard (`<select>`,
`<frameset>`, `<isindex>`). So does a page given as bytes (its encoding is
tinyhtml5's to find), and one with a lone surrogate (which Lexbor drops).
Two odd cases are not looked for and get Lexbor's tree, whose whitespace
differs from tinyhtml5's: text a table moves out of itself, and an end tag
between `<pre>` and its first newline (`benchmarks/NOTES.md`).

`install` puts it in place, in the process that lays out, before its first
layout: it replaces the name `tinyhtml5` in WeasyPrint's package, which the
tests check is still there.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Comment, Element

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

# Elements whose page goes to tinyhtml5 (see above).
_TINYHTML5_ONLY = frozenset({"svg", "math", "template", "select", "frameset", "isindex"})
_TEXT, _COMMENT = "-text", "-comment"


def tree(html: str) -> Element[Any] | None:
    """The root element tinyhtml5 would build for `html` (parsed without
    namespaces), or None if `html` has an element that goes to tinyhtml5."""
    from selectolax.lexbor import LexborHTMLParser

    try:
        # Lexbor parses bytes as UTF-8; given text, it would encode it again,
        # dropping what UTF-8 cannot hold.
        source = html.encode()
    except UnicodeEncodeError:
        return None  # a lone surrogate
    root = LexborHTMLParser(source).root
    if root is None or root.tag is None:
        return None
    built: Element[Any] = Element(root.tag, _attributes(root))
    # Each element still to fill, with the Lexbor node it comes from: no
    # recursion, however deep the page nests.
    to_fill: list[tuple[Element[Any], LexborNode]] = [(built, root)]
    while to_fill:
        element, node = to_fill.pop()
        last: Element[Any] | None = None
        child = node.child
        while child is not None:
            tag = child.tag
            if tag == _TEXT:
                # Never two in a row: the standard adds to the text before.
                if last is None:
                    element.text = child.text_content
                else:
                    last.tail = child.text_content
            elif tag == _COMMENT:
                # Lexbor strips a comment's own text; its markup keeps it.
                last = Comment((child.html or "")[len("<!--") : -len("-->")])
                element.append(last)
            elif tag is None or tag in _TINYHTML5_ONLY:
                return None
            else:
                last = Element(tag, _attributes(child))
                element.append(last)
                to_fill.append((last, child))
            child = child.next
    return built


def _attributes(node: LexborNode) -> dict[str, str]:
    # An attribute written without a value has the empty string for one.
    return {name: "" if value is None else value for name, value in node.attributes.items()}


class _Parser:
    """tinyhtml5 as WeasyPrint uses it, with a page given as text parsed by
    Lexbor where its tree can be built as tinyhtml5 builds it."""

    def __init__(self, tinyhtml5: Any) -> None:
        self.tinyhtml5 = tinyhtml5

    def parse(self, stream: Any, **options: Any) -> Any:
        if isinstance(stream, io.StringIO) and options == {"namespace_html_elements": False}:
            built = tree(stream.getvalue())
            if built is not None:
                return built
        return self.tinyhtml5.parse(stream, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tinyhtml5, name)


def install() -> None:
    """Put it in place, once per process."""
    import weasyprint

    if not isinstance(weasyprint.tinyhtml5, _Parser):
        weasyprint.tinyhtml5 = _Parser(weasyprint.tinyhtml5)
