"""Resolving the view of each document: what its template shows, computed and
tested in Python so that templates stay declarative. Each document's view
names its own templates (`html_template`, `markdown_template`); the kinds that
`build` makes are listed in `rubricgen.documents`."""

from rubricgen.views.common import DocumentView, NotMade, Occasion
from rubricgen.views.handout import Handout
from rubricgen.views.interview_kit import (
    DebriefSheet,
    InterviewKit,
    PanelPacket,
    resolve_interview_kit,
)
from rubricgen.views.ladder_overview import LadderOverview, resolve_ladder_overview
from rubricgen.views.level_diff import LevelDiff, resolve_level_diff
from rubricgen.views.promotion_rubric import PromotionRubric, resolve_promotion_rubric
from rubricgen.views.reference_check import ReferenceCheck, resolve_reference_check

__all__ = [
    "DebriefSheet",
    "DocumentView",
    "Handout",
    "InterviewKit",
    "LadderOverview",
    "LevelDiff",
    "NotMade",
    "Occasion",
    "PanelPacket",
    "PromotionRubric",
    "ReferenceCheck",
    "resolve_interview_kit",
    "resolve_ladder_overview",
    "resolve_level_diff",
    "resolve_promotion_rubric",
    "resolve_reference_check",
]
