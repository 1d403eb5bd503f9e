"""HTML from the theme's Jinja templates, and PDF from that HTML through WeasyPrint."""

from __future__ import annotations

import atexit
import contextlib
import copy
import ctypes.util
import io
import logging
import os
import sys
import types
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..handouts import handout
from ..themes import Theme
from .branding import branding
from .budget import time_budget
from .templating import render_template

log = logging.getLogger("nextround")


def render_html(document: dict[str, Any], theme: Theme, paper: str) -> str:
    return render_template(theme, f"{document['document']}.html.j2", "html",
                           doc=handout(document), paper=paper)


def load_weasyprint():
    """Import WeasyPrint without ctypes' slow library search on Linux.

    WeasyPrint tries each native library under its Windows, macOS and Linux names, and for
    every name that does not load, ctypes.util.find_library runs ldconfig, gcc and ld: about a
    quarter of a second per process on a machine with a compiler. On Linux that search can only
    answer with a soname, which dlopen looks up by itself, and WeasyPrint's lists end with the
    sonames, so the search is skipped during the import. On a system where that is not enough,
    the import is tried again the usual way.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        _deflate_faster()
        return weasyprint

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        # WeasyPrint prints installation advice before it gives up; the retry prints its own.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint

        _deflate_faster()
        return weasyprint
    except OSError:
        for name in [m for m in sys.modules if m.partition(".")[0] == "weasyprint"]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = search
    import weasyprint

    _deflate_faster()
    return weasyprint


# zlib's default level for the PDF's streams. pydyf (WeasyPrint's PDF writer) compresses every
# stream at level 9: 19 ms a row on the sample sheet, where level 6 takes 7 ms for files 0.3%
# larger. The pages are the same; only the deflated bytes differ.
PDF_DEFLATE_LEVEL = 6


def _deflate_faster() -> None:
    """Have pydyf compress the PDF's streams at PDF_DEFLATE_LEVEL instead of 9."""
    pydyf = sys.modules.get("pydyf")  # imported by WeasyPrint
    if getattr(pydyf, "zlib", None) is not zlib:  # already done, or pydyf changed
        return
    deflate = types.ModuleType("zlib", "zlib, with PDF_DEFLATE_LEVEL for compressobj()")
    deflate.__dict__.update(vars(zlib))
    deflate.compressobj = lambda level=PDF_DEFLATE_LEVEL, *args, **kwargs: zlib.compressobj(
        min(level, PDF_DEFLATE_LEVEL), *args, **kwargs)
    pydyf.zlib = deflate


def _fetcher_class():
    load_weasyprint()
    from weasyprint.urls import URLFetcher

    class ThemeOnlyFetcher(URLFetcher):
        """Fetches the theme's own files and the logo, and nothing else: no network, no other
        file. A file the theme inherits is read from the theme it extends, as if it were in the
        theme's folder.

        Every URL asked for is kept in `asked`, and every refusal in `refused`, so tests and
        `templates check` can prove what was (not) fetched.
        """

        def __init__(self, theme: Theme, allowed_files: list[Path]):
            super().__init__(allowed_protocols={"file"}, allow_redirects=False)
            self.layers = [p.resolve() for p in theme.layers or (theme.path,)]
            self.allowed_files = {p.resolve() for p in allowed_files}
            self.asked: list[str] = []
            self.refused: list[str] = []
            self.stylesheets: set[Path] = set()

        def _refuse(self, url: str):
            # WeasyPrint leaves out what cannot be fetched and goes on; say so once.
            if url not in self.refused:
                log.warning("The theme asks for %s, which is outside the theme folder; "
                            "nextround fetches nothing else, so it was left out.", url[:200])
            self.refused.append(url)
            raise ValueError(f"not fetched (outside the theme): {url}")

        def fetch(self, url, headers=None):
            self.asked.append(url)
            if not url.startswith("file:"):
                self._refuse(url)
            path = Path(unquote(urlparse(url).path)).resolve()
            if path in self.allowed_files:
                return super().fetch(url, headers)
            root = next((r for r in self.layers if path.is_relative_to(r)), None)
            if root is None:
                self._refuse(url)
            if path.suffix.lower() == ".css":
                # WeasyPrint follows @import without looking for cycles: a stylesheet that
                # imports itself twice doubles its work at every level, for minutes.
                if path in self.stylesheets:
                    log.warning("The stylesheet %s is imported more than once in one document "
                                "(it imports itself, directly or through another); the repeat "
                                "was left out.", path)
                    self.refused.append(url)
                    raise ValueError(f"not fetched again: {url}")
                self.stylesheets.add(path)
            # A stylesheet inherited from the parent theme resolves its own url()s inside the
            # parent's folder: look for each file in the theme first, then up the chain.
            relative = path.relative_to(root)
            for layer in self.layers:
                if (layer / relative).is_file():
                    return super().fetch((layer / relative).as_uri(), headers)
            return super().fetch(url, headers)  # missing: WeasyPrint reports it

    return ThemeOnlyFetcher


