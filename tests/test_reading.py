"""Reading real job ads: the labelled ad corpus (tests/data/ads, labelled before the analyzer
ran on it), real-looking titles, and the file types a description comes in."""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from reading_scores import load_ads, score

from nextround import build_request
from nextround.analysis import analyze, detect_family, detect_level, normalize_title
from nextround.cli import main
from nextround.errors import RequestError
from nextround.library import load_library

LIBRARY = load_library()
REAL_TITLES = yaml.safe_load((ROOT / "tests" / "data" / "titles_real.yaml").read_text("utf-8"))


def test_the_ad_corpus_is_broad_and_split_in_halves():
    ads = load_ads()
    assert len(ads) >= 60
    assert len({ad["labels"]["sector"] for ad in ads}) >= 18
    assert len({ad["labels"]["family"] for ad in ads}) >= 20
    halves = Counter(ad["split"] for ad in ads)
    assert halves["tune"] == halves["heldout"]
    assert halves["tune2"] == halves["heldout2"] == 20
    assert halves["tune3"] == 40 and halves["heldout3"] == 30 and halves["heldout4"] == 30
    assert halves["tune4"] == 30 and halves["heldout5"] == 30
    assert halves["heldout6"] == 30 and halves["heldout7"] == 30 and halves["tune5"] == 30
    for ad in ads:
        # The second set (ads-4) is as real postings are: some a few lines long.
        low = 250 if ad["split"] in ("tune", "heldout") else 60
        assert low <= len(ad["text"].split()) <= 700, ad["id"]
        for line in ad["labels"]["not_company"]:
            assert line in ad["text"], (ad["id"], line)


# Floors just under today's scores, so a change that reads worse fails. The issue's goals on
# the held-out half are family 90%, level 90%, sector 85%, initiative F1 0.8 and no leaked
# line; measured on 2026-12-01 (the one look at the held-out half): family 87%, level 97%,
# sector 73%, F1 0.40, 5 leaked lines. The gap is open work (issue 13's note).
# The second set (ads-4, 40 ads written by a session that had not read the code) was scored
# once whole before any tuning on it (family 100%, level 92%, sector 68%, F1 0.68, 11 leaked
# lines), then split: tune2 may be read, heldout2 only scored in aggregate.
FLOORS = {"tune": {"family": 0.93, "level": 0.93, "sector": 0.85, "f1": 0.58, "leaks": 0},
          "heldout": {"family": 0.85, "level": 0.93, "sector": 0.70, "f1": 0.38, "leaks": 5},
          "tune2": {"family": 0.95, "level": 0.85, "sector": 0.95, "f1": 0.85, "leaks": 0},
          "heldout2": {"family": 0.95, "level": 0.90, "sector": 0.70, "f1": 0.55, "leaks": 3},
          # The third tuning set (ads-6, 40 ads written blind, 2026-12-01), scored first at
          # family 88%, level 92%, sector 68%, F1 0.67, 19 leaked lines, then tuned on.
          "tune3": {"family": 0.93, "level": 0.95, "sector": 0.88, "f1": 0.90, "leaks": 0},
          # The third held-out set (ads-5, 30 ads): 80% / 97% / 73% / F1 0.37 / 10 leaks at
          # 695849d; scored in aggregate only at a3e67a4: 80 / 97 / 90 / 0.37 / 6. Its plans
          # were then read by a blind panel (2026-12-01) and its misses looked at (2026-12-02):
          # since then it is tuning data despite its name, and ads-7 (heldout4) is held out.
          "heldout3": {"family": 0.93, "level": 0.95, "sector": 0.88, "f1": 0.90, "leaks": 0},
          # The fourth held-out set (ads-7, 30 ads written blind on 2026-12-02, never read):
          # scored in aggregate only, at e67f43e (the start of that day) 73% / 90% / 73% /
          # F1 0.49 / 4 leaks, and at a976d52 (after the day's tuning on ads-5) 73 / 90 / 73 /
          # 0.52 / 5. The tuning did not carry over: see issue 13's note. After tuning on ads-8
          # (tune4), at 663ca2e: 80 / 93 / 80 / 0.52 / 5. A blind panel's one-line summaries
          # have since named its failures in outline, so it is no longer pristine.
          "heldout4": {"family": 0.77, "level": 0.90, "sector": 0.77, "f1": 0.48, "leaks": 5},
          # The fourth tuning set (ads-8, 30 ads written blind on 2026-12-02): scored whole
          # first at a660aff, family 47%, level 97%, sector 63%, F1 0.70, 7 leaked lines:
          # frontline titles the lists did not know (tire tech, meat cutter, ramp agent, loan
          # processor, optician, veterinary technician, water treatment operator, estimator,
          # payroll manager); then tuned on.
          "tune4": {"family": 0.95, "level": 0.95, "sector": 0.95, "f1": 0.85, "leaks": 0},
          # The fifth held-out set (ads-9, 30 ads written blind on 2026-12-02 in proportion to
          # the most-posted occupations), scored in aggregate only: the same at e67f43e and at
          # fba0ffa, family 97%, level 100%, sector 87%, F1 0.67, 3 leaked lines.
          "heldout5": {"family": 0.93, "level": 0.97, "sector": 0.83, "f1": 0.63, "leaks": 3},
          # The fifth tuning set (ads-12, 30 ads written blind on 2026-12-02, rich in stated
          # initiatives): scored whole first at 6677b87, family 97%, level 100%, sector 97%,
          # F1 0.55 (P 73% R 44%), 0 leaks, 10/29 stated figures, teams 4/9; then tuned on.
          "tune5": {"family": 0.95, "level": 0.97, "sector": 0.95, "f1": 0.72, "leaks": 0}}
