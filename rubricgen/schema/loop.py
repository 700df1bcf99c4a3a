"""The interview loop's rules: which interview asks which question.

A competency's questions are shared out among the interviews that own it, in
loop order: the first owner asks the first question, the second owner the
second, and so on, wrapping round. Every question is asked exactly once, and
every interview asks at least one question per competency it owns as long as
the competency has at least as many questions as owners.
"""

from rubricgen.schema.models.level_file import LevelFile, LoopInterview, Question

# The loop rules `validate` enforces for any ladder.
MIN_INTERVIEWS = 4
MAX_INTERVIEWS = 6
MAX_COMPETENCIES_PER_INTERVIEW = 4
MIN_OWNERS_PER_COMPETENCY = 2


def owners(level: LevelFile) -> dict[str, list[str]]:
    """For each competency, the ids of the interviews that own it, in loop order."""
    result: dict[str, list[str]] = {}
    for entry in level.loop:
        for competency in entry.competencies:
            result.setdefault(competency, []).append(entry.interview)
    return result


def questions_for(level: LevelFile, entry: LoopInterview) -> list[tuple[str, Question]]:
    """The (competency id, question) pairs `entry` asks, by its competencies."""
    pools = {assessed.competency: assessed.questions for assessed in level.competencies}
    owned_by = owners(level)
    asked: list[tuple[str, Question]] = []
    for competency in entry.competencies:
        if competency not in pools:
            continue
        interviews = owned_by[competency]
        turn = interviews.index(entry.interview)
        asked += [(competency, q) for q in pools[competency][turn :: len(interviews)]]
    return asked
