"""Transport and driving: in-home delivery drivers and installers get lines of their own.

An appliance or furniture delivery driver works in a two-person crew in customers' homes:
calling ahead, protecting floors, carrying up stairs, installing, connecting and hauling away,
photographing damage and getting the customer's sign-off. They used to get a route driver's
or a trucker's lines; a route driver and a CDL-A regional driver keep theirs."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

WRONG = ("the stores", "shelf", "hours of service", "ELD", "trailer", "Driver trainer and senior "
         "drivers", "CSA scores", "preventable accident here", "cost per mile")


def _assert_not_a_route_or_truck_driver(text: str) -> None:
    assert_absent(text, WRONG, exact_case=True)


def test_an_appliance_delivery_installer_gets_the_installs():
    docs = plan_for(
        "Appliance Delivery Driver / Installer", "Hartley Appliance",
        "Hartley Appliance sells and delivers major appliances from three showrooms in the "
        "Columbus area. Our two-person crews deliver, install and haul away refrigerators, "
        "ranges, washers and dryers six days a week.")
    text = " ".join(handout_lines(docs))
    assert "Learn the truck, the crew's routine and how an in-home delivery is done here" in text
    assert "which gas hookups my license allows or are left to a licensed technician" in text
    assert "Connect and test every appliance before leaving" in text
    assert "Damage claims" in text
    assert "Which installs does the crew do itself" in text
    _assert_not_a_route_or_truck_driver(text)


def test_a_furniture_delivery_driver_gets_assembly_not_appliance_hookups():
    docs = plan_for(
        "Furniture Delivery Driver", "Oakline Furniture",
        "Oakline Furniture is a family-owned furniture retailer with two stores in the Denver "
        "area. We deliver sofas, bedroom sets and mattresses to customers' homes, with assembly "
        "and removal of old pieces.")
    text = " ".join(handout_lines(docs))
    assert "Learn the assembly and placement we do with a trainer" in text
    assert "Place and assemble every piece where the customer wants it" in text
    assert "Measure doorways, stairs and turns before carrying anything in" in text
    assert "Return trips and callbacks" in text
    _assert_not_a_route_or_truck_driver(text)
    for wrong in ("gas", "water lines", "dryer venting", "leaks"):
        assert wrong not in text, wrong


def test_a_route_driver_and_a_regional_driver_keep_their_lines():
    route = " ".join(handout_lines(plan_for(
        "Route Delivery Driver", "Sunrise Bakery",
        "Sunrise Bakery bakes bread and rolls for grocery stores and restaurants across "
        "central Ohio, delivering six days a week from its Dayton bakery.")))
    assert "Learn the route, the stores and the truck" in route
    assert "in-home delivery" not in route and "crew partner" not in route
    regional = " ".join(handout_lines(plan_for(
        "CDL-A Regional Truck Driver", "Buckeye Freight",
        "Buckeye Freight runs 140 trucks out of its Toledo terminal for shippers in Ohio and "
        "Michigan.")))
    assert "Learn the truck, the ELD and how trips are planned here" in regional
    assert "in-home delivery" not in regional and "crew partner" not in regional
