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


def position(text: str | bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset` in `text` (characters or bytes)."""
    if isinstance(text, str):
        count, start = text.count("\n", 0, offset), text.rfind("\n", 0, offset) + 1
    else:
        count, start = text.count(b"\n", 0, offset), text.rfind(b"\n", 0, offset) + 1
    return count + 1, offset - start + 1


class LadderError(Exception):
    """The input is wrong; `problems` lists every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self, consequence: str) -> list[str]:
        """The lines telling a person what is wrong: every problem, then how
        many there are and what came of them."""
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        if count:
            lines.append(f"{count} problem{'s' if count != 1 else ''} found; {consequence}")
        else:
            lines.append(consequence)
        return lines

    def __reduce__(self) -> tuple[type[LadderError], tuple[list[Problem]]]:
        # Raised in a worker process, it must cross back to the parent whole.
        return (LadderError, (self.problems,))


class WrongUsage(Exception):
    """The command asks for something the input does not offer (a level the
    ladder does not have, say): a usage mistake, not a broken ladder."""


class UnknownLevel(WrongUsage):
    """A level name that is not an id or alias of the ladder in use."""
