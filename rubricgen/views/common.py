"""Pieces every document's view shares: the base of every document, the
fields that name a competency, and the ladder's and level's headings."""

from typing import ClassVar, TypedDict

from pydantic import BaseModel, ConfigDict

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.models.level_file import LevelFile

WEIGHT_LABELS = {3: "Core", 2: "Important", 1: "Supporting"}

Prose = str | list[str]
"""Level text as written: text (each line a paragraph, `- ` lines bullets) or
a list of items. Templates print it with the `prose` filters."""


class NotMade(Exception):
    """A document that this level cannot have; the message says why, for the
    person running the build."""


class View(BaseModel):
    """A resolved view: exactly what a template shows and `--format json` writes."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class LadderMeta(View):
    name: str
    version: str | None
    owner: str | None
    date: str | None
    language: str
    cumulative_note: str | None
    """Said on every document of a cumulative ladder."""


class LevelMeta(View):
    id: str
    title: str
    """The level's title, or its code when it has none."""
    code: str | None
    """The code printed beside the title (None when the title is the code)."""
    track: str | None
    """The name of the level's track, on a ladder with tracks."""
    aliases: list[str]
    summary: str | None
    scope: str | None
    impact: str | None

    def heading(self) -> str:
        """The title with the code beside it: `Senior Engineer (L5)`."""
        return f"{self.title} ({self.code})" if self.code else self.title


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
        parts = [ladder.name]
        if ladder.version:
            parts.append(f"version {ladder.version}")
        if ladder.owner:
            parts.append(f"maintained by {ladder.owner}")
        return ", ".join(parts) + ". Made with rubricgen."

    def running_footer(self) -> str:
        """The footer of every PDF page: the document, the seed when one chose
        the questions (so the kit can be made again; without a seed the
        pools' file order needs no mention), then the ladder and its date,
        which give way first when a long name leaves no room."""
        footer = self.title
        if self.draws_questions and self.occasion.seed is not None:
            footer += f" · seed {self.occasion.seed}"
        footer += f" · {self.ladder.name}"
        if self.ladder.version:
            footer += f" v{self.ladder.version}"
        if self.occasion.built:
            footer += f" · built {self.occasion.built}"
        elif self.ladder.date:
            footer += f" of {self.ladder.date}"
        return footer

    def running_header(self) -> str:
        """The part of a document a PDF page belongs to, named in its header
        (a packet's pages in the kit and in the packet alike)."""
        return ""

    def pdf_facts(self) -> dict[str, str]:
        """What a PDF records about itself for `rubricgen debrief`, in its
        document information (an empty string where there is nothing)."""
        occasion = self.occasion
        return {
            "RubricgenKind": self.kind,
            "RubricgenLevel": "",
            "RubricgenLadderVersion": self.ladder.version or "",
            "RubricgenSeed": "" if occasion.seed is None else str(occasion.seed),
            "RubricgenCandidate": occasion.candidate or "",
            "RubricgenDate": occasion.date or "",
        }


class LevelDocument(DocumentView):
    """A document about one level."""

    level: LevelMeta

    def pdf_facts(self) -> dict[str, str]:
        return {**super().pdf_facts(), "RubricgenLevel": self.level.id}


class CompetencyRef(View):
    """Which competency a row or section is about."""

    competency: str
    name: str
    area: str | None


class DescribedCompetency(CompetencyRef):
    """A competency with what it is and what it is not, where the ladder says."""

    description: Prose | None
    is_not: Prose | None
    baseline: Prose | None
    """What every level expects of it, the ladder's baseline."""


class WeightedCompetency(DescribedCompetency):
    """A competency as one level assesses it: described, with its weight there
    (None on a level without weights)."""

    weight: int | None
    weight_label: str | None


class CompetencyFields(TypedDict):
    competency: str
    name: str
    area: str | None


class DescribedFields(CompetencyFields):
    description: Prose | None
    is_not: Prose | None
    baseline: Prose | None


class WeightedFields(DescribedFields):
    weight: int | None
    weight_label: str | None


def competency_ref(ladder: Ladder, competency_id: str) -> CompetencyFields:
    """The fields of `CompetencyRef`, from the ladder's definitions."""
    definition = ladder.competency(competency_id)
    return {
        "competency": definition.id,
        "name": definition.name,
        "area": ladder.area_name(definition.area),
    }


def weighted_competency(ladder: Ladder, competency_id: str, weight: int | None) -> WeightedFields:
    """The fields of `WeightedCompetency`: described from the ladder's
    definitions, with the weight a level gives it."""
    definition = ladder.competency(competency_id)
    return {
        **competency_ref(ladder, competency_id),
        "description": definition.description,
        "is_not": definition.is_not,
        "baseline": definition.baseline,
        "weight": weight,
        "weight_label": weight_label(weight),
    }


def weight_label(weight: int | None) -> str | None:
    return None if weight is None else WEIGHT_LABELS[weight]


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
        cumulative_note=_cumulative_note(ladder),
    )


def _cumulative_note(ladder: Ladder) -> str | None:
    if not ladder.definitions.cumulative:
        return None
    below = (
        "the levels below it on its track" if ladder.definitions.tracks else "the levels below it"
    )
    return f"Expectations add up: each level also expects everything {below} expect."


def level_meta(ladder: Ladder, level: LevelFile) -> LevelMeta:
    return LevelMeta(
        id=level.id,
        title=level.name,
        code=level.code if level.title else None,
        track=ladder.track_name(level.track),
        aliases=list(level.aliases),
        summary=level.summary,
        scope=level.scope,
        impact=level.impact,
    )
