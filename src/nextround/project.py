"""nextround.toml: a project's own defaults (theme, branding, content pack) in its folder.

A recruiting firm keeps one next to its work so every `nextround generate` run there carries
its logo and footer. Values given on the command line win over this file; this file wins over
the theme's theme.yaml. Paths in it are relative to the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import RequestError

PROJECT_FILE = "nextround.toml"
PROJECT_KEYS = ("theme", "paper", "candidate", "logo", "accent_color", "font",
                "footer", "content")


MAX_PROJECT_FILE = 1_000_000


def project_defaults(folder: Path | None = None, allowed: tuple[str, ...] = ()
                     ) -> dict[str, Any]:
    """The fields set in ./nextround.toml (none when there is no such file). The paths it
    names must stay in its folder, or one in `allowed` (--allow-dir)."""
    from .reading import read_capped
    from .request import confine_paths

    path = (folder or Path.cwd()) / PROJECT_FILE
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(read_capped(path, MAX_PROJECT_FILE, str(path)).decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise RequestError(f"{path}: not valid TOML ({exc}).") from None
    except UnicodeDecodeError as exc:
        raise RequestError(f"{path} cannot be read: {exc}.") from None
    except RecursionError:  # tomllib reads nested arrays by recursion
        raise RequestError(f"{path}: nested too deeply to read (arrays or tables inside each "
                           f"other, hundreds of levels).") from None
    fields: dict[str, Any] = {}
    for key, value in data.items():
        name = key.strip().lower().replace("-", "_")
        name = "formats" if name == "format" else name
        if name not in PROJECT_KEYS:
            raise RequestError(f"{path}: unknown setting {key!r}; the settings are "
                               f"{', '.join(PROJECT_KEYS)}.")
        if isinstance(value, dict | list) and name != "formats":
            raise RequestError(f"{path}: {key} must be a single value, not a table or a list.")
        if name == "theme" and ("/" in str(value) or str(value).startswith(".")):
            value = str((path.parent / str(value)).resolve())
        fields[name] = value
    return confine_paths(fields, path.parent, PROJECT_FILE, allowed)
