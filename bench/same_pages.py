"""Do two runs' PDFs look the same? Every page of every PDF, drawn to PNG, pixel against pixel.

    .venv/bin/python bench/same_pages.py BEFORE_DIR AFTER_DIR [--dpi 100]

For a speed change that must not change the look: render the sample set before the change
(e.g. `nextround batch samples/candidates.csv --out before`, with the old install) and after,
then compare. Prints one line per page that differs (with the box that differs) and a count;
exit code 1 when any page or PDF differs or is missing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops


def pages(pdf: Path, dpi: int, into: Path) -> list[Path]:
    prefix = into / "page"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True)
    return sorted(into.glob("page-*.png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args()
    before = {p.relative_to(args.before) for p in args.before.rglob("*.pdf")}
    after = {p.relative_to(args.after) for p in args.after.rglob("*.pdf")}
    problems = 0
    for missing in sorted(before ^ after):
        print(f"only in {'before' if missing in before else 'after'}: {missing}")
        problems += 1
    compared = 0
    for name in sorted(before & after):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            old, new = pages(args.before / name, args.dpi, Path(a)), \
                pages(args.after / name, args.dpi, Path(b))
            if len(old) != len(new):
                print(f"{name}: {len(old)} pages before, {len(new)} after")
                problems += 1
                continue
            for number, (x, y) in enumerate(zip(old, new, strict=True), 1):
                compared += 1
                box = ImageChops.difference(Image.open(x).convert("RGB"),
                                            Image.open(y).convert("RGB")).getbbox()
                if box is not None:
                    print(f"{name}, page {number}: differs in {box}")
                    problems += 1
    print(f"{len(before & after)} PDFs, {compared} pages compared at {args.dpi} dpi: "
          f"{problems} differ{'s' if problems == 1 else ''}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
