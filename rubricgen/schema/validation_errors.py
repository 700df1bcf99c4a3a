"""Pydantic's validation errors, reworded for the person editing the YAML.

Each error's `loc` is walked through the loaded file to the line and column
where the offending value (or unknown key) was written. The wording lives in
`MESSAGES`, one entry per Pydantic error type, so it reads as data.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from rubricgen.schema.models.base import PROSE_LIST, PROSE_TEXT, to_id
from rubricgen.schema.problems import Problem
from rubricgen.schema.yaml_reader import Loc, SourceMap

MESSAGES: dict[str, str] = {
    "missing": "Add the required key `{name}`.",
    "string_type": "Write text here, not {found}; quote it if it looks like a number or a date.",
    "prose_type": (
        "Write text here, or a list with one `- item` per line, not {found}; quote text "
        "that looks like a number or a date."
    ),
    "int_type": "Write a whole number{range} here, not {found}.",
    "int_parsing": "Write a whole number{range} here, not {found}.",
    "bool_type": "Write true or false here, not {found}.",
    "list_type": "Write a list here, one `- item` per line, not {found}.",
    "dict_type": "Write a mapping of `key: value` lines here, not {found}.",
    "model_type": "Write a mapping of `key: value` lines here, not {found}.",
    "string_pattern_mismatch": (
        "`{value}` is not an id: use lowercase letters, digits and single hyphens{fixed}."
    ),
    "string_too_short": "Write some text here; it may not be empty.",
    "string_too_long": "Shorten this to at most {max_length} characters.",
    "too_short": "Give at least {min_length} item(s) here.",
    "too_long": "Give at most {max_length} items here.",
    "greater_than_equal": "Use a number of at least {ge}.",
    "less_than_equal": "Use a number of at most {le}.",
    "number_range": "Use a number{range}.",
    "literal_error": "Use one of: {expected}.",
}


def describe(value: Any) -> str:
    """How a YAML value reads to a person: `a list`, `the number 3`, ..."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def problems_from(
    error: ValidationError, model: type[BaseModel], source: SourceMap
) -> list[Problem]:
    """Turn every error of one validation into a located `Problem`."""
    problems = []
    # Steps that name a part of a type (a key, one shape of `Prose`) are not in the file.
    hidden = {"[key]", PROSE_TEXT, PROSE_LIST}
    for detail in error.errors():
        loc: Loc = tuple(step for step in detail["loc"] if step not in hidden)
        is_key = detail["type"] == "extra_forbidden" or "[key]" in detail["loc"]
        problems.append(source.problem(loc, _message(detail, loc, model), key=is_key))
    return problems


def _message(detail: ErrorDetails, loc: Loc, model: type[BaseModel]) -> str:
    kind = detail["type"]
    ctx = dict(detail.get("ctx") or {})
    if kind == "extra_forbidden":
        return _unknown_key(str(loc[-1]), _known_keys(model, loc[:-1]))
    bounds = _range(model, loc)
    if kind in {"greater_than_equal", "less_than_equal"} and bounds:
        kind = "number_range"
    template = MESSAGES.get(kind)
    if template is None:
        return detail["msg"].rstrip(".") + "."
    value = detail.get("input")
    return template.format(
        name=loc[-1] if loc else "",
        found=describe(value),
        value=value,
        fixed=_fixed_id(value),
        range=bounds,
        **ctx,
    )


def _fixed_id(value: object) -> str:
    """The id a bad one was probably meant to be (lower case, every run of other
    characters one hyphen), as the end of a sentence; nothing when none is left."""
    fixed = to_id(str(value))
    return f": write `{fixed}`" if fixed else ", like `code-review`"


def _range(model: type[BaseModel], loc: Loc) -> str:
    """` from LOW to HIGH` for a number field with both bounds, else nothing:
    an error about a weight or a rating then says what is allowed."""
    if not loc:
        return ""
    parent: Any = model
    for step in loc[:-1]:
        parent = _step_into(parent, step)
    parent = _unwrap_optional(parent)
    if not (isinstance(parent, type) and issubclass(parent, BaseModel)):
        return ""
    field = parent.model_fields.get(str(loc[-1]))
    if field is None:
        return ""
    low = next((m.ge for m in field.metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in field.metadata if hasattr(m, "le")), None)
    return f" from {low} to {high}" if low is not None and high is not None else ""


def _unknown_key(key: str, known: list[str]) -> str:
    message = f"Unknown key `{key}`; remove it or correct its spelling."
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        message = f"Unknown key `{key}`; did you mean `{close[0]}`?"
    if known:
        message += " Keys allowed here: " + ", ".join(known) + "."
    return message


def _known_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found at `loc` inside `model`."""
    annotation: Any = model
    for step in loc:
        annotation = _step_into(annotation, step)
        if annotation is None:
            return []
    annotation = _unwrap_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _step_into(annotation: Any, step: str | int) -> Any:
    annotation = _unwrap_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(step))
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _unwrap_optional(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation
