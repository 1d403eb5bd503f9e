"""Occupational safety and EHS: an EHS manager gets OSHA logs, recordables and corrective
actions, not a sustainability manager's carbon reporting; titles of other families that hold
the word "safety" keep their family."""

from __future__ import annotations

import pytest
from test_composition import LIBRARY, handout_text, plan_for

from nextround.analysis import detect_family, normalize_title

PLANT_AD = ("Kessler Die Casting is a family-owned maker of aluminum die-cast parts. The EHS "
            "Manager leads environmental, health and safety programs for the Columbus plant, "
            "owns the OSHA 300 log and incident investigations, and manages the air permit.")


def test_an_ehs_manager_gets_safety_lines_not_carbon_reporting():
    text = handout_text("Environmental, Health & Safety (EHS) Manager", "Kessler Die Casting",
                        PLANT_AD)
    assert "OSHA 300 logs" in text
    assert "Total recordable incident rate (TRIR) and DART rate" in text
    assert "Corrective actions closed on time" in text
    for wrong in ("emissions", "carbon", "sustainability report", "scope"):
        assert wrong not in text.lower(), wrong


def test_a_site_safety_coordinator_gets_the_site_lines():
    ad = ("Ridgeline Builders is a commercial general contractor. The Site Safety Coordinator "
          "inspects our jobsites daily and reviews subcontractor safety plans and JHAs.")
    text = handout_text("Site Safety Coordinator", "Ridgeline Builders", ad)
    assert "task hazard analyses" in text
    assert "Subcontractor safety" in text


def test_other_families_keep_their_safety_titles():
    for role, family in (("Public Safety Telecommunicator I", "transport-driving"),
                         ("Fleet Safety Manager", "transport-driving"),
                         ("Patient Safety Attendant", "patient-care-support"),
                         ("Environmental Services Manager", "custodial-housekeeping"),
                         ("Sustainability Manager", "sustainability-esg"),
                         ("EHS Specialist", "safety-ehs")):
        docs = plan_for(role, "Acme", "Acme is a company.")
        assert docs["plan"]["family"] == LIBRARY.families[family].name, role


@pytest.mark.parametrize(("title", "family"), [
    # "X safety" jobs that are not workplace safety stay with their fields.
    ("Food Safety Manager", "manufacturing-production"),
    ("Trust & Safety Specialist", "customer-service"),
    ("Patient Safety Officer", "nursing-clinical"),
    ("Drug Safety Specialist", "research-science"),
    ("Fire Safety Officer", "security"),
    ("Product Safety Engineer", "engineering"),
])
def test_other_safety_jobs_keep_their_fields(title, family):
    assert detect_family(normalize_title(title, LIBRARY), LIBRARY)[0].id == family
