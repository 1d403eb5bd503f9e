"""Transport and driving: regional, over-the-road and linehaul truck drivers get their own lines.

Blind panel: a CDL-A regional dry van driver and an OTR flatbed driver got a local delivery
driver's plan (stops, proof of delivery at every stop, learning a second route). Their lines are
marked `only: [title:...]` (regional, otr, linehaul, flatbed, reefer, tanker, ...); the route and
delivery lines are kept from them, and local drivers keep theirs."""

from __future__ import annotations

from test_composition import handout_text

REGIONAL_AD = ("Prairie Line Freight is a truckload carrier running 300 dry van tractors out of "
               "Omaha. Regional drivers are home every weekend and run no-touch freight to "
               "shipper and receiver appointments across the Midwest.")
LINEHAUL_AD = ("Summit LTL moves freight between its 40 service centers every night. Linehaul "
               "drivers pull doubles on scheduled runs out of the Atlanta breakbulk.")
LOCAL_AD = ("Buckeye Supply delivers building materials to contractors around Columbus. Local "
            "drivers run a box truck to 12 to 15 stops a day and are home every night.")

ROUTE_LINES = ("proof of delivery at every stop", "Learn a second route",
               "Ride along with a driver trainer on my routes", "Which stops are hardest",
               "Driver trainer and senior drivers")


def test_a_regional_driver_plans_trips_with_a_driver_manager_not_stops():
    text = handout_text("CDL-A Regional Truck Driver", "Prairie Line Freight", REGIONAL_AD)
    assert "Learn the truck, the ELD and how trips are planned here" in text
    assert "Plan each trip with my driver manager" in text
    assert "my 11-hour, 14-hour and 70-hour clocks" in text
    assert "On-time pickups and deliveries" in text
    assert "Driver manager or dispatcher" in text
    assert "How is home time scheduled" in text
    for wrong in ROUTE_LINES:
        assert wrong not in text, wrong


def test_an_otr_flatbed_driver_gets_securement():
    text = handout_text("OTR Flatbed Driver", "Prairie Line Freight", REGIONAL_AD)
    assert "Learn securement as it is done here" in text
    assert "recheck it within the first 50 miles" in text
    assert "Every load secured and delivered without a claim" in text
    for wrong in ROUTE_LINES:
        assert wrong not in text, wrong


def test_a_linehaul_driver_runs_meets_not_shipper_appointments():
    text = handout_text("Linehaul Driver", "Summit LTL", LINEHAUL_AD)
    assert "Learn the run, the equipment and the meet points" in text
    assert "Runs on schedule" in text
    assert "Linehaul dispatcher and supervisor" in text
    for wrong in ROUTE_LINES + ("Check in on time at shippers and receivers",
                                "Every pickup and delivery on its appointment"):
        assert wrong not in text, wrong


def test_a_box_truck_driver_and_a_regional_dispatcher_keep_their_lines():
    local = handout_text("Box Truck Driver", "Buckeye Supply", LOCAL_AD)
    assert "Learn the route, the stores and the truck" in local
    assert "Plan each trip with my driver manager" not in local
    dispatcher = handout_text("Regional Dispatcher", "Prairie Line Freight", REGIONAL_AD)
    assert "Sit beside an experienced dispatcher through whole shifts" in dispatcher
    assert "Plan each trip with my driver manager" not in dispatcher
