"""What the handouts say, measured over every role family, level and a set of companies."""

from __future__ import annotations

import collections
import copy
import functools
import json
import re

import pytest
import yaml
from conftest import ROOT

from nextround import build_request, compose_documents
from nextround.analysis import analyze
from nextround.analysis.voice import third_person
from nextround.composition import compose, document_lines, sources
from nextround.library import LEVELS, PHASES, load_library
from nextround.rendering.text import render_json

LIBRARY = load_library()
FAMILIES = sorted(LIBRARY.families)
DESCRIPTIONS = ROOT / "tests" / "data" / "descriptions.yaml"

# Three very different companies, for the name-swap test: a plan whose lines stay the same when
# the company changes is filler.
COMPANIES = {
    "Northwind Health": (
        "Northwind Health runs 12 community clinics and a 200-bed hospital in rural Oregon. "
        "We are replacing our EHR system with Epic next spring, and all patient data is "
        "protected under HIPAA. The Joint Commission accreditation survey is due in 2027. "
        "Our 1,400 staff are unionized and represented by SEIU Local 49."
    ),
    "Lumen Labs": (
        "Lumen Labs is a Series A start-up founded in 2023 with 35 people, fully remote across "
        "six time zones. We make scheduling software for independent physiotherapists and have "
        "4,000 paying clinics. We are launching our mobile app in March and expanding into "
        "Germany and the Netherlands, so GDPR compliance matters."
    ),
    "Harbor & Pine Hotels": (
        "Harbor & Pine Hotels is a family-owned group of 9 boutique hotels on the Maine coast, "
        "in business since 1978. We are opening a new 80-room property in Portland in June and "
        "relaunching our restaurant brand, The Galley. Guests pay by card at every property, "
        "so we keep PCI DSS compliance."
    ),
}


def plan_for(role: str, company: str, description: str) -> dict:
    request = build_request({"role": role, "company": company, "description": description,
                             "date": "2026-11-25"})
    return compose_documents(request)


def handout_lines(docs: dict) -> list[str]:
    """Every line of the plan, then of the question sheet."""
    return document_lines(docs["plan"]) + document_lines(docs["questions"])


def assert_absent(text: str, words, *, exact_case: bool = False,
                  word_start: bool = False) -> None:
    """None of the words is in the handout text (in any case, unless `exact_case`; only at the
    start of a word, with `word_start`): another job's lines did not reach this one."""
    seen = text if exact_case else text.lower()
    for word in words:
        wanted = word if exact_case else word.lower()
        found = re.search(rf"\b{re.escape(wanted)}", seen) if word_start else wanted in seen
        assert not found, word


def handout_text(role: str, company: str, description: str) -> str:
    """The plan and question sheet for one ad as one text, to look for lines in."""
    return " ".join(handout_lines(plan_for(role, company, description)))


@functools.cache
def _company_plan(title: str, company: str) -> dict:
    return plan_for(title, company, COMPANIES[company])


def company_plan(title: str, company: str) -> dict:
    """plan_for() of one of the three COMPANIES, composed once per process: the name-swap and
    banned-word tests of a family read the same 18 handouts. A copy, so no test sees another's
    changes. (plan_for itself stays uncached: the byte-identical test calls it twice.)"""
    return copy.deepcopy(_company_plan(title, company))


@functools.lru_cache(maxsize=1)
def _tune_compositions() -> list[tuple]:
    from reading_scores import load_ads

    made = []
    for ad in load_ads("tune"):
        request = build_request({"role": ad["title"], "company": ad["company"],
                                 "description": ad["text"]})
        analysis = analyze(request, LIBRARY)
        made.append((ad, request, analysis, compose(request, analysis, LIBRARY)))
    return made


def tune_compositions() -> list[tuple]:
    """(ad, request, analysis, documents) for every ad of the tune half, analysed and composed
    once per process for the three tests that read them all; the documents are copies."""
    return [(ad, request, analysis, copy.deepcopy(documents))
            for ad, request, analysis, documents in _tune_compositions()]


def level_title(family_id: str, level: str) -> str:
    example = LIBRARY.families[family_id].examples[0]
    return {"entry": f"Junior {example}", "senior": f"Senior {example}",
            "manager": f"{example} Manager", "director": f"Director, {example}",
            "executive": f"VP, {example}"}.get(level, example)


def test_library_has_the_families_the_guide_names():
    assert len(FAMILIES) >= 5
    assert "software-engineering" in FAMILIES


@pytest.mark.parametrize("family_id", FAMILIES)
def test_every_level_gets_at_least_three_actions_per_phase(family_id):
    family = LIBRARY.families[family_id]
    for level in LEVELS:
        for key in PHASES:
            actions = [a for a in family.phases[key].actions if a.fits(level)]
            assert len(actions) >= 3, (family_id, level, key, len(actions))


def identical_share(title: str) -> float:
    """The largest share of one plan's lines that the plans for all three companies share."""
    line_sets = []
    for company in COMPANIES:
        plan = company_plan(title, company)["plan"]
        # A measure's or a person's table cells are counted with their row, as one line; the
        # phases' themes are their headings, and the fixed caveats (plan.yaml's assumptions,
        # printed in every plan by design) are labels: the measure leaves both out.
        cells = {m[k] for m in plan["measures"] for k in ("baseline", "target")} | \
            {s["why"] for s in plan["stakeholders"]} | {p["theme"] for p in plan["phases"]} | \
            set(LIBRARY.plan["assumptions"])
        line_sets.append([line.replace(company, "COMPANY") for line in document_lines(plan)
                          if line not in cells])
    common = set(line_sets[0]) & set(line_sets[1]) & set(line_sets[2])
    return max(sum(line in common for line in lines) / len(lines) for lines in line_sets)


@pytest.mark.parametrize("family_id", FAMILIES)
def test_name_swap_leaves_at_most_40_percent_of_lines_identical(family_id):
    """At every level: the fixed seniority practices (1:1s, listening tour, governance) must
    take the company's situation, or they crowd out what is specific at manager and above."""
    titles = dict.fromkeys([LIBRARY.families[family_id].examples[0]]  # also the "ic" title
                           + [level_title(family_id, level) for level in LEVELS])
    shares = {title: identical_share(title) for title in titles}
    too_generic = {t: f"{s:.0%}" for t, s in shares.items() if s > 0.40}
    assert not too_generic, f"{family_id}: lines identical across companies: {too_generic}"


