"""The build's guarantees: nothing lost, nothing half-written, level text never
markup, the same bytes every time."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from rubricgen.__main__ import main
from rubricgen.cache import CACHE_DIR
from rubricgen.output import STATE_FILE, Rendered, write_all
from tests.conftest import SMALL


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_failed_build_leaves_earlier_output_exactly_as_it_was(runner, tmp_path):
    out = tmp_path / "out"
    args = ["build", "-l", "chef", "-f", "html", "--levels-dir", str(SMALL), "-o", str(out)]
    assert runner.invoke(main, args).exit_code == 0
    before = snapshot(out)
    broken = tmp_path / "templates"
    broken.mkdir()
    (broken / "promotion_rubric.j2.html").write_text("{{ doc.no_such_field }}\n")
    result = runner.invoke(main, [*args, "--templates-dir", str(broken)])
    assert result.exit_code == 1
    assert "promotion_rubric.j2.html:1:1: template: Template error" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == [STATE_FILE, "chef"]


def test_a_write_that_fails_half_way_is_rolled_back(tmp_path, monkeypatch):
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "a" / "one.html").write_text("old one")
    files = [
        Rendered(Path("a/one.html"), b"new one"),
        Rendered(Path("b/two.html"), b"new two"),
        Rendered(Path("b/three.html"), b"new three"),
    ]
    real_replace = os.replace
    calls = []

    def failing_replace(source, target):
        calls.append(target)
        if str(target).endswith("three.html"):
            raise PermissionError(13, "Permission denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(PermissionError):
        write_all(files, out)
    assert snapshot(out) == {"a/one.html": b"old one"}
    assert sorted(p.name for p in out.iterdir()) == ["a"]


def test_output_dir_that_cannot_be_made_is_a_clear_error(runner, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    target = blocker / "kits"
    result = runner.invoke(
        main, ["build", "-l", "chef", "-f", "json", "--levels-dir", str(SMALL), "-o", str(target)]
    )
    assert result.exit_code == 1
    assert "cannot write there" in result.stderr
    assert "Traceback" not in result.output
    assert blocker.read_text() == "not a folder"


HOSTILE = {
    "summary": "<script>alert(1)</script> The sous chef.",
    "scope": '<img src="file:///etc/passwd"> One station.',
    "impact": '<a href="javascript:alert(1)">click</a> One service.',
}


@pytest.mark.slow
def test_level_text_is_never_markup(runner, ladder_copy, tmp_path):
    chef = ladder_copy / "chef.yaml"
    text = chef.read_text()
    for key, value in HOSTILE.items():
        text = text.replace(f"\n{key}: ", f"\n{key}: '{value}' # ", 1)
    chef.write_text(text)
    out = tmp_path / "out"
    result = runner.invoke(
        main,
        [
            "build",
            "-l",
            "chef",
            "--kind",
            # The kit's cover prints the level's summary, scope and impact.
            "interview-kit",
            "-f",
            "html",
            "-f",
            "pdf",
            "--levels-dir",
            str(ladder_copy),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    html = (out / "chef/interview-kit.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    reader = PdfReader(io.BytesIO((out / "chef/interview-kit.pdf").read_bytes()))
    first = reader.pages[0].extract_text()
    assert "<script>alert(1)</script>" in first
    assert '<img src="file:///etc/passwd">' in first
    for page in reader.pages:
        objects = (page.get("/Resources") or {}).get("/XObject") or {}
        assert all(o.get_object().get("/Subtype") != "/Image" for o in objects.values())
    assert "root:" not in " ".join(page.extract_text() for page in reader.pages)


def build_in_subprocess(out: Path, **env: str) -> dict[str, bytes]:
    command = [
        sys.executable,
        "-m",
        "rubricgen",
        "build",
        "-l",
        "chef",
        "--seed",
        "3",
        "--kind",
        "panel-packet",
        "--kind",
        "promotion-rubric",
        "-f",
        "html",
        "-f",
        "pdf",
        "-f",
        "json",
        "--levels-dir",
        str(SMALL),
        "-o",
        str(out),
    ]
    clean = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run(command, check=True, capture_output=True, env={**clean, **env})
    return snapshot(out)


@pytest.mark.slow
def test_same_input_same_bytes_across_time_zones_and_clock_times(tmp_path):
    first = build_in_subprocess(tmp_path / "a", TZ="UTC")
    second = build_in_subprocess(tmp_path / "b", TZ="Pacific/Kiritimati")
    assert first == second
    # 4 packets and a rubric in 3 formats, and the state; the cache beside them
    outputs = [name for name in first if not name.startswith(CACHE_DIR)]
    assert len(outputs) == 3 * 5 + 1


@pytest.mark.slow
def test_source_date_epoch_dates_the_pdf(tmp_path):
    files = build_in_subprocess(tmp_path / "a", SOURCE_DATE_EPOCH="1796083200")
    reader = PdfReader(io.BytesIO(files["chef/promotion-rubric.pdf"]))
    assert reader.metadata.creation_date.date().isoformat() == "2026-12-01"
    assert "built 2026-12-01" in reader.pages[0].extract_text()


def build_chef(runner, out: Path, *extra: str):
    args = ["build", "-l", "chef", "-f", "html", "-f", "pdf", "--levels-dir", str(SMALL)]
    result = runner.invoke(main, [*args, "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.*")}


@pytest.mark.slow
def test_rebuild_with_nothing_changed_writes_nothing(runner, tmp_path):
    out = tmp_path / "out"
    first = build_chef(runner, out)
    # The kit, 4 packets, the debrief sheet, the rubric, the reference-check
    # guide and 2 handouts, in HTML and PDF.
    assert "20 files written" in first.stderr and "0 up to date" in first.stderr
    before = mtimes(out)
    second = build_chef(runner, out)
    assert "0 files written (0 PDF pages), 20 up to date" in second.stderr
    assert second.stderr.count("up to date ") == 20
    assert mtimes(out) == before


@pytest.mark.slow
def test_a_changed_option_template_or_output_is_rebuilt(runner, tmp_path):
    out = tmp_path / "out"
    build_chef(runner, out)
    # Another paper changes every PDF, not the HTML.
    result = build_chef(runner, out, "--paper", "a4")
    assert "10 files written" in result.stderr and "10 up to date" in result.stderr
    assert all(
        line.endswith(".html") for line in result.stderr.splitlines() if "up to date " in line
    )
    # A file edited by hand is made again.
    (out / "chef/debrief-sheet.html").write_text("edited")
    result = build_chef(runner, out, "--paper", "a4")
    assert "wrote" in result.stderr and "1 file written" in result.stderr
    assert (out / "chef/debrief-sheet.html").read_text() != "edited"
    # A template, even one only the PDF reads, invalidates what uses it.
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "pdf.j2.css").write_text(
        (Path(__file__).parent.parent / "templates/pdf.j2.css").read_text() + "\n/* changed */\n"
    )
    result = build_chef(runner, out, "--paper", "a4", "--templates-dir", str(templates))
    assert "10 files written" in result.stderr
