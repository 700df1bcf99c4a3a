"""What a PDF may show and read: text that cannot rewrite its page, no file
outside the template folders, and a rebuild when the fonts or the PDF stack
change."""

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import pytest

from rubricgen.build import BuildRequest, make, plan_build
from rubricgen.paths import shipped
from rubricgen.renderer.pdf import make_pdf, stack_fingerprint
from rubricgen.schema import LadderError
from rubricgen.views import Occasion

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.slow

FORGERIES = [
    "Ada\r}} main *{display:none} main::before{content:'FORGED'} @page{x:\"",
    "Ada\f} body { display: none } @page { @top-left { content: 'FORGED' } }",
    'Ada" } main { display: none } main::before { content: "FORGED" } x { x: "',
]


def debrief_sheet_text(ladder, name: str) -> tuple[list[str], int]:
    """The lines and page count of the chef's debrief sheet as the build makes
    it (content, page furniture and the candidate's header), with `name` as
    both the candidate's and the ladder's."""
    info = ladder.definitions.ladder.model_copy(update={"name": name})
    renamed = replace(ladder, definitions=ladder.definitions.model_copy(update={"ladder": info}))
    request = BuildRequest(
        levels=["chef"],
        kinds=["debrief-sheet"],
        formats=["pdf"],
        occasion=Occasion(candidate=name),
    )
    (pdf,) = make(plan_build(renamed, request, print))
    # pdftotext, not pypdf: pypdf garbles a font once a glyph is missing (the
    # form feed has none), pdftotext reads what is printed.
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True
    ).stdout.decode()
    assert pdf.pages is not None
    return text.splitlines(), pdf.pages


@pytest.mark.parametrize("forgery", FORGERIES, ids=["CR", "FF", "quote"])
def test_a_name_cannot_rewrite_the_debrief_sheet(small_ladder, forgery):
    """The candidate's name and the ladder's name go into the page's CSS
    (its running header and footer): whatever they hold, the sheet prints
    every line it prints for a plain name, on as many pages."""
    plain, pages = debrief_sheet_text(small_ladder, "Ada")
    forged, forged_pages = debrief_sheet_text(small_ladder, forgery)
    assert forged_pages == pages
    # Words, not lines: a longer name wraps the header differently.
    words = {word for line in forged for word in line.split()}
    expected = {word for line in plain for word in line.split()} - {"Ada", "ADA"}
    assert len(expected) > 50
    assert expected - words == set()
    assert "FORGED" not in forged  # no line of its own


def write_template_with(folder: Path, tag: str) -> Path:
    folder.mkdir()
    base = (shipped("templates") / "base.j2.html").read_text()
    (folder / "base.j2.html").write_text(base.replace("</head>", f"{tag}\n</head>", 1))
    return folder / "base.j2.html"


def test_a_refused_attachment_is_located_in_its_template(tmp_path):
    """Through the command line: a traceback once, as WeasyPrint fetches
    attachments only when it writes the PDF."""
    tag = '<link rel="attachment" href="file:///etc/hostname">'
    template = write_template_with(tmp_path / "templates", tag)
    line = template.read_text().splitlines().index(tag) + 1
    done = subprocess.run(
        [
            *(sys.executable, "-m", "rubricgen", "build", "--levels-dir"),
            str(ROOT / "tests" / "data" / "small"),
            *("--templates-dir", "templates", "--level", "chef", "-f", "pdf"),
            *("--kind", "promotion-rubric", "-o", "out"),
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(
        f"templates/base.j2.html:{line}:30: template: The template refers to "
        "file:///etc/hostname; only files inside the template folders"
    ), done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("tag", "reference"),
    [
        (
            '<img src="../../../../../../../etc/hostname" alt="">',
            "../../../../../../../etc/hostname",
        ),
        (
            '<link rel="stylesheet" href="http://example.invalid/a.css">',
            "http://example.invalid/a.css",
        ),
        ("<style>p { background: url('/etc/hostname') }</style>", "/etc/hostname"),
    ],
    ids=["image", "stylesheet", "css url"],
)
def test_a_refused_url_is_located_where_the_template_writes_it(tmp_path, tag, reference):
    template = write_template_with(tmp_path / "templates", tag)
    line = template.read_text().splitlines().index(tag) + 1
    html = f'<html lang="en"><head><title>t</title>{tag}</head><body><p>x</p></body></html>'
    folders = (tmp_path / "templates", shipped("templates"))
    with pytest.raises(LadderError) as caught:
        make_pdf(html, "", folders[0], folders)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (line, tag.index(reference) + 1), str(problem)
    assert problem.file.endswith("templates/base.j2.html")


def test_the_pdf_stack_and_its_versions_are_in_the_fingerprint():
    fingerprint = stack_fingerprint()
    for package in ("weasyprint", "pydyf", "tinycss2", "fonttools", "selectolax", "pikepdf"):
        assert f"{package} {version(package)}" in fingerprint
    assert re.search(r"^pango b'1\.\d+\.\d+'$", fingerprint, re.MULTILINE)
    assert re.search(r"^harfbuzz b'\d+\.\d+\.\d+'$", fingerprint, re.MULTILINE)
    assert "DejaVuSans.ttf" in fingerprint


def test_a_font_installed_changes_the_fingerprint(tmp_path):
    """Run with a fontconfig of its own, reading one folder of fonts."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    environment = {**os.environ, "FONTCONFIG_FILE": str(config), "PYTHONPATH": str(ROOT)}

    def fingerprint() -> str:
        return subprocess.run(
            [
                sys.executable,
                "-c",
                "from rubricgen.renderer.pdf import stack_fingerprint as f; print(f())",
            ],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    before = fingerprint()
    dejavu = next(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))
    shutil.copy(dejavu, fonts / "Extra.ttf")
    after = fingerprint()
    assert "Extra.ttf" not in before and "Extra.ttf" in after
    assert before != after


def test_weasyprint_is_not_imported_for_the_fingerprint():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from rubricgen.renderer.pdf import stack_fingerprint as f; f(); "
            "print('weasyprint' in sys.modules)",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"
