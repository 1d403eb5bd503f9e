"""`nextround generate` renders its two PDFs side by side in forked processes (pipeline.py).

The files, the warnings, the errors and Ctrl-C must be exactly what one process gives.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest
from conftest import IN_CI, SAMPLES, child_processes, pdf_text

from nextround import build_request, processes
from nextround.errors import ThemeError
from nextround.pipeline import render_files

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="side by side only on Linux")
# The command line forks only where a second core can work beside it.
two_cores = pytest.mark.skipif(not hasattr(os, "sched_getaffinity")
                               or len(os.sched_getaffinity(0)) < 2, reason="one core")

ARGS = ["--role", "Senior Data Engineer", "--company", "Acme Grocers",
        "--description-file", str(SAMPLES / "acme-grocers.txt"), "--date", "2026-11-26"]


@pytest.fixture
def forks(monkeypatch):
    """Two cores even on a one-core machine, and every fork counted."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    made: list[str] = []
    original = processes.Forked.__init__

    def counted(self, work, what):
        made.append(what)
        original(self, work, what)

    monkeypatch.setattr(processes.Forked, "__init__", counted)
    assert processes.can_fork()
    return made


def word_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


def assert_same_pdf(ours: bytes, theirs: bytes, name: str) -> None:
    """The same bytes where WeasyPrint cuts the fonts with HarfBuzz (libharfbuzz-subset0, in
    scripts/system-packages.txt). Without it WeasyPrint falls back to fontTools, and the bytes
    then differ from one rendering to the next (seen on a bare Debian 12): there the PDFs must
    show the same pages and text. In CI a missing HarfBuzz subsetter fails, as a missing tool
    does."""
    from pypdf import PdfReader
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset is not None and harfbuzz.hb_version_atleast(4, 1, 0):
        assert ours == theirs, name
        return
    if IN_CI:
        pytest.fail("HarfBuzz's subsetter is not installed; .ci/run must install it")
    ours_pages = [page.extract_text() for page in PdfReader(io.BytesIO(ours)).pages]
    theirs_pages = [page.extract_text() for page in PdfReader(io.BytesIO(theirs)).pages]
    assert ours_pages == theirs_pages, name


def test_side_by_side_files_are_the_files_one_process_makes(forks):
    request = build_request({"role": "Senior Data Engineer", "company": "Acme Grocers",
                             "description_file": str(SAMPLES / "acme-grocers.txt"),
                             "date": "2026-11-26", "formats": "pdf,docx,md"})
    alone = render_files(request)
    assert forks == []
    together = render_files(request, side_by_side=True)
    assert forks == [
        "the process rendering 30-60-90-plan.docx, 30-60-90-plan.md, "
        "follow-up-questions.docx, follow-up-questions.md",
        "the process rendering 30-60-90-plan.pdf"]
    assert list(together) == list(alone)
    for name, data in alone.items():
        if name.endswith(".docx"):  # a Word file's zip entries carry the time they were made
            assert word_xml(together[name]) == word_xml(data), name
        elif name.endswith(".pdf"):
            assert_same_pdf(together[name], data, name)
        else:
            assert together[name] == data, name


def test_pdfs_only_still_split_and_a_single_pdf_does_not(forks):
    request = build_request({"role": "Engineer", "company": "Acme", "description": "Acme.",
                             "formats": "pdf"})
    assert sorted(render_files(request, side_by_side=True)) == [
        "30-60-90-plan.pdf", "follow-up-questions.pdf"]
    assert forks == ["the process checking the fonts", "the process rendering 30-60-90-plan.pdf"]
    forks.clear()
    one = build_request({"role": "Engineer", "company": "Acme", "description": "Acme.",
                         "formats": "pdf,docx", "only": "plan"})
    assert sorted(render_files(one, side_by_side=True)) == ["30-60-90-plan.docx",
                                                            "30-60-90-plan.pdf"]
    assert forks == []


