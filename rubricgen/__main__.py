"""The command line: `rubricgen build`, `validate` and `list`.

The only module that knows about click; every command calls plain functions
of the pipeline. Exit codes: 0 done, 1 the input is wrong, 2 wrong usage.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click
from click.shell_completion import CompletionItem

from rubricgen import __version__, paths
from rubricgen.documents import FORMATS, KINDS, LADDER_KINDS, PAPERS
from rubricgen.escaping import terminal, unprintable
from rubricgen.output import BuildFailed, Stopped, stop_on_signals
from rubricgen.schema import Ladder, LadderError, load_ladder
from rubricgen.schema.loader import display_path


def note(message: str) -> None:
    click.echo(terminal(message), err=True)


def fail(problems: Sequence[object], consequence: str) -> NoReturn:
    for problem in problems:
        click.echo(terminal(str(problem)), err=True)
    count = len(problems)
    if count:
        click.echo(f"{count} problem{'s' if count != 1 else ''} found; {consequence}", err=True)
    else:
        click.echo(consequence, err=True)
    sys.exit(1)


def cannot_write(error: OSError, where: Path) -> str:
    return f"{error.filename or where}: cannot write there ({error.strerror})."


@contextmanager
def refusing_bad_input(output_dir: Path) -> Iterator[None]:
    """A wrong ladder or template, or an output folder that cannot be written:
    every problem listed, exit 1, nothing written. Ctrl-C or SIGTERM: one
    line, exit 130 or 143."""
    try:
        with stop_on_signals():
            yield
    except LadderError as error:
        fail(error.problems, "nothing was written.")
    except BuildFailed as error:
        fail([], str(error))
    except Stopped as stop:
        note(stop.explain(output_dir))
        sys.exit(stop.exit_code)
    except OSError as error:
        if error.filename and not paths.is_within(Path(error.filename), output_dir):
            fail([f"{error.filename}: cannot read it ({error.strerror})."], "nothing was written.")
        fail(
            [cannot_write(error, output_dir)],
            "choose another --output-dir or fix its permissions.",
        )


def load(levels_dir: Path | None, consequence: str) -> Ladder:
    try:
        return load_ladder(paths.levels_dir(levels_dir))
    except LadderError as error:
        fail(error.problems, consequence)


def source_date() -> str | None:
    """The build date from SOURCE_DATE_EPOCH (reproducible builds), in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise click.UsageError(
            f"SOURCE_DATE_EPOCH is {epoch!r}; set it to a whole number of seconds "
            "since 1970-01-01, or unset it."
        ) from None


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


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Start with `rubricgen list`, then `rubricgen build --level senior`; "
    "see `rubricgen build --help`.",
)
@click.version_option(__version__, prog_name="rubricgen")
def main() -> None:
    """Turn a career ladder kept as YAML into interview kits and promotion rubrics."""


def check_candidate(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse, as wrong usage, a name that could hide or change what a page prints."""
    if value is None:
        return None
    problem = unprintable(value)
    if problem:
        raise click.BadParameter(problem)
    return value


def check_levels(ladder: Ladder, names: Sequence[str]) -> None:
    """Refuse, as wrong usage, a level name the ladder does not have."""
    unknown = [name for name in names if ladder.find(name) is None and name != "all"]
    if unknown:
        raise click.BadParameter(
            f"No level {', '.join(repr(n) for n in unknown)}. "
            f"Choose from: {', '.join(ladder.names())}.",
            param_hint="'--level'",
        )


def complete_level(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The ids and aliases of the ladder in use, for shell completion."""
    try:
        ladder = load_ladder(paths.levels_dir(ctx.params.get("levels_dir")))
    except LadderError:
        return []
    return [CompletionItem(name) for name in ladder.names() if name.startswith(incomplete)]


@main.command()
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
    type=click.Choice([*KINDS, *LADDER_KINDS]),
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
    when: datetime | None,
    seed: int | None,
    levels_dir: Path | None,
    templates_dir: Path | None,
    watch: bool,
) -> None:
    """Build the documents of one or more levels into OUTPUT_DIR/<level>/: the
    interview kit, a packet per interviewer (panel/), the debrief sheet and the
    promotion rubric."""
    # Imported here: the views and renderer are not needed by validate or list.
    from rubricgen.build import BuildRequest
    from rubricgen.build import build as build_documents
    from rubricgen.views import Occasion

    if not levels and set(kinds or KINDS) - set(LADDER_KINDS):
        raise click.UsageError(
            "Choose the levels to build with --level LEVEL (or --level all), or ask "
            "only for the ladder overview with --kind ladder."
        )
    folder = paths.levels_dir(levels_dir)
    user_templates = paths.user_templates_dir(templates_dir)

    def request_for(ladder: Ladder) -> BuildRequest:
        check_levels(ladder, levels)
        return BuildRequest(
            levels=levels,
            kinds=kinds or KINDS,
            formats=formats or ("html", "pdf"),
            output_dir=output_dir,
            paper=paper,
            templates_dir=user_templates,
            occasion=Occasion(
                candidate=candidate.strip() or None if candidate else None,
                date=when.date().isoformat() if when else None,
                seed=seed,
                built=source_date(),
            ),
        )

    def once() -> None:
        ladder = load_ladder(folder)
        report = build_documents(ladder, request_for(ladder), note)
        pages = sum(item.pages or 0 for item in report.written)
        note(
            f"{len(report.written)} file{'' if len(report.written) == 1 else 's'} written"
            f" ({pages} PDF page{'' if pages == 1 else 's'}), "
            f"{len(report.current)} up to date, in {report.seconds:.1f} s."
        )

    if not watch:
        with refusing_bad_input(output_dir):
            once()
        return

    def rebuild() -> None:
        try:
            once()
        except LadderError as error:
            for problem in error.problems:
                note(str(problem))
            note(f"{len(error.problems)} problem(s) found; nothing was written. Waiting for a fix.")
        except click.UsageError as error:
            note(f"{error.format_message()} Waiting for a fix.")
        except OSError as error:
            note(cannot_write(error, output_dir))
        except BuildFailed as error:
            note(str(error))

    from rubricgen.watch import watch as watch_files

    watched = [folder, paths.shipped("templates")]
    if user_templates is not None:
        watched.append(user_templates)
    with stop_on_signals():
        watch_files(watched, rebuild, note, ignore=output_dir)


