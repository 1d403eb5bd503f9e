"""Any text in any field: good handouts or a one-line message naming the field, nothing else.

Hypothesis draws every request field from arbitrary Unicode mixed with the characters that
break documents: control characters, NUL, lone surrogates, zero-width and direction marks,
emoji, combining marks, template and HTML syntax, and very long or blank values.

The pure properties (request and composition) run many examples; the rendering property runs
few, because each example renders every format of both handouts. For a longer hunt:
HYPOTHESIS_PROFILE=thorough make test ARGS="tests/test_hostile_properties.py".
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from output_checks import XML_INVALID, check_valid, docx_text, json_strings, no_space

from nextround import build_request, generate
from nextround.errors import NextroundError, RequestError
from nextround.pipeline import compose_documents
from nextround.request import MAX_DESCRIPTION, MAX_INTERVIEWERS, MAX_SHORT_FIELD

settings.register_profile("nextround", deadline=None, max_examples=200,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
settings.register_profile("thorough", parent=settings.get_profile("nextround"),
                          max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "nextround"))
THOROUGH = settings.default.max_examples > 200
RENDER_EXAMPLES = 40 if THOROUGH else 5

# The characters that have broken document generators before.
NASTY = [
    "\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\r", "\r\n", "\t", "\n",
    "\ud800", "\udfff", "\ufffe", "\uffff", "\ufeff",
    "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad",  # zero-width, soft hyphen
    "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069",  # direction marks/overrides
    "\u0301", "\u0327", "\u20dd", "e\u0301\u0302\u0303",  # combining marks
    "😀", "👩🏽‍💻", "🇻🇳", "🧿", "\U0010fffd", "\ue000",  # emoji, flags, private use
    "مرحبا", "שלום", "中文", "ひらがな", "Ελληνικά", "Кириллица", "Tiếng Việt", "Ọ̀rọ̀",
    "{{ 7*7 }}", "{% for x in y %}", "{#", "<img src=http://127.0.0.1:9/x>", "<style>",
    "url(file:///etc/passwd)", "&amp;", "](javascript:x)", "*_`|#",
    " ", "\u00a0", "\u3000", "\u2028",
]
ALL_CATEGORIES = ("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd",
                  "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc",
                  "Cf", "Cs", "Co", "Cn")
any_char = st.characters(categories=ALL_CATEGORIES)
pieces = st.one_of(st.sampled_from(NASTY), st.text(any_char, max_size=8),
                   st.text(st.characters(codec="ascii"), max_size=8))
hostile = st.lists(pieces, max_size=12).map("".join)
# Short enough to pass the limits most of the time, yet with something printable in it.
hostile_name = st.tuples(hostile, st.sampled_from(["Engineer", "Acme", "Jo", "Ω", "李"]),
                         hostile).map("".join)
long_text = st.builds(lambda n, piece: (piece * (n // max(1, len(piece)) + 1))[:n],
                      st.sampled_from([0, 1, 199, 200, 201, MAX_DESCRIPTION, 50_000]),
                      st.sampled_from(["x", "Acme sells groceries. ", "😀", " ", "\x00"]))
date_value = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
                       st.dates().map(dt.date.isoformat), hostile)
choice_value = st.one_of(st.none(), hostile, st.lists(hostile, max_size=3),
                         st.sampled_from(["pdf,docx", "md;json", "a4", "LETTER", "plan"]))

FIELD_WORDS = ("role", "company", "description", "candidate", "interviewer", "date",
               "paper", "theme", "document", "format", "field")


def request_fields() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({}, optional={
        "role": st.one_of(hostile_name, hostile, long_text),
        "company": st.one_of(hostile_name, hostile, long_text),
        "description": st.one_of(hostile, long_text, hostile_name),
        "candidate": st.one_of(hostile, long_text),
        "interviewers": st.one_of(
            st.lists(st.one_of(hostile, long_text), max_size=MAX_INTERVIEWERS + 2), hostile),
        "start_date": date_value,
        "date": date_value,
        "paper": choice_value,
        "only": choice_value,
        "formats": choice_value,
        "theme": st.one_of(st.none(), hostile, st.just("default"), long_text),
    })


def assert_names_a_field(exc: NextroundError) -> None:
    message = str(exc)
    assert "\n" not in message and message.strip() == message and message, repr(message)
    assert any(word in message.lower() for word in FIELD_WORDS), message
    assert not XML_INVALID.search(message), repr(message)


@settings(max_examples=THOROUGH and 5000 or 400)
@given(request_fields())
@example({"role": "\x00", "company": "Acme", "description": "x"})
@example({"role": "Engineer", "company": "Acme", "description": " \t\u3000\n "})
@example({"role": "Engineer", "company": "Acme", "description": "x" * 50_000})
@example({"role": "Engineer", "company": "Acme", "description": "x", "theme": "李" * 200})
@example({"role": "Engineer", "company": "Acme", "description": "x", "interviewers": ";" * 50})
def test_any_fields_give_a_request_or_a_message_naming_the_field(fields):
    """build_request either accepts the fields or raises RequestError naming the field."""
    try:
        request = build_request(fields)
    except RequestError as exc:
        assert_names_a_field(exc)
        return
    for text in (request.role, request.company, request.description, request.candidate,
                 *request.interviewers, request.theme):
        assert not XML_INVALID.search(text), repr(text)
    assert request.role.strip() and request.company.strip() and request.description.strip()
    assert len(request.role) <= MAX_SHORT_FIELD and len(request.description) <= MAX_DESCRIPTION
    assert len(request.interviewers) <= MAX_INTERVIEWERS


@settings(max_examples=THOROUGH and 1000 or 60)
@given(role=hostile_name, company=hostile_name, description=st.one_of(hostile_name, long_text),
       candidate=hostile, interviewers=st.lists(hostile, max_size=4))
def test_any_accepted_request_composes_into_clean_documents(role, company, description,
                                                            candidate, interviewers):
    """Composition takes whatever the request accepted; no XML-invalid character gets through,
    and the user's own words are passed on unchanged."""
    try:
        request = build_request({"role": role, "company": company, "description": description,
                                 "candidate": candidate, "interviewers": interviewers})
    except RequestError as exc:
        assert_names_a_field(exc)
        return
    documents = compose_documents(request)
    for document in documents.values():
        strings = json_strings(document)
        assert not any(XML_INVALID.search(s) for s in strings)
        assert request.role in strings and request.company in strings


