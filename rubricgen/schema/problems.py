"""A problem found in the input, pointing at the file, line and column to fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, printed as ``FILE:LINE:COL: where: what``."""

    file: str
    line: int
    column: int
    where: str
    message: str

    def __str__(self) -> str:
        where = self.where or "(top)"
        return f"{self.file}:{self.line}:{self.column}: {where}: {self.message}"


class LadderError(Exception):
    """The input is wrong; `problems` lists every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[LadderError], tuple[list[Problem]]]:
        # Raised in a worker process, it must cross back to the parent whole.
        return (LadderError, (self.problems,))
