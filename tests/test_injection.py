"""Text that looks like code stays text: no template runs, no tag takes effect, nothing is fetched.

A local HTTP server on 127.0.0.1 counts every request made to it while hostile text pointing at
it is rendered into every format; the PDF renderer's URL fetcher records every URL it is asked
for. Themes run in Jinja's sandbox: a theme that reaches for Python fails with a ThemeError.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from output_checks import check_literal, check_valid, markdown_html
from output_checks import counting_server as counting_http_server

from nextround import build_request, generate
from nextround.errors import ThemeError
from nextround.themes import builtin_themes_dir


@pytest.fixture
def counting_server():
    with counting_http_server() as server:
        yield server


@pytest.fixture
def recorded_fetches(monkeypatch):
    """Every URL the PDF renderer's fetcher is asked for, across all renders in the test."""
    from nextround.rendering import html

    asked: list[str] = []
    original = html._fetcher_class

    def recording_class():
        base = original()

        class Recording(base):
            def fetch(self, url, headers=None):
                asked.append(url)
                return super().fetch(url, headers)

        return Recording

    monkeypatch.setattr(html, "_fetcher_class", recording_class)
    return asked


def hostile_fields(base: str) -> dict[str, object]:
    return {
        "role": "Engineer {{ 7*7 }} <img src=" + base + "/role.png>",
        "company": "Acme {% include '/etc/passwd' %} <link rel=stylesheet href=" + base
                   + "/company.css>",
        "candidate": "Jo <style>@import url(" + base + "/candidate.css);</style> file:///etc/passwd",
        "interviewers": ["Sam ![x](" + base + "/md.png) [y](javascript:alert(1))",
                         "<script>fetch('" + base + "/js')</script> Priya"],
        "description": "Acme sells {{ config }} groceries to <b>300</b> stores from url(" + base
                       + "/fact.png) and file:///etc/hosts. We are growing fast.",
    }


def test_hostile_text_is_shown_literally_and_nothing_is_fetched(
        tmp_path, counting_server, recorded_fetches):
    base, hits = counting_server
    urllib.request.urlopen(base + "/control").read()  # the server does count
    assert hits == ["/control"]
    hits.clear()

    fields = hostile_fields(base)
    request = build_request({**fields, "formats": "pdf,docx,html,md,json"})
    files = {p.name: p for p in generate(request, tmp_path)}
    assert len(files) == 10
    check_valid(files)

    assert hits == [], hits
    theme = (builtin_themes_dir() / "default").resolve()
    assert recorded_fetches, "the theme's own fonts and stylesheet are fetched"
    outside = [u for u in recorded_fetches
               if not (u.startswith("file://")
                       and Path(u.removeprefix("file://")).resolve().is_relative_to(theme))]
    assert outside == []

    plan = {n: p for n, p in files.items() if n.startswith("30-60-90")}
    for literal in (fields["role"], fields["company"], fields["candidate"],
                    *fields["interviewers"], "Acme sells {{ config }} groceries to <b>300</b>"):
        assert check_literal(plan, literal) == [], literal
    questions = {n: p for n, p in files.items() if n.startswith("follow-up")}
    for literal in (fields["role"], fields["company"]):
        assert check_literal(questions, literal) == [], literal


def test_markdown_of_hostile_text_makes_no_tag_link_or_image(tmp_path, counting_server):
    base, _ = counting_server
    request = build_request({**hostile_fields(base), "formats": "md"})
    for path in generate(request, tmp_path):
        rendered = markdown_html(path.read_text(encoding="utf-8"))
        for tag in ("<img", "<a ", "<script", "<style", "<link", "<b>"):
            assert tag not in rendered, (path.name, tag)
        # {{ 7*7 }} was not evaluated: no 49 standing alone (the server's port may hold 49).
        assert "{{ 7*7 }}" in rendered and not re.search(r"(?<![\d.:])49(?!\d)", rendered)


def copy_theme(tmp_path: Path) -> Path:
    theme = tmp_path / "shared-theme"
    shutil.copytree(builtin_themes_dir() / "default", theme)
    return theme


