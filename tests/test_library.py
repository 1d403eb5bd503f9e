"""The content library's cache of parsed YAML: used while a file is unchanged, never after."""

from __future__ import annotations

import os

import yaml

from nextround.library import cache as library


def test_parsed_yaml_is_reused_until_the_file_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(library, "PARSED", library.ParsedYaml())
    monkeypatch.setattr(library.ParsedYaml, "location",
                        staticmethod(lambda: tmp_path / "cache" / "content.marshal"))
    source = tmp_path / "family.yaml"
    source.write_text("name: Pastry\nexamples: [Pastry Chef]\n", encoding="utf-8")
    assert library.read_yaml(source) == {"name": "Pastry", "examples": ["Pastry Chef"]}
    library.PARSED.save()
    assert (tmp_path / "cache" / "content.marshal").is_file()

    # A new process (a fresh cache object) reads the saved data without parsing YAML.
    monkeypatch.setattr(library, "PARSED", library.ParsedYaml())
    parsed = []
    real_load = yaml.load
    monkeypatch.setattr(yaml, "load", lambda *a, **k: parsed.append(1) or real_load(*a, **k))
    assert library.read_yaml(source) == {"name": "Pastry", "examples": ["Pastry Chef"]}
    assert parsed == []

    # Edited (same size, new time): parsed again.
    source.write_text("name: Baking\nexamples: [Pastry Chef]\n", encoding="utf-8")
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert library.read_yaml(source)["name"] == "Baking"
    assert parsed == [1]


def test_an_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setattr(library, "PARSED", library.ParsedYaml())
    monkeypatch.setattr(library.ParsedYaml, "location",
                        staticmethod(lambda: blocker / "content.marshal"))
    source = tmp_path / "plan.yaml"
    source.write_text("title: Plan\n", encoding="utf-8")
    assert library.read_yaml(source) == {"title": "Plan"}
    library.PARSED.save()
    assert blocker.read_text(encoding="utf-8").startswith("a file")
