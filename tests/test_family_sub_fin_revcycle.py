"""Finance: healthcare revenue cycle jobs get charge to cash, not the month-end close.

Coders, patient accounts and billing representatives, patient financial services supervisors
and revenue cycle managers reach the finance family, whose general lines are an accountant's
close ('Sit through a close', 'Days to close', 'Post-close adjustments'). Coders' lines are
marked `only: [title:coder, title:coders, title:coding]`; billing, patient accounts and revenue
cycle lines `only:` their title words and `unless:` the coders'; the close lines and the hospital
accountant's lines (allowances, reserves, the cost report) `unless:` all of them. Plain
"billing" is not a gate: a software company's billing clerk keeps the accountant's lines."""

from __future__ import annotations

from test_composition import assert_absent, handout_text

CLOSE_WORDS = ("Days to close", "Post-close adjustments", "Sit through a full month-end close",
               "Sit through a close", "close calendar", "Which part of the close is hardest",
               "Read the chart of accounts", "the ERP", "Budget holders", "External auditors")
HOSPITAL_ACCOUNTANT = ("contractual allowances", "bad-debt reserves",
                       "Reconcile net patient revenue", "Medicare cost report")


def _assert_not_the_close(text: str, *more: str) -> None:
    assert_absent(text, (*CLOSE_WORDS, *HOSPITAL_ACCOUNTANT, *more), exact_case=True)


def test_a_hospital_coder_gets_charts_audits_and_queries():
    text = handout_text(
        "Certified Coder", "Bayview Hospital",
        "Bayview Hospital is a 250-bed community hospital in Ohio. The Certified Coder assigns "
        "ICD-10-CM, CPT and HCPCS codes to emergency department and outpatient surgery "
        "encounters in Epic, works coding edits and denials, and sends physician queries.")
    assert "Learn the encoder, the coding work queues and the coding policies" in text
    assert "Accurate codes the documentation supports" in text
    assert "Coding accuracy" in text
    assert "Charts coded against the productivity standard" in text
    assert "What accuracy and productivity standards do coders work to" in text
    # The coder's own line about queries takes the place of the hospital's "shift on a unit".
    assert "Spend a shift on a unit" not in text
    _assert_not_the_close(text, "payment plans", "Accounts worked against the standard")


def test_a_patient_accounts_representative_works_claims_denials_and_follow_up():
    text = handout_text(
        "Patient Accounts Representative", "Riverbend Medical Group",
        "Riverbend Medical Group is a multi-specialty physician practice with 40 providers "
        "across six clinics in Tennessee. The Patient Accounts Representative follows up "
        "unpaid insurance claims in athenaOne, works denials and appeals, and answers patient "
        "billing calls.")
    assert "Learn each main payer's rules: timely filing limits" in text
    assert "Correct and resubmit claim edits and clearinghouse rejections" in text
    assert "No balance lost to timely filing" in text
    assert "A/R over 90 days in my queue" in text
    assert "Which payers and work queues would I own" in text
    _assert_not_the_close(text, "Coding accuracy", "encoder")


def test_a_revenue_cycle_manager_leads_the_cycle_and_its_measures():
    text = handout_text(
        "Revenue Cycle Manager", "Lakeshore Regional Medical Center",
        "Lakeshore Regional Medical Center is a 180-bed hospital in Michigan with a level II "
        "trauma center. The Revenue Cycle Manager leads a team of 14 billers, follow-up "
        "representatives and payment posters, and reports to the Director of Revenue Cycle.")
    assert "Learn the cycle and the team before changing anything" in text
    assert "Sort recent denials by payer, reason and where they start" in text
    assert "Days in A/R" in text
    assert "Initial denial rate" in text
    assert "Fewer denials, fixed where they start" in text
    _assert_not_the_close(text, "beside an experienced representative")


def test_a_patient_financial_services_supervisor_gets_the_managers_lines():
    text = handout_text(
        "Patient Financial Services Supervisor", "Mercy Springs Hospital",
        "Mercy Springs Hospital is a 120-bed acute care hospital in Missouri. The Patient "
        "Financial Services Supervisor oversees eight insurance follow-up and self-pay "
        "representatives and reports to the Revenue Cycle Manager.")
    assert "Review the A/R aging by payer and bucket" in text
    assert "A denial log by payer, reason and source" in text
    assert "A/R over 90 days" in text
    assert "Which payer or work queue is hardest to keep current, and why?" in text
    _assert_not_the_close(text)


def test_a_medical_billing_specialist_at_a_billing_company_gets_the_claims_work():
    text = handout_text(
        "Medical Billing Specialist", "Summit Billing Partners",
        "Summit Billing Partners is a medical billing company that handles claims, denials and "
        "patient statements for 60 independent physician practices across Texas. The Medical "
        "Billing Specialist submits claims through the clearinghouse, clears rejections and "
        "works denials for an assigned group of practices.")
    assert "Learn the billing system, my work queues and the clearinghouse" in text
    assert "Appeal denials with the right records and codes" in text
    assert "Denials worked on time" in text
    assert "Clean claims out and denials worked on time" in text
    _assert_not_the_close(text)


def test_a_controller_and_a_hospital_accountant_keep_the_close():
    text = handout_text(
        "Controller", "Copperline Castings",
        "Copperline Castings runs two foundries in Ohio. The Controller leads a team of four "
        "accountants and owns the month-end close.")
    assert "Sit through a full month-end close, noting each step, owner and hand-off" in text
    assert "Days to close" in text
    assert "Clean claim rate" not in text
    text = handout_text(
        "Senior Accountant", "Bayview Hospital",
        "Bayview Hospital is a 250-bed community hospital in Ohio. The Senior Accountant "
        "reconciles patient revenue and A/R and prepares journal entries for the close.")
    assert "contractual allowances" in text
    assert "Days to close" in text or "Post-close adjustments" in text
    for wrong in ("Coding accuracy", "Accounts worked against the standard", "work queue"):
        assert wrong not in text, wrong


def test_a_billing_clerk_at_a_software_company_is_not_a_medical_biller():
    text = handout_text(
        "Billing Specialist", "Tallyworks",
        "Tallyworks is a B2B software company selling subscription invoicing tools to "
        "accounting firms. The Billing Specialist issues invoices and answers customer billing "
        "questions.")
    assert "ASC 606" in text or "close" in text
    for wrong in ("payer", "clearinghouse", "timely filing", "Coding accuracy"):
        assert wrong not in text, wrong