def test_seniority_lines_follow_the_company_situation():
    by_company = {company: plan_for("Engineering Manager", company, description)["plan"]
                  for company, description in COMPANIES.items()}
    first_actions = {c: " ".join(p["phases"][0]["actions"]) for c, p in by_company.items()}
    assert "collective agreement" in first_actions["Northwind Health"]  # unionized
    assert "video 1:1" in first_actions["Lumen Labs"]  # fully remote
    # "since 1978" is no steady state while a new property opens: the opening leads.
    assert "what works and must be kept" not in first_actions["Harbor & Pine Hotels"]
    assert "asking what the property opening asks of each of them" in \
        first_actions["Harbor & Pine Hotels"]
    director = plan_for("Director of Operations", "Harbor & Pine Hotels",
                        COMPANIES["Harbor & Pine Hotels"])["plan"]
    assert any("owning family" in a for a in director["phases"][2]["actions"])  # family-owned


@pytest.mark.parametrize("family_id", FAMILIES)
def test_no_banned_words_no_duplicates_no_template_leftovers(family_id):
    family = LIBRARY.families[family_id]
    for level in LEVELS:
        for company, description in COMPANIES.items():
            docs = company_plan(level_title(family_id, level), company)
            plan_lines = document_lines(docs["plan"])
            text = " ".join(plan_lines).lower()
            for word in family.banned:
                # A word the description itself uses may be quoted; the library may not add it.
                pattern = rf"\b{re.escape(word)}\b"
                if not re.search(pattern, description.lower()):
                    assert not re.search(pattern, text), (family_id, level, word)
            dupes = {line for line in plan_lines if plan_lines.count(line) > 1}
            assert not dupes, (family_id, level, dupes)
            everything = json.dumps(docs, ensure_ascii=False)
            for leftover in ("{{", "{%", "{company}", "{role}", "None", "null"):
                assert leftover not in everything, (family_id, level, leftover)


def test_entry_level_and_director_plans_differ():
    entry = plan_for("Junior Software Engineer", *next(iter(COMPANIES.items())))["plan"]
    director = plan_for("Director of Software Engineering", *next(iter(COMPANIES.items())))["plan"]
    entry_actions = {a for p in entry["phases"] for a in p["actions"]}
    director_actions = {a for p in director["phases"] for a in p["actions"]}
    assert len(entry_actions & director_actions) <= len(entry_actions) / 2
    assert any("listening tour" in a for a in director_actions)
    assert not any("listening tour" in a for a in entry_actions)


def test_regulated_company_gets_week_one_compliance_and_a_question():
    docs = plan_for("Registered Nurse", "Northwind Health", COMPANIES["Northwind Health"])
    first = docs["plan"]["phases"][0]["actions"][0]
    assert "HIPAA" in first and "week one" in first
    hm = next(s for s in docs["questions"]["sections"] if s["id"] == "hiring_manager")
    assert any("HIPAA" in q for q in hm["questions"])


def test_remote_company_gets_scheduled_intros_and_no_walking_the_floor():
    docs = plan_for("Product Manager", "Lumen Labs", COMPANIES["Lumen Labs"])
    text = " ".join(document_lines(docs["plan"])).lower()
    assert "video intros" in text
    assert "walk the floor" not in text and "walk the office" not in text


def test_facts_come_from_the_description_only():
    description = COMPANIES["Harbor & Pine Hotels"]
    request = build_request({"role": "Sous Chef", "company": "Harbor & Pine Hotels",
                             "description": description})
    analysis = analyze(request, LIBRARY)
    plan = compose(request, analysis, LIBRARY)["plan"]
    # Each fact is the company's own sentence, in the third person ("We are opening" becomes
    # "Harbor & Pine Hotels is opening"), and traces back to it.
    traced = {s["line"]: s["sentence"] for s in sources(plan, analysis, request)}
    assert plan["understanding"]["facts"]
    for fact in plan["understanding"]["facts"]:
        assert traced[fact] in description
        assert " we " not in f" {fact.lower()} " and " our " not in f" {fact.lower()} "
    # A number, without the full stop or comma that may follow it in a sentence.
    number = r"\d(?:[\d,.]*\d)?"
    numbers = set(re.findall(number, " ".join(document_lines(plan))))
    allowed = set(re.findall(number, description)) | {"1", "30", "31", "60", "61", "90"}
    assert numbers <= allowed, numbers - allowed


def test_short_description_degrades_to_questions_not_inventions():
    plan = plan_for("Marketing Manager", "Quill", "Quill makes notebooks.")["plan"]
    assert plan["understanding"]["to_learn"], "a thin description should list what to learn"
    assert any("I assume nothing yet" in a for a in plan["assumptions"])


def test_same_input_gives_byte_identical_json():
    a = plan_for("Senior Data Engineer", "Lumen Labs", COMPANIES["Lumen Labs"])
    b = plan_for("Senior Data Engineer", "Lumen Labs", COMPANIES["Lumen Labs"])
    assert render_json(a["plan"]) == render_json(b["plan"])
    assert render_json(a["questions"]) == render_json(b["questions"])


def test_text_keeps_its_characters():
    company = "Nguyễn & Ọmọ́ “Gräfin” Straße"
    description = (f"{company} bakes sourdough for 40 cafés in Łódź and Ibadan. "
                   "We are opening a new bakery in Hà Nội next year.")
    docs = plan_for("Pâtissier", company, description)
    everything = json.dumps(docs, ensure_ascii=False)
    for piece in (company, "Łódź", "cafés", "Hà Nội"):
        assert piece in everything


def test_question_sheet_has_every_section_of_the_guide():
    docs = plan_for("Engineering Manager", "Lumen Labs", COMPANIES["Lumen Labs"])
    ids = [s["id"] for s in docs["questions"]["sections"]]
    assert ids == ["before", "competition", "hiring_manager", "peers", "executives", "reports",
                   "closing"]
    assert docs["questions"]["research"]["items"]
    ic = plan_for("Software Engineer", "Lumen Labs", COMPANIES["Lumen Labs"])
    assert "reports" not in [s["id"] for s in ic["questions"]["sections"]]


