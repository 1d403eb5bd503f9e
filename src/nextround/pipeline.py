"""The whole pipeline as a library: request -> analysis -> composition -> rendering -> writing.

The command line and batch generation both call `generate`; a Python user can too:

    from nextround import build_request, generate
    paths = generate(build_request({"role": "Data Engineer", "company": "Acme",
                                    "description": "..."}), "out")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .analysis import Analysis, analyze
from .composition import compose
from .library import Library, load_library
from .request import Request

FILE_NAMES = {"plan": "30-60-90-plan", "questions": "follow-up-questions"}


def content_packs(request: Request) -> tuple[Path, ...]:
    """The content packs a request uses: the theme's `content/` folders, then --content."""
    packs: list[Path] = []
    if request.theme:
        from .themes import load_theme

        packs += load_theme(request.theme).content_dirs()
    if request.content:
        packs.append(Path(request.content))
    return tuple(packs)


def library_for(request: Request) -> Library:
    return load_library(packs=content_packs(request))


def understand(request: Request) -> Analysis:
    """What the title and the description say (what `nextround explain` prints)."""
    return analyze(request, library_for(request))


def compose_documents(request: Request) -> dict[str, dict[str, Any]]:
    """The handouts as plain data, keyed 'plan' and 'questions'."""
    library = library_for(request)
    return compose(request, analyze(request, library), library)


def render_files(request: Request) -> dict[str, bytes]:
    """Every file the request asks for, rendered in memory: nothing is written yet."""
    from .rendering import EXTENSIONS, render
    from .themes import load_theme

    theme = load_theme(request.theme).with_branding(request.branding())
    documents = compose_documents(request)
    if "pdf" in request.formats:
        from .rendering.fonts import warn_missing_font, warn_missing_glyphs

        warn_missing_font(theme)
        warn_missing_glyphs(documents.values(), theme.path)
    return {
        f"{FILE_NAMES[name]}.{EXTENSIONS[fmt]}": render(document, fmt, theme, request.paper)
        for name, document in documents.items()
        for fmt in request.formats
    }


def output_folder(request: Request, out_dir: str | Path) -> Path:
    from .writing import folder_name

    return Path(out_dir) / folder_name(request.company, request.role)


def generate(request: Request, out_dir: str | Path = "out") -> list[Path]:
    """Render every requested file, then write them all under out_dir/<company>-<role>/.

    Rendering happens before any writing, so a failing template leaves no file behind.
    """
    from .writing import write_files

    files = render_files(request)
    return write_files(output_folder(request, out_dir), files)
