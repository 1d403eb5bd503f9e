"""The Jinja environment shared by the HTML and Markdown renderers.

Themes may come from anyone, so templates run sandboxed (no access to Python internals), and
an undefined variable is an error naming the template and line, never a silent blank.
"""

from __future__ import annotations

import contextlib
import re
import traceback
from functools import lru_cache
from pathlib import Path
from string import Formatter

import jinja2
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from ..errors import ThemeError
from ..themes import Theme
from .branding import css_color, css_fonts, css_string, template_theme
from .budget import time_budget

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MARKDOWN_REFERENCE = re.compile(r"&(?=#?\w+;)")
_MARKDOWN_AUTOLINK = re.compile(r"(?<=\w):(?=//)|(?<=\bwww)\.|@", re.IGNORECASE)


def markdown_escape(value: object) -> str:
    """User text as Markdown that shows exactly that text: no emphasis, link, image, raw HTML,
    heading, table cell or character reference ('&amp;' stays those five characters)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
    # Readers that link bare addresses (GitHub, most sites) would make 'https://...',
    # 'www....' and 'jo@example.com' in a name into links; an escaped ':', '.' or '@' shows the
    # same character and links nothing.
    text = _MARKDOWN_AUTOLINK.sub(lambda m: "\\" + m.group(0), text)
    return _MARKDOWN_REFERENCE.sub(r"\\&", text).replace("\n", " ")


class ThemeLoader(jinja2.FileSystemLoader):
    """Loads templates from the theme folder only: a symbolic link that leads outside it (to
    a private file, say) is refused, so a shared theme cannot copy that file into a handout."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        roots = [Path(p).resolve() for p in self.searchpath]
        if not any(Path(filename).resolve().is_relative_to(root) for root in roots):
            raise ThemeError(f"{filename}: the template leads outside the theme folder "
                             f"(a symbolic link?); themes may only use their own files.")
        return source, filename, uptodate


MAX_POWER = 64
MAX_REPEAT = 100_000
MAX_DIGITS = 100  # any number a template makes
MAX_TEXT = 1_000_000  # characters in any text a template builds, and in what it renders
MAX_WIDTH = 10_000  # a width or precision in a format ('{:>10}', '%10s', center(10))
MAX_LIPSUM = 20  # paragraphs of lorem ipsum (a placeholder for a theme author)
_MAX_BITS = int(MAX_DIGITS * 3.33)
_PERCENT_SPEC = re.compile(r"%[^a-zA-Z%]*")


def _limit(condition: bool, reason: str) -> None:
    if condition:
        raise SecurityError(reason)


def _check_text(value: object) -> object:
    if isinstance(value, str | list | tuple):
        _limit(len(value) > MAX_TEXT, f"text longer than {MAX_TEXT:,} characters is not allowed")
    return value


def _check_format(template: str, percent: bool = False) -> None:
    """A format string whose widths are bounded: '{:>2000000000}' or '%2000000000s' would
    build gigabytes of spaces in one call that nothing can interrupt."""
    specs = (_PERCENT_SPEC.findall(template) if percent else
             [spec for _, _, spec, _ in Formatter().parse(template) if spec])
    for spec in specs:
        _limit("{" in spec or "*" in spec, "widths taken from arguments are not allowed in a "
                                           "format")
        _limit(any(int(n) > MAX_WIDTH for n in re.findall(r"\d+", spec)),
               f"format widths above {MAX_WIDTH:,} are not allowed")


def _bounded_filter(name: str, original):
    """A built-in filter with its sizes bounded before it runs."""

    # A filter marked @pass_eval_context or @pass_environment gets that first.
    skip = 1 if hasattr(original, "jinja_pass_arg") else 0

    def bounded(*args, **kwargs):
        given = args[skip:]
        values = [*given[1:], *kwargs.values()]
        if name == "format" and given:
            _check_format(str(given[0]), percent=True)
        elif name == "replace" and len(given) >= 3:
            _check_replace(str(given[0]), str(given[1]), str(given[2]))
        else:
            _limit(any(isinstance(v, int) and v > MAX_WIDTH for v in values),
                   f"widths above {MAX_WIDTH:,} are not allowed")
        return _check_text(original(*args, **kwargs))

    bounded.__dict__.update(original.__dict__)  # keeps Jinja's pass_eval_context marks
    return bounded


def _bounded_lipsum(lipsum):
    def bounded(n=5, html=True, min=20, max=100):  # noqa: A002 (Jinja's own names)
        _limit(not all(isinstance(v, int) for v in (n, min, max))
               or n > MAX_LIPSUM or max > 100 or min > 100,
               f"lipsum above {MAX_LIPSUM} paragraphs of 100 words is not allowed")
        return lipsum(n, html, min, max)

    return bounded


