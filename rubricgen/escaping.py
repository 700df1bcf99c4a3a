"""Text from a ladder or the command line, made safe for each place it is printed.

One function per output language: `html` (what Jinja's autoescaping does),
`css_string`, `markdown` and `terminal`. Each turns any text into text that
stays text there: it cannot end the string, open a tag, a link or a code
fence, or move the cursor. `control_character` finds the characters no level
text or name may hold at all, before any of these is needed.

This module imports nothing of the pipeline, so every layer may use it.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import escape

# Characters that have no business in a name or in level text: C0 controls
# but tab and line feed, DEL and the C1 controls, and the bidi embeddings,
# overrides and isolates, which can make a line read differently from what it
# holds. The marks U+200E and U+200F stay allowed: Arabic and Hebrew need them.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_character(text: str) -> re.Match[str] | None:
    """The first character of `text` that no level text or name may hold."""
    return CONTROL.search(text)


def describe(character: str) -> str:
    """`U+001B (escape)`: a character named for a person to find and remove."""
    name = unicodedata.name(character, "") or _CONTROL_NAMES.get(ord(character), "a control")
    return f"U+{ord(character):04X} ({name.lower()})"


_CONTROL_NAMES = {
    0x00: "null",
    0x07: "bell",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x0D: "carriage return",
    0x1B: "escape",
    0x7F: "delete",
    0x85: "next line",
}


def unprintable(name: str) -> str | None:
    """Why `name` (typed on the command line) cannot go on a document, if it
    cannot: it holds a control character, or bytes that are not UTF-8."""
    if any("\ud800" <= c <= "\udfff" for c in name):
        # How Python keeps command-line bytes that are not UTF-8.
        return "The name is not UTF-8 text; type it again, or use a UTF-8 locale."
    control = control_character(name)
    if control:
        return (
            f"The name holds the control character {describe(control.group())}, which "
            "could hide or change what the documents print; type the name without it."
        )
    return None


def html(text: str) -> str:
    """`text` as HTML text or a quoted attribute value: the escaping Jinja's
    autoescape applies to every value the HTML templates print."""
    return str(escape(text))


# Inside a quoted CSS string only letters, digits, spaces and a few plain
# punctuation marks are written as they are; every other character is written
# as a hexadecimal escape, so nothing (a quote, a backslash, any line break,
# a control character) can end the string or the rule around it.
_CSS_PLAIN = re.compile(r"[A-Za-z0-9 .,:!?()\-_+=#%]")


def _css_character(character: str) -> str:
    if _CSS_PLAIN.fullmatch(character) or (
        ord(character) > 0x9F
        and unicodedata.category(character)[0] in "LN"
        and not CONTROL.match(character)
    ):
        return character
    # The space after the digits ends the escape; CSS swallows it.
    return f"\\{ord(character):X} "


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string that prints exactly `text`."""
    return '"' + "".join(_css_character(c) for c in text) + '"'


# Markdown reads these as markup anywhere in a line: emphasis, code, links,
# raw HTML and entities, table cells, strike-through, headings, maths.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|#&~$])")
# And these only at the start of a line, where a value may stand in a
# template: list items, setext underlines, and the number of an ordered list
# item (`1. ` or `1) `, but not a version such as `1.0`).
_MARKDOWN_LINE_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)](?:\s|$)))")


def markdown(text: str) -> str:
    """`text` as Markdown that prints exactly `text`, on one line: no markup,
    raw HTML, link, heading, list or code fence can start inside it."""
    one_line = " ".join(text.split())
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", one_line)
    return _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(1)
    if marker.isdigit():
        # `1\.` keeps the number and stops the list; the dot or parenthesis
        # follows the digits.
        return marker + "\\"
    return "\\" + marker


# What the terminal would act on instead of printing: the characters above,
# plus carriage return and the line and paragraph separators.
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal(text: str) -> str:
    """`text` for a terminal: each control character shown as `\\x1b` or
    `\\u202e` instead of acted on; line feeds and tabs kept."""
    return _TERMINAL.sub(lambda m: repr(m.group())[1:-1], text)
