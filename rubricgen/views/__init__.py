"""Resolving the view of each document: what its template shows, computed and
tested in Python so that templates stay declarative."""

from pathlib import PurePosixPath

from rubricgen.views.common import Occasion
from rubricgen.views.interview_kit import (
    DebriefSheet,
    InterviewKit,
    PanelPacket,
    resolve_interview_kit,
)
from rubricgen.views.ladder_overview import LadderOverview, resolve_ladder_overview
from rubricgen.views.level_diff import LevelDiff, resolve_level_diff
from rubricgen.views.promotion_rubric import PromotionRubric, resolve_promotion_rubric

Document = InterviewKit | PanelPacket | DebriefSheet | PromotionRubric | LadderOverview | LevelDiff
"""Every document rubricgen makes (each a `views.common.Document`)."""


def packet_path(level_id: str, packet: PanelPacket) -> PurePosixPath:
    """`<level>/panel/NN-<interview>`, numbered in loop order."""
    return PurePosixPath(level_id, "panel", f"{packet.interview.number:02d}-{packet.interview.id}")


__all__ = [
    "DebriefSheet",
    "Document",
    "InterviewKit",
    "LadderOverview",
    "LevelDiff",
    "Occasion",
    "PanelPacket",
    "PromotionRubric",
    "packet_path",
    "resolve_interview_kit",
    "resolve_ladder_overview",
    "resolve_level_diff",
    "resolve_promotion_rubric",
]
