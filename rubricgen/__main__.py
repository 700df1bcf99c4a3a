"""The command line: every command rubricgen has.

- `build`: the documents of one or more levels (or the ladder overview);
- `validate`: check the ladder, every file and the rules across files;
- `list`: the ladder's levels, lowest first;
- `diff`: two levels side by side, in the terminal or as a printable sheet;
- `debrief`: filled scorecards of one candidate to a debrief summary;
- `schema`: the JSON Schemas of the ladder's files, for editors;
- `init`: a ladder of one's own to start from;
- `import`, `export`: a ladder from a spreadsheet, and the ladder as one.

The only module that knows about click: each command parses its options and
calls one plain function of the pipeline. Exit codes: 0 done, 1 the input is
wrong, 2 wrong usage.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from click.shell_completion import CompletionItem

from rubricgen import __version__, paths
from rubricgen.cache import CACHE_DIR
from rubricgen.documents import DEFAULT_FORMATS, FORMATS, KINDS, PAPERS
from rubricgen.escaping import terminal, unprintable
from rubricgen.output import BuildFailed, Stopped, stop_on_signals
from rubricgen.paths import cannot_write, display_path
from rubricgen.schema import LadderError, UnknownLevel, WrongUsage

if TYPE_CHECKING:
    from rubricgen.schema import Ladder


def note(message: str) -> None:
    click.echo(terminal(message), err=True)


def fail(lines: Sequence[str]) -> NoReturn:
    for line in lines:
        note(line)
    sys.exit(1)


@contextmanager
def refusing_bad_input(output_dir: Path, levels_hint: str = "'--level'") -> Iterator[None]:
    """A wrong ladder or template, or an output folder that cannot be written:
    every problem listed, exit 1, nothing written. A level the ladder does not
    have, or another usage mistake: exit 2. Ctrl-C or SIGTERM: one line, exit
    130 or 143, the output folder whole."""
    # Imported here: the build (views, renderer) is not needed by validate or list.
    from rubricgen.build import failure

    try:
        with stop_on_signals():
            yield
    except Stopped as stop:
        note(stop.explain(output_dir))
        sys.exit(stop.exit_code)
    except BuildFailed as error:
        fail([str(error)])
    except UnknownLevel as error:
        raise click.BadParameter(str(error), param_hint=levels_hint) from None
    except WrongUsage as error:
        raise click.UsageError(str(error)) from None
    except (LadderError, OSError) as error:
        fail(failure(error, output_dir))


def load(levels_dir: Path | None) -> Ladder:
    from rubricgen.schema import load_ladder

    try:
        return load_ladder(paths.levels_dir(levels_dir))
    except LadderError as error:
        fail(error.report("fix them and run `rubricgen validate` again."))


output_dir_option = click.option(
    "--output-dir",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Where to write the files.",
)
paper_option = click.option(
    "--paper",
    type=click.Choice(PAPERS),
    default="letter",
    show_default=True,
    help="The PDFs' paper size.",
)
templates_dir_option = click.option(
    "--templates-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Templates searched before the built-in ones. Default: ./templates if present.",
)
levels_dir_option = click.option(
    "--levels-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The ladder folder. Default: ./levels if present, else the shipped ladder.",
)


def example_level(directory: Path) -> str:
    """A level of the ladder in `directory` to name in an example: one from
    the middle, which has a level below it and so a promotion rubric."""
    from rubricgen.schema.loader import listed_levels

    ids = listed_levels(directory)
    return ids[len(ids) // 2] if ids else "LEVEL"


class Commands(click.Group):
    """The group of commands, whose help ends with a first step that names a
    level of the ladder in use."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        level = example_level(paths.levels_dir(None))
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(
                f"Start with `rubricgen list`, then `rubricgen build --level {level}`; "
                "see `rubricgen build --help`."
            )


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rubricgen")
def main() -> None:
    """Turn a career ladder kept as YAML into interview kits and promotion rubrics."""


