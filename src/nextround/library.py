"""The content library: the YAML files under nextround/content, loaded and checked once.

Everything the handouts say comes from here. Loading validates the files so that a mistake in
a content pack is reported with its file and field, not discovered halfway through a render.
"""

from __future__ import annotations

import marshal
import os
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

LEVELS = ("entry", "ic", "senior", "manager", "director", "executive")
PHASES = ("learn", "contribute", "own")
AUDIENCES = ("hiring_manager", "peers", "executives", "reports")
PLACEHOLDERS = {"company", "role", "family", "regulations", "initiative", "facts",
                "products", "customers", "markets", "evidence"}


def expand_levels(spec: list[str] | None, where: str) -> tuple[str, ...]:
    """Turn ["manager+"] or ["entry", "ic"] into the tuple of levels it names."""
    if not spec:
        return LEVELS
    chosen: list[str] = []
    for item in spec:
        name = item.rstrip("+-")
        if name not in LEVELS:
            raise ContentError(f"{where}: unknown level {item!r}; levels are {', '.join(LEVELS)}")
        i = LEVELS.index(name)
        if item.endswith("+"):
            chosen += LEVELS[i:]
        elif item.endswith("-"):
            chosen += LEVELS[: i + 1]
        else:
            chosen.append(name)
    return tuple(level for level in LEVELS if level in chosen)


@dataclass(frozen=True)
class Line:
    """One line of content, the levels it applies to, and the signals or initiative types
    that rule it out ("Read the latest sustainability report" is wrong for a company's first
    sustainability hire: `unless: [new-function]`)."""

    text: str
    levels: tuple[str, ...] = LEVELS
    unless: tuple[str, ...] = ()
    only: tuple[str, ...] = ()  # kept only where one of these is stated (a sector, a signal)

    def fits(self, level: str, present: frozenset[str] = frozenset()) -> bool:
        return level in self.levels and applies(self.unless, self.only, present)


def applies(unless: tuple[str, ...], only: tuple[str, ...], present: frozenset[str]) -> bool:
    """Whether content marked `unless:`/`only:` fits what the description states (`present`:
    its sector, signals and initiative types)."""
    return not present.intersection(unless) and (not only or bool(present.intersection(only)))


def _check_placeholders(text: str, where: str) -> None:
    for _, name, _, _ in string.Formatter().parse(text):
        if name is not None and name not in PLACEHOLDERS:
            raise ContentError(
                f"{where}: unknown placeholder {{{name}}} in {text!r}; "
                f"allowed: {', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS))}"
            )


def _lines(items: Any, where: str) -> list[Line]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise ContentError(f"{where}: expected a list")
    lines = []
    for i, item in enumerate(items):
        here = f"{where}[{i}]"
        if isinstance(item, str):
            line = Line(item)
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            line = Line(item["text"], expand_levels(item.get("levels"), here),
                        _ids(item.get("unless"), f"{here}.unless"),
                        _ids(item.get("only"), f"{here}.only"))
        else:
            raise ContentError(f"{here}: expected a string or a mapping with 'text', and "
                               f"'levels' or 'unless'")
        _check_placeholders(line.text, here)
        lines.append(line)
    return lines


def _ids(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(f"{where}: expected a list of sector, signal or initiative ids")
    return tuple(value)


def _records(items: Any, keys: tuple[str, ...], where: str) -> list[dict[str, str]]:
    if not isinstance(items, list):
        raise ContentError(f"{where}: expected a list")
    out = []
    for i, item in enumerate(items):
        here = f"{where}[{i}]"
        if not isinstance(item, dict) or any(not isinstance(item.get(k), str) for k in keys):
            raise ContentError(f"{here}: expected a mapping with {', '.join(keys)}")
        for k in keys:
            _check_placeholders(item[k], f"{here}.{k}")
        record: dict[str, Any] = {k: item[k] for k in keys}
        for key in ("unless", "only"):
            if key in item:
                record[key] = _ids(item[key], f"{here}.{key}")
        if "levels" in item:  # a leader's measure or person, like a line's `levels:`
            record["levels"] = expand_levels(item["levels"], f"{here}.levels")
        out.append(record)
    return out


@dataclass(frozen=True)
class SituatedLine:
    """A line whose wording follows the company's situation: the first `when` key that applies
    (a signal id, 'regulated' or 'initiative') gives the text; otherwise `text` does."""

    text: str
    when: tuple[tuple[str, str], ...] = ()


SITUATION_KEYS = ("regulated", "initiative")


def _situated_lines(items: Any, known: set[str], where: str) -> list[SituatedLine]:
    if not isinstance(items, list):
        raise ContentError(f"{where}: expected a list")
    out = []
    for i, item in enumerate(items):
        here = f"{where}[{i}]"
        if isinstance(item, str):
            item = {"text": item}
        when = item.get("when") or {} if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) \
                or not isinstance(when, dict):
            raise ContentError(f"{here}: expected a string, or a mapping with 'text' and 'when'")
        for key, text in [("text", item["text"]), *when.items()]:
            if key != "text" and key not in known:
                raise ContentError(f"{here}.when: unknown key {key!r}; use a signal id, "
                                   f"{' or '.join(repr(k) for k in SITUATION_KEYS)}")
            if not isinstance(text, str):
                raise ContentError(f"{here}.when.{key}: expected a string")
            _check_placeholders(text, f"{here}.when.{key}")
        out.append(SituatedLine(item["text"], tuple(when.items())))
    return out


