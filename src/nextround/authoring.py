"""Theme authoring: copy a theme to edit, list the variables its templates receive, check it
against sample data, and draw its pages as images.

Everything here renders through the same code as `generate`, so a theme that passes
`templates check` renders the same way for real.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .errors import NextroundError, OutputError, ThemeError, collect_warnings
from .pipeline import FILE_NAMES, compose_documents, render_files
from .rendering import render
from .rendering.branding import template_theme
from .rendering.html import make_fetcher, render_pdf
from .rendering.templating import environment
from .request import Request, build_request
from .themes import BASE_THEME, REQUIRED_FILES, Theme, load_theme
from .writing import make_folder, write_atomic

FORMATS = ("html", "md", "pdf", "docx")
# A url(...) in CSS, or a src/href attribute written out in a template.
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
HTML_LINK = re.compile(r"""\b(?:src|href)\s*=\s*(['"])([^'"{}]+)\1""")


def sample_request(theme: str = BASE_THEME, **fields: Any) -> Request:
    """The sample request themes are checked and previewed with (sample_request.yaml)."""
    text = (resources.files("nextround") / "sample_request.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return build_request({**data, "theme": theme, "formats": list(FORMATS), **fields})


# --- the variables a template receives ---------------------------------------------------------


def _describe(value: Any, name: str, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            # doc.research.items would be the dict method in Jinja: write ["items"].
            child = (f"{name}.{key}" if key.isidentifier() and not hasattr(dict, key)
                     else f"{name}[\"{key}\"]")
            if not isinstance(item, dict | list):
                out.append((child, _example(item)))
            _describe(item, child, out)
    elif isinstance(value, list):
        if value and isinstance(value[0], dict | list):
            out.append((f"{name}", f"a list of {len(value)} (loop over it)"))
            _describe(value[0], f"{name}[i]", out)
        else:
            out.append((name, f"a list, e.g. {_example(value[0]) if value else 'empty'}"))


def _example(value: Any) -> str:
    text = str(value) if value not in (None, "") else "(empty when not given)"
    text = " ".join(text.split())
    return repr(text if len(text) <= 70 else text[:67] + "...")


def template_variables() -> str:
    """A Markdown list of every variable the templates receive, made from real sample data."""
    request = sample_request()
    documents = compose_documents(request)
    theme = template_theme(load_theme(BASE_THEME), "html")
    lines = []
    for name, document in documents.items():
        rows: list[tuple[str, str]] = []
        _describe({"doc": document}, "", rows)
        lines += [f"### {name}.html.j2, {name}.md.j2 and {name}.docx", "",
                  "| variable | example |", "|---|---|"]
        lines += [f"| `{path.lstrip('.')}` | {example} |" for path, example in rows
                  if path.strip(".") != "doc"]
        lines.append("")
    rows = []
    _describe({"theme": theme}, "", rows)
    lines += ["### every template", "", "| variable | example |", "|---|---|"]
    lines += [f"| `{path.lstrip('.')}` | {example} |" for path, example in rows]
    lines += ["| `paper` | 'letter' or 'a4' (HTML templates only) |", ""]
    return "\n".join(lines)


# --- init ----------------------------------------------------------------------------------------

README_HEAD = """\
# Theme "{name}"

Made with `nextround templates init` from the theme "{source}". Use it with
`nextround generate --theme {dest} ...`; check it with `nextround templates check {dest}`;
see its pages with `nextround preview --theme {dest} --out preview`.

- **Word**: open `plan.docx` or `questions.docx` in Word and change fonts, colors, styles, the
  page layout or the fixed words freely. Leave the tags in `{{{{ }}}}` and `{{%p ... %}}` as
  they are; if you retype one, type it in one go in plain text.
- **HTML/CSS (the PDF)**: edit `style.css` (colors and fonts are variables set from
  theme.yaml) and the `.html.j2` templates (Jinja).
- **theme.yaml**: colors, fonts, and the branding keys `logo`, `accent_color`, `font`, `footer`.
- A file you delete is taken from the theme this one extends (`extends:` in theme.yaml).

## Variables the templates receive

Text is escaped for you (HTML and Word): write `{{{{ doc.company }}}}`, never `| safe`. Lists are
used with `{{% for item in doc.priorities %}}` in HTML/Markdown and with `{{%p for ... %}}` (one
paragraph) or `{{%tr for ... %}}` (one table row) in Word. This list is made from real data
(`{sample}`), so it is what the templates get.

"""


def init_theme(dest: Path, source: str = BASE_THEME) -> Path:
    """Copy a theme (every file, inherited ones included) to dest, with a README."""
    theme = load_theme(source)
    if dest.exists() and any(dest.iterdir()):
        raise ThemeError(f"{dest} already exists and is not empty: choose a new folder.")
    dest.mkdir(parents=True, exist_ok=True)
    for layer in reversed(theme.layers):
        for path in layer.rglob("*"):
            relative = path.relative_to(layer)
            if path.is_file() and path.name != "README.md" and "__pycache__" not in path.parts:
                (dest / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest / relative)
    config_text = (theme.path / "theme.yaml").read_text(encoding="utf-8")
    config_text = re.sub(r"(?m)^name:.*$", f"name: {dest.name}", config_text, count=1)
    config_text = re.sub(r"(?m)^extends:.*\n", "", config_text)
    # Written out even for the default theme, so the author sees where deleted files come from.
    parent = theme.path.name if theme.where in ("built-in", "user") else str(theme.path)
    config_text = config_text.replace(f"name: {dest.name}",
                                      f"name: {dest.name}\nextends: {parent}", 1)
    (dest / "theme.yaml").write_text(config_text, encoding="utf-8")
    readme = README_HEAD.format(name=dest.name, source=source, dest=dest,
                                sample="nextround/sample_request.yaml")
    (dest / "README.md").write_text(readme + template_variables(), encoding="utf-8")
    return dest


# --- check ---------------------------------------------------------------------------------------


def _url_problems(theme: Theme, name: str, pattern: re.Pattern[str]) -> list[str]:
    """url()/src/href in one file that point outside the theme or at a missing file."""
    path = theme.file(name)
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in pattern.finditer(line):
            url = match.group(2).strip()
            if url.startswith(("data:", "#")) or url == "style.css":
                continue
            where = f"{path}, line {number}"
            if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) or url.startswith("/"):
                problems.append(f"{where}: {url!r} points outside the theme; nextround loads "
                                f"nothing from the network or elsewhere on disk. Copy the file "
                                f"into the theme folder and use a relative path.")
                continue
            target = (theme.path / url.split("?")[0].split("#")[0]).resolve()
            if not target.is_relative_to(theme.path.resolve()):
                problems.append(f"{where}: {url!r} points outside the theme folder, so it will "
                                f"not be loaded. Copy the file into the theme folder.")
            elif not theme.file(str(target.relative_to(theme.path.resolve()))).is_file():
                problems.append(f"{where}: {url!r}: the file is missing from the theme.")
    return problems


def _brace_problems(theme: Theme, name: str) -> list[str]:
    """A { never closed or a } that closes nothing. WeasyPrint reports neither: it reads CSS
    nesting, so a missing } quietly nests the rest of the stylesheet inside one rule."""
    path = theme.file(name)
    text = path.read_text(encoding="utf-8")
    # Blank out comments and strings, keeping line breaks so line numbers stay right.
    text = re.sub(r"/\*.*?(\*/|$)|\"(\\.|[^\"\\\n])*\"|'(\\.|[^'\\\n])*'",
                  lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.DOTALL)
    opened: list[int] = []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            if char == "{":
                opened.append(number)
            elif char == "}" and opened:
                opened.pop()
            elif char == "}":
                problems.append(f"{path}, line {number}: this }} closes nothing; remove it.")
    problems += [f"{path}, line {number}: this {{ is never closed, so every rule after it "
                 f"applies only inside it. Add the missing }}." for number in opened[:1]]
    return problems


# WeasyPrint's own words for CSS it leaves out: "Ignored `colr: red` at 33:6, unknown property."
CSS_WARNING = re.compile(r"^(?:Ignored `(?P<what>.+?)`|Parse error) at (?P<line>\d+):\d+, "
                         r"(?P<why>.+?)\.?$", re.DOTALL)


def _css_problems(theme: Theme, warnings: list[logging.LogRecord]) -> list[str]:
    """WeasyPrint's CSS warnings, pointed at the file and line they come from: style.css, or
    the <style> of an HTML template (WeasyPrint gives the line, not the file)."""
    files = [theme.file(n) for n in ("style.css", "base.html.j2", "plan.html.j2",
                                     "questions.html.j2")]
    lines = {f: f.read_text(encoding="utf-8").splitlines() for f in files if f.is_file()}
    problems = []
    for message in dict.fromkeys(map(logging.LogRecord.getMessage, warnings)):
        match = CSS_WARNING.match(message)
        if not match:
            continue
        line, why = int(match["line"]), match["why"]
        what = (match["what"] or "").split(":")[0].strip()
        where = next((f"{file}, line {line}" for file, text in lines.items()
                      if line <= len(text) and what in text[line - 1]), str(theme.path))
        detail = f"`{match['what']}`: {why}" if match["what"] else why
        problems.append(f"{where}: CSS left out ({detail}).")
    return problems


def check_theme(path: str) -> list[str]:
    """Every problem found rendering the theme in every format: one line each, file first."""
    with collect_warnings("nextround") as theme_warnings:
        try:
            theme = load_theme(path)
        except NextroundError as exc:
            return [str(exc)]
    problems: list[str] = [m for m in map(logging.LogRecord.getMessage, theme_warnings)
                           if "theme.yaml" in m]
    # Syntax first, file by file, so every broken template is reported, not just the first.
    layers = tuple(str(folder) for folder in theme.layers)
    names = sorted({p.name for layer in theme.layers for p in layer.glob("*.j2")})
    env = environment(layers, "html")
    broken = set()
    for name in names:
        try:
            env.parse(theme.file(name).read_text(encoding="utf-8"), name, str(theme.file(name)))
        except jinja2.TemplateSyntaxError as exc:
            broken.add(name)
            problems.append(f"{theme.file(name)}, line {exc.lineno}: Jinja syntax error: "
                            f"{exc.message}")
    problems += _brace_problems(theme, "style.css")
    problems += _url_problems(theme, "style.css", CSS_URL)
    for name in names:
        if name.endswith(".html.j2"):
            problems += _url_problems(theme, name, HTML_LINK)
    try:
        documents = compose_documents(sample_request(str(theme.path)))
    except NextroundError as exc:
        return [*problems, str(exc)]
    for doc_name, document in documents.items():
        for fmt in FORMATS:
            if fmt in ("html", "md", "pdf") and any(n.startswith(doc_name) or
                                                    n == "base.html.j2" for n in broken):
                continue
            try:
                if fmt == "pdf":
                    fetcher = make_fetcher(theme)
                    with collect_warnings("weasyprint") as css_warnings:
                        render_pdf(document, theme, "letter", fetcher=fetcher)
                    problems += [p for p in _css_problems(theme, css_warnings)
                                 if p not in problems]
                    for url in dict.fromkeys(fetcher.refused):
                        message = (f"{theme.file(doc_name + '.html.j2')}: {url!r} points "
                                   f"outside the theme and was not loaded.")
                        if not any(url.split("/")[-1] in p for p in problems):
                            problems.append(message)
                else:
                    render(document, fmt, theme, "letter")
            except NextroundError as exc:
                if str(exc) not in problems:
                    problems.append(str(exc))
    missing = [f for f in REQUIRED_FILES if not theme.file(f).is_file()]
    problems += [f"{theme.path}: {f} is missing." for f in missing]
    return problems


# --- preview -------------------------------------------------------------------------------------


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


def preview(request: Request, out_dir: Path, *, word: bool = False, resolution: int = 70
            ) -> list[Path]:
    """PNG images of every page of the request's PDFs (and, with word=True, of the Word files
    as LibreOffice lays them out)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ThemeError("preview needs pdftoppm, which is not installed: install poppler-utils "
                         "(apt install poppler-utils, brew install poppler), or write the PDF "
                         "with 'nextround generate' and open it.")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if word and soffice is None:
        raise ThemeError("preview --word needs LibreOffice (soffice), which is not installed.")
    formats = ("pdf", "docx") if word else ("pdf",)

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
        written: list[Path] = []
        for name, pdf in sorted(pdfs.items()):
            stem = name.removesuffix(".pdf")
            for short, long in FILE_NAMES.items():
                stem = stem.replace(long, short)
            pages_dir = work / "pages" / stem  # drawn here, then copied whole into out_dir
            pages_dir.mkdir(parents=True)
            subprocess.run([pdftoppm, "-png", "-r", str(resolution), str(pdf),
                            str(pages_dir / stem)], check=True, capture_output=True)
            pages = sorted(pages_dir.glob("*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
            written += [write_atomic(out_dir / page.name, page.read_bytes())
                        for page in pages]
    # Pages of an earlier, longer preview must not linger beside the new ones; only what a
    # preview wrote is ever deleted.
    names = [path.name for path in written]
    for name in set(earlier) - set(names):
        (out_dir / name).unlink(missing_ok=True)
    write_atomic(out_dir / PREVIEW_LIST, json.dumps(names, indent=1).encode("utf-8"))
    return written
