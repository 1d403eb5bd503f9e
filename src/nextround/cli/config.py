"""nextround config: the settings in force here, and where each one comes from."""

from __future__ import annotations

import os

import click

from .common import allow_dir_option, handle_errors

EXAMPLE = """\b
Examples:
  nextround config
  NEXTROUND_THEME=classic nextround config
  cd clients/acme && nextround config     # finds ../../nextround.toml
"""


@click.command(epilog=EXAMPLE)
@allow_dir_option
@handle_errors
def config(allow_dirs: tuple[str, ...]) -> None:
    """Show the settings in force in this folder and where each comes from.

    Lowest first: the theme's theme.yaml, your user file, the nearest nextround.toml in this
    folder or a parent, NEXTROUND_* environment variables (NEXTROUND_THEME,
    NEXTROUND_ACCENT_COLOR, ... one for every option), then the options you type.
    """
    from ..project import project_settings, user_config_file
    from ..request import BY_NAME, SETTINGS
    from ..themes import load_theme

    found = {key: (setting.value, setting.source)
             for key, setting in project_settings(allowed=allow_dirs).items()}
    for key in SETTINGS:
        name = BY_NAME[key].envvar
        if os.environ.get(name):
            found[key] = (os.environ[name], f"environment ({name})")
    theme_name = str(found.get("theme", ("default", ""))[0])
    theme = load_theme(theme_name)
    found.setdefault("theme", ("default", "built in"))
    for key in SETTINGS:
        if key in found:
            continue
        for place in BY_NAME[key].theme_keys:  # where the theme keeps its own default
            value = theme.config
            for part in place.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if value not in (None, ""):
                found[key] = (value, f"theme {theme.name!r} ({theme.path / 'theme.yaml'})")
                break
    width = max(map(len, SETTINGS))
    for key in SETTINGS:
        value, source = found.get(key, ("", "not set"))
        shown = repr(value) if value not in (None, "") else "-"
        click.echo(f"{key:{width}}  {shown:30}  {source}")
    user = user_config_file()
    click.echo(f"\nUser file: {user}{'' if user.is_file() else ' (none yet)'}")
