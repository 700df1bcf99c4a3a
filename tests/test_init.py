"""`rubricgen init`: a ladder of one's own, templates to edit, nothing overwritten."""

from rubricgen.__main__ import main
from rubricgen.paths import shipped


def test_init_copies_the_ladder_and_templates_and_never_overwrites(runner, tmp_path, monkeypatch):
    target = tmp_path / "myladder"
    result = runner.invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    for name in ("levels", "templates"):
        expected = sorted(
            p.relative_to(shipped(name)) for p in shipped(name).rglob("*") if p.is_file()
        )
        assert (
            sorted(p.relative_to(target / name) for p in (target / name).rglob("*") if p.is_file())
            == expected
        )
    assert "Next: cd " in result.stderr and "rubricgen build --level senior" in result.stderr

    edited = target / "levels" / "senior.yaml"
    edited.write_text(edited.read_text() + "# our own note\n")
    again = runner.invoke(main, ["init", str(target)])
    assert again.exit_code == 0
    assert "0 files written" in again.stderr
    assert "senior.yaml: it already exists and was left alone" in again.stderr
    assert edited.read_text().endswith("# our own note\n")


def test_building_in_the_folder_uses_its_edited_templates(runner, tmp_path, monkeypatch):
    target = tmp_path / "myladder"
    runner.invoke(main, ["init", str(target)])
    kit = target / "templates" / "interview_kit.j2.html"
    kit.write_text(
        kit.read_text().replace(
            '<h2 id="role">The role at this level</h2>', '<h2 id="role">Our role, our words</h2>'
        )
    )
    monkeypatch.chdir(target)
    result = runner.invoke(main, ["build", "-l", "senior", "--kind", "interview-kit", "-f", "html"])
    assert result.exit_code == 0, result.output
    assert "Our role, our words" in (target / "output/senior/interview-kit.html").read_text()


def test_init_blank_writes_a_small_ladder_that_validates_and_is_about_no_job(
    runner, tmp_path, monkeypatch
):
    import re

    target = tmp_path / "ours"
    result = runner.invoke(main, ["init", str(target), "--blank"])
    assert result.exit_code == 0, result.output
    levels = target / "levels"
    assert sorted(p.relative_to(levels).as_posix() for p in levels.rglob("*.*")) == [
        "first.yaml",
        "ladder.yaml",
        "schema/ladder.schema.json",
        "schema/level.schema.json",
        "second.yaml",
    ]
    assert "rubricgen build --level second" in result.stderr
    pm = re.compile(r"\b(products?|PMs?|roadmaps?|customers?|strategy)\b", re.IGNORECASE)
    for path in levels.glob("*.yaml"):
        text = path.read_text()
        assert text.startswith("# yaml-language-server: $schema=schema/"), path.name
        assert not pm.search(text), (path.name, pm.search(text))
    assert not pm.search(result.stderr)
    monkeypatch.chdir(target)
    result = runner.invoke(main, ["validate", "--strict"])
    assert result.exit_code == 0, result.output
    assert "the ladder is valid: 2 levels, 2 competencies, 0 questions." in result.stderr
    result = runner.invoke(main, ["build", "-l", "second", "-f", "md"])
    assert result.exit_code == 0, result.output
    rubric = (target / "output/second/promotion-rubric.md").read_text()
    assert rubric.startswith("# Promotion rubric: Second level (L2)\n")
    assert not pm.search(rubric)
