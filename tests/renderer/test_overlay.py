"""A final PDF made from its base by an incremental update: the candidate's
header and the facts written after the base's bytes, read back by qpdf and
pdfminer as a full rewrite would be."""

import io
import subprocess
import zlib
from decimal import Decimal

import pdfplumber
import pikepdf
from pikepdf import Array, Dictionary, Name, String

from rubricgen.renderer.overlay import blank_like, finished, open_pdf, overlay, to_bytes

NAME = "Zoë (Ní) Bhriain 李 \\ Ада"


def base_pdf(pages: int = 3) -> bytes:
    """A PDF of `pages` pages, each drawing the same empty `/RgPerson`, saved
    as a base is (object streams, a cross-reference stream)."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(612, 792))
    pdf.docinfo[Name.Title] = "A base"
    overlay(pdf, blank_like(pdf), "Person")
    return to_bytes(pdf)


def layer_pdf() -> bytes:
    """A one-page layer that refers to one font twice, and holds each kind of
    PDF value: a real, booleans, null, a name that needs escaping, strings
    with brackets, backslashes and non-Latin text."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    odd = pdf.make_indirect(
        Dictionary(
            {
                "/Real": Decimal("0.125"),
                "/Yes": True,
                "/No": False,
                "/Nothing": None,
                "/Name": Name("/A B#(c)"),
                "/Text": String(NAME),
                "/Same": font,
            }
        )
    )
    page = pdf.pages[0]
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font), Properties=Dictionary(P0=odd))
    content = b"BT /F1 12 Tf 72 750 Td (Candidate: someone) Tj ET\n"
    page.obj.Contents = pdf.make_stream(zlib.compress(content))
    page.obj.Contents.Filter = Name.FlateDecode
    return to_bytes(pdf)


def plain(value):
    """`value` as plain Python, indirect objects followed (no cycles here)."""
    if isinstance(value, Dictionary):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, Array):
        return [plain(item) for item in value]
    if isinstance(value, String):
        return str(value)
    if isinstance(value, Name):
        return str(value)
    return value


def test_the_base_is_kept_whole_and_its_update_follows_it():
    base = base_pdf()
    data, pages = finished(base, {"RubricgenCandidate": NAME}, {"Person": layer_pdf()})
    assert pages == 3
    assert data.startswith(base)
    assert data.endswith(b"%%EOF\n") and data.count(b"startxref") == 2
    with pikepdf.open(io.BytesIO(data)) as pdf, pikepdf.open(io.BytesIO(base)) as before:
        assert pdf.check_pdf_syntax() == []
        assert len(pdf.pages) == 3
        # The file keeps its first identifier; the second is this version's.
        assert pdf.trailer.ID[0] == before.trailer.ID[0]
        assert pdf.trailer.ID[1] != before.trailer.ID[1]
    layer = layer_pdf()
    assert finished(base, {"A": "1"}, {"Person": layer}) == finished(
        base, {"A": "1"}, {"Person": layer}
    )
    assert finished(base, {"A": "1"}, {}) != finished(base, {"A": "2"}, {})


def test_every_page_draws_the_layer_and_the_facts_join_what_was_there():
    layer = layer_pdf()
    facts = {"RubricgenCandidate": NAME, "RubricgenDate": ""}
    data, _ = finished(base_pdf(), facts, {"Person": layer})
    with pikepdf.open(io.BytesIO(layer)) as drawn, pikepdf.open(io.BytesIO(data)) as pdf:
        wanted = drawn.pages[0]
        drawings = {page.obj.Resources.XObject.RgPerson.objgen for page in pdf.pages}
        assert len(drawings) == 1  # one drawing every page shows, not a copy per page
        drawing = pdf.pages[0].obj.Resources.XObject.RgPerson
        assert drawing.read_bytes() == wanted.Contents.read_bytes()
        assert [float(x) for x in drawing.BBox] == [0, 0, 612, 792]
        assert plain(drawing.Resources) == plain(wanted.Resources)
        # The font both entries refer to is written once, and both refer to it.
        font = drawing.Resources.Font.F1
        assert drawing.Resources.Properties.P0.Same.objgen == font.objgen
        assert dict(pdf.docinfo.items()) == {
            "/Title": String("A base"),
            "/RubricgenCandidate": String(NAME),
            "/RubricgenDate": String(""),
        }


def test_other_readers_see_the_update_too():
    """pdfminer (under pdfplumber) and poppler read the header and the facts."""
    data, _ = finished(base_pdf(2), {"RubricgenCandidate": NAME}, {"Person": layer_pdf()})
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert [page.extract_text() for page in pdf.pages] == ["Candidate: someone"] * 2
        assert pdf.metadata["RubricgenCandidate"] == NAME
    info = subprocess.run(
        ["pdfinfo", "-custom", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "RubricgenCandidate" in info


def test_facts_alone_leave_the_drawing_empty():
    base = base_pdf()
    data, _ = finished(base, {"RubricgenKind": "handout"}, {})
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].obj.Resources.XObject.RgPerson.read_bytes() == b""
        assert str(pdf.docinfo["/RubricgenKind"]) == "handout"
    assert open_pdf(base).docinfo.get("/RubricgenKind") is None


def test_an_update_of_an_update_reads_as_the_last_one():
    first, _ = finished(base_pdf(), {"RubricgenCandidate": "Ada"}, {"Person": layer_pdf()})
    second, _ = finished(first, {"RubricgenCandidate": NAME}, {})
    with pikepdf.open(io.BytesIO(second)) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert str(pdf.docinfo["/RubricgenCandidate"]) == NAME
        assert b"someone" in pdf.pages[1].obj.Resources.XObject.RgPerson.read_bytes()
