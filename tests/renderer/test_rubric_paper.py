"""The promotion rubric on paper, read back with pdfplumber: evidence boxes
that fill their pages, and a last page a committee decides from."""

import io
import re

import pdfplumber
import pytest

from rubricgen.build import BuildRequest, make, plan_build
from rubricgen.views import Occasion, resolve_promotion_rubric
from tests.paper import body_bottom, overprinted_words, room_below_box

pytestmark = pytest.mark.slow

LONG_NAME = "Zoë Ní Bhriain-Montgomery-Fitzwilliam"


@pytest.fixture(
    scope="module",
    params=[("senior", "letter"), ("senior", "a4"), ("vp", "letter"), ("vp", "a4")],
)
def rubric(request, shipped_ladder):
    level, paper = request.param
    request_ = BuildRequest(
        levels=[level],
        kinds=["promotion-rubric"],
        formats=["pdf"],
        paper=paper,
        occasion=Occasion(candidate=LONG_NAME, seed=7),
    )
    (item,) = make(plan_build(shipped_ladder, request_, print))
    view = resolve_promotion_rubric(shipped_ladder, shipped_ladder.find(level))
    with pdfplumber.open(io.BytesIO(item.data)) as pdf:
        assert all(overprinted_words(page) == [] for page in pdf.pages)
        pages = [
            (
                page.extract_text(),
                body_bottom(page, paper),
                room_below_box(page, paper, "Evidence seen")
                or room_below_box(page, paper, "Readiness statement"),
            )
            for page in pdf.pages
        ]
    return view, pages


def test_every_evidence_page_but_the_last_is_filled_to_three_quarters(rubric):
    view, pages = rubric
    with_evidence = [p for p in pages[:-1] if "Evidence seen" in p[0]]
    assert len(with_evidence) == len(view.competencies)
    for text, fill, room_below in with_evidence:
        assert fill >= 0.75, text[:60]
        # The evidence box took the room left: only its rating is under it.
        assert room_below < 18, text[:60]


def test_each_competency_has_a_page_with_its_rating(rubric):
    view, pages = rubric
    for competency in view.competencies:
        own = [text for text, _, _ in pages if f"Rating: {competency.name}" in text]
        assert len(own) == 1, competency.name
        assert "What changes." in own[0] and "Evidence to look for" in own[0]


def test_the_last_page_sums_up_every_competency_and_the_decision(rubric):
    view, pages = rubric
    text, fill, room_below = pages[-1]
    flat = re.sub(r"\s+", " ", text)
    for competency in view.competencies:
        assert competency.name in flat
    # A weight in each competency's row, in the rubric's order.
    labels = {c.weight_label for c in view.competencies}
    weights = [word for word in text.split() if word in labels]
    assert weights == [c.weight_label for c in view.competencies]
    assert "Ready: works at" in text and "Not yet ready" in text
    assert "Readiness statement" in text and "Promotion committee" in text
    for option in view.scale:
        assert option.label.split()[0] in text
    assert fill >= 0.75
    # The readiness statement's box grows; the gap's box and sign-off follow.
    assert room_below < 60


def test_the_first_page_guides_judgement_and_defines_the_scale(rubric):
    view, pages = rubric
    first = re.sub(r"\s+", " ", pages[0][0])
    assert "a guide for judgement, not a checklist" in first
    for point in view.guide:
        assert f"{point.label}." in first
    for option in view.scale:
        assert re.sub(r"\s+", " ", option.description)[:40] in first
    # The person's name is left to the running header.
    assert first.count(LONG_NAME) <= 1
