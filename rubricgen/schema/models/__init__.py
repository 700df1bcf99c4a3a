"""Pydantic models of the two kinds of file in a ladder folder."""

from rubricgen.schema.models.ladder_file import LadderFile
from rubricgen.schema.models.level_file import LevelFile

__all__ = ["LadderFile", "LevelFile"]
