"""Hotel operations: revenue managers and night auditors get their own lines.

Blind panel: a cluster revenue manager got a front-office plan (rush rooms, upsells at
check-in) and was told to meet "the revenue manager"; a night auditor at an independent hotel
got brand-loyalty and upsell lines and occupancy as a measure. Their lines are marked
`only: [title:revenue]` and `only: [title:audit, title:auditor]`, and the front office's lines
say `unless:` those words; the family's front-desk jobs keep theirs."""

from __future__ import annotations

from test_composition import handout_text

REVENUE_AD = ("Bayview Hospitality Group operates three select-service hotels in Tampa. The "
              "Cluster Revenue Manager sets rates and restrictions in the RMS and channel "
              "manager, and leads the weekly revenue meeting with the general managers.")
AUDIT_AD = ("The Alder House is an independent 62-room hotel in Asheville. The Night Auditor "
            "runs the night audit, balances the credit card batch and checks in late arrivals.")


def test_a_revenue_manager_gets_the_forecast_not_the_front_desk():
    text = handout_text("Cluster Revenue Manager", "Bayview Hospitality Group", REVENUE_AD)
    assert "Read the forecast, pace and pickup against last year and budget" in text
    assert "through the channel manager to each OTA" in text
    assert "Forecast accuracy" in text
    assert "RevPAR index (RGI) against the comp set" in text
    assert "The director of sales and the sales managers" in text
    for wrong in ("the revenue manager", "rush rooms", "Upsells and loyalty enrolments",
                  "executive housekeeper", "loyalty program"):
        assert wrong not in text, wrong


def test_a_night_auditor_gets_the_audit_not_loyalty_or_occupancy():
    text = handout_text("Night Auditor", "The Alder House", AUDIT_AD)
    assert "Learn the night audit in the PMS: posting room and tax" in text
    assert "Write hand-off notes for the morning desk" in text
    assert "Nights balanced at close" in text
    assert "Who is on call overnight when something goes wrong" in text
    for wrong in ("loyalty", "upsell", "Upsell", "brand's", "Occupancy, ADR and RevPAR",
                  "Rooms ready at check-in"):
        assert wrong not in text, wrong


def test_a_night_audit_supervisor_leads_the_audit_rather_than_shadowing_it():
    text = handout_text("Night Audit Supervisor", "Harborview Inn",
                 "Harborview Inn is a 180-room hotel. The Night Audit Supervisor leads two "
                 "night auditors and runs the night audit in Opera.")
    assert "Work the audit beside each night auditor" in text
    assert "Shadow an experienced night auditor" not in text


def test_a_front_office_manager_keeps_the_front_office_lines():
    text = handout_text("Front Office Manager", "Harbor & Pine Hotels",
                 "Harbor & Pine Hotels runs 9 boutique hotels on the Maine coast, with a "
                 "busy front desk and group arrivals every weekend.")
    assert "Walk a heavy arrival day with housekeeping" in text
    assert "Rooms ready at check-in" in text
    assert "Learn the forecast, the pace and how rates reach each channel" not in text
    assert "Nights balanced at close" not in text
