"""Read a YAML file, and find where each value was written when it is wrong.

`read_yaml` returns the data as plain Python (dicts, lists, str, int, ...) for
validation, and a `SourceMap` that turns a path into the data back into the
line and column where that value was written, for error messages.

A valid ladder is read with ruamel's fast safe loader (its C extension). Line
numbers come from ruamel's round-trip loader, ten times slower, so a file is
read that way only when something in it has to be located. A file read
before comes from `yaml_cache`, so ruamel is imported only when a file is
parsed or a value located (its import was 13 ms of the 0.2 s `validate`
takes).
"""

from __future__ import annotations

import os
import stat
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rubricgen.escaping import control_character, describe
from rubricgen.schema import yaml_cache
from rubricgen.schema.problems import Problem, position

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

# A ladder file is a few dozen kilobytes holding about a thousand values a
# few levels deep; these bounds stop a huge file, one of countless values
# (the loader takes about a second per ten thousand), a YAML alias bomb
# (aliases that expand to millions of values) or a file nested thousands deep
# (which would exhaust the loader's stack) from hanging or crashing a run,
# with ample room for real ladders.
MAX_FILE_BYTES = 2_000_000
MAX_VALUES = 20_000
MAX_NODES = 200_000
MAX_DEPTH = 64

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
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

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
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

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
            return _syntax_problem(self.text, self.file)
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

    raw = _read_bytes(path)
    if isinstance(raw, str):
        return fail(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = position(raw, error.start)
        return fail(
            "The file is not UTF-8 text; save it as UTF-8 in your editor.",
            line,
            column,
        )
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return fail("The file is empty; write the level's definition in it.")

    # A carriage return written as it is ends a line (Windows line ends);
    # every other control character written as it is means binary junk.
    control = control_character(text.replace("\r", "\n"))
    if control:
        line, column = position(text, control.start())
        return fail(
            f"The file holds the control character {describe(control.group())}, so it is "
            "not plain text; open it in a text editor and remove it, or restore the "
            "file from git.",
            line,
            column,
        )

    data = yaml_cache.get(raw)
    if data is None:
        data, problems = _load(text, display)
        if problems:
            return None, None, problems
        yaml_cache.put(raw, data)
    source = SourceMap(display, text)
    problems = _control_problems(data, source)
    if problems:
        return None, None, problems
    return data, source, []


def _load(text: str, display: str) -> tuple[Any, list[Problem]]:
    """The plain data of a file's `text` (a mapping at the top), or the
    problems that stop it loading."""

    def fail(message: str, line: int = 1, column: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, column, "", message)]

    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    shape = _shape_problem(text)
    if shape:
        return fail(*shape)
    try:
        root = YAML(typ="safe").load(text)
    except YAMLError as error:
        return None, [_syntax_problem(text, display, error)]
    if not isinstance(root, dict):
        kind = "a list" if isinstance(root, list) else "a single value"
        return fail(
            f"The file holds {kind}; it must be a mapping of keys such as `id:` "
            "and `title:` at the top level."
        )
    try:
        return _Plain().convert(root), []
    except _TooLarge:
        return fail(
            f"The file expands to more than {MAX_NODES:,} values through YAML aliases "
            "used again and again; write the values out instead of aliasing them."
        )
    except _Cycle:
        return fail(
            "A YAML alias (*name) is used inside the value its anchor (&name) names, "
            "so the value would never end; write the value out instead."
        )


def _read_bytes(path: Path) -> bytes | str:
    """The bytes of the regular file at `path`, never more than a ladder file
    may hold; or why it cannot be read. A named pipe, a device or a folder
    named like a ladder file is refused before a byte is read from it: reading
    one could wait for ever or never end."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        return _unreadable(error)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            return (
                f"This is {kind}, not a file; every .yaml name in a ladder folder is read "
                "as part of the ladder, so rename or move it."
            )
        if info.st_size > MAX_FILE_BYTES:
            return _too_big(info.st_size)
        chunks: list[bytes] = []
        size = 0
        # The file may grow while it is read: stop one byte past the limit.
        while size <= MAX_FILE_BYTES:
            chunk = os.read(descriptor, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return _unreadable(error)
    finally:
        os.close(descriptor)
    return _too_big(size) if size > MAX_FILE_BYTES else b"".join(chunks)


def _unreadable(error: OSError) -> str:
    return (
        f"The file cannot be read ({error.strerror or error}); check that it exists, "
        "that it is a plain file, and that you may read it."
    )


_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def _too_big(size: int) -> str:
    return (
        f"The file is {size:,} bytes or more, more than the {MAX_FILE_BYTES:,} a ladder "
        "file may have; split it or remove what does not belong."
    )


def _shape_problem(text: str) -> tuple[str, int, int] | None:
    """Where the values first nest deeper than `MAX_DEPTH` or outnumber
    `MAX_VALUES`, if they do, and what to do.

    The loaders build nested values by recursion, which a file nested
    thousands deep turns into a crash; the parser's events come one at a
    time, so counting them is safe at any depth, and quick."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, NodeEvent

    depth = values = 0
    try:
        for event in YAML(typ="safe").parse(text):
            if isinstance(event, CollectionEndEvent):
                depth -= 1
                continue
            if isinstance(event, NodeEvent):
                values += 1
            if isinstance(event, CollectionStartEvent):
                depth += 1
            mark = event.start_mark
            if depth > MAX_DEPTH:
                return (
                    f"The values here are nested more than {MAX_DEPTH} deep; a ladder file "
                    "needs a few levels. Check the indentation and the brackets.",
                    mark.line + 1,
                    mark.column + 1,
                )
            if values > MAX_VALUES:
                return (
                    f"The file holds more than {MAX_VALUES:,} values (this is the first "
                    "past that); a ladder file holds a few thousand. Split it, or remove "
                    "what does not belong.",
                    mark.line + 1,
                    mark.column + 1,
                )
    except YAMLError:
        pass  # The loader finds the same mistake next, and locates it.
    return None


