"""A packet's PDF is a form a reader fills in: pypdf sets the fields as a PDF
reader would, and reads back what was set. The radio groups are tidied (a
group's value is the option chosen), and the kit's copies of the packet pages
carry no field."""

import io

import pikepdf
import pytest
from pypdf import PdfReader

from rubricgen.build import BuildRequest, make, plan_build
from rubricgen.views import Occasion
from tests.scorecard_packets import fill

# Every test here lays out PDFs.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chef(small_ladder) -> dict[str, bytes]:
    request = BuildRequest(
        levels=["chef"],
        kinds=["interview-kit", "panel-packet"],
        formats=["pdf"],
        occasion=Occasion(candidate="Ada", seed=3),
    )
    return {str(item.path): item.data for item in make(plan_build(small_ladder, request, print))}


def test_a_filled_packet_reads_back_what_was_filled(chef):
    packet = chef["chef/panel/02-tasting.pdf"]
    filled = fill(
        packet,
        {
            "interviewer": "Grace Hopper",
            "rating:knife-work": "/3",
            "notes:chef-knife-work-2": "Planned the prep list aloud; even brunoise.",
            "evidence": "Safe and even under time pressure.",
        },
    )
    fields = PdfReader(io.BytesIO(filled)).get_fields()
    assert {name: field.get("/V") for name, field in fields.items()} == {
        "interviewer": "Grace Hopper",
        "rating:knife-work": "/3",
        "notes:chef-knife-work-2": "Planned the prep list aloud; even brunoise.",
        "evidence": "Safe and even under time pressure.",
        # Left unset, as an interviewer may.
        "recommendation": "/Off",
    }
    # The button for 3 is the one shown as chosen.
    with pikepdf.open(io.BytesIO(filled)) as pdf:
        group = next(f for f in pdf.Root.AcroForm.Fields if f.T == "rating:knife-work")
        shown = [str(button.AS) for button in group.Kids]
        assert shown == ["/Off", "/Off", "/3", "/Off", "/Off"]


def test_radio_groups_are_single_fields_whose_states_are_their_options(chef):
    with pikepdf.open(io.BytesIO(chef["chef/panel/04-chat.pdf"])) as pdf:
        fields = {str(f.T): f for f in pdf.Root.AcroForm.Fields}
        assert set(fields) == {
            "interviewer",
            "rating:menu-planning",
            "notes:chef-menu-planning-2",
            "recommendation",
            "evidence",
        }
        group = fields["recommendation"]
        assert "/Opt" not in group
        assert str(group.TU) == "Overall recommendation"
        assert [list(button.AP.N.keys()) for button in group.Kids] == [["/no"], ["/yes"]]
        assert all("/T" not in button for button in group.Kids)
        assert str(fields["rating:menu-planning"].TU) == "Menu planning rating"
        assert (
            str(fields["notes:chef-menu-planning-2"].TU) == "Notes: what the candidate said and did"
        )
        # The PDF stays tagged, each field a Form element.
        assert pdf.Root.MarkInfo.Marked


def test_the_kit_carries_the_packet_pages_without_fields(chef):
    with pikepdf.open(io.BytesIO(chef["chef/interview-kit.pdf"])) as pdf:
        assert "/AcroForm" not in pdf.Root
        widgets = [
            annotation
            for page in pdf.pages
            for annotation in page.get("/Annots", [])
            if annotation.get("/Subtype") == "/Widget"
        ]
        assert widgets == []

    # Its pages are the packet's all the same, but for the page furniture
    # (drawn last: the part's name, the footer, "Page N of M").
    def body(page):
        return page.extract_text().rsplit("\nInterview 2 of 4: Tasting\n", 1)[0]

    kit = [body(page) for page in PdfReader(io.BytesIO(chef["chef/interview-kit.pdf"])).pages]
    for page in PdfReader(io.BytesIO(chef["chef/panel/02-tasting.pdf"])).pages:
        assert body(page) in kit


def structure(element):
    """A structure tree as nested tuples: each element's type and kids, marked
    content by number, a widget as OBJR."""
    if isinstance(element, pikepdf.Array):
        return tuple(structure(kid) for kid in element)
    if isinstance(element, pikepdf.Dictionary):
        if element.get("/Type") == "/OBJR":
            return ("OBJR",)
        if element.get("/Type") == "/MCR":
            return ("MCR", int(element.MCID))
        kids = element.get("/K")
        return (str(element.S), structure(kids) if kids is not None else ())
    return int(element)


def test_taking_the_fields_out_gives_what_weasyprint_writes_without_a_form():
    import weasyprint

    from rubricgen.renderer.pdf_forms import tidy_radio_groups, without_fields

    html = """<html lang="en"><head><title>Packet</title><style>@page { size: A6 }
    input, textarea { font: 9pt "DejaVu Sans Mono", monospace }</style></head>
    <body><form><p>Rating</p><input type="text" name="interviewer" title="Interviewer">
    <label><input type="radio" name="rating:x" value="1" title="rating:x: 1"> 1</label>
    <label><input type="radio" name="rating:x" value="2" title="rating:x: 2"> 2</label>
    <textarea name="notes" title="Notes"></textarea>
    <p><a href="https://example.org/">A link stays.</a></p></form></body></html>"""
    options = {"pdf_variant": "pdf/ua-1"}
    form = weasyprint.HTML(string=html).render(pdf_forms=True)
    stripped = without_fields(form.write_pdf(**options, finisher=tidy_radio_groups))
    plain = weasyprint.HTML(string=html).render(pdf_forms=False).write_pdf(**options)
    with pikepdf.open(io.BytesIO(stripped)) as ours, pikepdf.open(io.BytesIO(plain)) as theirs:
        assert "/AcroForm" not in ours.Root
        for page, reference in zip(ours.pages, theirs.pages, strict=True):
            assert page.Contents.read_bytes() == reference.Contents.read_bytes()
            # No font is left that only the fields used (the one to type in).
            fonts = {str(f.BaseFont) for f in page.Resources.Font.values()}
            assert fonts == {str(f.BaseFont) for f in reference.Resources.Font.values()}
            kinds = [str(a.Subtype) for a in page.get("/Annots", [])]
            assert kinds == [str(a.Subtype) for a in reference.get("/Annots", [])] == ["/Link"]
        tree, reference = ours.Root.StructTreeRoot, theirs.Root.StructTreeRoot
        assert structure(tree.K) == structure(reference.K)
        # The parent tree keeps an entry for each page and each annotation
        # left, and none for a widget taken out.
        used = set()
        for page in ours.pages:
            used.add(int(page.StructParents))
            used |= {int(a.StructParent) for a in page.get("/Annots", [])}
        assert {int(key) for key in tree.ParentTree.Nums[::2]} == used
        assert len(used) == len(reference.ParentTree.Nums) // 2
