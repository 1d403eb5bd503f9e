"""The Jinja environment shared by the HTML and Markdown renderers.

Themes may come from anyone, so templates run sandboxed (no access to Python internals), and
an undefined variable is an error naming the template and line, never a silent blank.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import ThemeError
from ..themes import Theme

_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
_FONT = re.compile(r"^[\w .-]{1,60}$")
_GENERIC_FONTS = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def css_color(value: object) -> Markup:
    """A theme color, checked: only #rgb or #rrggbb reach the stylesheet."""
    text = str(value).strip()
    if not _COLOR.match(text):
        raise ThemeError(f"The color {text!r} is not a hex color such as #1B3A5C.")
    return Markup(text)


def css_fonts(value: object) -> Markup:
    """A comma-separated list of font names, each checked and quoted for CSS.

    Safe to mark: every name is letters, digits, spaces, dots and hyphens only.
    """
    names = []
    for name in str(value).split(","):
        name = name.strip()
        if not _FONT.match(name):
            raise ThemeError(f"The font name {name!r} may hold only letters, digits, spaces, "
                             f". and -.")
        names.append(name if name in _GENERIC_FONTS else f'"{name}"')
    return Markup(", ".join(names))


def markdown_escape(value: object) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


@lru_cache(maxsize=16)
def environment(layers: tuple[str, ...], markup: str) -> SandboxedEnvironment:
    """One environment per theme chain: a template missing from a theme comes from its parent."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(list(layers)),
        autoescape=markup == "html",
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters.update(css_color=css_color, css_fonts=css_fonts, md=markdown_escape)
    return env


def template_line(exc: BaseException) -> tuple[str, int] | None:
    """The template file and line an error was raised at, from Jinja's rewritten traceback."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return (frames[-1].filename, frames[-1].lineno or 0) if frames else None


def render_template(theme: Theme, name: str, markup: str, **context: object) -> str:
    from .branding import template_theme

    layers = tuple(str(folder) for folder in theme.layers or (theme.path,))
    try:
        template = environment(layers, markup).get_template(name)
        return template.render(theme=template_theme(theme, "html"), **context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or str(theme.file(name))
        raise ThemeError(f"{where}, line {exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        where, line = template_line(exc) or (str(theme.file(name)), 0)
        message = f"undefined variable ({exc.message})"
        raise ThemeError(f"{where}, line {line}: {message}"
                         if line else f"{where}: {message}") from None
    except jinja2.TemplateNotFound as exc:
        found = template_line(exc)
        at = f"{found[0]}, line {found[1]}: " if found else f"{theme.path}: "
        raise ThemeError(f"{at}the template {exc.name!r} is missing.") from None