@pytest.mark.skipif(not DESCRIPTIONS.exists(), reason="labelled descriptions not written yet")
def test_every_labelled_description_composes():
    for case in yaml.safe_load(DESCRIPTIONS.read_text(encoding="utf-8")):
        docs = plan_for("Operations Manager", case["company"], case["description"])
        assert 1 <= len(docs["plan"]["priorities"]) <= 3


def test_a_first_of_its_kind_role_inherits_nothing():
    """A company's first sustainability hire has no report to read, no audit to repeat, and
    the function it builds is the job itself, not a project it takes a part of."""
    first = ("Harborline Mutual is a property and casualty insurer in Hartford. You will be our "
             "first dedicated sustainability hire, reporting to our CEO.")
    usual = "Harborline Mutual is a property and casualty insurer in Hartford."
    plan = plan_for("Head of Sustainability", "Harborline Mutual", first)["plan"]
    text = " ".join(document_lines(plan))
    assert "latest sustainability report" not in text
    assert "last assurance or audit report" not in json.dumps(plan)
    assert "My part of" not in text
    assert plan["priorities"][0]["title"] == "Building the sustainability function"
    assert plan["stakeholders"][0]["role"] == "CEO, my manager"
    usual_text = " ".join(document_lines(plan_for("Head of Sustainability", "Harborline Mutual",
                                                  usual)["plan"]))
    assert "latest sustainability report" in usual_text


def test_a_stated_baseline_and_target_become_a_measure():
    description = ("Oconee Valley EMC serves 71,000 members in northeast Georgia. Our five-year "
                   "average SAIDI excluding major events is 118 minutes and our board target is "
                   "under 100.")
    plan = plan_for("Distribution Engineer", "Oconee Valley EMC", description)["plan"]
    assert plan["measures"][0] == {
        "metric": "Five-year average SAIDI excluding major events",
        "baseline": "118 minutes today",
        "target": "under 100, the stated target, on a timeline agreed with you"}


def test_a_goal_right_after_a_baseline_and_the_way_a_measure_should_move():
    """Review of 2026-12-01: "28% ... to under 10%" and "(currently 24.8%) below the national
    average" were lost, and a baseline with no goal got no direction ("agreed with you")."""
    description = ("Magnolia Terrace is a 120-bed skilled nursing facility in Mobile. In your "
                   "first year you will:\n- Cut agency use, currently 28% of nursing hours, to "
                   "under 10% by year-end\n- Bring our short-stay rehospitalization rate "
                   "(currently 24.8%) below the national average\nOur staff turnover rose to "
                   "61% last year.")
    measures = plan_for("Director of Nursing", "Magnolia Terrace", description)["plan"][
        "measures"]
    assert measures[:2] == [
        {"metric": "Agency use", "baseline": "28% of nursing hours today",
         "target": "under 10% by year-end, the stated target; my part of it agreed with you"},
        {"metric": "Short-stay rehospitalization rate", "baseline": "24.8% today",
         "target": "below the national average, the stated target, on a timeline agreed "
                   "with you"}]
    # The family's own agency measure is the same thing said again: left out.
    assert not [m for m in measures if "agency hours" in m["metric"].lower()]
    churn = plan_for("Data Analyst", "Lakeshore Fiber", "Lakeshore Fiber serves 310,000 homes. "
                     "Monthly residential churn is running at about 1.6%.")["plan"]["measures"]
    assert churn[0] == {"metric": "Monthly residential churn", "baseline": "about 1.6% today",
                        "target": "below 1.6%, the figure and the date agreed with you"}


def test_a_public_body_is_researched_as_one_and_the_plan_is_always_printed():
    description = ("Prairie Ridge Public Schools is a school district of 14,000 students in "
                   "Johnson County, Kansas. We are replacing our help desk system with Incident "
                   "IQ on July 1.")
    docs = plan_for("Technology Support Technician I", "Prairie Ridge Public Schools",
                    description)
    research = docs["questions"]["research"]["items"]
    assert not [item for item in research if "competitor" in item.lower()
                or "as a customer would" in item]
    assert research[-1] == "Print one copy of the plan for each interviewer"
    hiring = next(s for s in docs["questions"]["sections"] if s["id"] == "hiring_manager")
    assert any(q.startswith("Why is the role open") for q in hiring["questions"])
    first = plan_for("Head of Sustainability", "Harborline Mutual",
                     "Harborline Mutual is an insurer. You will be our first dedicated "
                     "sustainability hire.")["questions"]
    hiring = next(s for s in first["sections"] if s["id"] == "hiring_manager")
    assert not any(q.startswith("Why is the role open") for q in hiring["questions"])
    assert any(q.startswith("This role is new") for q in hiring["questions"])


def test_a_name_ending_in_s_takes_a_bare_apostrophe():
    docs = plan_for("Data Analyst", "Prairie Ridge Public Schools",
                    "Prairie Ridge Public Schools is a school district in Kansas.")
    text = json.dumps(docs, ensure_ascii=False)
    assert "Schools's" not in text
    assert "Prairie Ridge Public Schools' " in text


def test_every_line_that_repeats_an_ad_traces_to_the_company_own_sentence():
    """Issue 14, item 4: a line that repeats the ad (four words in a row or a number) rests on
    a sentence of the company's or the role's own text, never its pay, requirements or
    benefits; `explain --json` shows the pairs. Over the tune half of the ad corpus."""
    untraced, traced = [], 0
    for ad, request, analysis, documents in tune_compositions():
        for name, document in documents.items():
            for pair in sources(document, analysis, request):
                traced += 1
                if not pair["sentence"]:
                    untraced.append((ad["id"], name, pair["line"]))
    assert traced > 150  # the plans do use the ads
    assert not untraced, untraced


def test_a_line_taken_from_the_requirements_has_no_source():
    description = ("Acme Grocers runs 40 stores in Ohio. Requirements: five years of "
                   "experience with Kafka streaming pipelines in production.")
    request = build_request({"role": "Data Engineer", "company": "Acme Grocers",
                             "description": description})
    analysis = analyze(request, LIBRARY)
    plan = compose(request, analysis, LIBRARY)["plan"]
    plan["early_wins"].append("Bring five years of experience with Kafka streaming pipelines")
    pairs = {p["line"]: p["sentence"] for p in sources(plan, analysis, request)}
    assert pairs["Bring five years of experience with Kafka streaming pipelines"] == ""
    assert pairs["Acme Grocers runs 40 stores in Ohio."] == "Acme Grocers runs 40 stores in Ohio."


