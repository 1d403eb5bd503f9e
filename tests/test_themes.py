"""Themes, branding and content packs, checked in the files produced: PDF text and pixels, the
DOCX as LibreOffice reads it, and the exact message of each broken template."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import (
    SAMPLES,
    libreoffice_pdf,
    libreoffice_text,
    libreoffice_texts,
    need,
    pdf_text,
    squash,
)

from nextround.cli import main

ARGS = ["--role", "Senior Data Engineer", "--company", "Acme Grocers",
        "--description-file", str(SAMPLES / "acme-grocers.txt"), "--candidate", "Jane Doe"]
LOGO_RGB = (214, 31, 38)  # a red no default color comes near


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def png(path: Path, width: int, height: int, rgb: tuple[int, int, int]) -> Path:
    """A solid-color PNG, written by hand so the test needs no imaging library."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def page_colors(pdf: Path, tmp_path: Path, *, every_page: bool = False
                ) -> set[tuple[int, int, int]]:
    """Every pixel color on the first page (or on every page), drawn by pdftoppm as PPMs."""
    prefix = tmp_path / "page"
    pages = [] if every_page else ["-f", "1", "-l", "1"]
    subprocess.run([need("pdftoppm"), "-r", "40", *pages, str(pdf), str(prefix)], check=True)
    colors = set()
    for picture in tmp_path.glob("page*.ppm"):
        # P6 header: magic, width, height, maxval, each followed by white space.
        pixels = picture.read_bytes().split(maxsplit=4)[4]
        colors |= {tuple(pixels[i:i + 3]) for i in range(0, len(pixels) - 2, 3)}
    return colors


