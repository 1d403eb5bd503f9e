"""The analysis measured against hand-labelled sets (see tests/data/LABELS.md):
title -> family and seniority, description -> company signals."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from conftest import ROOT

from nextround import build_request
from nextround.analysis import analyze, detect_family, detect_level, fold, normalize_title
from nextround.library import load_library

DATA = ROOT / "tests" / "data"
LIBRARY = load_library()
TITLES = yaml.safe_load((DATA / "titles.yaml").read_text(encoding="utf-8"))
DESCRIPTIONS = yaml.safe_load((DATA / "descriptions.yaml").read_text(encoding="utf-8"))
INITIATIVES = {k.id for k in LIBRARY.initiatives}
# Held out: labelled before the analysis first ran on them, never used to tune a cue.
TITLES_HELDOUT = yaml.safe_load((DATA / "titles_heldout.yaml").read_text(encoding="utf-8"))
DESCRIPTIONS_HELDOUT = yaml.safe_load(
    (DATA / "descriptions_heldout.yaml").read_text(encoding="utf-8"))


def classify(title: str) -> tuple[str, str]:
    norm = normalize_title(title, LIBRARY)
    family, _ = detect_family(norm, LIBRARY)
    level, _ = detect_level(norm, LIBRARY)
    return family.id, level


def test_the_labelled_sets_are_large_enough():
    assert len(TITLES) >= 200
    assert len(DESCRIPTIONS) >= 40


@pytest.mark.parametrize("label, index", [("family", 0), ("level", 1)])
def test_title_accuracy_is_at_least_95_percent(label, index):
    wrong = [(t["title"], t[label], classify(t["title"])[index]) for t in TITLES
             if classify(t["title"])[index] != t[label]]
    accuracy = 1 - len(wrong) / len(TITLES)
    print(f"\n{label} accuracy {accuracy:.1%} on {len(TITLES)} titles; wrong: {wrong}")
    assert accuracy >= 0.95, wrong


@pytest.mark.parametrize("label, index", [("family", 0), ("level", 1)])
def test_held_out_title_accuracy_is_at_least_90_percent(label, index):
    """Looser than the tuned set's 95%: these titles were never seen while writing the cues,
    and 90% still means at most one title in ten gets a plan for the wrong family or level."""
    assert len(TITLES_HELDOUT) >= 60
    wrong = [(t["title"], t[label], classify(t["title"])[index]) for t in TITLES_HELDOUT
             if classify(t["title"])[index] != t[label]]
    accuracy = 1 - len(wrong) / len(TITLES_HELDOUT)
    print(f"\nheld-out {label} accuracy {accuracy:.1%} on {len(TITLES_HELDOUT)}; wrong: {wrong}")
    assert accuracy >= 0.90, wrong


def test_second_held_out_titles_in_aggregate_only():
    """Issue 13's real-looking titles (tests/data/titles_heldout2.yaml): right family >= 85%,
    generic fallback <= 5%. Scored once on 2026-12-01 before any tuning: family 98%, level
    97%, fallback 2%. Only the shares are printed, so the titles stay unread while tuning."""
    titles = yaml.safe_load((DATA / "titles_heldout2.yaml").read_text(encoding="utf-8"))
    assert len(titles) >= 60
    found = [classify(t["title"]) for t in titles]
    family = sum(f[0] == t["family"] for f, t in zip(found, titles, strict=True)) / len(titles)
    level = sum(f[1] == t["level"] for f, t in zip(found, titles, strict=True)) / len(titles)
    fallback = sum(f[0] == "fallback" for f in found) / len(titles)
    print(f"\nsecond held-out titles: family {family:.0%}, level {level:.0%}, "
          f"fallback {fallback:.0%}")
    assert family >= 0.85 and level >= 0.90 and fallback <= 0.05, (family, level, fallback)


def found_signals(case: dict) -> set[str]:
    request = build_request({"role": "Operations Manager", "company": case["company"],
                             "description": case["description"]})
    analysis = analyze(request, LIBRARY)
    return {s.id for s in analysis.signals} | {i.id for i in analysis.initiatives}


def signal_scores(cases: list[dict] = DESCRIPTIONS) -> dict[str, tuple[float, float, int]]:
    counts: Counter = Counter()
    for case in cases:
        truth, found = set(case["signals"]), found_signals(case)
        for sid in truth | found:
            counts[(sid, "tp" if sid in truth and sid in found else
                    "fn" if sid in truth else "fp")] += 1
    scores = {}
    for sid in sorted({sid for sid, _ in counts}):
        tp, fp, fn = counts[(sid, "tp")], counts[(sid, "fp")], counts[(sid, "fn")]
        scores[sid] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0,
                       tp + fn)
    return scores


def test_signal_precision_and_recall():
    scores = signal_scores()
    print("\nsignal            precision  recall  labelled")
    for sid, (p, r, n) in scores.items():
        print(f"{sid:18} {p:9.0%} {r:7.0%} {n:9}")
    tp_weighted = sum(r * n for _, r, n in scores.values()) / sum(n for *_, n in scores.values())
    macro_p = sum(p for p, _, _ in scores.values()) / len(scores)
    print(f"macro precision {macro_p:.0%}, recall weighted by label count {tp_weighted:.0%}")
    assert macro_p >= 0.80
    assert tp_weighted >= 0.75


def test_held_out_signal_precision_and_recall():
    """Looser than on the tuned set (80% / 75%): 15 unseen descriptions, so one miss moves a
    signal's score a lot; the overall figures still show whether the cues generalize."""
    assert len(DESCRIPTIONS_HELDOUT) >= 15
    scores = signal_scores(DESCRIPTIONS_HELDOUT)
    for sid, (p, r, n) in scores.items():
        print(f"{sid:18} {p:9.0%} {r:7.0%} {n:9}")
    total = sum(n for *_, n in scores.values())
    weighted_recall = sum(r * n for _, r, n in scores.values()) / total
    macro_p = sum(p for p, _, _ in scores.values()) / len(scores)
    print(f"held-out macro precision {macro_p:.0%}, weighted recall {weighted_recall:.0%}")
    assert macro_p >= 0.75
    assert weighted_recall >= 0.65