def check_candidate(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse, as wrong usage, a name that could hide or change what a page prints."""
    problem = unprintable(value) if value is not None else None
    if problem:
        raise click.BadParameter(problem)
    return value


def complete_level(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The ids and aliases of the ladder in use, for shell completion."""
    from rubricgen.schema import load_ladder

    try:
        ladder = load_ladder(paths.levels_dir(ctx.params.get("levels_dir")))
    except LadderError:
        return []
    return [CompletionItem(name) for name in ladder.names() if name.startswith(incomplete)]


@main.command(short_help="Build the documents of one or more levels.")
@click.option(
    "--level",
    "-l",
    "levels",
    multiple=True,
    metavar="LEVEL",
    shell_complete=complete_level,
    help="A level id or alias, or `all`. Repeat for several levels. Needed for every "
    "kind but `ladder`.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(list(KINDS)),
    help="Which document to build. Repeatable. Default: every kind made per level; "
    "`ladder` makes the overview of the whole ladder.",
)
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Which format to write. Repeatable. Default: html and pdf.",
)
@output_dir_option
@paper_option
@click.option(
    "--candidate",
    metavar="NAME",
    callback=check_candidate,
    help="The candidate's name (or the person's, on a promotion rubric), on every page.",
)
@click.option(
    "--candidates",
    "candidates_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="FILE",
    help="Every candidate of an opening: a CSV file with a `name` column and an optional "
    "`date` column, or one name per line. Each one's documents go to "
    "OUTPUT_DIR/<level>/<name>/.",
)
@click.option(
    "--date",
    "when",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The interview or review date, on every page.",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    metavar="N",
    help="Choose the questions from each pool with this seed: one seed per opening "
    "gives every candidate the same questions. Default: the pools' file order.",
)
@levels_dir_option
@templates_dir_option
@click.option(
    "--watch",
    is_flag=True,
    help="Build again whenever a level file or template changes, until Ctrl-C.",
)
def build(
    levels: tuple[str, ...],
    kinds: tuple[str, ...],
    formats: tuple[str, ...],
    output_dir: Path,
    paper: str,
    candidate: str | None,
    candidates_file: Path | None,
    when: datetime | None,
    seed: int | None,
    levels_dir: Path | None,
    templates_dir: Path | None,
    watch: bool,
) -> None:
    """Build the documents of levels into OUTPUT_DIR/<level>/.

    For each level: the interview kit, a packet per interviewer (panel/), the
    debrief sheet, the promotion rubric and the reference-check guide;
    `--kind ladder` adds the overview.
    """
    if "pdf" in (formats or DEFAULT_FORMATS) and not (output_dir / CACHE_DIR).is_dir():
        # A first PDF build into a folder lays out every page: the process
        # that forks the layout workers starts first, and imports WeasyPrint
        # on another core while this one imports the rest and reads the ladder.
        from rubricgen.renderer import forking

        forking.start()
    from rubricgen.build import build_folder, build_request, watch_build

    with refusing_bad_input(output_dir):
        request = build_request(
            levels=levels,
            kinds=kinds,
            formats=formats,
            output_dir=output_dir,
            paper=paper,
            candidate=candidate,
            candidates_file=candidates_file,
            when=when.date() if when else None,
            seed=seed,
            templates_dir=paths.user_templates_dir(templates_dir),
        )
        (watch_build if watch else build_folder)(paths.levels_dir(levels_dir), request, note)


@main.command()
@levels_dir_option
@click.option("--strict", is_flag=True, help="Treat warnings as problems: exit 1 on any.")
def validate(levels_dir: Path | None, strict: bool) -> None:
    """Check the ladder: every file, and the rules across files."""
    ladder = load(levels_dir)
    for warning in ladder.warnings:
        note(f"warning: {warning}")
    if strict and ladder.warnings:
        fail(["--strict makes warnings fatal; reword the text above."])
    questions = sum(len(c.questions) for level in ladder.levels for c in level.competencies)
    shipped = ladder.directory.resolve() == paths.shipped("levels").resolve()
    where = "the shipped ladder" if shipped else display_path(ladder.directory)
    note(
        f"{where}: the ladder is valid: {len(ladder.levels)} "
        f"levels, {len(ladder.definitions.competencies)} competencies, "
        f"{questions} questions."
    )


