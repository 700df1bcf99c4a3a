"""The changes to how WeasyPrint lays out are quicker and change nothing:
computed styles are kept from one document to the next, a text's
preferred widths are measured once in a style, the cascade
computes a marker's, a footnote's and a note's pseudo-element styles only
for the elements that can show them, a page whose margins show nothing gets
no margin boxes, and a line's text is drawn with the Pango layout it was
laid out with. Every page comes out as WeasyPrint alone makes it."""

import inspect
import io

import pdfplumber
import pytest

from rubricgen.renderer import laying_out, native

SHOWN = """<html lang="en"><title>t</title>
<style>
  li::marker { color: #a33; }
  .steps li { list-style: decimal-leading-zero; }
  p.lead::before { display: list-item; content: "Start"; list-style: square inside; }
  h2::after { content: " (cont.)"; }
  .fn { float: footnote; }
  .fn::footnote-call { color: #33a; }
  span.aside { position: note(sidenotes); }
</style>
<body>
<h2>Signals</h2>
<p class="lead">A question and its probes.<span class="fn">Asked of every candidate.</span></p>
<ul><li>Frames the problem</li><li>Names a metric<ul><li>and a baseline</li></ul></li></ul>
<ol class="steps"><li>Listen</li><li>Probe</li></ol>
<p>Plain text, <b>bold</b>, <i>italic</i>.<span class="aside">A note.</span></p>
</body></html>"""


@pytest.fixture
def weasyprint():
    weasyprint = native.import_weasyprint()
    laying_out.install()
    return weasyprint


def written(weasyprint, html: str) -> bytes:
    return weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def test_pages_are_the_same_as_with_every_pseudo_element_styled(weasyprint, monkeypatch):
    from weasyprint.css import StyleFor

    changed = written(weasyprint, SHOWN)
    monkeypatch.setattr(StyleFor, "set_computed_styles", StyleFor.set_computed_styles.__wrapped__)
    assert written(weasyprint, SHOWN) == changed


def test_only_elements_that_can_show_them_get_their_styles(weasyprint):
    from weasyprint.css import get_all_computed_styles

    page = weasyprint.HTML(string=SHOWN)
    styles = get_all_computed_styles(page)
    shown: dict[str, set[str]] = {}
    for element, pseudo in styles.get_computed_styles():
        if pseudo in laying_out.SHOWN_BY:
            name = element.get("class") or element.tag
            shown.setdefault(pseudo, set()).add(name)
    # Every list item, the paragraph whose ::before is shown as one, and the
    # heading, whose ::after might be: those two are styled later.
    assert shown["marker"] == {"li", "lead", "h2"}
    assert shown["footnote-call"] == shown["footnote-marker"] == {"fn"}
    assert shown["note-call"] == shown["note-marker"] == shown["note-callback"] == {"aside"}
    assert styles(page.etree_element.find(".//h2"), "after") is not None


NUMBERED = (
    """<html lang="en"><title>t</title>
<style>
  @page { size: A6; @bottom-right { content: "Page " counter(page) " of " counter(pages); } }
  @page :first { @top-left-corner { content: "Draft"; } }
</style>
<body><h1>Debrief</h1>"""
    + "<p>What each interviewer saw, and the evidence for it.</p>" * 40
)


def made_margin_boxes(weasyprint, monkeypatch, html: str) -> tuple[int, int, bytes]:
    """How many margin boxes WeasyPrint made, how many pages it laid out, and
    the PDF."""
    from weasyprint.formatting_structure import boxes

    made = []
    make = boxes.MarginBox.__init__

    def counted(self, *args, **kwargs):
        made.append(args[0])
        make(self, *args, **kwargs)

    monkeypatch.setattr(boxes.MarginBox, "__init__", counted)
    document = weasyprint.HTML(string=html).render()
    return len(made), len(document.pages), document.write_pdf(pdf_variant="pdf/ua-1")


def test_margin_boxes_are_made_only_for_a_page_whose_margins_show_something(
    weasyprint, monkeypatch
):
    from weasyprint import layout

    plain_boxes, plain_pages, plain = made_margin_boxes(weasyprint, monkeypatch, SHOWN)
    numbered_boxes, numbered_pages, numbered = made_margin_boxes(weasyprint, monkeypatch, NUMBERED)
    assert plain_boxes == 0
    assert numbered_pages > 1
    assert numbered_boxes == 16 * numbered_pages

    monkeypatch.setattr(layout, "make_margin_boxes", layout.make_margin_boxes.__wrapped__)
    # WeasyPrint alone makes all sixteen a page, and the same pages.
    every = made_margin_boxes(weasyprint, monkeypatch, SHOWN)
    assert every == (16 * plain_pages, plain_pages, plain)
    assert made_margin_boxes(weasyprint, monkeypatch, NUMBERED)[1:] == (numbered_pages, numbered)
    # What the margins show is drawn.
    with pdfplumber.open(io.BytesIO(numbered)) as pdf:
        first, last = pdf.pages[0].extract_text(), pdf.pages[-1].extract_text()
    assert "Draft" in first and f"Page 1 of {numbered_pages}" in first
    assert "Draft" not in last and f"Page {numbered_pages} of {numbered_pages}" in last


