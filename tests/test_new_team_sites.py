"""A manager who will hire and lead the team of a site that is not open yet gets commissioning,
hiring waves, test runs and a ramp plan, not lines that assume a running operation; the same
title at a running site keeps its usual lines."""

from __future__ import annotations

from test_composition import assert_absent, handout_lines, plan_for

NEW_DC = ("Keystone Logistics is a third-party logistics provider. We are opening a new "
          "distribution center in Reno in May; you will hire and lead three shift supervisors and "
          "about 120 associates. The site will ship e-commerce orders for retail clients.")
RUNNING_DC = ("Keystone Logistics is a third-party logistics provider. Our distribution center in "
              "Reno ships e-commerce orders for retail clients on three shifts, with three shift "
              "supervisors and about 120 associates.")


def _plan_text(role: str, description: str) -> str:
    return " ".join(handout_lines(plan_for(role, "Keystone Logistics", description)))


def test_operations_manager_opening_a_distribution_center():
    text = _plan_text("Operations Manager", NEW_DC)
    assert "Go through the commissioning and acceptance schedule with the project team" in text
    assert "A staffing model for the opening: roles, shifts and headcount by week" in text
    assert "no baseline yet: the ramp plan's weekly targets" in text
    assert_absent(text, ("Watch the work on the dock and in the yard",
                 "Review staffing, schedules and open roles with each supervisor",
                 "Work with the team on the root cause of the largest gap in its numbers",
                 "Write the piloted fix into a standard procedure",
                 "A current-state process map, checked with the people who do the work",
                 "A root-cause write-up for one gap",
                 "on-time share by lane in month one"), exact_case=True)


def test_warehouse_manager_opening_a_distribution_center():
    text = _plan_text("Warehouse Manager", NEW_DC)
    assert "Check the WMS set-up with IT before go-live" in text
    assert "Run test receipts, picks and shipments through the WMS with the first hires" in text
    assert "Volume shipped against the ramp plan" in text
    assert_absent(text, ("Work a full shift in each area alongside its lead",
                 "A map of the order flow from inbound dock to outbound dock",
                 "Agree with the leads a start-of-shift board",
                 "units or lines per hour by area and shift in month one",
                 "walk every shift with the leads"), exact_case=True)


def test_warehouse_manager_at_a_running_site_keeps_the_usual_lines():
    text = _plan_text("Warehouse Manager", RUNNING_DC)
    assert "Work a full shift in each area alongside its lead" in text
    assert "Pick rate" in text
    assert "Check the WMS set-up with IT before go-live" not in text
    assert "no baseline yet" not in text


NEW_RESTAURANT = ("Harbor Table is a seafood restaurant group. We open our second restaurant in "
                  "April; you will hire and lead the kitchen team of about 20 cooks.")


def test_kitchen_manager_opening_a_restaurant():
    text = " ".join(handout_lines(plan_for("Kitchen Manager", "Harbor Table", NEW_RESTAURANT)))
    assert "Cook every dish on the opening menu in the new kitchen with the sous chef" in text
    assert "no baseline yet: the recipe cards' plate costs" in text
    assert "List the permits and inspections the kitchen needs before opening" in text
    assert_absent(text, ("Work each station through a service to learn the recipes",
                 "Read the costed recipes, supplier invoices and waste logs",
                 "Check the staff schedule against forecast covers",
                 "Track waste for two weeks and propose one recipe or portion change",
                 "current costed recipes and supplier prices"), exact_case=True)


NEW_PLANT = ("Alder Components makes machined aluminum parts for automotive customers. We are "
             "opening a new plant in Ohio in June; you will hire and lead two shift supervisors "
             "and about 60 operators on four CNC cells.")