def _level_adds(seniority: Any, known: set[str], where: str) -> dict[str, dict[str, list]]:
    adds = (seniority or {}).get("adds") or {}
    out: dict[str, dict[str, list[SituatedLine]]] = {}
    for level, phases in adds.items():
        if level not in LEVELS or not isinstance(phases, dict):
            raise ContentError(f"{where}: adds.{level}: expected a level with its phases")
        out[level] = {key: _situated_lines(phases.get(key) or [], known,
                                           f"{where}: adds.{level}.{key}") for key in PHASES}
    return out


@dataclass(frozen=True)
class Phase:
    theme: str
    actions: list[Line]
    deliverables: list[Line]


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    examples: list[str]
    match: list[str]
    banned: list[str]
    phases: dict[str, Phase]
    measures: list[dict[str, str]]
    stakeholders: list[dict[str, str]]
    early_wins: list[Line]
    questions: dict[str, list[Line]]
    research: list[Line]
    # Sectors whose words the family's own lines already speak (a nurse in a hospital): the
    # sector's general first-month action and person to meet (sectors.yaml) are not added.
    home_sectors: tuple[str, ...] = ()

    @classmethod
    def from_yaml(cls, data: Any, where: str, *, needs_match: bool = True) -> Family:
        if not isinstance(data, dict):
            raise ContentError(f"{where}: expected a mapping")
        for key in ("id", "name", "phases", "measures", "stakeholders"):
            if key not in data:
                raise ContentError(f"{where}: missing '{key}'")
        if needs_match and not data.get("match"):
            raise ContentError(f"{where}: missing 'match' (the title words of this family)")
        phases = {}
        for key in PHASES:
            raw = (data["phases"] or {}).get(key)
            if not isinstance(raw, dict) or not isinstance(raw.get("theme"), str):
                raise ContentError(f"{where}: phases.{key} needs a 'theme' and 'actions'")
            phases[key] = Phase(
                theme=raw["theme"],
                actions=_lines(raw.get("actions"), f"{where}: phases.{key}.actions"),
                deliverables=_lines(raw.get("deliverables"), f"{where}: phases.{key}.deliverables"),
            )
        questions = data.get("questions") or {}
        unknown = set(questions) - set(AUDIENCES)
        if unknown:
            raise ContentError(f"{where}: unknown question audience {sorted(unknown)[0]!r}")
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            examples=[str(x) for x in data.get("examples") or []],
            match=[str(x).lower() for x in data.get("match") or []],
            banned=[str(x).lower() for x in data.get("banned") or []],
            phases=phases,
            measures=_records(data["measures"], ("metric", "baseline", "target"),
                              f"{where}: measures"),
            stakeholders=_records(data["stakeholders"], ("role", "why"), f"{where}: stakeholders"),
            early_wins=_lines(data.get("early_wins"), f"{where}: early_wins"),
            questions={a: _lines(questions.get(a), f"{where}: questions.{a}") for a in AUDIENCES},
            research=_lines(data.get("research"), f"{where}: research"),
            home_sectors=tuple(str(x) for x in data.get("home_sectors") or ()),
        )


