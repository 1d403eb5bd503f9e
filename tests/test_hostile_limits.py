"""The second round of hostile inputs (issue 15, items 6-16): nothing reaches outside its folder,
nothing hangs, nothing takes memory without bound.

Whatever could hang or exhaust memory runs as a separate `nextround` process under a timeout and
an address-space limit (RLIMIT_AS), and must end with a one-line message naming the file at
fault, in seconds.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from output_checks import leftovers

from nextround.cli import main
from nextround.errors import ThemeError
from nextround.rendering.budget import time_budget
from nextround.themes import builtin_themes_dir

ARGS = ["--role", "Data Engineer", "--company", "Acme",
        "--description", "Acme sells groceries online to 300 stores. We are growing fast."]
MEMORY = 1536 * 2**20  # a whole `generate` (WeasyPrint included) needs under 1 GB
SECRET = "oauth_token: gho_SECRET1234567890"


def nextround(*args: str, cwd: Path, timeout: float = 90, seconds: float | None = None,
              stdin: str | None = None) -> subprocess.CompletedProcess:
    """`nextround ARGS` in its own process, under MEMORY of address space and a timeout."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    env = dict(os.environ)
    if seconds is not None:
        env["NEXTROUND_RENDER_SECONDS"] = str(seconds)
    return subprocess.run([sys.executable, "-m", "nextround", *args], cwd=cwd, env=env,
                          preexec_fn=limit_memory, capture_output=True, text=True,
                          timeout=timeout, input=stdin)


def generate(*args: str):
    return CliRunner().invoke(main, ["generate", *ARGS, *args])


def theme_copy(folder: Path, name: str = "shared-theme") -> Path:
    theme = folder / name
    shutil.copytree(builtin_themes_dir() / "default", theme)
    return theme


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def png(path: Path, width: int, height: int) -> Path:
    """A PNG of these dimensions; 1-bit, so even 13000 x 13000 is a file of a few KB."""
    from PIL import Image

    Image.new("1", (width, height)).save(path)
    return path


# --- 6, 7: every file of a theme is the theme's own --------------------------------------------


def test_init_from_a_theme_with_a_link_out_copies_nothing(tmp_path):
    secret = tmp_path / "hosts.yml"
    secret.write_text(SECRET)
    evil = theme_copy(tmp_path, "evil")
    (evil / "notes.j2").symlink_to(secret)
    result = CliRunner().invoke(main, ["templates", "init", str(tmp_path / "mine"),
                                       "--from", str(evil)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {evil.resolve() / 'notes.j2'}: the file leads outside the "
                             f"theme folder (a symbolic link); themes may only use their own "
                             f"files.\n")
    assert not (tmp_path / "mine").exists()


@pytest.mark.parametrize("name", ["theme.yaml", "style.css", "fonts/Inter-Regular.otf",
                                  "plan.docx", "logo.png"])
def test_a_link_out_of_any_theme_file_is_refused(tmp_path, name):
    secret = tmp_path / "secret"
    secret.write_text(SECRET)
    theme = theme_copy(tmp_path)
    (theme / name).unlink(missing_ok=True)
    (theme / name).symlink_to(secret)
    if name == "theme.yaml":  # the token printed into the plan by a template
        (theme / "plan.md.j2").write_text('{{ theme["oauth_token"] }}')
    out = tmp_path / "out"
    result = generate("--theme", str(theme), "--out", str(out), "--format", "md,pdf,docx")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {theme.resolve() / name}: the file leads outside the theme "
                             f"folder (a symbolic link); themes may only use their own files.\n")
    assert everything_under(out) == []


def test_a_link_inside_the_theme_is_fine(tmp_path):
    theme = theme_copy(tmp_path)
    (theme / "plan.md.j2").rename(theme / "plan-text.md.j2")
    (theme / "plan.md.j2").symlink_to("plan-text.md.j2")
    result = generate("--theme", str(theme), "--out", str(tmp_path / "out"), "--format", "md")
    assert result.exit_code == 0, result.stderr


