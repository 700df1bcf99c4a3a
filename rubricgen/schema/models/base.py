"""The strict base model and the small types every file uses."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

# Strict: a number where text belongs (or text where a number belongs) is an
# error, not a silent conversion; unknown keys are refused as likely typos.
STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class StrictModel(BaseModel):
    model_config = STRICT


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
]
"""Lowercase words joined by hyphens: `senior`, `customer-insight`."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
"""Prose written by the ladder's owner: never empty."""

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""A short label or title on one line."""
