"""Retail frontline: a hardware-store sales associate and a paint department associate get the
aisles, the service counters and special orders, not the big-box register lines the family
gives its cashiers; a grocery cashier keeps the register."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

REGISTER = ("cash-drawer", "balanced drawer", "drawer overs", "scan rate", "loyalty sign-up",
            "loyalty program", "register training", "the baler", "dated stock")


def _assert_no_register(text: str) -> None:
    assert_absent(text, REGISTER)


def test_hardware_sales_associate_gets_the_aisles_and_the_service_counter():
    docs = plan_for(
        "Sales Associate – Hardware", "Miller Hardware",
        "Miller Hardware is a family-owned hardware store with two locations. Sales associates "
        "help customers find parts for repairs, cut keys and take special orders.")
    text = " ".join(handout_lines(docs))
    assert "My department's aisles, its services and the repairs customers come in for" in text
    assert "match the old part or the measurements the customer brings" in text
    assert "Cut keys, pipe, glass or lumber to order" in text
    assert "Special orders on time" in text
    assert "The pro desk" in [s["role"] for s in docs["plan"]["stakeholders"]]
    _assert_no_register(text)


def test_paint_department_associate_gets_the_paint_desk():
    docs = plan_for(
        "Paint Department Associate", "Cedar Lane Home Center",
        "Cedar Lane Home Center is a home-improvement store serving homeowners and painting "
        "contractors. The paint department associate tints and mixes paint, matches colours "
        "and advises customers on primers and supplies.")
    text = " ".join(handout_lines(docs))
    assert "The paint desk: the paint lines, the tinting machine and colour matching" in text
    assert "Paint mixed right the first time" in text
    assert "Mistints and remakes" in text
    assert "Which paint lines and tinting system does the store use" in text
    _assert_no_register(text)
    assert "key machine" not in text
    assert "the old part" not in text


def test_grocery_cashier_keeps_the_register():
    docs = plan_for(
        "Cashier", "FreshWay Markets",
        "FreshWay Markets is a regional grocery chain with 40 stores. Cashiers ring up "
        "customers, check ID for alcohol sales and keep the front end moving.")
    text = " ".join(handout_lines(docs))
    assert "The register, the tenders and the store's checkout rules" in text
    assert "Scan rate" in text
    assert "How long is register training, and when would I work my first shift alone?" in text
    assert "Tinting" not in text
    assert "pro desk" not in text