@main.command()
@levels_dir_option
@click.option("--strict", is_flag=True, help="Treat warnings as problems: exit 1 on any.")
def validate(levels_dir: Path | None, strict: bool) -> None:
    """Check the ladder: every file, and the rules across files."""
    ladder = load(levels_dir, "fix them and run `rubricgen validate` again.")
    for warning in ladder.warnings:
        note(f"warning: {warning}")
    if strict and ladder.warnings:
        fail([], "--strict makes warnings fatal; reword the text above.")
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
    ladder = load(levels_dir, "fix them and run `rubricgen validate` again.")
    rows = [
        {
            "id": level.id,
            "aliases": list(level.aliases),
            "title": level.title,
            "competencies": len(level.competencies),
            "interviews": len(level.loop),
            "questions": sum(len(c.questions) for c in level.competencies),
        }
        for level in ladder.levels
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    names = [
        level.id + (f" ({', '.join(level.aliases)})" if level.aliases else "")
        for level in ladder.levels
    ]
    width = max(len(name) for name in names)
    for name, row in zip(names, rows, strict=True):
        click.echo(
            terminal(
                f"{name:<{width}}  {row['title']}: {row['competencies']} competencies, "
                f"{row['interviews']} interviews, {row['questions']} questions"
            )
        )


@main.command()
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
    ladder = load(levels_dir, "nothing was written.")
    for name in (first, second):
        if name == "all" or ladder.find(name) is None:
            raise click.BadParameter(
                f"No level {name!r}. Choose from: {', '.join(ladder.names()[:-1])}.",
                param_hint="'A' and 'B'",
            )
    level_a, level_b = ladder.find(first), ladder.find(second)
    assert level_a is not None and level_b is not None
    wanted = formats or ("text",)
    if "text" in wanted:
        from rubricgen.renderer.text import diff_text
        from rubricgen.views import resolve_level_diff

        width = min(shutil.get_terminal_size().columns, 100)
        text = diff_text(resolve_level_diff(ladder, level_a, level_b), width)
        click.echo(terminal(text), nl=False)
    files = tuple(f for f in wanted if f != "text")
    if not files:
        return
    from rubricgen.build import BuildRequest, plan_diff, write_plan

    request = BuildRequest(
        levels=(),
        formats=files,
        output_dir=output_dir,
        paper=paper,
        templates_dir=paths.user_templates_dir(templates_dir),
    )
    with refusing_bad_input(output_dir):
        write_plan(plan_diff(ladder, level_a, level_b, request), output_dir, note)


@main.command()
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


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Start a ladder of your own in DIRECTORY: the shipped ladder in levels/ and
    the built-in templates in templates/, to edit. Existing files are kept."""
    from rubricgen.init import init_ladder

    try:
        report = init_ladder(directory)
    except OSError as error:
        fail(
            [cannot_write(error, directory)],
            "choose another folder.",
        )
    for path in report.written:
        note(f"wrote {display_path(path)}")
    for path in report.kept:
        note(f"kept {display_path(path)}: it already exists and was left alone")
    note(
        f"{len(report.written)} files written, {len(report.kept)} kept. Next: "
        f"cd {display_path(directory)} && rubricgen validate && rubricgen build --level senior"
    )


if __name__ == "__main__":
    # Named as the console script is, so that `python -m rubricgen` prints the
    # same usage and answers the same shell completion variable.
    main(prog_name="rubricgen")
