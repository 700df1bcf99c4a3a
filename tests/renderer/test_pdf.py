"""PDFs made by WeasyPrint: text, pages, paper size, metadata, no warnings."""

import io
import re

import pytest
from pypdf import PdfReader

from rubricgen.build import BuildRequest, make, plan_build
from rubricgen.paths import shipped
from rubricgen.renderer.pdf import make_pdf
from rubricgen.schema import LadderError
from rubricgen.views import Occasion, resolve_interview_kit

# Every test here lays out PDFs.
pytestmark = pytest.mark.slow

LETTER = (612, 792)
A4 = (595, 842)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def senior_pdfs(shipped_ladder):
    occasion = Occasion(candidate="Ada Lovelace", date="2026-12-01", seed=4)
    request = BuildRequest(levels=["senior"], formats=["pdf"], occasion=occasion)
    made = make(plan_build(shipped_ladder, request, print))
    # Named as within the level's folder: `panel/01-...` and `handouts/01-...` differ.
    return {item.path.relative_to("senior").with_suffix("").as_posix(): item for item in made}


def test_each_packet_names_the_candidate_on_every_page_and_asks_only_its_questions(
    shipped_ladder, senior_pdfs
):
    kit = resolve_interview_kit(shipped_ladder, shipped_ladder.find("senior"), Occasion(seed=4))
    packets = {k: v for k, v in senior_pdfs.items() if k.startswith("panel/")}
    assert len(packets) == len(kit.interviews) >= 3
    for interview in kit.interviews:
        reader = PdfReader(io.BytesIO(packets[f"panel/{interview.number:02d}-{interview.id}"].data))
        pages = [flat(page.extract_text()) for page in reader.pages]
        assert all("Candidate: Ada Lovelace" in page and "seed 4" in page for page in pages)
        text = " ".join(pages)
        for other in kit.interviews:
            for question in other.questions:
                assert (flat(question.text) in text) == (other is interview), question.id


def test_kit_is_its_cover_packets_and_debrief_sheet(senior_pdfs):
    parts = [
        v.pages for k, v in senior_pdfs.items() if k.startswith("panel/") or k == "debrief-sheet"
    ]
    kit = senior_pdfs["interview-kit"]
    reader = PdfReader(io.BytesIO(kit.data))
    assert len(reader.pages) == kit.pages > sum(parts)
    assert "Debrief sheet" in reader.pages[-1].extract_text()


def test_senior_kit_holds_the_title_and_every_question(shipped_ladder, senior_pdfs):
    kit = senior_pdfs["interview-kit"]
    reader = PdfReader(io.BytesIO(kit.data))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Senior Product Manager" in text
    asked = resolve_interview_kit(shipped_ladder, shipped_ladder.find("senior"), Occasion(seed=4))
    for interview in asked.interviews:
        for question in interview.questions:
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
        assert "Person: Ada Lovelace" in page.extract_text()
    assert "Product Management ladder v2026.11" in flat(reader.pages[0].extract_text())


def test_a4_on_request_and_no_weasyprint_warning(small_ladder, weasyprint_warnings):
    occasion = Occasion(candidate="Ada", date="2026-12-01", seed=1)
    request = BuildRequest(levels=["chef"], formats=["pdf"], paper="a4", occasion=occasion)
    for item in make(plan_build(small_ladder, request, print)):
        reader = PdfReader(io.BytesIO(item.data))
        box = reader.pages[0].mediabox
        assert (round(box.width), round(box.height)) == A4
    assert weasyprint_warnings() == []


def test_same_input_gives_the_same_bytes(small_ladder):
    # A packet too: a PDF form, tidied after WeasyPrint writes it.
    kinds = ["promotion-rubric", "panel-packet"]
    request = BuildRequest(levels=["chef"], kinds=kinds, formats=["pdf"])
    first = make(plan_build(small_ladder, request, print))
    second = make(plan_build(small_ladder, request, print))
    assert [i.data for i in first] == [i.data for i in second]


