"""Office-side supply-chain jobs in the warehouse-logistics family (planners, analysts,
logistics coordinators) get their own lines, not the warehouse floor's."""

from __future__ import annotations

from test_composition import plan_for

from nextround.composition import document_lines

FLOOR = ("forklift", "pick rate", "RF scanner", "pick paths", "truck certification",
         "Safety lead")

ELECTRONICS = (
    "Corvane Electronics builds power-conversion modules and control boards at its plant in "
    "Tempe, Arizona. The Supply Planner runs MRP in SAP for a group of product families, "
    "works shortages with buyers and takes part in the monthly S&OP cycle."
)


def _lines(role: str, company: str, description: str) -> tuple[list[str], list[str]]:
    docs = plan_for(role, company, description)
    return document_lines(docs["plan"]), document_lines(docs["questions"])


def test_supply_planner_gets_planning_lines_not_the_floor():
    plan, questions = _lines("Supply Planner", "Corvane Electronics", ELECTRONICS)
    assert "The plan, the planning system and where shortages start" in plan
    assert ("Learn the ERP planning screens with a planner: the MRP run, exception messages "
            "and order release") in plan
    assert "Shortages and expedites" in plan
    assert "Inventory turns and days of supply" in plan
    assert "Buyers and purchasing" in plan
    assert "Which parts or suppliers cause most shortages, and who decides what gets expedited?" \
        in questions
    text = " ".join(plan + questions)
    for word in FLOOR:
        assert word.lower() not in text.lower(), word


def test_demand_planner_and_logistics_coordinator_get_their_own_lines():
    plan, _ = _lines("Senior Demand Planner", "Hearthstone Foods",
                     "Hearthstone Foods makes frozen breakfast products sold in grocery stores. "
                     "The demand planner owns the statistical forecast and the monthly demand "
                     "review.")
    assert "The forecast, the demand review and where the misses come from" in plan
    assert "Forecast accuracy" in plan and "Forecast bias" in plan
    assert not any("pick rate" in line.lower() or "forklift" in line.lower() for line in plan)

    plan, questions = _lines("Logistics Coordinator", "Alder Ridge",
                             "Alder Ridge makes vinyl windows in Lancaster, Pennsylvania and "
                             "ships by LTL and truckload carriers to dealers.")
    assert ("Learn the TMS and carrier portals beside a coordinator, from building a load to "
            "booking and tracking it") in plan
    assert "Freight claims" in plan
    assert "How many loads a day would I book, on which lanes, and with which carriers?" \
        in questions
    assert "Safety orientation, WMS training and truck certification (where my role drives) " \
        "signed off" not in plan
    assert "What are the rate and accuracy standards here, and how are they reviewed?" \
        not in questions


def test_floor_jobs_keep_their_lines():
    description = "Brightline runs a 400,000 sq ft distribution center near Columbus, Ohio."
    plan, _ = _lines("Forklift Operator", "Brightline", description)
    assert ("Get certified on each truck I will drive, such as the forklift, reach truck or "
            "pallet jack, through the site's training and a practical evaluation") in plan
    plan, questions = _lines("Warehouse Associate", "Brightline", description)
    assert "Learn the building, the flow of orders and the safety rules" in plan
    assert "Pick rate" in plan
    assert "What are the rate and accuracy standards here, and how are they reviewed?" \
        in questions