CREDIT_UNION = (
    "Prairie Hills Credit Union has served central Iowa since 1954 and has 13 branches. This "
    "summer we open our fourteenth branch, and we're hiring a team to open it with us. You'll "
    "handle deposits, withdrawals, loan payments and check cashing at the teller line, balance "
    "your drawer at the end of each day, and help members with account questions. When a "
    "conversation turns to a car loan, you'll introduce the member to one of our loan officers. "
    "Our current average wait time is 6 minutes against a 4 minute goal.")


def test_the_ad_duties_are_the_spine_of_the_plan():
    """Issue 14, item 3: the ad's specific duties, even in prose ("You'll handle ..."), become
    plan actions, in the plan's voice ("my drawer"), as the ad words them. A duty that only
    restates the job ("Handle deposits, withdrawals, ...") read as pasted to the second panel's
    reviewers: one that names a number, a system or a place is the ad's own."""
    description = CREDIT_UNION.replace(
        "balance your drawer at the end of each day",
        "balance your drawer in Symitar at the end of each day")
    plan = plan_for("Member Service Representative", "Prairie Hills Credit Union",
                    description)["plan"]
    lines = " ".join(document_lines(plan))
    assert "Balance my drawer in Symitar at the end of each day" in lines
    assert "Handle deposits, withdrawals, loan payments and check cashing" not in lines
    assert "your drawer" not in lines and "Introduce the member" not in lines


def test_introducing_a_person_is_no_launch_and_a_history_no_steady_state():
    request = build_request({"role": "Teller", "company": "Prairie Hills Credit Union",
                             "description": CREDIT_UNION})
    analysis = analyze(request, LIBRARY)
    assert "launch" not in [i.id for i in analysis.initiatives]
    assert analysis.initiatives  # the new branch
    assert not analysis.has("sustaining")  # "since 1954", but a branch is opening


def test_the_company_is_named_in_the_third_person():
    voice = LIBRARY.ad["voice"]
    said = ("This summer we open our fourteenth branch, and we're hiring a team to open it "
            "with us.")
    assert third_person(said, "Prairie Hills Credit Union", voice) == (
        "This summer Prairie Hills Credit Union opens its fourteenth branch, and it is hiring "
        "a team to open it with Prairie Hills Credit Union.")
    assert third_person("We closed our Series C in 2023 and have grown to 310 people.",
                        "Shiftwise", voice) == \
        "Shiftwise closed its Series C in 2023 and has grown to 310 people."
    assert third_person("Acme is a grocer anchored by our flagship store.", "Acme", voice) == \
        "Acme is a grocer anchored by its flagship store."


def test_a_goal_beside_a_baseline_is_its_target():
    plan = plan_for("Teller", "Prairie Hills Credit Union", CREDIT_UNION)["plan"]
    wait = next(m for m in plan["measures"] if m["metric"] == "Average wait time")
    assert wait["baseline"] == "6 minutes today"
    assert wait["target"] == "4 minutes, the stated target, on a timeline agreed with you"


