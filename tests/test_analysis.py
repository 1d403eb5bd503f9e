"""The analysis measured against hand-labelled sets (see tests/data/LABELS.md):
title -> family and seniority, description -> company signals."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml
from conftest import ROOT

from nextround import build_request
from nextround.analysis import analyze, detect_family, detect_level, normalize_title
from nextround.library import load_library

DATA = ROOT / "tests" / "data"
LIBRARY = load_library()
TITLES = yaml.safe_load((DATA / "titles.yaml").read_text(encoding="utf-8"))
DESCRIPTIONS = yaml.safe_load((DATA / "descriptions.yaml").read_text(encoding="utf-8"))
INITIATIVES = {k.id for k in LIBRARY.initiatives}


def classify(title: str) -> tuple[str, str]:
    norm = normalize_title(title, LIBRARY)
    family, _ = detect_family(norm, LIBRARY)
    level, _ = detect_level(norm, LIBRARY)
    return family.id, level


def test_the_labelled_sets_are_large_enough():
    assert len(TITLES) >= 200
    assert len(DESCRIPTIONS) >= 40


@pytest.mark.parametrize("label, index", [("family", 0), ("level", 1)])
def test_title_accuracy_is_at_least_95_percent(label, index):
    wrong = [(t["title"], t[label], classify(t["title"])[index]) for t in TITLES
             if classify(t["title"])[index] != t[label]]
    accuracy = 1 - len(wrong) / len(TITLES)
    print(f"\n{label} accuracy {accuracy:.1%} on {len(TITLES)} titles; wrong: {wrong}")
    assert accuracy >= 0.95, wrong


def found_signals(case: dict) -> set[str]:
    request = build_request({"role": "Operations Manager", "company": case["company"],
                             "description": case["description"]})
    analysis = analyze(request, LIBRARY)
    return {s.id for s in analysis.signals} | {i.id for i in analysis.initiatives}


def signal_scores() -> dict[str, tuple[float, float, int]]:
    counts: Counter = Counter()
    for case in DESCRIPTIONS:
        truth, found = set(case["signals"]), found_signals(case)
        for sid in truth | found:
            counts[(sid, "tp" if sid in truth and sid in found else
                    "fn" if sid in truth else "fp")] += 1
    scores = {}
    for sid in sorted({sid for sid, _ in counts}):
        tp, fp, fn = counts[(sid, "tp")], counts[(sid, "fp")], counts[(sid, "fn")]
        scores[sid] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0,
                       tp + fn)
    return scores


def test_signal_precision_and_recall():
    scores = signal_scores()
    print("\nsignal            precision  recall  labelled")
    for sid, (p, r, n) in scores.items():
        print(f"{sid:18} {p:9.0%} {r:7.0%} {n:9}")
    tp_weighted = sum(r * n for _, r, n in scores.values()) / sum(n for *_, n in scores.values())
    macro_p = sum(p for p, _, _ in scores.values()) / len(scores)
    print(f"macro precision {macro_p:.0%}, recall weighted by label count {tp_weighted:.0%}")
    assert macro_p >= 0.80
    assert tp_weighted >= 0.75


@pytest.mark.parametrize("case", [c for c in DESCRIPTIONS if not c["signals"]],
                         ids=lambda c: c["id"])
def test_descriptions_without_signals_get_none_of_the_situation_kind(case):
    request = build_request({"role": "Analyst", "company": case["company"],
                             "description": case["description"]})
    assert not analyze(request, LIBRARY).of_kind("situation")


def test_boilerplate_never_counts():
    text = ("Quill makes notebooks for schools in Ohio.\n\nBenefits:\n- Remote-work stipend\n"
            "- We launched a wellness program\nQuill is an equal opportunity employer and a "
            "union-friendly workplace.")
    request = build_request({"role": "Analyst", "company": "Quill", "description": text})
    analysis = analyze(request, LIBRARY)
    assert analysis.signals == [] and analysis.initiatives == []
    assert analysis.facts == ["Quill makes notebooks for schools in Ohio."]