def test_held_out_products_customers_and_markets():
    scores = profile_scores(DESCRIPTIONS_HELDOUT)
    for name, (p, r) in scores.items():
        print(f"\nheld-out {name:10} precision {p:.0%} recall {r:.0%}")
    # Precision is what reaches the handouts; hold it on unseen text, a little looser.
    for name, (min_p, _) in PROFILE_THRESHOLDS.items():
        assert scores[name][0] >= min_p - 0.10, (name, scores[name])


@pytest.mark.parametrize("case", [c for c in DESCRIPTIONS if not c["signals"]],
                         ids=lambda c: c["id"])
def test_descriptions_without_signals_get_none_of_the_situation_kind(case):
    request = build_request({"role": "Analyst", "company": case["company"],
                             "description": case["description"]})
    assert not analyze(request, LIBRARY).of_kind("situation")


PROFILE_FIELDS = ("products", "customers", "markets")
# Precision first: these phrases go into the handouts, so a wrong one costs more than a missing
# one (which only leaves a generic line in place). Measured on the 50 labelled descriptions:
# products 95% / 46%, customers 75% / 82%, markets 68% / 93%.
PROFILE_THRESHOLDS = {"products": (0.85, 0.40), "customers": (0.70, 0.75),
                      "markets": (0.60, 0.85)}
_STOP = {"the", "a", "an", "and", "of", "in", "for", "to", "our", "its", "with"}


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w’'-]+", fold(text)) if w not in _STOP}


def same_phrase(found: str, label: str) -> bool:
    """Found and labelled phrases agree when most words of the shorter one are in the other."""
    a, b = _content_words(found), _content_words(label)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.6


def profile_scores(cases: list[dict]) -> dict[str, tuple[float, float]]:
    counts = {name: [0, 0, 0, 0] for name in PROFILE_FIELDS}  # tp found, found, tp label, labels
    for case in cases:
        request = build_request({"role": "Analyst", "company": case["company"],
                                 "description": case["description"]})
        analysis = analyze(request, LIBRARY)
        for name in PROFILE_FIELDS:
            found, truth, c = getattr(analysis, name), case[name], counts[name]
            c[0] += sum(any(same_phrase(f, t) for t in truth) for f in found)
            c[1] += len(found)
            c[2] += sum(any(same_phrase(f, t) for f in found) for t in truth)
            c[3] += len(truth)
            flat = " ".join(case["description"].split())
            assert all(f in flat for f in found), (case["id"], found)  # words as written
    return {n: (c[0] / c[1] if c[1] else 1.0, c[2] / c[3] if c[3] else 1.0)
            for n, c in counts.items()}


