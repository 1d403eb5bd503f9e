"""Settings files: a project's nextround.toml and the user's own, as other tools find theirs.

A recruiting firm keeps a nextround.toml at the top of its work so every `nextround generate`
run there, in any folder below it (clients/acme/), carries its logo and footer. A person keeps
their name and favourite theme in the user-level file (on Linux ~/.config/nextround/
nextround.toml). Lowest first: the theme's theme.yaml, the user file, the nearest nextround.toml
in the current folder or a parent, NEXTROUND_* environment variables, the command line. Paths in
a file are relative to that file and must stay in its folder (or one given with --allow-dir);
each file is read up to MAX_PROJECT_FILE bytes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from .errors import RequestError
from .fields import file_key
from .reading import read_capped, relative
from .request import BY_NAME, SETTINGS, by_field_name, confine_paths, resolve_alias

PROJECT_FILE = "nextround.toml"
MAX_PROJECT_FILE = 1_000_000


@dataclass(frozen=True)
class Setting:
    value: Any
    source: str  # the file it was read from


def user_config_file() -> Path:
    return Path(user_config_dir("nextround")) / PROJECT_FILE


def find_project_file(folder: Path | None = None) -> Path | None:
    """The nearest nextround.toml: in the folder, else in the closest parent that has one.
    Whatever is there counts (a FIFO or a folder is then refused by name, not passed over)."""
    start = (folder or Path.cwd()).resolve()
    for candidate in (start, *start.parents):
        if (candidate / PROJECT_FILE).exists():
            return candidate / PROJECT_FILE
    return None


def settings_files(folder: Path | None = None) -> list[Path]:
    """The settings files in force, lowest first."""
    user = user_config_file()
    files = [user] if user.exists() else []
    project = find_project_file(folder)
    if project is not None and project.resolve() not in [f.resolve() for f in files]:
        files.append(project)
    return files


def project_settings(folder: Path | None = None, allowed: tuple[str, ...] = ()
                     ) -> dict[str, Setting]:
    """Each setting given in a settings file, with the file it came from (the nearer wins).
    The paths a file names must stay in its folder, or one in `allowed` (--allow-dir)."""
    found: dict[str, Setting] = {}
    for path in settings_files(folder):
        found.update({k: Setting(v, str(path)) for k, v in read_settings(path, allowed).items()})
    return found


def project_defaults(folder: Path | None = None, allowed: tuple[str, ...] = ()
                     ) -> dict[str, Any]:
    """The fields the settings files set (none when there is no such file)."""
    return {key: setting.value for key, setting in project_settings(folder, allowed).items()}


def read_settings(path: Path, allowed: tuple[str, ...] = ()) -> dict[str, Any]:
    """One settings file's fields, read up to MAX_PROJECT_FILE bytes; the paths it names
    checked to stay in its folder (or one in `allowed`) and made relative to it."""
    try:
        data = tomllib.loads(read_capped(path, MAX_PROJECT_FILE, str(path)).decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise RequestError(f"{path}: not valid TOML ({exc}).") from None
    except UnicodeDecodeError as exc:
        raise RequestError(f"{path} cannot be read: {exc}.") from None
    except RecursionError:  # tomllib reads nested arrays by recursion
        raise RequestError(f"{path}: nested too deeply to read (arrays or tables inside each "
                           f"other, hundreds of levels).") from None
    for key, value in data.items():
        name = resolve_alias(file_key(key))
        if name not in SETTINGS:
            raise RequestError(f"{path}: unknown setting {key!r}; the settings are "
                               f"{', '.join(SETTINGS)}.")
        if isinstance(value, dict | list) and BY_NAME[name].kind != "list":
            raise RequestError(f"{path}: {key} must be a single value, not a table or a list.")
    fields = by_field_name({file_key(key): value for key, value in data.items()})
    theme = str(fields.get("theme", ""))
    if "/" in theme or theme.startswith("."):  # a folder, not a theme's name
        fields["theme"] = str(relative(path.parent, theme).resolve())
    return confine_paths(fields, path.parent, PROJECT_FILE, allowed)
