"""Put the PNG pages of one rendered PDF side by side, to look at a layout in one picture.

    pdftoppm -png -r 60 out/x/30-60-90-plan.pdf /tmp/plan
    .venv/bin/python scripts/contact_sheet.py /tmp/plan-*.png /tmp/plan-all.png
"""

import sys

from PIL import Image

pages = [Image.open(p) for p in sys.argv[1:-1]]
width = sum(p.width for p in pages) + 10 * len(pages)
sheet = Image.new("RGB", (width, max(p.height for p in pages)), "#888")
x = 0
for page in pages:
    sheet.paste(page, (x, 0))
    x += page.width + 10
sheet.save(sys.argv[-1])