def edit_docx(path: Path, old: str, new: str) -> None:
    """Replace text inside a Word file's document.xml, as an edit in Word would."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert old in xml, f"{old!r} not in {path.name}"
                data = xml.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    tmp.replace(path)


def docx_xml(path: Path, part: str = "word/styles.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


# --- finding themes ------------------------------------------------------------------------------


def test_templates_list_shows_builtin_and_user_themes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    mine = tmp_path / "nextround" / "themes" / "coral"
    mine.mkdir(parents=True)
    (mine / "theme.yaml").write_text("name: coral\ndescription: Coral headings.\n"
                                     "colors: {accent: '#FF7F50'}\n")
    result = run("templates", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.split()[:2] == ["default", "built-in"] for line in lines)
    assert any(line.split()[:2] == ["classic", "built-in"] for line in lines)
    assert any(line.split() == ["coral", "user", str(mine)] for line in lines)
    assert "Coral headings." in result.output


def test_partial_user_theme_inherits_the_rest(tmp_path, monkeypatch):
    """A user theme with only theme.yaml: found by name, every other file from the default."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    mine = tmp_path / "config" / "nextround" / "themes" / "coral"
    mine.mkdir(parents=True)
    (mine / "theme.yaml").write_text("name: coral\ncolors: {accent: '#FF7F50'}\n")
    result = run("generate", *ARGS, "--theme", "coral", "--format", "html,docx",
                 "--only", "plan", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    html = next((tmp_path / "out").rglob("*.html")).read_text()
    assert "--accent: #FF7F50" in html
    assert "Senior Data Engineer" in html
    assert next((tmp_path / "out").rglob("*.docx")).stat().st_size > 10_000


# --- a theme made one's own: init, change color, logo and a heading in HTML and Word -------------


@pytest.fixture(scope="module")
def rebranded(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("rebrand")
    theme = root / "acme-talent"
    result = run("templates", "init", str(theme))
    assert result.exit_code == 0, result.output
    config = (theme / "theme.yaml").read_text()
    config = config.replace('accent: "#1B3A5C"', 'accent: "#0B5FFF"')
    config = config.replace('logo: ""', "logo: logo.png")
    (theme / "theme.yaml").write_text(config)
    png(theme / "logo.png", 240, 80, LOGO_RGB)
    html = (theme / "plan.html.j2").read_text()
    (theme / "plan.html.j2").write_text(
        html.replace("<h2>{{ s.priorities }}</h2>", "<h2>Where I would start</h2>"))
    edit_docx(theme / "plan.docx", "{{ doc.sections.priorities }}", "Where I would start")
    check = run("templates", "check", str(theme))
    assert check.exit_code == 0, check.output
    out = root / "out"
    result = run("generate", *ARGS, "--theme", str(theme), "--only", "plan", "--out", str(out))
    assert result.exit_code == 0, result.output
    files = {Path(line).suffix: Path(line) for line in result.output.split()}
    return {"theme": theme, **files}


def test_init_writes_a_readme_listing_the_real_variables(rebranded):
    readme = (rebranded["theme"] / "README.md").read_text()
    for variable in ("`doc.phases[i].actions`", "`doc.priorities[i].title`",
                     "`doc.research.items`", "`theme.colors.accent`", "`theme.logo`",
                     "`theme.footer`", "`doc.sections[i].questions`"):
        assert variable in readme, variable
    assert "'Data Engineering Manager'" in readme  # examples come from the real sample


def test_rebranded_pdf_shows_heading_color_and_logo(rebranded, tmp_path):
    text = squash(pdf_text(rebranded[".pdf"]))
    assert "Where I would start" in text
    assert "Priorities I would focus on" not in text
    colors = page_colors(rebranded[".pdf"], tmp_path)
    assert LOGO_RGB in colors  # the logo is drawn
    assert (0x0B, 0x5F, 0xFF) in colors  # headings and rules in the new accent
    assert (0x1B, 0x3A, 0x5C) not in colors  # the old navy is gone


def test_rebranded_docx_shows_heading_and_logo_in_libreoffice(rebranded, tmp_path):
    text = squash(libreoffice_text(rebranded[".docx"], tmp_path))
    assert "Where I would start" in text
    assert "Priorities I would focus on" not in text
    with zipfile.ZipFile(rebranded[".docx"]) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert media and archive.read(media[0]).startswith(b"\x89PNG")


def test_branding_options_reach_pdf_and_docx(tmp_path):
    logo = png(tmp_path / "logo.png", 200, 60, LOGO_RGB)
    result = run("generate", *ARGS, "--only", "plan", "--out", str(tmp_path / "out"),
                 "--logo", str(logo), "--accent-color", "#0B5FFF", "--font", "DejaVu Serif",
                 "--footer", "Presented by Acme Talent Partners")
    assert result.exit_code == 0, result.output
    pdf, docx = (Path(p) for p in result.output.split())
    assert "Presented by Acme Talent Partners" in pdf_text(pdf)
    fonts = subprocess.run([need("pdffonts"), str(pdf)], capture_output=True, text=True).stdout
    assert "DejaVu-Serif" in fonts
    assert (0x0B, 0x5F, 0xFF) in page_colors(pdf, tmp_path)
    styles = docx_xml(docx)
    assert 'w:color w:val="0B5FFF"' in styles and 'w:ascii="DejaVu Serif"' in styles
    # As LibreOffice draws it: the masthead rule too is in the new accent, no navy is left.
    (tmp_path / "lo").mkdir()
    drawn = page_colors(libreoffice_pdf(docx, tmp_path / "lo"), tmp_path / "lo")
    assert (0x0B, 0x5F, 0xFF) in drawn and (0x1B, 0x3A, 0x5C) not in drawn
    footer = "".join(docx_xml(docx, n) for n in zipfile.ZipFile(docx).namelist()
                     if n.startswith("word/footer"))
    assert "Presented by Acme Talent Partners" in footer


def test_a_font_that_is_not_installed_is_named_in_a_warning(tmp_path):
    args = (*ARGS, "--only", "plan", "--format", "pdf", "--out", str(tmp_path / "out"),
            "--force")  # the three runs write one folder
    missing = run("generate", *args, "--font", "Helvetica Nowhere")
    assert missing.exit_code == 0, missing.output
    assert missing.stderr == (
        "Warning: The font 'Helvetica Nowhere' is not installed and the theme does not bring "
        "it, so the PDF uses a fallback font. Install it, or add its files to the theme with an "
        "@font-face rule ('fc-list : family' lists the installed fonts).\n")
    # Installed, or brought by the theme (Inter, Noto Serif): no warning.
    assert run("generate", *args, "--font", "DejaVu Serif").stderr == ""
    assert run("generate", *args, "--theme", "classic").stderr == ""


def test_command_line_beats_project_file_beats_theme(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    theme = tmp_path / "brand"
    theme.mkdir()
    (theme / "theme.yaml").write_text("name: brand\nfooter: From theme.yaml\n"
                                      "accent_color: '#111111'\n")
    (tmp_path / "nextround.toml").write_text(f'theme = "{theme}"\naccent-color = "#222222"\n')
    out = tmp_path / "out"
    first = run("generate", *ARGS, "--only", "plan", "--format", "html", "--out", str(out))
    html = next(out.rglob("*.html")).read_text()
    assert first.exit_code == 0 and "--accent: #222222" in html and "From theme.yaml" in html
    run("generate", *ARGS, "--only", "plan", "--format", "html", "--out", str(out),
        "--accent-color", "#333333", "--footer", "From the command line", "--force")
    html = next(out.rglob("*.html")).read_text()
    assert "--accent: #333333" in html and "From the command line" in html


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--accent-color", "blue", "Error: The accent color 'blue' is not a hex color: use #RRGGBB, "
                               "for example #0B5FFF"),
    ("--logo", "missing.png", "Error: The logo file 'missing.png' does not exist."),
    ("--logo", "logo.gif", "Error: The logo 'logo.gif' must be a PNG, JPEG or SVG file"),
    ("--font", "Comic; } body {", "Error: The font 'Comic; } body {' is not a font name"),
    ("--content", "nowhere", "Error: The content folder 'nowhere' does not exist"),
])
def test_bad_branding_is_a_clear_error(tmp_path, option, value, message):
    result = run("generate", *ARGS, option, value, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_project_file_names_the_setting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nextround.toml").write_text('colour = "#000000"\n')
    result = run("generate", *ARGS, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'nextround.toml'}: unknown setting "
                                    f"'colour'; the settings are theme, paper, candidate")


