"""PDFs made by WeasyPrint: text, pages, paper size, metadata, no warnings."""

import io
import re

import pytest
from pypdf import PdfReader

from rubricgen.build import BuildRequest, render_all
from rubricgen.paths import shipped
from rubricgen.renderer.pdf import render_pdf
from rubricgen.schema import LadderError

LETTER = (612, 792)
A4 = (595, 842)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def senior_pdfs(shipped_ladder):
    request = BuildRequest(levels=["senior"], formats=["pdf"])
    return {item.path.stem: item for item in render_all(shipped_ladder, request, print)}


def test_senior_kit_holds_the_title_and_every_question(shipped_ladder, senior_pdfs):
    kit = senior_pdfs["interview-kit"]
    reader = PdfReader(io.BytesIO(kit.data))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Senior Product Manager" in text
    level = shipped_ladder.find("senior")
    for competency in level.competencies:
        for question in competency.questions:
            assert flat(question.text) in text, question.id
    assert kit.pages == len(reader.pages) >= 4
    assert reader.metadata.title == "Interview kit: Senior Product Manager"
    assert reader.metadata.author == "Head of Product"


def test_pages_are_letter_with_page_x_of_y(senior_pdfs):
    reader = PdfReader(io.BytesIO(senior_pdfs["promotion-rubric"].data))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        assert (round(box.width), round(box.height)) == LETTER
        assert f"Page {number} of {total}" in page.extract_text()
    assert "Product Management ladder v2026.11" in flat(reader.pages[0].extract_text())


def test_a4_on_request_and_no_weasyprint_warning(small_ladder, weasyprint_warnings):
    request = BuildRequest(levels=["chef"], formats=["pdf"], paper="a4")
    for item in render_all(small_ladder, request, print):
        reader = PdfReader(io.BytesIO(item.data))
        box = reader.pages[0].mediabox
        assert (round(box.width), round(box.height)) == A4
    assert weasyprint_warnings == []


def test_same_input_gives_the_same_bytes(small_ladder):
    request = BuildRequest(levels=["chef"], kinds=["promotion-rubric"], formats=["pdf"])
    first = render_all(small_ladder, request, print)
    second = render_all(small_ladder, request, print)
    assert [i.data for i in first] == [i.data for i in second]


def test_files_outside_the_template_folders_are_never_read(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the pdf")
    html = f'<html lang="en"><title>t</title><img src="{secret.as_uri()}" alt="x"></html>'
    templates = shipped("templates")
    with pytest.raises(LadderError) as caught:
        render_pdf(html, "", templates, (templates,))
    assert "only files inside the template folders" in str(caught.value)
