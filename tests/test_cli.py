"""The command line through Click's runner: what it prints, its exit codes, its messages."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from nextround.cli import main

ARGS = ["--role", "Senior Data Engineer", "--company", "Acme Grocers",
        "--description-file", str(SAMPLES / "acme-grocers.txt")]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_generate_prints_only_the_four_paths(tmp_path):
    result = run("generate", *ARGS, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    folder = tmp_path / "acme-grocers-senior-data-engineer"
    assert lines == [str(folder / n) for n in (
        "30-60-90-plan.pdf", "30-60-90-plan.docx",
        "follow-up-questions.pdf", "follow-up-questions.docx")]
    assert all(Path(line).is_file() for line in lines)
    assert files_under(tmp_path) == sorted(str(Path(p).relative_to(tmp_path)) for p in lines)


def test_only_and_format_choose_the_files(tmp_path):
    result = run("generate", *ARGS, "--out", str(tmp_path), "--only", "questions",
                 "--format", "md,json")
    assert result.exit_code == 0, result.output
    assert [Path(p).name for p in result.stdout.splitlines()] == [
        "follow-up-questions.md", "follow-up-questions.json"]


def test_a_repeated_format_adds_to_the_list(tmp_path):
    """"--format md --format json" means both, as "--format md,json" does: not only the last."""
    result = run("generate", *ARGS, "--out", str(tmp_path), "--only", "plan",
                 "--format", "md", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [Path(p).name for p in result.stdout.splitlines()] == [
        "30-60-90-plan.md", "30-60-90-plan.json"]
    assert list(tmp_path.glob("*/30-60-90-plan.md")) and list(tmp_path.glob("*/30-60-90-plan.json"))


def test_description_from_standard_input(tmp_path):
    text = (SAMPLES / "acme-grocers.txt").read_text(encoding="utf-8")
    result = run("generate", "--role", "Data Engineer", "--company", "Acme Grocers",
                 "--description-file", "-", "--format", "json", "--out", str(tmp_path),
                 input=text)
    assert result.exit_code == 0, result.output
    assert "Teradata" in Path(result.stdout.splitlines()[0]).read_text(encoding="utf-8")


def test_request_file(tmp_path):
    result = run("generate", "--from", str(SAMPLES / "acme-grocers.yaml"), "--format", "json",
                 "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


def test_missing_description_is_a_clear_error(tmp_path):
    result = run("generate", "--role", "Engineer", "--company", "Acme", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: The company description is missing or empty")
    assert "Traceback" not in result.output
    assert files_under(tmp_path) == []


def test_missing_role_names_the_field(tmp_path):
    result = run("generate", "--company", "Acme", "--description", "We sell things.",
                 "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == ("Error: The role is missing: give it with --role "
                             "(or 'role:' in a file).\n")


def test_description_file_that_does_not_exist(tmp_path):
    result = run("generate", "--role", "Engineer", "--company", "Acme",
                 "--description-file", str(tmp_path / "nope.txt"), "--out", str(tmp_path))
    assert result.exit_code == 1
    missing = tmp_path / "nope.txt"
    assert result.stderr == f"Error: The description file '{missing}' does not exist.\n"


def test_unreadable_description_file(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("We sell things.")
    secret.chmod(0)
    if os.access(secret, os.R_OK):  # root reads anything: make the read fail as it would
        real_open = os.open

        def refuse(path, *args, **kwargs):
            if str(path) == str(secret):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    result = run("generate", "--role", "Engineer", "--company", "Acme",
                 "--description-file", str(secret), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: The description file '{secret}' cannot be read: "
                             f"Permission denied.\n")


def test_description_file_that_is_a_folder(tmp_path):
    result = run("generate", "--role", "Engineer", "--company", "Acme",
                 "--description-file", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: The description file '{tmp_path}' is a folder, not a file.\n"


def test_unknown_theme(tmp_path):
    result = run("generate", *ARGS, "--theme", "neon", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Unknown theme 'neon': give a built-in theme name "
                                    "(default")
    assert files_under(tmp_path) == []


def test_output_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("I am a file")
    result = run("generate", *ARGS, "--out", str(blocker))
    assert result.exit_code == 1
    assert "is a file, not a folder" in result.stderr or "part of the path is a file" in \
        result.stderr
    assert "Traceback" not in result.output
    assert blocker.read_text() == "I am a file"


def test_unwritable_output_folder_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "acme-grocers-senior-data-engineer"
    target.mkdir()
    target.chmod(0o500)
    if os.access(target, os.W_OK):  # root writes anywhere: refuse the way the OS would
        real_mkstemp = tempfile.mkstemp

        def refuse(*args, dir=None, **kwargs):
            if dir is not None and Path(dir) == target:
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_mkstemp(*args, dir=dir, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        result = run("generate", *ARGS, "--out", str(tmp_path))
        assert result.exit_code == 1
        assert result.stderr == (f"Error: Cannot write '{target / '30-60-90-plan.pdf'}': "
                                 f"permission denied.\n")
        assert list(target.iterdir()) == []
    finally:
        target.chmod(0o700)


def test_bad_choices_are_usage_errors(tmp_path):
    result = run("generate", *ARGS, "--paper", "legal", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "Invalid value for '--paper'" in result.stderr
    result = run("generate", *ARGS, "--format", "pdf,rtf", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == "Error: Unknown format 'rtf': choose from pdf, docx, html, md, json.\n"


def test_bad_start_date(tmp_path):
    result = run("generate", *ARGS, "--start-date", "next monday", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == ("Error: The start date 'next monday' is not a date: use "
                             "YYYY-MM-DD, for example 2027-01-04.\n")


def test_description_over_the_limit(tmp_path):
    result = run("generate", "--role", "Engineer", "--company", "Acme",
                 "--description", "word " * 5000, "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "the limit is 20,000" in result.stderr


def test_help_reads_well():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("generate", "explain", "roles"):
        assert command in result.stdout
    result = run("generate", "--help")
    assert "--description-file" in result.stdout and "--paper [letter|a4]" in result.stdout


def test_explain_shows_findings_and_their_cues():
    result = run("explain", *ARGS)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Seniority: Senior / lead (senior), from 'senior'" in out
    assert "Regulation: PCI DSS" in out
    assert "Ownership: Family-owned, from 'family-owned'" in out
    assert "Migration: the migration to Snowflake, from 'migrating our data warehouse" in out
    # The perks list says "remote-work stipend": boilerplate, never a work-mode signal.
    assert "Work mode: Remote" not in out
    assert "Work mode: Hybrid" in out


def test_roles_lists_families():
    result = run("roles")
    assert result.exit_code == 0
    assert "software-engineering" in result.stdout


def test_formats_in_a_request_file_are_used(tmp_path):
    request = tmp_path / "request.yaml"
    request.write_text(f"role: Data Engineer\ncompany: Acme Grocers\n"
                       f"description_file: {SAMPLES / 'acme-grocers.txt'}\nformats: [md]\n",
                       encoding="utf-8")
    # The description file is outside the request file's folder: allowed on the command line.
    result = run("generate", "--from", str(request), "--out", str(tmp_path / "out"),
                 "--allow-dir", str(SAMPLES))
    assert result.exit_code == 0, result.output
    assert [Path(p).name for p in result.stdout.splitlines()] == [
        "30-60-90-plan.md", "follow-up-questions.md"]


# -- the installed program: `run` leaves at once after the command, without Python's teardown --

PROGRAM = Path(sys.executable).parent / "nextround"


def program(*args: str, cwd: Path, **options) -> subprocess.CompletedProcess:
    return subprocess.run([str(PROGRAM), *args], cwd=cwd, capture_output=True, text=True,
                          **options)


def test_the_program_says_everything_and_exits_with_the_command_s_code(tmp_path):
    done = program("generate", *ARGS, "--out", "out", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert [Path(p).name for p in done.stdout.splitlines()] == [
        "30-60-90-plan.pdf", "30-60-90-plan.docx",
        "follow-up-questions.pdf", "follow-up-questions.docx"]
    assert all((tmp_path / p).stat().st_size > 1000 for p in done.stdout.splitlines())
    failed = program("generate", "--role", "Engineer", "--company", "Acme", cwd=tmp_path)
    assert failed.returncode == 1
    assert failed.stderr.startswith("Error: The company description is missing or empty")
    misused = program("generate", "--colour", "red", cwd=tmp_path)
    assert misused.returncode == 2 and "No such option '--colour'" in misused.stderr
    assert program("--version", cwd=tmp_path).stdout.startswith("nextround, version ")


def test_the_program_leaves_no_copy_of_the_theme_fonts(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    for debug in ([], ["--debug"]):  # side by side, then in one process
        done = program(*debug, "generate", *ARGS, "--format", "pdf", "--out", "out",
                       "--force", cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr
    assert list(temporary.iterdir()) == []


def test_generate_never_replaces_handouts_without_force(tmp_path):
    # Issue 15, item 4: Bob's run replaced Alice's handouts, and C++ and C# shared a folder.
    fast = ["--format", "md", "--out", str(tmp_path)]
    alice = run("generate", *ARGS, *fast, "--candidate", "Alice Smith")
    bob = run("generate", *ARGS, *fast, "--candidate", "Bob Jones")
    assert alice.exit_code == bob.exit_code == 0, alice.output + bob.output
    folders = sorted(p.name for p in tmp_path.iterdir())
    assert folders == ["acme-grocers-senior-data-engineer-alice-smith",
                       "acme-grocers-senior-data-engineer-bob-jones"]
    alices = tmp_path / folders[0] / "30-60-90-plan.md"
    assert "Alice Smith" in alices.read_text(encoding="utf-8")

    before = alices.read_bytes()
    again = run("generate", *ARGS, *fast, "--candidate", "Alice Smith", "--date", "2030-01-01")
    assert again.exit_code == 1
    assert again.stderr == (
        f"Error: {str(tmp_path / folders[0])!r} already holds 30-60-90-plan.md, "
        f"follow-up-questions.md from an earlier run; nothing was written. Add --force to "
        f"replace them, or choose another folder with --out.\n")
    assert alices.read_bytes() == before
    forced = run("generate", *ARGS, *fast, "--candidate", "Alice Smith", "--date",
                 "2030-01-01", "--force")
    assert forced.exit_code == 0, forced.output
    assert alices.read_bytes() != before

    for title in ("C++ Developer", "C# Developer"):
        result = run("generate", "--role", title, "--company", "Acme", "--description",
                     "Acme sells groceries.", "--format", "md", "--out", str(tmp_path / "c"))
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == [
        "acme-c-plus-plus-developer", "acme-c-sharp-developer"]


# -- conventions -----------------------------------------------------------------------------


def _commands(group, path=()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))


def test_every_command_shows_an_example_in_its_help():
    from nextround.cli import main

    names = []
    for path, _ in _commands(main):
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        if "Example" not in result.stdout or f"nextround {' '.join(path)}" not in result.stdout:
            names.append(" ".join(path))
    assert names == []


@pytest.mark.parametrize("shell,marker", [("bash", "complete -o nosort -F"),
                                          ("zsh", "compdef _nextround_completion nextround"),
                                          ("fish", "complete --no-files --command nextround")])
def test_completion_prints_the_shell_s_script(shell, marker):
    result = run("completion", shell)
    assert result.exit_code == 0
    assert marker in result.stdout and "_NEXTROUND_COMPLETE" in result.stdout


def test_completion_script_completes_commands_and_options(tmp_path):
    """bash, with the script loaded, asks the installed nextround and gets real answers."""
    import shutil
    import subprocess

    bash = shutil.which("bash")
    program = shutil.which("nextround", path=str(Path(sys.executable).parent))
    if not bash or not program:
        pytest.skip("needs bash and the installed nextround")
    script = subprocess.run([program, "completion", "bash"], capture_output=True, text=True,
                            check=True).stdout
    probe = (f'{script}\nCOMPREPLY=(); COMP_WORDS=(nextround ba); COMP_CWORD=1; '
             f'_nextround_completion nextround; echo "${{COMPREPLY[@]}}"\n'
             f'COMPREPLY=(); COMP_WORDS=(nextround batch --date-); COMP_CWORD=2; '
             f'_nextround_completion nextround; echo "${{COMPREPLY[@]}}"\n')
    env = {**os.environ, "PATH": f"{Path(program).parent}:{os.environ['PATH']}"}
    out = subprocess.run([bash, "--norc", "-c", probe], capture_output=True, text=True,
                         env=env, timeout=60).stdout.splitlines()
    assert out == ["batch", "--date-order"]