# ads-10 (heldout6, 30 ads written blind on 2026-12-02) was scored once in aggregate and
# judged by a blind panel at the end of that day (e67f43e: family 97%, level 100%, sector 93%,
# F1 0.67, 9 leaks, 13/26 stated figures; d26acda: 100 / 100 / 93 / 0.67 / 9, 15/26). Its
# panel named failures in outline, so the next honest measurement needs a fresh set.
# ads-11 (heldout7, 30 ads written blind on 2026-12-02 by a session that read only LABELS.md)
# was scored once in aggregate when it landed: at e03781f (the start of that session) family
# 93%, level 97%, sector 90%, F1 0.50, 4 leaks, 20/42 stated figures, teams 3/9 with 1 extra;
# at 26a5b9e 93 / 97 / 90 / 0.51 / 4, 20/42, teams 5/9 with 0; at 1fb6252 93 / 97 / 90 /
# 0.53 / 4, 22/42, teams 5/9 with 0. Then judged by that session's blind panel
# (tests/data/panel.yaml, ninth): spent, as its summaries name failures in outline.


@pytest.mark.parametrize("split", ["tune", "heldout", "tune2", "heldout2", "tune3", "heldout3",
                                   "heldout4", "tune4", "heldout5", "tune5"])
def test_reading_the_ads(split):
    result = score(load_ads(split))
    print("\n" + result.table(split))
    # What must never happen: one initiative twice; a name cut in the wrong place; and (the
    # goal, met on the tuned half) pay, benefits, requirements, legal text or the job site's
    # buttons shown as a fact.
    floor = FLOORS[split]
    assert len(result.leaks) <= floor["leaks"]
    assert result.duplicates == []
    assert result.bad_names == []
    assert result.share(result.family) >= floor["family"]
    assert result.share(result.level) >= floor["level"]
    assert result.share(result.sector) >= floor["sector"]
    assert result.f1 >= floor["f1"]


# The team a manager leads ("lead a team of 14 billers and coders"), first scored on
# 2026-12-02 at 351a349: the tuning sets (tune to tune4 and heldout3) 15 of 41 labelled teams
# read, 10 read where none is labelled; the held-out sets, in aggregate only, 11 of 40 and 12.
# With the verbs, groups and nouns of entities.yaml's `team`: 30 of 41 and 0; held out 22 of 40
# and 2.
@pytest.mark.parametrize("splits, found, extra", [
    (("tune", "tune2", "tune3", "tune4", "heldout3"), 30, 0),
    (("heldout", "heldout2", "heldout4", "heldout5", "heldout6"), 22, 2)])
def test_the_team_a_manager_leads(splits, found, extra):
    results = [score(load_ads(split)) for split in splits]
    print(f"\nteams read {sum(r.teams_found for r in results)} of "
          f"{sum(r.teams for r in results)}, {sum(r.teams_extra for r in results)} extra")
    assert sum(r.teams_found for r in results) >= found
    assert sum(r.teams_extra for r in results) <= extra


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_real_titles_land_in_their_family(split):
    titles = [t for t in REAL_TITLES if t["split"] == split]
    found = [detect_family(normalize_title(t["title"], LIBRARY), LIBRARY)[0].id for t in titles]
    right = sum(f == t["family"] for f, t in zip(found, titles, strict=True)) / len(titles)
    fallback = sum(f == "fallback" for f in found) / len(titles)
    levels = sum(detect_level(normalize_title(t["title"], LIBRARY), LIBRARY)[0] == t["level"]
                 for t in titles) / len(titles)
    print(f"\n{split}: right family {right:.0%}, generic fallback {fallback:.0%}, "
          f"level {levels:.0%} on {len(titles)} titles")
    assert right >= 0.85
    assert fallback <= 0.05


def test_the_warehouse_ad_of_the_issue():
    """The ad a new user tried: a 3PL's warehouse supervisor, its clients, its pay line."""
    ad = next(a for a in load_ads() if a["id"].startswith("a2-warehouse-shift-supervisor"))
    analysis = analyze(build_request({"role": ad["title"], "company": ad["company"],
                                      "description": ad["text"]}), LIBRARY)
    assert analysis.family.id == "warehouse-logistics"
    assert analysis.sector.id == "logistics-transport"  # its clients are start-ups, not it
    assert not analysis.has("startup")
    assert "2nd shift" in analysis.title_noise
    rollouts = [i for i in analysis.initiatives if i.id == "system-implementation"]
    assert len(rollouts) == 1 and "Manhattan Active WM" in rollouts[0].name
    assert not any("$" in fact for fact in analysis.facts)


