"""Shared helpers: real clients read what nextround writes (pdftotext, qpdf, LibreOffice)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from nextround import build_request, generate

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
IN_CI = os.environ.get("CI", "").lower() == "true"

# The developer's own settings must not change what the tests see: no user nextround.toml, no
# NEXTROUND_* variable (a test that wants them sets them).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="nextround-test-config-")
for _name in [n for n in os.environ if n.startswith("NEXTROUND_")]:
    del os.environ[_name]


def need(tool: str) -> str:
    """The path of a command-line tool; in CI a missing tool fails the test, never skips it."""
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is not installed; .ci/run must install it")
        pytest.skip(f"{tool} is not installed")
    return path


def pdf_text(path: Path) -> str:
    result = subprocess.run([need("pdftotext"), str(path), "-"], capture_output=True,
                            text=True, check=True)
    return result.stdout


def word_count(pdf_text: str) -> int:
    """Words a reader reads: tokens with a letter, page footers left out (they repeat)."""
    body = [line for line in pdf_text.splitlines()
            if not line.startswith(("Page ", "Prepared by ", "Prepared for "))
            or " · " not in line and not line.startswith("Page ")]
    return sum(any(ch.isalpha() for ch in token) for line in body for token in line.split())


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def qpdf_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([need("qpdf"), "--check", str(path)], capture_output=True, text=True)


def _libreoffice_convert_all(docx: list[Path], workdir: Path, target: str, suffix: str
                             ) -> list[Path]:
    """The files converted by one LibreOffice run: starting it is most of a conversion's
    time, so files read together are given to it together. Their names must differ."""
    assert len({d.stem for d in docx}) == len(docx), f"two files of one name: {docx}"
    soffice = need("soffice")
    profile = workdir / "lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         target, "--outdir", str(workdir), *map(str, docx)],
        capture_output=True, text=True, timeout=180,
    )
    outs = [workdir / (d.stem + suffix) for d in docx]
    for d, out in zip(docx, outs, strict=True):
        assert result.returncode == 0 and out.exists(), f"LibreOffice could not open {d}: {result}"
    return outs


def _libreoffice_convert(docx: Path, workdir: Path, target: str, suffix: str) -> Path:
    return _libreoffice_convert_all([docx], workdir, target, suffix)[0]


def libreoffice_text(docx: Path, workdir: Path) -> str:
    """Open the DOCX in LibreOffice (a real client) and return the text it reads from it."""
    return libreoffice_texts([docx], workdir)[docx]


def libreoffice_texts(docx: list[Path], workdir: Path) -> dict[Path, str]:
    """libreoffice_text of each DOCX, all opened by one LibreOffice run."""
    outs = _libreoffice_convert_all(docx, workdir, "txt:Text (encoded):UTF8", ".txt")
    return {d: out.read_text(encoding="utf-8-sig") for d, out in zip(docx, outs, strict=True)}


def libreoffice_pdf(docx: Path, workdir: Path) -> Path:
    """The DOCX as LibreOffice draws it, converted to PDF."""
    return _libreoffice_convert(docx, workdir, "pdf", ".pdf")


def child_processes(pid: int) -> set[int]:
    """The processes a process has started and not yet reaped (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found.update(int(c) for c in (task / "children").read_text().split())
    return found


def squash(text: str) -> str:
    """Text with all runs of white space folded, for comparing across formats."""
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="session")
def acme_fields() -> dict:
    return {
        "role": "Senior Data Engineer",
        "company": "Acme Grocers",
        "description_file": str(SAMPLES / "acme-grocers.txt"),
        "candidate": "Jane Doe",
        "interviewers": ["Sam Lee", "Priya Raman"],
        "start_date": "2027-01-04",
        "date": "2026-11-25",
    }


def once_per_run(tmp_path_factory, name: str, make):
    """make(folder) run once for the whole test run, and its (picklable) result.

    Under pytest-xdist (`make test` runs with -n) each worker has its own session, so a
    session-scoped fixture would render its files once per worker. Here the first worker to
    ask makes them in a folder all the workers share, holding a lock, and the others wait for
    it and read the same result. A make() that failed left no result: the next one tries again
    (and fails the same way, in its own tests)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above the workers' own (popen-gw0, ...)
    folder = base / f"shared-{name}"
    result = base / f"shared-{name}.pickle"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            value = make(folder)
            part = result.with_name(result.name + ".part")
            part.write_bytes(pickle.dumps(value))
            part.rename(result)
        return pickle.loads(result.read_bytes())


@pytest.fixture(scope="session")
def acme_files(tmp_path_factory, acme_fields) -> dict[str, Path]:
    """Every format of both handouts for the sample, generated once for the run."""
    def make(out: Path) -> dict[str, Path]:
        request = build_request({**acme_fields,
                                 "formats": ["pdf", "docx", "html", "md", "json"]})
        return {p.name: p for p in generate(request, out)}

    return once_per_run(tmp_path_factory, "acme", make)
