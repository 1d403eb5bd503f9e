"""Transport and driving: a fleet maintenance shop and a 911 center get their own lines.

Blind panel: a school district's fleet manager (PM compliance, state bus inspections, parts,
technicians, road calls) got a delivery driver's plan, and a 911 telecommunicator got a
trucking dispatcher's (loads, hours of service). Their lines are marked `only: [title:...]`;
the family's drivers and dispatchers keep theirs."""

from __future__ import annotations

from test_composition import document_lines, handout_text, plan_for

FLEET_AD = ("Pine Valley School District serves 9,000 students and runs 80 school buses out of "
            "one bus garage. The Fleet Manager leads 6 technicians, keeps preventive maintenance "
            "on schedule and prepares buses for the annual state inspection.")
CENTER_AD = ("Lakeside County 911 is the 911 center for Lakeside County, dispatching for 6 police "
             "agencies, 9 fire districts and 2 EMS providers. Telecommunicators use EMD protocols "
             "and CAD, and every call is subject to quality assurance review.")


def test_a_fleet_manager_gets_the_shop_not_the_drivers():
    text = handout_text("Fleet Manager", "Pine Valley School District", FLEET_AD)
    assert "Pull the PM due list from the fleet system" in text
    assert "Work beside the technicians" in text
    assert "PM completion on schedule" in text
    assert "Vehicle downtime" in text
    for wrong in ("Ride along with drivers on several routes",
                  "Set up a monthly scorecard for each driver",
                  "Driver trainer and senior drivers", "How is on-time delivery measured"):
        assert wrong not in text, wrong


def test_a_911_telecommunicator_gets_the_center_not_trucking_dispatch():
    text = handout_text("Public Safety Telecommunicator I", "Lakeside County 911", CENTER_AD)
    assert "Complete the classroom academy: CAD, the phone system" in text
    assert "with my CTO monitoring, using the protocol on every call" in text
    assert "Protocol compliance in QA reviews" in text
    assert "How long is training, and how are the phases with the CTO signed off?" in text
    for wrong in ("hours of service", "loads", "the board", "pre-trip", "Driver trainer"):
        assert wrong not in text, wrong


def test_an_emergency_dispatcher_is_no_trucking_dispatcher_and_a_truck_dispatcher_still_is():
    emergency = handout_text("Emergency Communications Dispatcher", "Lakeside County 911",
                             CENTER_AD)
    assert "Verify the caller's location first" in emergency
    assert "Sit beside an experienced dispatcher through whole shifts" not in emergency
    trucking = handout_text("Truck Dispatcher", "Buckeye Freight",
                     "Buckeye Freight runs 140 trucks out of its Toledo terminal for shippers in "
                     "Ohio and Michigan.")
    assert "Sit beside an experienced dispatcher through whole shifts" in trucking
    assert "CTO" not in trucking and "PM due list" not in trucking


def test_a_911_dispatcher_is_a_call_taker_not_a_truck_dispatcher():
    """Title words keep their digits: "911 Dispatcher" gets the 911 center's lines."""
    plan = plan_for("911 Dispatcher", "Tri-County Emergency Communications",
                    "Tri-County Emergency Communications answers 911 calls for 14 police, fire "
                    "and EMS agencies in three counties.")["plan"]
    text = " ".join(document_lines(plan))
    assert "Complete the classroom academy" in text
    assert "hours of service" not in text
