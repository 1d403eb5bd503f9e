"""Branding: a logo, an accent color, a font and a footer, applied without editing templates.

Each can be set in several places; the first that sets it wins: the command line (or a batch
column), a NEXTROUND_* variable, the nearest nextround.toml, the user's nextround.toml (see
project.py), the theme's theme.yaml (top-level keys `logo`, `accent_color`, `font`, `footer`;
`logo` relative to the theme folder). All but the theme's arrive in `theme.branding` (see
pipeline.render_files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ThemeError
from ..themes import Theme

BRANDING_KEYS = ("logo", "accent_color", "font", "footer")
LOGO_TYPES = (".png", ".jpg", ".jpeg")


def branding(theme: Theme) -> dict[str, Any]:
    """The effective branding: the theme's own values under the given ones; logo as a Path."""
    own = {key: theme.config.get(key) for key in BRANDING_KEYS}
    if own["logo"]:
        own["logo"] = theme.file(str(own["logo"]))
    given = {key: value for key, value in theme.branding.items() if value not in (None, "")}
    merged = {**own, **given}
    logo = merged.get("logo")
    if logo:
        logo = Path(logo)
        if logo.suffix.lower() not in LOGO_TYPES or not logo.is_file():
            raise ThemeError(f"The logo {str(logo)!r} must be an existing PNG or JPEG file.")
        merged["logo"] = logo.resolve()
    return merged


def template_theme(theme: Theme, target: str, logo: Any = None) -> dict[str, Any]:
    """The `theme` variable templates receive: theme.yaml with the branding applied.

    For HTML the logo is a file: URL (the PDF renderer allows exactly that file); for Word the
    caller passes the image object docxtpl inserts.
    """
    from .templating import css_color, css_fonts

    brand = branding(theme)
    config = dict(theme.config)
    config["colors"] = dict(config.get("colors") or {})
    config["fonts"] = dict(config.get("fonts") or {})
    if brand.get("accent_color"):
        config["colors"]["accent"] = str(css_color(brand["accent_color"]))
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
