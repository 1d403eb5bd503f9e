"""Branding: a logo, an accent color, a font and a footer, applied without editing templates.

Each can be set in several places; the first that sets it wins: the command line (or a batch
column), a NEXTROUND_* variable, the nearest nextround.toml, the user's nextround.toml (see
project.py), the theme's theme.yaml (top-level keys `logo`, `accent_color`, `font`, `footer`;
`logo` relative to the theme folder). All but the theme's arrive in `theme.branding`; `branded`
works out the effective branding once per request (pipeline.prepare), and every renderer reads
it from there.

Colors and fonts are checked here too, wherever they come from, and only these go into a
stylesheet: the templates' `css_color` and `css_fonts` filters are the same checks.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..errors import ThemeError
from ..fields import COLOR, FONT_NAME, GENERIC_FONTS
from ..images import LOGO_KINDS_TEXT, check_logo
from ..request import BRANDING_FIELDS
from ..themes import Theme


def css_color(value: object) -> Markup:
    """A theme color, checked: only #rgb or #rrggbb reach the stylesheet."""
    text = str(value).strip()
    if not COLOR.fullmatch(text):
        raise ThemeError(f"The color {text!r} is not a hex color such as #1B3A5C.")
    return Markup(text)


def css_fonts(value: object) -> Markup:
    """A comma-separated list of font names, each checked and quoted for CSS.

    Safe to mark: every name is letters, digits, spaces, dots and hyphens only.
    """
    names = []
    for name in str(value).split(","):
        name = name.strip()
        if not FONT_NAME.fullmatch(name):
            raise ThemeError(f"The font name {name!r} may hold only letters, digits, spaces, "
                             f". and -.")
        names.append(name if name in GENERIC_FONTS else f'"{name}"')
    return Markup(", ".join(names))


def css_string(value: object) -> Markup:
    """A text as a quoted CSS string (a label a stylesheet shows: "Page", "of"). Every
    character but letters, digits and spaces is written as a CSS escape, so nothing in it can
    end the string or the <style> element."""
    escaped = "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} "
                      for ch in str(value))
    return Markup(f'"{escaped}"')


def branded(theme: Theme, given: dict[str, Any]) -> Theme:
    """The theme with the given branding over its own, worked out (and the logo checked) now,
    once, instead of by each renderer."""
    theme = theme.with_branding(given)
    return replace(theme, brand=_effective(theme))


def branding(theme: Theme) -> dict[str, Any]:
    """The effective branding: the theme's own values under the given ones; logo as a Path."""
    return theme.brand if theme.brand is not None else _effective(theme)


def _effective(theme: Theme) -> dict[str, Any]:
    own = {key: theme.config.get(key) for key in BRANDING_FIELDS}
    if own["logo"]:
        own["logo"] = theme_logo(theme, str(own["logo"]))
    given = {key: value for key, value in theme.branding.items() if value not in (None, "")}
    merged = {**own, **given}
    logo = merged.get("logo")
    if logo:
        # A given logo was checked when the request was built (request._logo).
        logo = Path(logo)
        if not logo.is_file():
            raise ThemeError(f"The logo {str(logo)!r} must be an existing {LOGO_KINDS_TEXT} "
                             f"file.")
        merged["logo"] = logo.resolve()
    return merged


# With a branding accent, the phases are the accent and two darker shades of it (white text
# stays readable on each), and the tint behind them a pale wash of it: no color of the theme's
# own palette is left beside the new one.
PHASE_SHADES = (0.0, 0.18, 0.34)  # how much black is mixed in
TINT_WASH = 0.9  # how much white is mixed in


def accent_palette(colors: dict[str, Any], accent: str) -> dict[str, Any]:
    """The theme's accent, phase and tint colors made over from one accent (#RRGGBB)."""
    phases = list(colors.get("phases") or [])
    same = len({str(p).upper() for p in phases}) <= 1  # a theme whose phases are one color
    return {"accent": accent,
            "phases": [_mix(accent, "#000000", 0.0 if same else PHASE_SHADES[min(i, 2)])
                       for i in range(len(phases) or 3)],
            "tint": _mix(accent, "#FFFFFF", TINT_WASH)}


def _mix(color: str, other: str, amount: float) -> str:
    digits = [color.lstrip("#"), other.lstrip("#")]
    digits = [d if len(d) == 6 else "".join(c * 2 for c in d) for d in digits]
    channels = [round(int(a, 16) * (1 - amount) + int(b, 16) * amount)
                for a, b in zip(*[[d[i:i + 2] for i in (0, 2, 4)] for d in digits], strict=True)]
    return "#" + "".join(f"{c:02X}" for c in channels)


def recoloring(theme: Theme, accent: str) -> dict[str, str]:
    """The theme's own colors (RRGGBB, upper case) -> the branded ones, for Word templates."""
    colors = dict(theme.config.get("colors") or {})
    new = accent_palette(colors, accent)
    pairs = [(colors.get("accent"), new["accent"]), (colors.get("tint"), new["tint"]),
             *zip(colors.get("phases") or [], new["phases"], strict=False)]
    return {str(old).lstrip("#").upper(): value.lstrip("#").upper()
            for old, value in pairs if old}


def theme_logo(theme: Theme, name: str) -> Path:
    """A theme's own `logo:`: a picture inside the theme folder (or a theme it extends), with
    the same checks as --logo."""
    path = theme.file(name)
    if not any(path.resolve().is_relative_to(layer.resolve())
               for layer in theme.layers or (theme.path,)):
        raise ThemeError(f"{theme.path / 'theme.yaml'}: the logo {name!r} is outside the theme "
                         f"folder; themes may only use their own files. Copy the picture into "
                         f"the theme folder and name it relative to it.")
    stat = path.stat() if path.exists() else None
    return _checked_logo(path, name, stat and (stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=32)
def _checked_logo(path: Path, name: str, stamp: tuple | None) -> Path:
    return check_logo(path, name, ThemeError)  # read once per process and version of the file


def template_theme(theme: Theme, target: str, logo: Any = None) -> dict[str, Any]:
    """The `theme` variable templates receive: theme.yaml with the branding applied.

    For HTML the logo is a file: URL (the PDF renderer allows exactly that file); for Word the
    caller passes the image object docxtpl inserts.
    """
    brand = branding(theme)
    config = dict(theme.config)
    config["colors"] = dict(config.get("colors") or {})
    config["fonts"] = dict(config.get("fonts") or {})
    if brand.get("accent_color"):
        accent = str(css_color(brand["accent_color"]))
        config["colors"].update(accent_palette(config["colors"], accent))
    if brand.get("font"):
        css_fonts(brand["font"])  # checked here; the templates quote it
        config["fonts"]["body"] = str(brand["font"])
    config["footer"] = str(brand.get("footer") or "")
    if target == "html":
        config["logo"] = brand["logo"].as_uri() if brand.get("logo") else ""
    else:
        config["logo"] = logo or ""
    for key in ("accent_color", "font"):
        config.pop(key, None)
    return config
