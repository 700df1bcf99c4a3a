"""A page's HTML parsed by Lexbor gives WeasyPrint the tree its own parser,
tinyhtml5, builds: on every page of the shipped ladder, and on markup whose
tree the standard builds in odd ways. A page with what that tree building
does not copy goes to tinyhtml5."""

import io

import pytest
import tinyhtml5

from rubricgen.build import BuildRequest, plan_build
from rubricgen.paths import shipped
from rubricgen.renderer import native, parsing
from rubricgen.renderer.pdf import _styles_set_aside
from rubricgen.renderer.pdf_jobs import Layout
from rubricgen.schema import load_ladder


def shape(element) -> tuple:
    """Everything WeasyPrint reads of an element and what it holds. It asks
    only whether a text or a tail is there, so an empty one is none (as
    tinyhtml5 leaves a few, where the standard moves elements)."""
    return (
        element.tag,
        list(element.attrib.items()),
        element.text or None,
        element.tail or None,
        [shape(child) for child in element],
    )


def tinyhtml5_tree(html: str):
    return tinyhtml5.parse(io.StringIO(html), namespace_html_elements=False)


def test_every_page_of_the_shipped_ladder_has_tinyhtml5s_tree():
    ladder = load_ladder(shipped("levels"))
    levels = [level.id for level in ladder.levels]
    plan = plan_build(ladder, BuildRequest(levels=levels, formats=["pdf"]), lambda _: None)
    pages = [job.html for job in plan.layouts.values() if isinstance(job, Layout)]
    assert len(pages) > 60
    for html in pages:
        # As WeasyPrint gets it: the text of its styles set aside.
        source = _styles_set_aside(html)
        built = parsing.tree(source)
        assert built is not None
        assert shape(built) == shape(tinyhtml5_tree(source))


ODD = [
    # Elements closed or opened by the standard's rules.
    "<p>one<p>two<div>block</div>after",
    "<ul><li>a<li>b</ul><dl><dt>term<dd>meaning<dt>next</dl>",
    "<h1>a<h2>b</h2>c",
    "<table><tr><td>1<td>2</table>",
    "<table><caption>c<tr><th>h</table><col><colgroup>",
    "<p><table><tr><td>cell</table>",
    "<table>stray text<tr><td>c</table>",
    "<table><td><table><td>inner</table></table>",
    "<tr><td>x</td>",
    "<td>stray</td></p>",
    "<a href=x><a href=y>q</a>",
    "<b><i>misnested</b>text</i>",
    "<a><p>x</a>y",
    "<nobr>a<nobr>b",
    "<button><button>twice",
    "<form><input name=a></form><form>x",
    "<p>a</br>b<hr></p>",
    "<image src=x><br/><img src=y><input value='a'>",
    "<ruby>a<rt>b</ruby>",
    "<optgroup><option>y<option>z",
    # Text: references, line ends, the newline after <pre>, whitespace.
    "a &amp; &lt; &nbsp; &copy &notanentity; &#0; &#x110000; &#128; &",
    "one\r\ntwo\rthree",
    "a\x00b",
    "<pre>\nfirst</pre><textarea>\nx</textarea><listing>\nl</listing>",
    "<div>\t\n </div><p>\u2028\ufeff\u200b</p>",
    # Text, not bytes: a charset the page names changes nothing.
    '<meta charset="iso-8859-1"><p>café 中文 😀</p>',
    # Raw text and what the head holds.
    "<head><title>t &amp; u</title><style>p > b {}</style></head><body>x",
    "<script>if (a<b) {}</script><noscript><p>x</p></noscript><xmp><b></xmp>",
    "<iframe><b></iframe><plaintext><b>",
    # Attributes: repeated, in capitals, without a value, with references.
    "<p id=a id=b CLASS=C title='&amp;&#x26;'>q",
    "<label>a<input type=checkbox checked></label>",
    # Comments, the document's own tags, repeated.
    "<!DOCTYPE html><p>x</p><!-- a comment -->",
    "<html lang=en><body dir=rtl><body class=x>x</body></html>trailing",
]


@pytest.mark.parametrize("html", ODD)
def test_odd_markup_has_tinyhtml5s_tree(html):
    built = parsing.tree(html)
    assert built is not None
    assert shape(built) == shape(tinyhtml5_tree(html))


def test_a_page_nested_deeper_than_pythons_recursion_has_its_tree():
    html = "<div>" * 5000 + "deep" + "</div>" * 5000
    built = parsing.tree(html)
    assert built is not None
    assert built.find("body/" + "/".join(["div"] * 3)) is not None
    assert "".join(built.itertext()) == "deep"


TINYHTML5_ONLY = [
    '<p>A chart <svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg></p>',
    "<math><mi>x</mi></math>",
    "<template><p>kept apart</p></template>",
    "<select><option>a<hr><option>b</select>",
    "<frameset><frame></frameset>",
    "<isindex>",
    # A lone surrogate, which Lexbor drops.
    "<p>a\ud800b</p>",
]


@pytest.fixture
def weasyprint():
    weasyprint = native.import_weasyprint()
    parsing.install()
    return weasyprint


@pytest.mark.parametrize("html", TINYHTML5_ONLY)
def test_a_page_with_what_is_not_copied_goes_to_tinyhtml5(weasyprint, html):
    assert parsing.tree(html) is None
    page = weasyprint.HTML(string=html)
    assert shape(page.etree_element) == shape(tinyhtml5_tree(html))


def test_weasyprint_parses_text_with_lexbor_and_bytes_with_tinyhtml5(weasyprint, monkeypatch):
    assert isinstance(weasyprint.tinyhtml5, parsing._Parser)
    parsing.install()  # a second time changes nothing
    assert isinstance(weasyprint.tinyhtml5.tinyhtml5, type(tinyhtml5))
    built, lexbor = [], parsing.tree

    def tree(html):
        built.append(lexbor(html))
        return built[-1]

    monkeypatch.setattr(parsing, "tree", tree)
    html = "<p>Signals</p>"
    page = weasyprint.HTML(string=html)
    assert len(built) == 1
    assert page.etree_element is built[0]
    page = weasyprint.HTML(string=html.encode())
    assert len(built) == 1
    assert shape(page.etree_element) == shape(built[0])


def test_the_pdf_is_the_same_as_with_tinyhtml5(weasyprint, monkeypatch):
    html = (
        "<html lang=en><title>Packet</title><body><h1>Execution</h1>"
        "<p>Ask about a launch that slipped.<p>Probe: what did you cut?"
        "<table><tr><th>Rating<th>What it looks like<tr><td>4<td>Names the trade-off</table>"
        "<ul><li>Frames the problem<li>Names a metric</ul><pre>\nnotes</pre>"
    )
    changed = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    monkeypatch.setattr(weasyprint, "tinyhtml5", tinyhtml5)
    assert weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1") == changed
