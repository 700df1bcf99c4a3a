"""Reading filled scorecards: packets filled as PDF forms, and CSVs typed from
paper, each checked against the level; every misfit named with its file."""

import pytest

from rubricgen.schema import LadderError
from rubricgen.schema.scorecards import read_scorecards
from rubricgen.views import Occasion, resolve_interview_kit
from tests.scorecard_packets import fill, fill_raw, make_packet


def senior_kit(ladder, seed=3):
    return resolve_interview_kit(ladder, ladder.find("senior"), Occasion(seed=seed))


def problems(error: LadderError) -> list[str]:
    return [str(problem) for problem in error.problems]


@pytest.mark.slow
@pytest.mark.parametrize("raw", [False, True], ids=["tidied", "weasyprint"])
def test_a_filled_packet_reads_back_as_filled_with_a_radio_left_unset(
    shipped_ladder, tmp_path, raw
):
    interview = senior_kit(shipped_ladder).interviews[0]
    first, *others = interview.competencies
    values = {f"rating:{first}": "/4", "recommendation": "/not-enough"}
    values |= {f"rating:{c}": "/na" for c in others[:-1]}
    question = interview.questions[0].id
    text = {"interviewer": "Grace Hopper", "evidence": "Named the metric.\nThen the guardrail."}
    text[f"notes:{question}"] = "Chose weekly active teams."
    packet = make_packet(shipped_ladder, "senior", interview.id, raw=raw)
    path = tmp_path / "packet.pdf"
    path.write_bytes((fill_raw if raw else fill)(packet, values | text))
    (card,) = read_scorecards(shipped_ladder, shipped_ladder.find("senior"), [path])
    assert card.interview == interview.id
    assert card.ratings == {first: "4", **{c: "na" for c in others[:-1]}, others[-1]: None}
    assert card.recommendation == "not-enough"
    assert card.interviewer == "Grace Hopper"
    assert card.evidence == "Named the metric.\nThen the guardrail."
    assert card.notes == {question: "Chose weekly active teams."}
    assert (card.candidate, card.date, card.seed) == ("Ada Lovelace", "2026-12-01", 3)


