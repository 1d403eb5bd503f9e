"""The content files as parsed before, kept in the user's cache folder."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

from .. import __version__
from ..errors import ContentError


class ParsedYaml:
    """The content files as parsed before, kept in the user's cache folder.

    Parsing ~35 YAML files is most of the start-up time of `roles` and `explain` (even with
    libyaml); marshal reads the same data back ten times faster. An entry is used only while
    its file's size and modification time are unchanged, and marshal (unlike pickle) can hold
    nothing but plain data. A cache that cannot be read or written is simply not used.
    """

    def __init__(self) -> None:
        self.entries: dict[str, tuple[int, int, bytes]] | None = None
        self.changed = False

    @staticmethod
    def location() -> Path:
        return user_cache_path("nextround") / f"content-{__version__}.marshal"

    def _load(self) -> dict[str, tuple[int, int, bytes]]:
        if self.entries is None:
            try:
                self.entries = marshal.loads(self.location().read_bytes())
                if not isinstance(self.entries, dict):
                    self.entries = {}
            except (OSError, EOFError, ValueError, TypeError):
                self.entries = {}
        return self.entries

    def get(self, path: Path, stat: os.stat_result) -> Any:
        entry = self._load().get(str(path))
        if entry and entry[0] == stat.st_mtime_ns and entry[1] == stat.st_size:
            return marshal.loads(entry[2])
        return None

    def put(self, path: Path, stat: os.stat_result, data: Any) -> None:
        try:
            self._load()[str(path)] = (stat.st_mtime_ns, stat.st_size, marshal.dumps(data))
            self.changed = True
        except ValueError:  # a value marshal cannot hold (a YAML date): parse it each time
            pass

    def save(self) -> None:
        if not self.changed:
            return
        self.changed = False
        target = self.location()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
            temporary.write_bytes(marshal.dumps(self._load()))
            os.replace(temporary, target)
        except OSError:
            pass


PARSED = ParsedYaml()


def read_yaml(path: Path) -> Any:
    """A YAML file's data, from the cache while the file is unchanged."""
    try:
        stat = path.stat()
        cached = PARSED.get(path, stat)
        if cached is not None:
            return cached
        data = _parse(path.read_text(encoding="utf-8"), path)
        PARSED.put(path, stat, data)
        return data
    except OSError as exc:
        raise ContentError(f"{path}: cannot be read: {exc.strerror}") from exc


def _parse(text: str, path: Path) -> Any:
    """The YAML text's data; PyYAML is loaded only here, for a file not in the cache."""
    import yaml

    try:
        # libyaml's C loader when present: the pure-Python one is several times slower.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark else ""
        raise ContentError(f"{path}{at}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
