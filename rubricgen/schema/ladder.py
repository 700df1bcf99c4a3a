"""A loaded, checked ladder: the shared definitions and the levels in order."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rubricgen.schema.models.ladder_file import Competency, InterviewType, LadderFile
from rubricgen.schema.models.level_file import LevelFile
from rubricgen.schema.problems import Problem, UnknownLevel

ALL_LEVELS = "all"


@dataclass(frozen=True)
class Ladder:
    definitions: LadderFile
    levels: tuple[LevelFile, ...]
    directory: Path
    warnings: tuple[Problem, ...] = ()

    def find(self, name: str) -> LevelFile | None:
        """The level whose id or alias is `name`."""
        for level in self.levels:
            if name == level.id or name in level.aliases:
                return level
        return None

    def names(self, *, with_all: bool = True) -> list[str]:
        """Every name that picks levels, ids then aliases, in ladder order, then
        `all` unless `with_all` is false."""
        ids = [level.id for level in self.levels]
        aliases = [alias for level in self.levels for alias in level.aliases]
        return [*ids, *aliases, *([ALL_LEVELS] if with_all else [])]

    def select(self, names: Sequence[str], *, allow_all: bool = True) -> list[LevelFile]:
        """The levels named by ids, aliases (or `all`, when allowed), in ladder
        order, each once. `UnknownLevel` lists the names it does not know."""
        all_named = allow_all and ALL_LEVELS in names
        unknown = [n for n in names if self.find(n) is None and not (all_named and n == ALL_LEVELS)]
        if unknown:
            raise UnknownLevel(
                f"No level {', '.join(repr(n) for n in unknown)}. "
                f"Choose from: {', '.join(self.names(with_all=allow_all))}."
            )
        if all_named:
            return list(self.levels)
        chosen = {level.id for name in names if (level := self.find(name))}
        return [level for level in self.levels if level.id in chosen]

    def track(self, level: LevelFile) -> list[LevelFile]:
        """The levels on `level`'s track, lowest first: every level when the
        ladder has no tracks."""
        return [other for other in self.levels if other.track == level.track]

    def below(self, level: LevelFile) -> LevelFile | None:
        """The level one step down `level`'s track, or None for its lowest."""
        track = self.track(level)
        index = track.index(level)
        return track[index - 1] if index > 0 else None

    def track_name(self, track_id: str | None) -> str | None:
        return next((t.name for t in self.definitions.tracks if t.id == track_id), None)

    def competency(self, competency_id: str) -> Competency:
        return next(c for c in self.definitions.competencies if c.id == competency_id)

    def interview(self, interview_id: str) -> InterviewType:
        return next(i for i in self.definitions.interviews if i.id == interview_id)

    def area_name(self, area_id: str | None) -> str | None:
        return next((a.name for a in self.definitions.areas if a.id == area_id), None)
