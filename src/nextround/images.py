"""Pictures: one check for every place a logo can come from (--logo, a spreadsheet column,
nextround.toml, a theme's `logo:`), and a pixel limit for every picture of a theme, before
anything decodes them; for SVG, a limit on what its <use> elements multiply into and, for a
logo, nothing fetched from outside it.

A 20 KB PNG can declare 13000 x 13000 pixels and cost more than a gigabyte once decoded, so the
pixel dimensions are read from the file's header, and a picture larger than a logo needs is
refused with one message (Pillow's own DecompressionBombWarning never reaches the user).
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from .errors import NextroundError, RequestError
from .reading import read_capped

# The kinds of picture a logo may be, each with its file types: every message, option help
# and upload form says them from here.
LOGO_FORMATS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "SVG": (".svg",)}
LOGO_TYPES = tuple(suffix for suffixes in LOGO_FORMATS.values() for suffix in suffixes)


def _either(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " or " + items[-1]


LOGO_KINDS_TEXT = _either(list(LOGO_FORMATS))  # "PNG, JPEG or SVG"
LOGO_TYPES_TEXT = _either(list(LOGO_TYPES))  # ".png, .jpg, .jpeg or .svg"
MAX_LOGO_BYTES = 5_000_000
# A logo prints 14 mm high; 4000 x 4000 pixels is far more than any printer shows there, and
# decoded it is 64 MB.
MAX_PIXELS = 16_000_000


def check_logo(path: Path, shown: str, error: type[NextroundError] = RequestError) -> Path:
    """The logo's resolved path when it is a PNG or JPEG of at most MAX_LOGO_BYTES bytes and
    MAX_PIXELS pixels, or an SVG of at most MAX_LOGO_BYTES bytes that holds everything it
    draws; else `error` naming it as `shown`."""
    if path.suffix.lower() not in LOGO_TYPES:
        raise error(f"The logo {shown!r} must be a {LOGO_KINDS_TEXT} file "
                    f"({LOGO_TYPES_TEXT}).")
    if not path.exists():
        raise error(f"The logo file {shown!r} does not exist.")
    what = f"The logo file {shown!r}"
    data = read_capped(path, MAX_LOGO_BYTES, what, error)
    if path.suffix.lower() == ".svg":
        _check_svg_logo(data, shown, error)
        return path.resolve()
    if not data.startswith((b"\x89PNG", b"\xff\xd8")):
        raise error(f"{what} is not a PNG or JPEG image.")
    check_pixels(data, what, error)
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


# -- SVG -----------------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
MAX_SVG_COPIES = 10_000
# A reference inside the picture itself: #id, or data embedded in it.
_OWN = re.compile(r"\s*(#|data:)", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]*)|@import\s+['"]([^'"]*)""", re.IGNORECASE)


def parse_svg(data: bytes):
    """An SVG's root element, parsed without fetching or expanding anything it declares;
    lxml's XMLSyntaxError when it is not XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def check_svg(root, what: str, error: type[NextroundError]) -> None:
    """Refuse an SVG whose <use> elements refer to themselves or fan out into more than
    MAX_SVG_COPIES drawn copies (ten copies of ten copies, eight levels deep, is 100 million):
    the PDF renderer would draw every one, for minutes."""
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    copies: dict[str, int] = {}

    def drawn(element, seen: tuple[str, ...]) -> int:
        count = 1
        for use in element.iter(f"{SVG}use"):
            href = use.get("href") or use.get(XLINK_HREF) or ""
            target = href[1:] if href.startswith("#") else ""
            if target in seen:
                raise error(f"{what}: a <use> element refers to itself (#{target}); the "
                            f"picture would never finish drawing.")
            if target in ids:
                if target not in copies:
                    copies[target] = drawn(ids[target], (*seen, target))
                count += copies[target]
            if count > MAX_SVG_COPIES:
                raise error(f"{what}: its <use> elements nest into more than "
                            f"{MAX_SVG_COPIES:,} copies; draw the picture with fewer "
                            f"levels of <use>.")
        return count

    drawn(root, ())


def _check_svg_logo(data: bytes, shown: str, error: type[NextroundError]) -> None:
    """An SVG logo is XML with an <svg> root, passes check_svg, and names nothing outside
    itself (a picture, a font, a stylesheet or an entity elsewhere: a file on this machine or a
    web address fetched by whoever opens the handout). CairoSVG and the PDF renderer refuse
    such fetches too; a logo that needs them would come out incomplete."""
    from lxml import etree

    what = f"The logo file {shown!r}"
    try:
        root = parse_svg(data)
    except etree.XMLSyntaxError as exc:
        if b"<svg" not in data.lower():
            raise error(f"{what} is not an SVG image.") from None
        raise error(f"The SVG logo {shown!r} cannot be drawn ({exc}). Open it in an editor "
                    f"and save it again, or give a PNG.") from None
    if not isinstance(root.tag, str) or root.tag.rpartition("}")[2] != "svg":
        raise error(f"{what} is not an SVG image.")
    dtd = root.getroottree().docinfo.internalDTD
    outside = [entity.system_url for entity in (dtd.iterentities() if dtd is not None else ())
               if entity.system_url]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        for name, value in element.attrib.items():
            if name in ("href", XLINK_HREF) and not _OWN.match(value):
                outside.append(value)
            elif name not in ("href", XLINK_HREF) and "url(" in value.lower():
                outside += _css_references(value)
        if element.tag == f"{SVG}style" and element.text:
            outside += _css_references(element.text)
    if outside:
        raise error(f"{what} refers to {outside[0]!r}, outside the picture; a logo must hold "
                    f"everything it draws. Embed the picture or font in the SVG, or save the "
                    f"logo as a PNG.")
    check_svg(root, what, error)


def _css_references(css: str) -> list[str]:
    """The url(...) and @import targets in CSS that lie outside the picture."""
    return [target for match in _CSS_URL.finditer(css)
            if not _OWN.match(target := match.group(1) or match.group(2) or "#")]
