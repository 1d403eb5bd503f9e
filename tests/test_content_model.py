"""The typed content model: its JSON Schema, its messages, and the words it moved out of the
templates (labels a content pack renames in the PDF and in Word alike)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, libreoffice_texts, need, pdf_text, squash

from nextround import build_request, compose_documents
from nextround.cli import main
from nextround.errors import ContentError
from nextround.library import builtin_content_dir, load_library
from nextround.library.base import initiative_words, signals
from nextround.library.model import Family, InitiativeEffects, SignalEffects

CONTENT = builtin_content_dir()
GOLDEN_PACK = ROOT / "tests" / "golden" / "pack"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def schema(kind: str) -> dict:
    result = run("templates", "schema", kind)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- the JSON Schema ------------------------------------------------------------------------------

def test_the_schemas_accept_every_built_in_file_and_the_sample_pack():
    family = jsonschema.Draft202012Validator(schema("family"))
    for path in sorted(CONTENT.glob("families/*.yaml")) + [CONTENT / "fallback.yaml"]:
        errors = [e.message for e in family.iter_errors(load(path))]
        assert errors == [], path
    for kind in ("plan", "questions"):
        validator = jsonschema.Draft202012Validator(schema(kind))
        for path in (CONTENT / f"{kind}.yaml", GOLDEN_PACK / f"{kind}.yaml"):
            assert [e.message for e in validator.iter_errors(load(path))] == [], path


@pytest.mark.parametrize(("kind", "data", "wrong"), [
    ("plan", {"title": ["a", "b"]}, "['a', 'b'] is not of type 'string'"),
    ("plan", {"sections": {"priorites": "My bets"}}, "'priorites' was unexpected"),
    ("questions", {"sections": [{"title": "No id"}]}, "'id' is a required property"),
    ("family", {"id": "x", "name": "X"}, "'phases' is a required property"),
])
def test_the_schemas_reject_what_loading_rejects(kind, data, wrong):
    messages = [e.message for e in
                jsonschema.Draft202012Validator(schema(kind)).iter_errors(data)]
    assert any(wrong in m for m in messages), messages


# --- messages -------------------------------------------------------------------------------------

FAMILY = load(CONTENT / "families" / "marketing.yaml")


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(measure=d.pop("measures")),
     "x.yaml: missing 'measures' ('measure' is no field here: a misspelling?)"),
    (lambda d: d.update(colour="red"), "x.yaml: unknown field 'colour'; the fields here are id,"),
    (lambda d: d["phases"]["learn"].update(theme=7),
     "x.yaml: phases.learn.theme: expected a text or a list, found a number"),
    (lambda d: d["phases"]["own"].update(actions=[{"txt": "Hello"}]),
     "x.yaml: phases.own.actions[0]: expected a string or a mapping with 'text'"),
    (lambda d: d.update(early_wins=["Meet {boss}"]),
     "x.yaml: early_wins[0]: unknown placeholder {boss} in 'Meet {boss}'"),
    (lambda d: d["measures"][0].update(levels=["boss+"]),
     "x.yaml: measures[0].levels: unknown level 'boss+'"),
])
def test_a_mistake_is_named_by_file_and_field(change, message):
    data = json.loads(json.dumps(FAMILY))
    change(data)
    with pytest.raises(ContentError) as caught:
        Family.from_yaml(data, "x.yaml")
    assert str(caught.value).startswith(message), str(caught.value)


SIGNALS = load(CONTENT / "signals.yaml")["signals"]
INITIATIVES = load(CONTENT / "initiatives.yaml")["initiatives"]


@pytest.mark.parametrize(("items", "effects", "change", "message"), [
    (SIGNALS, SignalEffects, lambda d: d.update(asumption="I assume"),
     "s.yaml: unknown field 'signals[0].asumption'; the fields here are id, kind, label, cues, "
     "actions,"),
    (SIGNALS, SignalEffects, lambda d: d.update(assumption=["a", "b"]),
     "s.yaml: signals[0].assumption: expected a text, found a list"),
    (SIGNALS, SignalEffects, lambda d: d.update(stakeholders=[{"role": "A board member"}]),
     "s.yaml: signals[0].stakeholders[0]: expected a mapping with role, why"),
    (SIGNALS, SignalEffects, lambda d: d.update(priority="Win over {boss}"),
     "s.yaml: signals[0].priority: unknown placeholder {boss}"),
    (INITIATIVES, InitiativeEffects, lambda d: d.pop("contribution"),
     "s.yaml: signals[0]: missing 'contribution'"),
    (INITIATIVES, InitiativeEffects, lambda d: d.update(leader_rank="first"),
     "s.yaml: signals[0].leader_rank: expected a number, found a text"),
    (INITIATIVES, InitiativeEffects, lambda d: d["threads"].update(lern="Learn it"),
     "s.yaml: unknown field 'signals[0].threads.lern'; the fields here are learn,"),
    (INITIATIVES, InitiativeEffects, lambda d: d.update(require="(unclosed"),
     "s.yaml: signals[0].require: '(unclosed' is not a valid pattern"),
])
def test_a_mistake_in_an_effect_is_named_by_file_and_field(items, effects, change, message):
    """signals.yaml's and initiatives.yaml's effects are typed like the other content files."""
    data = json.loads(json.dumps(items[0]))
    change(data)
    with pytest.raises(ContentError) as caught:
        signals([data], "s.yaml", "signals", effects)
    assert str(caught.value).startswith(message), str(caught.value)


def test_effects_are_read_as_typed_records():
    library = load_library()
    union = next(s for s in library.signals if s.id == "union")
    assert union.effects.stakeholders[0].role == "Union representative"
    assert union.effects.priority is None and union.effects.assumption == ""  # left out
    sustaining = next(s for s in library.signals if s.id == "sustaining")
    assert sustaining.effects.priority.text.startswith("Keep what works")
    rollout = next(k for k in library.initiatives if k.id == "system-implementation")
    assert rollout.effects.threads.learn.startswith("Learn what {initiative} replaces")
    assert rollout.effects.require is None and rollout.effects.leader_rank == 3


INITIATIVES = load(CONTENT / "initiatives.yaml")


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(one_at_a_time=["turnaround", "turnarround"]),
     "i.yaml: one_at_a_time: unknown initiative type 'turnarround'; the types are "),
    (lambda d: d.update(about_us="(we|our"), "i.yaml: about_us: '(we|our' is not a valid pattern"),
    (lambda d: d.pop("clause_ends"), "i.yaml: missing 'clause_ends'"),
])
def test_a_mistake_in_the_initiative_words_is_named_by_field(change, message):
    """The reading words that moved out of analysis/initiatives.py are checked on loading."""
    data = json.loads(json.dumps(INITIATIVES))
    change(data)
    types = {i["id"] for i in data["initiatives"]}
    with pytest.raises(ContentError) as caught:
        initiative_words(data, "i.yaml", types)
    assert str(caught.value).startswith(message), str(caught.value)


def test_an_interviewer_of_every_function_gets_their_questions():
    """A question read as a mapping (an unquoted ': ' in YAML) once crashed the sheet of a
    project manager interviewer; typed, every function's questions are texts."""
    functions = load_library().questions.interviewers.functions
    for function in functions:
        title = function.cues[0].title()
        request = build_request({"role": "Data Engineer", "company": "Acme",
                                 "description": "Acme sells bread.",
                                 "interviewers": [f"Kim Lee, {title}"]})
        sheet = compose_documents(request)["questions"]
        person = next(s for s in sheet["sections"] if s["title"] == "For Kim Lee")
        assert person["questions"] and all(isinstance(q, str) for q in person["questions"])


