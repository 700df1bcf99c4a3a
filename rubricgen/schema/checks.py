"""Checks that span more than one value or file, run after each file is valid.

Each check returns problems located in the file the person has to edit.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rubricgen.schema import loop
from rubricgen.schema.ladder import ALL_LEVELS
from rubricgen.schema.models.ladder_file import LadderFile
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.schema.problems import Problem
from rubricgen.schema.yaml_reader import Loc, SourceMap


@dataclass(frozen=True)
class LoadedLevel:
    level: LevelFile
    source: SourceMap
    stem: str


def _one_of(value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"did you mean `{close[0]}`? " if close else ""
    return f"{hint}Use one of: {', '.join(choices)}."


def _duplicates(
    items: Iterable[object], source: SourceMap, what: str, prefix: Loc, field: str | None = None
) -> list[Problem]:
    """A problem for each item that repeats an earlier one; items sit at
    `prefix[i]`. With `field`, items are compared by that attribute, found at
    `prefix[i].field`."""

    def loc(index: int) -> Loc:
        return (*prefix, index) if field is None else (*prefix, index, field)

    seen: dict[object, int] = {}
    problems = []
    for index, item in enumerate(items):
        value = item if field is None else getattr(item, field)
        if value in seen:
            line, _ = source.locate(loc(seen[value]))
            problems.append(
                source.problem(
                    loc(index),
                    f"The {what} `{value}` is already used on line {line}; give each one its own.",
                )
            )
        else:
            seen[value] = index
    return problems


def check_definitions(defs: LadderFile, source: SourceMap) -> list[Problem]:
    problems = [
        *_duplicates(defs.levels, source, "level id", ("levels",)),
        *_duplicates(defs.tracks, source, "track id", ("tracks",), "id"),
        *_duplicates(defs.areas, source, "area id", ("areas",), "id"),
        *_duplicates(defs.competencies, source, "competency id", ("competencies",), "id"),
        *_duplicates(defs.interviews, source, "interview id", ("interviews",), "id"),
        *_duplicates(
            defs.recommendation_scale, source, "option id", ("recommendation_scale",), "id"
        ),
        *_duplicates(defs.promotion_scale, source, "option id", ("promotion_scale",), "id"),
    ]
    for index, level_id in enumerate(defs.levels):
        if level_id == ALL_LEVELS:
            problems.append(
                source.problem(
                    ("levels", index),
                    f"`{ALL_LEVELS}` means every level on the command line (`--level "
                    f"{ALL_LEVELS}`), so no level can have it as its id; choose another.",
                )
            )
    rules = defs.loop_rules
    if rules.min_interviews > rules.max_interviews:
        problems.append(
            source.problem(
                ("loop_rules", "min_interviews"),
                f"`min_interviews` ({rules.min_interviews}) is more than `max_interviews` "
                f"({rules.max_interviews}); make it the same or less.",
            )
        )
    area_ids = [area.id for area in defs.areas]
    for index, competency in enumerate(defs.competencies):
        if competency.area is not None and competency.area not in area_ids:
            problems.append(
                source.problem(
                    ("competencies", index, "area"),
                    f"No area `{competency.area}` in `areas`; "
                    + (
                        _one_of(competency.area, area_ids)
                        if area_ids
                        else "declare it under `areas` (an id and a name), or remove this key."
                    ),
                )
            )
    for index, point in enumerate(defs.rating_scale):
        if point.rating != index + 1:
            problems.append(
                source.problem(
                    ("rating_scale", index, "rating"),
                    f"The ratings must count up from 1 in order; this one should be {index + 1}.",
                )
            )
    return problems


def check_level(loaded: LoadedLevel, defs: LadderFile, *, lowest: bool) -> list[Problem]:
    level, source = loaded.level, loaded.source
    problems: list[Problem] = []
    if level.id != loaded.stem:
        problems.append(
            source.problem(
                ("id",),
                f"The id must match the file name: write `{loaded.stem}`, or rename "
                f"the file to `{level.id}.yaml` and the entry in ladder.yaml's `levels`.",
            )
        )
    if level.title is None and level.code is None:
        problems.append(
            source.problem(
                (),
                "Give the level a `title` (Senior Engineer, say), a `code` (L5), or both.",
            )
        )
    problems += _check_track(level, source, defs)
    problems += _check_competencies(level, source, defs, lowest=lowest)
    problems += _check_weights(level, source)
    if level.loop:
        problems += _check_loop(level, source, defs)
    problems += _check_questions(level, source, defs)
    problems += _check_reference_check(level, source)
    return problems


def _check_track(level: LevelFile, source: SourceMap, defs: LadderFile) -> list[Problem]:
    """With tracks, each level names one of them; without, none."""
    tracks = [track.id for track in defs.tracks]
    if not tracks and level.track is not None:
        return [
            source.problem(
                ("track",),
                f"ladder.yaml declares no `tracks`; declare `{level.track}` there (an id "
                "and a name), or remove this key.",
            )
        ]
    if tracks and level.track is None:
        return [
            source.problem(
                (),
                f"This ladder has tracks: add `track:` with one of {', '.join(tracks)}.",
            )
        ]
    if level.track is not None and level.track not in tracks:
        return [
            source.problem(
                ("track",),
                f"No track `{level.track}` in ladder.yaml; " + _one_of(level.track, tracks),
            )
        ]
    return []


def _check_weights(level: LevelFile, source: SourceMap) -> list[Problem]:
    """A level weighs all its competencies or none: a missing weight among
    weighted ones is a slip, not a choice."""
    weighted = [a.weight is not None for a in level.competencies]
    if all(weighted) or not any(weighted):
        return []
    return [
        source.problem(
            ("competencies", index),
            f"Give `{assessed.competency}` a `weight` from 1 to 3, as this level's other "
            "competencies have, or remove every weight from this level.",
        )
        for index, assessed in enumerate(level.competencies)
        if assessed.weight is None
    ]


def _check_questions(level: LevelFile, source: SourceMap, defs: LadderFile) -> list[Problem]:
    """A rating guide covers the rating scale; a role-play has a hidden brief."""
    ratings = [point.rating for point in defs.rating_scale]
    problems: list[Problem] = []
    for i, assessed in enumerate(level.competencies):
        for j, question in enumerate(assessed.questions):
            here: Loc = ("competencies", i, "questions", j)
            guide = question.rating_guide
            if guide is not None and ratings and sorted(guide) != ratings:
                missing = [str(r) for r in ratings if r not in guide]
                extra = [str(r) for r in guide if r not in ratings]
                what = []
                if missing:
                    what.append(f"add the rating(s) {', '.join(missing)}")
                if extra:
                    what.append(f"remove the rating(s) {', '.join(extra)}")
                problems.append(
                    source.problem(
                        (*here, "rating_guide"),
                        f"A rating guide gives one entry per point of the rating scale "
                        f"({ratings[0]} to {ratings[-1]}); {' and '.join(what)}.",
                    )
                )
            briefed = any(m.audience == "interviewer" for m in question.materials)
            if question.role_play and not briefed:
                problems.append(
                    source.problem(
                        (*here, "role_play"),
                        "A role-play needs a hidden brief for the interviewer who plays "
                        "the part: add a material with `audience: interviewer`.",
                        key=True,
                    )
                )
    return problems


def _check_reference_check(level: LevelFile, source: SourceMap) -> list[Problem]:
    assessed = [a.competency for a in level.competencies]
    return [
        source.problem(
            ("reference_check", index, "competency"),
            f"This level does not assess `{question.competency}`; "
            + _one_of(question.competency, assessed),
        )
        for index, question in enumerate(level.reference_check)
        if question.competency not in assessed
    ]


def _check_competencies(
    level: LevelFile, source: SourceMap, defs: LadderFile, *, lowest: bool
) -> list[Problem]:
    known = [competency.id for competency in defs.competencies]
    ratings = [point.rating for point in defs.rating_scale]
    labels = {point.rating: point.label for point in defs.rating_scale}
    problems = _duplicates(
        level.competencies, source, "competency", ("competencies",), "competency"
    )
    for index, assessed in enumerate(level.competencies):
        here: Loc = ("competencies", index)
        if assessed.competency not in known:
            problems.append(
                source.problem(
                    (*here, "competency"),
                    f"No competency `{assessed.competency}` in ladder.yaml; "
                    + _one_of(assessed.competency, known),
                )
            )
        if level.loop and ratings and not assessed.anchors:
            problems.append(
                source.problem(
                    here,
                    f"This level has an interview loop, so give `{assessed.competency}` its "
                    "`anchors`: what a candidate rated so says or does, for each rating from "
                    f"{ratings[0]} to {ratings[-1]}.",
                )
            )
        for rating in ratings if assessed.anchors else []:
            if rating not in assessed.anchors:
                problems.append(
                    source.problem(
                        (*here, "anchors"),
                        f"Add the anchor for rating {rating} ({labels[rating]}): what "
                        "a candidate rated so says or does.",
                    )
                )
        if assessed.anchors and not ratings:
            problems.append(
                source.problem(
                    (*here, "anchors"),
                    "Anchors describe the points of the rating scale, and ladder.yaml has "
                    "no `rating_scale`; add one, or remove these anchors.",
                    key=True,
                )
            )
        for rating in assessed.anchors if ratings else []:
            if rating not in ratings:
                problems.append(
                    source.problem(
                        (*here, "anchors", rating),
                        f"Rating {rating} is not on the rating scale "
                        f"({ratings[0]} to {ratings[-1]}); remove this anchor.",
                        key=True,
                    )
                )
        if lowest and assessed.promotion is not None:
            problems.append(
                source.problem(
                    (*here, "promotion"),
                    "This is the lowest level of its track: nobody is promoted into it "
                    "from a level below, so remove this `promotion` block.",
                    key=True,
                )
            )
    return problems


def _check_loop(level: LevelFile, source: SourceMap, defs: LadderFile) -> list[Problem]:
    problems = _duplicates(level.loop, source, "interview", ("loop",), "interview")
    for scale, what in (
        ("rating_scale", "the rating scale every scorecard uses"),
        ("recommendation_scale", "the overall recommendations an interviewer chooses from"),
    ):
        if not getattr(defs, scale):
            problems.append(
                source.problem(
                    ("loop",),
                    f"An interview loop needs `{scale}` in ladder.yaml ({what}); add it, "
                    "or remove this level's loop.",
                    key=True,
                )
            )
    rules = defs.loop_rules
    count = len(level.loop)
    if not rules.min_interviews <= count <= rules.max_interviews:
        problems.append(
            source.problem(
                ("loop",),
                f"The loop has {count} interview(s); this ladder's loops have "
                f"{rules.min_interviews} to {rules.max_interviews}. Change the loop, or the "
                "limits under `loop_rules` in ladder.yaml.",
                key=True,
            )
        )
    for index in range(count):
        problems += _check_interview(level, index, source, defs)
    for index in range(len(level.competencies)):
        problems += _check_coverage(level, index, source, rules.min_interviews_per_competency)
    return problems


def _check_interview(
    level: LevelFile, index: int, source: SourceMap, defs: LadderFile
) -> list[Problem]:
    """One interview of the loop: it exists, owns few enough competencies that
    the level assesses, and its questions fit its minutes."""
    entry = level.loop[index]
    known = [interview.id for interview in defs.interviews]
    assessed = [a.competency for a in level.competencies]
    here: Loc = ("loop", index)
    problems = _duplicates(entry.competencies, source, "competency", (*here, "competencies"))
    if entry.interview not in known:
        problems.append(
            source.problem(
                (*here, "interview"),
                f"No interview `{entry.interview}` in ladder.yaml; "
                + _one_of(entry.interview, known),
            )
        )
    most = defs.loop_rules.max_competencies_per_interview
    if len(entry.competencies) > most:
        problems.append(
            source.problem(
                (*here, "competencies"),
                f"This interview owns {len(entry.competencies)} competencies, more than "
                f"the {most} this ladder allows; move some to another interview, or raise "
                "`loop_rules.max_competencies_per_interview` in ladder.yaml.",
            )
        )
    for position, competency in enumerate(entry.competencies):
        if competency not in assessed:
            problems.append(
                source.problem(
                    (*here, "competencies", position),
                    f"This level does not assess `{competency}`; "
                    + _one_of(competency, assessed)
                    + " Or add it to the level's `competencies`.",
                )
            )
    overhead = defs.time_plan.opening_minutes + defs.time_plan.closing_minutes
    longest = loop.longest_minutes(level, entry)
    if longest + overhead > entry.minutes:
        problems.append(
            source.problem(
                (*here, "minutes"),
                f"This interview's questions can take {longest} minutes, plus "
                f"{overhead} for opening and closing: {longest + overhead} in all, "
                f"more than its {entry.minutes}. Lengthen the interview, shorten the "
                "longest questions of its competencies, or move a competency to "
                "another interview.",
            )
        )
    return problems


def _check_coverage(
    level: LevelFile, index: int, source: SourceMap, min_owners: int
) -> list[Problem]:
    """One assessed competency: owned by enough interviews, with questions
    enough for all of them, each meant for an interview that owns it."""
    assessed = level.competencies[index]
    competency = assessed.competency
    here: Loc = ("competencies", index)
    interviews = loop.owners(level).get(competency, [])
    problems = []
    if len(interviews) < min_owners:
        problems.append(
            source.problem(
                (*here, "competency"),
                f"`{competency}` is covered by {len(interviews)} "
                f"interview(s) of the loop; add it to at least {min_owners}, so that "
                "ratings can be compared (the number is "
                "`loop_rules.min_interviews_per_competency` in ladder.yaml).",
            )
        )
    missing = loop.shortfall(level, competency)
    if interviews and not assessed.questions:
        problems.append(
            source.problem(
                here,
                f"The loop asks about `{competency}`: add its `questions`, at least "
                f"{loop.questions_needed(level, competency)}, so that no question is asked twice.",
            )
        )
    elif missing:
        needed = loop.questions_needed(level, competency)
        problems.append(
            source.problem(
                (*here, "questions"),
                f"The loop asks {needed} different questions about "
                f"`{competency}`, {missing} more than its pool can give "
                "(a question meant for one interview counts only there); write "
                f"{missing} more, so that no question is asked twice.",
                key=True,
            )
        )
    owning = [e.interview for e in interviews]
    for number, question in enumerate(assessed.questions):
        if question.interview is not None and question.interview not in owning:
            problems.append(
                source.problem(
                    (*here, "questions", number, "interview"),
                    f"This question is meant for `{question.interview}`, which does "
                    f"not own `{competency}` in this loop; "
                    + _one_of(question.interview, owning or ["(none)"]),
                )
            )
    return problems


def check_across_levels(levels: Sequence[LoadedLevel]) -> list[Problem]:
    """Question ids are unique across the ladder; aliases name one level."""
    problems: list[Problem] = []
    first_use: dict[str, tuple[LoadedLevel, Loc]] = {}
    for loaded in levels:
        for i, assessed in enumerate(loaded.level.competencies):
            for j, question in enumerate(assessed.questions):
                loc: Loc = ("competencies", i, "questions", j, "id")
                if question.id in first_use:
                    other, other_loc = first_use[question.id]
                    line, _ = other.source.locate(other_loc)
                    problems.append(
                        loaded.source.problem(
                            loc,
                            f"The question id `{question.id}` is already used in "
                            f"{other.source.file} on line {line}; give this question "
                            "its own id.",
                        )
                    )
                else:
                    first_use[question.id] = (loaded, loc)
    ids = {loaded.level.id for loaded in levels}
    claimed: dict[str, str] = {}
    for loaded in levels:
        for index, alias in enumerate(loaded.level.aliases):
            taken_by = claimed.get(alias) or (alias if alias in ids else None)
            if alias == ALL_LEVELS or taken_by:
                reason = (
                    f"`{ALL_LEVELS}` means every level"
                    if alias == ALL_LEVELS
                    else f"`{alias}` already names the level `{taken_by}`"
                )
                problems.append(
                    loaded.source.problem(("aliases", index), f"{reason}; choose another alias.")
                )
            claimed.setdefault(alias, loaded.level.id)
    return problems
