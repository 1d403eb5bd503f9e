"""The content library: the YAML files under nextround/content, loaded and checked once.

Everything the handouts say comes from here. Loading reads each file into the typed content
model (model.py), so that a mistake in a content pack is reported with its file and field,
not discovered halfway through a render. The package's parts:

- model.py: what each content file holds, as typed classes (and their JSON Schema)
- typed.py: how YAML is read into those classes, checked, laid over, described
- base.py: the built-in content folder read into a Library
- packs.py: content packs laid over it
- cache.py: parsed YAML kept between runs
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..themes import load_theme
from .base import NAME_WORD, Signal, load_base
from .cache import PARSED
from .model import (
    AUDIENCES,
    LEVELS,
    PHASES,
    Family,
    GroupEffects,
    InitiativeWords,
    LevelAdds,
    Line,
    Phase,
    PlanText,
    Profile,
    QuestionsText,
    Sectors,
    Seniority,
    SituatedLine,
    applies,
    expand_levels,
)
from .packs import apply_pack
from .typed import PLACEHOLDERS

__all__ = ["AUDIENCES", "LEVELS", "NAME_WORD", "PHASES", "PLACEHOLDERS", "Family", "Library",
           "Line", "Phase", "Signal", "SituatedLine", "applies", "builtin_content_dir",
           "expand_levels", "library_for", "load_library", "pack_folders"]


@dataclass(frozen=True)
class Library:
    families: dict[str, Family]
    fallback: Family
    seniority: Seniority
    signals: list[Signal]
    signal_kinds: dict[str, str]
    groups: dict[str, GroupEffects]
    initiatives: list[Signal]
    initiative_words: InitiativeWords
    plan: PlanText
    questions: QuestionsText
    profile: Profile
    titles: dict[str, Any]  # titles.yaml: noise patterns and words, job nouns, generic jobs
    ad: dict[str, Any]  # ad.yaml: the parts of an ad, headings, chrome, pay, cues, facts, voice
    sectors: Sectors
    entities: dict[str, Any]  # entities.yaml, each list as one compiled pattern

    @property
    def level_adds(self) -> dict[str, LevelAdds]:
        """What each level adds to a plan's phases (seniority.yaml's `adds`)."""
        return self.seniority.adds


def builtin_content_dir() -> Path:
    return Path(str(resources.files("nextround") / "content"))


def pack_folders(theme: str | None = None, content: str | Path | None = None
                 ) -> tuple[Path, ...]:
    """The content packs a request uses: the theme's `content/` folders, then --content."""
    packs: list[Path] = []
    if theme:
        packs += load_theme(theme).content_dirs()
    if content:
        if not Path(content).is_dir():
            raise ContentError(f"The content folder {str(content)!r} does not exist (or is "
                               f"a file).")
        packs.append(Path(content))
    return tuple(packs)


def library_for(theme: str | None = None, content: str | Path | None = None) -> Library:
    """The library with the content packs of a theme and a --content folder: what generate,
    explain and roles all read."""
    return load_library(packs=pack_folders(theme, content))


def load_library(content_dir: Path | None = None, packs: tuple[Path, ...] = ()) -> Library:
    """Load and check the whole library, with content packs laid over it in order.

    Cached on the folders and on the files' modification times, so a pack edited between two
    runs in one process (a test, a batch) is read again, and two packs never share an entry.
    """
    packs = tuple(Path(p).resolve() for p in packs)
    return _load_library(content_dir, packs, tuple(_stamp(p) for p in packs))


def _stamp(pack: Path) -> tuple:
    if not pack.is_dir():
        raise ContentError(f"{pack}: the content pack folder does not exist")
    return tuple((str(f), f.stat().st_mtime_ns) for f in sorted(pack.rglob("*.yaml")))


@lru_cache(maxsize=16)
def _load_library(content_dir: Path | None, packs: tuple[Path, ...], stamps: tuple) -> Library:
    library = _load_base(content_dir)
    for pack in packs:
        library = apply_pack(library, pack)
    PARSED.save()
    return library


@lru_cache(maxsize=4)
def _load_base(content_dir: Path | None = None) -> Library:
    return Library(**load_base(content_dir or builtin_content_dir()))