def test_products_customers_and_markets_precision_and_recall():
    labelled = [c for c in DESCRIPTIONS if "products" in c]
    assert len(labelled) >= 40
    scores = profile_scores(labelled)
    for name, (p, r) in scores.items():
        print(f"\n{name:10} precision {p:.0%} recall {r:.0%}")
    for name, (min_p, min_r) in PROFILE_THRESHOLDS.items():
        assert scores[name][0] >= min_p and scores[name][1] >= min_r, (name, scores[name])


def test_boilerplate_never_counts():
    text = ("Quill makes notebooks for schools in Ohio.\n\nBenefits:\n- Remote-work stipend\n"
            "- We launched a wellness program\nQuill is an equal opportunity employer and a "
            "union-friendly workplace.")
    request = build_request({"role": "Analyst", "company": "Quill", "description": text})
    analysis = analyze(request, LIBRARY)
    assert analysis.signals == [] and analysis.initiatives == []
    assert analysis.facts == ["Quill makes notebooks for schools in Ohio."]


def _read(role: str, company: str, description: str):
    return analyze(build_request({"role": role, "company": company,
                                  "description": description}), LIBRARY)


def test_initiatives_in_duties_clauses_and_passive_sentences():
    """Issue 13: where the company speaks of its own project in a duty, in the second half of
    a joined sentence, or in the passive, the project is read; a plain duty is not one."""
    found = _read("Head of Customer Success", "Shiftwise", (
        "Shiftwise sells scheduling software to hospitals.\n\nWhat you'll do\n"
        "- Lead the rollout of Gainsight as our system of record, replacing Salesforce reports\n"
        "- Implement new processes for renewals\n"))
    assert [(i.id, i.name) for i in found.initiatives] == [
        ("system-implementation", "the Gainsight rollout")]
    joined = _read("Dean", "Laurel Highlands College", (
        "Our ADN program hosts its ACEN site visit in October, and the College begins its "
        "Middle States self-study this spring."))
    assert [i.name for i in joined.initiatives] == ["the ACEN site visit",
                                                    "the Middle States self-study"]
    passive = _read("Data Entry Clerk", "Granite Mutual", (
        "Our closed claim files, roughly 60,000 of them, are being indexed and converted into "
        "ClaimCenter so the old system can be switched off."))
    assert [(i.id, i.name) for i in passive.initiatives] == [
        ("migration", "the migration to ClaimCenter")]


def test_working_hours_in_prose_are_no_company_fact():
    found = _read("Dental Front Desk", "Smile Harbor Family Dentistry", (
        "Busy four-dentist family practice looking for a front desk team member. Mon–Thu "
        "7:30–5, Fri 7:30–1. Split shift, roughly 6:15–8:45am and 2:00–4:30pm."))
    assert not any(re.search(r"\d:\d\d", f) for f in found.facts)
    assert [s.part for s in found.parts if re.search(r"\d:\d\d", s.text)] == ["header", "header"]
    assert found.sector.id == "outpatient-clinic"


def test_a_cue_is_a_whole_word_and_a_stated_reason_for_the_opening_is_not_asked_again():
    """"ged" (the diploma) made "the board has engaged a search firm" a requirement, and the
    sheet then asked why the role was open when the ad had said so."""
    found = _read("Executive Director", "Northside Youth Music Project", (
        "Northside Youth Music Project gives free music lessons to 1,150 students. Our founding "
        "executive director retired in June, and the board has engaged Harlow & Finch to lead "
        "the search."))
    assert [s.part for s in found.parts] == ["company", "company"]
    assert found.has("opening-explained")


def test_a_turnaround_time_is_no_turnaround():
    """"An 11-day permit turnaround" is a speed, not a company in trouble."""
    for speed in ("Our permit office cut its average 11-day permit turnaround to 6 days.",
                  "We need faster turnaround times on quotes."):
        found = _read("Analyst", "Alder County", speed)
        assert not found.has("turnaround") and not found.initiatives, speed
    assert _read("Analyst", "Alder County", "The new CEO is leading a financial "
                 "turnaround.").has("turnaround")


