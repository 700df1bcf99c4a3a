"""The reference-check guide on paper, read back with pdfplumber: each
question on the page of its notes, and the notes filling the pages."""

import io
import re

import pdfplumber
import pytest

from rubricgen.build import BuildRequest, make, plan_build
from rubricgen.views import Occasion, resolve_reference_check
from tests.paper import body_bottom, box_around, overprinted_words

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_each_question_shares_its_page_with_its_notes(small_ladder, paper):
    occasion = Occasion(candidate="Zoë Ní Bhriain-Montgomery-Fitzwilliam", date="2026-12-01")
    request = BuildRequest(
        levels=["chef"], kinds=["reference-check"], formats=["pdf"], paper=paper, occasion=occasion
    )
    (item,) = make(plan_build(small_ladder, request, print))
    guide = resolve_reference_check(small_ladder, small_ladder.find("chef"))
    with pdfplumber.open(io.BytesIO(item.data)) as pdf:
        pages = list(pdf.pages)
        first = pages[0].extract_text()
        assert "How to run a reference call fairly" in first and "What not to ask" in first
        for page in pages[1:]:
            text = " ".join(page.extract_text().split())
            numbers = [int(n) for n in re.findall(r"(?:^| )(\d+)\. (?:Knife|Menu)", text)]
            assert numbers, text[:80]
            # Every question on the page has its own notes box, below it.
            for index, number in enumerate(numbers):
                question = guide.questions[number - 1]
                assert " ".join(question.text.split()) in text
                box = box_around(page, "Notes", index)
                assert box is not None and box["height"] > 40 * 72 / 25.4, number
            assert body_bottom(page, paper) >= 0.75
            assert overprinted_words(page) == []
            # The name is the running header's, never the body's.
            assert text.count("Bhriain") <= 1
        assert "What this reference confirmed or questioned" in pages[-1].extract_text()
