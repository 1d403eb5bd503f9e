"""HTML from the theme's Jinja templates, and PDF from that HTML through WeasyPrint."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..themes import Theme
from .templating import render_template

log = logging.getLogger("nextround")


def render_html(document: dict[str, Any], theme: Theme, paper: str) -> str:
    return render_template(theme, f"{document['document']}.html.j2", "html",
                           doc=document, paper=paper)


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class ThemeOnlyFetcher(URLFetcher):
        """Fetches files inside the allowed folders and nothing else: no network, no other file.

        Every URL asked for is kept in `asked`, so tests can prove what was (not) fetched.
        """

        def __init__(self, allowed: list[Path]):
            super().__init__(allowed_protocols={"file"}, allow_redirects=False)
            self.allowed = [p.resolve() for p in allowed]
            self.asked: list[str] = []

        def fetch(self, url, headers=None):
            self.asked.append(url)
            if not url.startswith("file:"):
                self.refuse(url)
            from urllib.parse import unquote, urlparse

            path = Path(unquote(urlparse(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.allowed):
                self.refuse(url)
            return super().fetch(url, headers)

        def refuse(self, url: str):
            # WeasyPrint leaves out what cannot be fetched and goes on; say so once.
            if url not in self.asked[:-1]:
                log.warning("The theme asks for %s, which is outside the theme folder; "
                            "nextround fetches nothing else, so it was left out.", url[:200])
            raise ValueError(f"not fetched (outside the theme): {url}")

    return ThemeOnlyFetcher


def render_pdf(document: dict[str, Any], theme: Theme, paper: str,
               allowed: list[Path] | None = None) -> bytes:
    import weasyprint

    html = render_html(document, theme, paper)
    fetcher = _fetcher_class()([theme.path, *(allowed or [])])
    return weasyprint.HTML(string=html, base_url=str(theme.path) + "/",
                           url_fetcher=fetcher).write_pdf()
