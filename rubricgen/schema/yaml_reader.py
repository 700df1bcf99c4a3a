"""Read a YAML file, and find where each value was written when it is wrong.

`read_yaml` returns the data as plain Python (dicts, lists, str, int, ...) for
validation, and a `SourceMap` that turns a path into the data back into the
line and column where that value was written, for error messages.

A valid ladder is read with ruamel's fast safe loader (its C extension). Line
numbers come from ruamel's round-trip loader, ten times slower, so a file is
read that way only when something in it has to be located.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from rubricgen.schema.problems import Problem

# A ladder file is a few dozen kilobytes; these bounds stop a huge file or a
# YAML alias bomb (aliases that expand to millions of nodes) from hanging a
# run, while leaving ample room for real ladders.
MAX_FILE_BYTES = 2_000_000
MAX_NODES = 200_000
# Control characters other than tab, line feed and carriage return: binary junk.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Loc = tuple[str | int, ...]


class SourceMap:
    """Where each value of one loaded YAML file was written."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text

    @cached_property
    def root(self) -> Any:
        """The file read by the round-trip loader, which keeps positions; None
        when that loader refuses what the fast one accepted (a tab inside a
        key, say)."""
        try:
            return YAML(typ="rt").load(self.text)
        except YAMLError:
            return None

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Return the 1-based line and column of the value at `loc`.

        With `key=True`, point at the last key itself rather than its value
        (for an unknown key). A path that leaves the data (a missing key)
        stops at the deepest node that exists, so the message points at the
        mapping that lacks it.
        """
        node = self.root
        # A key missing at the top is reported where the mapping begins.
        line, column = node.lc.key(next(iter(node))) if node else (0, 0)
        for index, step in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, CommentedMap) and step in node:
                position = node.lc.key(step) if key and last else node.lc.value(step)
                node = node[step]
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
                position = node.lc.item(step)
                node = node[step]
            else:
                break
            if position and position[0] is not None:
                line, column = position
        return line + 1, column + 1

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        if self.root is None:
            # The YAML itself is the first thing to fix: report that, located.
            _, _, (syntax,) = _syntax_problem(self.text, self.file)
            return syntax
        line, column = self.locate(loc, key=key)
        return Problem(self.file, line, column, format_loc(loc), message)


def format_loc(loc: Loc) -> str:
    """``("competencies", 2, "anchors", 3)`` → ``competencies[2].anchors.3``."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


def read_yaml(path: Path, display: str) -> tuple[Any, SourceMap | None, list[Problem]]:
    """Load `path`, returning (plain data, source map, problems).

    On any problem the data is None. `display` is how the file is named in
    messages (usually a path relative to where the command runs).
    """

    def fail(message: str, line: int = 1, column: int = 1) -> tuple[None, None, list[Problem]]:
        return None, None, [Problem(display, line, column, "", message)]

    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return fail(
            f"The file is {len(raw):,} bytes, more than the {MAX_FILE_BYTES:,} a "
            "ladder file may have; split it or remove what does not belong."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return fail(
            "The file is not UTF-8 text; save it as UTF-8 in your editor.",
            line,
            column,
        )
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return fail("The file is empty; write the level's definition in it.")

    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        return fail(
            f"The file holds a control character (U+{ord(control.group()):04X}), so it is "
            "not a text file; open it in a text editor and remove it, or restore the "
            "file from git.",
            line,
            column,
        )

    try:
        root = YAML(typ="safe").load(text)
    except YAMLError:
        return _syntax_problem(text, display)

    if not isinstance(root, dict):
        kind = "a list" if isinstance(root, list) else "a single value"
        return fail(
            f"The file holds {kind}; it must be a mapping of keys such as `id:` "
            "and `title:` at the top level."
        )
    budget = [MAX_NODES]
    try:
        data = _to_plain(root, budget)
    except _TooLarge:
        return fail(
            f"The file expands to more than {MAX_NODES:,} values (YAML aliases "
            "repeated many times); write the values out instead of aliasing them."
        )
    return data, SourceMap(display, text), []


def _syntax_problem(text: str, display: str) -> tuple[None, None, list[Problem]]:
    """Locate a YAML syntax error with the round-trip loader's wording and marks."""

    def fail(message: str, line: int = 1, column: int = 1) -> tuple[None, None, list[Problem]]:
        return None, None, [Problem(display, line, column, "", message)]

    try:
        YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        reason = error.problem or error.context or "the YAML is malformed"
        mark = error.problem_mark or error.context_mark
        # A quote or bracket left open is found only at the end of the file;
        # point at where it was opened instead.
        if "end of stream" in reason and error.context_mark is not None:
            mark = error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return fail(f"YAML syntax error: {_plain_yaml_error(reason)}", line, column)
    except YAMLError as error:
        return fail(f"YAML could not be read ({error}); check that the file is plain text.")
    return fail("YAML could not be read; check that the file is plain text.")


# ruamel's messages, said in the words of the person editing the file.
YAML_MESSAGES: dict[str, str] = {
    "'\\t'": "a tab is used for indentation; indent with spaces.",
    "duplicate key": "a key appears twice in the same mapping; remove or rename one.",
    "mapping values are not allowed here": (
        "a ': ' here starts a key where none can be; indent this line like its "
        "neighbours, or put text that contains ': ' in quotes."
    ),
    "could not find expected ':'": (
        "this line is neither `key: value` nor a list item; check its indentation and "
        "that the key ends with a colon."
    ),
    "end of stream": (
        "a quote or bracket opened here is never closed; close it, or leave the text unquoted."
    ),
    "expected <block end>": (
        "the indentation here does not match the lines above; line up the keys of one "
        "mapping, and indent list items under their key."
    ),
    "found undefined alias": "a YAML alias (*name) refers to no anchor (&name).",
    "did not find expected key": (
        "the indentation here does not match the lines above; line up the keys of one mapping."
    ),
    "did not find expected '-' indicator": (
        "a list item here is not lined up with the items above it."
    ),
}


def _plain_yaml_error(reason: str) -> str:
    for fragment, message in YAML_MESSAGES.items():
        if fragment in reason:
            return message
    return f"{reason}; check the indentation and punctuation on this line and the one above."


class _TooLarge(Exception):
    pass


def _to_plain(node: Any, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if isinstance(node, dict):
        return {_to_plain(k, budget): _to_plain(v, budget) for k, v in node.items()}
    if isinstance(node, list):
        return [_to_plain(item, budget) for item in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node
