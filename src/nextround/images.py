"""Pictures: one check for every place a logo can come from (--logo, a spreadsheet column,
nextround.toml, a theme's `logo:`), and a pixel limit for every picture of a theme, before
anything decodes them.

A 20 KB PNG can declare 13000 x 13000 pixels and cost more than a gigabyte once decoded, so the
pixel dimensions are read from the file's header, and a picture larger than a logo needs is
refused with one message (Pillow's own DecompressionBombWarning never reaches the user).
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from .errors import NextroundError, RequestError
from .reading import read_capped

LOGO_TYPES = (".png", ".jpg", ".jpeg")
MAX_LOGO_BYTES = 5_000_000
# A logo prints 14 mm high; 4000 x 4000 pixels is far more than any printer shows there, and
# decoded it is 64 MB.
MAX_PIXELS = 16_000_000


def check_logo(path: Path, shown: str, error: type[NextroundError] = RequestError) -> Path:
    """The logo's resolved path when it is a PNG or JPEG of at most MAX_LOGO_BYTES bytes and
    MAX_LOGO_PIXELS pixels; else `error` naming it as `shown`."""
    if path.suffix.lower() not in LOGO_TYPES:
        raise error(f"The logo {shown!r} must be a PNG or JPEG file (.png, .jpg or .jpeg).")
    if not path.exists():
        raise error(f"The logo file {shown!r} does not exist.")
    data = read_capped(path, MAX_LOGO_BYTES, f"The logo file {shown!r}", error)
    if not data.startswith((b"\x89PNG", b"\xff\xd8")):
        raise error(f"The logo file {shown!r} is not a PNG or JPEG image.")
    check_pixels(data, f"The logo file {shown!r}", error)
    return path.resolve()


def check_pixels(data: bytes, what: str, error: type[NextroundError],
                 unreadable_ok: bool = False) -> None:
    """Refuse a picture of more than MAX_PIXELS pixels, from its header alone (and one that
    cannot be read, unless unreadable_ok)."""
    from PIL import Image, JpegImagePlugin, PngImagePlugin

    # PNG and JPEG are read with their own readers, which parse the header only and, unlike
    # Image.open, do not warn or refuse by size first: the message below gives the size.
    reader = (PngImagePlugin.PngImageFile if data.startswith(b"\x89PNG") else
              JpegImagePlugin.JpegImageFile if data.startswith(b"\xff\xd8") else Image.open)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with reader(io.BytesIO(data)) as image:
                width, height = image.size
    except Image.DecompressionBombError:  # another type, over 179 million pixels
        width, height = None, None
    except (OSError, ValueError, SyntaxError) as exc:
        if unreadable_ok:
            return
        raise error(f"{what} is not a picture nextround can read ({exc}).") from None
    if width is None or width * height > MAX_PIXELS:
        size = f"{width:,} x {height:,} pixels" if width else "too many pixels"
        raise error(f"{what} is {size}; the limit is {MAX_PIXELS // 1_000_000} million "
                    f"pixels (4000 x 4000). Save a smaller image.")
