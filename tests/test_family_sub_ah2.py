"""Allied health: an optician and a veterinary technician get lines of their own, not the
hospital imaging lines the family falls back to; a radiologic technologist keeps his."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

# The family's hospital lines: none of these belong in an optical or an animal hospital.
HOSPITAL = ("radiologist", "repeat and reject", "ordering physicians", "modality", "preceptor",
            "clinical educator", "competenc", "ehr", "life-support", "joint commission",
            "nursing", "patients seen per shift", "biomedical")


def _assert_no_hospital(text: str) -> None:
    assert_absent(text, HOSPITAL)


def test_licensed_optician_at_an_optometry_practice_gets_the_dispensary():
    docs = plan_for(
        "Licensed Optician", "Clearview Eye Care",
        "Clearview Eye Care is an independent optometry practice with two locations and four "
        "optometrists. Our opticians help patients choose frames and lenses, take measurements, "
        "place lab orders and handle vision insurance.")
    text = " ".join(handout_lines(docs))
    assert "Learn the frame board, the lens options, the lab and the vision plans" in text
    assert "Take pupillary distances and fitting heights alongside an experienced optician, " \
           "who checks my measurements until they match" in text
    assert "Every pair made to the prescription and fitted right" in text
    assert "Remakes on my jobs" in text
    assert "How are remakes tracked here, and what causes most of them?" in text
    _assert_no_hospital(text)
    assert "radiation" not in text.lower()


def test_optical_manager_leads_the_optical():
    docs = plan_for(
        "Optical Manager", "Summit Eye Associates",
        "Summit Eye Associates is an ophthalmology group with three offices and an optical shop "
        "in each. The optical manager leads a team of six opticians and handles frame buying "
        "and lab relationships.")
    text = " ".join(handout_lines(docs))
    assert "The optical run against the baseline, with next quarter's plan" in text
    assert "Lab turnaround" in text
    people = [s["role"] for s in docs["plan"]["stakeholders"]]
    assert "The opticians and staff I would lead" in people
    _assert_no_hospital(text)
    assert "Dispensing on my own" not in text


def test_registered_veterinary_technician_at_an_animal_hospital_gets_anesthesia_and_owners():
    docs = plan_for(
        "Registered Veterinary Technician", "Maple Creek Animal Hospital",
        "Maple Creek Animal Hospital is a small-animal general practice with five "
        "veterinarians, open six days a week. Our technicians monitor anesthesia, perform "
        "dental cleanings, take radiographs and run in-house lab work.")
    text = " ".join(handout_lines(docs))
    assert "Learn the treatment area, the surgery and anesthesia routine, and how each " \
           "veterinarian works" in text
    assert "Learn the controlled-drug log: who has access, how each dose and waste is " \
           "recorded, and how the counts are checked" in text
    assert "Anesthesia records complete" in text
    assert "The veterinarians" in [s["role"] for s in docs["plan"]["stakeholders"]]
    assert "How long is training before I monitor anesthesia on my own, and who signs me " \
           "off?" in text
    _assert_no_hospital(text)
    assert "physician" not in text.lower()


def test_veterinary_surgical_technician_is_not_sent_to_the_human_or():
    docs = plan_for(
        "Veterinary Surgical Technician", "Northgate Veterinary Specialists",
        "Northgate Veterinary Specialists is a referral hospital with board-certified "
        "surgeons. The surgical technician prepares patients, monitors anesthesia and assists "
        "in orthopedic and soft-tissue surgery.")
    text = " ".join(handout_lines(docs))
    assert "Safe anesthesia and surgery care, to the practice's protocols" in text
    for words in ("preference card", "circulat", "AORN", "scrub for"):
        assert words not in text, words
    _assert_no_hospital(text)


def test_veterinary_assistant_is_not_given_a_technician_s_anesthesia_work():
    docs = plan_for(
        "Veterinary Assistant", "Oak Hill Veterinary Clinic",
        "Oak Hill Veterinary Clinic is a two-doctor practice caring for dogs and cats. "
        "Assistants restrain patients, clean kennels and help the technicians in surgery.")
    text = " ".join(handout_lines(docs))
    assert "Patients handled safely and calmly, every time" in text
    assert "Kennel and surgery-pack checklists complete" in text
    for words in ("Monitor anesthesia", "VTNE", "controlled-drug", "Anesthesia records"):
        assert words not in text, words
    _assert_no_hospital(text)


def test_radiologic_technologist_keeps_the_imaging_lines():
    docs = plan_for(
        "Radiologic Technologist", "Bayview Hospital",
        "Bayview Hospital is a 250-bed hospital. The radiologic technologist performs general "
        "x-ray exams in the emergency department and on portable rounds.")
    text = " ".join(handout_lines(docs))
    assert "Learn the rooms, the protocols and the radiologists' preferences" in text
    assert "My repeat rate" in text
    assert "The radiologists" in [s["role"] for s in docs["plan"]["stakeholders"]]
    for words in ("optician", "veterinar", "frame", "anesthesia"):
        assert words not in text.lower(), words
