"""Reading and validating a ladder: YAML files in, a checked `Ladder` out."""

from rubricgen.schema.ladder import Ladder
from rubricgen.schema.loader import load_ladder
from rubricgen.schema.problems import LadderError, Problem, UnknownLevel, WrongUsage

__all__ = ["Ladder", "LadderError", "Problem", "UnknownLevel", "WrongUsage", "load_ladder"]
