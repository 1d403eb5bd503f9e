"""What the web app's worker processes do: render one request's handouts into its folder.

Rendering happens in worker processes, never in the server's threads: WeasyPrint is not made
for threads, and the render time budget (a timer signal, rendering/budget.py) holds only in a
process's main thread. Each worker is started as batch's are (batch.warm_up), so it loads
WeasyPrint, the theme and the content library once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import NextroundError, collect_warnings
from ..request import Request


def make_handouts(request: Request, folder: str, *, pages: bool) -> dict[str, Any]:
    """Render every file the request asks for (pipeline.render_files, as `generate` does) and
    write them into folder; with pages, also a PNG of each PDF page (as `preview` draws them).

    Returns {"files": [names], "pages": [names], "warnings": [...]} or {"error": message}:
    a user's mistake comes back as its message, never as an exception across processes.
    """
    from ..authoring import draw_pages
    from ..pipeline import render_files
    from ..writing import write_files

    out = Path(folder)
    with collect_warnings("nextround") as warnings:
        try:
            files = render_files(request)
            write_files(out / "files", files)
            drawn: list[Path] = []
            if pages:
                pdfs = {name: out / "files" / name for name in files if name.endswith(".pdf")}
                drawn = draw_pages(pdfs, out / "pages")
        except NextroundError as exc:
            return {"error": str(exc)}
    return {"files": list(files), "pages": [str(p.relative_to(out)) for p in drawn],
            "warnings": list(dict.fromkeys(r.getMessage() for r in warnings))}
