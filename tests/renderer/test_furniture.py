"""Page furniture drawn over content laid out once: footers on one line, page
numbers through each PDF, tags kept whole, the facts `debrief` reads, and the
candidate fast path giving exactly what a cold build gives."""

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from rubricgen.build import BuildRequest, build, make, plan_build
from rubricgen.cache import CACHE_DIR
from rubricgen.schema import load_ladder
from rubricgen.views import Occasion
from tests.conftest import SMALL

pytestmark = pytest.mark.slow

LONG_NAME = "Zoë Ní Bhriain-Montgomery-Fitzwilliam"
LONG_LADDER = "Test Kitchen and Pastry Section career ladder for every brigade"
MARGIN = 18 / 25.4 * 72  # the page's top and bottom margins, in points


@pytest.fixture(scope="module")
def long_ladder(tmp_path_factory):
    """The small ladder under a long name, as a real ladder's may be."""
    folder = tmp_path_factory.mktemp("ladder") / "levels"
    shutil.copytree(SMALL, folder)
    ladder_file = folder / "ladder.yaml"
    ladder_file.write_text(
        ladder_file.read_text().replace("name: Test Kitchen ladder", f"name: {LONG_LADDER}")
    )
    return load_ladder(folder)


def built(ladder, paper: str, **occasion) -> dict[str, bytes]:
    request = BuildRequest(
        levels=["chef"], formats=["pdf"], paper=paper, occasion=Occasion(**occasion)
    )
    return {item.path.as_posix(): item.data for item in make(plan_build(ladder, request, print))}


@pytest.fixture(scope="module", params=["letter", "a4"])
def pdfs(request, long_ladder):
    return built(long_ladder, request.param, candidate=LONG_NAME, date="2026-12-01", seed=7)


