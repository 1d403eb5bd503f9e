"""The engineering family's quality, process and construction project engineers get their own
lines, and the design engineer's lines (drawings, design reviews, the PE license) stay theirs."""

from __future__ import annotations

from test_composition import handout_text

MEDICAL_CM = (
    "Brightline Medical is a contract manufacturer of single-use medical devices for OEM "
    "customers, with one plant in Ohio. Our quality system is certified to ISO 13485. "
    "The Quality Engineer owns CAPAs, nonconformances and customer complaint investigations, "
    "and keeps process FMEAs and control plans current."
)
CONTRACTOR = (
    "Kestrel Construction is a commercial general contractor building schools and offices in "
    "Utah. The Project Engineer manages RFIs and submittals, keeps drawing logs current, and "
    "tracks punch lists and closeout documents with the superintendent and subcontractors."
)
STAMPING = (
    "Ridgeline Stamping is a Tier 2 supplier of stamped brackets to automotive customers, "
    "with one plant in Indiana running three shifts. The Process Engineer owns the press "
    "lines' process settings, PFMEAs and work instructions, and works to cut scrap and downtime."
)
DESIGN_LINE = ("Learn the drawing and document standards, the design tools and how a drawing or "
               "change is checked and released, with a senior engineer as mentor")
PE_LICENSE = ("Is there a path to the PE license or a certification, and who would supervise my "
              "experience?")


def test_a_quality_engineer_gets_capa_work_and_no_design_release():
    text = handout_text("Quality Engineer", "Brightline Medical", MEDICAL_CM)
    assert "Learn the quality system, the products and where defects come from" in text
    assert ("Own a set of CAPAs through root cause, correction and effectiveness check, "
            "and keep them on schedule") in text
    assert "Open CAPAs and their age" in text
    assert ("How are CAPAs opened, ranked and closed here, and who signs off that a fix "
            "worked?") in text
    assert DESIGN_LINE not in text
    assert PE_LICENSE not in text
    assert "Designs released on time" not in text
    assert "PE experience record" not in text


def test_a_contractors_project_engineer_runs_rfis_submittals_and_punch_list():
    text = handout_text("Project Engineer", "Kestrel Construction", CONTRACTOR)
    assert ("Run the RFI and submittal logs for my scope, writing, tracking and chasing each to "
            "an answer") in text
    assert ("Walk and track the punch list with the superintendent and subcontractors, "
            "and close items by the dates agreed") in text
    assert "Submittals returned for resubmittal" in text
    assert ("Present my first design or investigation at a design review, with the data behind "
            "it") not in text
    assert "A design or fix released and confirmed in use" not in text
    assert PE_LICENSE not in text


def test_a_process_engineer_takes_on_scrap_and_downtime():
    text = handout_text("Process Engineer", "Ridgeline Stamping", STAMPING)
    assert ("Take the biggest scrap or downtime cause on one line, run the trials and write up "
            "what the data shows") in text
    assert "Downtime and first-pass yield" in text
    assert "Engineering manager or plant manager" in text
    assert "Check a colleague's drawings or calculations as second checker" not in text
    assert DESIGN_LINE not in text


def test_a_mechanical_engineer_keeps_the_design_lines():
    text = handout_text("Mechanical Engineer", "Ridgeline Stamping", STAMPING)
    assert DESIGN_LINE in text
    assert "Designs released on time" in text
    assert "Take the biggest scrap or downtime cause" not in text
