"""The packets, the kit and the debrief sheet as printed, read back from the
PDFs (pdfplumber for positions, pypdf for the form): each question shares its
page with its notes and leaves a third of the page to write in, writing areas
fill their pages, a packet runs without the kit, the debrief sheet prints
every competency whole with its weight on one page, and each packet is a form
with the fields `rubricgen debrief` reads. Built once per paper, for senior
and VP, with a long candidate name."""

import io
import itertools
import re
from dataclasses import dataclass

import pdfplumber
import pytest
from pypdf import PdfReader

from rubricgen.build import BuildRequest, make, plan_build
from rubricgen.views import InterviewKit, Occasion, resolve_interview_kit
from tests.paper import body_bottom

# Every test here lays out PDFs.
pytestmark = pytest.mark.slow

CANDIDATE = "Zoë Ní Bhriain-Montgomery-Fitzwilliam"
LEVELS = ("senior", "vp")
HEADING_SIZE = 11.5  # a question's heading is larger than any other "Question K:" on paper


@dataclass(frozen=True)
class Built:
    files: dict[str, bytes]
    kits: dict[str, InterviewKit]
    paper: str

    def packets(self):
        """(kit, interview, PDF bytes) of every packet."""
        for level, kit in self.kits.items():
            for interview in kit.interviews:
                name = f"{level}/panel/{interview.number:02d}-{interview.id}.pdf"
                yield kit, interview, self.files[name]


@pytest.fixture(scope="module", params=["letter", "a4"])
def built(request, shipped_ladder) -> Built:
    occasion = Occasion(candidate=CANDIDATE, seed=7)
    build = BuildRequest(
        levels=LEVELS,
        kinds=("interview-kit", "panel-packet", "debrief-sheet"),
        formats=("pdf",),
        paper=request.param,
        occasion=occasion,
    )
    files = {str(item.path): item.data for item in make(plan_build(shipped_ladder, build, print))}
    kits = {
        level: resolve_interview_kit(shipped_ladder, shipped_ladder.find(level), occasion)
        for level in LEVELS
    }
    return Built(files, kits, request.param)


def pages(data: bytes):
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield from pdf.pages


def flat(text: str) -> str:
    """White space collapsed; a line that breaks after a hyphen ("build-or-",
    "buy") joined again."""
    return " ".join(re.sub(r"-\n", "-", text).split())


def question_headings(words: list[dict]) -> list[int]:
    """The numbers of the questions whose heading is on this page."""
    return [
        int(after["text"][:-1])
        for word, after in itertools.pairwise(words)
        if word["text"] == "Question"
        and re.fullmatch(r"\d+:", after["text"])
        and word["size"] >= HEADING_SIZE
    ]


def test_each_question_shares_its_page_with_its_notes_and_a_third_to_write_in(built):
    for _, interview, data in built.packets():
        seen = []
        for page in pages(data):
            words = page.extract_words(extra_attrs=["size"])
            numbers = question_headings(words)
            if not numbers:
                continue
            where = f"{interview.id}, page {page.page_number}"
            assert len(numbers) == 1, where
            heading = next(
                w for w in words if w["text"] == "Question" and w["size"] >= HEADING_SIZE
            )
            label = next(w for w in words if w["text"] == "Notes:")
            assert label["top"] > heading["bottom"], where
            below = [w["top"] for w in words if w["top"] > label["bottom"]]
            room = (min(below) if below else page.height) - label["bottom"]
            assert room >= page.height / 3, (where, room / page.height)
            seen += numbers
        assert seen == list(range(1, len(interview.questions) + 1)), interview.id


def test_every_writing_area_fills_its_page(built):
    for _, interview, data in built.packets():
        every = list(pages(data))
        for page in every[:-1]:
            boxes = [
                a for a in page.annots if str(a.get("title")).startswith(("notes:", "evidence"))
            ]
            for box in boxes:
                where = f"{interview.id}, page {page.page_number}"
                assert box["bottom"] >= 0.75 * page.height, where


