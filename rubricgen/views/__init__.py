"""Resolving the view of one document: what its template shows, computed and
tested in Python so that templates stay declarative."""

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.views.interview_kit import InterviewKit, resolve_interview_kit
from rubricgen.views.promotion_rubric import PromotionRubric, resolve_promotion_rubric

Document = InterviewKit | PromotionRubric

KINDS = ("interview-kit", "promotion-rubric")


def resolve(ladder: Ladder, level: LevelFile, kind: str) -> Document | None:
    """The view of document `kind` for `level`; None when the level has none
    (the lowest level has no promotion rubric)."""
    if kind == "interview-kit":
        return resolve_interview_kit(ladder, level)
    if kind == "promotion-rubric":
        return resolve_promotion_rubric(ladder, level)
    raise ValueError(f"unknown document kind {kind!r}")


__all__ = ["KINDS", "Document", "InterviewKit", "PromotionRubric", "resolve"]