@dataclass(frozen=True)
class Signal:
    id: str
    kind: str
    label: str
    cues: list[re.Pattern[str]]
    effects: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Library:
    families: dict[str, Family]
    fallback: Family
    seniority: dict[str, Any]
    level_adds: dict[str, dict[str, list[SituatedLine]]]
    signals: list[Signal]
    signal_kinds: dict[str, str]
    groups: dict[str, Any]
    initiatives: list[Signal]
    initiative_words: dict[str, Any]
    plan: dict[str, Any]
    questions: dict[str, Any]
    profile: dict[str, Any]
    titles: dict[str, Any]  # titles.yaml: noise patterns and words, job nouns, generic jobs
    ad: dict[str, Any]  # ad.yaml: the parts of an ad, headings, chrome, pay, sentence cues
    sectors: dict[str, Any]  # sectors.yaml
    entities: dict[str, Any]  # entities.yaml, each list as one compiled pattern


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
        from platformdirs import user_cache_path

        from . import __version__

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


_PARSED = ParsedYaml()


def _read_yaml(path: Path) -> Any:
    try:
        stat = path.stat()
        cached = _PARSED.get(path, stat)
        if cached is not None:
            return cached
        # libyaml's C loader when present: the pure-Python one is several times slower.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
        _PARSED.put(path, stat, data)
        return data
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark else ""
        raise ContentError(f"{path}{at}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    except OSError as exc:
        raise ContentError(f"{path}: cannot be read: {exc.strerror}") from exc


def _compile(cues: list[str], where: str) -> list[re.Pattern[str]]:
    compiled = []
    for cue in cues:
        try:
            compiled.append(re.compile(cue, re.IGNORECASE))
        except re.error as exc:
            raise ContentError(f"{where}: the cue {cue!r} is not a valid pattern: {exc}") from exc
    return compiled


def _signals(items: list[dict[str, Any]], where: str) -> list[Signal]:
    out = []
    for i, raw in enumerate(items):
        here = f"{where}[{i}]"
        if not isinstance(raw, dict) or "id" not in raw or "cues" not in raw:
            raise ContentError(f"{here}: a signal needs an 'id' and 'cues'")
        effects = {k: v for k, v in raw.items() if k not in ("id", "kind", "label", "cues")}
        for key in ("require", "unless"):  # patterns that a sentence must (not) hold
            if key in effects:
                effects[key] = _compile([effects[key]], f"{here}.{key}")[0]
        out.append(Signal(str(raw["id"]), str(raw.get("kind", "initiative")),
                          str(raw.get("label", raw["id"])), _compile(raw["cues"], here), effects))
    return out


def _profile(data: Any, where: str) -> dict[str, Any]:
    """profile.yaml with its cues compiled; every cue must capture a `phrase`."""
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise ContentError(f"{where}: expected 'fields' with products, customers and markets")
    fields = {}
    for name, spec in data["fields"].items():
        here = f"{where}: fields.{name}"
        if not isinstance(spec, dict) or not spec.get("cues") or "max_words" not in spec:
            raise ContentError(f"{here}: needs 'cues' and 'max_words'")
        cues = _compile(spec["cues"], here)
        for cue in cues:
            if "phrase" not in cue.groupindex:
                raise ContentError(f"{here}: the cue {cue.pattern!r} has no (?P<phrase>...) group")
        fields[name] = {**spec, "cues": cues}
    for section, items in (data.get("uses") or {}).items():
        for i, item in enumerate(items):
            here = f"{where}: uses.{section}[{i}]"
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) \
                    or not set(item.get("needs") or []) <= set(fields):
                raise ContentError(f"{here}: needs 'text' and 'needs' (a list of "
                                   f"{', '.join(fields)})")
            _check_placeholders(item["text"], here)
    return {**data, "fields": fields}


def builtin_content_dir() -> Path:
    return Path(str(resources.files("nextround") / "content"))


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
    _PARSED.save()
    return library


@lru_cache(maxsize=4)
def _load_base(content_dir: Path | None = None) -> Library:
    root = content_dir or builtin_content_dir()
    families = {}
    for path in sorted((root / "families").glob("*.yaml")):
        family = Family.from_yaml(_read_yaml(path), str(path))
        if family.id != path.stem:
            raise ContentError(f"{path}: id {family.id!r} must match the file name {path.stem!r}")
        families[family.id] = family
    if not families:
        raise ContentError(f"{root / 'families'}: no role families found")
    fallback = Family.from_yaml(_read_yaml(root / "fallback.yaml"), str(root / "fallback.yaml"),
                                needs_match=False)
    signals_data = _read_yaml(root / "signals.yaml")
    initiatives_data = _read_yaml(root / "initiatives.yaml")
    signals = _signals(signals_data["signals"], f"{root / 'signals.yaml'}: signals")
    seniority = _read_yaml(root / "seniority.yaml")
    known = {s.id for s in signals} | set(SITUATION_KEYS)
    return Library(
        families=families,
        fallback=fallback,
        seniority=seniority,
        level_adds=_level_adds(seniority, known, str(root / "seniority.yaml")),
        signals=signals,
        signal_kinds=signals_data["kinds"],
        groups=signals_data.get("groups", {}),
        initiatives=_signals(initiatives_data["initiatives"],
                             f"{root / 'initiatives.yaml'}: initiatives"),
        initiative_words=_initiative_words(initiatives_data, str(root / "initiatives.yaml")),
        plan=_read_yaml(root / "plan.yaml"),
        questions=_read_yaml(root / "questions.yaml"),
        profile=_profile(_read_yaml(root / "profile.yaml"), str(root / "profile.yaml")),
        titles=_titles(_read_yaml(root / "titles.yaml"), str(root / "titles.yaml")),
        ad=_ad(_read_yaml(root / "ad.yaml"), str(root / "ad.yaml")),
        sectors=_read_yaml(root / "sectors.yaml"),
        entities=_entities(_read_yaml(root / "entities.yaml")),
    )


