"""Settings as other tools have them: the nearest nextround.toml in this folder or a parent, a
user-level file, NEXTROUND_* environment variables, and `nextround config` to see them all."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLES

from nextround.cli import main
from nextround.themes import builtin_themes_dir

ARGS = ["generate", "--role", "Data Engineer", "--company", "Acme Grocers",
        "--description-file", str(SAMPLES / "acme-grocers.txt"), "--only", "plan",
        "--format", "html"]


def html_of(out: Path) -> str:
    return next(out.rglob("*.html")).read_text(encoding="utf-8")


def settings_in(tmp_path: Path, monkeypatch) -> Path:
    """A project with a nextround.toml at its top and work two folders down; a user file."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    user = tmp_path / "config" / "nextround" / "nextround.toml"
    user.parent.mkdir(parents=True)
    user.write_text('candidate = "Jane Doe"\nfooter = "From the user file"\n')
    project = tmp_path / "agency"
    (project / "clients" / "acme").mkdir(parents=True)
    (project / "nextround.toml").write_text('footer = "From the agency"\n'
                                            'accent-color = "#0B5FFF"\n')
    monkeypatch.chdir(project / "clients" / "acme")
    return project


def test_the_nearest_project_file_in_a_parent_folder_and_the_user_file_are_read(
        tmp_path, monkeypatch):
    settings_in(tmp_path, monkeypatch)
    result = CliRunner().invoke(main, [*ARGS, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    html = html_of(tmp_path / "out")
    # The project's footer beats the user's; the user's name still comes through.
    assert "From the agency" in html and "From the user file" not in html
    assert "Jane Doe" in html and "--accent: #0B5FFF" in html


def test_environment_beats_the_files_and_the_command_line_beats_the_environment(
        tmp_path, monkeypatch):
    settings_in(tmp_path, monkeypatch)
    monkeypatch.setenv("NEXTROUND_ACCENT_COLOR", "#222222")
    monkeypatch.setenv("NEXTROUND_PAPER", "a4")
    result = CliRunner().invoke(main, [*ARGS, "--out", str(tmp_path / "one")])
    assert result.exit_code == 0, result.output
    assert "--accent: #222222" in html_of(tmp_path / "one")
    assert "size: A4" in html_of(tmp_path / "one")
    result = CliRunner().invoke(main, [*ARGS, "--out", str(tmp_path / "two"),
                                       "--accent-color", "#333333"])
    assert "--accent: #333333" in html_of(tmp_path / "two")
    bad = CliRunner().invoke(main, [*ARGS, "--out", str(tmp_path / "three")],
                             env={"NEXTROUND_PAPER": "legal"})
    assert bad.exit_code == 2 and "Invalid value for '--paper'" in bad.stderr


def test_config_shows_each_setting_and_where_it_comes_from(tmp_path, monkeypatch):
    project = settings_in(tmp_path, monkeypatch)
    monkeypatch.setenv("NEXTROUND_THEME", "classic")
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    user = tmp_path / "config" / "nextround" / "nextround.toml"
    theme_yaml = builtin_themes_dir() / "classic" / "theme.yaml"
    assert [re.split(r"\s{2,}", line) for line in lines[:8]] == [
        ["theme", "'classic'", "environment (NEXTROUND_THEME)"],
        ["paper", "'letter'", f"theme 'classic' ({theme_yaml})"],
        ["candidate", "'Jane Doe'", str(user)],
        ["logo", "-", "not set"],
        ["accent_color", "'#0B5FFF'", str(project / "nextround.toml")],
        ["font", "'Noto Serif'", f"theme 'classic' ({theme_yaml})"],
        ["footer", "'From the agency'", str(project / "nextround.toml")],
        ["content", "-", "not set"],
    ]
    assert lines[-1] == f"User file: {user}"


def test_a_settings_file_found_above_or_in_the_user_folder_keeps_the_path_rule(
        tmp_path, monkeypatch):
    """A nextround.toml found in a parent folder names paths relative to itself and inside its
    own folder (--allow-dir widens that); the user's file is read up to its limit too."""
    from PIL import Image

    project = settings_in(tmp_path, monkeypatch)
    Image.new("RGB", (40, 20), "red").save(project / "logo.png")
    Image.new("RGB", (40, 20), "red").save(tmp_path / "private.png")
    toml = project / "nextround.toml"
    toml.write_text('logo = "logo.png"\n')
    result = CliRunner().invoke(main, [*ARGS, "--out", str(tmp_path / "one")])
    assert result.exit_code == 0, result.output  # logo.png beside the file, not the cwd
    assert "data:image/png;base64," in html_of(tmp_path / "one")
    toml.write_text('logo = "../private.png"\n')
    for args in ([*ARGS, "--out", str(tmp_path / "two"), "--force"], ["config"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1
        assert result.stderr == (f"Error: The logo '../private.png' is outside nextround.toml's "
                                 f"folder; put it in {str(project)!r} or a folder inside it, or "
                                 f"allow its folder with --allow-dir.\n")
        result = CliRunner().invoke(main, [*args, "--allow-dir", str(tmp_path)])
        assert result.exit_code == 0, result.output
        result = CliRunner().invoke(main, args, env={"NEXTROUND_ALLOW_DIR": str(tmp_path)})
        assert result.exit_code == 0, result.output
    user = tmp_path / "config" / "nextround" / "nextround.toml"
    user.write_text("# padding\n" * 200_000)
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {user} is over 1 MB, the limit for it.\n"
