"""Reading and validating a ladder: YAML files in, a checked `Ladder` out.

`Ladder` and `load_ladder` are imported when first asked for, and Pydantic
with them: a command that fails before it reads a ladder, or a build's
first step (starting the processes that lay out its PDFs), need not wait for
the models to be built."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rubricgen.schema.problems import LadderError, Problem, UnknownLevel, WrongUsage

if TYPE_CHECKING:
    from rubricgen.schema.ladder import Ladder
    from rubricgen.schema.loader import load_ladder

__all__ = ["Ladder", "LadderError", "Problem", "UnknownLevel", "WrongUsage", "load_ladder"]


def __getattr__(name: str) -> Any:
    if name == "Ladder":
        from rubricgen.schema.ladder import Ladder

        return Ladder
    if name == "load_ladder":
        from rubricgen.schema.loader import load_ladder

        return load_ladder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