def _initiative_words(data: dict[str, Any], where: str) -> dict[str, Any]:
    words = {k: v for k, v in data.items() if k != "initiatives"}
    for key in ("past", "future"):
        words[key] = _compile([words[key]], f"{where}: {key}")[0]
    words["bad_edges"] = {str(w) for w in words["bad_edges"]}
    words["bad_words"] = {str(w) for w in words["bad_words"]}
    return words


def _titles(data: dict[str, Any], where: str) -> dict[str, Any]:
    return {
        "noise_patterns": _compile(data["noise_patterns"], f"{where}: noise_patterns"),
        "noise_words": {str(w) for w in data["noise_words"]},
        "job_nouns": {str(w) for w in data["job_nouns"]},
        "generic_jobs": {str(w) for w in data["generic_jobs"]},
    }


def _phrases(phrases: list[Any]) -> re.Pattern[str]:
    """Any of these phrases, as whole words: "ged" (the diploma) is not in "engaged"."""
    def bounded(phrase: str) -> str:
        return (r"(?<!\w)" if phrase[:1].isalnum() else "") + re.escape(phrase) + \
            (r"(?!\w)" if phrase[-1:].isalnum() else "")
    return re.compile("|".join(bounded(str(p).lower()) for p in phrases))


def _ad(data: dict[str, Any], where: str) -> dict[str, Any]:
    """ad.yaml with its patterns compiled and its heading phrases longest first."""
    phrases = [(str(p).lower(), part) for part, items in data["headings"].items()
               for p in items]
    return {
        "heading_phrases": sorted(phrases, key=lambda pp: len(pp[0]), reverse=True),
        "chrome": _compile(data["chrome"], f"{where}: chrome"),
        "pay": _compile(data["pay"], f"{where}: pay"),
        "header": _compile(data["header"], f"{where}: header"),
        "schedule": _compile(data["schedule"], f"{where}: schedule"),
        "sentence_cues": {k: _phrases(v) for k, v in data["sentence_cues"].items()},
        "duty_verbs": {str(v) for v in data["duty_verbs"]},
        "body_starts": {str(v).lower() for v in data["body_starts"]},
        "voice": {"irregular": {str(k): str(v) for k, v in data["voice"]["irregular"].items()},
                  "between": {str(v) for v in data["voice"]["between"]},
                  "unchanged": {str(v) for v in data["voice"]["unchanged"]},
                  "not_verbs": {str(v) for v in data["voice"]["not_verbs"]}},
    }


# How a name is cut into words, in entities.yaml and in an ad alike.
NAME_WORD = re.compile(r"[\w&+/'’]+(?:[.-][\w&+/'’]+)*")


def _name_index(names: list[str]) -> dict[tuple[str, ...], str]:
    """Names keyed by their words in lower case, so an ad is searched word by word instead of
    trying hundreds of alternatives at every character."""
    return {tuple(w.lower() for w in NAME_WORD.findall(name)): name for name in names}


def _entities(data: dict[str, Any]) -> dict[str, Any]:
    places = data["countries"] + data["states"] + data["regions"] + data["cities"]
    return {"systems": _name_index(data["systems"]),
            "regulations": _name_index(data["regulations"]),
            "places": _name_index(places)}


# --- content packs ------------------------------------------------------------------------------

PACK_FILES = ("plan.yaml", "questions.yaml")
SECTION_KEYS = {"id", "title", "audience", "questions", "levels", "after"}