def test_overrides_win_and_unknown_ids_are_named():
    request = build_request({"role": "Coordinator", "company": "Acme", "description": "We make "
                             "bolts.", "family": "fpa", "level": "senior",
                             "sector": "industrial-manufacturing"})
    analysis = analyze(request, LIBRARY)
    assert (analysis.family.id, analysis.level, analysis.sector.id) == \
        ("fpa", "senior", "industrial-manufacturing")
    bad = build_request({"role": "Coordinator", "company": "Acme", "description": "We make "
                         "bolts.", "sector": "spaceships"})
    with pytest.raises(RequestError, match="Unknown sector 'spaceships': choose one of "):
        analyze(bad, LIBRARY)


AD_HTML = b"""<html><head><meta charset="utf-8"><script>var tracking = 1;</script></head><body>
<nav>Jobs Sign in</nav><div id="cookie-consent">We use cookies. Accept all</div>
<main><h1>Senior Financial Analyst</h1><h2>About us</h2>
<p>Cedar Valley Health is a three-hospital health system. We are implementing Strata for
budgeting and cost accounting.</p><h2>What you'll do</h2><ul><li>Build the operating budget</li>
<li>Report to the Director of Financial Planning &amp; Analysis</li></ul></main>
<footer>Privacy Terms</footer></body></html>"""


def explain_json(path) -> dict:
    result = CliRunner().invoke(main, ["explain", "--role", "Senior Financial Analyst",
                                       "--company", "Cedar Valley Health",
                                       "--description-file", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_saved_job_page_gives_its_main_text_only(tmp_path):
    page = tmp_path / "ad.html"
    page.write_bytes(AD_HTML)
    data = explain_json(page)
    text = " ".join(p["text"] for p in data["parts"])
    assert "tracking" not in text and "cookies" not in text and "Sign in" not in text
    assert "Privacy Terms" not in text
    assert data["sector"]["id"] == "hospital"
    assert data["initiatives"][0]["name"] == "the Strata implementation"
    assert data["initiatives"][0]["sentence"].startswith("We are implementing Strata")
    assert data["entities"]["manager"]["name"] == "Director of Financial Planning & Analysis"


def test_word_pdf_and_markdown_descriptions(tmp_path):
    import docx
    from weasyprint import HTML

    word = docx.Document()
    word.add_paragraph("About us")
    word.add_paragraph("Cedar Valley Health is a three-hospital health system. We are "
                       "implementing Strata for budgeting.")
    word.save(tmp_path / "ad.docx")
    HTML(string="<p>Cedar Valley Health is a three-hospital health system. We are implementing "
                "Strata for budgeting.</p>").write_pdf(tmp_path / "ad.pdf")
    (tmp_path / "ad.md").write_text("## About us\n\n**Cedar Valley Health** is a three-hospital "
                                    "health system. We are implementing [Strata](https://x.test)"
                                    " for budgeting.\n", encoding="utf-8")
    for name in ("ad.docx", "ad.pdf", "ad.md"):
        data = explain_json(tmp_path / name)
        assert [i["name"] for i in data["initiatives"]] == ["the Strata implementation"], name
        assert data["sector"]["id"] == "hospital", name


@pytest.mark.parametrize("name, content, message", [
    ("ad.doc", b"\xd0\xcf\x11\xe0", "is a .doc file: save it as .docx, .pdf or .txt."),
    ("ad.docx", b"not a zip", "The description Word file cannot be read"),
    ("ad.pdf", b"%PDF-1.4 garbage", "The description PDF cannot be read"),
])
def test_unreadable_description_files_get_a_plain_message(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(RequestError, match=message.replace(".", r"\.").replace("(", r"\(")):
        build_request({"role": "Analyst", "company": "Acme",
                       "description_file": str(tmp_path / name)})


def test_a_fifo_as_description_is_refused_at_once(tmp_path):
    fifo = tmp_path / "ad.txt"
    os.mkfifo(fifo)
    with pytest.raises(RequestError, match="is not a regular file"):
        build_request({"role": "Analyst", "company": "Acme", "description_file": str(fifo)})


def test_generate_says_how_it_read_the_ad(tmp_path):
    result = CliRunner().invoke(main, [
        "generate", "--role", "Deli Clerk / Customer Service", "--company", "Hy-Vee",
        "--description", "Hy-Vee is a supermarket chain with 285 stores in the Midwest.",
        "--format", "json", "--out", str(tmp_path), "--show-reading"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Read as: Food service, individual contributor, Store retail\n"
    quiet = CliRunner().invoke(main, [
        "generate", "--role", "Chief Vibes Wrangler", "--company", "Hy-Vee", "--description",
        "Hy-Vee is a supermarket chain.", "--format", "json", "--out", str(tmp_path / "b"),
        "--show-reading"])
    assert "Warning: no role family matched 'Chief Vibes Wrangler'" in quiet.stderr