@pytest.mark.parametrize(("title", "shown"), [
    ("CDL A Local Driver - Home Every Night - $2,500 Sign On Bonus", "CDL A Local Driver"),
    ("Registered Nurse – Medical/Surgical ICU – Nights", "Registered Nurse – Medical/Surgical ICU"),
    ("Electrician Apprentice (1st–2nd Year) – Commercial", "Electrician Apprentice – Commercial"),
    ("Home Health Aide (HHA) - Weekend Diff + Daily Pay", "Home Health Aide (HHA)"),
    ("# Engineer | *bold* _it_ `code` \\ ---", "# Engineer | *bold* _it_ `code` \\ ---"),
    ("Pharmacy Manager – 340B Program", "Pharmacy Manager – 340B Program"),
    ("Director of Nursing (DON) – Skilled Nursing", "Director of Nursing (DON) – Skilled Nursing"),
    ("Lead Dispatcher - Nights (Sun-Thu) - Toledo Terminal", "Lead Dispatcher"),
    ("Territory Sales Representative - HVAC/R Equipment - Charlotte, NC (New Territory)",
     "Territory Sales Representative - HVAC/R Equipment"),
    ("NOW HIRING: Dishwasher - $500 Hiring Bonus", "Dishwasher"),
    ("Senior Financial Analyst – Budget & Decision Support",
     "Senior Financial Analyst – Budget & Decision Support"),
    ("Vice President, People & Culture", "Vice President, People & Culture"),
])
def test_the_heading_keeps_the_job_and_drops_a_job_boards_noise(title, shown):
    analysis = analyze(build_request({"role": title, "company": "Acme",
                                      "description": "Acme runs three stores."}), LIBRARY)
    assert analysis.heading == shown


def test_a_company_named_again_is_named_as_it_calls_itself():
    """After the first fact, and where "us" comes back in a sentence, the name the ad itself
    uses ("Brookhaven"), not "Brookhaven Health & Rehabilitation" three times in a line."""
    description = ("Brookhaven Health & Rehabilitation is a 120-bed skilled nursing center. "
                   "Many of our residents come to us after a hospital stay; others have lived "
                   "with us for years. At Brookhaven, nights are calm.")
    analysis = analyze(build_request({"role": "CNA", "company": "Brookhaven Health & "
                                      "Rehabilitation", "description": description}), LIBRARY)
    assert analysis.facts[1] == ("Many of Brookhaven's residents come to Brookhaven after a "
                                 "hospital stay; others have lived with Brookhaven for years.")


@pytest.mark.parametrize(("description", "expected"), [
    # A cardiac unit's "post-PCI" patients had a nurse manager told to take PCI DSS training.
    ("Our 28-bed cardiac step-down unit cares for post-PCI, post-CABG and heart failure "
     "patients.", False),
    ("Keep the stores PCI compliant and ready for the annual PCI audit.", True),
    ("You will own our PCI-DSS scope for card payments.", True),
])
def test_pci_dss_is_the_card_standard_not_the_heart_procedure(description, expected):
    assert ("pci-dss" in found_signals({"company": "Bayview", "description": description})) \
        is expected


@pytest.mark.parametrize(("title", "family"), [
    # A rank is not a job: the function beside "vice president" decides.
    ("Vice President of Finance", "finance"),
    ("Vice President of Sales", "sales"),
    ("Senior Vice President, Human Resources", "hr-recruiting"),
    ("Vice President of Engineering", "engineering-management"),
    ("Vice President", "executive-leadership"),
    # The field right before the job noun is the job; a later field is what it is about.
    ("Marketing Manager, Commercial HVAC Controls", "marketing"),
    ("HVAC Service Technician", "skilled-trades"),
    ("Warehouse Shift Supervisor (2nd Shift)", "warehouse-logistics"),
    # An electric co-op's line crew is a trade, not a distribution center.
    ("Line Supervisor - Overhead Distribution (Req 26-0417)", "skilled-trades"),
    ("Customer Experience Associate (Phone/Chat)", "customer-service"),
    ("Director of Youth Employment Programs", "social-services"),
])
def test_the_job_in_a_title_decides_its_family(title, family):
    assert detect_family(normalize_title(title, LIBRARY), LIBRARY)[0].id == family


