"""Field service: shop mechanics (diesel, automotive, heavy equipment and fleet technicians, and a
lube technician) work in a shop's bays on repair orders, not on service calls at customers'
sites; each gets lines of its own instead of the ride-alongs, the territory and the truck
stock. A field service technician keeps his, and a tire technician keeps the tire bay."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

# A field technician's calls at customers' sites.
FIELD = ("ride-along", "ride along", "territory", "truck or bench", "on-call", "first-time fix",
         "mean time to repair", "each site's", "service call", "close each call",
         "from dispatch to sign-off", "oem certification")


def _assert_no_field(text: str) -> None:
    assert_absent(text, FIELD)


def test_diesel_technician_at_a_truck_leasing_shop_gets_the_bay():
    docs = plan_for(
        "Diesel Technician", "Keystone Truck Leasing",
        "Keystone Truck Leasing rents and leases Class 8 tractors and straight trucks to "
        "businesses across Pennsylvania. Our diesel technicians perform PM services, DOT annual "
        "inspections and repairs on Freightliner and International units in our Harrisburg shop.")
    text = " ".join(handout_lines(docs))
    assert "Cummins INSITE, Detroit Diesel DiagnosticLink" in text
    assert "Diagnose aftertreatment faults on DPF, SCR and EGR systems" in text
    assert "Hours flagged against hours clocked" in [m["metric"] for m in docs["plan"]["measures"]]
    assert "Does the shop run road calls or after-hours service, and how are they shared?" in text
    _assert_no_field(text)
    assert "torque every wheel" not in text.lower()


def test_automotive_service_technician_at_a_dealership_gets_repair_orders():
    docs = plan_for(
        "Automotive Service Technician", "Parkway Honda",
        "Parkway Honda is a family-owned Honda dealership with a 22-bay service department. "
        "Technicians diagnose and repair customer vehicles and perform factory-scheduled "
        "maintenance and warranty work.")
    text = " ".join(handout_lines(docs))
    assert "Learn the scan tools and the manufacturers' service information the shop uses" in text
    assert "My own repair orders, diagnosed before any part is ordered" in text
    assert "Service advisors or service writers" in \
        [s["role"] for s in docs["plan"]["stakeholders"]]
    assert "Is the pay flat-rate or hourly, how are hours flagged" in text
    _assert_no_field(text)
    assert "aftertreatment" not in text


def test_heavy_equipment_mechanic_gets_the_machines():
    docs = plan_for(
        "Heavy Equipment Mechanic", "Granite Ridge Excavating",
        "Granite Ridge Excavating is a site-work contractor running 60 excavators, loaders and "
        "dozers on job sites across central Texas. Mechanics repair and service the fleet in "
        "our Waco shop.")
    text = " ".join(handout_lines(docs))
    assert "Learn the machines the shop sees most, such as loaders, excavators and dozers" in text
    assert "Trace hydraulic and electrical faults with the schematics" in text
    assert "Comebacks on my work" in [m["metric"] for m in docs["plan"]["measures"]]
    _assert_no_field(text)
    for word in ("aftertreatment", "INSITE", "customer reviews"):
        assert word not in text, word


def test_fleet_mechanic_and_lube_technician_get_their_own_lines():
    fleet = plan_for(
        "Fleet Mechanic", "City of Maple Grove",
        "The City of Maple Grove maintains 300 vehicles and pieces of equipment, from police "
        "cruisers to snowplows, in its public works garage. The fleet mechanic performs "
        "preventive maintenance and repairs.")
    fleet_text = " ".join(handout_lines(fleet))
    assert "The shop, the repair-order system and the vehicles we fix" in fleet_text
    assert "Take my own repair orders, starting with PM services, brakes and inspections" in \
        fleet_text
    assert "Service advisors or service writers" not in fleet_text
    _assert_no_field(fleet_text)
    lube = plan_for(
        "Lube Technician", "Quick Lane Express",
        "Quick Lane Express is a drive-through oil change shop with three bays. Lube "
        "technicians do oil changes, check and top off fluids, and replace wipers, air filters "
        "and bulbs while customers wait in their cars.")
    lube_text = " ".join(handout_lines(lube))
    assert "Do oil changes to the vehicle's specification" in lube_text
    assert "Every oil change done to the vehicle's specification" in lube_text
    assert "Time per oil change" in [m["metric"] for m in lube["plan"]["measures"]]
    _assert_no_field(lube_text)
    for word in ("mount-and-balance", "flat repair", "aftertreatment", "scan tools"):
        assert word not in lube_text, word


def test_field_service_and_tire_technicians_keep_their_lines():
    field = plan_for(
        "Field Service Technician", "Clearwater Renal Systems",
        "Clearwater Renal Systems designs and builds hemodialysis machines used in dialysis "
        "clinics. Our field service technicians install, maintain and repair that equipment "
        "at customer sites across the Midwest.")
    field_text = " ".join(handout_lines(field))
    assert "Ride-alongs, the work-order app and the equipment we service" in field_text
    assert "First-time fix rate" in [m["metric"] for m in field["plan"]["measures"]]
    assert "repair order" not in field_text
    tire = " ".join(handout_lines(plan_for(
        "Tire and Lube Technician", "Route 9 Tire & Auto",
        "Route 9 Tire & Auto is a family-owned tire and auto service shop with eight service "
        "bays. Technicians mount and balance tires, repair flats and do oil changes while "
        "customers wait.")))
    assert "Torque every wheel to the vehicle's spec in a star pattern" in tire
    assert "repair order" not in tire
    assert "Time per oil change" not in tire
