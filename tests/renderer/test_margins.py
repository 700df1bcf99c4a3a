"""The page margins, drawn by HarfBuzz and pikepdf (the candidate's header and
the furniture): the text reads back, every font is embedded, each box keeps
to its place, any script prints."""

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from rubricgen.documents import PAGES
from rubricgen.output import BuildFailed
from rubricgen.paths import shipped
from rubricgen.renderer.margins import (
    ELLIPSIS,
    FOOTER_GREY,
    MarginBox,
    MarginLine,
    Margins,
    Style,
    _fonts,
    draw_margins,
    font_stack,
    furniture,
    root_colour,
)

PRINT_CSS = (shipped("templates") / "print.css").read_text()
STACK = font_stack(PRINT_CSS)
STYLE = Style.of(PRINT_CSS)
LETTER = PAGES["letter"]
MM = 72 / 25.4


def header(name: str, date: str = "2026-12-01") -> Margins:
    line = LETTER.content_width * MM
    left = LETTER.margin_inline * MM
    width = LETTER.width * MM
    boxes = (
        MarginBox(f"Candidate: {name}", left, 0.4 * line),
        MarginBox(f"Date: {date}", (width - 0.2 * line) / 2, 0.2 * line, "centre"),
    )
    return Margins(
        width, LETTER.height * MM, LETTER.margin_block * MM, ((MarginLine(boxes, 8.0),),), STACK
    )


def words(data: bytes, page: int = 0) -> list[dict]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return pdf.pages[page].extract_words(keep_blank_chars=True, x_tolerance=1.5)


def text(data: bytes) -> str:
    return " ".join(word["text"] for word in words(data))