def _control_problems(data: Any, source: SourceMap) -> list[Problem]:
    """Every text in the file holding a control character, each located.

    Written as they are, control characters are refused with the rest of the
    binary junk; these came from YAML escapes such as "\\e" or "\\0" in a
    quoted string, which pass for text until a document prints them."""
    problems = []

    def check(text: str, loc: Loc, *, key: bool = False) -> None:
        control = control_character(text)
        if control:
            problems.append(
                source.problem(
                    loc,
                    f"The text holds the control character {describe(control.group())}, "
                    'written as a YAML escape such as "\\e", "\\0" or "\\r"; remove '
                    "it: a control character can hide or change what a document prints.",
                    key=key,
                )
            )

    def walk(node: Any, loc: Loc) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if isinstance(name, str):
                    check(name, (*loc, name), key=True)
                walk(value, (*loc, name))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, (*loc, index))
        elif isinstance(node, str):
            check(node, loc)

    walk(data, ())
    return problems


def _syntax_problem(text: str, display: str, first: YAMLError | None = None) -> Problem:
    """Locate a YAML syntax error with the round-trip loader's wording and
    marks; where that loader reads the text (its Python parser accepts a few
    things the C parser of the safe loader refuses), with the first error's."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    message, line, column = "YAML could not be read; check that the file is plain text.", 1, 1
    try:
        YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        message, line, column = _located(error)
    except YAMLError as error:
        message = f"YAML could not be read ({error}); check that the file is plain text."
    else:
        if isinstance(first, MarkedYAMLError):
            message, line, column = _located(first)
    return Problem(display, line, column, "", message)


def _located(error: MarkedYAMLError) -> tuple[str, int, int]:
    """A syntax error's message in the editor's words, and its line and column."""
    reason = error.problem or error.context or "the YAML is malformed"
    mark = error.problem_mark or error.context_mark
    # A quote or bracket left open is found only at the end of the file;
    # point at where it was opened instead.
    if "end of stream" in reason and error.context_mark is not None:
        mark = error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return f"YAML syntax error: {_plain_yaml_error(reason)}", line, column


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
    "did not find expected ',' or ']'": (
        "an item of this [bracketed] list needs quotes (it holds a '?', ': ', ', ' or "
        "'#'); put the item in quotes, or write the list one '- item' to a line."
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


class _Cycle(Exception):
    pass


class _Plain:
    """Copies the loaded data into plain dicts, lists and scalars.

    The loader gives every use of an alias the same object, so a value met a
    second time is an alias expanded again: those repeats, and only those,
    count against `MAX_NODES`. A long file written out in full is not an
    alias bomb."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.open: set[int] = set()  # the values being copied, outermost first
        self.repeats = 0

    def convert(self, node: Any, repeated: bool = False) -> Any:
        if isinstance(node, dict | list):
            if id(node) in self.open:
                raise _Cycle
            repeated = repeated or id(node) in self.seen
            self.seen.add(id(node))
        if repeated:
            self.repeats += 1
            if self.repeats > MAX_NODES:
                raise _TooLarge
        if isinstance(node, dict):
            self.open.add(id(node))
            copy = {self.convert(k, repeated): self.convert(v, repeated) for k, v in node.items()}
            self.open.discard(id(node))
            return copy
        if isinstance(node, list):
            self.open.add(id(node))
            items = [self.convert(item, repeated) for item in node]
            self.open.discard(id(node))
            return items
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if isinstance(node, str):
            return str(node)
        return node
