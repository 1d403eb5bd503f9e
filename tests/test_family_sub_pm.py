"""Product owners of internal and enterprise systems get their own lines, not a SaaS PM's."""

from __future__ import annotations

from test_composition import plan_for

from nextround.composition import document_lines

# A product owner at an insurer, building a new policy administration system with a partner.
INSURER_AD = (
    "Harrow Mutual writes property and casualty insurance in Ohio for 90,000 policyholders. "
    "We are replacing our mainframe policy administration system with Duck Creek, working "
    "with an implementation partner. The product owner owns the backlog, writes user stories "
    "with acceptance criteria, and plans user acceptance testing with underwriters."
)

# The same kind of job read by its title: a product manager for the company's business systems.
DISTRIBUTOR_AD = (
    "Corran Supply distributes electrical products to contractors from 30 branches. "
    "We are moving our branches from a legacy ERP to Microsoft Dynamics 365 next year."
)


def _lines(role: str, company: str, ad: str) -> tuple[list[str], list[str]]:
    docs = plan_for(role, company, ad)
    return document_lines(docs["plan"]), document_lines(docs["questions"])


def test_product_owner_gets_backlog_uat_and_business_lines():
    plan, questions = _lines("Product Owner - Policy Administration", "Harrow Mutual",
                             INSURER_AD)
    assert "Run refinement with the delivery team so the next few sprints are ready to build" \
        in plan
    assert "Write user stories with acceptance criteria that the subject-matter experts " \
        "have checked" in plan
    assert "Agree with the vendor or implementation partner how stories, defects and " \
        "changes pass between us" in plan
    assert "Run UAT for one release with the business users, and get their sign-off " \
        "before go-live" in plan
    assert "Adoption by internal users" in plan
    assert "The business owner of the system" in plan
    assert "Who owns the system on the business side, and who decides what goes into " \
        "a release?" in questions


def test_product_owner_gets_no_saas_customer_or_revenue_lines():
    plan, questions = _lines("Product Owner - Policy Administration", "Harrow Mutual",
                             INSURER_AD)
    text = " ".join(plan + questions)
    for wrong in ("Use the product as a new customer would",
                  "Interview customers each week",
                  "Listen to sales and support calls",
                  "why deals are won or lost",
                  "Retention",
                  "Customer conversations",
                  "How often do product managers talk to customers",
                  "Read public reviews of Harrow Mutual and its competitors"):
        assert wrong not in text, wrong


def test_business_systems_title_gets_the_same_lines():
    plan, _ = _lines("Senior Product Manager, Business Systems", "Corran Supply", DISTRIBUTOR_AD)
    assert "Learn the business process, the backlog and the people who use the system" in plan
    assert "Manual workarounds in the process" in plan
    assert "Interview customers each week and keep a shared log of problems and evidence" \
        not in plan


def test_other_product_managers_keep_their_lines():
    plan, questions = _lines("Senior Product Manager", "Harrow Mutual", INSURER_AD)
    assert "Interview customers each week and keep a shared log of problems and evidence" \
        in plan
    assert "Customer conversations" in plan
    assert "How often do product managers talk to customers here, and how?" in questions
    assert "Run refinement with the delivery team so the next few sprints are ready to build" \
        not in plan
