"""Themes: a folder of templates, a stylesheet and a theme.yaml with colors and fonts.

A theme is found by name among the built-in ones, or by path. The built-in themes live in
templates/ at the top of the repository and ship inside the wheel as nextround/templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ThemeError

REQUIRED_FILES = ("theme.yaml", "plan.html.j2", "questions.html.j2", "style.css",
                  "plan.docx", "questions.docx", "plan.md.j2", "questions.md.j2")


def builtin_themes_dir() -> Path:
    shipped = Path(str(resources.files("nextround") / "templates"))
    if shipped.is_dir():
        return shipped
    # An editable install (pip install -e .) runs from src/, where the wheel's copy of
    # templates/ does not exist: use the repository's own folder.
    return Path(__file__).resolve().parents[2] / "templates"


def builtin_theme_names() -> list[str]:
    root = builtin_themes_dir()
    return sorted(p.name for p in root.iterdir() if (p / "theme.yaml").is_file())


@dataclass(frozen=True)
class Theme:
    name: str
    path: Path
    config: dict[str, Any]

    def file(self, name: str) -> Path:
        return self.path / name


@lru_cache(maxsize=16)
def load_theme(name_or_path: str) -> Theme:
    """Find a theme by built-in name or by folder path, and check it has what it needs."""
    candidate = Path(name_or_path).expanduser()
    if candidate.is_dir():
        path = candidate.resolve()
    elif "/" not in name_or_path and (builtin_themes_dir() / name_or_path).is_dir():
        path = builtin_themes_dir() / name_or_path
    else:
        raise ThemeError(
            f"Unknown theme {name_or_path!r}: give a built-in theme name "
            f"({', '.join(builtin_theme_names())}) or the path of a theme folder."
        )
    missing = [f for f in REQUIRED_FILES if not (path / f).is_file()]
    if missing:
        raise ThemeError(f"The theme folder {str(path)!r} is missing {', '.join(missing)}.")
    try:
        config = yaml.safe_load((path / "theme.yaml").read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{path / 'theme.yaml'} cannot be read: {exc}") from None
    if not isinstance(config, dict):
        raise ThemeError(f"{path / 'theme.yaml'} must hold a mapping (name, colors, fonts).")
    return Theme(name=str(config.get("name", path.name)), path=path, config=config)
