"""Clinical research jobs in the research-science family get their own lines, not a lab's."""

from __future__ import annotations

from test_composition import handout_lines, plan_for

SITE_AD = (
    "Cedar Valley Oncology is a community oncology practice with four clinics. Our research "
    "team runs industry-sponsored and cooperative-group trials with two research nurses. "
    "The coordinator screens patients, obtains consent, enters data in the sponsor's EDC and "
    "prepares for monitoring visits."
)
CRO_AD = (
    "Brightwater Clinical is a contract research organization running phase II and III "
    "studies for biotech sponsors. The CRA runs monitoring visits at eight sites and "
    "reports to the clinical trial manager."
)
LAB_AD = (
    "Northwind Biologics is a clinical-stage biotech developing antibody therapies. The "
    "scientist runs cell-based assays and presents results at project team meetings."
)


def test_a_clinical_research_coordinator_gets_a_coordinators_plan_not_a_labs():
    lines = handout_lines(plan_for("Clinical Research Coordinator", "Cedar Valley Oncology",
                                   SITE_AD))
    assert "Shadow a coordinator through screening, a consent discussion and a full study " \
        "visit" in lines
    assert "Participants enrolled safely and on pace" in lines
    assert "Prepare my studies for each monitor visit, with source, EDC and binders complete " \
        "beforehand" in lines
    text = " ".join(lines).lower()
    for lab in ("reproduce", "notebook", "patent", "experiment", "lab safety"):
        assert lab not in text, lab


def test_a_cra_gets_a_monitors_plan_not_a_coordinators():
    lines = handout_lines(plan_for("Clinical Research Associate II (CRA)", "Brightwater Clinical",
                                   CRO_AD))
    assert "Co-monitor visits with an experienced CRA before I run a visit on my own" in lines
    assert "Monitoring visit reports filed on time" in lines
    assert "Consent and enroll participants with a colleague present, then on my own once " \
        "signed off" not in lines
    assert not any("notebook" in line.lower() for line in lines)


def test_a_clinical_research_manager_gets_portfolio_and_start_up_lines():
    lines = handout_lines(plan_for("Clinical Research Manager", "Cedar Valley Oncology",
                                   SITE_AD))
    assert "Map how a study opens now, from feasibility to first participant, and where it " \
        "waits" in lines
    assert "Study activation time" in lines
    assert "Review instrument time, lab space, consumables budget and safety records" \
        not in lines


def test_a_lab_scientist_keeps_the_labs_lines():
    lines = handout_lines(plan_for("Research Scientist II", "Northwind Biologics",
                                   LAB_AD))
    assert "Complete lab safety, biosafety and data-integrity training, and get instrument " \
        "and ELN access approved" in lines
    assert "Reproducibility of key results" in lines
    assert "Participants enrolled safely and on pace" not in lines
