"""The interview loop's rules: which interview asks which question.

Each competency has a pool of equivalent questions. Every interview that owns
the competency asks `questions_per_competency` of them (one unless the loop
says otherwise), and no question is asked twice. The pool is taken in file
order, or in an order shuffled by a seed: one seed per opening gives every
candidate for that opening the same questions, while openings differ.
"""

import random

from rubricgen.schema.models.level_file import LevelFile, LoopInterview, Question


def owners(level: LevelFile) -> dict[str, list[LoopInterview]]:
    """For each competency, the interviews that own it, in loop order."""
    result: dict[str, list[LoopInterview]] = {}
    for entry in level.loop:
        for competency in entry.competencies:
            result.setdefault(competency, []).append(entry)
    return result


def questions_needed(level: LevelFile, competency: str) -> int:
    """How many questions the loop asks about `competency`."""
    return sum(entry.questions_per_competency for entry in owners(level).get(competency, []))


def _pool(level: LevelFile, competency: str) -> list[Question]:
    """The competency's questions; none when the level does not assess it."""
    return next((a.questions for a in level.competencies if a.competency == competency), [])


def pool_order(level: LevelFile, competency: str, seed: int | None) -> list[Question]:
    """The competency's pool in the order interviews draw from it."""
    pool = list(_pool(level, competency))
    if seed is not None:
        # A string seed is hashed the same way in every process and on every machine.
        random.Random(f"{seed}/{level.id}/{competency}").shuffle(pool)
    return pool


def _draw(level: LevelFile, competency: str, seed: int | None) -> dict[str, list[Question]]:
    """Which questions of one competency each owning interview asks.

    In loop order, each interview takes the questions meant for it, then
    questions meant for no interview in particular, in pool order, until it has
    its `questions_per_competency`."""
    order = pool_order(level, competency, seed)
    free = [q for q in order if q.interview is None]
    drawn: dict[str, list[Question]] = {}
    for entry in owners(level).get(competency, []):
        own = [q for q in order if q.interview == entry.interview]
        take = own[: entry.questions_per_competency]
        while len(take) < entry.questions_per_competency and free:
            take.append(free.pop(0))
        drawn[entry.interview] = take
    return drawn


def questions_for(
    level: LevelFile, entry: LoopInterview, seed: int | None = None
) -> list[tuple[str, Question]]:
    """The (competency id, question) pairs `entry` asks, by its competencies."""
    assessed = {a.competency for a in level.competencies}
    asked: list[tuple[str, Question]] = []
    for competency in entry.competencies:
        if competency in assessed:
            asked += [(competency, q) for q in _draw(level, competency, seed)[entry.interview]]
    return asked


def shortfall(level: LevelFile, competency: str) -> int:
    """How many questions the pool lacks for the loop, whatever the seed."""
    pool = _pool(level, competency)
    free = sum(1 for q in pool if q.interview is None)
    wanted = 0
    for entry in owners(level).get(competency, []):
        own = sum(1 for q in pool if q.interview == entry.interview)
        wanted += max(0, entry.questions_per_competency - own)
    return max(0, wanted - free)


def longest_minutes(level: LevelFile, entry: LoopInterview) -> int:
    """The most minutes `entry`'s questions can take, whatever the seed."""
    total = 0
    for competency in entry.competencies:
        pool = _pool(level, competency)
        own = sorted((q.minutes for q in pool if q.interview == entry.interview), reverse=True)
        free = sorted((q.minutes for q in pool if q.interview is None), reverse=True)
        wanted = entry.questions_per_competency
        total += sum(own[:wanted]) + sum(free[: max(0, wanted - len(own))])
    return total
