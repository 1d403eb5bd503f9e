"""Themes: a folder of templates, a stylesheet and a theme.yaml with colors and fonts.

A theme is found by path, by built-in name, or by name in the user's theme folder
(`nextround templates list` shows where that is). A theme folder may hold only the files it
changes: every other file comes from the theme it extends (`extends:` in theme.yaml, the
default theme unless it says otherwise). The built-in themes live in templates/ at the top of
the repository and ship inside the wheel as nextround/templates.
"""

from __future__ import annotations

import copy
import difflib
import logging
import os
import stat
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from .errors import ThemeError
from .images import check_pixels, check_svg, parse_svg
from .reading import read_capped

log = logging.getLogger("nextround")

# The keys nextround reads. A theme may add its own for its own templates, so others are
# allowed; one that looks like a misspelling of these gets a warning.
KNOWN_KEYS = {
    "": ("name", "description", "extends", "paper", "fonts", "colors", "logo", "accent_color",
         "font", "footer"),
    "colors": ("accent", "text", "muted", "rule", "tint", "phases"),
    "fonts": ("body", "fallback"),
}
COLOR_KEYS = ("accent", "text", "muted", "rule", "tint")

# Every file of a theme is checked when the theme is loaded: a shared theme may hold a symbolic
# link to a private file, a FIFO that hangs whatever opens it, or a sparse file of gigabytes.
MAX_THEME_FILE = 30_000_000  # a font family with every weight is a few MB
MAX_THEME_YAML = 1_000_000

REQUIRED_FILES = ("theme.yaml", "plan.html.j2", "questions.html.j2", "style.css",
                  "plan.docx", "questions.docx", "plan.md.j2", "questions.md.j2")
BASE_THEME = "default"


def builtin_themes_dir() -> Path:
    shipped = Path(str(resources.files("nextround") / "templates"))
    if shipped.is_dir():
        return shipped
    # An editable install (pip install -e .) runs from src/, where the wheel's copy of
    # templates/ does not exist: use the repository's own folder.
    return Path(__file__).resolve().parents[2] / "templates"


def user_themes_dir() -> Path:
    """Where a user keeps their own themes (on Linux ~/.config/nextround/themes)."""
    return Path(user_config_dir("nextround")) / "themes"


def _theme_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "theme.yaml").is_file())


def builtin_theme_names() -> list[str]:
    return [p.name for p in _theme_folders(builtin_themes_dir())]