def test_files_outside_the_template_folders_are_never_read(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the pdf")
    html = f'<html lang="en"><title>t</title><img src="{secret.as_uri()}" alt="x"></html>'
    templates = shipped("templates")
    with pytest.raises(LadderError) as caught:
        make_pdf(html, "", templates, (templates,))
    assert "only files inside the template folders" in str(caught.value)


def test_a_question_too_long_for_its_page_runs_on_and_nothing_prints_over_its_notes(ladder_copy):
    import pdfplumber

    from rubricgen.schema import load_ladder

    path = ladder_copy / "chef.yaml"
    sentence = "Describe the whole service, every station and cook, and what you would change. "
    probes = "".join(
        f"          - Probe {i}, what happened next at the pass, and why did it matter?\n"
        for i in range(12)
    )
    text = path.read_text().replace(
        "text: Knife work question 1 for the sous chef <&>?", "text: " + sentence * 45, 1
    )
    text = text.replace(
        "        probes:\n          - What did you do first?\n          - What happened next?\n",
        "        probes:\n" + probes,
        1,
    )
    path.write_text(text)
    request = BuildRequest(levels=["chef"], kinds=["panel-packet"], formats=["pdf"])
    packet = next(
        item.data
        for item in make(plan_build(load_ladder(ladder_copy), request, print))
        if item.path.name == "01-station.pdf"
    )
    with pdfplumber.open(io.BytesIO(packet)) as pdf:
        words = " ".join(w["text"] for page in pdf.pages for w in page.extract_words())
        assert all(f"Probe {i}," in words for i in range(12))
        assert "Blames the team." in words
        boxes = 0
        for page in pdf.pages:
            for box in page.annots:
                if box["title"] == "notes:chef-knife-work-1":
                    boxes += 1
                    inside = page.within_bbox((box["x0"], box["top"], box["x1"], box["bottom"]))
                    assert inside.extract_words() == []
        assert boxes == 1


def _colours(pdf: bytes) -> list[str]:
    """The fill colours the text of `pdf` is drawn in, in order."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        found = []
        for page in document.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "rg":
                    found.append(" ".join(f"{float(x):g}" for x in operands))
        return found


def test_a_page_stylesheet_parsed_once_keeps_its_place_in_the_cascade(tmp_path):
    # print.css, inlined in each page, is parsed once per process: it stays
    # the page's own stylesheet, above the PDF stylesheet however specific
    # that one's rules are, in every document laid out after the first.
    from rubricgen.renderer import pdf as pdf_module

    style = "<style>p { color: rgb(255, 0, 0) }</style>"
    on_top = "body p.note { color: rgb(0, 0, 255) }"
    pages = [
        f'<html lang="en"><head>{style}</head><body><p class="note">{text}</p></body></html>'
        for text in ("First", "Second")
    ]
    made = [make_pdf(page, on_top, tmp_path, (tmp_path,)).data for page in pages]
    assert [_colours(data)[-1] for data in made] == ["1 0 0", "1 0 0"]
    parsed = [key for key in pdf_module._Caches.stylesheets if "rgb(255, 0, 0)" in key[0]]
    assert len(parsed) == 1
    # The HTML parser was given a reference to the text, not the text.
    assert "p { color: rgb(255, 0, 0) }" in pdf_module._Caches.set_aside.values()


def test_a_style_inside_the_body_s_svg_is_left_to_the_svg(tmp_path):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
        "<style>rect { fill: rgb(0, 128, 0) }</style>"
        '<rect width="40" height="40"/></svg>'
    )
    page = (
        f'<html lang="en"><head><style>p {{ color: red }}</style></head><body>{svg}</body></html>'
    )
    assert "0 0.501961 0" in _colours(make_pdf(page, "", tmp_path, (tmp_path,)).data)


def test_a_stylesheet_with_counter_styles_is_parsed_for_each_document(tmp_path):
    from rubricgen.renderer import pdf as pdf_module

    style = (
        "<style>@counter-style ticks { system: cyclic; symbols: '+'; suffix: ' ' }"
        " ol { list-style: ticks }</style>"
    )
    page = f'<html lang="en"><head>{style}</head><body><ol><li>One</li></ol></body></html>'
    for _ in range(2):
        text = PdfReader(io.BytesIO(make_pdf(page, "", tmp_path, (tmp_path,)).data)).pages[0]
        assert "+" in text.extract_text()
    assert not any("ticks" in key[0] for key in pdf_module._Caches.stylesheets)


def test_a_process_that_lays_out_sets_what_it_loaded_aside_from_the_collector(tmp_path):
    import gc
    import json
    import subprocess
    import sys
    from pathlib import Path

    code = f"""
import gc, json, pathlib
before = gc.get_freeze_count()
import weasyprint
modules = gc.is_tracked(weasyprint.__dict__)
from rubricgen.renderer.pdf import make_pdf
folder = pathlib.Path({str(tmp_path)!r})
make_pdf('<html lang="en"><p>x</p></html>', '', folder, (folder,))
# The collector's generations no longer hold WeasyPrint's module.
walked = any(o is weasyprint.__dict__ for o in gc.get_objects())
print(json.dumps([gc.get_freeze_count() - before, modules, walked, gc.get_threshold()[0]]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    frozen, modules, walked, threshold = json.loads(done.stdout)
    # WeasyPrint's modules and all, never walked again by a full collection.
    # (Python 3.12 sets some objects aside itself, before any code runs.)
    assert frozen > 0 and modules and not walked
    assert threshold == 10_000
    assert gc.isenabled()
