"""The ladder overview on paper, read back with pdfplumber: the chart and its
caption on the first page, as wide as the page, no label printed over
another or over a mark, and no page but the last left mostly empty."""

import io
from itertools import combinations

import pdfplumber
import pytest

from rubricgen.build import BuildRequest, make, plan_build
from rubricgen.documents import PAGES
from rubricgen.paths import shipped
from rubricgen.renderer.html import render_html, render_pdf_stylesheet
from rubricgen.renderer.pdf import make_pdf
from rubricgen.renderer.templates import make_environment
from rubricgen.views import resolve_ladder_overview
from tests.paper import overlaps

pytestmark = pytest.mark.slow

MM = 72 / 25.4


def overview_pdf(ladder, paper):
    request = BuildRequest(levels=[], kinds=["ladder"], formats=["pdf"], paper=paper)
    (item,) = make(plan_build(ladder, request, print))
    return item.data


def document_pdf(document, paper):
    templates = shipped("templates")
    environment = make_environment(templates)
    html = render_html(environment, document)
    css = render_pdf_stylesheet(environment, document, paper)
    return make_pdf(html, css, templates, (templates,)).data


def chart_words(page, chart_bottom):
    words = page.extract_words(x_tolerance=1)
    return [w for w in words if w["bottom"] <= chart_bottom]


def check_first_page(data, paper, overview, *, full_width=True):
    geometry = PAGES[paper].turned()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = pdf.pages[0]
        # SVG text keeps its spaces as gaps: read it with a fine tolerance.
        text = " ".join(first.extract_text(x_tolerance=1).split())
        # The chart, its legend and the whole caption are on the first page.
        assert "Share of each level's weight, by area" in text
        for finding in overview.findings:
            assert " ".join(finding.split()) in text
        # The chart spans (nearly) the page's width, unless it had to shrink
        # to leave room for its caption: its widest rule shows.
        widest = max(line["x1"] - line["x0"] for line in first.lines)
        assert widest >= (0.9 if full_width else 0.5) * geometry.content_width * MM
        # No word of the chart on another, and none on a mark.
        rule = max(first.lines, key=lambda line: line["x1"] - line["x0"])
        legend_bottom = rule["bottom"] + 200
        words = chart_words(first, legend_bottom)
        marks = [c for c in first.curves if c["bottom"] <= legend_bottom]
        assert len(marks) >= 4
        for a, b in combinations(words, 2):
            assert not overlaps(a, b), (a["text"], b["text"])
        for word in words:
            for mark in marks:
                assert not overlaps(word, mark), word["text"]
        pages = list(pdf.pages)
        for page in pages[:-1]:
            margin = PAGES[paper].margin_block * MM
            top, bottom = margin, page.height - margin
            lowest = max(c["bottom"] for c in page.chars if top <= c["top"] <= bottom)
            assert (lowest - top) / (bottom - top) >= 0.5, page.page_number


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_shipped_overview_on_paper(shipped_ladder, paper):
    overview = resolve_ladder_overview(shipped_ladder)
    check_first_page(overview_pdf(shipped_ladder, paper), paper, overview)


def test_long_names_wrap_instead_of_printing_over_the_marks(shipped_ladder):
    overview = resolve_ladder_overview(shipped_ladder)
    long_name = "Stakeholder influence, negotiation and the art of agreeing across departments"
    areas = [
        area.model_copy(
            update={"rows": [row.model_copy(update={"name": long_name}) for row in area.rows]}
        )
        for area in overview.areas
    ]
    levels = [
        level.model_copy(update={"title": f"{level.title} of Products and Platforms"})
        for level in overview.levels
    ]
    stretched = overview.model_copy(update={"areas": areas, "levels": levels})
    check_first_page(document_pdf(stretched, "letter"), "letter", stretched, full_width=False)
