"""A director or VP of operations over several sites gets a network leader's lines in the
operations family, not a site supervisor's (dock walks, one pilot, one procedure)."""

from __future__ import annotations

from test_composition import handout_lines, plan_for

SUPERVISOR = (
    "Watch the work on the dock and in the yard",
    "Review staffing, schedules and open roles with each supervisor",
    "Agree with supervisors one change to how problems are raised",
    "Write the piloted fix into a standard procedure",
    "A current-state process map, checked with the people who do the work",
    "A root-cause write-up for one gap",
    "on the piloted shift",
    "Dispatchers and dock supervisors",
)

LOGISTICS = (
    "Meridian Contract Logistics runs seven distribution centers for retail and consumer-goods "
    "clients across the Midwest under multi-year contracts. On-time shipping has slipped to 91% "
    "against a 98% contract standard, and two clients have raised it at their quarterly reviews. "
    "The VP of Operations reports to the CEO and leads the seven general managers."
)

CLINICS = (
    "Lakeside Family Health runs six primary care and urgent care clinics across the county, "
    "with about 40 providers. Patient volumes grew 20% last year and wait times for "
    "appointments have grown with them. The Director of Operations reports to the COO and "
    "leads the clinic managers."
)


def _text(role: str, company: str, description: str) -> str:
    return "\n".join(handout_lines(plan_for(role, company, description)))


def test_vp_operations_over_distribution_centers_gets_network_lines():
    text = _text("Vice President of Operations", "Meridian Contract Logistics", LOGISTICS)
    assert "Visit every distribution center in the first month with its general manager" in text
    assert "A site-by-site scorecard on the same definitions everywhere" in text
    assert "A recovery plan for each site below its clients' contract standards" in text
    assert "General managers of each distribution center" in text
    for words in SUPERVISOR:
        assert words not in text, words


def test_director_of_operations_over_clinics_gets_network_lines():
    text = _text("Director of Operations", "Lakeside Family Health", CLINICS)
    assert "Visit every clinic in the first month with its manager and lead physician" in text
    assert "A clinic-by-clinic scorecard" in text
    assert "Hold a weekly review with each clinic manager on the same measures" in text
    assert "Clinic managers and lead physicians" in text
    for words in SUPERVISOR + ("Review front-desk and medical assistant staffing",
                               "on one provider's schedule", "on the piloted schedule"):
        assert words not in text, words


def test_operations_manager_keeps_the_site_lines():
    description = ("Meridian Contract Logistics runs a distribution center for retail clients. "
                   "On-time shipping has slipped to 91% against a 98% contract standard.")
    text = _text("Operations Manager", "Meridian Contract Logistics", description)
    assert "Watch the work on the dock and in the yard" in text
    assert "Review staffing, schedules and open roles with each supervisor" in text
    assert "A root-cause write-up for one gap, agreed with the team" in text
    assert "site-by-site scorecard" not in text
