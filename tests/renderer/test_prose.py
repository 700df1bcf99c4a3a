"""Level text as paragraphs and lists, in HTML and Markdown."""

from rubricgen.renderer.prose import Block, blocks, prose_html, prose_inline, prose_markdown
from rubricgen.renderer.templates import markdown


def test_a_list_is_a_bulleted_list():
    assert blocks(["Ships weekly.", "Writes  specs."]) == [
        Block(True, ("Ships weekly.", "Writes specs."))
    ]


def test_lines_are_paragraphs_and_dashes_make_bullets():
    text = "Owns a feature  area.\n\nIn practice:\n- ships weekly\n- writes specs\n  that last\n"
    assert blocks(text) == [
        Block(False, ("Owns a feature area.",)),
        Block(False, ("In practice:",)),
        Block(True, ("ships weekly", "writes specs that last")),
    ]
    assert blocks("• one\n• two") == [Block(True, ("one", "two"))]


def test_html_escapes_every_piece_of_text():
    html = prose_html(["<script>x</script>", "a & b"])
    assert html == "<ul><li>&lt;script&gt;x&lt;/script&gt;</li><li>a &amp; b</li></ul>"
    assert prose_html("One.\n\nTwo <b>.") == "<p>One.</p>\n<p>Two &lt;b&gt;.</p>"


def test_markdown_blocks_and_inline():
    assert prose_markdown("Intro\n\n- a*b\n- c", markdown) == "Intro\n\n- a\\*b\n- c"
    assert prose_inline(["a", "b"]) == "a · b"
    assert prose_inline("One.\n\nTwo.") == "One. · Two."
