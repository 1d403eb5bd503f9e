"""Build a built-in theme's Word templates (templates/<theme>/plan.docx and questions.docx).

The .docx files are the theme's source of truth once committed: a user edits them in Word.
This script is how the originals were made, kept so they can be rebuilt after a design change:

    .venv/bin/python scripts/make_docx_templates.py            # the default theme
    .venv/bin/python scripts/make_docx_templates.py classic    # another built-in theme

Colors come from the theme's theme.yaml, the font from its `docx_font` (Calibri if unset).

The templates use docxtpl tags: {{ ... }} in runs, {%p ... %} paragraphs for loops over
paragraphs, {%tr ... %} rows for loops over table rows. Every word they show comes from the
composed handout (section titles, column names, `doc.labels`), so a content pack renames it in
Word as in the PDF: no wording is typed here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

THEME = Path(__file__).resolve().parents[1] / "templates" / (sys.argv[1] if len(sys.argv) > 1
                                                             else "default")
CONFIG = yaml.safe_load((THEME / "theme.yaml").read_text())
COLORS = CONFIG["colors"]
FONT = CONFIG.get("docx_font") or "Calibri"


def rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def shade(cell, hex_color: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_color.lstrip("#").upper())
    props.append(shd)


def border(paragraph_or_style, side: str, color: str, size: int = 6, space: int = 2) -> None:
    """A rule under (or over) a paragraph: headings and the answer lines use it."""
    element = paragraph_or_style._element
    ppr = element.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), color.lstrip("#").upper())
    bdr.append(line)


def cell_margins(table, top=60, bottom=60, left=100, right=100) -> None:
    tblpr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)


def no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def row_rules(table, color: str) -> None:
    """Thin horizontal rules between rows only: a light, modern table."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "right", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    for side in ("bottom", "insideH"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), color.lstrip("#").upper())
        borders.append(el)
    tblpr.append(borders)


def field(run, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) inside a run."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, text, separate, placeholder, end):
        run._r.append(el)


def keep_with_next(style) -> None:
    style.paragraph_format.keep_with_next = True