def test_production_manager_opening_a_plant():
    text = " ".join(handout_lines(plan_for("Production Manager", "Alder Components", NEW_PLANT)))
    assert "Go through the installation and qualification plan for each machine" in text
    assert "Run trial runs on each line with engineering and the first operators" in text
    assert "no baseline yet: the ramp plan's weekly rate" in text
    assert_absent(text, ("Work every shift's start-up and handover, and join each tier meeting",
                 "Review staffing, attendance, overtime and the training matrix",
                 "A baseline of OEE, scrap, first-pass yield and recordable injuries",
                 "Work with maintenance, engineering and the operators on the largest OEE loss",
                 "availability, performance and quality by line in month one"), exact_case=True)


NEW_STORE = ("Brightline Outdoor sells camping and hiking gear. We open our newest store in Denver "
             "this fall; you will hire and lead a team of about 25 associates and three "
             "department leads.")


def test_store_manager_opening_a_store():
    text = " ".join(handout_lines(plan_for("Store Manager", "Brightline Outdoor", NEW_STORE)))
    assert "Set the store with the new team to the planograms" in text
    assert "Train each associate on the registers, the floor, the stockroom" in text
    assert "no baseline yet: the plan's weekly sales for the first weeks" in text
    assert_absent(text, ("Walk the floor with each department lead",
                 "Read the numbers: sales, sales per labor hour, shrink",
                 "Compare the staff schedule with traffic and sales by hour",
                 "Watch where shoppers wait or leave without buying",
                 "the current figure for my area or store"), exact_case=True)


NEW_LOCATION = ("Crispy Coop is a fast-casual chicken chain. We open a new location in Tampa in "
                "March; you will hire and lead a crew of about 30 team members and four shift "
                "leads.")


def test_food_service_manager_opening_a_location():
    text = " ".join(handout_lines(plan_for("Food Service Manager", "Crispy Coop", NEW_LOCATION)))
    assert "Train the crew station by station with the crew trainers" in text
    assert "Set up each station with its par levels, prep lists and recipe or build cards" in text
    assert "no baseline yet: times at the busiest daypart from the first week" in text
    assert_absent(text, ("Work each daypart alongside the crew, and meet every team member",
                 "Read the numbers with you: sales by daypart",
                 "Set the schedule and positions against sales by hour",
                 "the last health inspection and this month's temperature logs"), exact_case=True)


NEW_HOTEL = ("Lakeview Hotel is a new 180-room full-service hotel opening in Madison next spring. "
             "You will hire and lead the front desk team of about 15 agents and night auditors.")


def test_front_office_manager_opening_a_hotel():
    text = " ".join(handout_lines(plan_for("Front Office Manager", "Lakeview Hotel", NEW_HOTEL)))
    assert "Go through the pre-opening schedule with the opening team" in text
    assert "Run mock arrivals and departures with the team and housekeeping" in text
    assert "no baseline yet: surveys and reviews from the first weeks after opening" in text
    assert_absent(text, ("Work a shift at each front-office position",
                 "Read recent guest-satisfaction scores, reviews and complaints",
                 "Set the schedule from the occupancy forecast",
                 "the brand's or the hotel's guest survey and review sites over recent months"),
                  exact_case=True)


NEW_TOWER = ("Riverside Health is a community hospital. We are opening a new 120-bed patient "
             "tower in August; you will hire and lead a team of about 40 environmental services "
             "technicians and three leads.")


def test_environmental_services_manager_opening_a_tower():
    text = " ".join(handout_lines(plan_for("Environmental Services Manager", "Riverside Health",
                                           NEW_TOWER)))
    assert "Walk the new building with the project team, and list every space" in text
    assert "Write the routes or room boards from the cleaning plan" in text
    assert "Every space ready and cleaned to standard from the first day" in text
    assert_absent(text, ("Work alongside the team on each shift, nights and weekends included",
                 "Read recent inspection scores, complaints, re-cleans and injury reports",
                 "Rebalance routes or room assignments with the team",
                 "the latest inspections of my area or the buildings I cover"), exact_case=True)
