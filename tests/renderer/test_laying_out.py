"""The two changes to how WeasyPrint lays out are quicker and change nothing:
the cascade computes a marker's, a footnote's and a note's pseudo-element
styles only for the elements that can show them, and a page whose margins
show nothing gets no margin boxes. Every page comes out as WeasyPrint alone
makes it."""

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


def test_both_are_put_in_place_once(weasyprint):
    from weasyprint import layout
    from weasyprint.css import StyleFor

    styles, margins = StyleFor.set_computed_styles, layout.make_margin_boxes
    laying_out.install()
    assert StyleFor.set_computed_styles is styles
    assert layout.make_margin_boxes is margins
    assert not hasattr(styles.__wrapped__, "__wrapped__")
    assert not hasattr(margins.__wrapped__, "__wrapped__")
