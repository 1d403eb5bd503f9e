"""Jobs inside the bank-branch and legal families: a loan processor gets the files, conditions
and closing dates of the job, not a teller's cash drawer; a compliance analyst gets monitoring,
testing and open issues (and a BSA/AML analyst alerts and SARs), not a lawyer's redlines. A
teller and a general counsel keep their family's lines."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

# A teller's and a branch banker's words, wrong for a loan processor.
BRANCH = ("drawer", "cash", "teller", "vault", "referral", "needs-based", "scam", "window")
# A lawyer's words, wrong for a compliance analyst.
# ("matter" alone is no lawyer's word: "which standards matter most" is on every sheet.)
LAWYER = ("contract", "redline", "playbook", "clause", "open matter", "matter tracker",
          "matters handled", "outside counsel", "legal work", "practice area",
          "fallback position", "template")


def _assert_none(text: str, words: tuple[str, ...]) -> None:
    assert_absent(text, words, word_start=True)


def test_mortgage_loan_processor_at_a_credit_union_gets_files_and_closing_dates():
    docs = plan_for(
        "Mortgage Loan Processor", "Harborline Credit Union",
        "Harborline Credit Union is a member-owned credit union with 14 branches in western "
        "Washington. Our mortgage team originates conventional, FHA and VA purchase and refinance "
        "loans in Encompass. The loan processor works each file from application to clear to "
        "close with loan officers, underwriters and closers.")
    text = " ".join(handout_lines(docs))
    assert "The loan origination system, the file checklist and how a file moves to closing" \
        in text
    assert "Every file on track for its closing date, within TRID timelines" in text
    assert "Clear conditions as they come back, and update the loan officer and the borrower " \
           "at each milestone" in text
    metrics = [m["metric"] for m in docs["plan"]["measures"]]
    assert "Files submitted to underwriting complete" in metrics
    assert "Closings on their scheduled date" in metrics
    assert "Underwriters" in [s["role"] for s in docs["plan"]["stakeholders"]]
    _assert_none(text, BRANCH)


def test_loan_processing_supervisor_leads_the_processors():
    docs = plan_for(
        "Loan Processing Supervisor", "Susquehanna Ridge Bank",
        "Susquehanna Ridge Bank is a $2.3 billion community bank with 31 branches in central "
        "Pennsylvania. The supervisor leads six loan processors who support the bank's consumer "
        "and mortgage lenders.")
    assert docs["plan"]["level"] == "Manager"
    text = " ".join(handout_lines(docs))
    assert "Review open files with each processor every week by closing date, and step in " \
           "early where one is at risk" in text
    assert "Files moving from application to closing on schedule" in text
    assert "How many processors would I lead, how are files assigned, and how are turn times " \
           "measured?" in text
    _assert_none(text, BRANCH)


def test_bsa_aml_compliance_analyst_at_a_credit_union_gets_alerts_and_testing():
    docs = plan_for(
        "Compliance Analyst II – BSA/AML", "Cascade Pines Federal Credit Union",
        "Cascade Pines is a $3.1 billion credit union with 27 branches in eastern Washington. "
        "The analyst reviews alerts and cases in Verafin, drafts SARs for the BSA Officer's "
        "review and tests compliance with Reg E and Reg CC. You will report to the BSA Officer.")
    text = " ".join(handout_lines(docs))
    assert "Work alerts and cases on my own, documenting each decision, and draft SAR " \
           "narratives for the BSA officer's review" in text
    assert "Alerts and cases worked on time, with every decision documented" in text
    assert "Write up each exception I find with its cause, and agree the fix and a date with " \
           "the process owner" in text
    assert "Alerts and cases worked within timelines" in \
        [m["metric"] for m in docs["plan"]["measures"]]
    _assert_none(text, LAWYER)


def test_healthcare_compliance_specialist_gets_monitoring_not_contracts():
    docs = plan_for(
        "Healthcare Compliance Specialist", "Mercy Ridge Health",
        "Mercy Ridge Health is a nonprofit health system with two hospitals and 40 clinics in "
        "eastern Kentucky. The compliance specialist supports the compliance officer with "
        "billing and coding audits, HIPAA privacy investigations and annual compliance training.")
    text = " ".join(handout_lines(docs))
    assert "Learn Mercy Ridge Health's compliance program: the rules, the controls and where " \
           "the risks sit" in text
    assert "Learn the rules this work turns on: Stark, the Anti-Kickback Statute, HIPAA and " \
           "state licensure" in text
    assert "Open issues tracked to a tested fix" in text
    assert "Compliance officer, or the manager I report to" in \
        [s["role"] for s in docs["plan"]["stakeholders"]]
    _assert_none(text, LAWYER)


def test_teller_and_general_counsel_keep_their_family_lines():
    teller = plan_for(
        "Bank Teller", "Prairie Hills Credit Union",
        "Prairie Hills Credit Union is a member-owned credit union with nine branches in "
        "central Kansas.")
    text = " ".join(handout_lines(teller))
    assert "A balanced drawer and accurate transactions every shift" in text
    assert "Cash differences (overs and shorts)" in \
        [m["metric"] for m in teller["plan"]["measures"]]
    assert "underwriting" not in text.lower()
    counsel = plan_for(
        "Corporate Counsel", "Brightwell Logistics",
        "Brightwell Logistics is a freight brokerage with 400 employees and offices in Chicago "
        "and Dallas. Counsel supports sales, procurement and carrier relations.")
    text = " ".join(handout_lines(counsel))
    assert "Shadow reviews of live contracts or matters, then draft first redlines for review" \
        in text
    assert "Contracts turned around quickly, within agreed risk positions" in text
    assert "Contract turnaround" in [m["metric"] for m in counsel["plan"]["measures"]]
    assert "monitoring and testing" not in text.lower()