@dataclass(frozen=True)
class Theme:
    """A theme and the chain of folders its files come from (its own folder first)."""

    name: str
    path: Path
    config: dict[str, Any]
    layers: tuple[Path, ...] = ()
    where: str = "path"
    description: str = ""
    # Branding given on the command line or in nextround.toml, applied on top of the theme,
    # and (once rendering.branding.branded has worked it out) the effective branding.
    branding: dict[str, Any] = field(default_factory=dict)
    brand: dict[str, Any] | None = None

    def file(self, name: str) -> Path:
        """The file `name` from the first folder of the chain that has it."""
        for folder in self.layers or (self.path,):
            if (folder / name).exists():
                return folder / name
        return self.path / name

    def own_files(self) -> list[str]:
        return sorted(str(p.relative_to(self.path)) for p in self.path.rglob("*")
                      if p.is_file())

    def content_dirs(self) -> list[Path]:
        """Content packs shipped with the theme (a `content/` folder), base theme first."""
        return [folder / "content" for folder in reversed(self.layers)
                if (folder / "content").is_dir()]

    def with_branding(self, branding: dict[str, Any]) -> Theme:
        given = {key: value for key, value in branding.items() if value not in (None, "")}
        return replace(self, branding={**self.branding, **given}, brand=None) if given else self


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` on top of `base`, mappings merged key by key, anything else replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def check_theme_files(folder: Path) -> None:
    """Every file of a theme folder is the theme's own: no symbolic link leading out of the
    folder, nothing but regular files, none over MAX_THEME_FILE bytes. Checked for every file,
    not just templates, because any of them can reach a handout (theme.yaml's values, CSS,
    fonts, pictures, Word templates) and `templates init --from` copies them all."""
    root = folder.resolve()
    for current, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(current) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                raise ThemeError(f"{path}: the file leads outside the theme folder (a symbolic "
                                 f"link); themes may only use their own files.")
            try:
                info = path.stat()
            except OSError as exc:  # a link to nowhere, or no permission
                raise ThemeError(f"{path} cannot be read: {exc.strerror}.") from None
            if stat.S_ISDIR(info.st_mode):
                continue
            if not stat.S_ISREG(info.st_mode):
                raise ThemeError(f"{path} is not a regular file (a device, a pipe or a "
                                 f"socket); a theme holds only files.")
            if info.st_size > MAX_THEME_FILE:
                raise ThemeError(f"{path} is {info.st_size:,} bytes; a theme file may hold at "
                                 f"most {MAX_THEME_FILE:,}.")
            if path.suffix.lower() == ".svg":
                _check_svg(path)
            elif path.suffix.lower() in PICTURES:
                # One the renderer cannot read either, it leaves out with a warning.
                check_pixels(path.read_bytes(), str(path), ThemeError, unreadable_ok=True)


PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def _check_svg(path: Path) -> None:
    """An SVG of the theme: its <use> elements checked (images.check_svg)."""
    from lxml import etree

    try:
        root = parse_svg(path.read_bytes())
    except etree.XMLSyntaxError:
        return  # not SVG the renderer can draw either; it leaves the picture out
    check_svg(root, str(path), ThemeError)


def _read_config(path: Path) -> dict[str, Any]:
    import yaml

    check_theme_files(path)
    file = path / "theme.yaml"
    try:
        text = read_capped(file, MAX_THEME_YAML, str(file), ThemeError).decode("utf-8")
        config = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f", line {mark.line + 1}" if mark else ""
        raise ThemeError(f"{file}{at}: not valid YAML "
                         f"({getattr(exc, 'problem', None) or exc}).") from None
    except UnicodeDecodeError as exc:
        raise ThemeError(f"{file} cannot be read: {exc}") from None
    except RecursionError:  # PyYAML reads nested lists and mappings by recursion
        raise ThemeError(f"{file}: nested too deeply to read (lists or "
                         f"mappings inside each other, hundreds of levels).") from None
    if not isinstance(config, dict):
        raise ThemeError(f"{file} must hold a mapping (name, colors, fonts).")
    _check_keys(file, config)
    return config


def _check_keys(file: Path, config: dict[str, Any]) -> None:
    """Catch the two easy mistakes: a misspelled key (silently ignored otherwise) and a color
    without quotes (YAML reads everything after # as a comment, so the value is empty)."""
    for section, known in KNOWN_KEYS.items():
        values = config.get(section) if section else config
        if not isinstance(values, dict):
            continue
        for key in values:
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
            if str(key) not in known and close:
                name = f"{section}.{key}" if section else key
                log.warning("%s: nextround does not use the key %r; did you mean %r?",
                            file, name, f"{section}.{close[0]}" if section else close[0])
    colors = config.get("colors") if isinstance(config.get("colors"), dict) else {}
    empty = [f"colors.{key}" for key in COLOR_KEYS if key in colors and colors[key] is None]
    empty += ["accent_color"] if "accent_color" in config and config["accent_color"] is None else []
    if empty:
        raise ThemeError(f"{file}: {empty[0]} is empty. Put a color in quotes, as in "
                         f"{empty[0].rpartition('.')[2]}: \"#1B3A5C\" (without them, YAML "
                         f"reads # and what follows as a comment).")


def find_theme_folder(name_or_path: str) -> tuple[Path, str]:
    """The folder of a theme and where it was found: 'path', 'built-in' or 'user'."""
    candidate = Path(name_or_path).expanduser()
    if candidate.is_dir():
        if not (candidate / "theme.yaml").is_file():
            raise ThemeError(f"The theme folder {name_or_path!r} has no theme.yaml: "
                             f"make one with 'nextround templates init {name_or_path}'.")
        return candidate.resolve(), "path"
    if "/" not in name_or_path and "\\" not in name_or_path:
        for root, where in ((builtin_themes_dir(), "built-in"), (user_themes_dir(), "user")):
            if (root / name_or_path / "theme.yaml").is_file():
                return root / name_or_path, where
    # The default theme first: it is the one to fall back on.
    names = sorted({p.name for root in (builtin_themes_dir(), user_themes_dir())
                    for p in _theme_folders(root)}, key=lambda n: (n != BASE_THEME, n))
    raise ThemeError(
        f"Unknown theme {name_or_path!r}: give a built-in theme name "
        f"({', '.join(names)}) or the path of a theme folder."
    )


def load_theme(name_or_path: str) -> Theme:
    """Find a theme by path, built-in name or user-folder name, with its inherited files."""
    path, where = find_theme_folder(name_or_path)
    # Cached on what can change on disk, so an edited theme.yaml or a file added (a link, say)
    # is read and checked again.
    stamp = tuple((Path(folder, name), os.lstat(Path(folder, name)).st_mtime_ns)
                  for folder, dirs, files in os.walk(path) for name in sorted(dirs + files))
    return _load(path, where, stamp)


@lru_cache(maxsize=32)
def _load(path: Path, where: str, stamp: tuple) -> Theme:
    layers = [path]
    config = _read_config(path)
    chain = [config]
    seen = {path.resolve()}
    current = config
    while True:
        parent_name = current.get("extends", BASE_THEME)
        if parent_name in (None, False, "none") or (where == "built-in"
                                                    and path.name == BASE_THEME):
            break
        parent, _ = find_theme_folder(str(parent_name))
        if parent.resolve() in seen:
            break
        seen.add(parent.resolve())
        layers.append(parent)
        current = _read_config(parent)
        chain.append(current)
    merged: dict[str, Any] = {}
    for layer_config in reversed(chain):
        merged = merge(merged, layer_config)
    merged.pop("extends", None)
    theme = Theme(name=str(config.get("name", path.name)), path=path, config=merged,
                  layers=tuple(layers), where=where,
                  description=str(config.get("description", "")).strip())
    missing = [f for f in REQUIRED_FILES if not theme.file(f).is_file()]
    if missing:
        raise ThemeError(f"The theme folder {str(path)!r} is missing {', '.join(missing)}, "
                         f"and the theme it extends does not provide them.")
    return theme


def available_themes() -> list[Theme]:
    """Every theme `--theme NAME` can find: built-in first, then the user's own."""
    themes = []
    for root in (builtin_themes_dir(), user_themes_dir()):
        for folder in _theme_folders(root):
            try:
                themes.append(load_theme(str(folder)))
            except ThemeError:
                continue
    builtin = builtin_themes_dir().resolve()
    return [replace(t, where="built-in" if t.path.resolve().parent == builtin else "user")
            for t in themes]
