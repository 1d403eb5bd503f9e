"""Files land whole or not at all."""

from __future__ import annotations

import errno
import os

import pytest

from nextround.errors import OutputError
from nextround.writing import DEFAULT_NAME, write_atomic
from nextround.writing import folder_name as named


def folder_name(company: str, role: str, candidate: str = "") -> str:
    """The folder `generate` writes a request's handouts into."""
    return named(DEFAULT_NAME, {"company": company, "role": role, "candidate": candidate})


def test_folder_name_is_safe():
    name = folder_name("Acme Grocers", "Senior Data Engineer")
    assert name == "acme-grocers-senior-data-engineer"
    assert "/" not in folder_name("../../etc", "a/b")
    assert folder_name("Café Zürich", "Pâtissier") == "cafe-zurich-patissier"
    assert folder_name("!!!", "???") == "handouts"


def test_full_disk_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old complete file")

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OutputError, match="the disk is full"):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"old complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_folder_name_keeps_titles_and_candidates_apart():
    # Issue 15, item 4: slugify drops '+' and '#', and the name had no candidate.
    assert folder_name("Acme", "C++ Developer") == "acme-c-plus-plus-developer"
    assert folder_name("Acme", "C# Developer") == "acme-c-sharp-developer"
    assert folder_name("Acme", "Engineer", "Alice Smith") == "acme-engineer-alice-smith"
    assert folder_name("Acme", "Engineer", "Bob Jones") == "acme-engineer-bob-jones"