def test_logo_is_the_only_outside_file_weasyprint_reads(tmp_path):
    from nextround import build_request
    from nextround.pipeline import compose_documents
    from nextround.rendering.html import make_fetcher, render_pdf
    from nextround.themes import load_theme

    logo = png(tmp_path / "logo.png", 40, 20, LOGO_RGB)
    request = build_request({"role": "Data Engineer", "company": "Acme",
                             "description": "Acme sells groceries.", "logo": str(logo)})
    theme = load_theme("classic").with_branding(request.branding())
    fetcher = make_fetcher(theme)
    render_pdf(compose_documents(request)["plan"], theme, "letter", fetcher=fetcher)
    outside = [url for url in fetcher.asked if "/templates/" not in url]
    assert outside == [logo.resolve().as_uri()]
    assert fetcher.refused == []


# --- templates check: each broken template, its exact message ------------------------------------


def broken_theme(tmp_path: Path, name: str, source: str, old: str, new: str) -> Path:
    from nextround.themes import load_theme

    theme = tmp_path / name
    theme.mkdir()
    (theme / "theme.yaml").write_text(f"name: {name}\n")
    original = load_theme("default").file(source)
    if source.endswith(".docx"):
        shutil.copyfile(original, theme / source)
        edit_docx(theme / source, old, new)
    else:
        text = original.read_text()
        assert old in text
        (theme / source).write_text(text.replace(old, new, 1))
    return theme


def check_output(theme: Path) -> list[str]:
    result = run("templates", "check", str(theme))
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()


def test_check_passes_the_builtin_themes():
    for name in ("default", "classic"):
        result = run("templates", "check", name)
        assert result.exit_code == 0, result.output
        assert "no problems" in result.stdout


def test_check_reports_an_undefined_variable(tmp_path):
    theme = broken_theme(tmp_path, "t", "plan.html.j2", "{{ s.measures }}", "{{ s.measurse }}")
    line = 1 + (theme / "plan.html.j2").read_text().split("{{ s.measurse }}")[0].count("\n")
    assert check_output(theme) == [
        f"Problem: {theme / 'plan.html.j2'}, line {line}: undefined variable 's.measurse': "
        f"check its spelling against the list in the theme's README.md (made by 'nextround "
        f"templates init')."]


def test_check_finds_a_misspelled_word_tag_by_its_paragraph(tmp_path):
    theme = broken_theme(tmp_path, "t", "plan.docx", "{{ doc.role }}", "{{ doc.rol }}")
    assert check_output(theme) == [
        f"Problem: {theme / 'plan.docx'}: undefined variable 'doc.rol' in the paragraph "
        f"'{{{{ doc.rol }}}}': check its spelling against the list in the theme's README.md "
        f"(made by 'nextround templates init')."]


