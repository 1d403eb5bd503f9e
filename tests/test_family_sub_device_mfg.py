"""Manufacturing at a medical-device maker: an assembler and a production supervisor at a
catheter maker get device history records, work instructions and nonconformances, not the drug
makers' batch records; a production operator at a tablet maker keeps the batch-record lines."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

DRUG = ("batch record", "batch-record", "21 cfr 211", "batch yield", "line clearance",
        "data-integrity")

CATHETERS = (
    "Keelwater Medical makes single-use catheters for interventional cardiology. Our medical "
    "devices are built in ISO 7 cleanrooms under ISO 13485 and FDA 21 CFR Part 820. Assemblers "
    "bond, tip and coat catheter shafts under the microscope and record each step in the "
    "device history record.")


def _assert_no_drug_lines(text: str) -> None:
    assert_absent(text, DRUG)


def test_assembler_at_a_catheter_maker_gets_the_dhr_and_work_instructions():
    docs = plan_for("Assembler I", "Keelwater Medical", CATHETERS)
    text = " ".join(handout_lines(docs))
    assert "Learn cleanroom gowning and conduct, good documentation practice" in text
    assert "Build under my trainer's eye to the work instruction, with every traveler and " \
           "device history record entry made right the first time" in text
    assert "Device history records right the first time" in text
    assert "Right-first-time device history records" in text
    _assert_no_drug_lines(text)
    assert "torque" not in text


def test_production_supervisor_at_a_catheter_maker_runs_ncrs_and_capas():
    docs = plan_for("Production Supervisor", "Keelwater Medical", CATHETERS)
    text = " ".join(handout_lines(docs))
    assert "A baseline of first-pass yield, scrap, open NCRs, device history record errors " \
           "and recordable injuries, by line and shift" in text
    assert "Hold a weekly review of first-pass yield, scrap, open NCRs and CAPAs, and safety, " \
           "with an owner for each" in text
    assert "Nonconformances (NCRs)" in text
    assert "Which FDA QMSR and ISO 13485 obligations touch this role day to day" in text
    assert ("Look up any FDA inspection results, warning letters and recalls published for "
            "Keelwater Medical's devices") in text
    _assert_no_drug_lines(text)
    assert "deviation" not in text.lower()


def test_production_operator_at_a_drug_maker_keeps_the_batch_records():
    docs = plan_for(
        "Production Operator", "Larkfield Pharmaceuticals",
        "Larkfield Pharmaceuticals makes generic tablets and capsules under cGMP at its "
        "Raleigh plant. Operators run granulation, compression and coating, and complete the "
        "batch records as they go.")
    text = " ".join(handout_lines(docs))
    assert "Batch records right the first time, to GMP" in text
    assert "Right-first-time batch records" in text
    assert "Read up on 21 CFR 211" in text
    assert "device history record" not in text
    assert "ISO 13485" not in text