@pytest.mark.slow
def test_files_that_do_not_belong_are_each_refused_by_name(shipped_ladder, tmp_path):
    senior = senior_kit(shipped_ladder).interviews
    files = {
        "ours.pdf": make_packet(shipped_ladder, "senior", senior[0].id),
        "notes.txt": b"Ada was great in the strategy interview.\n",
        "vp.pdf": make_packet(shipped_ladder, "vp", "strategy"),
        "other-candidate.pdf": make_packet(
            shipped_ladder, "senior", senior[1].id, candidate="Charles Babbage"
        ),
        "other-seed.pdf": make_packet(shipped_ladder, "senior", senior[2].id, seed=4),
        "old-ladder.pdf": make_packet(shipped_ladder, "senior", senior[3].id, version="2020.1"),
        "twice.pdf": make_packet(shipped_ladder, "senior", senior[0].id),
        "rubric.pdf": make_packet(shipped_ladder, "senior", senior[4].id, kind="promotion-rubric"),
        "broken.pdf": b"%PDF-1.7\nnot really a PDF",
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    with pytest.raises(LadderError) as caught:
        read_scorecards(shipped_ladder, shipped_ladder.find("senior"), paths)
    found = problems(caught.value)
    refused = {line.split(":")[0].rsplit("/", 1)[-1] for line in found}
    assert refused == set(files) - {"ours.pdf"}
    said = "\n".join(found)
    assert "notes.txt:1:1: scorecard: This is not a filled interview packet" in said
    assert "a packet of the level 'vp', not 'senior'" in said
    assert "the candidate 'Charles Babbage'" in said and "is for 'Ada Lovelace'" in said
    assert "built with seed 4" in said
    assert "version '2020.1' of the ladder" in said
    assert f"A second scorecard for the {senior[0].id} interview" in said
    assert "rubric.pdf:1:1: scorecard: This is not a filled interview packet" in said
    assert "broken.pdf:1:1: scorecard: This PDF cannot be read" in said


@pytest.mark.slow
def test_packets_built_without_a_candidate_are_accepted_when_they_all_agree(
    shipped_ladder, tmp_path
):
    interviews = senior_kit(shipped_ladder).interviews
    paths = []
    for index, interview in enumerate(interviews[:2]):
        path = tmp_path / f"{index}.pdf"
        path.write_bytes(make_packet(shipped_ladder, "senior", interview.id, candidate=""))
        paths.append(path)
    cards = read_scorecards(shipped_ladder, shipped_ladder.find("senior"), paths)
    assert [card.candidate for card in cards] == [None, None]
    (tmp_path / "named.pdf").write_bytes(
        make_packet(shipped_ladder, "senior", interviews[2].id, candidate="Ada Lovelace")
    )
    with pytest.raises(LadderError, match=r"named\.pdf:1:1: .*candidate 'Ada Lovelace'"):
        read_scorecards(
            shipped_ladder, shipped_ladder.find("senior"), [*paths, tmp_path / "named.pdf"]
        )


def test_a_csv_of_paper_scorecards(shipped_ladder, tmp_path):
    first, second = senior_kit(shipped_ladder).interviews[:2]
    a, b, *_ = first.competencies
    rows = [
        "Interview,Competency,Rating,Interviewer",
        f"{first.id},{a},3,Grace Hopper",
        f"{first.id},{b},na,Grace Hopper",
        f"{first.id},recommendation,yes,",
        "",
        f"{second.id},{second.competencies[0]},1,Alan Turing",
    ]
    path = tmp_path / "paper.csv"
    path.write_text("\n".join(rows) + "\n")
    cards = read_scorecards(shipped_ladder, shipped_ladder.find("senior"), [path])
    assert [card.interview for card in cards] == [first.id, second.id]
    assert cards[0].ratings == {a: "3", b: "na", **{c: None for c in first.competencies[2:]}}
    assert cards[0].recommendation == "yes" and cards[0].interviewer == "Grace Hopper"
    assert cards[1].recommendation is None and cards[1].interviewer == "Alan Turing"
    assert not cards[0].from_packet


def test_a_csv_that_does_not_fit_the_level_is_refused_row_and_column(shipped_ladder, tmp_path):
    first = senior_kit(shipped_ladder).interviews[0]
    owned = first.competencies[0]
    not_owned = next(
        c.competency
        for c in shipped_ladder.find("senior").competencies
        if c.competency not in first.competencies
    )
    rows = [
        "interview,competency,rating",
        f"{first.id},{owned},5",
        f"nosuch,{owned},3",
        f"{first.id},{not_owned},3",
        f"{first.id},recommendation,maybe",
        f"{first.id},{owned},2",
        f"{first.id},{owned},3",
    ]
    path = tmp_path / "paper.csv"
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(LadderError) as caught:
        read_scorecards(shipped_ladder, shipped_ladder.find("senior"), [path])
    found = [line.split("paper.csv:")[1] for line in problems(caught.value)]
    assert found[0].startswith("2:3: scorecard: '5' is not a rating; write one of 1, 2, 3, 4, na")
    assert found[1].startswith("3:1: scorecard: No interview 'nosuch' in the senior loop")
    assert found[2].startswith(f"4:2: scorecard: The {first.id} interview does not rate")
    assert found[3].startswith("5:3: scorecard: 'maybe' is not a recommendation")
    assert found[4].startswith(f"7:2: scorecard: A second rating of '{owned}'")
    assert len(found) == 5


def test_a_csv_without_the_columns_or_not_utf8_is_refused(shipped_ladder, tmp_path):
    headless = tmp_path / "headless.csv"
    headless.write_text("analytics,strategy,3\n")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("interview,competency,rating\nanalytics,strategy,3 café\n".encode("latin-1"))
    with pytest.raises(LadderError) as caught:
        read_scorecards(shipped_ladder, shipped_ladder.find("senior"), [headless, latin])
    said = "\n".join(problems(caught.value))
    assert "headless.csv:1:1: scorecard: The first row must name the columns" in said
    assert "latin.csv:1:1: scorecard: This CSV is not UTF-8 text" in said