def test_check_reports_css_that_weasyprint_leaves_out(tmp_path):
    # A missing } is valid CSS since nesting: the rest of the sheet silently nests inside.
    theme = broken_theme(tmp_path, "t", "style.css", "margin-top: 2pt; }", "margin-top: 2pt;")
    css = theme / "style.css"
    css.write_text(css.read_text().replace("h3 { font-size", "h3 { colr: red; font-size", 1))
    lines = css.read_text().splitlines()
    unclosed = 1 + next(i for i, text in enumerate(lines) if text.startswith(".company {"))
    unknown = 1 + next(i for i, text in enumerate(lines) if "colr: red" in text)
    assert check_output(theme) == [
        f"Problem: {css}, line {unclosed}: this {{ is never closed, so every rule after it "
        f"applies only inside it. Add the missing }}.",
        f"Problem: {css}, line {unknown}: CSS left out (`colr: red`: unknown property)."]


def test_check_catches_theme_yaml_slips(tmp_path):
    theme = tmp_path / "t"
    theme.mkdir()
    (theme / "theme.yaml").write_text("name: t\ncolours:\n  accent: '#C2185B'\n")
    assert check_output(theme) == [
        f"Problem: {theme / 'theme.yaml'}: nextround does not use the key 'colours'; "
        f"did you mean 'colors'?"]
    # A color without quotes is a YAML comment: the value arrives empty.
    (theme / "theme.yaml").write_text("name: t\ncolors:\n  accent: #C2185B\n")
    result = run("generate", *ARGS, "--theme", str(theme), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {theme / 'theme.yaml'}: colors.accent is empty. Put a color in quotes, as in "
        f"accent: \"#1B3A5C\" (without them, YAML reads # and what follows as a comment).\n")


def test_check_reports_a_syntax_error(tmp_path):
    theme = broken_theme(tmp_path, "t", "questions.html.j2", "{% endfor %}\n</section>",
                         "{% endfro %}\n</section>")
    line = 1 + (theme / "questions.html.j2").read_text().split("{% endfro %}")[0].count("\n")
    assert check_output(theme) == [
        f"Problem: {theme / 'questions.html.j2'}, line {line}: Jinja syntax error: "
        f"Encountered unknown tag 'endfro'. Jinja was looking for the following tags: "
        f"'endfor' or 'else'. The innermost block that needs to be closed is 'for'."]


def test_check_explains_a_word_tag_split_across_runs(tmp_path):
    # Word split {{ doc.company }}: a bold run in the middle, the closing braces typed apart.
    theme = broken_theme(
        tmp_path, "t", "plan.docx", "<w:t>{{ doc.company }}</w:t>",
        '<w:t>{{ doc.comp</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>any }</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> }</w:t>')
    [problem] = check_output(theme)
    assert problem.startswith(f"Problem: {theme / 'plan.docx'}, paragraph ")
    assert "'{{ doc.company } }" in problem
    assert problem.endswith(
        "a Word template tag is broken (unexpected '}'). This usually means Word split the tag "
        "into pieces (part of it formatted differently, curly quotes from autocorrect, or the "
        "tag spread over two paragraphs): select the whole tag, delete it and type it again in "
        "one go, in one format.")


def test_check_reports_a_missing_file(tmp_path):
    theme = broken_theme(tmp_path, "t", "plan.html.j2", "{% block content %}",
                         '{% block content %}{% include "parts/intro.html.j2" %}')
    assert check_output(theme) == [
        f"Problem: {theme / 'plan.html.j2'}, line 2: the template 'parts/intro.html.j2' is "
        f"missing."]


def test_check_reports_css_urls_outside_the_theme(tmp_path):
    theme = broken_theme(tmp_path, "t", "style.css", "html {",
                         "body { background: url(../secret.png); }\n"
                         "h1 { background: url('https://example.com/x.png'); }\nhtml {")
    line = 1 + (theme / "style.css").read_text().split("url(../secret")[0].count("\n")
    assert check_output(theme) == [
        f"Problem: {theme / 'style.css'}, line {line}: '../secret.png' points outside the "
        f"theme folder, so it will not be loaded. Copy the file into the theme folder.",
        f"Problem: {theme / 'style.css'}, line {line + 1}: 'https://example.com/x.png' points "
        f"outside the theme; nextround loads nothing from the network or elsewhere on disk. "
        f"Copy the file into the theme folder and use a relative path."]


