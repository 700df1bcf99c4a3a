"""Question materials, and the candidate's handouts made from them.

A question's materials are split by audience: the interviewer's (a hidden
brief, the facts to release, the expected arithmetic) print in the packet on a
page before the question; the candidate's print as a handout of their own, one
file per interview, never inside an interviewer's packet."""

from typing import ClassVar, Literal

from rubricgen.views.common import LevelDocument, View


class Material(View):
    audience: Literal["candidate", "interviewer"]
    given: Literal["before", "during"]
    title: str
    body: str
    table: list[list[str]] | None


class InterviewHeading(View):
    number: int
    id: str
    title: str
    minutes: int


class SendAhead(View):
    """One line of the recruiter's list: which handout goes out, and when."""

    handout: str  # the file, beside the kit: handouts/NN-<interview>
    interview: InterviewHeading
    title: str
    given: Literal["before", "during"]
    what_to_do: str


class Handout(LevelDocument):
    """The candidate's materials for one interview, printed apart from every
    interviewer's packet."""

    html_template: ClassVar[str] = "handout.j2.html"
    markdown_template: ClassVar[str] = "handout.j2.md"
    person_label: ClassVar[str | None] = "Candidate"
    # How the candidate gets each material, in words for the candidate.
    given_notes: ClassVar[dict[str, str]] = {
        "before": "Sent to you before your interview day.",
        "during": "Given to you in the interview.",
    }

    kind: Literal["handout"] = "handout"
    interview: InterviewHeading
    materials: list[Material]


# What the recruiter does with a candidate's material, by when it is given.
RECRUITER_STEPS = {
    "before": "Send it to the candidate before the interview day.",
    "during": "Print a copy for the interviewer, who hands it over in the interview.",
}
# What the interviewer does with it, on the question's page.
INTERVIEWER_STEPS = {
    "before": 'The candidate was sent the handout "{title}" before the day; bring a spare copy.',
    "during": 'Give the candidate the handout "{title}" as you ask this question.',
}
# When the interviewer reads their own material.
INTERVIEWER_MATERIAL_WHEN = {
    "before": "Read this before the interview day.",
    "during": "Keep this beside you during the interview.",
}
