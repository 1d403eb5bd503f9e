"""Both handouts for one request: the Composer, made of the parts, and compose()."""

from __future__ import annotations

from typing import Any

from ..analysis import Analysis
from ..library import Library
from ..request import Request
from .interviewers import _copy_for
from .plan import Plan
from .questions import QuestionSheet


class Composer(Plan, QuestionSheet):
    """Builds both handouts for one request from its analysis."""


def compose(request: Request, analysis: Analysis, library: Library) -> dict[str, dict[str, Any]]:
    """Both handouts (those the request asks for) as plain data, keyed 'plan' and 'questions'."""
    composer = Composer(request, analysis, library)
    built = {"plan": composer.plan, "questions": composer.questions}
    documents = {name: built[name]() for name in request.documents}
    if request.per_interviewer and "plan" in documents:
        for person in composer.people:
            documents[f"plan:{person['name']}"] = _copy_for(documents["plan"], person)
    return documents
