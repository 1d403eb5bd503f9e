"""Writing under pressure: a clear error or correct files, never a partial file under a final name
and never a .part file left behind.

Running as root, a read-only folder is still writable, so permission errors are simulated by
making the operating-system calls fail the way they would; a full disk likewise.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from output_checks import check_valid, leftovers

from nextround import writing
from nextround.cli import main
from nextround.errors import OutputError
from nextround.writing import write_atomic, write_files

ARGS = ["generate", "--role", "Data Engineer", "--company", "Acme",
        "--description", "Acme sells groceries online to 300 stores. We are growing fast."]


def run(*args: str):
    return CliRunner().invoke(main, [*ARGS, *args])


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_output_folder_that_is_a_file(tmp_path):
    out = tmp_path / "out"
    out.write_text("not a folder")
    result = run("--out", str(out), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: Cannot write {str(out / 'acme-data-engineer')!r}: part of "
                             f"the path is a file, not a folder.\n")
    assert result.stdout == "" and out.read_text() == "not a folder"


def test_request_folder_that_is_a_file(tmp_path):
    (tmp_path / "acme-data-engineer").write_text("in the way")
    result = run("--out", str(tmp_path), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: Cannot write to {str(tmp_path / 'acme-data-engineer')!r}: "
                             f"it is a file, not a folder.\n")
    assert everything_under(tmp_path) == ["acme-data-engineer"]


def test_a_final_name_taken_by_a_folder(tmp_path):
    folder = tmp_path / "acme-data-engineer"
    (folder / "30-60-90-plan.json").mkdir(parents=True)
    # --force: without it, generate stops earlier, at anything already under a final name.
    result = run("--out", str(tmp_path), "--format", "json", "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: Cannot write {str(folder / '30-60-90-plan.json')!r}")
    assert leftovers(tmp_path) == []


def test_read_only_output_folder(tmp_path, monkeypatch):
    """mkdir refused (EACCES), as on a folder the user may not write to."""
    def refuse(path, mode=0o777):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(os, "mkdir", refuse)
    result = run("--out", str(tmp_path / "locked"), "--format", "json")
    assert result.exit_code == 1
    folder = tmp_path / "locked" / "acme-data-engineer"
    assert result.stderr == f"Error: Cannot write {str(folder)!r}: permission denied.\n"
    assert everything_under(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_really_read_only_folder(tmp_path):
    folder = tmp_path / "acme-data-engineer"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run("--out", str(tmp_path), "--format", "json")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1 and "permission denied" in result.stderr
    assert everything_under(folder) == []


@pytest.mark.parametrize("code, reason", [
    (errno.EACCES, "permission denied"), (errno.EROFS, "the file system is read-only"),
    (errno.EDQUOT, "the disk quota is exceeded")])
def test_creating_the_temporary_file_refused(tmp_path, monkeypatch, code, reason):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("--out", str(tmp_path), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.endswith(f": {reason}.\n") and result.stderr.count("\n") == 1
    assert everything_under(tmp_path) == ["acme-data-engineer"]


class FullDisk:
    """os.fdopen's file, as on a disk with room for `whole` more files: the next write after
    those stores half its data and fails with ENOSPC, as a full disk does part-way through."""

    def __init__(self, whole: int):
        self.whole = whole
        self.real_fdopen = os.fdopen

    def __call__(self, fd, *args, **kwargs):
        handle = self.real_fdopen(fd, *args, **kwargs)
        disk = self

        class Writer:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def write(self, data):
                if disk.whole > 0:
                    disk.whole -= 1
                    return handle.write(data)
                handle.write(data[:len(data) // 2])
                handle.flush()
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            def __getattr__(self, name):
                return getattr(handle, name)

        return Writer()


def test_disk_full_part_way_through_a_file(tmp_path, monkeypatch):
    """The first file fits, the second fills the disk half-way: the first stays whole, the
    second never appears under its name, and no temporary file is left."""
    target = tmp_path / "acme-data-engineer"
    monkeypatch.setattr(os, "fdopen", FullDisk(whole=1))
    result = run("--out", str(tmp_path), "--format", "json,md", "--only", "plan")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr == (f"Error: Cannot write {str(target / '30-60-90-plan.md')!r}: the disk "
                             f"is full.\n")
    assert result.stdout == ""
    assert everything_under(target) == ["30-60-90-plan.json"]
    check_valid({"json": target / "30-60-90-plan.json"})
    assert leftovers(tmp_path) == []


def test_disk_full_keeps_the_previous_complete_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"%PDF- the complete old file")
    monkeypatch.setattr(os, "fdopen", FullDisk(whole=0))
    with pytest.raises(OutputError, match="the disk is full"):
        write_atomic(target, b"x" * 100_000)
    monkeypatch.undo()
    assert target.read_bytes() == b"%PDF- the complete old file"
    assert everything_under(tmp_path) == ["plan.pdf"]


def test_rename_that_fails_leaves_no_temporary_file(tmp_path, monkeypatch):
    def refuse(src, dst):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="Input/output error"):
        write_files(tmp_path / "x", {"a.json": b"{}"})
    monkeypatch.undo()
    assert everything_under(tmp_path) == ["x"]


def test_threads_writing_one_file_leave_one_whole_version(tmp_path):
    target = tmp_path / "plan.json"
    versions = [bytes([65 + i]) * (200_000 + i) for i in range(8)]
    threads = [threading.Thread(target=write_atomic, args=(target, v)) for v in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_bytes() in versions
    assert everything_under(tmp_path) == ["plan.json"]


def test_two_processes_generating_into_one_folder_at_once(tmp_path):
    """Both finish; every file is whole and valid; nothing temporary remains."""
    nextround = Path(sys.executable).with_name("nextround")
    command = [str(nextround), *ARGS, "--out", str(tmp_path), "--format", "pdf,docx,json",
               "--only", "plan", "--candidate", "Jo", "--force"]  # both may replace
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    assert outputs[0][0] == outputs[1][0] and len(outputs[0][0].splitlines()) == 3
    files = {Path(line).name: Path(line) for line in outputs[0][0].splitlines()}
    check_valid(files)
    assert everything_under(tmp_path / "acme-data-engineer-jo") == sorted(files)
    assert leftovers(tmp_path) == []


def test_temporary_files_are_hidden_and_marked(tmp_path, monkeypatch):
    """While a file is being written it has a hidden .part name beside its final name."""
    seen: list[str] = []
    real_replace = os.replace

    def watch(src, dst):
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", watch)
    writing.write_atomic(tmp_path / "plan.pdf", b"%PDF-")
    assert len(seen) == 1 and seen[0].startswith(".plan.pdf.") and seen[0].endswith(".part")


# -- settings files nested too deeply for their readers (issue 15, item 18) --------------------

DEEP = "[" * 100_000 + "]" * 100_000


def test_a_theme_nested_too_deeply_is_left_out_of_the_list_and_refused_by_name(
        tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    deep = tmp_path / "nextround" / "themes" / "deep"
    deep.mkdir(parents=True)
    (deep / "theme.yaml").write_text(f"name: deep\ncolors: {DEEP}\n", encoding="utf-8")
    listed = CliRunner().invoke(main, ["templates", "list"])
    assert listed.exit_code == 0, listed.output
    assert "default" in listed.stdout and "deep" not in listed.stdout.split()
    used = run("--theme", "deep", "--format", "md", "--out", str(tmp_path / "out"))
    assert used.exit_code == 1
    assert used.stderr == (f"Error: {deep / 'theme.yaml'}: nested too deeply to read (lists "
                           f"or mappings inside each other, hundreds of levels).\n")


def test_a_request_file_or_project_file_nested_too_deeply_is_a_clear_error(
        tmp_path, monkeypatch):
    request = tmp_path / "request.yaml"
    request.write_text(f"role: Engineer\ncompany: Acme\ninterviewers: {DEEP}\n",
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", "--from", str(request), "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: The request file {str(request)!r} is nested too deeply "
                             f"to read (lists or mappings inside each other, hundreds of "
                             f"levels).\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nextround.toml").write_text(f"footer = {DEEP}\n", encoding="utf-8")
    result = run("--format", "md", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {tmp_path / 'nextround.toml'}: nested too deeply to "
                             f"read (arrays or tables inside each other, hundreds of "
                             f"levels).\n")


@pytest.mark.parametrize("umask", [0o077, 0o002])
def test_written_files_follow_the_umask(tmp_path, umask):
    # Issue 15, item 19: every file was 0644, whatever the user's umask said.
    previous = os.umask(umask)
    try:
        result = run("--format", "md,json", "--out", str(tmp_path / "out"))
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    modes = {Path(p).stat().st_mode & 0o777 for p in result.stdout.split()}
    assert modes == {0o666 & ~umask}