def make_fetcher(theme: Theme):
    logo = branding(theme).get("logo")
    return _fetcher_class()(theme, [logo] if logo else [])


# WeasyPrint's font configurations, one per theme, kept by the process that made them.
_FONTS: dict[tuple, Any] = {}


def font_configuration(theme: Theme):
    """The theme's fonts, loaded once per process and shared by every PDF it renders.

    A fresh configuration per document reloads every system font and the theme's @font-face
    files, and shapes every text run again: about a quarter of each PDF's time in a batch.
    The PDFs are byte for byte the same. One per theme, because @font-face rules of two themes
    may give the same family different files. Keyed by process too: a forked copy must not
    use (or delete, see release_fonts) the folder of the process it was copied from.
    """
    load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    key = (os.getpid(), theme.layers or (theme.path,))
    if key not in _FONTS:
        _FONTS[key] = FontConfiguration()
    return _FONTS[key]


def release_fonts() -> None:
    """Let go of this process's font configurations, and of the folder where each keeps
    copies of the theme's font files. Done at exit, by a forked copy (which leaves without
    running exit handlers) when it is done, and by the `nextround` program before it leaves.
    """
    for key in [key for key in _FONTS if key[0] == os.getpid()]:
        # What WeasyPrint does when it frees one, done now: its documents keep it in reference
        # cycles, which only a garbage collection (a tenth of a second) would break.
        _FONTS.pop(key).__del__()


atexit.register(release_fonts)


def render_pdf(document: dict[str, Any], theme: Theme, paper: str, fetcher=None) -> bytes:
    return _write(_layout(document, theme, paper, fetcher), theme, document)


def _write(laid_out, theme: Theme, document: dict[str, Any]) -> bytes:
    """The PDF's bytes: pictures (SVG included) are drawn now, so the budget applies again."""
    with time_budget(f"{theme.path}: the PDF of the {document['document']}", LAYOUT_ADVICE):
        return laid_out.write_pdf()


def _layout(document: dict[str, Any], theme: Theme, paper: str, fetcher=None):
    weasyprint = load_weasyprint()
    html = render_html(document, theme, paper)
    with time_budget(f"{theme.path}: the PDF of the {document['document']}", LAYOUT_ADVICE):
        return weasyprint.HTML(string=html, base_url=str(theme.path) + "/",
                               url_fetcher=fetcher or make_fetcher(theme)).render(
            font_config=font_configuration(theme))


LAYOUT_ADVICE = ("look for SVG pictures that nest <use> many levels deep, or for a very large "
                 "or deeply nested stylesheet or template.")


# Items taken out before the next layout: a page too many is rarely less than six items (a
# phase card moves whole), so the first pass takes six per extra page, later passes two. Each
# layout costs about a third of a second; the usual third page is gone in two or three.
FIRST_PASS_ITEMS_PER_PAGE = 6
ITEMS_PER_PASS = 2
MAX_FITTING_PASSES = 20


def render_fitted_pdf(document: dict[str, Any], theme: Theme, paper: str, max_pages: int,
                      shorten: Callable[[dict[str, Any]], bool]
                      ) -> tuple[bytes, dict[str, Any] | None]:
    """The PDF of a handout laid out on at most max_pages, and the shortened handout when
    items had to go (None when it fit as it was). `shorten` takes one item out of a handout
    and says whether it could; the type is never made smaller."""
    laid_out = _layout(document, theme, paper)
    if len(laid_out.pages) <= max_pages:
        return _write(laid_out, theme, document), None
    shortened = copy.deepcopy(document)
    items = FIRST_PASS_ITEMS_PER_PAGE * (len(laid_out.pages) - max_pages)
    for _ in range(MAX_FITTING_PASSES):
        if not any([shorten(shortened) for _ in range(items)]):
            break
        items = ITEMS_PER_PASS
        laid_out = _layout(shortened, theme, paper)
        if len(laid_out.pages) <= max_pages:
            break
    return _write(laid_out, theme, shortened), shortened
