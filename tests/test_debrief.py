"""`rubricgen debrief` end to end: packets filled by a script, the summary
written in HTML, PDF and JSON, and every misfit refused by name."""

import io
import json
import re

import pdfplumber
import pytest
from pypdf import PdfReader

from rubricgen.__main__ import main
from rubricgen.build import BuildRequest, make, plan_build
from rubricgen.views import Occasion, resolve_interview_kit
from tests.paper import overprinted_words
from tests.scorecard_packets import fill


def real_packets(ladder, level: str, candidate: str) -> dict[str, bytes]:
    """The packets `build` makes for `level`, by file name, for `candidate`
    on 2026-12-01 with seed 3."""
    occasion = Occasion(candidate=candidate, date="2026-12-01", seed=3)
    request = BuildRequest(
        levels=[level], kinds=["panel-packet"], formats=["pdf"], occasion=occasion
    )
    return {item.path.stem: item.data for item in make(plan_build(ladder, request, print))}


@pytest.fixture(scope="module")
def filled(shipped_ladder, tmp_path_factory):
    """The packets `build` made for Ada Lovelace, every senior interview but
    the last filled in: one competency rated 1 and 3 by two interviewers, one
    radio left unset, the rest 3."""
    folder = tmp_path_factory.mktemp("packets")
    packets = real_packets(shipped_ladder, "senior", "Ada Lovelace")
    kit = resolve_interview_kit(shipped_ladder, shipped_ladder.find("senior"), Occasion(seed=3))
    interviews = kit.interviews[:-1]
    owners: dict[str, list[str]] = {}
    for interview in interviews:
        for competency in interview.competencies:
            owners.setdefault(competency, []).append(interview.id)
    split = next(c for c, ids in owners.items() if len(ids) >= 2)
    unset = (interviews[-1].id, next(c for c in interviews[-1].competencies if c != split))
    expected: dict[str, dict[str, str | None]] = {}
    paths = []
    for interview in interviews:
        values = {"interviewer": f"Interviewer {interview.number}", "recommendation": "/yes"}
        for competency in interview.competencies:
            rating = "1" if (competency, interview.id) == (split, owners[split][0]) else "3"
            if (interview.id, competency) == unset:
                expected.setdefault(competency, {})[interview.id] = None
                continue
            values[f"rating:{competency}"] = f"/{rating}"
            expected.setdefault(competency, {})[interview.id] = rating
        for question in interview.questions:
            values[f"notes:{question.id}"] = f"{interview.title}: what was said."
        values["evidence"] = "Named the trade-off and who lost out."
        path = folder / f"{interview.number:02d}-{interview.id}.pdf"
        path.write_bytes(fill(packets[path.stem], values))
        paths.append(path)
    return folder, paths, kit, expected, split


@pytest.mark.slow
def test_the_summary_of_four_packets_of_five(runner, filled, tmp_path):
    folder, paths, kit, expected, split = filled
    out = tmp_path / "out"
    before = sorted(folder.iterdir())
    result = runner.invoke(main, ["debrief", "--level", "senior", "-o", str(out), *map(str, paths)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "senior").iterdir()) == [
        "debrief-summary.html",
        "debrief-summary.json",
        "debrief-summary.pdf",
    ]
    assert sorted(folder.iterdir()) == before  # nothing written beside the packets
    data = json.loads((out / "senior/debrief-summary.json").read_text())
    assert data["ratings"] == expected
    assert data["flagged"] == [split]
    assert data["missing"] == [kit.interviews[-1].id]
    assert data["recommendations"] == {i.id: "yes" for i in kit.interviews[:-1]}
    with pdfplumber.open(out / "senior/debrief-summary.pdf") as pdf:
        assert all(overprinted_words(page) == [] for page in pdf.pages)
    reader = PdfReader(io.BytesIO((out / "senior/debrief-summary.pdf").read_bytes()))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Ada Lovelace" in text
    assert "Discuss" in text and "Interviewer 1" in text
    assert "Named the trade-off and who lost out." in text
    assert "Missing: no scorecard came in for this interview." in text


@pytest.mark.slow
@pytest.mark.parametrize("intruder", ["vp", "other-candidate", "text"])
def test_a_file_that_does_not_belong_stops_the_debrief(
    runner, filled, shipped_ladder, tmp_path, intruder
):
    _, paths, kit, _, _ = filled
    last = kit.interviews[-1].id
    bad = tmp_path / f"{intruder}.{'txt' if intruder == 'text' else 'pdf'}"
    if intruder == "vp":
        bad.write_bytes(next(iter(real_packets(shipped_ladder, "vp", "Ada Lovelace").values())))
    elif intruder == "other-candidate":
        other = real_packets(shipped_ladder, "senior", "Charles Babbage")
        bad.write_bytes(other[f"{kit.interviews[-1].number:02d}-{last}"])
    else:
        bad.write_text("Ada did well.\n")
    out = tmp_path / "out"
    args = ["debrief", "--level", "senior", "-o", str(out), *map(str, paths), str(bad)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert bad.name in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.slow
def test_paper_scorecards_in_a_csv_join_the_packets(runner, filled, tmp_path):
    _, paths, kit, _, _ = filled
    last = kit.interviews[-1]
    rows = ["interview,competency,rating,interviewer"]
    rows += [f"{last.id},{c},2,Ada Byron" for c in last.competencies]
    rows.append(f"{last.id},recommendation,no,Ada Byron")
    paper = tmp_path / "paper.csv"
    paper.write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    args = ["debrief", "-l", "senior", "-o", str(out), *map(str, paths), str(paper)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "senior/debrief-summary.json").read_text())
    assert data["missing"] == []
    assert data["recommendations"][last.id] == "no"
    for competency in last.competencies:
        assert data["ratings"][competency][last.id] == "2"
    html = (out / "senior/debrief-summary.html").read_text()
    assert "Ada Byron" in html and "paper.csv" in html


def test_a_csv_that_does_not_fit_the_level_is_refused_at_its_row_and_column(runner, tmp_path):
    paper = tmp_path / "paper.csv"
    paper.write_text("interview,competency,rating\nstrategy,communication,3\nlunch,strategy,3\n")
    out = tmp_path / "out"
    result = runner.invoke(main, ["debrief", "-l", "senior", "-o", str(out), str(paper)])
    assert result.exit_code == 1
    assert "paper.csv:3:1: scorecard: No interview 'lunch' in the senior loop" in result.stderr
    assert "1 problem found; nothing was written." in result.stderr
    assert not out.exists()


def test_debrief_needs_a_level_and_files_that_exist(runner, tmp_path):
    assert runner.invoke(main, ["debrief", str(tmp_path / "none.pdf")]).exit_code == 2
    result = runner.invoke(main, ["debrief", "-l", "senior", str(tmp_path / "none.pdf")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    paper = tmp_path / "paper.csv"
    paper.write_text("interview,competency,rating\n")
    result = runner.invoke(main, ["debrief", "-l", "nosuch", str(paper)])
    assert result.exit_code == 2 and "No level 'nosuch'" in result.stderr
