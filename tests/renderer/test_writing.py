"""The three changes to how WeasyPrint writes a PDF are quicker and change
nothing a reader sees: the same pages, fonts and text, byte for byte once
decompressed."""

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from rubricgen.renderer import native, writing

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def weasyprint():
    """WeasyPrint, with the three changes in place."""
    weasyprint = native.import_weasyprint()
    writing.install()
    return weasyprint


def test_an_array_sized_by_its_items_is_asked_for_as_an_open_array(weasyprint):
    from weasyprint.pdf import fonts

    array = fonts.ffi.new("hb_codepoint_t[3]", (5, 6, 7))
    assert list(array) == [5, 6, 7]
    # One C type for every length: cffi parses it once.
    assert fonts.ffi.typeof(array) is fonts.ffi.typeof("hb_codepoint_t[]")
    # An array with fewer items than its size keeps its size and its zeros.
    longer = fonts.ffi.new("hb_codepoint_t[4]", [1, 2])
    assert list(longer) == [1, 2, 0, 0]
    assert fonts.ffi.new("hb_tag_t[5]")[4] == 0
    assert fonts.ffi.NULL == fonts.ffi.NULL  # the rest is the FFI's own


def test_pydyf_compresses_streams_at_zlibs_default_level(weasyprint):
    import pydyf

    text = b"BT /F1 10 Tf (A line of a packet) Tj ET " * 200
    data = pydyf.Stream([text], compress=True).data
    default = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION)
    assert default.compress(text) + default.flush() in data
    assert zlib.compress(text, 9) not in data


WRITE = """
import hashlib, io, json, sys
import pikepdf
from rubricgen.renderer import native, writing
weasyprint = native.import_weasyprint()
if sys.argv[1] == "changed":
    writing.install()
html = '''<html lang="en"><title>t</title><body>
<p>Plain, <b>bold</b>, <i>italic</i>: a packet's text, with an accent (é).</p>
<form><input type="text" name="notes" title="Notes"></form></body></html>'''
data = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_forms=True)
pdf = pikepdf.open(io.BytesIO(data))
streams = sorted(
    hashlib.sha256(o.read_bytes()).hexdigest()
    for o in pdf.objects
    # The cross-reference stream holds where each object starts in the file.
    if isinstance(o, pikepdf.Stream) and o.get("/Type") != "/XRef"
)
print(json.dumps({"size": len(data), "streams": streams}))
"""


@pytest.mark.slow
def test_a_pdf_written_with_the_changes_holds_the_same_streams(tmp_path):
    def written(how: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", WRITE, how],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        return json.loads(done.stdout)

    before, after = written("as is"), written("changed")
    # Every stream (pages, fonts with the fields' whole font, metadata, the
    # structure) decompresses to the same bytes.
    assert after["streams"] == before["streams"]
    assert len(after["streams"]) > 5
    assert after["size"] != before["size"]


def test_a_big_stream_is_compressed_once_per_process(weasyprint, monkeypatch):
    import pydyf

    calls = []
    compress = zlib.compress

    def counted(data, level=-1):
        calls.append(len(data))
        return compress(data, level)

    monkeypatch.setattr(zlib, "compress", counted)
    font = bytes(range(256)) * 1024  # as big as a font file, and the same each time
    first = pydyf.Stream([font], compress=True).data
    second = pydyf.Stream([font], compress=True).data
    assert first == second
    assert zlib.decompress(first.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]) == font
    assert calls == [len(font)]
    # A small stream is compressed each time.
    small = [pydyf.Stream([b"q 1 0 0 1 0 0 cm Q"], compress=True).data for _ in range(2)]
    assert small[0] == small[1]
    assert len(calls) == 3


FORM = """<html lang="en"><title>t</title>
<style>input, textarea {{ font: 9pt "DejaVu Sans Mono" }}</style><body>
<p>Plain, <b>bold</b>, <i>italic</i>: a packet's text, with an accent (é).</p>
<form><input type="text" name="notes" title="Notes">
<textarea name="evidence" title="Evidence"></textarea></form>{more}</body></html>"""


def forms_written(weasyprint, monkeypatch, html: str, times: int) -> tuple[list[bytes], list[int]]:
    """`html` written by WeasyPrint `times` times with a new `_FormFontsOnce`,
    and how many fonts fontTools opened for each."""
    from weasyprint import pdf
    from weasyprint.pdf import fonts

    once = writing._FormFontsOnce(pdf.build_fonts_dictionary.build)
    monkeypatch.setattr(pdf, "build_fonts_dictionary", once)
    opened: list[int] = []
    parse = fonts.TTFont

    def counted(*args, **kwargs):
        opened[-1] += 1
        return parse(*args, **kwargs)

    monkeypatch.setattr(fonts, "TTFont", counted)
    written = []
    for _ in range(times):
        opened.append(0)
        page = weasyprint.HTML(string=html)
        written.append(page.write_pdf(pdf_variant="pdf/ua-1", pdf_forms=True))
    return written, opened


def weasyprint_alone(weasyprint, monkeypatch, html: str) -> bytes:
    from weasyprint import pdf

    with monkeypatch.context() as patched:
        patched.setattr(pdf, "build_fonts_dictionary", pdf.build_fonts_dictionary.build)
        return weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_forms=True)


def test_a_forms_font_is_measured_once_and_written_the_same(weasyprint, monkeypatch):
    html = FORM.format(more="")
    alone = weasyprint_alone(weasyprint, monkeypatch, html)
    (first, second, third), opened = forms_written(weasyprint, monkeypatch, html, 3)
    # The fields' font measured whole the first time only.
    assert opened[0] >= 1 and opened[1:] == [0, 0]
    # The same bytes each time, and as WeasyPrint alone writes them: the
    # widths, the Unicode map and the font's box put back as measured.
    assert first == second == third == alone


def test_a_forms_font_that_the_pages_draw_with_is_measured_each_time(weasyprint, monkeypatch):
    # The fields' font also sets text on the page: WeasyPrint subsets it, so
    # there is nothing whole to keep.
    html = FORM.format(more='<p style="font: 9pt DejaVu Sans Mono">Typed notes</p>')
    alone = weasyprint_alone(weasyprint, monkeypatch, html)
    (first, second), opened = forms_written(weasyprint, monkeypatch, html, 2)
    assert opened[1] == opened[0]
    assert first == second == alone