def test_most_questions_are_specific_and_the_process_is_asked_about():
    """Issue 14, item 7: besides the seed questions, at least 60% of a sheet's questions are
    specific to the role, sector or company (the fixed wording of questions.yaml is not), and
    at least three ask about the process and the competition. Over the tune half."""
    seeds = ("What will be the main focus", "How many candidates",
             "What do I need to do to get this job", "Having seen my plan")
    shares = []
    for ad, _, _, documents in tune_compositions():
        # The fixed wording, as any role at any company gets it: a line that names the role
        # family's own people ({peer}) is tailored, so it stays unfilled and matches nothing.
        names = collections.defaultdict(str, company=ad["company"], role=ad["title"])
        composer_text = {str(q if isinstance(q, str) else q["text"]).format_map(names)
                         for s in LIBRARY.questions["sections"] for q in s["questions"]}
        sheet = documents["questions"]
        asked = [q for s in sheet["sections"] for q in s["questions"]]
        process = [q for s in sheet["sections"] if s["id"] in ("before", "competition")
                   for q in s["questions"] if not q.startswith(seeds[0])]
        assert len(process) >= 3, (ad["id"], process)
        rest = [q for q in asked if not q.startswith(seeds)]
        shares.append(sum(q not in composer_text for q in rest) / len(rest))
    shares.sort()
    assert shares[len(shares) // 2] >= 0.60, shares
    assert shares[0] >= 0.50, shares


def test_no_line_repeats_the_ad_and_no_line_comes_twice():
    """Issue 14: no 5-word run of the description in more than two lines of a handout (the
    company's name aside), and no line twice. Over the tune half of the ad corpus."""

    def words(text):
        return re.findall(r"[\w'’%$.-]+", text.lower())

    problems = []
    for ad, _, _, documents in tune_compositions():
        said = words(ad["text"])
        runs = {tuple(said[i:i + 5]) for i in range(len(said) - 4)}
        name = set(words(ad["company"]))
        for kind, document in documents.items():
            lines = document_lines(document)
            repeated = collections.Counter(
                run for line in set(lines) for run in
                {tuple(words(line)[i:i + 5]) for i in range(len(words(line)) - 4)} & runs
                if len(set(run) & name) < 3)
            problems += [(ad["id"], kind, " ".join(r)) for r, n in repeated.items() if n > 2]
            problems += [(ad["id"], kind, line) for line, n in
                         collections.Counter(lines).items() if n > 1]
    assert not problems, problems


def test_a_measure_the_ad_wants_moved_is_a_priority():
    """A measure the ad sets a goal for is what the job is judged on: the first priority,
    named with its goal (review of 2026-12-01: "the decisive fact is missing")."""
    plan = plan_for("Teller", "Prairie Hills Credit Union", CREDIT_UNION)["plan"]
    first = plan["priorities"][0]
    assert first["title"] == "Bringing the average wait time to 4 minutes"
    assert first["detail"] == ("learn what drives it in month one, then take on its biggest "
                               "cause with you")
    assert plan["priorities"][1]["title"] == "The fourteenth branch opening"
    assert plan["early_wins"][0] == ("One cause of the average wait time traced by day 60, and a "
                                     "fix tried with the team and measured before and after")


def test_a_role_without_a_team_gets_no_questions_for_reports():
    description = ("Harborline Mutual insures 60,000 businesses in New England. This is our "
                   "first-ever sustainability hire: there is no existing team, and you will "
                   "report to our CEO.")
    docs = plan_for("Head of Sustainability", "Harborline Mutual", description)
    assert "reports" not in [s["id"] for s in docs["questions"]["sections"]]
    assert docs["plan"]["priorities"][0]["title"] == "Building the sustainability function"


def test_the_third_person_keeps_the_us_and_agrees_its_verbs():
    voice = LIBRARY.ad["voice"]
    assert third_person("Our app lets people in the US send money; we need help.", "Kova",
                        voice) == "Kova's app lets people in the US send money; it needs help."


def test_an_initiative_is_named_in_full_once_then_by_its_short_name():
    description = ("Northwind Foods makes frozen meals for grocers in the Midwest. We are rolling "
                   "out a new warehouse management system across our two plants this spring.")
    plan = plan_for("Warehouse Supervisor", "Northwind Foods", description)["plan"]
    text = " ".join(document_lines(plan))
    full = plan["priorities"][0]["title"]
    assert full == "The warehouse management system rollout"
    assert text.lower().count(full.lower()) == 1
    assert text.count("the system rollout") >= 2


def test_the_training_the_ad_sets_out_is_the_newcomers_first_priority():
    """Review of 2026-12-01: a nurse aide trainee's plan left out the 75-hour class and said
    "deliver on my own by day 60"; the ad's own path in comes first for a newcomer."""
    description = ("Willow Creek is a 120-bed skilled nursing community in Columbia. How it "
                   "works:\n1. You are hired on day one as a Nurse Aide Trainee.\n2. You attend "
                   "our state-approved 75-hour CNA classroom and clinical program on site.\n3. "
                   "You are paired with a CNA mentor for your first 30 days on the floor.")
    plan = plan_for("Nurse Aide Trainee", "Willow Creek", description)["plan"]
    first = plan["priorities"][0]
    assert first["title"] == "Completing the training Willow Creek sets out"
    assert first["evidence"] == ("You attend our state-approved 75-hour CNA classroom and "
                                 "clinical program on site.")
    assert "on my own by day 60" not in " ".join(document_lines(plan))


def test_an_initiative_dated_after_day_90_reports_no_results_by_then():
    """Review of 2026-12-01: a plan dated December reported "what the tower opening has
    changed so far" for a tower that opens in September."""
    description = ("Valley Regional is a 420-bed hospital in Fresno. Our new 96-bed patient "
                   "tower opens in September with a satellite pharmacy.")
    plan = plan_for("Pharmacy Manager", "Valley Regional", description)["plan"]
    lines = " ".join(document_lines(plan))
    assert "on track for its date" in lines and "stands ahead of its date" in lines
    assert "changed so far" not in lines
    assert plan["checkins"][1]["text"].startswith(("Progress toward", "First results, "))
    soon = plan_for("Pharmacy Manager", "Valley Regional",
                    description.replace("September", "January"))["plan"]
    assert "on track for its date" not in " ".join(document_lines(soon))
    # A pharmacist gets ready for the day rather than running the project (the second panel).
    staff = " ".join(document_lines(plan_for("Clinical Pharmacist", "Valley Regional",
                                             description)["plan"]))
    assert "will change in my work before its date" in staff
    assert "on track for its date" not in staff


def test_a_familys_lines_can_be_for_one_of_its_jobs():
    """Review of 2026-12-01: a dispatcher got a driver's plan (pre-trips, routes), a hospital
    pharmacist a technician's, a dental front desk an executive assistant's. Lines marked
    `only: [title:<word>]` come first for that job; the family's others stay for the rest."""
    description = ("Buckeye Freight runs 140 trucks out of its Toledo terminal for shippers in "
                   "Ohio and Michigan.")
    dispatcher = " ".join(document_lines(plan_for("Lead Dispatcher - Nights", "Buckeye Freight",
                                                  description)["plan"]))
    driver = " ".join(document_lines(plan_for("CDL-A Driver", "Buckeye Freight",
                                              description)["plan"]))
    assert "the board" in dispatcher and "pre-trip" not in dispatcher
    assert "pre-trip" in driver and "the board" not in driver
    pharmacist = plan_for("Clinical Pharmacist", "Valley Regional",
                          "Valley Regional is a nonprofit 420-bed hospital in Fresno.")["plan"]
    text = " ".join(document_lines(pharmacist))
    assert "Verify orders beside an experienced pharmacist" in text
    assert "technician registration" not in text
    # An owner's view (the board of a nonprofit) is a leader's business, not a new pharmacist's.
    assert "A board member" not in [s["role"] for s in pharmacist["stakeholders"]]


def test_a_us_school_leader_gets_american_k12_words_and_a_headteacher_british_ones():
    """Blind review 2B: a Georgia assistant principal got safeguarding training, inspection
    reports, "duties and cover", "next term" and "you said, we did"."""
    description = ("Pine Hollow Middle School serves 1,050 students in grades 6-8 in the Cobb "
                   "Ridge County School District in Georgia. The assistant principal leads our "
                   "MTSS and PBIS teams, the duty schedules and substitute coverage.")
    us = " ".join(document_lines(plan_for("Assistant Principal - Middle School",
                                          "Pine Hollow Middle School", description)["plan"]))
    for british in ("safeguarding", "inspection", "duties and cover", "next term",
                    "you said, we did"):
        assert british not in us, british
    assert "mandated-reporter training" in us
    assert "state accountability report" in us
    assert "rest of the school year" in us
    uk = " ".join(document_lines(plan_for(
        "Deputy Headteacher", "Millbrook Primary School",
        "Millbrook Primary School in Leeds is a primary school with 420 pupils.")["plan"]))
    assert "safeguarding training" in uk and "mandated-reporter" not in uk


def test_an_hr_manager_gets_hr_lines_and_a_recruiter_keeps_the_hiring_desk():
    """Blind review 2B: an airline's HR manager (unionized crews, grievances, leaves) got an
    hourly-recruiting plan: scorecards, requisition load, unanswered hourly applicants."""
    description = ("SkyHarbor Airlines flies 64 aircraft to 48 cities in the Southeast. Our "
                   "pilots and mechanics are unionized. The HR manager handles employee "
                   "relations investigations, grievances and leaves of absence.")
    plan = plan_for("HR Manager", "SkyHarbor Airlines", description)["plan"]
    lines = " ".join(document_lines(plan))
    for hiring in ("Hourly hires offered", "requisition", "Scorecards", "hourly applicants",
                   "bottleneck"):
        assert hiring not in lines, hiring
    assert "employee-relations cases" in lines
    assert any("grievance" in p["title"].lower() for p in plan["priorities"])
    assert "Employee-relations cases" in [m["metric"] for m in plan["measures"]]
    recruiter = " ".join(document_lines(plan_for(
        "Recruiter", "SkyHarbor Airlines", description)["plan"]))
    assert "employee-relations cases" not in recruiter
    assert "hourly" in recruiter or "time to fill" in recruiter.lower()


def test_a_practice_manager_gets_the_practices_lines_not_the_factorys():
    """Blind review 2B: a pediatric practice's manager got shifts, output per shift, standard
    procedure and a finance partner."""
    description = ("Little Oaks Pediatrics is an independent pediatric practice with six "
                   "physicians, seeing about 160 patient visits a day at two offices.")
    plan = plan_for("Medical Practice Manager", "Little Oaks Pediatrics", description)["plan"]
    lines = " ".join(document_lines(plan))
    for factory in ("every shift", "output per shift", "standard procedure", "Shift leads",
                    "Finance partner", "escalated each day", "largest gap"):
        assert factory not in lines, factory
    assert "No-show rate" in [m["metric"] for m in plan["measures"]]
    assert "denial" in lines and "practice management system" in lines
    plant = " ".join(document_lines(plan_for(
        "Operations Manager", "Ridgeview Plastics",
        "Ridgeview Plastics is an injection molding manufacturer running three shifts.")["plan"]))
    assert "every shift" in plant and "No-show" not in plant


def test_an_it_support_specialist_gets_no_sysadmin_or_budget_lines():
    """Blind review 2B: a county's IT support specialist got the budget cycle, an elected board
    liaison, the network and test restores."""
    description = ("Juniper Bend County serves 210,000 residents. The IT department supports "
                   "1,400 county employees across 30 departments, including the Sheriff's "
                   "Office and 911 Communications.")
    specialist = " ".join(document_lines(plan_for("IT Support Specialist II",
                                                  "Juniper Bend County", description)["plan"]))
    for wrong in ("budget cycle", "elected board", "or the network", "test restore"):
        assert wrong not in specialist, wrong
    assert "public safety" in specialist
    manager = " ".join(document_lines(plan_for("IT Manager", "Juniper Bend County",
                                               description)["plan"]))
    assert "budget cycle" in manager
    sysadmin = " ".join(document_lines(plan_for(
        "Systems Administrator", "Brightline Insurance Group",
        "Brightline Insurance Group is a property and casualty insurer with 600 employees.")
        ["plan"]))
    assert "test restore" in sysadmin


def test_a_goal_belongs_to_the_measure_it_counts():
    """Blind panel of 2026-12-01 on unseen ads: "Budget: $11 m today → 70%", "Bookings grew
    48% → 400ms" and "Sponsor | 15% today" paired figures that count different things, and
    "our goal is to bring it under 15%" in the baseline's own sentence was lost."""
    def measures(description):
        return plan_for("Director", "Acme", description)["plan"]["measures"]
    nonprofit = measures("Our budget is $11 million and we employ 74 people. Last year 61% of "
                         "graduates were placed in jobs, and our goal is 70% by June 2028.")
    assert not [m for m in nonprofit if m["metric"] == "Budget"]
    search = measures("Bookings grew 48% last year, to 1.1 million nights. Our p99 search "
                      "latency target is 400ms.")
    assert not [m for m in search if "400ms" in m["target"]]
    margin = measures("Adjusted EBITDA margin was 11.8% in 2026; the plan with our sponsor is "
                      "15% by 2029.")
    assert (margin[0]["metric"], margin[0]["target"]) == (
        "Adjusted EBITDA margin", "15% by 2029, the stated target; my part of it agreed with you")
    turnover = measures("RN turnover on the unit was 24% in FY2026, and our goal is to bring "
                        "it under 15% by the end of FY2027.")
    assert turnover[0]["target"].startswith("under 15% by the end of FY2027, the stated target")
    saidi = measures("Our five-year average SAIDI is 212 minutes, and the board has set a "
                     "target of 150 minutes by 2029 through pole replacement.")
    assert saidi[0]["target"].startswith("150 minutes by 2029, the stated target")


def test_a_count_per_month_is_a_measure_with_its_goal():
    """ads-8: "Off-cycle checks currently run about 40 a month, and the Board has asked us to
    bring that under 10" gave the payroll plan no measure of its own."""
    measures = plan_for("Payroll Manager", "Fox Ridge School District", (
        "Fox Ridge School District serves 9,000 students. Off-cycle checks currently run about "
        "40 a month, and the Board has asked us to bring that under 10."))["plan"]["measures"]
    assert (measures[0]["metric"], measures[0]["baseline"]) == ("Off-cycle checks",
                                                                "about 40 a month today")
    assert measures[0]["target"].startswith("under 10")


@pytest.mark.parametrize(("description", "metric", "baseline", "target"), [
    # Stated targets the panels of 2026-12-02 found left out, said in ways of their own.
    ("Manage work orders in TMS; we aim to move PM completion from 81% today to 95% before "
     "the survey.", "PM completion", "81% today", "95% before the survey"),
    ("Before the renovation the hotel ran a RevPAR index of 94 against its competitive set; "
     "our plan calls for an index of 110 by the end of 2028.", "RevPAR index", "94 today",
     "110 by the end of 2028"),
    ("Our HCAHPS score for communication with nurses sits at the 41st percentile; the target "
     "is the 65th percentile within 18 months.", "HCAHPS score for communication with nurses",
     "the 41st percentile today", "the 65th percentile within 18 months"),
    ("Our no-show rate is 14%, and our goal is to bring it under 9% by year end; your "
     "clinics' schedule fill rate averages 82%, against a target of 90%.",
     "Clinics' schedule fill rate", "82% today", "90%"),
])
def test_a_stated_target_in_other_words_becomes_a_measure(description, metric, baseline,
                                                          target):
    measures = plan_for("Manager", "Acme", description)["plan"]["measures"]
    found = next(m for m in measures if m["metric"] == metric)
    assert found["baseline"] == baseline
    assert found["target"].startswith(target + ", the stated target")


def test_a_standard_the_ad_keeps_is_a_measure_to_hold():
    """ads-6: "We hold ourselves to 99.5% inventory accuracy" is a standard, not today's
    figure to beat."""
    measures = plan_for("Forklift Operator", "Bayport", "Bayport runs five warehouses. We "
                        "hold ourselves to 99.5% inventory accuracy in every building.")["plan"][
        "measures"]
    assert measures[0] == {"metric": "Inventory accuracy", "baseline": "the standard: 99.5%",
                           "target": "held at the standard from the first weeks, checked every "
                                     "week"}


def test_a_cost_as_a_share_of_sales_is_a_measure():
    """ads-6: "Food cost is running at 33.8% of sales" was read as how the business is made
    up; "Subscriptions are about 70% of revenue" still is."""
    food = plan_for("Executive Chef", "Ember & Oak", "Ember & Oak runs four restaurants. Food "
                    "cost is running at 33.8% of sales, up from 31% two years ago.")["plan"]
    assert food["measures"][0]["metric"] == "Food cost"
    assert food["measures"][0]["target"].startswith("below 33.8%")
    mix = plan_for("Controller", "Acme", "Acme sells software to 400 schools. Subscriptions "
                   "are about 70% of revenue.")["plan"]
    assert not [m for m in mix["measures"] if m["metric"] == "Subscriptions"]


def test_a_star_rating_held_is_a_measure():
    measures = plan_for("Director of Nursing", "Magnolia Terrace", (
        "Magnolia Terrace is a 120-bed skilled nursing facility. We currently hold a two-star "
        "overall rating in the CMS Care Compare Five-Star system. The goal is to be back at four "
        "stars within 18 months."))["plan"]["measures"]
    assert (measures[0]["metric"], measures[0]["baseline"]) == ("Overall rating",
                                                                "two stars today")
    assert measures[0]["target"].startswith("four stars within 18 months, the stated target")


def test_a_measure_named_with_a_capital_inside_keeps_it():
    plan = plan_for("Hotel General Manager", "Alder House", (
        "Before the renovation the hotel ran a RevPAR index of 94 against its competitive set; "
        "our plan calls for an index of 110 by the end of 2028."))["plan"]
    assert plan["priorities"][0]["title"] == "Bringing the RevPAR index to 110 by the end of 2028"


def test_a_plural_measure_takes_are_in_the_question():
    docs = plan_for("Payroll Manager", "Fox Ridge School District", (
        "Fox Ridge School District serves 9,000 students. Off-cycle checks currently run about "
        "40 a month, and the Board has asked us to bring that under 10."))
    asked = [q for s in docs["questions"]["sections"] for q in s["questions"]
             if q.startswith("I read that")]
    assert asked == ["I read that the off-cycle checks are about 40 a month: which part of "
                     "moving it falls to this role, and by when?"]


REVENUE_CYCLE_AD = (
    "Harbor Valley Health is a 310-bed community hospital in Tacoma, Washington. We are moving "
    "to Epic this spring, replacing our legacy Meditech system, and the revenue cycle team will "
    "go live in April.\n\nAs Revenue Cycle Manager you will lead a team of 14 billers and "
    "coders. Days in A/R are at 52 today; our goal is 40 by year end.\n\nResponsibilities\n"
    "- Manage daily billing and follow-up work queues in Epic\n"
    "- Work outside normal hours during the Epic go-live\n")


def test_a_count_named_in_the_measure_needs_no_unit():
    plan = plan_for("Revenue Cycle Manager", "Harbor Valley Health", REVENUE_CYCLE_AD)["plan"]
    assert (plan["measures"][0]["metric"], plan["measures"][0]["baseline"]) == \
        ("Days in A/R", "52 today")
    assert plan["measures"][0]["target"].startswith("40 by year end, the stated target")


def test_a_team_going_live_on_a_system_is_not_a_launch_of_its_own():
    plan = plan_for("Revenue Cycle Manager", "Harbor Valley Health", REVENUE_CYCLE_AD)["plan"]
    titles = [p["title"] for p in plan["priorities"]]
    assert titles == ["Bringing days in A/R to 40 by year end", "The Epic rollout"]


def test_a_condition_of_the_job_is_not_a_duty_in_the_plan():
    text = " ".join(handout_lines(plan_for("Revenue Cycle Manager", "Harbor Valley Health",
                                           REVENUE_CYCLE_AD)))
    assert "Manage daily billing and follow-up work queues in Epic" in text
    assert "Work outside normal hours" not in text


def test_a_manager_meets_the_team_the_ad_counts():
    few = " ".join(handout_lines(plan_for("Revenue Cycle Manager", "Harbor Valley Health",
                                          REVENUE_CYCLE_AD)))
    assert "Hold a 1:1 with each of the 14 billers and coders in the first two weeks" in few
    many = " ".join(handout_lines(plan_for("Nurse Manager", "Bayview Hospital", (
        "Bayview Hospital is a 250-bed hospital. You will lead a team of 74 RNs, 16 patient "
        "care technicians and 4 unit secretaries on our cardiac step-down unit."))))
    assert "Hold a 1:1 with each of the 74 RNs, 16 patient care technicians and 4 unit " \
           "secretaries in my first six weeks, the leads first" in many
    unknown = " ".join(handout_lines(plan_for("Office Manager", "Acme", "Acme makes bolts.")))
    assert "Hold a 1:1 with every direct report in the first two weeks" in unknown


def test_a_line_for_a_job_in_one_sector_needs_both():
    from nextround.library import applies
    present = frozenset({"title:estimator", "construction"})
    assert applies((), ("title:estimator & construction",), present)
    assert not applies((), ("title:estimator & insurance",), present)
    assert not applies(("title:estimator & construction",), (), present)


def test_a_system_the_customers_run_is_not_asked_about_as_the_teams():
    docs = plan_for("Account Executive", "Ledgerloom", (
        "Ledgerloom sells close automation to finance teams. Our best buyers are mid-migration "
        "from Microsoft Dynamics or NetSuite. You will run a full sales cycle in Salesforce."))
    asked = [q for s in docs["questions"]["sections"] for q in s["questions"]]
    assert "How well does Salesforce serve the team today, and what workarounds have grown " \
           "around it?" in asked
    assert not [q for q in asked if "Dynamics" in q or "NetSuite" in q]


def test_a_share_of_a_group_is_a_measure_with_its_goal():
    plan = plan_for("Assistant Principal", "Cobb Creek Middle School", (
        "Cobb Creek Middle School serves 900 students. Last spring 41% of students scored "
        "proficient or above on the state math assessment. Our goal is 55% by 2028."))["plan"]
    assert (plan["measures"][0]["metric"], plan["measures"][0]["baseline"]) == (
        "Share of students who scored proficient or above on the state math assessment",
        "41% today")
    assert plan["measures"][0]["target"].startswith("55% by 2028, the stated target")
    assert plan["priorities"][0]["title"] == ("Bringing the share of students who scored "
                                              "proficient or above on the state math "
                                              "assessment to 55% by 2028")


def test_a_question_the_ad_answers_about_training_is_not_asked():
    about = ("Bluebonnet Insurance runs a contact center in Austin for 300,000 policyholders. "
             "You will take calls from policyholders reporting a claim.")
    trained = (" You'll start with three weeks of paid classroom training, then two weeks of "
               "nesting.")

    def asked(description):
        docs = plan_for("Customer Service Representative", "Bluebonnet Insurance", description)
        return [q for s in docs["questions"]["sections"] for q in s["questions"]]

    assert [q for q in asked(about) if q.startswith("How long are classroom training")]
    assert not [q for q in asked(about + trained) if q.startswith("How long")]


def test_a_duty_is_not_cut_inside_a_list_of_words():
    text = " ".join(handout_lines(plan_for("HR Business Partner", "Clearwater Electric", (
        "Clearwater Electric is a cooperative with 310 employees and five district offices.\n\n"
        "Responsibilities\n- Serve as the HR partner for about 190 line, meter and substation "
        "employees across the Lewiston and Orofino districts and their supervisors\n"))))
    assert "190 line" not in text.replace("190 line, meter", "")


def test_a_share_without_a_goal_is_how_the_company_describes_itself():
    plan = plan_for("Crew Member", "Blue Star Burgers", (
        "Blue Star Burgers runs 40 restaurants in Texas. 80% of our managers started as crew "
        "members."))["plan"]
    assert not [m for m in plan["measures"] if m["metric"].startswith("Share of")]


@pytest.mark.parametrize("sentence, metric, baseline, target", [
    ("Average bed turnaround time is 78 minutes; we want it under 50.",
     "Average bed turnaround time", "78 minutes today", "under 50 minutes"),
    ("Today the monthly reforecast takes us 12 business days; we want it done in 5.",
     "Monthly reforecast", "12 business days today", "5 business days"),
    ("The plan commits the district to raise the share of third graders reading at grade level "
     "from 68% to 80% by 2028.", "Share of third graders reading at grade level", None,
     "80% by 2028"),
    ("Today 62% of our first articles pass on first submission, and we've committed to 90% by "
     "year end.", "Share of first articles that pass on first submission", "62% today",
     "90% by year end"),
    ("Today only 9% of marketing-qualified leads become sales opportunities; our goal is 15% by "
     "the end of 2027.", "Share of marketing-qualified leads that become sales opportunities",
     "9% today", "15% by the end of 2027"),
    ("Our system SAIDI was 148 minutes in 2023, and we're targeting under 110 minutes by 2027.",
     "System SAIDI", None, "under 110 minutes by 2027"),
    ("Our first-time NCLEX-RN pass rate was 84% in 2024, below our 90% goal.",
     "First-time NCLEX-RN pass rate", None, "90%"),
])
def test_stated_goals_in_the_words_ads_use(sentence, metric, baseline, target):
    measure = plan_for("Manager", "Acme", f"Acme has 400 employees. {sentence}")["plan"][
        "measures"][0]
    assert measure["metric"] == metric
    assert baseline is None or measure["baseline"] == baseline
    assert measure["target"].startswith(target)


def test_a_slogan_with_a_place_is_not_pasted_as_a_duty():
    text = " ".join(handout_lines(plan_for("Diesel Technician", "Westbound Truck Leasing", (
        "Westbound Truck Leasing maintains about 800 units in Fontana.\n\nWhat you'll do\n"
        "- Keep the Inland Empire moving\n- Diagnose engines with Cummins INSITE on night "
        "shift\n"))))
    assert "Keep the Inland Empire moving" not in text


def test_an_initiative_dated_months_before_the_plan_is_not_ahead():
    plan = plan_for("Medical Assistant", "Riverbend Physicians", (
        "Riverbend Physicians runs 11 clinics. Epic goes live in all of our clinics in March "
        "2026, replacing athenahealth."))["plan"]   # the plan is dated 2026-11-25
    assert not [p for p in plan["priorities"] if "Epic" in p["title"]]
    later = plan_for("Medical Assistant", "Riverbend Physicians", (
        "Riverbend Physicians runs 11 clinics. Epic goes live in all of our clinics in March "
        "2027, replacing athenahealth."))["plan"]
    assert [p for p in later["priorities"] if "Epic" in p["title"]]


def test_a_share_without_a_goal_is_not_aimed_the_wrong_way():
    measure = plan_for("Program Manager", "Bridgeway Works", (
        "Bridgeway Works is a nonprofit. Last year 62% of graduates were placed in jobs within "
        "90 days."))["plan"]["measures"][0]
    assert measure["metric"] == "Share of graduates who were placed in jobs within 90 days"
    assert not measure["target"].startswith("below")


def test_a_crew_members_ad_read_aloud():
    """Three faults heard reading a held-out plan aloud: a perk shown as a fact, 'and need'
    left unconjugated, and the newest location's opening not read."""
    plan = plan_for("Crew Member", "Smash Republic Burgers", (
        "Smash Republic grills smash burgers at 41 restaurants across Texas. We're opening our "
        "newest San Antonio location at Alamo Ranch in August and need an opening crew.\n\n"
        "Perks\n- Free shift meal and 50% off when off duty\n"))["plan"]
    facts = plan["understanding"]["facts"]
    assert not [f for f in facts if "shift meal" in f]
    assert any("and needs an opening crew" in f for f in facts)
    assert plan["priorities"][0]["title"] == "The newest San Antonio location opening"