def test_job_site_lines_and_run_in_requirements_are_no_company_facts():
    """Leaks found on ads-5 (2026-12-02): a job site's company card and response badge, a
    location line with its note, shift lengths, a remote setup and how to apply."""
    description = (
        "Insurance · 501-1,000 employees\n"
        "Responded to 75% or more applications in the past 30 days, typically within 3 days.\n"
        "Milwaukee, Wisconsin (on-site, with regular travel to plants)\n\n"
        "Northgate Mutual insures 240,000 drivers in Wisconsin and Minnesota. Live-in and "
        "hourly cases, 4 hr - 12 hr shifts. A quiet place to work and internet of at least "
        "50 Mbps down.\n\n"
        "Requirements: Valid adjuster license. Submit a letter of introduction, resume and "
        "three letters of recommendation written within the last two years.")
    analysis = analyze(build_request({"role": "Claims Adjuster", "company": "Northgate Mutual",
                                      "description": description}), LIBRARY)
    assert analysis.facts == ["Northgate Mutual insures 240,000 drivers in Wisconsin and "
                              "Minnesota."]


@pytest.mark.parametrize(("sentence", "expected"), [
    # Misses on ads-5 (read after its blind panel, 2026-12-02), said in words of their own.
    ("In March we signed an agreement to acquire Rio Grande Tortilla Co., a maker of tortillas.",
     [("acquisition", "the Rio Grande Tortilla Co integration")]),
    ("We are replacing Epicor Vantage 8, which we have run since 2006, with Microsoft Dynamics "
     "365 Finance.", [("system-implementation", "the Microsoft Dynamics implementation")]),
    ("When the work is finished in April 2027, the hotel reopens as a member of Marriott's "
     "Tribute Portfolio.", [("relaunch", "the Tribute Portfolio conversion")]),
    ("In January we started a margin program across all six restaurants.",
     [("cost-program", "the cost program")]),
    ("Our accreditation depends on it: our HLC reaffirmation visit in 2029 is close.",
     [("audit", "the HLC reaffirmation visit")]),
    ("In June 2027 the branch moves from its building on Berry Street to a new advice-centered "
     "location at Electric Works.", [("new-site", "the Electric Works move")]),
    ("In May 2027 we open 4 East Annex, eight new step-down beds.",
     [("new-site", "the 4 East Annex opening")]),
    ("We are expanding YouthWorks into Kent County and opening a program site in Dover.",
     [("new-site", "the Dover opening"), ("expansion", "the expansion into Kent County")]),
    # Not initiatives: a target after a go-live, a refresh rate, a team that implements.
    ("Today our close takes 11 business days; the target after go-live is six.", []),
    ("Store inventory positions refresh once a day today.", []),
    ("Build the start-up plan with our engineering and implementation teams.", []),
    # A new shift pattern is no system (ads-9's panel, in outline).
    ("In January we are moving to a second shift, adding a crew of 12.", []),
    ("We are switching to 12-hour shifts next month.", []),
])
def test_initiatives_said_in_ordinary_ways(sentence, expected):
    found = _read("Manager", "Acme", sentence)
    assert [(i.id, i.name) for i in found.initiatives] == expected


@pytest.mark.parametrize(("description", "absent"), [
    # ads-5 after its panel: a new warehouse's first leader is no start-up, nor a product
    # launched in 2024; a data migration is a project, not a change of direction; a
    # college's foundation does not make the college a nonprofit.
    ("The Warehouse Operations Manager is the first leader hired for the site.", "startup"),
    ("Instant payouts, which we launched in 2024, now account for 22% of payout volume.",
     "startup"),
    ("The migration is also about speed.", "realignment"),
    ("Lead the opening with facilities, IT and the college foundation.", "nonprofit"),
])
def test_words_that_only_look_like_a_situation(description, absent):
    assert absent not in found_signals({"company": "Acme", "description": description})


def test_a_company_founded_recently_is_still_a_start_up():
    assert "startup" in found_signals({"company": "Acme", "description":
                                       "Acme was founded in 2023 by two nurses."})
    assert "nonprofit" in found_signals({"company": "Acme", "description":
                                         "Acme is a private foundation in Ohio."})


