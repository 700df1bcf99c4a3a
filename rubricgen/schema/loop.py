"""The interview loop's rules: which interview asks which question.

Each competency has a pool of equivalent questions. Every interview that owns
the competency asks `questions_per_competency` of them (one unless the loop
says otherwise), and no question is asked twice. The pool is taken in file
order, or in an order shuffled by a seed: one seed per opening gives every
candidate for that opening the same questions, while openings differ.
"""

import random

from rubricgen.schema.models.level_file import LevelFile, LoopInterview, Question

# The loop rules `validate` enforces for any ladder.
MIN_INTERVIEWS = 4
MAX_INTERVIEWS = 6
MAX_COMPETENCIES_PER_INTERVIEW = 4
MIN_OWNERS_PER_COMPETENCY = 2


def owners(level: LevelFile) -> dict[str, list[LoopInterview]]:
    """For each competency, the interviews that own it, in loop order."""
    result: dict[str, list[LoopInterview]] = {}
    for entry in level.loop:
        for competency in entry.competencies:
            result.setdefault(competency, []).append(entry)
    return result


def questions_needed(level: LevelFile, competency: str) -> int:
    """How many distinct questions the loop asks about `competency`."""
    return sum(entry.questions_per_competency for entry in owners(level).get(competency, []))


def pool_order(level: LevelFile, competency: str, seed: int | None) -> list[Question]:
    """The competency's pool in the order interviews draw from it."""
    pool = next(a.questions for a in level.competencies if a.competency == competency)
    if seed is None:
        return list(pool)
    shuffled = list(pool)
    # A string seed is hashed the same way in every process and on every machine.
    random.Random(f"{seed}/{level.id}/{competency}").shuffle(shuffled)
    return shuffled


def questions_for(
    level: LevelFile, entry: LoopInterview, seed: int | None = None
) -> list[tuple[str, Question]]:
    """The (competency id, question) pairs `entry` asks, by its competencies."""
    assessed = {a.competency for a in level.competencies}
    owned_by = owners(level)
    asked: list[tuple[str, Question]] = []
    for competency in entry.competencies:
        if competency not in assessed:
            continue
        start = 0
        for owner in owned_by[competency]:
            if owner is entry:
                break
            start += owner.questions_per_competency
        drawn = pool_order(level, competency, seed)[start : start + entry.questions_per_competency]
        asked += [(competency, question) for question in drawn]
    return asked


def longest_minutes(level: LevelFile, entry: LoopInterview) -> int:
    """The most minutes `entry`'s questions can take, whatever the seed."""
    total = 0
    for competency in entry.competencies:
        pool = next((a.questions for a in level.competencies if a.competency == competency), [])
        longest = sorted((q.minutes for q in pool), reverse=True)
        total += sum(longest[: entry.questions_per_competency])
    return total
