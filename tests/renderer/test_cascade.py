"""The cascade computes a marker's, a footnote's and a note's pseudo-element
styles only for the elements that can show them, and every page comes out
as WeasyPrint alone makes it."""

import pytest

from rubricgen.renderer import cascade, native

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
    cascade.install()
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
        if pseudo in cascade.SHOWN_BY:
            name = element.get("class") or element.tag
            shown.setdefault(pseudo, set()).add(name)
    # Every list item, the paragraph whose ::before is shown as one, and the
    # heading, whose ::after might be: those two are styled later.
    assert shown["marker"] == {"li", "lead", "h2"}
    assert shown["footnote-call"] == shown["footnote-marker"] == {"fn"}
    assert shown["note-call"] == shown["note-marker"] == shown["note-callback"] == {"aside"}
    assert styles(page.etree_element.find(".//h2"), "after") is not None


def test_it_is_put_in_place_once(weasyprint):
    from weasyprint.css import StyleFor

    once = StyleFor.set_computed_styles
    cascade.install()
    assert StyleFor.set_computed_styles is once
    assert not hasattr(once.__wrapped__, "shown_only")