def test_a_lead_in_that_says_something_stays_with_its_list():
    """ads-5: "Two clients are signed for the building: a national pet-food brand ..." was
    shown as "A national pet-food brand ...", a fact with no verb; and "Build the start-up
    plan" (a new building's) made a 3PL with 14 warehouses an early-stage company."""
    analysis = _read("Warehouse Operations Manager", "Palmetto Freight Logistics", (
        "Palmetto Freight Logistics runs 14 warehouses across the Southeast. Two clients are "
        "signed for the building: a national pet-food brand moving its distribution out of its "
        "own warehouse, and an appliance parts company.\n\nWhat you will do\n"
        "- Build the start-up plan with our engineering team"))
    assert analysis.facts[1].startswith("Two clients are signed for the building: a national")
    assert "startup" not in {s.id for s in analysis.signals}
    honest = _read("Marketing Manager", "Acme", "Here's the honest picture: customer "
                   "acquisition cost rose 40% across our three markets last year.")
    assert honest.facts[0].startswith("Customer acquisition cost rose 40%")


@pytest.mark.parametrize(("description", "rule", "found"), [
    # A driver's ad on ads-5 ("Van provided, no CDL needed") gave the plan CDL and DOT rules.
    ("Swiftline delivers parcels in Tampa. Van provided, no CDL needed.", "CDL", False),
    ("Swiftline delivers parcels in Tampa with vans; a CDL is not required.", "CDL", False),
    ("Swiftline runs tractor-trailers; our drivers hold a Class A CDL.", "CDL", True),
    ("Swiftline is a courier. No HIPAA training needed.", "HIPAA", False),
    ("Swiftline is a hospital courier and we follow HIPAA on every run.", "HIPAA", True),
])
def test_a_rule_said_not_to_apply_is_not_the_jobs(description, rule, found):
    analysis = _read("Delivery Driver", "Swiftline", description)
    assert (rule in analysis.entities.regulations) is found
    assert (rule.lower() in {s.id for s in analysis.signals}) is (found and rule == "HIPAA")


@pytest.mark.parametrize(("title", "family", "level"), [
    # A school's principal runs it: a director, not a senior individual contributor.
    ("Founding Principal - Charter Middle School", "education-leadership", "director"),
    ("Middle School Principal", "education-leadership", "director"),
    ("Principal of Lincoln Elementary", "education-leadership", "director"),
    # Elsewhere "principal" is a rank, and the field beside it decides.
    ("Principal Engineer", "software-engineering", "senior"),
    ("Principal, Strategy Consulting", "consulting", "senior"),
])
def test_a_principal_is_a_school_leader_only_at_a_school(title, family, level):
    analysis = _read(title, "Acme", "Acme is a company.")
    assert (analysis.family.id, analysis.level) == (family, level)


def test_a_hyphenated_verb_takes_its_s_at_the_end():
    """A contractor's "We self-perform concrete" was restated as "selfs-perform"."""
    analysis = _read("Project Engineer", "Harlan Builders", "Harlan Builders is a general "
                     "contractor with 120 employees in Ohio. We self-perform concrete and steel "
                     "on most of our 40 projects a year.")
    assert ("Harlan Builders self-performs concrete and steel on most of its 40 projects a "
            "year.") in analysis.facts


@pytest.mark.parametrize(("sentence", "expected"), [
    # ads-8 (tune4), after its first blind score.
    ("On May 1 we begin handling for two more carriers, which adds 40 daily departures.",
     [("client-onboarding", "onboarding two more carriers")]),
    ("Our main cafeteria is being rebuilt: it closes in March and reopens in June as The "
     "Commons, with a new grill.", [("relaunch", "the Commons conversion")]),
    ("Our next NCUA examination is scheduled for September.",
     [("audit", "the NCUA examination")]),
    ("The Trust is replacing its paper notes and four separate clinical systems with a single "
     "Electronic Patient Record, Epic, which goes live on 7 November.",
     [("system-implementation", "the Electronic Patient Record implementation")]),
])
def test_initiatives_said_in_more_ordinary_ways(sentence, expected):
    found = _read("Manager", "Acme", sentence)
    assert [(i.id, i.name) for i in found.initiatives] == expected


