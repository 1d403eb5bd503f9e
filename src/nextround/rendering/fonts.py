"""Which characters the PDF cannot show: no installed font and no theme font has a glyph.

WeasyPrint (through Pango and fontconfig) falls back to any installed font for a character the
theme's fonts lack, so a character prints as a box only when no font at all covers it. The
installed fonts' coverage comes from fontconfig (`fc-list`, one call of a few milliseconds per
process); the theme's own font files are read with fontTools, which WeasyPrint already needs.
"""

from __future__ import annotations

import bisect
import logging
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..fields import GENERIC_FONTS
from .branding import template_theme

log = logging.getLogger("nextround")

FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".woff", ".woff2")
MAX_LISTED = 12
# Variation selectors pick a glyph form; no font needs a glyph for them.
_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0x180B, 0x180F))


def _ranges_from_charset(charset: str) -> Iterator[tuple[int, int]]:
    """fontconfig's charset text: '20-7e a0 100-17f' (hexadecimal code points and ranges)."""
    for token in charset.split():
        low, _, high = token.partition("-")
        try:
            yield int(low, 16), int(high or low, 16)
        except ValueError:
            continue


def _merge(ranges: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for low, high in sorted(ranges):
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends


def _fc_list(pattern: str) -> str | None:
    """fontconfig's list of the installed fonts, one line each in this format; None when
    fontconfig cannot say."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        return subprocess.run([fc_list, "--format", pattern], capture_output=True, text=True,
                              timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None


@lru_cache(maxsize=1)
def _installed_coverage() -> tuple[list[int], list[int]] | None:
    """Code point ranges covered by some installed font (merged, as starts and ends)."""
    listing = _fc_list("%{charset}\n")
    if listing is None:
        return None
    return _merge(r for line in listing.splitlines() for r in _ranges_from_charset(line))


@lru_cache(maxsize=16)
def _theme_code_points(theme_path: str) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    points: set[int] = set()
    for path in sorted(Path(theme_path).rglob("*")):
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        try:
            fonts = (TTCollection(path).fonts if path.suffix.lower() == ".ttc"
                     else [TTFont(path, lazy=True)])
            for font in fonts:
                points.update(font.getBestCmap() or {})
        except Exception:  # a broken or unreadable font file covers nothing  # noqa: BLE001
            continue
    return frozenset(points)


def _covered(coverage: tuple[list[int], list[int]], code: int) -> bool:
    starts, ends = coverage
    index = bisect.bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]


def _needs_glyph(ch: str) -> bool:
    """Spaces, controls and format characters (zero-width, direction marks) draw nothing;
    private-use and unassigned code points do need a glyph."""
    code = ord(ch)
    if any(low <= code <= high for low, high in _SELECTORS):
        return False
    return unicodedata.category(ch)[0] != "Z" and unicodedata.category(ch) not in ("Cc", "Cf", "Cs")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def missing_glyphs(documents: Iterable[Any], theme_path: Path) -> list[str]:
    """The characters of the documents that no installed font and no theme font covers.

    Cheapest first: plain ASCII needs no look-up, the installed fonts answer for almost
    everything else, and the theme's font files are read only for what is left."""
    candidates = dict.fromkeys(
        ch for text in _strings(list(documents)) for ch in text
        if not ch.isascii() and _needs_glyph(ch))
    if not candidates:
        return []
    installed = _installed_coverage()
    if installed is None:
        return []
    missing = [ch for ch in candidates if not _covered(installed, ord(ch))]
    if missing:
        theme_points = _theme_code_points(str(theme_path))
        missing = [ch for ch in missing if ord(ch) not in theme_points]
    return missing


def warn_missing_glyphs(documents: Iterable[Any], theme_path: Path) -> list[str]:
    """Log one warning listing the characters the PDF would print as boxes."""
    missing = missing_glyphs(documents, theme_path)
    if missing:
        listed = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:MAX_LISTED])
        more = f" and {len(missing) - MAX_LISTED} more" if len(missing) > MAX_LISTED else ""
        log.warning(
            "No installed font has these characters, so the PDF shows them as boxes: %s%s. "
            "Install a font that covers them (the README lists font packages).", listed, more)
    return missing


# --- the body font ------------------------------------------------------------------------------

FONT_FACE = re.compile(r"@font-face\s*\{[^}]*?font-family\s*:\s*['\"]?([^;'\"}]+)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _installed_families() -> frozenset[str] | None:
    listing = _fc_list("%{family}\n")
    if listing is None:
        return None
    return frozenset(name.strip().casefold() for line in listing.splitlines()
                     for name in line.split(","))


def warn_missing_font(theme) -> str | None:
    """Warn when the body font (theme.yaml or --font) is neither installed nor one the theme
    brings with @font-face: the PDF would quietly use a fallback font instead."""
    body = str(template_theme(theme, "html")["fonts"].get("body") or "")
    name = body.split(",")[0].strip().strip("'\"")
    installed = _installed_families()
    if not name or installed is None or name.casefold() in GENERIC_FONTS | installed:
        return None
    stylesheet = theme.file("style.css")
    own = ({face.strip().casefold() for face in
            FONT_FACE.findall(stylesheet.read_text(encoding="utf-8", errors="replace"))}
           if stylesheet.is_file() else set())
    if name.casefold() in own:
        return None
    log.warning("The font %r is not installed and the theme does not bring it, so the PDF uses "
                "a fallback font. Install it, or add its files to the theme with an @font-face "
                "rule ('fc-list : family' lists the installed fonts).", name)
    return name
