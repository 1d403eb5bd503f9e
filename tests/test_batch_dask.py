"""nextround batch --scheduler: rows on a real Dask cluster (issue 17, items 3 and 4).

A LocalCluster of worker processes, and a scheduler and two workers started as separate `dask`
command processes on 127.0.0.1: the files and the report must be those of a local run; a
worker killed mid-run is survived; Ctrl-C and a killed client resume as locally.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, child_processes
from test_batch import DESCRIPTION, _start, _tree, _wait_for_rows, report, write_csv

from nextround.cli import main

pytest.importorskip("distributed")
LINUX = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
BIN = Path(sys.executable).parent


def batch(*args: str, cwd: Path, connect_seconds: float | None = None
          ) -> subprocess.CompletedProcess:
    """`nextround batch ARGS` in its own process; connect_seconds, when given, in place of
    the 10 seconds it gives a scheduler to answer (a test of the failure need not wait that
    long for it: the message is the same)."""
    shorter = "" if connect_seconds is None else (
        f"import nextround.batch.cluster as c; c.CONNECT_SECONDS = {connect_seconds}; ")
    return subprocess.run([sys.executable, "-c", shorter + "from nextround.cli import main; main()",
                           "batch", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def rows_of(out: Path) -> list[tuple]:
    """The report with the folders relative to --out (given as a relative path, its name):
    what must match a local run."""
    return [(r["row"], r["status"], r["folder"] and Path(r["folder"]).relative_to(out.name),
             r["files"], r["error"], r["warnings"]) for r in report(out)]


def same_files(a: Path, b: Path) -> None:
    """Every file alike: PDFs byte for byte, Word files part for part (a zip's entries carry
    the time they were written)."""
    left, right = _tree(a), _tree(b)
    assert sorted(left) == sorted(right)
    for name in left:
        if name.endswith(".docx"):
            with zipfile.ZipFile(a / name) as x, zipfile.ZipFile(b / name) as y:
                assert {i: x.read(i) for i in x.namelist()} == \
                       {i: y.read(i) for i in y.namelist()}, name
        else:
            assert left[name] == right[name], name


def _rows(tmp_path: Path, count: int) -> Path:
    rows = [["role", "company", "description", "date"]] + [
        ["Engineer", f"Company {i}", DESCRIPTION, "2026-11-25"] for i in range(count)]
    return write_csv(tmp_path / "c.csv", rows)


def test_without_dask_the_option_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import` sees when absent
    result = CliRunner().invoke(main, ["batch", str(SAMPLES / "candidates.csv"), "--out",
                                       str(tmp_path / "out"), "--scheduler", "local"])
    assert result.exit_code == 1
    assert result.output == ('Error: --scheduler needs Dask, which is not installed: '
                             'pip install "nextround[dask]"\n')
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_one_plain_line(tmp_path):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    result = batch(str(_rows(tmp_path, 2)), "--out", str(tmp_path / "out"), "--scheduler",
                   f"tcp://127.0.0.1:{port}", cwd=tmp_path, connect_seconds=2)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: Cannot reach the Dask scheduler at "
                                    f"'tcp://127.0.0.1:{port}'")
    assert "--scheduler local" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_sample_sheet_on_a_local_cluster_matches_a_local_run(tmp_path):
    sheet = str(SAMPLES / "candidates.csv")
    common = ["--limit", "9", "--jobs", "2"]  # rows 2 to 10; row 10 is broken
    local = batch(sheet, *common, "--out", "local", cwd=tmp_path)
    cluster = batch(sheet, *common, "--out", "cluster", "--scheduler", "local", cwd=tmp_path)
    assert local.returncode == cluster.returncode == 1, cluster.stderr
    assert cluster.stdout == local.stdout.replace("local/", "cluster/")
    assert cluster.stdout.startswith("8 written, 1 failed")
    assert "warn" not in cluster.stderr.lower() and "Traceback" not in cluster.stderr
    assert rows_of(tmp_path / "cluster") == rows_of(tmp_path / "local")
    same_files(tmp_path / "local", tmp_path / "cluster")


@LINUX
def test_ctrl_c_on_a_local_cluster_lets_rows_finish_and_resume_finishes_the_rest(tmp_path):
    sheet = _rows(tmp_path, 30)
    args = [str(sheet), "--format", "pdf", "--only", "plan", "--jobs", "2"]
    out = tmp_path / "out"
    process = _start([*args, "--out", str(out), "--scheduler", "local"], tmp_path)
    _wait_for_rows(out, 3, process)
    os.killpg(process.pid, signal.SIGINT)  # the whole group, as Ctrl-C at a terminal
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    last = stderr.rstrip().splitlines()[-1]  # after the progress lines
    assert last.startswith("Interrupted after "), stderr
    assert last.endswith(f"no file was left half-written. Run the same command with --resume "
                         f"to finish; see {out / 'report.csv'}."), stderr
    assert "Traceback" not in stderr
    written = {r["folder"] for r in report(out) if r["status"] == "written"}
    assert written == {str(p.parent) for p in out.glob("*/.nextround-row.json")}
    assert not list(out.rglob("*.part"))

    resumed = batch(*args, "--out", str(out), "--resume", "--scheduler", "local", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(written)} already complete" in resumed.stdout
    assert len(report(out)) == 30 and {r["status"] for r in report(out)} <= {"written",
                                                                             "complete"}
    clean = batch(*args, "--out", str(tmp_path / "clean"), cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    same_files(tmp_path / "clean", out)


# -- a scheduler and two workers started by hand, as the README says -----------------------


@pytest.fixture
def dask_cluster(tmp_path):
    """`dask scheduler` and two `dask worker`s on 127.0.0.1, each a process of its own."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": tmp_path}
    processes = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                   "--port", str(port), "--no-dashboard"], **quiet)]
    try:
        for _ in range(2):
            processes.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--host",
                 "127.0.0.1", "--no-dashboard"], **quiet))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address, processes[1:]
    finally:
        # The workers first: stopped together with their scheduler, each waits out its
        # reconnection attempts (eight seconds), alone it leaves at once.
        for group in (processes[1:], processes[:1]):
            for process in group:
                process.terminate()
            for process in group:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


