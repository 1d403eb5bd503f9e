"""The README as a reader sees it: tables that render as tables, and install lines that are
the ones `make system-deps` and .ci/run use (scripts/system-packages.txt)."""

from __future__ import annotations

import importlib.util

from conftest import ROOT
from markdown_it import MarkdownIt

README = (ROOT / "README.md").read_text(encoding="utf-8")


def system_deps():
    spec = importlib.util.spec_from_file_location("system_deps",
                                                  ROOT / "scripts" / "system_deps.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_table_holds_only_table_rows():
    """A sentence right after a table, with no blank line, becomes a row of it: every line a
    table spans must be a row, and every row as wide as the header (a table inside a list item
    is indented with it)."""
    lines = README.splitlines()
    tokens = MarkdownIt("commonmark").enable("table").parse(README)
    tables = [t for t in tokens if t.type == "table_open"]
    assert len(tables) >= 5
    for table in tables:
        start, end = table.map
        rows = [line.strip() for line in lines[start:end]]
        assert all(r.startswith("|") and r.rstrip().endswith("|") for r in rows), rows
        width = rows[0].count("|")
        assert [r for r in rows if r.replace("\\|", "").count("|") != width] == []


def test_readme_install_lines_are_the_list_s():
    deps = system_deps()
    assert deps.apt_line() in README.splitlines()
    for line in deps.brew_lines():
        assert any(row.startswith(line) for row in README.splitlines()), line
    names = [p["apt"] for p in deps.packages()]
    assert "libharfbuzz-subset0" in names and "libcairo2" in names


def test_ci_installs_from_the_same_list():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 scripts/system_deps.py install" in ci
    assert "apt-get install" not in ci  # no second list to drift apart
