"""Every escaping function against one table of hostile strings, and against
anything Hypothesis makes: parsed back by a real parser of that language, the
text is exactly what went in, and nothing else (no tag, rule, link, heading,
list, fence or cursor move) appears."""

import html as html_module
import unicodedata
from html.parser import HTMLParser

import pytest
import tinycss2
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from rubricgen.escaping import (
    control_character,
    css_string,
    describe,
    html,
    markdown,
    terminal,
)

HOSTILE = [
    # Leaving a CSS string: the forged debrief sheet of issue 13, and friends.
    "Ada\r}} main *{display:none} main::before{content:'FORGED'} @page{x:\"",
    "Ada\f} body { display: none }",
    "Ada\n} body { display: none }",
    'Ada" } body { display: none } x { content: "',
    "Ada' } body { display: none }",
    "trailing backslash \\",
    "\\A \\22 \\\\",
    "\u2028line\u2029paragraph\x85next",
    "</style><style>body{display:none}</style>",
    # Leaving HTML text or an attribute.
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "&lt;b&gt; &amp; &#60;b&#62; &#x3C;",
    "<!-- comment --> <![CDATA[x]]>",
    # Markdown that would become markup.
    "~~~",
    "~~~ python",
    "```",
    "# heading",
    "## heading ##",
    "- item",
    "+ item",
    "* item",
    "-",
    "1. item",
    "1) item",
    "123456789. item",
    "===",
    "---",
    "***",
    "___",
    "> quote",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![image](x.png)",
    "[ref]: javascript:alert(1)",
    "| a | b |",
    "a | b \\| c",
    "a_b_c *em* **strong** `code` ~~struck~~ $x^2$",
    "<b>bold</b> <div>block</div>",
    "    indented code",
    "\tindented by a tab",
    "two\n\nparagraphs",
    "hard  \nbreak",
    # The terminal: an OSC title, a screen clear, a bell, bidi overrides.
    "\x1b]0;owned\x07",
    "\x1b[2J\x1b[H",
    "\x00null\x7fdelete\x9bcsi",
    "\u202eevil\u202c \u2066isolate\u2069",
    # Text that must survive unchanged in meaning.
    "Ada Lovelace",
    "李小龍 · 山田太郎",
    "مرحبا\u200f שלום\u200e",
    "e\u0301 👩\u200d🍳 ½ ² Ω",
    "  spaced   out  ",
    "",
]


def without_nul(text: str) -> str:
    # Both CSS and CommonMark read NUL as U+FFFD, as they must.
    return text.replace("\0", "\ufffd")


# Characters that mean something somewhere, mixed with any others.
hostile_text = st.text(
    st.one_of(
        st.sampled_from(list("\\`*_[]<>|#&~$-+=.)(!:\"'{};@/\r\n\f\t\x1b\x07\u202e 0123456789")),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=40,
)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text += data


def check_html(text: str) -> None:
    parser = _Collect()
    parser.feed(f'<p title="{html(text)}">{html(text)}</p>')
    parser.close()
    assert parser.tags == ["p"]
    assert parser.attrs == [("title", text)]
    assert parser.text == text


def check_css(text: str) -> None:
    declaration = tinycss2.parse_one_declaration(f"content: {css_string(text)}")
    tokens = [t for t in declaration.value if t.type != "whitespace"]
    assert [t.type for t in tokens] == ["string"]
    assert tokens[0].value == without_nul(text)
    # Nothing in it could end the string or the rule, whatever the parser.
    assert not set(css_string(text)[1:-1]) & set("\"'\r\n\f\0{};<>")


def render_markdown(source: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(source)


def check_markdown(text: str) -> None:
    escaped = markdown(text)
    expected = without_nul(" ".join(text.split()))
    if not expected:
        assert escaped == ""
        return
    contexts = {
        f"{escaped}\n": ("<p>", "</p>\n"),
        f"- {escaped}\n": ("<ul>\n<li>", "</li>\n</ul>\n"),
        f"## {escaped}\n": ("<h2>", "</h2>\n"),
        f"paragraph\n{escaped}\n": ("<p>paragraph\n", "</p>\n"),
        f"**{escaped}**\n": None,
    }
    for source, wrapper in contexts.items():
        rendered = render_markdown(source)
        if wrapper is None:
            inner = rendered.removeprefix("<p><strong>").removesuffix("</strong></p>\n")
            if inner == rendered:
                # Bold cannot wrap text that starts or ends with punctuation
                # beside a space; then the stars stay literal, around the text.
                inner = rendered.removeprefix("<p>**").removesuffix("**</p>\n")
        else:
            opening, closing = wrapper
            assert rendered.startswith(opening) and rendered.endswith(closing), (source, rendered)
            inner = rendered[len(opening) : -len(closing)]
        assert "<" not in inner, (source, rendered)
        assert html_module.unescape(inner) == expected, (source, rendered)
    table = render_markdown(f"| a | b |\n|---|---|\n| {escaped} | z |\n")
    cell = table.split("<td>")[1].split("</td>")[0]
    assert html_module.unescape(cell) == expected, table
    assert table.count("<td>") == 2


def check_terminal(text: str) -> None:
    shown = terminal(text)
    acted_on = {"Cc", "Zl", "Zp"}
    bidi = {*"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"}
    assert all(
        c in "\n\t" or (unicodedata.category(c) not in acted_on and c not in bidi) for c in shown
    ), shown
    if text.isprintable():
        assert shown == text


CHECKS = [check_html, check_css, check_markdown, check_terminal]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_text(check, text):
    check(text)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@given(text=hostile_text)
def test_any_text_stays_text(check, text):
    check(text)


def test_css_string_keeps_plain_text_readable():
    assert css_string("Ada Lovelace, 2026-12-01") == '"Ada Lovelace, 2026-12-01"'
    assert css_string("李小龍") == '"李小龍"'
    assert css_string('a "b"\r\nc') == '"a \\22 b\\22 \\D \\A c"'


def test_markdown_escapes_only_what_markdown_reads():
    assert markdown("1. Plan 2. Ship") == "1\\. Plan 2. Ship"
    assert markdown("- a - b") == "\\- a - b"
    assert markdown("~~~") == "\\~\\~\\~"
    assert markdown("Tom & Jerry") == "Tom \\& Jerry"


def test_terminal_shows_control_characters_instead_of_acting_on_them():
    assert terminal("\x1b]0;owned\x07 ok\n\tnext") == "\\x1b]0;owned\\x07 ok\n\tnext"
    assert terminal("\u202eevil") == "\\u202eevil"


@pytest.mark.parametrize(
    "character", ["\0", "\x07", "\x1b", "\r", "\x0c", "\x7f", "\x85", "\x9f", "\u202e", "\u2066"]
)
def test_control_characters_are_found(character):
    match = control_character(f"Ada{character}Lovelace")
    assert match is not None and match.start() == 3


@pytest.mark.parametrize(
    "text", ["Ada\tLovelace\n", "مرحبا\u200f", "שלום\u200e", "李小龍", "e\u0301"]
)
def test_tab_newline_and_direction_marks_are_allowed(text):
    assert control_character(text) is None


def test_characters_are_described_by_name():
    assert describe("\x1b") == "U+001B (escape)"
    assert describe("\u202e") == "U+202E (right-to-left override)"
