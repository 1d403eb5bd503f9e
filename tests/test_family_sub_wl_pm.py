"""A ramp agent (warehouse-logistics) and a construction estimator (project-management) get lines
of their own: the ramp agent got the warehouse floor (pick rates, the WMS, dock doors) and the
estimator a PMO's status reports and sponsors. Their lines are marked `only: [title:...]`; a
warehouse associate and a project manager keep theirs."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

RAMP_AD = ("Skyward Regional Airlines flies 140 daily departures from its hub at Denver "
           "International Airport with Embraer 175 and CRJ-900 aircraft. Ramp agents load and "
           "unload bags, cargo and mail, marshal aircraft into the gate and push back "
           "departures. Agents work outdoors in all weather on rotating shifts.")
ESTIMATOR_AD = ("Hollis & Reyes Builders is a general contractor in Sacramento building "
                "schools, clinics and public buildings, most of them hard-bid public work. The "
                "estimator prepares quantity takeoffs from drawings and specifications, solicits "
                "and levels subcontractor bids, and hands awarded jobs to the project managers.")

WAREHOUSE_FLOOR = ("pick rate", "pick path", "WMS", "RF scanner", "forklift", "put-away", "dock",
                   "racking", "pallet", "warehouse", "building", "client SLA", "OSHA", "5S")
PMO = ("status report", "sponsor", "risk and issue", "milestone", "stakeholder map",
       "schedule variance", "budget variance", "RFIs and submittals", "punch list",
       "substantial completion", "change order", "portfolio", "steering meeting")


def _text(role: str, company: str, ad: str) -> tuple[dict, str]:
    docs = plan_for(role, company, ad)
    return docs, " ".join(handout_lines(docs))


def test_a_ramp_agent_gets_the_ramp_not_the_warehouse_floor():
    docs, text = _text("Ramp Agent/Baggage Handler", "Skyward Regional Airlines", RAMP_AD)
    assert "The ramp, the aircraft and the safety rules of every turn" in text
    assert "Learn the hand signals, wing-walking and the safety zones around an aircraft, and " \
           "never approach until the engines are off and the beacon is out" in text
    assert "Walk the area for FOD and walk around the aircraft before pushback, and report any " \
           "damage I see at once" in text
    assert "Mishandled bags on my flights" in text
    assert "Ramp supervisor" in [s["role"] for s in docs["plan"]["stakeholders"]]
    assert "How is the ramp run in lightning, snow, ice or extreme heat, and who decides when " \
           "it closes?" in text
    assert_absent(text, WAREHOUSE_FLOOR)


def test_a_ramp_supervisor_gets_the_station_numbers():
    _, text = _text("Ramp Supervisor", "Skyward Regional Airlines", RAMP_AD)
    assert "On-time departures and ramp-caused delays" in text
    assert "Go through a month of ramp-caused delays with the lead agents, and test one fix on " \
           "one bank of flights" in text
    assert_absent(text, WAREHOUSE_FLOOR)


def test_a_construction_estimator_gets_takeoffs_and_bids_not_status_reports():
    docs, text = _text("Construction Estimator", "Hollis & Reyes Builders", ESTIMATOR_AD)
    assert "Learn how a bid is built here, from the drawings to bid day" in text
    assert "Learn the takeoff and estimating software used here, such as Bluebeam, ProEst or " \
           "Sage Estimating, with the team's templates, cost codes and assemblies" in text
    assert "Level subcontractor and supplier quotes scope by scope, so each number covers the " \
           "same work, and note every exclusion" in text
    assert "Hand each awarded job to its project manager with the estimate, the scope, the " \
           "subcontractor and supplier quotes and my assumptions" in text
    assert "Hit rate on my bids" in text
    assert "Chief estimator or preconstruction manager" in \
        [s["role"] for s in docs["plan"]["stakeholders"]]
    assert_absent(text, PMO)


def test_a_chief_estimator_leads_the_estimators_as_a_manager():
    docs, text = _text("Chief Estimator", "Hollis & Reyes Builders", ESTIMATOR_AD)
    assert docs["plan"]["level"] == "Manager"  # not an executive: "chief" leads estimators here
    assert "Agree go/no-go criteria with you and operations, so the team bids the work it can " \
           "win and build well" in text
    assert "Margin bid against margin earned" in text
    assert "board" not in text.lower().split()
    assert_absent(text, PMO)


def test_the_families_main_jobs_keep_their_lines():
    _, text = _text("Warehouse Associate", "Brightline",
                    "Brightline runs a 400,000 sq ft distribution center near Columbus, Ohio.")
    assert "Learn the building, the flow of orders and the safety rules" in text
    assert "Pick rate" in text
    assert "What are the rate and accuracy standards here, and how are they reviewed?" in text
    assert "ramp" not in text.lower()
    _, text = _text("Project Manager", "Hollis & Reyes Builders",
                    "Hollis & Reyes Builders is a general contractor in Sacramento building "
                    "schools, clinics and public buildings.")
    assert "Learn the scope, the plans and the people behind each project" in text
    assert "Run the weekly progress meeting: the three-week lookahead, open RFIs, submittals " \
           "and change orders, with owners and dates" in text
    assert "Schedule variance" in text
    assert "takeoff" not in text.lower() and "bid day" not in text.lower()