TEXT = """<html lang="en"><title>t</title>
<style>
  body { font: 10pt "DejaVu Sans"; width: 9cm; }
  .justified { text-align: justify; }
  .spaced { letter-spacing: 0.1em; word-spacing: 0.3em; }
  .long { overflow-wrap: anywhere; }
  .hyphens { hyphens: auto; }
  .cut { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .tabs { white-space: pre; tab-size: 6; }
  p.lead::first-line { font-variant: small-caps; color: #a33; }
</style><body>
<p class="justified">Frames the problem before naming a solution, names the
metric that would show the change worked and the baseline it starts from.</p>
<p class="spaced">Weighs a trade-off and says who loses by it, and why.</p>
<p class="long">A word too long for its line: Productmanagementcompetencyframeworkassessment.</p>
<p class="hyphens">Interdisciplinary responsibilities, characteristically misunderstood.</p>
<p class="cut">A line cut short with an ellipsis where it runs past its box on the right.</p>
<p class="tabs">Rating	Label	Meaning</p>
<pre>Two lines kept as written,
each one its own.</pre>
<p class="lead">The first line set in small capitals, the rest of the paragraph as written
after it, over two lines or three.</p>
<p dir="rtl" lang="ar">خطة واضحة للإطلاق، ومقياس يبين أثر التغيير، وخط أساس يبدأ منه.</p>
<p><b>Bold</b>, <i>italic</i> and <span style="font-size: 14pt">larger</span> text on one line.</p>
</body></html>"""


@pytest.fixture
def set_up(weasyprint, monkeypatch):
    """The styles Pango layouts are set up in, as WeasyPrint sets them up."""
    from weasyprint.text.line_break import Layout

    styles = []
    setup = Layout.setup

    def counted(self, style):
        styles.append(style)
        setup(self, style)

    monkeypatch.setattr(Layout, "setup", counted)
    return styles


def test_text_is_drawn_with_the_layout_it_was_laid_out_with(weasyprint, set_up, monkeypatch):
    from weasyprint.draw import text
    from weasyprint.text.line_break import Layout

    one_paragraph = []
    set_mode = text.pango.set_mode
    monkeypatch.setattr(
        text.pango, "set_mode", lambda *args: one_paragraph.append(args) or set_mode(*args)
    )
    kept = weasyprint.HTML(string=TEXT).render()
    laid_out = len(set_up)
    kept_pdf = kept.write_pdf(pdf_variant="pdf/ua-1")
    drawn_kept, paragraphs_kept = len(set_up) - laid_out, len(one_paragraph)

    monkeypatch.setattr(Layout, "deactivate", Layout.deactivate.__wrapped__)
    monkeypatch.setattr(Layout, "reactivate", Layout.reactivate.__wrapped__)
    del set_up[:], one_paragraph[:]
    alone = weasyprint.HTML(string=TEXT).render()
    laid_out = len(set_up)
    alone_pdf = alone.write_pdf(pdf_variant="pdf/ua-1")
    drawn_alone, paragraphs_alone = len(set_up) - laid_out, len(one_paragraph)

    # WeasyPrint set up a layout again for each line it drew, and set it to
    # one paragraph, which lays it out again; now only the justified lines
    # (spaced out for drawing) are set up, and only they and the lines of
    # the <pre>, which end in a new line, are set to one paragraph.
    assert drawn_alone > 20 and drawn_kept <= 3
    assert paragraphs_alone > 20 and 2 <= paragraphs_kept <= 5
    assert kept_pdf == alone_pdf


def test_a_line_given_another_style_is_laid_out_again(weasyprint, set_up):
    from weasyprint.text.line_break import split_first_line

    document = weasyprint.HTML(string=TEXT).render()
    box = next(
        box
        for page in document.pages
        for box in page._page_box.descendants()
        if getattr(box, "pango_layout", None) is not None
    )
    del set_up[:]
    line = split_first_line("Frames the problem", box.style, None, 200, 0)[0]
    line.reactivate(box.style)
    assert set_up == [box.style]  # laid out once, then kept
    line.deactivate()
    other = box.style.copy()
    line.reactivate(other)
    assert set_up == [box.style, other]


