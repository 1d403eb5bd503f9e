"""Allied health: a surgical technologist, a dental hygienist and a paramedic get lines of their
own, not the hospital imaging lines the family falls back to; a radiologic technologist keeps
his."""

from __future__ import annotations

from test_composition import handout_lines, plan_for

IMAGING = ("radiation", "repeat", "reject", "radiologist", "ordering physicians", "modality")


def _assert_no_imaging(text: str) -> None:
    lowered = text.lower()
    for word in IMAGING:
        assert word not in lowered, word


def test_surgical_technologist_at_a_surgery_center_gets_the_or():
    docs = plan_for(
        "Certified Surgical Technologist", "Harlow Surgery Center",
        "Harlow Surgery Center is an ambulatory surgery center with three operating rooms. "
        "The surgical technologist scrubs orthopedic and ENT cases, sets up the sterile field "
        "and counts with the circulating nurse.")
    text = " ".join(handout_lines(docs))
    assert "Learn the OR, the instrument sets and each surgeon's preference cards" in text
    assert "Every case set up to the card, with a safe sterile field" in text
    assert "Count discrepancies and sterile-field breaks on my cases" in text
    assert "The surgeons" in [s["role"] for s in docs["plan"]["stakeholders"]]
    _assert_no_imaging(text)


def test_dental_hygienist_at_a_new_clinic_gets_the_hygiene_schedule():
    docs = plan_for(
        "Registered Dental Hygienist", "Northgate Family Dental",
        "Northgate Family Dental is opening a new office this spring. The hygienist provides "
        "prophylaxis and periodontal maintenance, perio charting and radiographs as prescribed "
        "by the dentist.")
    text = " ".join(handout_lines(docs))
    assert "Learn the hygiene schedule, the charting and how the dentists like to work" in text
    assert "Perio charting up to date" in text
    assert "The dentists" in [s["role"] for s in docs["plan"]["stakeholders"]]
    assert "How is recare scheduled, and who follows up with overdue patients?" in text
    _assert_no_imaging(text)
    assert "preceptor" not in text


def test_paramedic_at_a_public_ems_agency_gets_field_training():
    docs = plan_for(
        "Paramedic", "Ridge County EMS",
        "Ridge County EMS is the public 911 ambulance service for the county, with ALS "
        "ambulances at five stations. Paramedics work 24-hour shifts under county medical "
        "protocols.")
    text = " ".join(handout_lines(docs))
    assert "Learn the medical protocols and standing orders, and when to call online medical " \
           "control" in text
    assert "Patient care reports done by the end of shift" in text
    assert "How long is field training, and what does release to work on my own require?" in text
    _assert_no_imaging(text)
    assert "nursing's help" not in text


def test_radiologic_technologist_keeps_the_imaging_lines():
    docs = plan_for(
        "Radiologic Technologist", "Bayview Hospital",
        "Bayview Hospital is a 250-bed hospital. The radiologic technologist performs general "
        "x-ray exams in the emergency department and on portable rounds.")
    text = " ".join(handout_lines(docs))
    assert "Images right the first time, at the lowest dose that does the job" in text
    assert "My repeat rate" in text
    assert "The radiologists" in [s["role"] for s in docs["plan"]["stakeholders"]]
