#!/usr/bin/env bash
# Rebuild the pictures in docs/ by rendering the seed decks through LibreOffice.
# Needs: briefdeck installed, soffice (libreoffice-impress), pdftoppm (poppler-utils), fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for set in briefing party-red; do
  briefdeck build seeds/000_5ad35ad114782d3f.txt -o "$work/$set" --layouts "$set" --quiet >/dev/null
  briefdeck preview "$work/$set"/*.pptx -o "$work/png-$set" --dpi 40 >/dev/null
  for sheet in "$work/png-$set"/*-sheet.png; do
    zone=$(basename "$sheet" -sheet.png)
    cp "$sheet" "docs/contact-$set-$zone.png"
  done
done
# Decks of our own fixture articles in the forms real reporting uses (two-line headings,
# a whole page of several articles, figures to choose among, closing words, quotes in a story
# without headings): no copyrighted text.
briefdeck build tests/fixtures/zh_two_line_headings.txt tests/fixtures/zh_figure_choice.txt \
  tests/fixtures/zh_coda.txt tests/fixtures/zh_story_quotes.txt \
  -o "$work/forms" --quiet >/dev/null
briefdeck preview "$work/forms"/*.pptx -o "$work/png-forms" --dpi 40 >/dev/null
for sheet in "$work/png-forms"/*-sheet.png; do
  cp "$sheet" "docs/contact-forms-$(basename "$sheet" -sheet.png).png"
done
# Single slides for the README, at a size a page shows well.
briefdeck preview "$work/briefing/随州高新区.pptx" -o "$work/big" --dpi 60 >/dev/null
cp "$work/big/随州高新区-10.png" docs/slide-section.png
briefdeck preview "$work/briefing/平顶山高新区.pptx" -o "$work/big" --dpi 60 >/dev/null
cp "$work/big/平顶山高新区-02.png" docs/slide-key-figures.png
briefdeck preview "$work/party-red/平顶山高新区.pptx" -o "$work/big-red" --dpi 60 >/dev/null
cp "$work/big-red/平顶山高新区-05.png" docs/slide-party-red.png
# A table of our own fixture article: its native table slide and the chart of its numeric column.
briefdeck build tests/fixtures/zh_table.md -o "$work/table" --quiet >/dev/null
briefdeck preview "$work/table"/*.pptx -o "$work/big-table" --dpi 60 >/dev/null
cp "$work/big-table/青川高新区-4.png" docs/slide-table.png
cp "$work/big-table/青川高新区-5.png" docs/slide-table-chart.png
# A photo slide of our own fixture article and the photo made for it (tests/photo_scene.py),
# its colours reduced so that the picture stays small.
briefdeck build tests/fixtures/zh_photos.md -o "$work/photo" --quiet >/dev/null
briefdeck preview "$work/photo"/*.pptx -o "$work/big-photo" --dpi 60 >/dev/null
python3 -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).convert("RGB").quantize(128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(sys.argv[2], optimize=True)' \
  "$work/big-photo/梓桥科技城-4.png" docs/slide-photo.png
ls -1 docs/*.png
