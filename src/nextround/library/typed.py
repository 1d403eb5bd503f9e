"""Typed content: YAML read into frozen records (Model), checked against their type hints.

One description of each content file (the classes in model.py) gives three things: the
objects composition reads by attribute, the plain messages that name the file and field of a
mistake ("plan.yaml: sections.priorities: expected a text, found a list"), and the JSON Schema
that editors use to complete and check a content pack (`nextround templates schema`).

The types understood: str, int, bool, list[T], tuple[T, ...], frozenset[T], dict[str, T],
re.Pattern[str] (a text compiled, case-insensitive), X | Y (chosen by the kind of value: a
text, a list or a mapping), Annotated[T, check] (a callable check(value, where) that returns
the value, as Text checks its {placeholders}) and Model subclasses. A Model may read itself
(`read_data`) when its YAML has a short form, as a line that is either a text or a mapping
with `text:`.

One module for the four things done with a type (read, overlay, describe, hold: Model), which
share the same walk over type hints; about 440 lines.
"""

from __future__ import annotations

import difflib
import re
import string
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, ClassVar, Union, get_args, get_origin

from ..errors import ContentError

# The values every text may name: the request's and what the description states.
PLACEHOLDERS = frozenset({"company", "role", "family", "regulations", "initiative", "facts",
                          "products", "customers", "markets", "evidence", "reports"})


class Placeholders:
    """A check on a text: the {names} it may hold besides PLACEHOLDERS (a check-in's
    {initiative} is common; a stated measure's {metric} is not)."""

    def __init__(self, extra: frozenset[str] = frozenset()):
        self.extra = extra

    def __call__(self, text: str, where: str) -> str:
        check_placeholders(text, PLACEHOLDERS | self.extra, where)
        return text


Text = Annotated[str, Placeholders()]


def text_with(*names: str) -> Any:
    """A Text that may also name these placeholders."""
    return Annotated[str, Placeholders(frozenset(names))]


def at(file: str, path: str) -> str:
    """'plan.yaml: sections.measure', or the file alone at the top of it."""
    return f"{file}: {path}" if path else file


def kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "a text" if isinstance(value, str) else type(value).__name__


def check_placeholders(text: str, allowed: frozenset[str], where: str) -> None:
    if "{" not in text and "}" not in text:
        return
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:  # a lone "{" or "}"
        raise ContentError(f"{where}: {exc} in {text!r} (write {{{{ or }}}} for a brace)") \
            from None
    for name in names:
        if name not in allowed:
            raise ContentError(
                f"{where}: unknown placeholder {{{name}}} in {text!r}; "
                f"allowed: {', '.join('{' + p + '}' for p in sorted(allowed))}")


_MISSING = object()