def nextround(*args: str, cwd: Path) -> subprocess.Popen:
    # Its own session, so a signal can go to the whole group, as Ctrl-C in a terminal does.
    return subprocess.Popen([sys.executable, "-c", "from nextround.cli import main; main()",
                             *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


@two_cores
def test_warnings_from_every_process_are_printed_once_each(tmp_path):
    # The glyph check runs in the first copy, the PDF warnings in the second and here.
    args = ["generate", "--role", "Engineer 🧿", "--company", "Acme",
            "--description", "Acme sells food.", "--font", "Helvetica Nowhere",
            "--out", str(tmp_path / "out"), "--force"]  # both runs write one folder
    together = nextround(*args, cwd=tmp_path)
    _, stderr = together.communicate(timeout=120)
    alone = subprocess.run([sys.executable, "-c", "from nextround.cli import main; main()",
                            "--debug", *args], cwd=tmp_path, capture_output=True, text=True)
    assert together.returncode == alone.returncode == 0, stderr
    assert "🧿 (U+1F9FF)" in stderr and "'Helvetica Nowhere' is not installed" in stderr
    assert sorted(stderr.splitlines()) == sorted(alone.stderr.splitlines())


@two_cores
def test_an_error_in_the_forked_process_is_the_same_plain_message(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text("name: broken\n", encoding="utf-8")
    (theme / "plan.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block content %}{{ doc.rol }}{% endblock %}',
        encoding="utf-8")
    request = build_request({"role": "Senior Data Engineer", "company": "Acme Grocers",
                             "description": "Acme.", "theme": str(theme)})
    with pytest.raises(ThemeError) as alone:
        render_files(request)
    assert "plan.html.j2, line 1: undefined variable 'doc.rol'" in str(alone.value)
    process = nextround("generate", "--role", "Senior Data Engineer", "--company",
                        "Acme Grocers", "--description", "Acme.", "--theme", str(theme),
                        "--out", "out", cwd=tmp_path)
    assert wait_for_a_child(process)
    stdout, stderr = process.communicate(timeout=120)
    assert (process.returncode, stdout, stderr) == (1, "", f"Error: {alone.value}\n")
    assert not (tmp_path / "out").exists()


def wait_for_a_child(process: subprocess.Popen) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if found := child_processes(process.pid):
            return min(found)
        time.sleep(0.005)
    pytest.fail("no process was forked")


@two_cores
def test_ctrl_c_while_rendering_side_by_side_leaves_nothing(tmp_path):
    process = nextround("generate", *ARGS, "--out", "out", cwd=tmp_path)
    child = wait_for_a_child(process)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == "Interrupted: no file was left half-written.\n"
    assert stdout == ""
    assert not (tmp_path / "out").exists()
    assert not Path(f"/proc/{child}").exists()


@two_cores
def test_a_forked_process_that_dies_is_reported_and_nothing_is_written(tmp_path):
    process = nextround("generate", *ARGS, "--out", "out", cwd=tmp_path)
    os.kill(wait_for_a_child(process), signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    assert stderr.startswith("Error: The process rendering ")
    assert stderr.endswith(" ended before it finished (it was stopped by SIGKILL). Nothing was "
                           "written; run the command again.\n")
    assert not (tmp_path / "out").exists()


@two_cores
def test_the_command_line_renders_side_by_side_and_the_pdfs_read_the_same(tmp_path):
    process = nextround("generate", *ARGS, "--format", "pdf", "--out", "out", cwd=tmp_path)
    assert wait_for_a_child(process)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    alone = subprocess.run([sys.executable, "-c", "from nextround.cli import main; main()",
                            "--debug", "generate", *ARGS, "--format", "pdf", "--out", "alone"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert alone.returncode == 0, alone.stderr
    for path in map(Path, stdout.split()):
        assert_same_pdf((tmp_path / path).read_bytes(),
                        (tmp_path / "alone" / path.parent.name / path.name).read_bytes(),
                        path.name)
        assert "30/60/90" in pdf_text(tmp_path / path) or "question" in pdf_text(
            tmp_path / path).lower()


@pytest.mark.parametrize("command", [
    ["generate", *ARGS, "--out", "out"],
    ["--debug", "generate", *ARGS, "--out", "out"],
    ["batch", str(SAMPLES / "candidates.csv"), "--limit", "4", "--jobs", "2", "--quiet",
     "--out", "out"],
], ids=["side-by-side", "one-process", "batch"])
def test_no_copy_of_the_theme_fonts_is_left_behind(tmp_path, command):
    # WeasyPrint copies the theme's font files into a temporary folder for as long as their
    # configuration lives; a process that leaves without letting go of it leaves the copies.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = subprocess.run([sys.executable, "-c", "from nextround.cli import main; main()",
                             *command], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "out").rglob("*.pdf"))
    assert list(temporary.iterdir()) == []


def test_a_ctrl_c_held_back_while_a_copy_starts_stops_that_copy(monkeypatch):
    # The held signal is delivered the moment the hold ends, before the copy is handed back:
    # a copy left running blocked on its answer, and the process waited for it at exit.
    @contextlib.contextmanager
    def interrupted_as_the_hold_ends():
        yield
        raise KeyboardInterrupt

    monkeypatch.setattr(processes, "ctrl_c_held", interrupted_as_the_hold_ends)
    started = []
    original = BaseProcess.start

    def start(self):
        original(self)
        started.append(self)

    monkeypatch.setattr(BaseProcess, "start", start)
    with pytest.raises(KeyboardInterrupt):
        processes.Forked(lambda: time.sleep(30), "the process sleeping")
    assert len(started) == 1
    assert started[0].exitcode == -signal.SIGKILL
    assert not Path(f"/proc/{started[0].pid}").exists()