def test_the_kit_opens_with_the_loop_on_a_full_first_page(built):
    """The loop's rows are short and fill what the role and the rules leave
    of the first page; a competency's row, too tall for it, waited for the
    next page and left half of the first one empty."""
    for level, kit in built.kits.items():
        first = next(pages(built.files[f"{level}/interview-kit.pdf"]))
        text = flat(first.extract_text())
        headings = [
            "The role at this level",
            "How to run a structured interview",
            "The interview loop",
        ]
        where = [text.find(heading) for heading in headings]
        assert -1 not in where and where == sorted(where), (level, where)
        cells = {
            flat(cell) for table in first.extract_tables() for row in table for cell in row if cell
        }
        assert kit.interviews[0].title in cells, level
        assert body_bottom(first, built.paper) >= 0.9, level


def test_a_packet_runs_without_the_kit_and_prints_no_question_id(built):
    for kit, interview, data in built.packets():
        text = flat(" ".join(page.extract_text() for page in pages(data)))
        # Table rows as printed, their empty cells left out (pdfplumber also
        # reads the page's rules as the edges of larger tables).
        rows = [
            [flat(cell) for cell in row if cell]
            for page in pages(data)
            for table in page.extract_tables()
            for row in table
        ]
        for option in kit.recommendation_scale:
            assert [option.label, flat(option.description)] in rows, (interview.id, option.id)
        for point in kit.rating_scale:
            row = [str(point.rating), point.label, flat(point.description)]
            assert row in rows, (interview.id, point.rating)
        assert kit.level.title in text and flat(kit.level.scope) in text
        if kit.decision_rule:
            assert flat(kit.decision_rule) in text, interview.id
        for question in interview.questions:
            assert flat(question.text) in text, question.id
            assert question.id not in text, question.id


def test_the_debrief_sheet_is_one_page_with_every_competency_whole_and_its_weight(built):
    for level, kit in built.kits.items():
        (page,) = pages(built.files[f"{level}/debrief-sheet.pdf"])
        words = page.extract_words(extra_attrs=["size"])
        header = next(w for w in words if w["text"] == "Competency")
        weight = next(w for w in words if w["text"] == "Weight" and w["top"] == header["top"])
        below = next(w for w in words if w["top"] > header["bottom"] and w["size"] >= 11)
        names = page.within_bbox(
            (header["x0"] - 2, header["bottom"], weight["x0"] - 2, below["top"])
        )
        expected = [row.name for row in kit.debrief]
        assert flat(names.extract_text()) == " ".join(expected), level
        weights = [w for w in words if abs(w["x0"] - weight["x0"]) < 1 and w["top"] > weight["top"]]
        weights = [w for w in weights if w["top"] < below["top"]]
        assert len(weights) == len(expected), level
        for word, row in zip(weights, kit.debrief, strict=True):
            line = [
                w["text"]
                for w in words
                if abs(w["top"] - word["top"]) < 1 and w["x0"] >= word["x0"]
            ]
            assert line[:2] == [row.weight_label, f"({row.weight})"], (level, row.name)
        text = flat(page.extract_text())
        if kit.decision_rule:
            assert flat(kit.decision_rule) in text, level


def test_packets_are_forms_with_the_fields_debrief_reads_and_the_kit_has_none(built):
    for kit, interview, data in built.packets():
        fields = PdfReader(io.BytesIO(data)).get_fields()
        ratings = [str(point.rating) for point in kit.rating_scale]
        expected = {"interviewer", "recommendation", "evidence"}
        expected |= {f"rating:{c}" for c in interview.competencies}
        expected |= {f"notes:{q.id}" for q in interview.questions}
        assert set(fields) == expected, interview.id
        for competency in interview.competencies:
            states = fields[f"rating:{competency}"]["/_States_"]
            assert [s for s in states if s != "/Off"] == [f"/{r}" for r in [*ratings, "na"]]
        states = fields["recommendation"]["/_States_"]
        assert [s for s in states if s != "/Off"] == [f"/{o.id}" for o in kit.recommendation_scale]
        for name in expected - {"recommendation"} - {f"rating:{c}" for c in interview.competencies}:
            assert fields[name]["/FT"] == "/Tx", name
    for level in built.kits:
        for name in ("interview-kit", "debrief-sheet"):
            assert PdfReader(io.BytesIO(built.files[f"{level}/{name}.pdf"])).get_fields() is None
