"""The whole pipeline as a library: request -> analysis -> composition -> rendering -> writing.

The command line and batch generation both call `generate`; a Python user can too:

    from nextround import build_request, generate
    paths = generate(build_request({"role": "Data Engineer", "company": "Acme",
                                    "description": "..."}), "out")
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .analysis import Analysis, analyze
from .composition import compose, shorten
from .library import Library, load_library, pack_folders
from .request import Request

FILE_NAMES = {"plan": "30-60-90-plan", "questions": "follow-up-questions"}
MAX_PAGES = 2  # each handout: the plan is one sheet, front and back
# Beside a PDF's bytes, the handout as shortened to fit its pages (JSON), when it had to be:
# the other formats of that handout are then rendered from it, so every format shows the same.
SHORTENED = ".shortened.json"


def content_packs(request: Request) -> tuple[Path, ...]:
    """The content packs a request uses: the theme's `content/` folders, then --content."""
    return pack_folders(request.theme, request.content)


def file_stem(document: str) -> str:
    """'30-60-90-plan', or '30-60-90-plan-sam-lee' for the copy 'plan:Sam Lee'."""
    from slugify import slugify

    kind, _, person = document.partition(":")
    return FILE_NAMES[kind] + (f"-{slugify(person, max_length=40) or 'interviewer'}"
                               if person else "")


def planned_files(request: Request) -> list[str]:
    """The names of the files a request will write, without composing anything."""
    from .composition import split_interviewer
    from .rendering import EXTENSIONS

    documents = list(request.documents)
    if request.per_interviewer and "plan" in documents:
        documents += [f"plan:{split_interviewer(p)[0]}" for p in request.interviewers]
    return [f"{file_stem(d)}.{EXTENSIONS[f]}" for d in documents for f in request.formats]


def library_for(request: Request) -> Library:
    return load_library(packs=content_packs(request))


def understand(request: Request) -> Analysis:
    """What the title and the description say (what `nextround explain` prints)."""
    return analyze(request, library_for(request))


def compose_documents(request: Request,
                      analysis: Analysis | None = None) -> dict[str, dict[str, Any]]:
    """The handouts as plain data, keyed 'plan' and 'questions'; from `analysis` when the
    caller has already analysed the request (explain, generate's reading line)."""
    library = library_for(request)
    return compose(request, analysis or analyze(request, library), library)


def render_files(request: Request, side_by_side: bool = False,
                 analysis: Analysis | None = None) -> dict[str, bytes]:
    """Every file the request asks for, rendered in memory: nothing is written yet.

    side_by_side renders the PDFs in two processes where this machine can (see
    _render_side_by_side); the files are the same either way.
    """
    from .rendering import EXTENSIONS, render
    from .rendering.html import render_fitted_pdf
    from .themes import load_theme

    theme = load_theme(request.theme).with_branding(request.branding())
    documents = compose_documents(request, analysis)
    jobs = {f"{file_stem(name)}.{EXTENSIONS[fmt]}": (document, fmt)
            for name, document in documents.items() for fmt in request.formats}

    def check_fonts() -> None:
        """Warn about text the PDF's fonts cannot show, before it prints as empty boxes."""
        if "pdf" in request.formats:
            from .rendering.fonts import warn_missing_font, warn_missing_glyphs

            warn_missing_font(theme)
            warn_missing_glyphs(documents.values(), theme.path)

    def render_some(names: list[str]) -> dict[str, bytes]:
        out = {}
        for name in names:
            document, fmt = jobs[name]
            if fmt != "pdf":
                out[name] = render(document, fmt, theme, request.paper)
                continue
            out[name], shortened = render_fitted_pdf(document, theme, request.paper,
                                                     MAX_PAGES, shorten)
            if shortened is not None:
                out[name + SHORTENED] = json.dumps(shortened).encode("utf-8")
        return out

    if side_by_side:
        files = _render_side_by_side(list(jobs), render_some, check_fonts)
    else:
        check_fonts()
        files = render_some(list(jobs))
    # A handout that had to lose items to fit its pages: its other files say the same.
    for key in [k for k in files if k.endswith(SHORTENED)]:
        document = json.loads(files.pop(key))
        stem = key.removesuffix(".pdf" + SHORTENED)
        for name, (_, fmt) in jobs.items():
            if fmt != "pdf" and name.rsplit(".", 1)[0] == stem:
                files[name] = render(document, fmt, theme, request.paper)
    return {name: files[name] for name in jobs}


def _render_side_by_side(names: list[str], render_some, check_fonts) -> dict[str, bytes]:
    """Both PDFs at once on two cores: about a second sooner for `nextround generate`.

    Each PDF is most of a run's time, and WeasyPrint's import most of the rest. So a copy of
    this process checks the fonts and renders the other files while this one imports
    WeasyPrint; then a second copy, made after the import so it need not repeat it, renders
    the plan's PDF while this one renders the question sheet's. A copy's warnings and errors
    reach the caller as if they had happened here (processes.Forked).
    """
    from .processes import Forked, can_fork

    pdfs = [name for name in names if name.endswith(".pdf")]
    if len(pdfs) < 2 or not can_fork():
        check_fonts()
        return render_some(names)
    from .rendering.html import load_weasyprint, release_fonts

    others = [name for name in names if name not in pdfs]

    def checks_and_others() -> dict[str, bytes]:
        check_fonts()
        return render_some(others)

    copies = [Forked(checks_and_others, f"the process rendering {', '.join(others)}"
                     if others else "the process checking the fonts")]
    try:
        load_weasyprint()
        half = pdfs[: len(pdfs) // 2]

        def first_half() -> dict[str, bytes]:
            try:
                return render_some(half)
            finally:
                release_fonts()  # a forked copy leaves without running exit handlers

        copies.append(Forked(first_half, f"the process rendering {', '.join(half)}"))
        files = render_some(pdfs[len(half):])
        for copy in copies:
            files.update(copy.result())
    finally:
        for copy in copies:
            copy.stop()
    return files  # every name asked for, and any shortened handout beside its PDF


def output_folder(request: Request, out_dir: str | Path) -> Path:
    from .writing import folder_name

    return Path(out_dir) / folder_name(request.company, request.role, request.candidate or "")


def generate(request: Request, out_dir: str | Path = "out",
             side_by_side: bool = False, analysis: Analysis | None = None,
             force: bool = False) -> list[Path]:
    """Render every requested file, then write them all under
    out_dir/<company>-<role>-<candidate>/.

    Files already there are replaced only with force=True (OutputError otherwise, before
    anything is rendered). Rendering happens before any writing, so a failing template leaves
    no file behind.
    """
    from .writing import refuse_to_replace, write_files

    folder = output_folder(request, out_dir)
    if not force:
        refuse_to_replace(folder, planned_files(request))
    files = render_files(request, side_by_side, analysis)
    if not force:  # a run beside this one may have written them meanwhile
        refuse_to_replace(folder, list(files))
    return write_files(folder, files)
