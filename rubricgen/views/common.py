"""Pieces every document's view shares."""

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile

WEIGHT_LABELS = {3: "Core", 2: "Important", 1: "Supporting"}


class View(BaseModel):
    """A resolved view: exactly what a template shows and `--format json` writes."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class DocumentView(View):
    """A view printed as a document of its own. The class settings tell the
    page furniture what applies: whose name heads each page, whether the
    footer names the question set, and the page's orientation."""

    person_label: ClassVar[str | None] = None  # "Candidate", "Person", or no header
    draws_questions: ClassVar[bool] = False
    landscape: ClassVar[bool] = False


class LadderMeta(View):
    name: str
    version: str
    owner: str
    date: str | None
    language: str


class LevelMeta(View):
    id: str
    title: str
    aliases: list[str]
    summary: str
    scope: str
    impact: str


class Occasion(View):
    """What one build is for: the candidate (or the person being promoted), the
    date, the seed that chose the questions, and the build's date (from
    SOURCE_DATE_EPOCH; without it the ladder's date stands in, so that a build
    is reproducible). Empty fields print as lines to write on."""

    candidate: str | None = None
    date: str | None = None
    seed: int | None = None
    built: str | None = None
    """The build date, from SOURCE_DATE_EPOCH; None leaves the ladder's date."""


class ScalePoint(View):
    rating: int
    label: str
    description: str


class Option(View):
    id: str
    label: str
    description: str


def ladder_meta(ladder: Ladder) -> LadderMeta:
    info = ladder.definitions.ladder
    return LadderMeta(
        name=info.name,
        version=info.version,
        owner=info.owner,
        date=info.date.isoformat() if info.date else None,
        language=info.language,
    )


def level_meta(level: LevelFile) -> LevelMeta:
    return LevelMeta(
        id=level.id,
        title=level.title,
        aliases=list(level.aliases),
        summary=level.summary,
        scope=level.scope,
        impact=level.impact,
    )