@main.command(name="list")
@levels_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_levels(levels_dir: Path | None, as_json: bool) -> None:
    """List the ladder's levels, lowest first."""
    ladder = load(levels_dir)
    rows = [
        {
            "id": level.id,
            "aliases": list(level.aliases),
            "title": level.name,
            "competencies": len(level.competencies),
            "interviews": len(level.loop),
            "questions": sum(len(c.questions) for c in level.competencies),
        }
        for level in ladder.levels
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for line in _table(rows):
        click.echo(terminal(line))


def _table(rows: list[dict[str, Any]]) -> list[str]:
    """`list`'s rows as aligned lines: the id and aliases, then the counts."""
    names = [
        row["id"] + (f" ({', '.join(row['aliases'])})" if row["aliases"] else "") for row in rows
    ]
    width = max(len(name) for name in names)
    return [
        f"{name:<{width}}  {row['title']}: {row['competencies']} competencies, "
        f"{row['interviews']} interviews, {row['questions']} questions"
        for name, row in zip(names, rows, strict=True)
    ]


@main.command(short_help="Compare two levels, competency by competency.")
@click.argument("first", metavar="A", shell_complete=complete_level)
@click.argument("second", metavar="B", shell_complete=complete_level)
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(["text", *FORMATS]),
    help="text (the default) prints to the terminal; the others write "
    "OUTPUT_DIR/diff/A-to-B.<format>. Repeatable.",
)
@output_dir_option
@paper_option
@levels_dir_option
@templates_dir_option
def diff(
    first: str,
    second: str,
    formats: tuple[str, ...],
    output_dir: Path,
    paper: str,
    levels_dir: Path | None,
    templates_dir: Path | None,
) -> None:
    """Compare level A with level B: per competency, what each expects and what
    changes. As a printable sheet, what someone needs to show to move up."""
    from rubricgen.build import BuildRequest, compare

    ladder = load(levels_dir)
    request = BuildRequest(
        levels=(first, second),
        formats=formats or ("text",),
        output_dir=output_dir,
        paper=paper,
        templates_dir=paths.user_templates_dir(templates_dir),
    )
    width = min(shutil.get_terminal_size().columns, 100)
    with refusing_bad_input(output_dir, levels_hint="'A' and 'B'"):
        click.echo(terminal(compare(ladder, first, second, request, note, width)), nl=False)


