"""IT support: a systems administrator and a network administrator get lines of their own
(changes, patching, backups and restore tests, the directory, the firewall and switch configs,
on-call, escalations from the help desk), not the help desk's tickets, first-contact resolution
and queue; an IT support specialist keeps the desk's lines and a Director of IT his own."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

# The help desk's lines that read wrong in an administrator's plan.
HELP_DESK = (
    "First-contact resolution", "for my queue", "Work a full ticket queue",
    "First tickets resolved", "Learn the people we support, the systems and how tickets flow",
    "Tickets resolved on first contact", "What makes up most of the ticket volume today?",
    "Which requests do users make again and again?", "knowledge-base articles",
    "Shadow colleagues on tickets", "Create a new-starter checklist",
)


def _assert_no_help_desk(text: str) -> None:
    assert_absent(text, HELP_DESK, exact_case=True)


def test_systems_administrator_at_a_county_gets_servers_backups_and_changes():
    docs = plan_for(
        "Systems Administrator", "Calder County",
        "Calder County government serves 95,000 residents and employs 700 staff across 22 "
        "departments, including the Sheriff's Office and 911 dispatch. The IT department of "
        "nine runs the county's Windows servers on VMware, Active Directory and Microsoft 365.")
    text = " ".join(handout_lines(docs))
    assert "Learn the servers, the network, and how changes and escalations run" in text
    assert "Walk through the backup jobs, the monitoring alerts and the patch schedule" in text
    assert "Run the monthly patching for my servers in the agreed window" in text
    assert "Systems patched, backed up and restorable, with the proof on file" in text
    metrics = [m["metric"] for m in docs["plan"]["measures"]]
    assert "Backup restore tests passed" in metrics
    assert "The help desk" in [s["role"] for s in docs["plan"]["stakeholders"]]
    _assert_no_help_desk(text)
    assert "firmware" not in text.lower()


def test_network_administrator_at_a_manufacturer_gets_the_network():
    docs = plan_for(
        "Network Administrator", "Hartwell Components",
        "Hartwell Components is a family-owned manufacturer of machined aluminum parts, with "
        "two plants in Ohio running three shifts. A small IT team supports 450 employees, the "
        "ERP system and the machines on the shop floor.")
    text = " ".join(handout_lines(docs))
    assert "Walk through the firewall rules, the switch and wireless configurations" in text
    assert "Update firmware on switches, firewalls and access points in the agreed window" in text
    assert "A network that stays up, with every change planned and reversible" in text
    assert "Walk the plant floor to learn which machines, terminals and networks production " \
           "depends on" in text
    assert "How are switch and firewall configurations backed up" in text
    _assert_no_help_desk(text)
    for wrong in ("Review the directory", "monthly patching for my servers",
                  "Windows Server, VMware"):
        assert wrong not in text, wrong


def test_it_support_specialist_keeps_the_help_desk_lines():
    docs = plan_for(
        "IT Support Specialist", "Calder County",
        "Calder County government serves 95,000 residents and employs 700 staff across 22 "
        "departments.")
    text = " ".join(handout_lines(docs))
    assert "Learn the people we support, the systems and how tickets flow" in text
    assert "Tickets resolved on first contact, with clear notes" in text
    assert "Work a full ticket queue on my own" in text
    for wrong in ("Take escalations from the help desk", "Systems patched, backed up",
                  "Review the directory", "Update firmware"):
        assert wrong not in text, wrong


def test_director_of_it_keeps_the_director_lines():
    docs = plan_for(
        "Director of IT", "Calder County",
        "Calder County government serves 95,000 residents and employs 700 staff across 22 "
        "departments.")
    text = " ".join(handout_lines(docs))
    assert "Learn the business, the IT estate and where its risks lie" in text
    assert "Review the security posture with the team" in text
    for wrong in ("Take escalations from the help desk", "Get my admin access set up",
                  "Systems patched, backed up"):
        assert wrong not in text, wrong