def test_a_long_fact_cut_after_a_colon_keeps_the_first_item():
    """ads-8: "... payroll office has had a hard two years…" said nothing of what was hard."""
    analysis = _read("Payroll Manager", "Fox Ridge School District", (
        "Fox Ridge School District pays 2,400 employees. Our payroll office has had a hard two "
        "years: three of the four payroll staff turned over, a new teachers' contract created "
        "retroactive pay for 1,300 employees that is still not fully paid, and our last "
        "external audit noted two payroll findings in the district's 14 schools."))
    assert ("Fox Ridge School District's payroll office has had a hard two years: three of the "
            "four payroll staff turned over…") in analysis.facts


def test_a_saints_name_is_not_the_end_of_a_sentence():
    """ads-8: "St. Brendan Regional Medical Center ..." was shown as "Brendan is a ..."."""
    analysis = _read("Cook", "St. Brendan Regional Medical Center",
                     "St. Brendan Regional Medical Center is a 412-bed regional medical center "
                     "in Ohio. We serve 1,900 patient trays a day.")
    assert analysis.facts[0] == ("St. Brendan Regional Medical Center is a 412-bed regional "
                                 "medical center in Ohio.")


def test_a_public_body_with_a_fleet_is_still_a_public_body():
    analysis = _read("Fleet Manager", "Harbor City Public Works", (
        "Harbor City Public Works maintains 420 vehicles, from police cruisers to refuse trucks "
        "and snowplows, at our central fleet garage. Our fleet of trucks runs every day."))
    assert analysis.sector.id == "public-sector"


@pytest.mark.parametrize(("title", "family"), [
    # A childcare center's infant and toddler rooms are childcare (personal care), not a
    # school's classroom (tune3's a6-preschool-assistant-teacher-infants).
    ("Assistant Teacher - Infant & Toddler Rooms", "personal-care"),
    ("Lead Teacher - Infant Room", "personal-care"),
    ("Assistant Teacher", "teaching"),
    ("Teacher Assistant, 3rd Grade", "teaching"),
])
def test_an_infant_room_teacher_is_childcare(title, family):
    assert detect_family(normalize_title(title, LIBRARY), LIBRARY)[0].id == family


@pytest.mark.parametrize(("description", "hybrid"), [
    # A service technician's "hybrid and EV" cars gave an on-site job remote days.
    ("We service Toyota hybrid and EV models every day.", False),
    ("Our techs work on hybrid/electric vehicles.", False),
    ("This is a hybrid role: three days in our Austin office.", True),
])
def test_a_hybrid_car_is_no_hybrid_work_mode(description, hybrid):
    assert ("hybrid" in found_signals({"company": "Acme", "description": description})) is hybrid


@pytest.mark.parametrize(("title", "family"), [
    # "crew leader" is a restaurant's word only when nothing else names the work.
    ("Landscape Crew Leader", "custodial-housekeeping"),
    ("Crew Leader - Landscaping", "custodial-housekeeping"),
    ("Crew Leader", "food-service"),
])
def test_a_crew_leader_leads_the_crew_the_title_names(title, family):
    assert detect_family(normalize_title(title, LIBRARY), LIBRARY)[0].id == family


@pytest.mark.parametrize("sentence, team", [
    ("You will supervise 16 welders and fitters and assign work to hit the build schedule.",
     "16 welders and fitters"),
    ("The DON leads a team of about 85 RNs, LPNs and CNAs, with an ADON as a direct report.",
     "a team of about 85 RNs, LPNs and CNAs"),
    ("You'll build a team of four shift supervisors and up to 120 associates at full ramp.",
     "a team of four shift supervisors and up to 120 associates"),
    ("You will join a team of six clerks on the day shift.", ""),  # peers, not reports
    ("We are a team of 140 people across three offices.", ""),  # the company
    ("You will manage 3 projects at a time.", ""),  # no people counted
])
def test_the_team_the_role_leads(sentence, team):
    request = build_request({"role": "Supervisor", "company": "Acme",
                             "description": f"Acme makes bolts. {sentence}"})
    assert analyze(request, LIBRARY).entities.team == team


def test_a_renovation_of_a_count_of_things_is_named_by_its_noun():
    found = _read("Maintenance Technician", "Harbor Point Apartments",
                  "Harbor Point is a 312-unit community. We are renovating 40 units this spring.")
    assert [(i.id, i.name) for i in found.initiatives] == [
        ("relaunch", "the renovation of 40 units")]
