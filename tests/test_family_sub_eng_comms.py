"""A civil engineer at a city gets capital projects, PS&E and construction administration, not the
product engineer's releases and change control; a communications specialist gets messages,
media inquiries and channels, not a reporter's beat and fact-checker. The family's main jobs keep
their lines."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

PRODUCT = ("change control", "product, system or project", "the shop", "released on time",
           "release delays")
NEWSROOM = ("fact-checker", "standards editor", "my beat", "readers of my stories",
            "filed on deadline", "file clean work")


def _text(docs: dict) -> str:
    return " ".join(handout_lines(docs))


def test_civil_engineer_at_a_city_gets_capital_projects():
    docs = plan_for(
        "Civil Engineer II", "City of Maple Falls",
        "The City of Maple Falls Public Works Department delivers a five-year capital improvement "
        "program of street, water and storm drain projects. The Civil Engineer II prepares plans, "
        "specifications and estimates, reviews consultant submittals and manages projects "
        "through bidding and construction.")
    text = _text(docs)
    assert "Learn the capital program, the standards and how a project goes from design to bid" \
        in text
    assert ("Take a share of the PS&E on one project, from plan sheets and quantities to special "
            "provisions and the engineer's estimate") in text
    assert "Change orders from plan errors" in text
    assert "How are plans checked before they go out, and who seals them?" in text
    assert "Construction inspectors and public works crews" in \
        [s["role"] for s in docs["plan"]["stakeholders"]]
    assert_absent(text, PRODUCT)


def test_traffic_engineer_gets_studies_and_resident_requests():
    docs = plan_for(
        "Traffic Engineer", "Harbor County",
        "Harbor County's Department of Transportation maintains 600 miles of county roads and "
        "140 traffic signals. The Traffic Engineer runs speed and signal warrant studies, "
        "updates signal timing and answers residents' traffic requests.")
    text = _text(docs)
    assert "Learn the signals, the traffic data and how residents' requests become studies and " \
        "work orders" in text
    assert "Resident traffic requests answered" in text
    assert "Resident traffic concerns answered with data" in text
    assert_absent(text, PRODUCT)


def test_communications_specialist_gets_messages_and_media():
    docs = plan_for(
        "Communications Specialist", "Riverbend Health Partners",
        "Riverbend Health Partners is a regional network of 20 primary care clinics. The "
        "Communications Specialist writes press releases, answers media inquiries, runs the "
        "website and social channels and the monthly employee newsletter.")
    text = _text(docs)
    assert "Learn the messages, the channels and who approves what we say" in text
    assert ("Handle routine media inquiries with a colleague: log each one, find the facts, "
            "agree the answer and reply before the deadline") in text
    assert "Reach and engagement for my channels" in text
    assert "Who are the spokespeople, and how are they prepared before an interview?" in text
    assert_absent(text, NEWSROOM)


def test_public_information_officer_gets_the_community():
    docs = plan_for(
        "Public Information Officer", "City of Lakeport",
        "The City of Lakeport serves 45,000 residents. The Public Information Officer answers "
        "media inquiries, writes news releases and social posts, and keeps neighbors informed "
        "about road and utility projects.")
    text = _text(docs)
    assert "Learn the community meetings, neighborhood groups and stakeholder lists, and who " \
        "keeps each one" in text
    assert "Neighbors and stakeholders told early about what affects them" in text
    assert "Media inquiries answered before the reporter's deadline" in text
    assert_absent(text, NEWSROOM)


def test_a_reporter_keeps_the_newsroom_lines():
    docs = plan_for(
        "Reporter", "The Valley Ledger",
        "The Valley Ledger is a daily newspaper and news site covering three counties. The "
        "reporter covers local government and files stories daily for print and web.")
    text = _text(docs)
    assert "Accurate, fair stories filed on deadline" in text
    assert "Readers of my stories" in text
    assert "Take regular assignments from the calendar, file clean work on deadline, and turn " \
        "edits around fast" in text


def test_a_mechanical_engineer_keeps_the_design_lines():
    docs = plan_for(
        "Mechanical Engineer", "Northfield Pumps",
        "Northfield Pumps designs and builds industrial pumps for water utilities. The Mechanical "
        "Engineer designs pump components in SolidWorks and supports the production floor.")
    text = _text(docs)
    assert "Learn the product, system or project, the standards and how changes are released" \
        in text or "Learn the drawing and document standards" in text
    assert "PS&E" not in text
    assert "capital program" not in text
