"""The reference-check guide of one level: how to run a reference call
fairly, what never to ask, and the level's own questions, each tied to a
competency with what to listen for and room for notes.

The guidance is written here once, for every format, and for any ladder and
any country: it names kinds of question, not one country's law."""

from typing import ClassVar, Literal

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views.common import (
    LevelDocument,
    NotMade,
    Occasion,
    View,
    ladder_meta,
    level_meta,
)

HOW_TO_RUN = (
    "Ask the candidate's consent before you contact anyone, and call only the people they "
    "named or agreed to. Tell each reference why you are calling and who will read the notes.",
    "Speak to at least two references who saw the candidate's work from different sides: a "
    "manager, a peer, someone they led or worked for.",
    "Open by asking how the reference knows the candidate, in what role and for how long, "
    "and write down how closely they saw the work.",
    "Ask every reference for this level the questions below, in the same words and order, "
    "so that what you hear can be compared between references and between candidates.",
    "Ask for what the reference saw the candidate do: a situation, what the candidate did, "
    "what came of it. Note opinions and second-hand accounts as such; they are not evidence.",
    "Write your notes during the call, in the reference's words where you can, not from "
    "memory afterwards.",
    "A reference confirms or questions what the interviews found; it never replaces a "
    "missing rating. One glowing or damning account is a reason to ask further, not a "
    "verdict.",
)
DO_NOT_ASK = (
    "Anything about a characteristic the law protects where you hire, such as age, sex, "
    "gender identity, sexual orientation, race, ethnicity, nationality, religion or belief, "
    "disability, marital status or pregnancy. Check the list that applies to you.",
    "Health, illness, sick leave, medical history, or whether the candidate needed "
    "adjustments at work.",
    "Family, children, plans to have children, caring duties or a partner's job.",
    "Current or past pay, where the law bans asking about pay history; where it does not, "
    "ask the candidate, not the reference.",
    "Union membership, political views, or complaints and legal claims the candidate made "
    "against an employer.",
    "Criminal records or credit history, unless the law allows it for this role and the "
    "candidate was told in advance.",
    "Private life, social media or rumour: anything the reference did not see at work.",
)
OFF_LIMITS_NOTE = (
    "If a reference brings any of this up, do not write it down, and steer the call back to "
    "the work."
)


class ReferenceQuestion(View):
    number: int
    competency: str
    competency_name: str
    text: str
    listen_for: list[str]


class ReferenceCheck(LevelDocument):
    """The guide a recruiter or hiring manager runs reference calls from."""

    html_template: ClassVar[str] = "reference_check.j2.html"
    markdown_template: ClassVar[str] = "reference_check.j2.md"
    person_label: ClassVar[str | None] = "Candidate"
    how_to_run: ClassVar[tuple[str, ...]] = HOW_TO_RUN
    do_not_ask: ClassVar[tuple[str, ...]] = DO_NOT_ASK
    off_limits_note: ClassVar[str] = OFF_LIMITS_NOTE
    summary_label: ClassVar[str] = (
        "What this reference confirmed or questioned, competency by competency"
    )

    kind: Literal["reference-check"] = "reference-check"
    questions: list[ReferenceQuestion]

    def pages(self) -> list[list[ReferenceQuestion | None]]:
        """The questions, then the summary (None), two to a page: each gets
        half a page for notes, and no page holds more than fits on it."""
        slots: list[ReferenceQuestion | None] = [*self.questions, None]
        return [slots[i : i + 2] for i in range(0, len(slots), 2)]


def resolve_reference_check(
    ladder: Ladder, level: LevelFile, occasion: Occasion | None = None
) -> ReferenceCheck:
    """The level's reference-check guide; `NotMade` when the level has no
    reference questions."""
    if not level.reference_check:
        raise NotMade(
            f"no reference-check guide: {level.title} has no reference_check questions; "
            f"add some to {level.id}.yaml to make one."
        )
    return ReferenceCheck(
        title=f"Reference-check guide: {level.title}",
        ladder=ladder_meta(ladder),
        level=level_meta(ladder, level),
        occasion=occasion or Occasion(),
        questions=[
            ReferenceQuestion(
                number=number,
                competency=question.competency,
                competency_name=ladder.competency(question.competency).name,
                text=question.text,
                listen_for=list(question.listen_for),
            )
            for number, question in enumerate(level.reference_check, start=1)
        ],
    )
