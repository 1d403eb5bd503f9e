"""Skilled trades: an apartment or property maintenance technician works resident work orders,
make-readies and on-call at a community, not a construction tradesperson's sites, foremen,
drawings and inspections, nor a service company's ride-alongs and truck. A maintenance
technician at a food plant keeps the plant's lines."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

# A construction tradesperson's jobs and sites, and a service company's calls.
TRADES = ("foreman", "tradesperson", "drawings", "submittal", "punch list", "site induction",
          "code editions", "passes inspection", "toolbox talk", "job site", "callback",
          "ride along", "ride-along", "truck", "tablet", "price book", "permits")


def test_maintenance_technician_at_an_apartment_community_gets_work_orders_and_turns():
    docs = plan_for(
        "Maintenance Technician", "Harbor Point Apartments",
        "Harbor Point Apartments is a 312-unit apartment community in Tampa managed by "
        "Crestline Residential. Our maintenance team handles resident work orders, "
        "make-readies and preventive maintenance. We use Yardi to track work orders and pride "
        "ourselves on resident satisfaction.")
    text = " ".join(handout_lines(docs))
    assert "Learn the work-order system as the team uses it, such as Yardi, RealPage, " \
           "AppFolio or Entrata" in text
    assert "Turn my assigned vacant units to the make-ready checklist, and tell the leasing " \
           "team the day each one is ready to show" in text
    assert "Resident requests fixed right the first time" in text
    assert "Make-ready days per unit" in [m["metric"] for m in docs["plan"]["measures"]]
    assert "Maintenance supervisor I report to" in \
        [s["role"] for s in docs["plan"]["stakeholders"]]
    assert_absent(text, TRADES)


def test_maintenance_supervisor_at_a_property_manager_leads_the_community_team():
    docs = plan_for(
        "Maintenance Supervisor", "Oakridge Property Management",
        "Oakridge Property Management manages 14 apartment communities across North Texas, "
        "about 3,800 units. The maintenance supervisor leads a team of technicians, make-ready "
        "techs and groundskeepers at a 420-unit community and reports to the community "
        "manager. We work in Entrata.")
    text = " ".join(handout_lines(docs))
    assert "Review open work orders by age, make-ready days per unit and resident complaints " \
           "with the community manager" in text
    assert "Community or property manager I report to" in \
        [s["role"] for s in docs["plan"]["stakeholders"]]
    assert "Work orders open past the standard" in \
        [m["metric"] for m in docs["plan"]["measures"]]
    assert "How many technicians, make-ready techs and groundskeepers would I lead" in text
    assert_absent(text, TRADES)


def test_maintenance_technician_at_a_food_plant_keeps_the_plant():
    docs = plan_for(
        "Maintenance Technician - 2nd Shift", "Prairie Gold Foods",
        "Prairie Gold Foods makes frozen baked goods on six packaging lines at its plant in "
        "Iowa. Maintenance technicians handle breakdowns and PMs on mixers, ovens, spiral "
        "freezers and case packers under SQF and GMP rules.")
    text = " ".join(handout_lines(docs))
    assert "Learn the equipment on my lines" in text
    assert "Unplanned downtime on the equipment I work on" in \
        [m["metric"] for m in docs["plan"]["measures"]]
    assert_absent(text, ("make-ready", "resident", "leasing", "yardi", "community manager"))