def _check_replace(text: str, old: str, new: str) -> None:
    grows = (len(new) - len(old)) * (text.count(old) if old else len(text) + 1)
    _limit(len(text) + grows > MAX_TEXT,
           f"text longer than {MAX_TEXT:,} characters is not allowed")


def _bounded_join(pieces) -> str:
    """What a template renders, joined as it is produced: stopped at MAX_TEXT characters
    instead of after a loop has built gigabytes."""
    out, size = [], 0
    for piece in pieces:
        size += len(piece)
        _limit(size > MAX_TEXT, f"output longer than {MAX_TEXT:,} characters is not allowed")
        out.append(piece)
    return "".join(out)


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's compiler, with every `a ~ b` checked: `{% set ns.s = ns.s ~ ns.s %}` in a loop
    doubles a text forty times over without any call the sandbox sees."""

    def visit_Concat(self, node, frame):
        self.write("environment.check_text(")
        super().visit_Concat(node, frame)
        self.write(")")


class ThemeSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox (with lists and dicts read-only), plus bounds on what a template can
    make: numbers of at most MAX_DIGITS digits, texts and output of at most MAX_TEXT
    characters, widths of at most MAX_WIDTH, so that a theme cannot stall or exhaust the machine
    with {{ 9**9**9 }}, {{ 'x' * 10**10 }} or {{ 'x'|center(2000000000) }}. What no bound
    catches (loops in loops) is stopped by the render time budget (budget.py)."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})
    code_generator_class = _BoundedCodeGenerator
    concat = staticmethod(_bounded_join)
    check_text = staticmethod(_check_text)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("center", "indent", "format", "replace"):
            self.filters[name] = _bounded_filter(name, self.filters[name])
        self.globals["lipsum"] = _bounded_lipsum(self.globals["lipsum"])

    def call_binop(self, context, operator, left, right):
        numbers = isinstance(left, int) and isinstance(right, int)
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_POWER:
            raise SecurityError(f"powers above {MAX_POWER} are not allowed")
        if operator == "**" and numbers and right > 0:
            _limit(left.bit_length() * right > _MAX_BITS,
                   f"numbers over {MAX_DIGITS} digits are not allowed")
        if operator == "*" and numbers:
            _limit(left.bit_length() + right.bit_length() > _MAX_BITS,
                   f"numbers over {MAX_DIGITS} digits are not allowed")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (isinstance(seq, str | list | tuple) and isinstance(times, int)
                        and len(seq) * times > MAX_REPEAT):
                    raise SecurityError(f"repeating beyond {MAX_REPEAT:,} items is not allowed")
        if operator == "+" and isinstance(left, str | list | tuple) \
                and isinstance(right, str | list | tuple):
            _limit(len(left) + len(right) > MAX_TEXT,
                   f"text longer than {MAX_TEXT:,} characters is not allowed")
        if operator == "%" and isinstance(left, str):
            _check_format(left, percent=True)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name in ("center", "ljust", "rjust", "zfill", "expandtabs"):
                _limit(any(isinstance(a, int) and a > MAX_WIDTH for a in args),
                       f"widths above {MAX_WIDTH:,} are not allowed")
            elif name == "replace" and len(args) >= 2:
                _check_replace(owner, str(args[0]), str(args[1]))
        return _check_text(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None

        def checked(*args, **kwargs):
            _check_format(value.__self__)
            return _check_text(wrapped(*args, **kwargs))

        return checked


def sandbox(kind: type[ThemeSandbox] = ThemeSandbox, **options: object) -> ThemeSandbox:
    """A sandboxed Jinja environment: a theme can lay out the data it is given and nothing
    else (no attributes starting with '_', no Python internals, bounded ranges and sizes)."""
    return kind(undefined=jinja2.StrictUndefined, **options)


class WordSandbox(ThemeSandbox):
    """The sandbox for Word templates. docxtpl hands Jinja a Word file's XML as a string for
    every handout, and the same file gives the same string: each is compiled once per process
    (about a tenth of a batch row's time), not once per handout."""

    def from_string(self, source, globals=None, template_class=None):
        if globals is None and template_class is None and isinstance(source, str):
            return self._compiled(source)
        return super().from_string(source, globals, template_class)

    @lru_cache(maxsize=64)  # noqa: B019 (one environment per process, kept for its life)
    def _compiled(self, source: str):
        return super().from_string(source)


@lru_cache(maxsize=1)
def word_environment() -> WordSandbox:
    return sandbox(WordSandbox, autoescape=True)


@lru_cache(maxsize=16)
def environment(layers: tuple[str, ...], markup: str) -> SandboxedEnvironment:
    """One environment per theme chain: a template missing from a theme comes from its parent."""
    env = sandbox(
        loader=ThemeLoader(list(layers)),
        autoescape=markup == "html",
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters.update(css_color=css_color, css_fonts=css_fonts, css_string=css_string,
                       md=markdown_escape, two_columns=two_columns)
    return env


# About how many characters of a checklist item fit one line of a half-page column.
COLUMN_LINE_CHARS = 46


def two_columns(items: list[str]) -> tuple[list[str], list[str]]:
    """A list split in two at the point that best balances the lines of each half, in
    reading order (the first half on the left), as CSS columns would balance it. Done here
    because WeasyPrint balances columns by laying them out again and again: a tenth of a
    question sheet's rendering time."""
    items = list(items)
    lines = [max(1, -(-len(str(item)) // COLUMN_LINE_CHARS)) for item in items]
    total = sum(lines)
    best, split, above = total, len(items), 0
    for index, count in enumerate(lines):
        above += count
        height = max(above, total - above)
        if height < best:
            best, split = height, index + 1
    return items[:split], items[split:]


def template_failure(where: str, exc: Exception) -> ThemeError:
    """A theme's template failed while rendering: say where and why, in one line."""
    if isinstance(exc, SecurityError):
        reason = str(exc).rstrip(".")
        return ThemeError(f"{where}: the theme tried something templates may not do ({reason}). "
                          f"Themes are sandboxed: they lay out the handout's data, nothing more.")
    if isinstance(exc, jinja2.UndefinedError):
        return ThemeError(f"{where}: {exc.message}")
    return ThemeError(f"{where}: the template failed ({type(exc).__name__}: {exc}).")


UNDEFINED_ADVICE = ("check its spelling against the list in the theme's README.md (made by "
                    "'nextround templates init')")


def undefined_name(exc: jinja2.UndefinedError, written_in: str = "") -> str:
    """The name a template used that does not exist, as the template spells it when the text
    around it is given ("doc.rol", not Jinja's "'dict object' has no attribute 'rol'")."""
    found = re.search(r"has no attribute '([^']+)'|^'([^']+)' is undefined", exc.message or "")
    if not found:
        return exc.message or "a variable"
    name = found.group(1) or found.group(2)
    spelled = re.search(rf"[\w.]*\b{re.escape(name)}\b", written_in)
    return spelled.group(0) if spelled else name


def template_line(exc: BaseException) -> tuple[str, int] | None:
    """The template file and line an error was raised at, from Jinja's rewritten traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return (frames[-1].filename, frames[-1].lineno or 0) if frames else None


def render_template(theme: Theme, name: str, markup: str, **context: object) -> str:
    layers = tuple(str(folder) for folder in theme.layers or (theme.path,))
    with time_budget(str(theme.file(name)), LOOP_ADVICE):
        return _render_template(theme, name, markup, layers, context)


LOOP_ADVICE = "look for loops inside loops over long ranges, and make them smaller."


def _render_template(theme: Theme, name: str, markup: str, layers: tuple[str, ...],
                     context: dict[str, object]) -> str:
    try:
        template = environment(layers, markup).get_template(name)
        return template.render(theme=template_theme(theme, "html"), **context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or str(theme.file(name))
        raise ThemeError(f"{where}, line {exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        where, line = template_line(exc) or (str(theme.file(name)), 0)
        text = ""
        if line:
            with contextlib.suppress(OSError, UnicodeDecodeError, IndexError):
                text = Path(where).read_text(encoding="utf-8").splitlines()[line - 1]
        message = f"undefined variable '{undefined_name(exc, text)}': {UNDEFINED_ADVICE}."
        raise ThemeError(f"{where}, line {line}: {message}"
                         if line else f"{where}: {message}") from None
    except jinja2.TemplateNotFound as exc:
        found = template_line(exc)
        at = f"{found[0]}, line {found[1]}: " if found else f"{theme.path}: "
        raise ThemeError(f"{at}the template {exc.name!r} is missing.") from None
    except ThemeError:
        raise
    except Exception as exc:  # anything a theme's template does wrong is the theme's error
        found = template_line(exc)
        where = f"{found[0]}, line {found[1]}" if found else str(theme.file(name))
        raise template_failure(where, exc) from None
