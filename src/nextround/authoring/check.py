"""`templates check`: a theme rendered with sample data in every format, each problem reported
with its file and line."""

from __future__ import annotations

import logging
import re

from ..errors import NextroundError, collect_warnings
from ..themes import REQUIRED_FILES, Theme, load_theme
from .sample import CHECKED_FORMATS, sample_request

# A url(...) in CSS, or a src/href attribute written out in a template.
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
HTML_LINK = re.compile(r"""\b(?:src|href)\s*=\s*(['"])([^'"{}]+)\1""")


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
    from ..pipeline import compose_documents
    from ..rendering import render
    from ..rendering.html import make_fetcher, render_pdf
    from ..rendering.templating import environment

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
        import jinja2

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
        for fmt in CHECKED_FORMATS:
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
