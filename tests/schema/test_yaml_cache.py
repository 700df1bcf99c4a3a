"""Ladder files read before are loaded from the user's cache folder, and
anything wrong with that folder changes nothing but the time it takes."""

import os

import pytest
import ruamel.yaml

from rubricgen.schema import yaml_cache
from rubricgen.schema.yaml_reader import read_yaml


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def level(tmp_path):
    path = tmp_path / "chef.yaml"
    path.write_text("id: chef\ntitle: Chef\nweights: [1, 2]\ndate: 2026-11-01\n")
    return path


def no_parsing(monkeypatch):
    def refuse(*_, **__):
        raise AssertionError("the file was parsed again")

    # The reader imports ruamel's loader where it parses.
    monkeypatch.setattr(ruamel.yaml, "YAML", refuse)


def test_a_file_read_before_is_not_parsed_again(cache_home, level, monkeypatch):
    first, _, problems = read_yaml(level, "chef.yaml")
    assert problems == []
    no_parsing(monkeypatch)
    again, source, problems = read_yaml(level, "chef.yaml")
    assert (
        again
        == first
        == {
            "id": "chef",
            "title": "Chef",
            "weights": [1, 2],
            "date": first["date"],
        }
    )
    assert str(first["date"]) == "2026-11-01"
    assert problems == [] and source is not None


def test_a_changed_file_is_read_afresh(cache_home, level):
    read_yaml(level, "chef.yaml")
    level.write_text("id: chef\ntitle: Head chef\n")
    data, _, _ = read_yaml(level, "chef.yaml")
    assert data["title"] == "Head chef"


def test_a_file_with_a_problem_is_never_kept(cache_home, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: chef\ntitle: [unclosed\n")
    for _ in range(2):
        data, _, problems = read_yaml(broken, "broken.yaml")
        assert data is None and problems[0].message.startswith("YAML syntax error")
    assert not list(cache_home.rglob("*.pickle"))


def test_a_damaged_entry_is_passed_over_and_written_again(cache_home, level):
    expected, _, _ = read_yaml(level, "chef.yaml")
    (entry,) = cache_home.rglob("*.pickle")
    entry.write_bytes(b"not a pickle")
    data, _, problems = read_yaml(level, "chef.yaml")
    assert data == expected and problems == []
    assert yaml_cache.get(level.read_bytes()) == expected


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_may_write_to_is_not_read(cache_home, level, monkeypatch):
    read_yaml(level, "chef.yaml")
    folder = yaml_cache.folder()
    folder.chmod(0o777)
    assert yaml_cache.get(level.read_bytes()) is None
    no_parsing(monkeypatch)
    with pytest.raises(AssertionError, match="parsed again"):
        read_yaml(level, "chef.yaml")


def test_a_cache_folder_that_cannot_be_made_changes_nothing(tmp_path, level, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    for _ in range(2):
        data, _, problems = read_yaml(level, "chef.yaml")
        assert data["id"] == "chef" and problems == []


def test_the_entries_used_longest_ago_go_first(cache_home, tmp_path, monkeypatch):
    monkeypatch.setattr(yaml_cache, "KEEP", 2)
    paths = []
    for number in range(3):
        path = tmp_path / f"level-{number}.yaml"
        path.write_text(f"id: l{number}\ntitle: Level {number}\n")
        paths.append(path)
        read_yaml(path, path.name)
        entry = yaml_cache._entry(path.read_bytes())
        os.utime(entry, (1_000_000 + number, 1_000_000 + number))
    assert len(list(yaml_cache.folder().glob("*.pickle"))) == 2
    assert yaml_cache.get(paths[0].read_bytes()) is None
    assert yaml_cache.get(paths[2].read_bytes()) is not None
