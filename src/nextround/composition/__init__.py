"""Stage 3: composition. The plan and the question sheet as plain data (dicts and lists).

Composition decides what each handout says; it knows nothing about how it will look. Every
renderer (PDF, DOCX, HTML, Markdown, JSON) shows exactly the data built here.

Where the lines come from, in the order they are chosen when space runs out:
the company's regulation (week-one compliance), the seniority level, the stated initiatives,
the role family, then the company's situation and work mode.

One Composer builds both handouts; each part of them is a class of its own module, and the
Composer is all of them together:

- context.py: the request as every part reads it (level, initiatives, what is stated, filling)
- plan.py: the plan put together (understanding, early wins, assumptions, check-ins)
- priorities.py, phases.py, measures.py, stakeholders.py: the plan's parts
- questions.py, research.py, interviewers.py: the question sheet's parts
- composer.py: the Composer and compose()
- phrasing.py: wording shared by the parts; limits.py: how much of each part fits two pages
- sources.py: the description's sentence behind each line; fitting.py: shortening to fit
"""

from .composer import Composer, compose
from .fitting import shorten
from .phrasing import split_interviewer
from .sources import document_lines, sources

__all__ = ["Composer", "compose", "document_lines", "shorten", "sources", "split_interviewer"]
