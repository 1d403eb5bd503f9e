"""Finance: payroll jobs get the payroll calendar and its runs, not the month-end close.

Blind panel: a school district's payroll manager (off-cycle checks, retro pay, semi-monthly
runs, garnishments, union contracts) got a controller's close plan with 'days to close' and
'post-close adjustments' as measures. Payroll lines are marked `only: [title:payroll]`, the
close lines `unless: [title:payroll]`; the family's accountants and controllers keep theirs."""

from __future__ import annotations

from test_composition import handout_text

DISTRICT_AD = ("Maple Run School District employs 1,800 certificated and classified staff. The "
               "Payroll Manager leads three payroll technicians and runs semi-monthly payroll, "
               "off-cycle checks, retro pay and garnishments under two union contracts.")
PLANT_AD = ("Copperline Castings runs two foundries in Ohio with 600 hourly employees. The "
            "Payroll Specialist processes weekly payroll in ADP from Kronos time punches.")
CLOSE_WORDS = ("Days to close", "Post-close adjustments", "Sit through a full month-end close",
               "close calendar", "Which part of the close is hardest")


def test_a_payroll_manager_gets_the_runs_and_controls_not_the_close():
    text = handout_text("Payroll Manager", "Maple Run School District", DISTRICT_AD)
    assert "Sit beside the team through a full payroll run" in text
    assert "Trace the main causes of off-cycle checks and retro pay with HR" in text
    assert "Payroll runs paid on time" in text
    assert "Off-cycle checks and corrections" in text
    assert "Which part of each run is hardest, and where does it wait?" in text
    for wrong in (*CLOSE_WORDS, "appropriations and encumbrances", "Grant reports and drawdowns"):
        assert wrong not in text, wrong


def test_a_payroll_specialist_processes_runs_and_answers_pay_questions():
    text = handout_text("Payroll Specialist", "Copperline Castings", PLANT_AD)
    assert "Shadow a full payroll run from time entry to pay date" in text
    assert "Process my share of each run" in text
    assert "Employee pay questions" in text
    assert "Every paycheck accurate and on time" in text
    for wrong in (*CLOSE_WORDS, "standard cost", "Plant manager and production planners",
                  "Read the chart of accounts"):
        assert wrong not in text, wrong


def test_a_controller_keeps_the_close():
    text = handout_text("Controller", "Copperline Castings",
                 "Copperline Castings runs two foundries in Ohio. The Controller leads a team "
                 "of four accountants and owns the month-end close.")
    assert "Sit through a full month-end close, noting each step, owner and hand-off" in text
    assert "Days to close" in text
    assert "payroll run" not in text
