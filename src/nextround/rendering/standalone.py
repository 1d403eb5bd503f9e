"""The HTML handout as one file that opens the same anywhere: stylesheets inlined, and the
logo, fonts and images they use embedded as data: URIs.

The theme's templates link their stylesheet and the logo by file (that is what the PDF renderer
fetches); a browser on another machine, or after the file is mailed, has neither. Only the
theme's own files and the logo are embedded, as the PDF renderer allows; anything else is left
out with a warning, never fetched. Fonts are cut down to the characters a handout can use
(fontTools, already used by WeasyPrint), so a page stays a few hundred kilobytes, not megabytes.
Cutting a font takes about a second, so each cut is kept in the user's cache folder: the first
HTML handout pays for it, the next ones do not.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import html
import io
import logging
import mimetypes
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import platformdirs

from ..themes import Theme
from .branding import branding

log = logging.getLogger("nextround")

LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\b(href|src|rel)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
SOURCE = re.compile(r"""(<(?:img|source|image)\b[^>]*?\b(?:src|href)\s*=\s*)("[^"]*"|'[^']*')""",
                    re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*("[^"]*"|'[^']*'|[^)\s]*)\s*\)""", re.IGNORECASE)
FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff",
              ".woff2": "font/woff2"}
# Every handout can hold these (Latin, Western European letters, typographic punctuation);
# a font cut to them is made once per process and shared by every handout of the run.
COMMON_TEXT = "".join(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x180)])) + "‘’‚“”„–—…•·€™−→"
_FONTS: dict[tuple[Path, frozenset[int]], str] = {}
CUT_VERSION = b"2"  # change when the cut changes, so that cached fonts are made again


def standalone_html(page: str, theme: Theme) -> str:
    """The page with every stylesheet, image and font it uses inside it."""
    embedder = _Embedder(theme, text=_visible_text(page))
    page = LINK.sub(embedder.inline_stylesheet, page)
    page = SOURCE.sub(embedder.embed_source, page)
    return re.sub(r"(<style\b[^>]*>)(.*?)(</style>)",
                  lambda m: m.group(1) + embedder.css(m.group(2), theme.path) + m.group(3),
                  page, flags=re.IGNORECASE | re.DOTALL)


def _visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", page))


class _Embedder:
    def __init__(self, theme: Theme, text: str):
        self.layers = [p.resolve() for p in theme.layers or (theme.path,)]
        logo = branding(theme).get("logo")
        self.logo = logo.resolve() if logo else None
        self.theme = theme
        self.text = text

    def resolve(self, url: str, base: Path) -> Path | None:
        """The file a URL names, if it is the logo or a file of the theme; else None."""
        if url.startswith("file:"):
            path = Path(unquote(urlparse(url).path))
        elif re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) or url.startswith("//"):
            return None
        else:
            path = base / unquote(url.split("#")[0].split("?")[0])
        path = path.resolve()
        if path == self.logo:
            return path
        root = next((r for r in self.layers if path.is_relative_to(r)), None)
        if root is None:
            return None
        # A file the theme inherits lives in the theme it extends (as the PDF renderer reads it).
        relative = path.relative_to(root)
        return next((layer / relative for layer in self.layers
                     if (layer / relative).is_file()), None)

    def refuse(self, url: str) -> str:
        log.warning("The theme's HTML asks for %s, which is outside the theme folder; "
                    "nextround embeds nothing else, so it was left out.", url[:200])
        return ""

    def inline_stylesheet(self, match: re.Match) -> str:
        attributes = {k.lower(): v.strip("'\"") for k, v in ATTRIBUTE.findall(match.group(0))}
        if "stylesheet" not in attributes.get("rel", "").lower() or "href" not in attributes:
            return match.group(0)
        url = html.unescape(attributes["href"])
        path = self.resolve(url, self.theme.path)
        if path is None:
            return self.refuse(url) if not url.startswith("data:") else match.group(0)
        css = path.read_text(encoding="utf-8-sig", errors="replace")
        # "</style" inside the CSS would end the element early.
        css = re.sub(r"</(style)", r"<\\/\1", self.css(css, path.parent), flags=re.IGNORECASE)
        return f"<style>\n{css}\n</style>"

    def embed_source(self, match: re.Match) -> str:
        quote = match.group(2)[0]
        url = html.unescape(match.group(2)[1:-1])
        if not url or url.startswith("data:"):
            return match.group(0)
        path = self.resolve(url, self.theme.path)
        data = self.data_uri(path) if path is not None else self.refuse(url)
        return f"{match.group(1)}{quote}{html.escape(data)}{quote}"

    def css(self, css: str, base: Path) -> str:
        def replace(match: re.Match) -> str:
            url = match.group(1).strip("'\"")
            if not url or url.startswith(("data:", "#")):
                return match.group(0)
            path = self.resolve(url, base)
            data = self.data_uri(path) if path is not None else self.refuse(url)
            return f'url("{data}")'

        return CSS_URL.sub(replace, css)

    def data_uri(self, path: Path) -> str:
        if path.suffix.lower() in FONT_TYPES:
            return font_data_uri(path, self.text)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def font_data_uri(path: Path, text: str) -> str:
    """The font as a data: URI, cut to the common characters and, when the text has others the
    font draws (a Yoruba or Greek name), to the whole 256-character pages those fall in: a few
    cuts per font in all, so the cache does not grow with each new name."""
    drawable = _characters(path)
    pages = frozenset(ord(c) >> 8 for c in set(text) - set(COMMON_TEXT) if ord(c) in drawable)
    key = (path.resolve(), pages)
    if key not in _FONTS:
        more = "".join(chr(c) for c in sorted(drawable) if c >> 8 in pages)
        _FONTS[key] = _cached_subset(path, COMMON_TEXT + more)
    return _FONTS[key]


@functools.lru_cache(maxsize=64)
def _characters(path: Path) -> frozenset[int]:
    """The code points the font draws (none when fontTools cannot read it: embedded whole)."""
    from fontTools.ttLib import TTFont

    try:
        return frozenset(TTFont(path, lazy=True).getBestCmap() or ())
    except Exception:  # noqa: BLE001 - see _subset
        return frozenset()


def _cached_subset(path: Path, text: str) -> str:
    data = path.read_bytes()
    digest = hashlib.sha256(CUT_VERSION + data + text.encode("utf-8")).hexdigest()
    cache = Path(platformdirs.user_cache_dir("nextround")) / "fonts" / f"{digest}.txt"
    with contextlib.suppress(OSError):
        return cache.read_text(encoding="ascii")
    uri = _subset(path, text)
    # A cache that cannot be written only costs time; written whole or not at all, since
    # batch workers may cut the same font at once.
    with contextlib.suppress(OSError):
        cache.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache.parent, suffix=".part")
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(uri)
        os.replace(temporary, cache)
    return uri


def _subset(path: Path, text: str) -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, lazy=True)
        options = subset.Options()
        options.hinting = False  # screens smooth type themselves
        options.flavor = "woff"  # zlib-compressed; WOFF2 would need brotli
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.flavor = "woff"
        font.save(buffer)
        kind, data = "font/woff", buffer.getvalue()
    except Exception:  # noqa: BLE001 - fontTools fails in many ways on a font it cannot cut
        # Such a font is embedded whole: bigger, but the page looks right.
        kind, data = FONT_TYPES[path.suffix.lower()], path.read_bytes()
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
