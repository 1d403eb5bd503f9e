"""Skilled trades and field service: a water or wastewater treatment operator runs a plant on
shifts, and a tire technician works in a shop's bays; each gets lines of its own, not a service
tradesperson's callbacks and van or a field technician's ride-alongs and territory. An
electrician, an HVAC service technician and a field service technician keep theirs."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

# A tradesperson's jobs, sites and callbacks, and the utility line crew's switching and storms.
TRADES = ("callback", "van ", "truck", "tablet", "foreman", "tradesperson", "drawings",
          "code editions", "passes inspection", "inspections passed", "switching", "storm",
          "ride-along", "job site", "punch list")
# A field technician's calls at customers' sites.
FIELD = ("ride-along", "ride along", "dispatch", "territory", "oem", "truck or bench",
         "on-call", "first-time fix", "mean time to repair", "each site's", "service call")


def test_water_treatment_operator_gets_the_plant_and_its_shifts():
    docs = plan_for(
        "Water Treatment Plant Operator II", "Millbrook Water Authority",
        "Millbrook Water Authority supplies drinking water to 40,000 residents from a 12 MGD "
        "surface water treatment plant on the Alder River. Operators run the conventional "
        "treatment process on 12-hour rotating shifts. The plant is regulated under the Safe "
        "Drinking Water Act by the state health department.")
    text = " ".join(handout_lines(docs))
    assert "Learn the rounds and the SCADA screens: the normal reading for each pump, chemical " \
           "feed and tank, what each alarm means, and which set points an operator may " \
           "change" in text
    assert "Run jar tests, and adjust coagulant and chlorine feed within the ranges set for " \
           "the plant, logging each change and why" in text
    assert "Compliance samples and readings on time" in \
        [m["metric"] for m in docs["plan"]["measures"]]
    assert "The operators on my shift and the other rotations" in \
        [s["role"] for s in docs["plan"]["stakeholders"]]
    assert "Which set points may an operator change on shift, and which need your " \
           "approval?" in text
    assert "Consumer Confidence Report" in text
    assert_absent(text, TRADES)


def test_wastewater_operator_trainee_gets_process_control_and_the_certificate():
    docs = plan_for(
        "Wastewater Treatment Plant Operator Trainee", "City of Ashford",
        "The City of Ashford operates a 6 MGD activated sludge wastewater treatment plant that "
        "discharges to the Pine River under an NPDES permit. Trainees work day shift under a "
        "Class III operator while they earn their Class I certificate.")
    text = " ".join(handout_lines(docs))
    assert "Run the process-control tests, such as settleometers, sludge blankets and " \
           "dissolved oxygen" in text
    assert "Each process learned well, under a certified operator" in text
    assert "Progress toward the next certificate grade" in \
        [m["metric"] for m in docs["plan"]["measures"]]
    assert "NPDES discharge permit: its effluent limits" in text
    # A trainee works under the operator in charge, and a sewage plant runs no jar tests.
    assert "Run my own shifts" not in text
    assert "jar test" not in text
    assert_absent(text, TRADES)


def test_water_treatment_service_technician_keeps_the_service_calls():
    docs = plan_for(
        "Water Treatment Service Technician", "Clearwell Water Solutions",
        "Clearwell Water Solutions installs and services water softeners, reverse osmosis "
        "systems and well water treatment for homeowners across three counties.")
    text = " ".join(handout_lines(docs))
    assert "Ride along with an experienced service technician before running my own calls" in text
    assert "SCADA" not in text
    assert "certificate grade" not in text


def test_tire_technician_gets_the_bay():
    docs = plan_for(
        "Tire Technician", "Route 9 Tire & Auto",
        "Route 9 Tire & Auto is a family-owned tire and auto service shop with two locations "
        "and eight service bays. Tire technicians mount, balance and rotate tires, repair "
        "flats and do oil changes while customers wait. We sell the major tire brands.")
    text = " ".join(handout_lines(docs))
    assert "Learn the torque specs and the shop's torque routine" in text
    assert "Repair flats only to the industry standard: a patch-plug from inside the tire, in " \
           "the tread area only, never on the sidewall or shoulder" in text
    assert "Comebacks on my work" in [m["metric"] for m in docs["plan"]["measures"]]
    assert "Service advisors at the counter" in [s["role"] for s in docs["plan"]["stakeholders"]]
    assert "How are wheels torqued and checked here, and what does the shop tell customers " \
           "about re-torquing?" in text
    assert_absent(text, FIELD)


def test_tire_and_lube_technician_gets_the_oil_changes_too():
    text = " ".join(handout_lines(plan_for(
        "Tire and Lube Technician", "Route 9 Tire & Auto",
        "Route 9 Tire & Auto is a family-owned tire and auto service shop with eight service "
        "bays. Technicians mount and balance tires, repair flats and do oil changes while "
        "customers wait.")))
    assert "Do oil changes to the vehicle's specification" in text
    assert "Torque every wheel to the vehicle's spec in a star pattern" in text
    assert_absent(text, FIELD)


def test_the_families_main_jobs_keep_their_lines():
    electrician = plan_for(
        "Journeyman Electrician (Commercial)", "Brightline Electric",
        "Brightline Electric is a commercial electrical contractor building schools, clinics "
        "and offices across central Ohio. Our crews work on new construction and tenant "
        "improvements under a project superintendent.")
    text = " ".join(handout_lines(electrician))
    assert "Complete safety orientation, site inductions and lockout/tagout training before " \
           "any work" in text
    assert "Foreman or supervisor I report to" in \
        [s["role"] for s in electrician["plan"]["stakeholders"]]
    assert "SCADA" not in text
    hvac = " ".join(handout_lines(plan_for(
        "HVAC Service Technician", "Ironleaf Heating & Air",
        "Ironleaf Heating & Air repairs and maintains furnaces, heat pumps and air "
        "conditioners for homeowners, with 14 service trucks and a maintenance-agreement "
        "program.")))
    assert "Ride along with an experienced service technician before running my own calls" in hvac
    field = plan_for(
        "Field Service Technician", "Clearwater Renal Systems",
        "Clearwater Renal Systems designs and builds hemodialysis machines used in dialysis "
        "clinics. Our field service technicians install, maintain and repair that equipment "
        "at customer sites across the Midwest.")
    field_text = " ".join(handout_lines(field))
    assert "Ride-alongs, the work-order app and the equipment we service" in field_text
    assert "First-time fix rate" in [m["metric"] for m in field["plan"]["measures"]]
    assert "torque" not in field_text.lower()