def test_only_a_kept_line_with_no_paragraph_end_skips_one_paragraph_mode(weasyprint, monkeypatch):
    from weasyprint.draw import text
    from weasyprint.text.line_break import create_layout

    style = weasyprint.HTML(string=TEXT).render().pages[0]._page_box.style
    set_to_one = []
    monkeypatch.setattr(text.pango, "set_mode", lambda *args: set_to_one.append(args[1]))
    for line, skipped in (("One line of text", True), ("A line\nand the next", False)):
        layout = create_layout(line, style, None, None, 0)
        layout.deactivate()
        layout.reactivate(style)
        text.pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        assert set_to_one == ([] if skipped else [True])
        del set_to_one[:]
    # A layout not kept is set as WeasyPrint asks.
    text.pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
    assert set_to_one == [True]


def test_they_are_put_in_place_once(weasyprint):
    from weasyprint import layout
    from weasyprint.css import StyleFor
    from weasyprint.draw import text
    from weasyprint.layout import preferred
    from weasyprint.text.line_break import Layout

    assert StyleFor.__init__ is laying_out._cascade
    replaced = laying_out._cascade.replaces
    # What WeasyPrint calls it with (pinned below 71) is what it takes.
    assert list(inspect.signature(replaced).parameters) == list(
        inspect.signature(laying_out._cascade).parameters
    )
    styles, margins = StyleFor.set_computed_styles, layout.make_margin_boxes
    lines, pango = (Layout.deactivate, Layout.reactivate), text.pango
    widths = preferred.split_first_line
    laying_out.install()
    assert StyleFor.set_computed_styles is styles
    assert preferred.split_first_line is widths
    assert StyleFor.__init__ is laying_out._cascade and laying_out._cascade.replaces is replaced
    assert layout.make_margin_boxes is margins
    assert (Layout.deactivate, Layout.reactivate) == lines
    assert text.pango is pango and not isinstance(pango.pango, type(pango))
    for changed in (styles, margins, widths, *lines):
        assert not hasattr(changed.__wrapped__, "__wrapped__")


# Computed styles kept from one document to the next.

KEPT_SHEET = """
@page { size: A6; margin: 12mm; }
@page wide { size: A5 landscape; }
body { font: 9pt "DejaVu Sans"; }
h2 { color: #236; }
h2::before { content: "§ "; }
li::marker { color: #a33; }
.steps li { list-style: decimal-leading-zero; }
a.see::after { content: " (page " target-counter(attr(href), page) ")"; }
.wide { page: wide; }
.half { width: 50vw; border: 1px solid #000; }
td { padding: 2pt; border: 1px solid #999; }
"""

FIRST = """<html lang="en"><title>First</title><body>
<h2 id="ask">Questions to ask</h2>
<ul><li>Frames the problem</li><li>Names a metric</li></ul>
<ol class="steps"><li>Listen</li><li>Probe</li></ol>
<p style="color: #a00">Said in red.</p>
<p lang="fr">Une phrase en français.</p>
<table><tr><td>Strong</td><td>Mixed</td></tr></table>
</body></html>"""

SECOND = """<html lang="en"><title>Second</title><body>
<p><a class="see" href="#ask">The questions</a></p>
<h2>Signals</h2>
<ul><li>Weighs a trade-off</li></ul>
<ol class="steps"><li>Decide</li></ol>
<p style="color: #00a">Said in blue.</p>
<p style="color: #a00">Said in red, again.</p>
<p lang="de">Ein Satz auf Deutsch.</p>
<table><tr><td>Strong</td><td>Weak</td><td>None</td></tr></table>
<div style="break-before: page"></div>
<h2 id="ask">Questions to ask</h2>
</body></html>"""


@pytest.fixture
def kept_sheet(weasyprint):
    """One stylesheet and font configuration for the documents of a test, as
    a process that lays out a level's parts has; the styles kept cleared
    before and after."""
    from weasyprint.text.fonts import FontConfiguration

    laying_out._STORES.clear()
    laying_out._WIDTHS.clear()
    fonts = FontConfiguration()
    yield weasyprint.CSS(string=KEPT_SHEET, font_config=fonts), fonts
    laying_out._STORES.clear()
    laying_out._WIDTHS.clear()


def laid_out(weasyprint, kept_sheet, html: str) -> tuple[bytes, int]:
    """The PDF of `html` with the kept sheet, and how many styles it took
    from the store rather than computed."""
    sheet, fonts = kept_sheet

    def served() -> int:
        return sum(store.served for store in laying_out._STORES.values() if store)

    before = served()
    pdf = weasyprint.HTML(string=html).write_pdf(
        stylesheets=[sheet], font_config=fonts, pdf_variant="pdf/ua-1"
    )
    return pdf, served() - before