def test_a_fifo_in_a_theme_is_refused_at_once(tmp_path):
    theme = theme_copy(tmp_path)
    (theme / "style.css").unlink()
    os.mkfifo(theme / "style.css")
    result = nextround("generate", *ARGS, "--theme", str(theme), "--out", "out", "--format",
                       "pdf", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {theme / 'style.css'} is not a regular file (a device, a "
                             f"pipe or a socket); a theme holds only files.\n")


# --- 8: a theme's logo --------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["absolute", "climbing"])
def test_a_theme_logo_outside_the_theme_is_refused(tmp_path, where):
    picture = png(tmp_path / "private.png", 40, 20)
    theme = theme_copy(tmp_path)
    name = str(picture) if where == "absolute" else "../private.png"
    config = (theme / "theme.yaml").read_text().replace('logo: ""', f'logo: "{name}"')
    (theme / "theme.yaml").write_text(config)
    out = tmp_path / "out"
    result = generate("--theme", str(theme), "--out", str(out), "--format", "pdf,docx")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {theme.resolve() / 'theme.yaml'}: the logo {name!r} is "
                             f"outside the theme folder; themes may only use their own files. "
                             f"Copy the picture into the theme folder and name it relative to "
                             f"it.\n")
    assert everything_under(out) == []


def test_a_theme_logo_gets_the_checks_of_logo(tmp_path):
    theme = theme_copy(tmp_path)
    (theme / "logo.png").write_bytes(b"GIF89a not a png at all")
    config = (theme / "theme.yaml").read_text().replace('logo: ""', 'logo: "logo.png"')
    (theme / "theme.yaml").write_text(config)
    result = generate("--theme", str(theme), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert result.exit_code == 1
    assert result.stderr == "Error: The logo file 'logo.png' is not a PNG or JPEG image.\n"


# --- 9: one rule for paths named in files --------------------------------------------------------


def test_a_spreadsheet_logo_outside_its_folder_fails_its_row(tmp_path):
    png(tmp_path / "private.png", 40, 20)
    folder = tmp_path / "in"
    folder.mkdir()
    png(folder / "ours.png", 40, 20)
    sheet = folder / "sheet.csv"
    sheet.write_text("role,company,description,logo\n"
                     "Engineer,Acme,Acme sells groceries.,../private.png\n"
                     "Engineer,Beta,Beta sells groceries.,ours.png\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(sheet), "--out", str(out), "--format",
                                       "json", "--only", "plan", "--jobs", "1"])
    with open(out / "report.csv", encoding="utf-8-sig", newline="") as handle:
        report = [[r["row"], r["status"], r["error"]] for r in csv.DictReader(handle)]
    assert report == [
        ["2", "failed", f"The logo '../private.png' is outside the spreadsheet's folder; put it "
                        f"in {str(folder)!r} or a folder inside it, or allow its folder with "
                        f"--allow-dir."],
        ["3", "written", ""]]
    assert result.exit_code == 1


def test_a_project_file_logo_outside_its_folder_is_refused(tmp_path):
    png(tmp_path / "private.png", 40, 20)
    project = tmp_path / "project"
    project.mkdir()
    (project / "nextround.toml").write_text('logo = "../private.png"\n')
    result = nextround("generate", *ARGS, "--out", "out", "--format", "md", cwd=project)
    assert result.returncode == 1
    assert result.stderr == (f"Error: The logo '../private.png' is outside nextround.toml's "
                             f"folder; put it in {str(project)!r} or a folder inside it, or "
                             f"allow its folder with --allow-dir.\n")
    assert not (project / "out").exists()
    allowed = nextround("generate", *ARGS, "--out", "out", "--format", "md", "--allow-dir",
                        str(tmp_path), cwd=project)
    assert allowed.returncode == 0, allowed.stderr


def test_a_request_file_description_outside_its_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes about Acme, a grocer with 300 stores.")
    requests = tmp_path / "requests"
    requests.mkdir()
    (requests / "r.yaml").write_text("role: Data Engineer\ncompany: Acme\n"
                                     "description_file: ../secret.txt\n")
    result = generate("--from", str(requests / "r.yaml"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: The description file '../secret.txt' is outside the "
                             f"request file's folder; put it in {str(requests)!r} or a folder "
                             f"inside it, or allow its folder with --allow-dir.\n")


# --- 10: Word templates that would make Word fetch ------------------------------------------------


def linked_picture_template(path: Path, url: str) -> Path:
    """The default plan.docx with an external picture relationship added, as Word writes one
    for Insert > Pictures > Link to File."""
    source = builtin_themes_dir() / "default" / "plan.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/image" Target="' + url.encode() +
                    b'" TargetMode="External"/></Relationships>'))
            copy.writestr(item, data)
    return path


def test_a_word_template_with_an_external_link_is_refused(tmp_path):
    theme = theme_copy(tmp_path)
    url = "http://127.0.0.1:9/tracker.png"
    linked_picture_template(theme / "plan.docx", url)
    out = tmp_path / "out"
    message = (f"{theme.resolve() / 'plan.docx'}: the Word template links to {url!r}, outside the "
               f"document (word/_rels/document.xml.rels); Word would fetch it when the handout "
               f"is opened. Insert pictures into the document (not 'Link to File') and remove "
               f"links to other files or web pages.")
    result = generate("--theme", str(theme), "--out", str(out), "--format", "docx")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert everything_under(out) == []
    check = CliRunner().invoke(main, ["templates", "check", str(theme)])
    assert check.exit_code == 1
    assert f"Problem: {message}" in check.stdout.splitlines()


