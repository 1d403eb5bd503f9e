"""HTML from the theme's Jinja templates, and PDF from that HTML through WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..themes import Theme
from .templating import render_template


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
                raise ValueError(f"not fetched (outside the theme): {url}")
            from urllib.parse import unquote, urlparse

            path = Path(unquote(urlparse(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.allowed):
                raise ValueError(f"not fetched (outside the theme): {url}")
            return super().fetch(url, headers)

    return ThemeOnlyFetcher


def render_pdf(document: dict[str, Any], theme: Theme, paper: str,
               allowed: list[Path] | None = None) -> bytes:
    import weasyprint

    html = render_html(document, theme, paper)
    fetcher = _fetcher_class()([theme.path, *(allowed or [])])
    return weasyprint.HTML(string=html, base_url=str(theme.path) + "/",
                           url_fetcher=fetcher).write_pdf()
