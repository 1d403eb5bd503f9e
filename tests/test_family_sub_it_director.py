"""IT support: a Director of IT or an IT Director gets a director's lines (the security posture,
the budget and contracts, service levels, the roadmap, the team's staffing), not a help-desk
technician's queue, training and tickets; an IT support specialist keeps his."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

# A technician's lines that read wrong in a director's plan.
TECHNICIAN = (
    "for my queue", "Take my own tickets", "Shadow colleagues on tickets",
    "Work a full ticket queue", "First tickets resolved", "Own a service area",
    "Create a new-starter checklist", "Automate one repetitive task",
    "Which requests do users make again and again?", "Refresh the certifications",
    "Balance ticket and on-call load",
    "Learn the people we support, the systems and how tickets flow",
    "Own my area and keep services healthy", "Take on real work and fix one recurring cause",
)


def _assert_no_technician(text: str) -> None:
    assert_absent(text, TECHNICIAN, exact_case=True)


def test_director_of_it_at_a_law_firm_gets_the_director_lines():
    docs = plan_for(
        "Director of IT", "Hollis & Marsh LLP",
        "Hollis & Marsh LLP is a 220-lawyer law firm with offices in Boston and Hartford and "
        "practice groups in litigation, real estate and corporate work. The Director of IT "
        "reports to the Chief Operating Officer and leads a team of six across the service desk "
        "and infrastructure. Clients increasingly send security questionnaires before engaging "
        "us.")
    text = " ".join(handout_lines(docs))
    assert "Review the security posture with the team: MFA coverage, patch levels, backups " \
           "and the last restore test, and the incident response plan" in text
    assert "Learn the systems client work runs on, such as document management, time entry " \
           "and billing" in text
    assert "Take ownership of clients' security questionnaires and audit requests" in text
    metrics = [m["metric"] for m in docs["plan"]["measures"]]
    assert metrics == ["Service levels met", "Critical patches applied within the window",
                       "Backup restore tests passed"]
    roles = [s["role"] for s in docs["plan"]["stakeholders"]]
    assert "The IT team and its leads" in roles
    assert "Practice leaders and partners" in roles
    assert "Which IT projects are in flight, and which are at risk of slipping or running " \
           "over budget?" in text
    _assert_no_technician(text)
    assert "Walk the line" not in text and "plant" not in text.lower()


def test_it_director_at_a_manufacturer_gets_the_plants():
    docs = plan_for(
        "IT Director", "Carver Precision Components",
        "Carver Precision Components is a family-owned manufacturer of machined aerospace parts "
        "with two plants in Ohio and 400 employees. The IT Director reports to the CFO and "
        "manages a team of five. We run Epicor ERP, and our shop floor depends on networked CNC "
        "machines.")
    text = " ".join(handout_lines(docs))
    assert "Walk the plant floor with the plant managers to see which machines, terminals and " \
           "networks production depends on" in text
    assert "Agree with the plant managers a maintenance window for plant systems" in text
    assert "Present an IT roadmap and risk register to the leadership team" in text
    assert "A staffing and skills plan for the IT team, with its costs" in text
    assert "Set IT's priorities and service levels, and close the first security gaps" in text
    _assert_no_technician(text)
    # The manufacturing sector's line for the line worker, not the IT director.
    assert "Walk the line with the supervisor" not in text
    assert "practice" not in text.lower()


def test_head_of_it_with_soc2_owns_the_audit_work():
    docs = plan_for(
        "Head of IT", "Ledgerline",
        "Ledgerline makes accounting software for small businesses and holds a SOC 2 Type II "
        "report. The Head of IT reports to the COO.")
    text = " ".join(handout_lines(docs))
    assert "Take ownership of the SOC 2 work: each control's owner, the evidence calendar and " \
           "the date of the next audit" in text
    _assert_no_technician(text)


def test_it_support_specialist_keeps_the_technician_lines():
    docs = plan_for(
        "IT Support Specialist II", "Brightline Dental Group",
        "Brightline Dental Group runs 18 dental offices across Colorado. The IT Support "
        "Specialist II handles tickets from the offices, sets up workstations and imaging PCs, "
        "and supports Dentrix and Microsoft 365.")
    text = " ".join(handout_lines(docs))
    assert "Learn the people we support, the systems and how tickets flow" in text
    assert "Shadow colleagues on tickets and changes, then resolve my first ones with review" \
        in text
    assert "Work a full ticket queue on my own, escalating with clear notes" in text
    assert "at or under it for my queue by day 60" in text
    assert "Create a new-starter checklist so laptops and accounts are ready on day one" in text
    for words in ("security posture", "IT budget", "roadmap", "Service levels met",
                  "staffing and skills"):
        assert words not in text, words


def test_it_manager_keeps_the_team_lines_without_a_queue():
    docs = plan_for(
        "IT Manager", "Fairway Logistics",
        "Fairway Logistics is a regional freight company with 300 employees. The IT Manager "
        "leads a help desk team of three and reports to the CFO.")
    text = " ".join(handout_lines(docs))
    assert "Read the network diagrams, asset inventory and runbooks" in text
    assert "Agree service levels and a change-approval routine with the team, tested on one " \
           "service" in text
    assert "within the targets agreed with you for each priority by day 90" in text
    assert "for my queue" not in text
    assert "Service levels met" not in text