class Factory:
    """A field's default made anew for each object (`tags: list[str] = Factory(list)`)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]):
        self.make = make


class _Slot:
    """One field of a Model: its name and its default (or the factory of one)."""

    __slots__ = ("default", "factory", "name")

    def __init__(self, name: str, default: Any, factory: Callable[[], Any] | None):
        self.name, self.default, self.factory = name, default, factory


class Model:
    """The base of every typed content class: a frozen record of the fields its class
    annotates, like a frozen dataclass.

    Not a dataclass: making ~60 dataclasses costs 50 ms at every start of `roles` and
    `explain` (each compiles its own methods); these share one set. Fields are keyword or
    positional arguments in the order declared (base classes' first), a field with a default
    may come before one without, and `Factory(list)` gives each object its own list.

    By-key access (`spec["cues"]`, `spec.get("heads", [])`) is kept for the analysis, which
    still reads its word lists as mappings; new code reads attributes.
    """

    __fields__: ClassVar[tuple[_Slot, ...]] = ()
    # A sentence for the JSON Schema's description, when the docstring is too long.
    schema_note: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        slots = {slot.name: slot for slot in cls.__fields__}
        for name, hint in cls.__dict__.get("__annotations__", {}).items():
            if name.startswith("_") or str(hint).startswith("ClassVar"):
                continue
            default = cls.__dict__.get(name, _MISSING)
            factory = default.make if isinstance(default, Factory) else None
            if factory is not None:
                default = _MISSING
                delattr(cls, name)
            slots[name] = _Slot(name, default, factory)
        cls.__fields__ = tuple(slots.values())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        slots = self.__fields__
        if len(args) > len(slots):
            raise TypeError(f"{type(self).__name__} takes {len(slots)} fields")
        for slot, value in zip(slots, args, strict=False):
            object.__setattr__(self, slot.name, value)
        for slot in slots[len(args):]:
            if slot.name in kwargs:
                value = kwargs.pop(slot.name)
            elif slot.factory is not None:
                value = slot.factory()
            elif slot.default is not _MISSING:
                value = slot.default
            else:
                raise TypeError(f"{type(self).__name__}: missing {slot.name!r}")
            object.__setattr__(self, slot.name, value)
        if kwargs:
            raise TypeError(f"{type(self).__name__}: no field {next(iter(kwargs))!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: use .replace()")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.as_dict() == other.as_dict()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), *(repr(v) for v in self.as_dict().values())))

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items())
        return f"{type(self).__name__}({fields})"

    def replace(self, **changes: Any) -> Any:
        """A copy with these fields changed."""
        return type(self)(**{**self.as_dict(), **changes})

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)

    def __contains__(self, key: str) -> bool:
        return key in field_names(type(self))

    def as_dict(self) -> dict[str, Any]:
        return {slot.name: getattr(self, slot.name) for slot in self.__fields__}


class Field:
    """A field as typed reading sees it: its name, type and whether it must be given."""

    __slots__ = ("name", "required", "type")

    def __init__(self, name: str, type_: Any, required: bool):
        self.name, self.type, self.required = name, type_, required


@cache
def fields_of(cls: type) -> tuple[Field, ...]:
    hints = typing.get_type_hints(cls, include_extras=True)
    return tuple(Field(s.name, hints[s.name], s.default is _MISSING and s.factory is None)
                 for s in cls.__fields__)


@cache
def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields_of(cls))


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Model)


def expected(tp: Any) -> str:
    """How a message names what a type wants: 'a text', 'a list', 'a mapping'."""
    origin = get_origin(tp)
    if origin is Annotated:
        return expected(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        return " or ".join(dict.fromkeys(expected(a) for a in get_args(tp) if a is not type(None)))
    if tp is str:
        return "a text"
    if tp is bool:
        return "true or false"
    if tp in (int, float):
        return "a number"
    if origin in (list, tuple, frozenset):
        return "a list"
    if origin is re.Pattern:
        return "a pattern (a text)"
    return "a mapping" if origin is dict or _is_model(tp) else getattr(tp, "__name__", str(tp))


def _fits(tp: Any, value: Any) -> bool:
    """Whether a value is of the kind a type reads (for choosing among X | Y)."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _fits(get_args(tp)[0], value)
    if tp is str:
        return isinstance(value, str)
    if tp is bool:
        return isinstance(value, bool)
    if tp in (int, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if origin is re.Pattern:
        return isinstance(value, str)
    if origin in (list, tuple, frozenset):
        return isinstance(value, list)
    if getattr(tp, "read_data", None) is not None:
        return True  # a type with a short form (a Line: a text or a mapping) reads its own
    return isinstance(value, dict)


def read(tp: Any, value: Any, file: str, path: str = "") -> Any:
    """`value` (parsed YAML) as type `tp`; a ContentError naming file and field if it is not."""
    return reader(tp)(value, file, path)


Reader = Callable[[Any, str, str], Any]


def _wrong(tp: Any, value: Any, file: str, path: str) -> ContentError:
    return ContentError(f"{at(file, path)}: expected {expected(tp)}, found {kind_of(value)}")


@cache
def reader(tp: Any) -> Reader:
    """The function that reads a type, made once per type: the library is read at every start
    of `roles` and `explain`, so the type is looked at here, not at each value."""
    origin = get_origin(tp)
    if tp is Any:
        return lambda value, file, path: value
    if origin is Annotated:
        base, *checks = get_args(tp)
        read_base = reader(base)

        def read_checked(value: Any, file: str, path: str) -> Any:
            out = read_base(value, file, path)
            for check in checks:
                out = check(out, at(file, path))
            return out
        return read_checked
    if origin is re.Pattern:
        def read_pattern(value: Any, file: str, path: str) -> re.Pattern[str]:
            if not isinstance(value, str):
                raise _wrong(tp, value, file, path)
            try:
                return re.compile(value, re.IGNORECASE)
            except re.error as exc:
                raise ContentError(f"{at(file, path)}: {value!r} is not a valid pattern: "
                                   f"{exc}") from None
        return read_pattern
    if origin in (Union, types.UnionType):
        arms = [(arm, reader(arm)) for arm in get_args(tp) if arm is not type(None)]
        optional = len(arms) < len(get_args(tp))

        def read_either(value: Any, file: str, path: str) -> Any:
            if value is None and optional:
                return None
            for arm, read_arm in arms:
                if _fits(arm, value):
                    return read_arm(value, file, path)
            raise _wrong(tp, value, file, path)
        return read_either
    if _is_model(tp):
        return getattr(tp, "read_data", None) or (
            lambda value, file, path: read_model(tp, value, file, path))
    if origin in (list, tuple, frozenset):
        item = get_args(tp)[0]
        read_item = reader(item)
        make = list if origin is list else origin

        def read_list(value: Any, file: str, path: str) -> Any:
            if value is None:
                return make()
            if not isinstance(value, list):
                raise _wrong(tp, value, file, path)
            if item is str and all(isinstance(v, str) for v in value):
                return make(value)
            return make([read_item(v, file, f"{path}[{i}]") for i, v in enumerate(value)])
        return read_list
    if origin is dict:
        read_value = reader(get_args(tp)[1])

        def read_dict(value: Any, file: str, path: str) -> dict[str, Any]:
            if value is None:
                return {}
            if not isinstance(value, dict):
                raise _wrong(tp, value, file, path)
            return {str(k): read_value(v, file, f"{path}.{k}" if path else str(k))
                    for k, v in value.items()}
        return read_dict

    def read_plain(value: Any, file: str, path: str) -> Any:
        if not _fits(tp, value):
            raise _wrong(tp, value, file, path)
        return value
    return read_plain


def read_model(cls: type, data: Any, file: str, path: str = "") -> Any:
    """A Model from a mapping: every key known, every field without a default given."""
    if not isinstance(data, dict):
        raise ContentError(f"{at(file, path)}: expected a mapping, found {kind_of(data)}")
    fields = _model_fields(cls)
    for name, _, required in fields:
        if required and name not in data:
            names = field_names(cls)
            typo = difflib.get_close_matches(name, [k for k in data if k not in names], 1)
            raise ContentError(f"{at(file, path)}: missing {name!r}" + (
                f" ({typo[0]!r} is no field here: a misspelling?)" if typo else ""))
    if len(data) > len(fields) or any(key not in fields_by_name(cls) for key in data):
        unknown_field(cls, data, file, path)
    return cls(**{name: read_field(data[name], file, f"{path}.{name}" if path else name)
                  for name, read_field, _ in fields if name in data})


@cache
def _model_fields(cls: type) -> tuple[tuple[str, Reader, bool], ...]:
    return tuple((f.name, reader(f.type), f.required) for f in fields_of(cls))


@cache
def fields_by_name(cls: type) -> frozenset[str]:
    return frozenset(field_names(cls))


def unknown_field(cls: type, data: dict[str, Any], file: str, path: str) -> None:
    names = field_names(cls)
    for key in data:
        if key not in names:
            raise ContentError(f"{file}: unknown field {(path + '.' if path else '') + str(key)!r}"
                               f"; the fields here are {', '.join(names)}")


def overlay(base: Any, tp: Any, data: Any, file: str, path: str = "") -> Any:
    """`data` (a content pack's file) laid over `base`: a mapping changes the fields it names,
    key by key, and keeps the rest; anything else replaces the value, read as its type."""
    if data is None:
        return base
    if _is_model(tp) and getattr(tp, "read_data", None) is None:
        if not isinstance(data, dict):
            raise ContentError(f"{at(file, path)}: expected a mapping, found {kind_of(data)}")
        unknown_field(tp, data, file, path)
        types_ = {f.name: f.type for f in fields_of(tp)}
        return base.replace(**{
            key: overlay(getattr(base, key), types_[key], value, file,
                         f"{path}.{key}" if path else key)
            for key, value in data.items()})
    if get_origin(tp) is dict and isinstance(base, dict) and isinstance(data, dict):
        merged = dict(base)
        for key, value in data.items():
            if key not in base:
                raise ContentError(f"{file}: unknown field {path + '.' + str(key)!r}; the "
                                   f"fields here are {', '.join(map(str, base))}")
            merged[key] = overlay(base[key], get_args(tp)[1], value, file, f"{path}.{key}")
        return merged
    return read(tp, data, file, path)


# --- JSON Schema ---------------------------------------------------------------------------------


def json_schema(tp: Any, partial: bool = False) -> dict[str, Any]:
    """The JSON Schema of a type; `partial`: no field is required (a pack's changes)."""
    origin = get_origin(tp)
    if origin is Annotated:
        base, *checks = get_args(tp)
        own = next((c.schema for c in checks if hasattr(c, "schema")), None)
        return own or json_schema(base, partial)
    if origin is re.Pattern:
        return {"type": "string", "format": "regex"}
    if origin in (Union, types.UnionType):
        arms = [json_schema(a, partial) for a in get_args(tp)]
        return {"anyOf": arms}
    if tp is type(None):
        return {"type": "null"}
    if _is_model(tp):
        own = getattr(tp, "schema", None)
        if own:
            return own(partial)
        return model_schema(tp, partial)
    if origin in (list, tuple, frozenset):
        return {"type": ["array", "null"], "items": json_schema(get_args(tp)[0], partial)}
    if origin is dict:
        return {"type": ["object", "null"],
                "additionalProperties": json_schema(get_args(tp)[1], partial)}
    simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
    return {"type": simple[tp]} if tp in simple else {}


def model_schema(cls: type, partial: bool = False) -> dict[str, Any]:
    doc = cls.schema_note or " ".join((cls.__doc__ or "").split())
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: json_schema(f.type, partial) for f in fields_of(cls)},
        "additionalProperties": False,
    }
    if doc:
        schema["description"] = doc
    required = [f.name for f in fields_of(cls) if f.required]
    if required and not partial:
        schema["required"] = required
    return schema