# --- labels from the content ----------------------------------------------------------------------

RUNNING = "  running: 'Drafted by {candidate} for {company}'\n"
LABELS_PACK = {
    "plan.yaml": "labels:\n  prepared_by: Drafted by\n  start_date: First day\n"
                 "  recipients: Handed to\n  day: Week of day\n  page: Sheet\n  of: out of\n"
                 + RUNNING,
    "questions.yaml": "labels:\n  prepared_by: Drafted by\n  date: Dated\n" + RUNNING,
}


@pytest.fixture(scope="module")
def labelled(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("labels")
    pack = work / "pack"
    pack.mkdir()
    for name, text in LABELS_PACK.items():
        (pack / name).write_text(text, encoding="utf-8")
    result = run("generate", "--from", str(ROOT / "samples" / "acme-grocers.yaml"),
                 "--content", str(pack), "--format", "pdf,docx", "--out", str(work / "out"))
    assert result.exit_code == 0, result.output
    return {Path(p).name: Path(p) for p in result.stdout.split()}


def test_a_pack_renames_the_labels_in_the_pdf(labelled):
    plan = squash(pdf_text(labelled["30-60-90-plan.pdf"]))
    assert "Drafted by Jane Doe" in plan and "First day 4 January 2027" in plan
    assert "Handed to Sam Lee, Priya Raman" in plan and "Week of day 30" in plan
    assert "Sheet 1 out of 2" in plan and "Drafted by Jane Doe for Acme Grocers" in plan
    assert "Prepared by" not in plan and "Start date" not in plan and "Page" not in plan
    questions = squash(pdf_text(labelled["follow-up-questions.pdf"]))
    assert "Drafted by Jane Doe" in questions and "Dated " in questions
    assert "Prepared by" not in questions


def test_a_pack_renames_the_labels_in_word(labelled, tmp_path):
    need("soffice")
    word = libreoffice_texts([labelled["30-60-90-plan.docx"],
                              labelled["follow-up-questions.docx"]], tmp_path)
    plan = squash(word[labelled["30-60-90-plan.docx"]])
    assert "Drafted by Jane Doe" in plan and "First day 4 January 2027" in plan
    assert "Handed to Sam Lee, Priya Raman" in plan and "Week of day 30" in plan
    assert "Prepared by" not in plan and "Start date" not in plan
    questions = squash(word[labelled["follow-up-questions.docx"]])
    assert "Drafted by Jane Doe" in questions and "Dated " in questions
    # The footer, which LibreOffice's text leaves out: the running line and the page count.
    footer = " ".join(p.text for section in docx.Document(labelled["30-60-90-plan.docx"]).sections
                      for p in section.footer.paragraphs)
    assert "Drafted by Jane Doe for Acme Grocers" in footer
    assert "Sheet 1 out of 1" in footer and "Page" not in footer


# --- typed handouts in the templates --------------------------------------------------------------

def test_a_theme_may_still_spell_research_items_the_old_way(tmp_path):
    """doc.research.items is the list now; a user's template written as
    doc.research["items"] (the spelling every theme once needed) renders the same."""
    theme = tmp_path / "mine"
    shutil.copytree(ROOT / "templates" / "default", theme)
    old = (theme / "questions.md.j2").read_text(encoding="utf-8").replace(
        "doc.research.items", 'doc.research["items"]')
    (theme / "questions.md.j2").write_text(old, encoding="utf-8")
    outputs = {}
    for name in ("default", str(theme)):
        result = run("generate", "--from", str(ROOT / "samples" / "acme-grocers.yaml"),
                     "--theme", name, "--only", "questions", "--format", "md",
                     "--out", str(tmp_path / Path(name).name))
        assert result.exit_code == 0, result.output
        outputs[name] = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert outputs["default"] == outputs[str(theme)]
    assert "- [ ] Print one copy of the plan for each interviewer" in outputs["default"]


def test_every_only_and_unless_id_is_one_the_composer_knows():
    """A misspelt id ("hopsital", "new-fuction") would never match, and its line would show
    everywhere or nowhere without a word: each part of each id must be a sector, signal or
    initiative id, a word of the title ("title:..."), or one the composer adds."""
    library = load_library()
    known = {s.id for s in library.signals} | {i.id for i in library.initiatives} | \
        {s.id for s in library.sectors.sectors} | \
        {"interviewers", "situation", "stated-measure", "peer"}
    unknown = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("only", "unless") and isinstance(value, list):
                    unknown.extend((where, part) for ids in value for part in ids.split(" & ")
                                   if not part.startswith("title:") and part not in known)
                else:
                    walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for path in sorted((ROOT / "src" / "nextround" / "content").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert unknown == []
