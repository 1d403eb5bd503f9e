"""Names and descriptions in scripts other than Latin come out as real glyphs in the PDF and as
the same characters in the DOCX; a character no font covers is named in a warning.

The fonts come from the system (README, "Fonts"): fonts-noto-core for Greek, Cyrillic, Arabic
and Hebrew, fonts-wqy-microhei for Chinese and Japanese; the theme's Inter covers Latin.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, need, once_per_run, pdf_text
from output_checks import docx_text, no_space, pdf_checked_text

from nextround import build_request, generate

# script: (role, company, candidate, a sentence of the description in English naming places
# and products in the script, as bilingual job ads do, and a sentence wholly in the script).
SCRIPTS = {
    "vietnamese": ("Kỹ sư dữ liệu", "Công ty Cổ phần Việt Tiến", "Nguyễn Thị Hương",
                   "Việt Tiến sells data analysis to 300 supermarkets in Hà Nội and Đà Nẵng.",
                   "Chúng tôi đang phát triển nhanh."),
    "yoruba": ("Onímọ̀ ẹ̀rọ dátà", "Ilé-iṣẹ́ Ọ̀nà Àṣẹ", "Adéwálé Ọlọ́runfẹ́mi",
               "Ọ̀nà Àṣẹ sells data analysis to 300 supermarkets in Ìbàdàn and Ọ̀yọ́.",
               "A ń dàgbà kíákíá."),
    "polish": ("Inżynier danych", "Zakłady Mięsne Świętokrzyskie", "Łukasz Żółć",
               "Świętokrzyskie sells data analysis to 300 supermarkets in Łódź and Gdańsk.",
               "Szybko się rozwijamy."),
    "greek": ("Μηχανικός δεδομένων", "Ελληνικά Τρόφιμα Α.Ε.", "Αλέξανδρος Παπαδόπουλος",
              "Ελληνικά Τρόφιμα sells data analysis to 300 supermarkets in Αθήνα and Πάτρα.",
              "Αναπτυσσόμαστε γρήγορα."),
    "cyrillic": ("Инженер данных", "ООО «Северный ветер»", "Дмитрий Ёлкин",
                 "Северный ветер sells data analysis to 300 supermarkets in Москва and Казань.",
                 "Мы быстро растём."),
    "chinese": ("数据工程师", "北京数据科技有限公司", "王小明",
                "北京数据科技 sells data analysis to 300 supermarkets in 北京 and 上海.",
                "我们正在快速发展。"),
    "japanese": ("データエンジニア", "株式会社ひかりデータ", "山田 花子",
                 "ひかりデータ sells data analysis to 300 supermarkets in 東京 and 大阪.",
                 "私たちは急成長しています。"),
    "arabic": ("مهندس بيانات", "شركة البيانات العربية", "محمد الأحمد",
               "البيانات العربية sells data analysis to 300 supermarkets in دبي and الرياض.",
               "نحن ننمو بسرعة."),
    "hebrew": ("מהנדס נתונים", "חברת הנתונים בע״מ", "דוד כהן",
               "הנתונים sells data analysis to 300 supermarkets in תל אביב and חיפה.",
               "אנחנו צומחים מהר."),
}
RTL = {"arabic", "hebrew"}


@contextlib.contextmanager
def warnings_logged():
    """The messages the "nextround" logger warns about inside the block."""
    messages: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler = Keep(logging.WARNING)
    logger = logging.getLogger("nextround")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


@pytest.fixture(scope="module")
def script_files(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """The plan of each script as PDF and DOCX, and the DOCX read back by LibreOffice (one
    LibreOffice run for all of them); made once for the test run."""
    return once_per_run(tmp_path_factory, "scripts", _make_script_files)


def _make_script_files(out: Path) -> dict[str, dict[str, Path]]:
    soffice = need("soffice")
    files: dict[str, dict[str, Path]] = {}
    for script, (role, company, candidate, fact, own) in SCRIPTS.items():
        request = build_request({
            "role": role, "company": company, "candidate": candidate,
            "interviewers": [candidate], "description": f"{fact} {own} We are growing fast.",
            "formats": "pdf,docx", "only": "plan", "date": "2026-11-25"})
        with warnings_logged() as warned:
            written = generate(request, out / script)
        files[script] = {p.suffix: p for p in written}
        files[script]["warnings"] = warned
    for script, f in files.items():
        # Each DOCX has the same name; give each its own so the text files do not collide.
        renamed = f[".docx"].with_name(f"{script}.docx")
        renamed.write_bytes(f[".docx"].read_bytes())
        f["renamed"] = renamed
    docx = [str(f["renamed"]) for f in files.values()]
    text_dir = out / "lo-text"
    subprocess.run([soffice, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(text_dir), *docx],
                   capture_output=True, text=True, timeout=300, check=True)
    for script, f in files.items():
        f[".txt"] = text_dir / f"{script}.txt"
    return files


def covering_families(ch: str) -> set[str]:
    """The font families with a glyph for ch: the installed ones, as fontconfig reports them,
    and the ones the built-in themes bring, read from their files (fontconfig may not know
    those, yet the PDF embeds them)."""
    result = subprocess.run([need("fc-list"), f":charset={ord(ch):x}", "family"],
                            capture_output=True, text=True, check=True)
    installed = {_squeeze(name) for line in result.stdout.splitlines()
                 for name in line.split(",")}
    return installed | {family for family, charset in theme_fonts() if ord(ch) in charset}


@functools.lru_cache(maxsize=1)
def theme_fonts() -> list[tuple[str, frozenset[int]]]:
    """(family, characters) of every font file the built-in themes bring."""
    from fontTools.ttLib import TTFont

    fonts = []
    for path in sorted((ROOT / "templates").glob("*/fonts/*.[ot]tf")):
        font = TTFont(path, lazy=True)
        family = font["name"].getDebugName(1) or path.stem
        fonts.append((_squeeze(family), frozenset(font.getBestCmap())))
    return fonts


def embedded_fonts(pdf: Path) -> list[str]:
    """Names of the fonts embedded in the PDF (subset tag dropped); every font must be
    embedded."""
    lines = subprocess.run([need("pdffonts"), str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    names = []
    for line in lines:
        name = line.split()[0]
        assert " yes " in line[len(name):], f"font not embedded: {line}"
        names.append(_squeeze(name.split("+", 1)[-1]))
    return names


def rtl_words(*texts: str) -> list[str]:
    """The right-to-left words of texts, each as its sorted letters.

    pdftotext marks right-to-left runs with embedding controls and gives the two letters of
    the lam-alef ligature (لأ, one glyph) in either order, so a word is compared by its letters;
    that the letters are shaped and run right to left is checked on the rendered page."""
    words = []
    for text in texts:
        text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", " ", text)
        words += ["".join(sorted(w)) for w in re.findall(r"[\u0590-\u06ff\ufb1d-\ufefc]+", text)]
    return words


def _squeeze(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def letters(text: str) -> list[str]:
    """The distinct non-ASCII letters of a text, in order."""
    seen: dict[str, None] = {}
    for ch in unicodedata.normalize("NFC", text):
        if not ch.isascii() and unicodedata.category(ch)[0] == "L":
            seen.setdefault(ch)
    return list(seen)


@pytest.mark.parametrize("script", SCRIPTS)
def test_pdf_shows_the_script_with_an_embedded_font_that_has_it(script_files, script):
    role, company, candidate, fact, _ = SCRIPTS[script]
    pdf = script_files[script][".pdf"]
    text = pdf_checked_text(pdf)
    if script in RTL:
        missing = [w for w in rtl_words(role, company, candidate, fact)
                   if w not in {"".join(sorted(x)) for x in rtl_words(text)}]
    else:
        missing = [p for p in (role, company, candidate, fact)
                   if no_space(p) not in no_space(text)]
    assert not missing, missing
    fonts = embedded_fonts(pdf)
    sample = letters(role + company + candidate + fact)
    unprinted = [ch for ch in sample[:8]
                 if not any(f.startswith(family) for f in fonts
                            for family in covering_families(ch))]
    assert not unprinted, (unprinted, fonts)


@pytest.mark.parametrize("script", SCRIPTS)
def test_docx_holds_the_same_characters(script_files, script):
    role, company, candidate, fact, _ = SCRIPTS[script]
    libreoffice = script_files[script][".txt"].read_text(encoding="utf-8-sig")
    ours = docx_text(script_files[script][".docx"])
    for text in (role, company, candidate, fact):
        assert text in ours, text
        assert text in " ".join(libreoffice.split()), text


def test_right_to_left_lines_are_marked_as_such(script_files):
    """pdftotext finds right-to-left runs (it wraps them in RLE ... PDF marks): the PDF's
    glyphs are laid out right to left, not in the order they were typed."""
    for script in RTL:
        text = pdf_text(script_files[script][".pdf"])
        candidate_line = next(line for line in text.splitlines() if "Prepared by" in line)
        assert "\u202b" in candidate_line and "\u202c" in candidate_line, candidate_line


def test_missing_glyphs_are_named_in_a_warning(tmp_path):
    """🧿 (U+1F9FF) and a private-use character are in no installed font; Chinese is."""
    need("fc-list")
    request = build_request({"role": "Engineer 🧿", "company": "Acme 北京",
                             "candidate": "Jo \U0010fffd", "description": "Acme sells food.",
                             "formats": "pdf", "only": "plan"})
    with warnings_logged() as warnings:
        [pdf] = generate(request, tmp_path)
    assert len(warnings) == 1, warnings
    assert "🧿 (U+1F9FF)" in warnings[0] and "U+10FFFD" in warnings[0]
    assert "北" not in warnings[0]
    assert pdf_checked_text(pdf)


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_warning_when_every_character_has_a_font(script_files, script):
    assert script_files[script]["warnings"] == []