def base_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(0.7))
    section.top_margin, section.bottom_margin = Inches(0.6), Inches(0.7)
    section.footer_distance = Inches(0.35)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.font.size = Pt(9.5)
    normal.font.color.rgb = rgb(COLORS["text"])
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.08

    title = styles["Title"]
    title.font.name, title.font.size, title.font.bold = FONT, Pt(22), True
    title.font.color.rgb = rgb(COLORS["accent"])
    title.paragraph_format.space_after = Pt(0)
    title_rule = title.element.pPr.find(qn("w:pBdr"))  # Word's built-in Title has a rule
    if title_rule is not None:
        title.element.pPr.remove(title_rule)

    subtitle = styles["Subtitle"]
    subtitle.font.name, subtitle.font.size, subtitle.font.bold = FONT, Pt(13), True
    subtitle.font.italic = False
    subtitle.font.color.rgb = rgb(COLORS["text"])
    subtitle.paragraph_format.space_after = Pt(4)

    kicker = styles.add_style("Kicker", WD_STYLE_TYPE.PARAGRAPH)
    kicker.base_style = normal
    kicker.font.size, kicker.font.bold, kicker.font.all_caps = Pt(8), True, True
    kicker.font.color.rgb = rgb(COLORS["phases"][0])
    kicker.paragraph_format.space_after = Pt(2)

    meta = styles.add_style("Meta", WD_STYLE_TYPE.PARAGRAPH)
    meta.base_style = normal
    meta.font.size = Pt(8.5)
    meta.font.color.rgb = rgb(COLORS["muted"])

    note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size, note.font.italic = Pt(8.5), True
    note.font.color.rgb = rgb(COLORS["muted"])
    note.paragraph_format.space_after = Pt(3)

    h1 = styles["Heading 1"]
    h1.font.name, h1.font.size, h1.font.bold = FONT, Pt(12), True
    h1.font.color.rgb = rgb(COLORS["accent"])
    h1.paragraph_format.space_before, h1.paragraph_format.space_after = Pt(10), Pt(3)
    keep_with_next(h1)
    border(h1, "bottom", COLORS["rule"], size=4, space=1)

    h2 = styles["Heading 2"]
    h2.font.name, h2.font.size, h2.font.bold = FONT, Pt(10), True
    h2.font.color.rgb = rgb(COLORS["text"])
    h2.paragraph_format.space_before, h2.paragraph_format.space_after = Pt(4), Pt(1)
    keep_with_next(h2)

    label = styles.add_style("Label", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    label.font.size, label.font.bold, label.font.all_caps = Pt(7.5), True, True
    label.font.color.rgb = rgb(COLORS["muted"])
    label.paragraph_format.space_before, label.paragraph_format.space_after = Pt(5), Pt(1)
    keep_with_next(label)

    bullet = styles["List Bullet"]
    bullet.font.name, bullet.font.size = FONT, Pt(9.5)
    bullet.paragraph_format.space_after = Pt(2)

    number = styles["List Number"]
    number.font.name, number.font.size = FONT, Pt(9.5)
    number.paragraph_format.space_after = Pt(3)

    for name in ("Heading 1", "Heading 2", "Title", "Subtitle"):
        rfonts = styles[name].element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
    return doc


def footer(doc: Document) -> None:
    par = doc.sections[0].footer.paragraphs[0]
    par.style = doc.styles["Meta"]
    width = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    par.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    par.add_run(
        "{% if theme.footer %}{{ theme.footer }}{% elif doc.candidate %}{{ doc.labels.running }}"
        "{% else %}{{ doc.labels.running_anonymous }}{% endif %} · {{ doc.title }}"
        "\t{{ doc.labels.page }} "
    )
    field(par.add_run(), "PAGE")
    par.add_run(" {{ doc.labels.of }} ")
    field(par.add_run(), "NUMPAGES")


def masthead(doc: Document) -> None:
    # The logo (--logo, nextround.toml or theme.yaml), right-aligned above the title.
    doc.add_paragraph("{%p if theme.logo %}")
    doc.add_paragraph("{{ theme.logo }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ doc.title }}", style="Kicker")
    doc.add_paragraph("{{ doc.role }}", style="Title")
    doc.add_paragraph("{{ doc.company }}", style="Subtitle")
    meta = doc.add_paragraph(style="Meta")
    meta.add_run("{% if doc.candidate %}{{ doc.labels.prepared_by }} ")
    meta.add_run("{{ doc.candidate }}").bold = True
    meta.add_run("   ·   {% endif %}{{ doc.labels.date }} ")
    meta.add_run("{{ doc.date }}").bold = True
    meta.add_run("{% if doc.start_date %}   ·   {{ doc.labels.start_date }} ")
    meta.add_run("{{ doc.start_date }}").bold = True
    meta.add_run("{% endif %}{% if doc.interviewers %}   ·   {{ doc.labels.recipients }} ")
    meta.add_run("{{ doc.interviewers | join(', ') }}").bold = True
    meta.add_run("{% endif %}")
    sub = doc.add_paragraph("{{ doc.subtitle }}", style="Note")
    border(sub, "bottom", COLORS["accent"], size=18, space=4)
    doc.add_paragraph("{%p if doc.introduction %}")
    doc.add_paragraph("{{ doc.introduction }}")
    doc.add_paragraph("{%p endif %}")


def loop(container, header: str, body: str, style: str, footer_tag: str = "{%p endfor %}"):
    container.add_paragraph(header)
    container.add_paragraph(body, style=style)
    container.add_paragraph(footer_tag)


def table(doc, columns: list[tuple[str, float]], row: list[str], loop_over: str, bold_first=True):
    """A table with a header row and one row repeated for each item of `loop_over`."""
    t = doc.add_table(rows=4, cols=len(columns))
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    row_rules(t, COLORS["rule"])
    cell_margins(t, top=40, bottom=40, left=0, right=120)
    for i, (name, width) in enumerate(columns):
        for r in range(4):
            t.cell(r, i).width = Inches(width)
        head = t.cell(0, i).paragraphs[0]
        head.style = doc.styles["Label"]
        head.add_run(name)
    t.cell(1, 0).paragraphs[0].add_run(f"{{%tr for item in {loop_over} %}}")
    for i, text in enumerate(row):
        run = t.cell(2, i).paragraphs[0].add_run(text)
        run.bold = bold_first and i == 0
    t.cell(3, 0).paragraphs[0].add_run("{%tr endfor %}")
    return t


def plan_template() -> Document:
    doc = base_document()
    footer(doc)
    masthead(doc)

    doc.add_paragraph("{{ doc.understanding.title }}", style="Heading 1")
    doc.add_paragraph("{{ doc.understanding.note }}", style="Note")
    loop(doc, "{%p for fact in doc.understanding.facts %}", "{{ fact }}", "List Bullet")
    doc.add_paragraph("{%p if doc.understanding.to_learn and doc.understanding.facts %}")
    doc.add_paragraph("{{ doc.sections.to_learn }}", style="Note")
    doc.add_paragraph("{%p endif %}")
    loop(doc, "{%p for item in doc.understanding.to_learn %}", "{{ item }}", "List Bullet")

    doc.add_paragraph("{{ doc.sections.priorities }}", style="Heading 1")
    doc.add_paragraph("{%p for p in doc.priorities %}")
    prio = doc.add_paragraph(style="List Number")
    prio.add_run("{{ p.title }}").bold = True
    prio.add_run("{% if p.detail %}: {{ p.detail }}{% endif %}")
    prio.add_run("{% if p.evidence %} (“{{ p.evidence }}”){% endif %}").italic = True
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("{{ doc.sections.phases }}", style="Heading 1")
    t = doc.add_table(rows=2, cols=3)
    no_borders(t)
    cell_margins(t, top=80, bottom=100, left=110, right=110)
    for i in range(3):
        head, body = t.cell(0, i), t.cell(1, i)
        head.width = body.width = Inches(2.36)
        shade(head, COLORS["phases"][i])
        shade(body, COLORS["tint"])
        p = head.paragraphs[0]
        r = p.add_run(f"{{{{ doc.phases[{i}].days }}}}")
        r.font.size, r.font.bold, r.font.all_caps = Pt(7.5), True, True
        r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        p2 = head.add_paragraph()
        r = p2.add_run(f"{{{{ doc.phases[{i}].name }}}}")
        r.font.size, r.font.bold = Pt(12), True
        r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        dates = f"doc.phases[{i}].dates"
        r = p2.add_run(f"{{% if {dates} %}}  {{{{ {dates} }}}}{{% endif %}}")
        r.font.size = Pt(7.5)
        r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        theme = body.paragraphs[0]
        theme.add_run(f"{{{{ doc.phases[{i}].theme }}}}").bold = True
        body.add_paragraph("{{ doc.sections.actions }}", style="Label")
        body.add_paragraph(f"{{%p for a in doc.phases[{i}].actions %}}")
        body.add_paragraph("{{ a }}", style="List Bullet")
        body.add_paragraph("{%p endfor %}")
        body.add_paragraph("{{ doc.sections.deliverables }}", style="Label")
        body.add_paragraph(f"{{%p for d in doc.phases[{i}].deliverables %}}")
        body.add_paragraph("{{ d }}", style="List Bullet")
        body.add_paragraph("{%p endfor %}")

    doc.add_paragraph("{{ doc.sections.measures }}", style="Heading 1")
    table(doc, [("{{ doc.sections.measure }}", 2.1), ("{{ doc.sections.baseline }}", 2.3),
                ("{{ doc.sections.target }}", 2.7)],
          ["{{ item.metric }}", "{{ item.baseline }}", "→ {{ item.target }}"], "doc.measures")

    doc.add_paragraph("{{ doc.sections.stakeholders }}", style="Heading 1")
    table(doc, [("{{ doc.sections.who }}", 2.6), ("{{ doc.sections.learn_from }}", 4.5)],
          ["{{ item.role }}", "{{ item.why }}"], "doc.stakeholders")

    doc.add_paragraph("{{ doc.sections.early_wins }}", style="Heading 1")
    loop(doc, "{%p for w in doc.early_wins %}", "{{ w }}", "List Bullet")
    doc.add_paragraph("{{ doc.sections.assumptions }}", style="Heading 1")
    loop(doc, "{%p for a in doc.assumptions %}", "{{ a }}", "List Bullet")

    doc.add_paragraph("{{ doc.sections.checkins }}", style="Heading 1")
    table(doc, [("{{ doc.sections.checkin }}", 1.6), ("{{ doc.sections.review }}", 5.5)],
          ["{{ doc.labels.day }} {{ item.day }}{% if item.date %} · {{ item.date }}{% endif %}",
           "{{ item.text }}"],
          "doc.checkins")
    return doc


def questions_template() -> Document:
    doc = base_document()
    footer(doc)
    answer = doc.styles.add_style("Answer Line", WD_STYLE_TYPE.PARAGRAPH)
    answer.base_style = doc.styles["Normal"]
    answer.paragraph_format.space_after = Pt(6)
    answer.paragraph_format.left_indent = Inches(0.25)
    border(answer, "bottom", COLORS["rule"], size=4, space=1)
    question = doc.styles.add_style("Question", WD_STYLE_TYPE.PARAGRAPH)
    question.base_style = doc.styles["Normal"]
    question.paragraph_format.space_before = Pt(3)
    question.paragraph_format.left_indent = Inches(0.25)
    question.paragraph_format.first_line_indent = Inches(-0.25)
    question.paragraph_format.keep_with_next = True
    check = doc.styles.add_style("Checklist", WD_STYLE_TYPE.PARAGRAPH)
    check.base_style = doc.styles["Normal"]
    check.paragraph_format.left_indent = Inches(0.22)
    check.paragraph_format.first_line_indent = Inches(-0.22)

    masthead(doc)
    doc.add_paragraph("{%p if doc.people %}")
    doc.add_paragraph("{{ doc.labels.who_i_meet }}", style="Heading 1")
    table(doc, [("{{ doc.labels.interviewer }}", 1.8), ("{{ doc.labels.role }}", 2.0),
                ("{{ doc.labels.cares }}", 3.3)],
          ["{{ item.name }}", "{{ item.title }}", "{{ item.cares }}"], "doc.people")
    doc.add_paragraph("{%p endif %}")

    doc.add_paragraph("{%p set counter = namespace(n=0) %}")
    doc.add_paragraph("{%p for section in doc.sections %}")
    heading = doc.add_paragraph(style="Heading 1")
    heading.add_run("{{ section.title }}")
    aud = heading.add_run("   {{ section.audience }}")
    aud.font.size, aud.font.bold, aud.italic = Pt(8.5), False, True
    aud.font.color.rgb = rgb(COLORS["muted"])
    doc.add_paragraph("{%p for q in section.questions %}")
    q = doc.add_paragraph(style="Question")
    num = q.add_run("{% set counter.n = counter.n + 1 %}{{ counter.n }}.\t")
    num.bold = True
    num.font.color.rgb = rgb(COLORS["phases"][0])
    q.paragraph_format.tab_stops.add_tab_stop(Inches(0.25))
    q.add_run("{{ q }}")
    doc.add_paragraph("", style="Answer Line")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("{{ doc.research.title }}", style="Heading 1")
    loop(doc, "{%p for item in doc.research.items %}", "☐  {{ item }}", "Checklist")
    doc.add_paragraph("{%p if doc.research.known %}")
    known = doc.add_paragraph(style="Note")
    known.add_run("{{ doc.research.known_title }}: ").bold = True
    known.add_run("{{ doc.research.known | join(' · ') }}")
    doc.add_paragraph("{%p endif %}")
    return doc


if __name__ == "__main__":
    plan_template().save(THEME / "plan.docx")
    questions_template().save(THEME / "questions.docx")
    print(THEME / "plan.docx")
    print(THEME / "questions.docx")
