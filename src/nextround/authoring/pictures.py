"""`preview`: every page of a request's handouts drawn as a picture (PDF, and Word as
LibreOffice lays it out)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError, ThemeError
from ..request import Request
from ..writing import make_folder, write_atomic

# In a preview folder: the pictures the last preview wrote, the only files a preview deletes.
PREVIEW_LIST = ".nextround-preview.json"


def _preview_folder(out_dir: Path) -> list[str]:
    """Make sure out_dir is a preview's own folder; return the pictures the last preview wrote.

    A folder of the user's (~/Pictures) is refused: the pages of a previous, longer preview
    are deleted, and a preview must never take the user's plan-7.png for one of its own.
    """
    listed = out_dir / PREVIEW_LIST
    if listed.is_file():
        try:
            names = json.loads(listed.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            names = []
        # Plain picture names only: a list edited to say '../x' deletes nothing outside.
        return [n for n in names if isinstance(n, str) and re.fullmatch(r"[\w-]+\.png", n)]
    if out_dir.is_dir() and any(out_dir.iterdir()):
        raise OutputError(
            f"{str(out_dir)!r} already holds other files, and preview writes into a folder of "
            f"its own (it replaces the pictures it wrote there before); nothing was written. "
            f"Choose a new or empty folder with --out.")
    make_folder(out_dir)
    return []


def _pdftoppm() -> str:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ThemeError("preview needs pdftoppm, which is not installed: install poppler-utils "
                         "(apt install poppler-utils, brew install poppler), or write the PDF "
                         "with 'nextround generate' and open it.")
    return pdftoppm


def draw_pages(pdfs: dict[str, Path], folder: Path, resolution: int = 70) -> list[Path]:
    """A PNG of every page of each PDF ('30-60-90-plan.pdf' -> plan-1.png, plan-2.png...),
    drawn into folder: what `preview` shows, and the web page's preview (nextround serve)."""
    from ..pipeline import FILE_NAMES

    pdftoppm = _pdftoppm()
    drawn: list[Path] = []
    for name, pdf in sorted(pdfs.items()):
        stem = name.removesuffix(".pdf")
        for short, long in FILE_NAMES.items():
            stem = stem.replace(long, short)
        pages_dir = folder / stem
        pages_dir.mkdir(parents=True)
        subprocess.run([pdftoppm, "-png", "-r", str(resolution), str(pdf),
                        str(pages_dir / stem)], check=True, capture_output=True)
        drawn += sorted(pages_dir.glob("*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return drawn


def preview(request: Request, out_dir: Path, *, word: bool = False, resolution: int = 70
            ) -> list[Path]:
    """PNG images of every page of the request's PDFs (and, with word=True, of the Word files
    as LibreOffice lays them out)."""
    from ..pipeline import render_files

    _pdftoppm()  # before rendering: a missing tool is said at once
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if word and soffice is None:
        raise ThemeError("preview --word needs LibreOffice (soffice), which is not installed.")
    formats = ("pdf", "docx") if word else ("pdf",)
    from dataclasses import replace

    earlier = _preview_folder(out_dir)  # before rendering: a wrong --out fails at once
    files = render_files(replace(request, formats=formats))
    with tempfile.TemporaryDirectory(prefix="nextround-preview-") as tmp:
        work = Path(tmp)
        for name, data in files.items():
            (work / name).write_bytes(data)
        pdfs = {name: work / name for name in files if name.endswith(".pdf")}
        if word:
            docx = [str(work / name) for name in files if name.endswith(".docx")]
            (work / "word").mkdir()
            result = subprocess.run(
                [soffice, f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(work / "word"), *docx],
                capture_output=True, text=True, timeout=300)
            if result.returncode != 0:
                raise ThemeError(f"LibreOffice could not convert the Word files: "
                                 f"{result.stderr.strip()[:200]}")
            for pdf in sorted((work / "word").glob("*.pdf")):
                pdfs[f"{pdf.stem}-word.pdf"] = pdf
        # Drawn in the temporary folder, then copied whole into out_dir.
        written = [write_atomic(out_dir / page.name, page.read_bytes())
                   for page in draw_pages(pdfs, work / "pages", resolution)]
    # Pages of an earlier, longer preview must not linger beside the new ones; only what a
    # preview wrote is ever deleted.
    names = [path.name for path in written]
    for name in set(earlier) - set(names):
        (out_dir / name).unlink(missing_ok=True)
    write_atomic(out_dir / PREVIEW_LIST, json.dumps(names, indent=1).encode("utf-8"))
    return written
