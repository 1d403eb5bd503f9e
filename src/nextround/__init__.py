"""nextround: a 30/60/90-day plan and a follow-up-interview question sheet for one role at one
company, from its title and a description of the company.

    from nextround import build_request, generate
    generate(build_request({"role": ..., "company": ..., "description": ...}), "out")
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Imported on first use, so `nextround --help` does not pay for the content library's modules.
_EXPORTS = {
    "NextroundError": "errors",
    "Request": "request",
    "build_request": "request",
    "compose_documents": "pipeline",
    "generate": "pipeline",
    "understand": "pipeline",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'nextround' has no attribute {name!r}")
