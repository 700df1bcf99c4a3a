"""The README cannot drift from the command line: every command and option
the CLI has is named in it."""

from pathlib import Path

import click
import pytest

from rubricgen.__main__ import main

README = (Path(__file__).parent.parent / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_is_in_the_readme(name):
    command = main.commands[name]
    assert f"rubricgen {name}" in README
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.opts[-1] in README or param.opts[0] in README, (name, param.opts)
        if isinstance(param, click.Choice):
            continue
        if isinstance(param.type, click.Choice):
            for choice in param.type.choices:
                assert str(choice) in README, (name, choice)


def test_ci_runs_exactly_the_readme_test_command():
    command = "python3 -m pip install -e '.[test]' && python3 -m pytest"
    assert f"```sh\n{command}\n```" in README
    ci = (Path(__file__).parent.parent / ".ci/run").read_text()
    assert command in ci.splitlines()
    assert "rubricgen build --level senior" in README
