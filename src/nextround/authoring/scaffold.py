"""`templates init`: a theme copied into a folder of its own, with a README of its variables."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..errors import ThemeError
from ..themes import BASE_THEME, load_theme
from .variables import template_variables

README_HEAD = """\
# Theme "{name}"

Made with `nextround templates init` from the theme "{source}". Use it with
`nextround generate --theme {dest} ...`; check it with `nextround templates check {dest}`;
see its pages with `nextround preview --theme {dest} --out preview`.

- **Word**: open `plan.docx` or `questions.docx` in Word and change fonts, colors, styles, the
  page layout or the fixed words freely. Leave the tags in `{{{{ }}}}` and `{{%p ... %}}` as
  they are; if you retype one, type it in one go in plain text.
- **HTML/CSS (the PDF)**: edit `style.css` (colors and fonts are variables set from
  theme.yaml) and the `.html.j2` templates (Jinja).
- **theme.yaml**: colors, fonts, and the branding keys `logo`, `accent_color`, `font`, `footer`.
- A file you delete is taken from the theme this one extends (`extends:` in theme.yaml).

## Variables the templates receive

Text is escaped for you (HTML and Word): write `{{{{ doc.company }}}}`, never `| safe`. Lists are
used with `{{% for item in doc.priorities %}}` in HTML/Markdown and with `{{%p for ... %}}` (one
paragraph) or `{{%tr for ... %}}` (one table row) in Word. This list is made from real data
(`{sample}`), so it is what the templates get.

"""


def init_theme(dest: Path, source: str = BASE_THEME) -> Path:
    """Copy a theme (every file, inherited ones included) to dest, with a README."""
    theme = load_theme(source)
    if dest.exists() and any(dest.iterdir()):
        raise ThemeError(f"{dest} already exists and is not empty: choose a new folder.")
    dest.mkdir(parents=True, exist_ok=True)
    for layer in reversed(theme.layers):
        for path in layer.rglob("*"):
            relative = path.relative_to(layer)
            if path.is_file() and path.name != "README.md" and "__pycache__" not in path.parts:
                (dest / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest / relative)
    config_text = (theme.path / "theme.yaml").read_text(encoding="utf-8")
    config_text = re.sub(r"(?m)^name:.*$", f"name: {dest.name}", config_text, count=1)
    config_text = re.sub(r"(?m)^extends:.*\n", "", config_text)
    # Written out even for the default theme, so the author sees where deleted files come from.
    parent = theme.path.name if theme.where in ("built-in", "user") else str(theme.path)
    config_text = config_text.replace(f"name: {dest.name}",
                                      f"name: {dest.name}\nextends: {parent}", 1)
    (dest / "theme.yaml").write_text(config_text, encoding="utf-8")
    readme = README_HEAD.format(name=dest.name, source=source, dest=dest,
                                sample="nextround/sample_request.yaml")
    (dest / "README.md").write_text(readme + template_variables(), encoding="utf-8")
    return dest