def _loaded_theme_or_error(theme: str) -> None:
    from nextround.themes import load_theme

    try:
        load_theme(theme)
    except NextroundError as exc:
        assert_names_a_field(exc)


@settings(max_examples=THOROUGH and 1000 or 100)
@given(st.one_of(hostile, long_text, st.sampled_from(["default", "../..", "/", ".", "~"])))
@example("李" * 200)
@example("x" * 200)
@example("~0")
def test_any_theme_name_is_found_or_refused_clearly(theme):
    try:
        request = build_request({"role": "Engineer", "company": "Acme", "description": "x",
                                 "theme": theme})
    except RequestError as exc:
        assert_names_a_field(exc)
        return
    _loaded_theme_or_error(request.theme)


@settings(max_examples=RENDER_EXAMPLES)
@given(role=hostile_name, company=hostile_name, candidate=hostile,
       interviewers=st.lists(hostile, max_size=3),
       description=st.one_of(hostile_name.map(lambda s: f"Acme sells groceries. {s}."),
                             long_text))
@example(role="\x00Data\x07 Engineer\ud800", company="A\u202eme\u200b 😀",
         candidate="Nguyễn Thị e\u0301\u0302 \U0010fffd", interviewers=["\x1b[31m", "שלום"],
         description="Acme sells {{ 7*7 }} groceries. <img src=http://127.0.0.1:9/x> \x00")
@example(role="Engineer", company="Acme", candidate=" ", interviewers=[],
         description=("Acme sells groceries online. " * 700)[:MAX_DESCRIPTION])
def test_any_accepted_request_renders_valid_files(role, company, candidate, interviewers,
                                                  description):
    """Every format of both handouts: the PDF passes qpdf, every DOCX part is well-formed XML
    with the role in its text, JSON parses; or a one-line message naming the field."""
    try:
        request = build_request({"role": role, "company": company, "description": description,
                                 "candidate": candidate, "interviewers": interviewers,
                                 "formats": "pdf,docx,html,md,json"})
    except RequestError as exc:
        assert_names_a_field(exc)
        return
    with tempfile.TemporaryDirectory() as out:
        files = {p.name: p for p in generate(request, out)}
        assert len(files) == 10
        check_valid(files)
        plan_docx = docx_text(files["30-60-90-plan.docx"])
        assert request.role in plan_docx and request.company in plan_docx
        assert not [p for p in Path(out).rglob("*") if p.name.endswith(".part")]
        pdf = files["30-60-90-plan.pdf"]
        from output_checks import pdf_checked_text

        text = no_space(pdf_checked_text(pdf))
        for run in re.findall(r"[A-Za-z0-9]+", request.role):
            assert run in text, run
