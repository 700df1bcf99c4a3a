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
