"""nextround: a 30/60/90-day plan and a follow-up-interview question sheet for one role at one
company, from its title and a description of the company."""

from .errors import NextroundError
from .pipeline import compose_documents, generate, understand
from .request import Request, build_request

__all__ = ["NextroundError", "Request", "build_request", "compose_documents", "generate",
           "understand"]
__version__ = "0.1.0"
