"""Render the plan and question sheet PDFs of every ad of one split, for a blind panel.

    PYTHONPATH=src:tests python scripts/render_split.py OUT_DIR SPLIT

Run it in two checkouts (the versions to compare) with the same split, then shuffle the pairs
into case folders with the key kept outside the repository, as tests/data/panel.yaml records.
Files are written as OUT_DIR/<ad id>.plan.pdf and OUT_DIR/<ad id>.questions.pdf.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import tempfile

from reading_scores import load_ads


def main(out: pathlib.Path, split: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for ad in load_ads(split):
        with tempfile.TemporaryDirectory() as tmp:
            description = pathlib.Path(tmp) / "ad.txt"
            description.write_text(ad["text"], encoding="utf-8")
            done = subprocess.run(
                [sys.executable, "-m", "nextround", "generate", "--role", ad["title"],
                 "--company", ad["company"], "--description-file", str(description),
                 "--candidate", "Jordan Lee", "--format", "pdf", "--out", tmp],
                capture_output=True, text=True)
            pdfs = sorted(pathlib.Path(tmp).rglob("*.pdf"))
            if done.returncode or len(pdfs) != 2:
                print(f"failed: {ad['id']}: {done.stderr.strip()[-300:]}", file=sys.stderr)
                failed += 1
                continue
            for pdf in pdfs:
                kind = "plan" if "plan" in pdf.name else "questions"
                (out / f"{ad['id']}.{kind}.pdf").write_bytes(pdf.read_bytes())
    print(f"{out}: {split}, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(pathlib.Path(sys.argv[1]), sys.argv[2]))
