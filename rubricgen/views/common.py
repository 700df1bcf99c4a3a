"""Pieces every document's view shares: the base of every document, the
fields that name a competency, and the ladder's and level's headings."""

from typing import ClassVar, TypedDict

from pydantic import BaseModel, ConfigDict

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile

WEIGHT_LABELS = {3: "Core", 2: "Important", 1: "Supporting"}


class NotMade(Exception):
    """A document that this level cannot have; the message says why, for the
    person running the build."""


class View(BaseModel):
    """A resolved view: exactly what a template shows and `--format json` writes."""

    model_config = ConfigDict(frozen=True, extra="forbid")


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


class DocumentView(View):
    """A view printed as a document of its own.

    Each kind names its templates; the other class settings tell the page
    furniture what applies: whose name heads each page, whether the footer
    names the question set, and the page's orientation; and whether its PDF is
    a form to fill in."""

    html_template: ClassVar[str]
    markdown_template: ClassVar[str]
    person_label: ClassVar[str | None] = None  # "Candidate", "Person", or no header
    draws_questions: ClassVar[bool] = False
    landscape: ClassVar[bool] = False
    fillable: ClassVar[bool] = False
    """Its own PDF carries its form fields. A document that includes it among
    its parts writes their pages without fields, so that no PDF has two fields
    with one name."""

    kind: str
    title: str
    ladder: LadderMeta
    occasion: Occasion

    def to_json(self) -> str:
        """The document as `--format json` writes it."""
        return self.model_dump_json(indent=2) + "\n"

    def template_variables(self, *, cover_only: bool = False) -> dict[str, object]:
        """What the template gets besides `doc`; `cover_only` is for documents
        whose PDF is assembled from parts laid out on their own."""
        return {}

    def parts(self) -> list[tuple[str, str, "DocumentView"]]:
        """The documents this one is made of, each printed on its own too:
        (path beside this document's, kind, view). Most documents have none."""
        return []

    def handouts(self) -> list[tuple[str, "DocumentView"]]:
        """Documents made with this one but printed apart from it, never among
        its pages (the candidate's handouts of a kit): (path beside this
        document's, view)."""
        return []

    def colophon(self) -> str:
        """The last line of every HTML page."""
        ladder = self.ladder
        return (
            f"{ladder.name}, version {ladder.version}, maintained by {ladder.owner}. "
            "Made with rubricgen."
        )

    def running_footer(self) -> str:
        """The footer of every PDF page: the document, the ladder and its date,
        and the question set when the document prints questions."""
        footer = f"{self.title} · {self.ladder.name} v{self.ladder.version}"
        if self.occasion.built:
            footer += f" · built {self.occasion.built}"
        elif self.ladder.date:
            footer += f" of {self.ladder.date}"
        if self.draws_questions:
            seed = self.occasion.seed
            footer += " · questions: " + (f"seed {seed}" if seed is not None else "standard set")
        return footer


class LevelDocument(DocumentView):
    """A document about one level."""

    level: LevelMeta


class CompetencyRef(View):
    """Which competency a row or section is about."""

    competency: str
    name: str
    area: str


class DescribedCompetency(CompetencyRef):
    """A competency with what it is and what it is not."""

    description: str
    is_not: str


class WeightedCompetency(DescribedCompetency):
    """A competency as one level assesses it: described, with its weight there."""

    weight: int
    weight_label: str


class CompetencyFields(TypedDict):
    competency: str
    name: str
    area: str


class DescribedFields(CompetencyFields):
    description: str
    is_not: str


class WeightedFields(DescribedFields):
    weight: int
    weight_label: str


def competency_ref(ladder: Ladder, competency_id: str) -> CompetencyFields:
    """The fields of `CompetencyRef`, from the ladder's definitions."""
    definition = ladder.competency(competency_id)
    return {
        "competency": definition.id,
        "name": definition.name,
        "area": ladder.area_name(definition.area),
    }


def weighted_competency(ladder: Ladder, competency_id: str, weight: int) -> WeightedFields:
    """The fields of `WeightedCompetency`: described from the ladder's
    definitions, with the weight a level gives it."""
    definition = ladder.competency(competency_id)
    return {
        **competency_ref(ladder, competency_id),
        "description": definition.description,
        "is_not": definition.is_not,
        "weight": weight,
        "weight_label": WEIGHT_LABELS[weight],
    }


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