@main.command(short_help="Summarise one candidate's filled scorecards for the debrief.")
@click.option(
    "--level",
    "-l",
    required=True,
    metavar="LEVEL",
    shell_complete=complete_level,
    help="The level the candidate interviewed for: an id or alias.",
)
@output_dir_option
@paper_option
@levels_dir_option
@templates_dir_option
@click.argument(
    "files",
    metavar="FILE...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
def debrief(
    level: str,
    output_dir: Path,
    paper: str,
    levels_dir: Path | None,
    templates_dir: Path | None,
    files: tuple[Path, ...],
) -> None:
    """Summarise the scorecards of one candidate's loop: FILE is a filled
    interview packet (PDF) or a CSV typed from paper scorecards. Writes
    OUTPUT_DIR/<level>/debrief-summary.{html,pdf,json}; a file that is not a
    scorecard of this level, ladder, opening and candidate stops it."""
    from rubricgen.build import debrief_folder

    with refusing_bad_input(output_dir):
        debrief_folder(
            paths.levels_dir(levels_dir),
            level,
            files,
            output_dir=output_dir,
            paper=paper,
            templates_dir=paths.user_templates_dir(templates_dir),
            note=note,
        )


@main.command(short_help="Print the JSON Schema of the ladder's files, for editors.")
@click.argument("name", type=click.Choice(["level", "ladder"]), default="level")
@click.option(
    "--output-dir",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write both schemas (ladder.schema.json, level.schema.json) into this folder "
    "instead of printing one.",
)
def schema(name: str, output_dir: Path | None) -> None:
    """Print the JSON Schema of a level file (or of ladder.yaml), for editors."""
    from rubricgen.schema.json_schema import SCHEMAS, file_name, json_schema

    if output_dir is None:
        click.echo(json_schema(name), nl=False)
        return
    output_dir.mkdir(parents=True, exist_ok=True)
    for each in SCHEMAS:
        target = output_dir / file_name(each)
        target.write_text(json_schema(each))
        note(f"wrote {display_path(target)}")


@main.command(short_help="Start a ladder of your own, from the shipped one or blank.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--blank",
    is_flag=True,
    help="Start from a small ladder of two levels, each key explained, instead of the shipped one.",
)
def init(directory: Path, blank: bool) -> None:
    """Start a ladder of your own in DIRECTORY: the shipped ladder (or, with
    --blank, a small one to fill in) in levels/ and the built-in templates in
    templates/, to edit. Existing files are kept."""
    from rubricgen.init import init_ladder

    try:
        report = init_ladder(directory, blank=blank)
    except OSError as error:
        fail([cannot_write(error, directory), "1 problem found; choose another folder."])
    for path in report.written:
        note(f"wrote {display_path(path)}")
    for path in report.kept:
        note(f"kept {display_path(path)}: it already exists and was left alone")
    level = example_level(directory / "levels")
    note(
        f"{len(report.written)} files written, {len(report.kept)} kept. Next: "
        f"cd {display_path(directory)} && rubricgen validate && rubricgen build --level {level}"
    )


@main.command(name="import", short_help="Turn a spreadsheet into a ladder folder.")
@click.argument(
    "source", metavar="FILE", type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@click.option(
    "--output-dir",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The new ladder folder to write; import never writes into one that holds files.",
)
def import_ladder(source: Path, output_dir: Path) -> None:
    """Turn FILE (.csv or .xlsx: one row per competency, one column per level)
    into a ladder folder: ladder.yaml and a file per level."""
    from rubricgen.spreadsheet import import_spreadsheet

    try:
        written = import_spreadsheet(source, output_dir)
    except LadderError as error:
        fail(error.report("nothing was written."))
    except OSError as error:
        fail([cannot_write(error, output_dir), "1 problem found; choose another folder."])
    for path in written:
        note(f"wrote {display_path(path)}")
    note(
        f"{len(written)} files written. Next: rubricgen validate --levels-dir "
        f"{display_path(output_dir)}"
    )


@main.command(short_help="Write the ladder in use as a spreadsheet.")
@click.option(
    "--format",
    "-f",
    "kind",
    type=click.Choice(["csv", "xlsx"]),
    help="The spreadsheet's format. Default: from FILE's extension.",
)
@click.option(
    "--output",
    "-o",
    "target",
    required=True,
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write; export never replaces one.",
)
@levels_dir_option
def export(kind: str | None, target: Path, levels_dir: Path | None) -> None:
    """Write the ladder in use as a spreadsheet in the layout `import` reads.
    The layout holds expectations only; what it leaves out is said on stderr."""
    from rubricgen.spreadsheet import export_spreadsheet

    kind = kind or target.suffix.lower().lstrip(".")
    if kind not in ("csv", "xlsx"):
        raise click.BadParameter(
            "name a .csv or .xlsx file, or choose the format with --format.", param_hint="'-o'"
        )
    ladder = load(levels_dir)
    try:
        omitted = export_spreadsheet(ladder, target, kind)
    except LadderError as error:
        fail(error.report("nothing was written."))
    except OSError as error:
        fail([cannot_write(error, target), "1 problem found; choose another file."])
    note(f"wrote {display_path(target)}")
    if omitted:
        note("The spreadsheet holds expectations only; left out: " + ", ".join(omitted) + ".")


def run() -> NoReturn:
    """The `rubricgen` command, and `python -m rubricgen`: `main`, then out
    without tearing down the interpreter.

    By then every file is written and closed, stdout and stderr are flushed
    here, and the processes a build started are stopped; the teardown of
    the modules a build loads (Pydantic's models, Jinja, pikepdf) would take
    another tenth of a second. An error that is not an exit still ends the
    usual way, with its traceback."""
    try:
        # Named as the console script is, so that `python -m rubricgen` prints
        # the same usage and answers the same shell completion variable.
        main(prog_name="rubricgen")
    except SystemExit as end:
        status = end.code
    else:
        status = 0
    if isinstance(status, str):
        print(status, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that stopped reading, as `| head` does
            status = status or 1
    os._exit(status or 0)


if __name__ == "__main__":
    run()