def test_the_word_files_written_have_no_external_relationship(tmp_path):
    result = generate("--out", str(tmp_path), "--format", "docx", "--logo",
                      str(png(tmp_path / "logo.png", 80, 40)))
    assert result.exit_code == 0, result.stderr
    for line in result.stdout.splitlines():
        with zipfile.ZipFile(line) as archive:
            for name in archive.namelist():
                if name.endswith(".rels"):
                    assert b"External" not in archive.read(name), name


# --- 11: files read whole, or never finished ------------------------------------------------------


@pytest.mark.parametrize("which", ["request file", "spreadsheet", "nextround.toml"])
def test_a_fifo_is_refused_at_once(tmp_path, which):
    name = {"request file": "request.yaml", "spreadsheet": "sheet.csv",
            "nextround.toml": "nextround.toml"}[which]
    os.mkfifo(tmp_path / name)
    if which == "request file":
        args = ["generate", "--from", name]
        message = f"The request file {name!r} is not a regular file"
    elif which == "spreadsheet":
        args = ["batch", name, "--dry-run"]
        message = f"The spreadsheet {name!r} is not a regular file"
    else:
        args = ["generate", *ARGS]
        message = f"{tmp_path / name} is not a regular file"
    result = nextround(*args, "--out", "out", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stderr == f"Error: {message} (a device, a pipe or a socket).\n"


def test_a_request_file_is_read_only_up_to_its_limit(tmp_path):
    (tmp_path / "request.yaml").symlink_to("/dev/zero")
    result = nextround("generate", "--from", "request.yaml", "--out", "out", cwd=tmp_path,
                       timeout=60)
    assert result.returncode == 1
    assert result.stderr == ("Error: The request file 'request.yaml' is not a regular file (a "
                             "device, a pipe or a socket).\n")
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:  # sparse: 3 GB that take no disk
        handle.truncate(3 * 2**30)
    result = nextround("generate", "--from", "big.yaml", "--out", "out", cwd=tmp_path,
                       timeout=60)
    assert result.returncode == 1
    assert result.stderr == "Error: The request file 'big.yaml' is over 1 MB, the limit for it.\n"


# --- 12: big cells in .xlsx and JSON Lines --------------------------------------------------------


def workbook_with_a_huge_cell(path: Path, megabytes: int) -> Path:
    """An .xlsx whose one description cell holds `megabytes` MB (a few hundred KB zipped)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["role", "company", "description"])
    book.active.append(["Engineer", "Acme", "PLACEHOLDER"])
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as original, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item)
            if b"PLACEHOLDER" not in data:
                copy.writestr(item, data)
                continue
            before, after = data.split(b"PLACEHOLDER")
            with copy.open(item.filename, "w", force_zip64=True) as stream:
                stream.write(before)
                for _ in range(megabytes):
                    stream.write(b"x" * 2**20)
                stream.write(after)
    return path


@pytest.mark.parametrize("megabytes", [50, 400])
def test_an_xlsx_cell_of_many_megabytes(tmp_path, megabytes):
    workbook_with_a_huge_cell(tmp_path / "sheet.xlsx", megabytes)
    assert (tmp_path / "sheet.xlsx").stat().st_size < 1_000_000
    result = nextround("batch", "sheet.xlsx", "--out", "out", "--format", "json", cwd=tmp_path,
                       timeout=120)
    assert result.returncode == 1
    assert result.stderr == ("Error: The spreadsheet 'sheet.xlsx' has a cell longer than 16 MB "
                             "(in xl/worksheets/sheet1.xml); a row holds a few fields, not a "
                             "document.\n")
    assert not (tmp_path / "out").exists()


def test_a_json_line_of_hundreds_of_megabytes_fails_alone(tmp_path):
    sheet = tmp_path / "sheet.jsonl"
    with open(sheet, "w") as handle:
        handle.write('{"role": "Engineer", "company": "Acme", "description": "Acme sells."}\n')
        handle.write('{"role": "Engineer", "company": "Beta", "description": "')
        for _ in range(400):
            handle.write("x" * 2**20)
        handle.write('"}\n{"role": "Engineer", "company": "Gamma", "description": "Gamma."}\n')
    result = nextround("batch", "sheet.jsonl", "--out", "out", "--format", "json", "--only",
                       "plan", "--jobs", "1", cwd=tmp_path, timeout=120)
    assert result.returncode == 1, result.stderr
    with open(tmp_path / "out" / "report.csv", encoding="utf-8-sig", newline="") as handle:
        report = [[r["row"], r["status"], r["error"]] for r in csv.DictReader(handle)]
    assert report == [["1", "written", ""],
                      ["2", "failed", "Line 2 is longer than 16 MB; a row holds a few fields, "
                                      "not a document."],
                      ["3", "written", ""]]


# --- 13: a Word template that unpacks to gigabytes ------------------------------------------------


def test_a_word_template_of_millions_of_paragraphs(tmp_path):
    theme = theme_copy(tmp_path)
    source = builtin_themes_dir() / "default" / "plan.docx"
    with zipfile.ZipFile(source) as original, \
            zipfile.ZipFile(theme / "plan.docx", "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            if item.filename != "word/document.xml":
                copy.writestr(item, original.read(item))
                continue
            head, _, tail = original.read(item).partition(b"<w:body>")
            with copy.open(item.filename, "w", force_zip64=True) as stream:
                stream.write(head + b"<w:body>")
                for _ in range(70):  # 70 million empty paragraphs
                    stream.write(b"<w:p/>" * 1_000_000)
                stream.write(tail)
    assert (theme / "plan.docx").stat().st_size < 2_000_000
    result = nextround("generate", *ARGS, "--theme", str(theme), "--out", "out", "--format",
                       "docx", "--only", "plan", cwd=tmp_path, timeout=120)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {theme.resolve() / 'plan.docx'} unpacks to 420 MB (the "
                             f"limit is 50 MB): it is not an ordinary Word document. Save it "
                             f"again from Word or LibreOffice.\n")
    assert not (tmp_path / "out").exists()


# --- 14: the template sandbox's bounds ------------------------------------------------------------

SANDBOX_CASES = {
    "power-tower": ("{% set x = ((((9**64)**64)**64)**64)**64 %}",
                    "numbers over 100 digits are not allowed"),
    "lipsum": ("{{ lipsum(2000000) }}",
               "lipsum above 20 paragraphs of 100 words is not allowed"),
    "center-filter": ("{{ 'x'|center(2000000000) }}", "widths above 10,000 are not allowed"),
    "center-method": ("{{ 'x'.center(2000000000) }}", "widths above 10,000 are not allowed"),
    "format-width": ("{{ '{:>2000000000}'.format('x') }}",
                     "format widths above 10,000 are not allowed"),
    "percent-width": ("{{ '%2000000000s' % 'x' }}", "format widths above 10,000 are not allowed"),
    "doubling": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                 "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                 "text longer than 1,000,000 characters is not allowed"),
    "output": ("{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}",
               "output longer than 1,000,000 characters is not allowed"),
    "list-doubling": ("{% set l = [1] %}{% for i in range(64) %}{{ l.extend(l) }}{% endfor %}",
                      "access to attribute 'extend' of 'list' object is unsafe"),
}


@pytest.mark.parametrize("case", SANDBOX_CASES, ids=list(SANDBOX_CASES))
def test_a_template_that_would_exhaust_the_machine(tmp_path, case):
    text, reason = SANDBOX_CASES[case]
    theme = theme_copy(tmp_path)
    (theme / "plan.md.j2").write_text(text + "\n" + (theme / "plan.md.j2").read_text())
    result = nextround("generate", *ARGS, "--theme", str(theme), "--out", "out", "--format",
                       "md", "--only", "plan", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    # The output's size is known only as it is joined, past every line of the template.
    at = "" if case == "output" else ", line 1"
    assert result.stderr == (f"Error: {theme.resolve() / 'plan.md.j2'}{at}: the theme tried "
                             f"something templates may not do ({reason}). Themes are "
                             f"sandboxed: they lay out the handout's data, nothing more.\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("template", ["plan.md.j2", "plan.docx"])
def test_loops_in_loops_stop_at_the_time_budget(tmp_path, template):
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    theme = theme_copy(tmp_path)
    if template == "plan.docx":
        import docx

        word = docx.Document()
        word.add_paragraph(loops)
        word.save(theme / "plan.docx")
    else:
        (theme / template).write_text(loops)
    result = nextround("generate", *ARGS, "--theme", str(theme), "--out", "out", "--format",
                       template.split(".")[1], "--only", "plan", cwd=tmp_path, timeout=60,
                       seconds=2)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {theme.resolve() / template} took longer than 2 seconds "
                             f"to render; look for loops inside loops over long ranges, and "
                             f"make them smaller.\n")
    assert not (tmp_path / "out").exists()


# --- 15: stylesheets and SVG that recurse ---------------------------------------------------------


def test_a_stylesheet_that_imports_itself(tmp_path):
    theme = theme_copy(tmp_path)
    css = theme / "style.css"
    css.write_text('@import "style.css";\n@import "style.css";\n' + css.read_text())
    result = nextround("generate", *ARGS, "--theme", str(theme), "--out", "out", "--format",
                       "pdf", "--only", "plan", cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"Warning: The stylesheet {css.resolve()} is imported more than once in one document (it "
        f"imports itself, directly or through another); the repeat was left out.")
    assert Path(tmp_path / result.stdout.strip()).read_bytes().startswith(b"%PDF")


def nested_use_svg(levels: int, copies: int) -> str:
    groups = ['<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels + 1):
        uses = f'<use xlink:href="#l{level - 1}"/>' * copies
        groups.append(f'<g id="l{level}">{uses}</g>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="100" height="100"><defs>{"".join(groups)}</defs>'
            f'<use xlink:href="#l{levels}"/></svg>')


def test_an_svg_of_nested_use(tmp_path):
    theme = theme_copy(tmp_path)
    (theme / "bomb.svg").write_text(nested_use_svg(8, 10))
    css = theme / "style.css"
    css.write_text(css.read_text() + "\nbody { background: url(bomb.svg) no-repeat; }\n")
    result = nextround("generate", *ARGS, "--theme", str(theme), "--out", "out", "--format",
                       "pdf", "--only", "plan", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {theme / 'bomb.svg'}: its <use> elements nest into more "
                             f"than 10,000 copies; draw the picture with fewer levels of "
                             f"<use>.\n")
    assert not (tmp_path / "out").exists()


def test_a_time_out_swallowed_by_a_library_still_stops_the_handout(monkeypatch):
    """WeasyPrint catches BaseException around each SVG picture it draws; the out-of-time
    raise is lost there, and before this check the handout was written without the picture."""
    monkeypatch.setenv("NEXTROUND_RENDER_SECONDS", "0.2")
    with pytest.raises(ThemeError, match=r"^the plan took longer than 0.2 seconds to render"), \
            time_budget("the plan", "advice"):
        end = time.monotonic() + 0.6
        while time.monotonic() < end:
            with contextlib.suppress(BaseException):  # as the library does
                time.sleep(0.01)


def test_a_slow_picture_stops_at_the_time_budget(tmp_path):
    """An SVG drawn inline by a template escapes the theme-file check; the budget stops it."""
    theme = theme_copy(tmp_path)
    base = theme / "base.html.j2"
    # Three pictures of a million <use> each: seconds of drawing, where the plan alone takes
    # a fraction of one. WeasyPrint draws each inside `except BaseException` and skips the
    # one interrupted: the budget must stop the handout all the same.
    svg = nested_use_svg(6, 10).replace("<svg ", '<svg style="width:1cm;height:1cm" ')
    base.write_text(base.read_text().replace("<body>", "<body>" + svg * 3, 1))
    result = nextround("generate", *ARGS, "--theme", str(theme), "--out", "out", "--format",
                       "pdf", "--only", "plan", cwd=tmp_path, timeout=60, seconds=1)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {theme.resolve()}: the PDF of the plan took longer than 1 "
                             f"seconds to render; look for SVG pictures that nest <use> many "
                             f"levels deep, or for a very large or deeply nested stylesheet or "
                             f"template.\n")
    assert not (tmp_path / "out").exists()


# --- 16: a logo of millions of pixels -------------------------------------------------------------


@pytest.mark.parametrize("side", [13000, 20000])
def test_a_logo_of_too_many_pixels(tmp_path, side):
    logo = png(tmp_path / "logo.png", side, side)
    assert logo.stat().st_size < 100_000
    result = nextround("generate", *ARGS, "--logo", "logo.png", "--out", "out", "--format",
                       "pdf,docx", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (f"Error: The logo file 'logo.png' is {side:,} x {side:,} pixels; "
                             f"the limit is 16 million pixels (4000 x 4000). Save a smaller "
                             f"image.\n")
    assert not (tmp_path / "out").exists()


def test_a_theme_picture_of_too_many_pixels(tmp_path):
    theme = theme_copy(tmp_path)
    png(theme / "texture.png", 13000, 13000)
    result = generate("--theme", str(theme), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {theme / 'texture.png'} is 13,000 x 13,000 pixels; the "
                             f"limit is 16 million pixels (4000 x 4000). Save a smaller image.\n")
    assert leftovers(tmp_path) == []
