"""Print-grade, accessible documents, checked with the tools a reviewer would
use: the W3C Nu HTML checker, axe-core in Debian's Chromium, qpdf, pdffonts
and pikepdf. `.ci/run` installs them all; on a machine without them these
tests are skipped, except in CI (CI=true), where a missing tool fails."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from rubricgen.build import BuildRequest, make, plan_build, plan_diff
from rubricgen.documents import DEFAULT_KINDS
from rubricgen.output import write_all
from rubricgen.paths import shipped
from rubricgen.schema import load_ladder
from rubricgen.views import Occasion, resolve_interview_kit
from tests.conftest import need

# These lay out PDFs and drive Chromium and the Nu checker.
pytestmark = pytest.mark.slow

BROWSER = Path(__file__).parent.parent / "browser"
VNU = BROWSER / "node_modules/vnu-jar/build/dist/vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def built(shipped_ladder, tmp_path_factory) -> Path:
    """Every document of the senior and VP levels, HTML and PDF, with names in
    two scripts, as a hiring manager would build them."""
    out = tmp_path_factory.mktemp("documents")
    occasion = Occasion(candidate="王芳", date="2026-12-01", seed=2)
    request = BuildRequest(
        levels=["senior", "vp"],
        kinds=[*DEFAULT_KINDS, "ladder"],
        formats=["html", "pdf"],
        occasion=occasion,
    )
    diff = plan_diff(
        shipped_ladder, shipped_ladder.find("pm"), shipped_ladder.find("senior"), request
    )
    write_all([*make(plan_build(shipped_ladder, request, print)), *make(diff)], out)
    return out


def files(folder: Path, suffix: str) -> list[Path]:
    found = sorted(folder.rglob(f"*{suffix}"))
    # Of each level, the kit, debrief sheet, rubric, a packet per interview,
    # its handouts and the reference-check guide if it has questions; the
    # overview, a diff.
    ladder = load_ladder(shipped("levels"))
    made = 0
    for level in (ladder.find("senior"), ladder.find("vp")):
        kit = resolve_interview_kit(ladder, level)
        made += 3 + len(kit.interviews) + len(kit.handouts()) + bool(level.reference_check)
    assert len(found) == made + 2
    return found


def test_html_passes_the_nu_checker(built):
    need(VNU.is_file(), shutil.which("java") is not None, what="The Nu HTML checker")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            *map(str, files(built, ".html")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    assert messages == [], json.dumps(messages[:5], indent=1)


def test_html_has_no_axe_violation_in_chromium(built):
    need(
        (BROWSER / "node_modules/playwright-core").is_dir(),
        (BROWSER / "node_modules/axe-core").is_dir(),
        CHROMIUM.exists(),
        what="axe-core, playwright-core or Chromium",
    )
    result = subprocess.run(
        ["node", str(BROWSER / "axe.mjs"), *map(str, files(built, ".html"))],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    violations = {f: v for f, v in json.loads(result.stdout).items() if v}
    assert violations == {}, json.dumps(violations, indent=1)[:3000]


def test_pdfs_are_sound_tagged_and_described(built):
    need(
        shutil.which("qpdf") is not None,
        shutil.which("pdffonts") is not None,
        what="qpdf or poppler-utils",
    )
    for path in files(built, ".pdf"):
        subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
        fonts = subprocess.run(
            ["pdffonts", str(path)], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
        with pikepdf.open(path) as pdf:
            assert pdf.Root.Lang == "en"
            assert pdf.Root.ViewerPreferences.DisplayDocTitle
            assert str(pdf.docinfo.Title).endswith(
                ("Senior Product Manager", "VP of Product", "Product Management ladder")
            )
            assert str(pdf.docinfo.Author) == "Head of Product"
            assert str(pdf.docinfo.Subject)
            tags = structure_tags(pdf.Root.StructTreeRoot)
            # A handout has a table only where its material has one.
            needed = (
                {"/H1", "/H2"}
                if path.parent.name == "handouts"
                else {"/H1", "/H2", "/Table", "/TH"}
            )
            assert needed <= set(tags), path.name
            assert all(figure.get("/Alt") for figure in tags.get("/Figure", []))
            if path.name == "ladder.pdf":
                assert len(tags["/Figure"]) == 1
            assert len(pdf.Root.Outlines.keys()) > 0


def structure_tags(root: pikepdf.Dictionary) -> dict[str, list[pikepdf.Dictionary]]:
    found: dict[str, list[pikepdf.Dictionary]] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if "/S" in node:
            found.setdefault(str(node.S), []).append(node)
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
        elif isinstance(kids, pikepdf.Array):
            stack += [k for k in kids if isinstance(k, pikepdf.Dictionary)]
    return found


@pytest.mark.parametrize(
    "name",
    [
        "王芳",
        "Zoë Ní Bhriain",
        "佐藤 花子",
        "김민준",
        "ليلى حداد",
        "נועה כהן",
        "Анна Петрова",
        "Ελένη",
    ],
)
def test_names_in_any_script_print_as_text(small_ladder, weasyprint_warnings, name):
    request = BuildRequest(
        levels=["chef"], kinds=["debrief-sheet"], formats=["pdf"], occasion=Occasion(candidate=name)
    )
    (pdf,) = make(plan_build(small_ladder, request, print))
    assert weasyprint_warnings() == []
    text = PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert f"Candidate: {name}" in text
