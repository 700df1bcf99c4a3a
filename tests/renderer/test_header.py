"""The candidate's header, drawn by HarfBuzz and pikepdf: the text reads back,
every font is embedded, each box keeps to its place, any script prints."""

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
from rubricgen.renderer.header import (
    ELLIPSIS,
    Header,
    HeaderBox,
    _fonts,
    draw_header,
    font_stack,
)

STACK = font_stack((shipped("templates") / "print.css").read_text())
LETTER = PAGES["letter"]
MM = 72 / 25.4


def header(name: str, date: str = "2026-12-01") -> Header:
    line = LETTER.content_width * MM
    left = LETTER.margin_inline * MM
    width = LETTER.width * MM
    return Header(
        width,
        LETTER.height * MM,
        LETTER.margin_block * MM,
        (
            HeaderBox(f"Candidate: {name}", left, 0.4 * line),
            HeaderBox(f"Date: {date}", (width - 0.2 * line) / 2, 0.2 * line, centred=True),
        ),
        STACK,
    )


def words(data: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return pdf.pages[0].extract_words(keep_blank_chars=True, x_tolerance=1.5)


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
    data = draw_header(header("Zoë Ní Bhriain-Montgomery-Fitzwilliam"))
    assert text(data) == "Candidate: Zoë Ní Bhriain-Montgomery-Fitzwilliam Date: 2026-12-01"
    who, when = words(data)
    box = header("").boxes
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
    data = draw_header(header(long))
    who = words(data)[0]
    assert who["text"].endswith(ELLIPSIS)
    assert who["text"].startswith("Candidate: Maximilian")
    box = header(long).boxes[0]
    assert who["x1"] <= box.left + box.width + 0.01


def test_the_same_header_gives_the_same_bytes():
    assert draw_header(header("Ada Lovelace")) == draw_header(header("Ada Lovelace"))
    assert draw_header(header("Ada Lovelace")) != draw_header(header("Ada Byron"))


@pytest.mark.skipif(not _has_family("Noto Sans CJK SC"), reason="Noto Sans CJK is not installed")
def test_a_chinese_name_prints_in_the_cjk_font_of_the_stack_and_reads_back():
    data = draw_header(header("王小明"))
    assert "Candidate: 王小明" in text(data)
    names = fonts_of(data)
    assert any("NotoSansCJK" in name for name in names)
    assert any("DejaVu" in name for name in names)  # the label stays in the first font


def test_an_arabic_name_is_shaped():
    # DejaVu Sans has Arabic: joined letters are other glyphs than the
    # letters alone, so a shaped name draws glyphs the unshaped one would not.
    with pikepdf.open(io.BytesIO(draw_header(header("محمد")))) as pdf:
        drawn = pdf.pages[0].Contents.read_bytes()
    with pikepdf.open(io.BytesIO(draw_header(header("م ح م د")))) as pdf:
        apart = pdf.pages[0].Contents.read_bytes()
    codes = {line.split(b"<")[1][:4] for line in drawn.splitlines() if b"Tj" in line}
    alone = {line.split(b"<")[1][:4] for line in apart.splitlines() if b"Tj" in line}
    assert len(codes - alone) >= 3  # initial, medial and final forms


def test_a_missing_font_family_is_passed_over():
    keys = [font.key for font in _fonts(("No Such Family At All", "DejaVu Sans"))]
    assert keys == [font.key for font in _fonts(("DejaVu Sans",))]


def test_no_font_at_all_is_said_plainly(monkeypatch):
    import rubricgen.renderer.header as module

    monkeypatch.setattr(module, "_match", lambda family: None)
    module._fonts.cache_clear()
    try:
        with pytest.raises(BuildFailed, match=r"No font of print\.css's font stack"):
            draw_header(header("Ada"))
    finally:
        module._fonts.cache_clear()


def test_the_header_module_does_not_need_weasyprint():
    code = (
        "import sys; from rubricgen.renderer.header import draw_header; "
        "assert 'weasyprint' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