ESCAPES = [
    ("plan.html.j2", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ("plan.md.j2", "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}", "__init__"),
    ("base.html.j2", "{{ doc|attr('__class__') }}", "__class__"),
    ("plan.md.j2", "{{ '{0.__class__.__init__.__globals__}'.format(doc) }}", "is unsafe"),
    ("plan.md.j2", "{{ lipsum.__globals__['os'].popen('touch PWNED') }}", "__globals__"),
    ("plan.md.j2", "{{ self._TemplateReference__context }}", "_TemplateReference__context"),
    ("plan.md.j2", "{{ 9**99999999 }}", "powers above"),
    ("plan.md.j2", "{{ 'x' * 10**10 }}", "repeating beyond"),
]


@pytest.mark.parametrize(("template", "attack", "named"), ESCAPES)
def test_a_theme_cannot_reach_python(tmp_path, monkeypatch, template, attack, named):
    monkeypatch.chdir(tmp_path)
    theme = copy_theme(tmp_path)
    path = theme / template
    path.write_text(attack + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    fmt = "md" if template.endswith(".md.j2") else "html"
    request = build_request({"role": "Engineer", "company": "Acme", "description": "Acme.",
                             "theme": str(theme), "formats": fmt, "only": "plan"})
    with pytest.raises(ThemeError) as error:
        generate(request, tmp_path / "out")
    message = str(error.value)
    assert message.startswith(f"{path.resolve()}, line 1: the theme tried something templates "
                              f"may not do (")
    assert named in message and "\n" not in message
    assert not (tmp_path / "PWNED").exists()
    assert not (tmp_path / "out").exists()


def test_a_word_template_cannot_reach_python(tmp_path):
    import docx

    theme = copy_theme(tmp_path)
    word = docx.Document()
    word.add_paragraph("{{ doc.__class__.__mro__ }}")
    word.save(theme / "plan.docx")
    request = build_request({"role": "Engineer", "company": "Acme", "description": "Acme.",
                             "theme": str(theme), "formats": "docx", "only": "plan"})
    with pytest.raises(ThemeError, match=r"plan\.docx: the theme tried something templates may "
                                         r"not do \(access to attribute '__class__'"):
        generate(request, tmp_path / "out")


def test_a_theme_cannot_include_a_file_outside_its_folder(tmp_path):
    theme = copy_theme(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    (theme / "leak.j2").symlink_to(secret)
    plan = theme / "plan.md.j2"
    plan.write_text("{% include 'leak.j2' %}\n" + plan.read_text(encoding="utf-8"))
    request = build_request({"role": "Engineer", "company": "Acme", "description": "Acme.",
                             "theme": str(theme), "formats": "md", "only": "plan"})
    with pytest.raises(ThemeError, match="leads outside the theme folder"):
        generate(request, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_theme_stylesheet_cannot_fetch_from_the_network_or_other_files(
        tmp_path, counting_server, recorded_fetches, caplog):
    base, hits = counting_server
    theme = copy_theme(tmp_path)
    css = theme / "style.css"
    css.write_text(f"@import url({base}/theme.css);\n"
                   f"body {{ background: url(file:///etc/hostname); }}\n"
                   + css.read_text(encoding="utf-8"), encoding="utf-8")
    request = build_request({"role": "Engineer", "company": "Acme", "description": "Acme.",
                             "theme": str(theme), "formats": "pdf", "only": "plan"})
    [pdf] = generate(request, tmp_path / "out")
    assert pdf.stat().st_size > 1000
    assert hits == []
    assert f"{base}/theme.css" in recorded_fetches and "file:///etc/hostname" in recorded_fetches
    warned = " ".join(r.getMessage() for r in caplog.records if r.name == "nextround")
    assert f"The theme asks for {base}/theme.css, which is outside the theme folder" in warned
    assert "file:///etc/hostname" in warned


def test_markdown_links_no_bare_address_in_a_name(tmp_path):
    # Issue 15, item 19: readers that link bare addresses (GitHub; markdown-it with linkify)
    # turned a URL, a www. name or an e-mail address in a name into a link.
    from markdown_it import MarkdownIt

    names = {"role": "Engineer https://evil.com/x", "company": "WWW.evil.com",
             "candidate": "jo@evil.com"}
    request = build_request({**names, "description": "Acme sells groceries.",
                             "formats": "md"})
    reader = MarkdownIt("gfm-like")
    for path in generate(request, tmp_path):
        rendered = reader.render(path.read_text(encoding="utf-8"))
        assert "<a " not in rendered, path.name
        for text in names.values():
            assert text in rendered, (path.name, text)