def fonts_of(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = pdf.pages[0].Resources.Font
        found = []
        for name in fonts:
            font = fonts[name]
            (descendant,) = font.DescendantFonts
            descriptor = descendant.FontDescriptor
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
            assert "/ToUnicode" in font
            found.append(str(font.BaseFont))
        return found


def _has_family(family: str) -> bool:
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", family], capture_output=True, text=True).stdout
    return bool(listed.strip())


def test_the_font_stack_is_the_one_print_css_sets_on_the_root():
    assert STACK[0] == "DejaVu Sans"
    assert STACK[-1] == "sans-serif"
    assert font_stack("p { color: red }") == ("sans-serif",)
    # The root's stack, wherever the root rule stands.
    assert font_stack('code { font-family: monospace } :root { font-family: "A B", C }') == (
        "A B",
        "C",
    )


def test_a_latin_name_reads_back_in_its_box_with_the_date_centred():
    data = draw_margins(header("Zoë Ní Bhriain-Montgomery-Fitzwilliam"))
    assert text(data) == "Candidate: Zoë Ní Bhriain-Montgomery-Fitzwilliam Date: 2026-12-01"
    who, when = words(data)
    box = header("").pages[0][0].boxes
    assert who["x0"] == pytest.approx(box[0].left, abs=0.5)
    assert who["x1"] <= box[0].left + box[0].width
    middle = (when["x0"] + when["x1"]) / 2
    assert middle == pytest.approx(LETTER.width * MM / 2, abs=1)
    # On one line, inside the top margin.
    assert who["top"] == pytest.approx(when["top"], abs=0.5)
    assert who["bottom"] < LETTER.margin_block * MM
    assert all(name.split("+")[1].startswith("DejaVu") for name in fonts_of(data))


def test_a_name_too_long_for_its_box_is_cut_with_an_ellipsis():
    long = "Maximilian Alexander Fitzgerald-Montgomery-Cavendish-Bentinck of Portland"
    data = draw_margins(header(long))
    who = words(data)[0]
    assert who["text"].endswith(ELLIPSIS)
    assert who["text"].startswith("Candidate: Maximilian")
    box = header(long).pages[0][0].boxes[0]
    assert who["x1"] <= box.left + box.width + 0.01


def test_the_same_header_gives_the_same_bytes():
    assert draw_margins(header("Ada Lovelace")) == draw_margins(header("Ada Lovelace"))
    assert draw_margins(header("Ada Lovelace")) != draw_margins(header("Ada Byron"))


@pytest.mark.skipif(not _has_family("Noto Sans CJK SC"), reason="Noto Sans CJK is not installed")
def test_a_chinese_name_prints_in_the_cjk_font_of_the_stack_and_reads_back():
    data = draw_margins(header("王小明"))
    assert "Candidate: 王小明" in text(data)
    names = fonts_of(data)
    assert any("NotoSansCJK" in name for name in names)
    assert any("DejaVu" in name for name in names)  # the label stays in the first font


def test_an_arabic_name_is_shaped():
    # DejaVu Sans has Arabic: joined letters are other glyphs than the
    # letters alone, so a shaped name draws glyphs the unshaped one would not.
    with pikepdf.open(io.BytesIO(draw_margins(header("محمد")))) as pdf:
        drawn = pdf.pages[0].Contents.read_bytes()
    with pikepdf.open(io.BytesIO(draw_margins(header("م ح م د")))) as pdf:
        apart = pdf.pages[0].Contents.read_bytes()
    codes = {line.split(b"<")[1][:4] for line in drawn.splitlines() if b"Tj" in line}
    alone = {line.split(b"<")[1][:4] for line in apart.splitlines() if b"Tj" in line}
    assert len(codes - alone) >= 3  # initial, medial and final forms


def test_a_missing_font_family_is_passed_over():
    keys = [font.key for font in _fonts(("No Such Family At All", "DejaVu Sans"))]
    assert keys == [font.key for font in _fonts(("DejaVu Sans",))]


def test_no_font_at_all_is_said_plainly(monkeypatch):
    import rubricgen.renderer.margins as module

    monkeypatch.setattr(module, "_match", lambda family: None)
    module._fonts.cache_clear()
    try:
        with pytest.raises(BuildFailed, match=r"No font of print\.css's font stack"):
            draw_margins(header("Ada"))
    finally:
        module._fonts.cache_clear()


def test_the_margins_module_does_not_need_weasyprint():
    code = (
        "import sys; from rubricgen.renderer.margins import draw_margins; "
        "assert 'weasyprint' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_the_root_colour_is_print_css_s():
    assert STYLE.colour == root_colour(":root { color: #111111 }") == (17 / 255,) * 3
    assert root_colour(":root { background-color: #fff; font-family: serif }") == (0, 0, 0)


def _lines(data: bytes, page: int) -> dict[str, list[dict]]:
    """The words of one page of `data`, by margin: top or bottom."""
    found = words(data, page)
    return {
        "top": [w for w in found if w["bottom"] < LETTER.margin_block * MM],
        "bottom": [w for w in found if w["top"] > (LETTER.height - LETTER.margin_block) * MM],
    }


def test_the_furniture_names_each_page_s_part_and_numbers_every_page():
    labels = ["", "Interview 1 of 2: Product sense", "Interview 2 of 2: Execution"]
    data = draw_margins(furniture("Interview kit · Product ladder", labels, LETTER, STYLE))
    right = (LETTER.width - LETTER.margin_inline) * MM
    for index, label in enumerate(labels):
        lines = _lines(data, index)
        assert [w["text"] for w in lines["top"]] == ([label] if label else [])
        if label:
            assert lines["top"][0]["x1"] == pytest.approx(right, abs=0.5)
        footer, number = lines["bottom"]
        assert footer["text"] == "Interview kit · Product ladder"
        assert footer["x0"] == pytest.approx(LETTER.margin_inline * MM, abs=0.5)
        assert number["text"] == f"Page {index + 1} of 3"
        assert number["x1"] == pytest.approx(right, abs=0.5)
        assert footer["top"] == pytest.approx(number["top"], abs=0.5)


def test_a_footer_too_long_for_its_line_gives_way_before_the_page_number():
    footer = "Interview packet: Product sense, Senior Product Manager · " * 3
    data = draw_margins(furniture(footer, ["Part"], LETTER, STYLE))
    cut, number = _lines(data, 0)["bottom"]
    assert cut["text"].endswith(ELLIPSIS)
    assert footer.startswith(cut["text"][:-1].rstrip())
    assert cut["x1"] < number["x0"]
    assert number["text"] == "Page 1 of 1"


def test_the_footer_is_grey_and_the_part_in_the_root_colour():
    data = draw_margins(furniture("Footer", ["Part"], LETTER, STYLE))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        colours = [
            tuple(round(float(x), 3) for x in operands)
            for operands, operator in pikepdf.parse_content_stream(pdf.pages[0])
            if str(operator) == "rg"
        ]
    assert colours == [tuple(round(x, 3) for x in STYLE.colour), FOOTER_GREY]


def test_the_pages_of_the_furniture_share_one_subset_of_each_font():
    data = draw_margins(furniture("Footer", ["A", "B", "C"], LETTER, STYLE))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        resources = {page.obj.Resources.objgen for page in pdf.pages}
        assert len(resources) == 1
    assert len(fonts_of(data)) == 1


@pytest.mark.parametrize("width", [0.5, 20.0, 61.5, 140.0, 300.0])
def test_text_is_cut_at_the_longest_start_that_fits_with_its_ellipsis(width):
    from rubricgen.renderer.margins import _fitted, _shaped

    fonts = _fonts(STACK)
    text = "Interview packet: Product sense, Senior Product Manager · seed 7"
    _, used = _fitted(text, width, fonts, 7.5)
    # Every start, longest first, as a reader would cut it.
    for length in range(len(text), -1, -1):
        candidate = text if length == len(text) else text[:length].rstrip() + ELLIPSIS
        fits = _shaped(candidate, fonts, 7.5)[1]
        if fits <= width or length == 0:
            assert used == fits
            break