@LINUX
def test_a_real_cluster_survives_a_killed_worker_and_a_killed_client(tmp_path, dask_cluster):
    address, workers = dask_cluster
    sheet = _rows(tmp_path, 16)
    args = [str(sheet), "--format", "pdf,md", "--only", "plan"]
    out = tmp_path / "out"

    # The client killed outright part-way (kill -9, a power cut): what it leaves under final
    # names is whole, and --resume finishes the rest.
    process = _start([*args, "--out", str(out), "--scheduler", address], tmp_path)
    _wait_for_rows(out, 2, process)
    process.kill()
    process.communicate(timeout=60)
    # The rows its workers had started still finish (Dask forgets only the queued ones):
    # let them, so that they do not write beside the resumed run's. Done when the scheduler
    # has no row on a worker and no worker is still running one it was told to drop.
    from distributed import Client

    def rows_running(client) -> int:
        return sum(map(len, client.processing().values())) + sum(client.run(
            lambda dask_worker: len(dask_worker.state.all_running_tasks)).values())

    with Client(address, timeout=60) as client:
        deadline = time.monotonic() + 120
        while rows_running(client):
            assert time.monotonic() < deadline, "the killed client's rows never finished"
            time.sleep(0.1)

    # The resumed run loses a worker mid-row: Dask gives its rows to the other one.
    resumed = subprocess.Popen(
        [sys.executable, "-c", "from nextround.cli import main; main()", "batch", *args,
         "--out", str(out), "--resume", "--scheduler", address],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    before = sum(1 for _ in out.glob("*/.nextround-row.json"))
    _wait_for_rows(out, before + 1, resumed)
    killed = child_processes(workers[0].pid)  # the worker process under its nanny
    assert killed
    for pid in killed:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    stdout, stderr = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, stderr
    assert "already complete" in stdout and "Traceback" not in stderr
    assert {r["status"] for r in report(out)} <= {"written", "complete"}
    assert len(report(out)) == 16
    assert not list(out.rglob("*.part"))

    clean = batch(*args, "--out", str(tmp_path / "clean"), "--jobs", "2", cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    same_files(tmp_path / "clean", out)
