"""A ladder repository guarded as the README says: the pre-commit hook of
`.pre-commit-hooks.yaml` and the CI step, both taken from the README and run
in a scratch git repository against a scratch copy of rubricgen itself (a
local path: nothing is fetched but packages from the package registry)."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import SMALL, need, readme_code_blocks

ROOT = Path(__file__).parent.parent
HOOK_CONFIG, CI_STEP = readme_code_blocks("In a ladder repository")
# What a user installs from rubricgen's repository: the package, its data and
# the hook definition (README.md is the package's long description).
SHIPPED = [
    "pyproject.toml",
    "README.md",
    ".pre-commit-hooks.yaml",
    "rubricgen",
    "levels",
    "templates",
]


# Commits by a fixed author, untouched by the user's own git configuration.
GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Ladder Owner",
    "GIT_AUTHOR_EMAIL": "owner@example.org",
    "GIT_COMMITTER_NAME": "Ladder Owner",
    "GIT_COMMITTER_EMAIL": "owner@example.org",
}


def git(cwd: Path, *args: str, env: dict[str, str] = GIT_ENV) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )


def commit_all(
    repo: Path, message: str, env: dict[str, str] = GIT_ENV
) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "--all", env=env)
    return git(repo, "commit", "--quiet", "--message", message, env=env)


@pytest.fixture(scope="module")
def rubricgen_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """rubricgen as a ladder repository reaches it: a git repository, and the
    commit to install."""
    need(shutil.which("git") is not None, what="git")
    repo = tmp_path_factory.mktemp("rubricgen")
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, repo / name)
    git(repo, "init", "--quiet")
    assert commit_all(repo, "rubricgen").returncode == 0
    return repo, git(repo, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def ladder_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "ladder"
    shutil.copytree(SMALL, repo / "levels")
    git(repo, "init", "--quiet")
    return repo


@pytest.mark.slow
def test_the_pre_commit_hook_stops_a_commit_that_breaks_the_ladder(
    rubricgen_repo, ladder_repo, tmp_path
):
    need(importlib.util.find_spec("pre_commit") is not None, what="pre-commit")
    source, rev = rubricgen_repo
    yaml = YAML()
    config = yaml.load(HOOK_CONFIG)
    config["repos"][0].update(repo=source.as_uri(), rev=rev)
    with (ladder_repo / ".pre-commit-config.yaml").open("w") as out:
        yaml.dump(config, out)
    env = {**GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--install-hooks"],
        cwd=ladder_repo,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # git shows a hook's output on stderr.
    first = commit_all(ladder_repo, "A ladder", env)
    assert first.returncode == 0, first.stderr
    assert re.search(r"^rubricgen validate --strict\.+Passed$", first.stderr, re.M)

    cook = ladder_repo / "levels/cook.yaml"
    valid = cook.read_text()
    cook.write_text(valid.replace("summary:", "sumary:"))
    broken = commit_all(ladder_repo, "A typo", env)
    assert broken.returncode == 1
    assert (
        "levels/cook.yaml:4:1: sumary: Unknown key `sumary`; did you mean `summary`?"
        in broken.stderr
    ), broken.stderr

    # --strict: a word that invites bias stops the commit too.
    cook.write_text(valid.replace("One station.", "One station, for a rockstar."))
    biased = commit_all(ladder_repo, "Bias", env)
    assert biased.returncode == 1
    assert "rockstar" in biased.stderr, biased.stderr
    assert git(ladder_repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"


@pytest.mark.slow
def test_the_ci_step_validates_then_builds_every_document(rubricgen_repo, ladder_repo):
    source, rev = rubricgen_repo
    env = {
        **GIT_ENV,
        "RUBRICGEN_REPO": source.as_uri(),
        "RUBRICGEN_REV": rev,
    }

    def step() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", CI_STEP],
            cwd=ladder_repo,
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )

    built = step()
    assert built.returncode == 0, built.stderr[-3000:]
    artifacts = ladder_repo / "artifacts"
    made = {p.relative_to(artifacts).as_posix() for p in artifacts.rglob("*.*")}
    for level in ("cook", "chef"):
        for kind in ("interview-kit", "debrief-sheet", "panel/01-station"):
            assert {f"{level}/{kind}.html", f"{level}/{kind}.pdf"} <= made
    assert {"chef/promotion-rubric.pdf", "ladder.html", "ladder.pdf"} <= made

    shutil.rmtree(artifacts)
    cook = ladder_repo / "levels/cook.yaml"
    cook.write_text(cook.read_text().replace("weight: 3", "weight: heavy", 1))
    broken = step()
    assert broken.returncode == 1
    assert "levels/cook.yaml:10:13:" in broken.stderr, broken.stderr[-3000:]
    assert not artifacts.exists()


def test_the_readme_config_names_the_hook_rubricgen_publishes():
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    config = YAML(typ="safe").load(HOOK_CONFIG)
    assert [h["id"] for h in config["repos"][0]["hooks"]] == [hook["id"]]
    assert hook["entry"] == "rubricgen validate --strict"
    assert re.search(hook["files"], "levels/senior.yaml")
    assert not re.search(hook["files"], "templates/print.css")