def footer_lines(page) -> list[str]:
    """The text lines in the page's bottom margin, left to right."""
    words = [w for w in page.extract_words() if w["top"] > page.height - MARGIN]
    lines: dict[int, list[dict]] = {}
    for word in words:
        lines.setdefault(round(word["top"]), []).append(word)
    return [" ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])) for ws in lines.values()]


def test_every_footer_is_one_line_numbering_pages_through_its_pdf(pdfs):
    assert {"chef/interview-kit.pdf", "chef/panel/01-station.pdf"} <= set(pdfs)
    for name, data in pdfs.items():
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            total = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                lines = footer_lines(page)
                assert len(lines) == 1, (name, number, lines)
                assert lines[0].endswith(f"Page {number} of {total}"), (name, lines)
                words = page.extract_words()
                assert all(w["x0"] >= 0 and w["x1"] <= page.width for w in words)


def test_header_names_the_candidate_date_and_part(pdfs):
    with pdfplumber.open(io.BytesIO(pdfs["chef/interview-kit.pdf"])) as pdf:
        headers = [
            " ".join(w["text"] for w in page.extract_words() if w["bottom"] < MARGIN)
            for page in pdf.pages
        ]
    assert all(f"Candidate: {LONG_NAME} Date: 2026-12-01" in h for h in headers), headers
    assert any("Interview 2 of 4: Tasting" in h for h in headers), headers
    assert "Debrief sheet" in headers[-1]


def test_footer_names_the_document_ladder_and_seed_in_words_a_reader_knows(pdfs):
    with pdfplumber.open(io.BytesIO(pdfs["chef/panel/01-station.pdf"])) as pdf:
        footer = footer_lines(pdf.pages[0])[0]
    assert footer.startswith("Interview packet: Station")
    assert "seed 7" in footer
    assert "standard set" not in footer


def structure(data: bytes) -> tuple[list[str], int]:
    """The roles of the top-level structure elements, and the number of
    marked-content references, checked to point at pages of this PDF."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked
        pages = {page.objgen for page in pdf.pages}
        tree = root.StructTreeRoot
        nums = tree.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        # A page's key holds its marked content; a form field's widget has a
        # key of its own, for the element that holds it.
        page_keys = sorted(int(page.StructParents) for page in pdf.pages)
        assert page_keys == keys[: len(page_keys)]
        assert len(set(keys)) == len(keys) and int(tree.ParentTreeNextKey) > max(keys)
        document = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
        references = 0
        for index in range(1, len(nums), 2):
            if int(nums[index - 1]) not in page_keys:
                assert "/S" in nums[index]  # a widget's element
                continue
            for element in nums[index]:
                assert element.Pg.objgen in pages
                references += 1
        return [str(kid.S) for kid in document.K], references


def test_the_kit_keeps_every_part_tagged_under_one_structure_tree(pdfs):
    kit_roles, kit_refs = structure(pdfs["chef/interview-kit.pdf"])
    parts = [name for name in pdfs if "/panel/" in name] + ["chef/debrief-sheet.pdf"]
    part_roles = [structure(pdfs[name]) for name in parts]
    assert kit_refs > sum(refs for _, refs in part_roles)  # the cover's too
    assert kit_roles[-sum(len(roles) for roles, _ in part_roles) :] == [
        role for roles, _ in part_roles for role in roles
    ]
    with pikepdf.open(io.BytesIO(pdfs["chef/interview-kit.pdf"])) as kit:
        outline = [item.title for item in kit.open_outline().root]
    assert outline[-1] == "Sous chef"  # the debrief sheet's, after the cover's and packets'
    assert len(outline) == 1 + len(parts)


def test_pdfs_are_sound_with_fonts_embedded(pdfs, tmp_path):
    if shutil.which("qpdf") is None or shutil.which("pdffonts") is None:
        pytest.skip("qpdf or poppler-utils is not installed; .ci/run installs them.")
    for name, data in pdfs.items():
        path = tmp_path / "file.pdf"
        path.write_bytes(data)
        subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
        fonts = subprocess.run(
            ["pdffonts", str(path)], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), (name, fonts)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert re.search(r"Page 1 of \d+\n", text), name


def test_each_pdf_records_what_debrief_reads(long_ladder):
    pdfs = built(long_ladder, "letter", seed=None)
    expected = {
        "/RubricgenLevel": "chef",
        "/RubricgenLadderVersion": "1.0",
        "/RubricgenSeed": "",
        "/RubricgenCandidate": "",
        "/RubricgenDate": "",
    }
    for name, kind, interview in [
        ("chef/panel/02-tasting.pdf", "panel-packet", "tasting"),
        ("chef/interview-kit.pdf", "interview-kit", None),
        ("chef/promotion-rubric.pdf", "promotion-rubric", None),
    ]:
        with pikepdf.open(io.BytesIO(pdfs[name])) as pdf:
            facts = {k: str(v) for k, v in pdf.docinfo.items() if k.startswith("/Rubricgen")}
        wanted = {**expected, "/RubricgenKind": kind}
        if interview:
            wanted["/RubricgenInterview"] = interview
        assert facts == wanted, name


def test_the_next_candidate_costs_no_layout_and_equals_a_cold_build(small_ladder, tmp_path):
    def request(out: Path, name: str) -> BuildRequest:
        occasion = Occasion(candidate=name, date="2026-12-02", seed=3)
        return BuildRequest(levels=["chef"], formats=["pdf"], output_dir=out, occasion=occasion)

    cold = tmp_path / "cold"
    build(small_ladder, request(cold, LONG_NAME), print)
    warm = tmp_path / "warm"
    build(small_ladder, request(warm, "Ada Lovelace"), print)
    cached = set((warm / CACHE_DIR).iterdir())
    build(small_ladder, request(warm, LONG_NAME), print)
    # Only the new candidate's header was laid out: one one-page PDF per label.
    new = set((warm / CACHE_DIR).iterdir()) - cached
    assert len(new) == 2  # "Candidate" (kit, packets, debrief sheet), "Person" (rubric)
    assert all(len(pikepdf.open(path).pages) == 1 for path in new)
    made = sorted(
        p.relative_to(cold).as_posix() for p in cold.rglob("*.pdf") if CACHE_DIR not in p.parts
    )
    assert len(made) == 10  # kit, 4 packets, debrief sheet, rubric, reference check, 2 handouts
    for name in made:
        first, second = (cold / name).read_bytes(), (warm / name).read_bytes()
        with pdfplumber.open(io.BytesIO(first)) as a, pdfplumber.open(io.BytesIO(second)) as b:
            assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages]
        assert structure(first) == structure(second)
        with pikepdf.open(io.BytesIO(first)) as a, pikepdf.open(io.BytesIO(second)) as b:
            assert dict(a.docinfo.items()) == dict(b.docinfo.items())
            assert str(b.docinfo["/RubricgenCandidate"]) == LONG_NAME
        assert first == second, name


def test_the_next_candidates_own_command_never_imports_weasyprint(tmp_path):
    out = tmp_path / "out"

    def run(name: str) -> str:
        """`rubricgen build` for `name`, as a user runs it; then whether
        WeasyPrint was imported on the way."""
        arguments = ["build", "--levels-dir", str(SMALL), "--level", "chef", "--format", "pdf"]
        arguments += ["--output-dir", str(out), "--candidate", name, "--date", "2026-12-02"]
        code = (
            "import sys\n"
            "from rubricgen.__main__ import main\n"
            "try:\n"
            f"    main({arguments!r})\n"
            "except SystemExit as stop:\n"
            "    assert stop.code in (0, None), stop.code\n"
            "print('weasyprint' in sys.modules)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    run("Ada Lovelace")  # lays everything out (in processes of its own)
    # Had anything been laid out, the build would have imported WeasyPrint
    # itself, before starting processes or to lay it out in its own.
    assert run("Grace Hopper") == "False"
    with pdfplumber.open(out / "chef" / "interview-kit.pdf") as pdf:
        assert all("Candidate: Grace Hopper" in page.extract_text() for page in pdf.pages)