def test_generate_with_a_broken_theme_fails_cleanly(tmp_path):
    theme = broken_theme(tmp_path, "t", "plan.html.j2", "{{ s.measures }}", "{{ s.measurse }}")
    result = run("generate", *ARGS, "--theme", str(theme), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {theme / 'plan.html.j2'}, line ")
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


# --- the second theme, and preview ---------------------------------------------------------------


def test_classic_looks_different_and_fits(tmp_path):
    from conftest import pdf_pages

    result = run("generate", *ARGS, "--theme", "classic", "--format", "pdf",
                 "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    for path in map(Path, result.output.split()):
        assert pdf_pages(path) <= 2
        fonts = subprocess.run([need("pdffonts"), str(path)], capture_output=True,
                               text=True).stdout
        assert "Noto-Serif" in fonts and "Inter" not in fonts


def test_preview_writes_png_pages(tmp_path):
    need("pdftoppm")
    result = run("preview", "--theme", "classic", "--only", "plan", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    pages = [Path(p) for p in result.stdout.split()]
    assert [p.name for p in pages] == [f"plan-{n}.png" for n in range(1, len(pages) + 1)]
    assert 1 <= len(pages) <= 2
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pages)


def test_preview_without_pdftoppm_says_what_to_install(tmp_path, monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "pdftoppm"
                        else real_which(name))
    result = run("preview", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: preview needs pdftoppm, which is not installed: "
                                    "install poppler-utils")


# --- content packs ------------------------------------------------------------------------------

PACK_FAMILY = """\
id: executive-search
name: Executive search
examples: [Executive Search Consultant, Search Associate]
match: [executive search, search consultant, search associate]
phases:
  learn:
    theme: Learn the firm's searches, clients and candidate network
    actions:
      - Sit in on three client intake meetings for open searches
      - Map the candidate long-lists of two live searches
    deliverables: [A map of the live searches and where each one stands]
  contribute:
    theme: Run the research for one live search
    actions: [Build the long-list for one search with the partner]
    deliverables: [A long-list the partner presents to the client]
  own:
    theme: Own a search from intake to shortlist
    actions: [Present a shortlist to a client with the partner]
    deliverables: [One shortlist presented]
measures:
  - metric: Shortlist acceptance
    baseline: the firm's current rate
    target: at or above it by day 90
stakeholders:
  - role: Search partner
    why: which searches matter most and how clients like updates
"""


@pytest.fixture
def pack(tmp_path) -> Path:
    folder = tmp_path / "pack"
    (folder / "families").mkdir(parents=True)
    (folder / "families" / "executive-search.yaml").write_text(PACK_FAMILY)
    (folder / "questions.yaml").write_text(
        "sections:\n  - id: client\n    after: hiring_manager\n    title: For the client lead\n"
        "    audience: The partner who owns the client\n"
        "    questions: [\"Which of {company}'s clients matter most this year?\"]\n")
    return folder


def test_content_pack_family_is_listed_and_used(tmp_path, pack):
    listed = run("roles", "--content", str(pack))
    assert listed.exit_code == 0, listed.output
    from nextround.library import load_library

    assert ["executive-search", "Executive", "search"] in [
        line.split() for line in listed.stdout.splitlines()]
    assert f"{len(load_library().families) + 1} families" in listed.stdout
    result = run("generate", "--role", "Executive Search Consultant", "--company", "Hartley",
                 "--description", "Hartley is a search firm.", "--content", str(pack),
                 "--format", "pdf", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    plan, questions = (squash(pdf_text(Path(p))) for p in result.stdout.split())
    assert "Sit in on three client intake meetings" in plan
    assert "For the client lead" in questions
    assert "Which of Hartley's clients matter most this year?" in questions
    # explain reads the same pack, so it shows why the plan says what it says.
    args = ("explain", "--role", "Executive Search Consultant", "--company", "Hartley",
            "--description", "Hartley is a search firm.")
    explained = run(*args, "--content", str(pack))
    assert explained.exit_code == 0, explained.output
    assert "Family:    Executive search (executive-search)" in explained.stdout
    # The built-in library, loaded without the pack, is unchanged (no cache leak).
    plain = run("roles")
    assert "executive-search" not in plain.stdout
    assert "Family:    Consulting (consulting)" in run(*args).stdout


def test_theme_content_folder_is_a_pack(tmp_path, pack):
    theme = tmp_path / "firm"
    theme.mkdir()
    (theme / "theme.yaml").write_text("name: firm\n")
    shutil.copytree(pack, theme / "content")
    assert "executive-search" in run("roles", "--theme", str(theme)).stdout


@pytest.mark.parametrize(("path", "text", "message"), [
    ("families/executive-search.yaml", PACK_FAMILY.replace("measures:", "measure:"),
     "families/executive-search.yaml: missing 'measures'"),
    ("families/search.yaml", PACK_FAMILY,
     "families/search.yaml: id 'executive-search' must match the file name 'search'"),
    ("plan.yaml", "sections:\n  priorites: My bets\n",
     "plan.yaml: unknown field 'sections.priorites'; the fields here are understanding,"),
    ("plan.yaml", "title: [a, b]\n", "plan.yaml: title: expected a text, found a list"),
    ("questions.yaml", "sections:\n  - id: new\n    title: New\n",
     "questions.yaml: sections[0]: a new section needs audience, questions"),
    ("plan.yaml", "title: 'Plan for {firm}'\n", "plan.yaml: title: unknown placeholder {firm}"),
])
def test_bad_content_pack_names_file_and_field(tmp_path, path, text, message):
    folder = tmp_path / "pack"
    (folder / path).parent.mkdir(parents=True, exist_ok=True)
    (folder / path).write_text(text)
    result = run("roles", "--content", str(folder))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {folder.resolve() / path}: "
                                    f"{message.split(': ', 1)[1]}"), result.stderr


def test_preview_deletes_only_the_pictures_it_wrote(tmp_path):
    # Issue 15, item 5: `preview --out ~/Pictures` deleted the user's plan-7.png.
    need("pdftoppm")
    pictures = tmp_path / "Pictures"
    pictures.mkdir()
    for name in ("plan-7.png", "questions-3.png"):
        (pictures / name).write_bytes(b"\x89PNG the user's own")
    result = run("preview", "--only", "plan", "--out", str(pictures))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {str(pictures)!r} already holds other files, and preview writes into a "
        f"folder of its own (it replaces the pictures it wrote there before); nothing was "
        f"written. Choose a new or empty folder with --out.\n")
    assert sorted(p.name for p in pictures.iterdir()) == ["plan-7.png", "questions-3.png"]

    # In its own folder, a second preview replaces the first one's pages and nothing else.
    own = tmp_path / "preview"
    first = run("preview", "--out", str(own))
    assert first.exit_code == 0, first.output
    (own / "plan-7.png").write_bytes(b"\x89PNG put here by hand")
    second = run("preview", "--only", "plan", "--out", str(own))
    assert second.exit_code == 0, second.output
    plan_pages = sorted(Path(p).name for p in second.stdout.split())
    assert sorted(p.name for p in own.iterdir()) == sorted(
        [".nextround-preview.json", "plan-7.png", *plan_pages])
    assert (own / "plan-7.png").read_bytes() == b"\x89PNG put here by hand"


# --- the HTML handout is one self-contained file -------------------------------------------------


@pytest.mark.parametrize("theme", ["default", "classic"])
def test_html_is_one_file_that_opens_anywhere(tmp_path, theme):
    import base64
    import re

    logo = png(tmp_path / "logo.png", 200, 60, LOGO_RGB)
    result = run("generate", *ARGS, "--only", "plan", "--format", "html", "--theme", theme,
                 "--logo", str(logo), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    # Moved alone to another folder, as when it is mailed: nothing may point back.
    page = tmp_path / "elsewhere" / "plan.html"
    page.parent.mkdir()
    shutil.move(result.output.strip(), page)
    html = page.read_text(encoding="utf-8")
    assert "file:" not in html and "<link" not in html and "style.css" not in html
    assert str(tmp_path) not in html
    logo_uri = re.search(r'<img class="logo" src="data:image/png;base64,([^"]+)"', html)
    assert logo_uri and base64.b64decode(logo_uri.group(1)) == logo.read_bytes()
    fonts = re.findall(r'url\("data:font/woff;base64,([^"]+)"\)', html)
    assert len(fonts) == (4 if theme == "default" else 3)
    # A few hundred kilobytes, not the megabytes of whole fonts.
    assert len(html.encode("utf-8")) < 600_000
    # Drawn by a renderer that may fetch nothing: styles, theme fonts and logo all show.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class DataOnly(URLFetcher):
        asked: list[str] = []

        def fetch(self, url, headers=None):
            self.asked.append(url)
            return super().fetch(url, headers)

    pdf = tmp_path / "drawn.pdf"
    fetcher = DataOnly(allowed_protocols={"data"})
    HTML(string=html, url_fetcher=fetcher).write_pdf(pdf)
    assert fetcher.asked and all(url.startswith("data:") for url in fetcher.asked)
    embedded = subprocess.run([need("pdffonts"), str(pdf)], capture_output=True,
                              text=True).stdout
    assert ("Inter" if theme == "default" else "Noto-Serif") in embedded
    assert LOGO_RGB in page_colors(pdf, tmp_path)


def test_accent_color_reaches_every_colored_element(tmp_path):
    """The phase band and boxes, their tint, the kicker and the markers take the accent too: no
    color of the theme's own palette is left in the PDF or the Word file."""
    result = run("generate", *ARGS, "--only", "plan", "--format", "pdf,docx",
                 "--accent-color", "#0B8F3A", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    pdf, docx = (Path(p) for p in result.output.split())
    palette = ["1B3A5C", "3A7CA5", "2F6690", "16425B", "EEF3F8"]  # templates/default/theme.yaml

    def rgb(hex_: str) -> tuple[int, ...]:
        return tuple(int(hex_[i:i + 2], 16) for i in (0, 2, 4))

    def near(hex_: str) -> bool:  # pdftoppm may round a channel by a step or two
        return any(max(abs(a - b) for a, b in zip(rgb(hex_), color, strict=True)) <= 4
                   for color in drawn)

    # Every page: without the band above the phase rows, the third phase may open page 2.
    drawn = page_colors(pdf, tmp_path, every_page=True)
    assert [c for c in palette if rgb(c) in drawn] == []
    # The accent, its two darker shades and its pale wash.
    assert all(near(c) for c in ("0B8F3A", "097530", "075E26", "E7F4EB"))
    xml = "".join(docx_xml(docx, name) for name in ("word/document.xml", "word/styles.xml"))
    assert not [c for c in palette if c in xml]
    assert 'w:fill="097530"' in xml and 'w:fill="075E26"' in xml


SVG_LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">'
            '<rect width="300" height="100" fill="#D61F26"/></svg>')


def test_svg_logo_in_pdf_html_and_word(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text(SVG_LOGO)
    result = run("generate", *ARGS, "--only", "plan", "--format", "pdf,docx,html",
                 "--logo", str(logo), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    pdf, docx, html = (Path(p) for p in result.stdout.split())
    assert LOGO_RGB in page_colors(pdf, tmp_path)
    assert 'src="data:image/svg+xml;base64,' in html.read_text(encoding="utf-8")
    with zipfile.ZipFile(docx) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and archive.read(media[0]).startswith(b"\x89PNG")
    # LibreOffice draws it too (its PDF keeps pictures as JPEG: the red comes out near).
    (tmp_path / "lo").mkdir()
    drawn = page_colors(libreoffice_pdf(docx, tmp_path / "lo"), tmp_path / "lo")
    assert any(max(abs(a - b) for a, b in zip(LOGO_RGB, c, strict=True)) <= 8 for c in drawn)


def test_svg_logo_problems_are_clear_errors(tmp_path, monkeypatch):
    broken = tmp_path / "broken.svg"
    broken.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="10"')
    args = ("generate", *ARGS, "--only", "plan", "--format", "docx", "--out",
            str(tmp_path / "out"))
    result = run(*args, "--logo", str(broken))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: The SVG logo '{broken}' cannot be drawn (")
    assert result.stderr.endswith("Open it in an editor and save it again, or give a PNG.\n")
    not_svg = tmp_path / "photo.svg"
    not_svg.write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run(*args, "--logo", str(not_svg))
    assert result.stderr == f"Error: The logo file '{not_svg}' is not an SVG image.\n"
    # A logo holds everything it draws: a file or web address it names would be fetched by
    # whoever draws it (or left out), so it is refused before anything is written.
    for reference in ('<image href="file:///etc/hostname" width="10" height="10"/>',
                      '<style>@import "https://example.com/a.css";</style>',
                      '<rect width="9" height="9" style="fill: url(http://example.com/p#g)"/>'):
        linked = tmp_path / "linked.svg"
        linked.write_text(SVG_LOGO.replace("</svg>", reference + "</svg>"))
        result = run(*args, "--logo", str(linked))
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: The logo file '{linked}' refers to '"), reference
        assert result.stderr.endswith("outside the picture; a logo must hold everything it "
                                      "draws. Embed the picture or font in the SVG, or save "
                                      "the logo as a PNG.\n")
    external_entity = tmp_path / "entity.svg"
    entity = '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    external_entity.write_text(entity + SVG_LOGO.replace("</svg>", "<text>&x;</text></svg>"))
    result = run(*args, "--logo", str(external_entity))
    assert result.stderr.startswith(f"Error: The logo file '{external_entity}' refers to "
                                    f"'file:///etc/hostname'")
    assert not (tmp_path / "out").exists()
    # Without the cairo library (cairocffi cannot load it), Word cannot have the SVG.
    good = tmp_path / "logo.svg"
    good.write_text(SVG_LOGO)
    monkeypatch.setitem(__import__("sys").modules, "cairosvg", None)
    result = run(*args, "--logo", str(good))
    assert result.exit_code == 1
    assert "needs the cairo library: install it (Debian/Ubuntu: sudo apt-get install " \
           "libcairo2; macOS: brew install cairo), or give a PNG logo" in result.stderr
    assert not (tmp_path / "out").exists()


def test_html_fonts_are_cut_to_the_handout_s_letters_in_a_few_shared_cuts():
    import base64
    import io

    from fontTools.ttLib import TTFont

    from nextround.rendering.standalone import font_data_uri
    from nextround.themes import builtin_themes_dir

    inter = builtin_themes_dir() / "default" / "fonts" / "Inter-Regular.otf"

    def drawn(uri: str) -> set[int]:
        return set(TTFont(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).getBestCmap())

    latin = font_data_uri(inter, "Acme Grocers, Zoë Ñúñez")
    yoruba = font_data_uri(inter, "Ṣẹ́gun Ltd")
    assert ord("ë") in drawn(latin) and ord("ṣ") not in drawn(latin)
    assert {ord("ṣ"), ord("ẹ")} <= drawn(yoruba)
    # Another name from the same page of Unicode gets the very same cut (one cache entry).
    assert font_data_uri(inter, "Ọlọ́run") == yoruba
    # Characters the font cannot draw change nothing: the browser falls back for them.
    assert font_data_uri(inter, "漢字 Acme") == latin


def test_a_content_pack_adds_an_introduction_and_renames_labels(tmp_path):
    """Issue 16: an agency's pack may say a few words of its own under the subtitle and call
    the tables' columns what its clients call them, in the PDF and in Word alike."""
    folder = tmp_path / "agency"
    folder.mkdir()
    (folder / "plan.yaml").write_text(
        "introduction: Prepared with Northbridge Careers for your second interview.\n"
        "sections:\n  measure: Indicator\n  target: Goal by day 90\n")
    (folder / "questions.yaml").write_text(
        "introduction: Bring this sheet; write the answers down.\n"
        "labels:\n  who_i_meet: Your interview panel\n  cares: Their priorities\n")
    result = run("generate", "--role", "Data Analyst", "--company", "Acme Grocers",
                 "--description", "Acme Grocers runs 40 stores in Ohio.",
                 "--interviewer", "Sam Lee, VP Finance", "--content", str(folder),
                 "--format", "pdf,docx", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    files = {Path(p).name: Path(p) for p in result.stdout.split()}
    plan = squash(pdf_text(files["30-60-90-plan.pdf"]))
    sheet = squash(pdf_text(files["follow-up-questions.pdf"]))
    assert "Prepared with Northbridge Careers for your second interview." in plan
    assert "INDICATOR" in plan.upper() and "GOAL BY DAY 90" in plan.upper()
    assert "Bring this sheet; write the answers down." in sheet
    assert "Your interview panel" in sheet and "THEIR PRIORITIES" in sheet.upper()
    read = libreoffice_texts([files["30-60-90-plan.docx"], files["follow-up-questions.docx"]],
                             tmp_path)
    word = squash(read[files["30-60-90-plan.docx"]])
    assert "Prepared with Northbridge Careers" in word and "Goal by day 90" in word
    word_sheet = squash(read[files["follow-up-questions.docx"]])
    assert "Your interview panel" in word_sheet and "Their priorities" in word_sheet