def apply_pack(library: Library, pack: Path) -> Library:
    """The library with one content pack laid over it: the pack's families are added (or
    replace the built-in family with the same id); its plan.yaml and questions.yaml replace
    the wording they name, key by key."""
    from dataclasses import replace

    known = {"families", *PACK_FILES, "README.md"}
    for entry in sorted(pack.iterdir()):
        if entry.name not in known and not entry.name.startswith("."):
            raise ContentError(
                f"{entry}: a content pack holds only families/*.yaml, plan.yaml and "
                f"questions.yaml (see the content README)")
    families = dict(library.families)
    for path in sorted((pack / "families").glob("*.yaml")):
        family = Family.from_yaml(_read_yaml(path), str(path))
        if family.id != path.stem:
            raise ContentError(f"{path}: id {family.id!r} must match the file name {path.stem!r}")
        families[family.id] = family
    plan, questions = library.plan, library.questions
    if (pack / "plan.yaml").is_file():
        plan = _overlay(library.plan, _read_yaml(pack / "plan.yaml"), str(pack / "plan.yaml"))
    if (pack / "questions.yaml").is_file():
        questions = _overlay_questions(library.questions, _read_yaml(pack / "questions.yaml"),
                                       str(pack / "questions.yaml"))
    return replace(library, families=families, plan=plan, questions=questions)


def _check_text(value: Any, where: str) -> None:
    if isinstance(value, str):
        _check_placeholders(value, where)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_text(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(item, f"{where}.{key}")


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "a text" if isinstance(value, str) else type(value).__name__


def _overlay(base: Any, override: Any, where: str, path: str = "") -> Any:
    """`override` on top of `base`; every key must exist in base and keep its kind."""
    if override is None:
        return base
    here = f"{where}: {path}" if path else where
    if isinstance(base, dict):
        if not isinstance(override, dict):
            raise ContentError(f"{here}: expected a mapping, found {_kind(override)}")
        merged = dict(base)
        for key, value in override.items():
            if key not in base:
                raise ContentError(f"{where}: unknown field {(path + '.' if path else '') + key!r}"
                                   f"; the fields here are {', '.join(map(str, base))}")
            merged[key] = _overlay(base[key], value, where, f"{path}.{key}" if path else key)
        return merged
    if _kind(base) != _kind(override) and not (isinstance(base, int) and isinstance(override, int)):
        raise ContentError(f"{here}: expected {_kind(base)}, found {_kind(override)}")
    _check_text(override, here)
    return override


def _overlay_questions(base: dict[str, Any], override: Any, where: str) -> dict[str, Any]:
    """Sections are matched by id: a known id changes that section, a new id adds one (after
    the section named in `after:`, or at the end)."""
    if not isinstance(override, dict):
        raise ContentError(f"{where}: expected a mapping")
    rest = {k: v for k, v in override.items() if k != "sections"}
    merged = _overlay(base, rest, where)
    sections = [dict(s) for s in base["sections"]]
    raw_sections = override.get("sections") or []
    if not isinstance(raw_sections, list):
        raise ContentError(f"{where}: sections: expected a list of sections, each with an 'id'")
    for i, raw in enumerate(raw_sections):
        here = f"{where}: sections[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise ContentError(f"{here}: expected a mapping with an 'id'")
        unknown = sorted(set(raw) - SECTION_KEYS)
        if unknown:
            raise ContentError(f"{here}: unknown field {unknown[0]!r}; the fields are "
                               f"{', '.join(sorted(SECTION_KEYS))}")
        for key in ("title", "audience"):
            if key in raw and not isinstance(raw[key], str):
                raise ContentError(f"{here}.{key}: expected a text")
        if "questions" in raw and (not isinstance(raw["questions"], list) or not all(
                isinstance(q, str) for q in raw["questions"])):
            raise ContentError(f"{here}.questions: expected a list of questions (texts)")
        expand_levels(raw.get("levels"), here)
        _check_text({k: v for k, v in raw.items() if k in ("title", "audience", "questions")},
                    here)
        section = {k: v for k, v in raw.items() if k != "after"}
        ids = [s["id"] for s in sections]
        if raw["id"] in ids:
            sections[ids.index(raw["id"])].update(section)
            continue
        missing = [k for k in ("title", "audience", "questions") if k not in raw]
        if missing:
            raise ContentError(f"{here}: a new section needs {', '.join(missing)}")
        after = raw.get("after")
        if after is not None and after not in ids:
            raise ContentError(f"{here}.after: no section {after!r}; the sections are "
                               f"{', '.join(ids)}")
        sections.insert(ids.index(after) + 1 if after else len(sections), section)
    merged["sections"] = sections
    return merged