def test_a_document_laid_out_after_another_is_as_laid_out_alone(weasyprint, kept_sheet):
    laid_out(weasyprint, kept_sheet, FIRST)
    after, served_after = laid_out(weasyprint, kept_sheet, SECOND)
    laying_out._STORES.clear()
    alone, served_alone = laid_out(weasyprint, kept_sheet, SECOND)
    # Styles came from the first document (its list items, cells, heading):
    # more than the second one shares within itself.
    assert served_after > served_alone + 5
    assert after == alone
    with pdfplumber.open(io.BytesIO(after)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
        blue = {
            tuple(round(part, 3) for part in c["non_stroking_color"])
            for c in pdf.pages[0].chars
            if c["text"] == "b"
        }
    # The heading's ::before and the list's markers from the kept styles,
    # the target's page number from the anchor collected for this document,
    # the colour each paragraph's own style attribute says.
    assert "§ Signals" in text and "01" in text
    assert "The questions (page 2)" in text
    assert "§ Questions to ask" in text
    assert blue == {(0.0, 0.0, 0.667)}


def test_the_same_element_with_other_attributes_gets_its_own_style(weasyprint, kept_sheet):
    from weasyprint.css import get_all_computed_styles

    laid_out(weasyprint, kept_sheet, FIRST)
    page = weasyprint.HTML(string=SECOND)
    sheet, fonts = kept_sheet
    styles = get_all_computed_styles(page, user_stylesheets=[sheet], font_config=fonts)
    red, blue = (page.etree_element.find(f".//p[@style='color: #{c}']") for c in ("a00", "00a"))
    again = page.etree_element.find(".//p[@style='color: #a00']")
    assert styles(blue)["color"] != styles(red)["color"]
    assert styles(again) is styles(red)
    lang = page.etree_element.find(".//p[@lang='de']")
    assert styles(lang)["lang"] == "de"


HALF = '<html lang="en"><title>t</title><body>{}<div class="half">Half the page</div></body></html>'


def half_width(pdf: bytes) -> tuple[float, float]:
    """The width of the box given half the page's width, in points, and
    half the width inside the margins of its page."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[-1]
        box = max(page.rects, key=lambda rect: rect["width"])
        return box["width"], (page.width - 2 * 12 * 72 / 25.4) / 2


def test_styles_that_use_the_size_of_the_page_are_not_kept(weasyprint, kept_sheet):
    """The first document starts on a wide page, the second on a narrow one:
    `50vw` is half of each one's first page (inside its margins)."""
    wide_first = HALF.format('<p class="wide">On a wide page</p>')
    narrow = HALF.format("")
    first, _ = laid_out(weasyprint, kept_sheet, wide_first)
    after, _ = laid_out(weasyprint, kept_sheet, narrow)
    assert list(laying_out._STORES.values()) == [None]  # given up
    laying_out._STORES.clear()
    alone, _ = laid_out(weasyprint, kept_sheet, narrow)
    assert after == alone
    width, half = half_width(alone)
    assert width == pytest.approx(half, abs=2)  # with its borders
    assert half_width(first)[0] > 1.5 * width


AUTO = """<html lang="en"><title>t</title>
<style>
  body { font: 9pt "DejaVu Sans"; }
  td, th { border: 1px solid #999; }
</style><body>
<table><tr><th>Signal</th><th>Strong</th><th>Weak</th></tr>
<tr><td>Frames the problem</td><td>Names the metric and its baseline</td>
<td>Jumps to a fix</td></tr>
<tr><td>Signal</td><td>Strong</td><td>Weak</td></tr>
</table>
<ul><li>Listens</li><li>Probes</li><li>Decides</li></ul>
<table><tr><td>Frames the problem</td><td>Names the metric and its baseline</td></tr></table>
<table><tr><td style="font-size: 14pt">Frames the problem</td></tr></table>
</body></html>"""


def test_preferred_widths_are_measured_once_and_the_same(weasyprint, set_up, monkeypatch):
    from weasyprint.layout import preferred

    laying_out._WIDTHS.clear()
    kept = written(weasyprint, AUTO)
    measured_kept = len(set_up)
    # The same text and style measured again (a cell of each table, the
    # three bullets) took the widths kept; the same words in another style
    # (a header's bold and a cell's regular, a larger cell) did not.
    assert laying_out._WIDTHS

    monkeypatch.setattr(preferred, "split_first_line", preferred.split_first_line.__wrapped__)
    del set_up[:]
    alone = written(weasyprint, AUTO)
    assert measured_kept < len(set_up) - 5
    assert kept == alone
