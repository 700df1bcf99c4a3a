"""The strict base model and the small types every file uses."""

import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

# Strict: a number where text belongs (or text where a number belongs) is an
# error, not a silent conversion; unknown keys are refused as likely typos.
STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class StrictModel(BaseModel):
    model_config = STRICT


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX_LENGTH = 60

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
"""Lowercase words joined by hyphens: `level-3`, `code-review`."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
"""Prose written by the ladder's owner: never empty."""

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""A short label or title on one line."""

# The two shapes of `Prose`. An error inside one carries its tag in its
# location; `validation_errors` leaves these steps out.
PROSE_TEXT = "Prose.text"
PROSE_LIST = "Prose.list"


def _prose_shape(value: Any) -> str | None:
    if isinstance(value, str):
        return PROSE_TEXT
    return PROSE_LIST if isinstance(value, list) else None


Prose = Annotated[
    Annotated[Text, Tag(PROSE_TEXT)]
    | Annotated[list[Text], Tag(PROSE_LIST), Field(min_length=1, max_length=30)],
    Discriminator(
        _prose_shape,
        custom_error_type="prose_type",
        custom_error_message="Input should be text or a list of texts",
    ),
]
"""Text, or a list of items printed as a bulleted list. In text, each line is a
paragraph and lines starting with `- ` or `• ` are bullet items."""


def to_id(text: str) -> str:
    """The id a name or title gives: accents dropped, lower case, every run of
    other characters one hyphen, at most `ID_MAX_LENGTH` long; empty when no
    letter or digit is left."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:ID_MAX_LENGTH].rstrip("-")
