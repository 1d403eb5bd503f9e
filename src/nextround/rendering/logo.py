"""An SVG logo for Word, which takes only pictures: drawn as a PNG by CairoSVG.

CairoSVG comes from WeasyPrint's makers and is small; it draws with the cairo library, which
the PDF does not need, so a machine without it gets a message saying what to install instead of
a traceback. It runs in its safe mode: no file or web address the SVG names is fetched.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import ThemeError

# Drawn for print: the logo's height on the page at 300 dots per inch.
DOTS_PER_INCH = 300


def word_picture(path: Path, height_mm: float) -> str | io.BytesIO:
    """What Word gets for the logo: the file itself, or for an SVG a PNG drawn from it."""
    if path.suffix.lower() != ".svg":
        return str(path)
    try:
        import cairosvg
    except (ImportError, OSError):  # cairocffi raises OSError when libcairo is missing
        raise ThemeError(
            f"The SVG logo {str(path)!r} must be drawn as a picture for the Word file, which "
            f"needs the cairo library: install it (Debian/Ubuntu: sudo apt-get install "
            f"libcairo2; macOS: brew install cairo), or give a PNG logo "
            f"(or --format pdf,html, which take the SVG as it is).") from None
    try:
        png = cairosvg.svg2png(url=str(path), unsafe=False,
                               output_height=round(height_mm / 25.4 * DOTS_PER_INCH))
    except Exception as exc:  # noqa: BLE001 - a broken SVG fails in many ways inside CairoSVG
        raise ThemeError(f"The SVG logo {str(path)!r} cannot be drawn ({type(exc).__name__}: "
                         f"{exc}). Open it in an editor and save it again, or give a PNG."
                         ) from None
    return io.BytesIO(png)
