"""The whole pipeline as a library: request -> analysis -> composition -> rendering -> writing.

The command line and batch generation both call `generate`; a Python user can too:

    from nextround import build_request, generate
    paths = generate(build_request({"role": "Data Engineer", "company": "Acme",
                                    "description": "..."}), "out")
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slugify import slugify

from .analysis import Analysis, analyze
from .composition import compose, shorten, split_interviewer
from .library import Library, library_for
from .rendering import EXTENSIONS, render
from .rendering.branding import branded
from .request import Request
from .themes import Theme, load_theme
from .writing import DEFAULT_NAME, folder_name, refuse_to_replace, write_files

FILE_NAMES = {"plan": "30-60-90-plan", "questions": "follow-up-questions"}
MAX_PAGES = 2  # each handout: the plan is one sheet, front and back
# Beside a PDF's bytes, the handout as shortened to fit its pages (JSON), when it had to be:
# the other formats of that handout are then rendered from it, so every format shows the same.
SHORTENED = "shortened:"


class Prepared:
    """What a request needs besides itself, worked out once and passed on: its theme (loaded
    once; with the request's branding applied and the logo checked, on first use) and the
    content library with the theme's content packs and the request's own. `explain` never
    asks for the branded theme, so it never checks a logo."""

    def __init__(self, request: Request):
        self.request = request
        self.plain_theme: Theme = load_theme(request.theme)

    @functools.cached_property
    def theme(self) -> Theme:
        return branded(self.plain_theme, self.request.branding())

    @functools.cached_property
    def library(self) -> Library:
        # The one loader generate, explain, roles and serve share (cached on the packs).
        return library_for(self.request.theme, self.request.content)


def prepare(request: Request) -> Prepared:
    return Prepared(request)


@dataclass(frozen=True)
class Output:
    """One file a request writes: which handout ('plan', 'questions', or 'plan:Sam Lee' for
    an interviewer's copy), in which format, under which name."""

    document: str
    format: str
    name: str


def output_names(request: Request) -> list[Output]:
    """Every file the request will write, in order, without composing anything: the one
    place file names are made."""
    documents = list(request.documents)
    if request.per_interviewer and "plan" in documents:
        documents += [f"plan:{split_interviewer(p)[0]}" for p in request.interviewers]
    return [Output(document, fmt, f"{_file_stem(document)}.{EXTENSIONS[fmt]}")
            for document in documents for fmt in request.formats]


def _file_stem(document: str) -> str:
    """'30-60-90-plan', or '30-60-90-plan-sam-lee' for the copy 'plan:Sam Lee'."""
    kind, _, person = document.partition(":")
    return FILE_NAMES[kind] + (f"-{slugify(person, max_length=40) or 'interviewer'}"
                               if person else "")


def planned_files(request: Request) -> list[str]:
    """The names of the files a request will write."""
    return [output.name for output in output_names(request)]


def understand(request: Request, prepared: Prepared | None = None) -> Analysis:
    """What the title and the description say (what `nextround explain` prints)."""
    return analyze(request, (prepared or prepare(request)).library)


def compose_documents(request: Request, analysis: Analysis | None = None,
                      prepared: Prepared | None = None) -> dict[str, dict[str, Any]]:
    """The handouts as plain data, keyed 'plan' and 'questions'; from `analysis` when the
    caller has already analysed the request (explain, generate's reading line)."""
    library = (prepared or prepare(request)).library
    return compose(request, analysis or analyze(request, library), library)


def render_files(request: Request, side_by_side: bool = False,
                 analysis: Analysis | None = None,
                 prepared: Prepared | None = None) -> dict[str, bytes]:
    """Every file the request asks for, rendered in memory: nothing is written yet.

    side_by_side renders the PDFs in two processes where this machine can (see
    _render_side_by_side); the files are the same either way.
    """
    # Loaded when rendering (here and below), so that `explain` never loads Jinja or WeasyPrint.
    from .rendering.html import render_fitted_pdf  # noqa: PLC0415

    prepared = prepared or prepare(request)
    theme = prepared.theme
    documents = compose_documents(request, analysis, prepared)
    outputs = {output.name: output for output in output_names(request)}

    def check_fonts() -> None:
        """Warn about text the PDF's fonts cannot show, before it prints as empty boxes."""
        if "pdf" in request.formats:
            from .rendering.fonts import warn_missing_font, warn_missing_glyphs  # noqa: PLC0415

            warn_missing_font(theme)
            warn_missing_glyphs(documents.values(), theme.path)

    def render_some(names: list[str]) -> dict[str, bytes]:
        out = {}
        for name in names:
            output = outputs[name]
            document = documents[output.document]
            if output.format != "pdf":
                out[name] = render(document, output.format, theme, request.paper)
                continue
            out[name], shortened = render_fitted_pdf(document, theme, request.paper,
                                                     MAX_PAGES, shorten)
            if shortened is not None:
                out[SHORTENED + output.document] = json.dumps(shortened).encode("utf-8")
        return out

    if side_by_side:
        files = _render_side_by_side(list(outputs), render_some, check_fonts)
    else:
        check_fonts()
        files = render_some(list(outputs))
    # A handout that had to lose items to fit its pages: its other files say the same.
    for key in [k for k in files if k.startswith(SHORTENED)]:
        shortened = json.loads(files.pop(key))
        for output in outputs.values():
            if output.document == key.removeprefix(SHORTENED) and output.format != "pdf":
                files[output.name] = render(shortened, output.format, theme, request.paper)
    return {name: files[name] for name in outputs}


def _render_side_by_side(names: list[str], render_some, check_fonts) -> dict[str, bytes]:
    """Both PDFs at once on two cores: about a second sooner for `nextround generate`.

    Each PDF is most of a run's time, and WeasyPrint's import most of the rest. So a copy of
    this process checks the fonts and renders the other files while this one imports
    WeasyPrint; then a second copy, made after the import so it need not repeat it, renders
    the plan's PDF while this one renders the question sheet's. A copy's warnings and errors
    reach the caller as if they had happened here (processes.Forked).
    """
    from .processes import Forked, can_fork  # noqa: PLC0415

    pdfs = [name for name in names if name.endswith(".pdf")]
    if len(pdfs) < 2 or not can_fork():
        check_fonts()
        return render_some(names)
    from .rendering.html import load_weasyprint, release_fonts  # noqa: PLC0415

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
    return Path(out_dir) / folder_name(DEFAULT_NAME, {"company": request.company,
                                                      "role": request.role,
                                                      "candidate": request.candidate})


def generate(request: Request, out_dir: str | Path = "out",
             side_by_side: bool = False, analysis: Analysis | None = None,
             force: bool = False, prepared: Prepared | None = None) -> list[Path]:
    """Render every requested file, then write them all under
    out_dir/<company>-<role>-<candidate>/.

    Files already there are replaced only with force=True (OutputError otherwise, before
    anything is rendered). Rendering happens before any writing, so a failing template leaves
    no file behind.
    """
    folder = output_folder(request, out_dir)
    if not force:
        refuse_to_replace(folder, planned_files(request))
    files = render_files(request, side_by_side, analysis, prepared)
    if not force:  # a run beside this one may have written them meanwhile
        refuse_to_replace(folder, list(files))
    return write_files(folder, files)
