#!/usr/bin/env bash
# Rebuild the pictures in docs/ by rendering the seed decks through LibreOffice.
# Needs: briefdeck installed, soffice (libreoffice-impress), pdftoppm (poppler-utils), fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for set in briefing party-red; do
  briefdeck build seeds/000_5ad35ad114782d3f.txt -o "$work/$set" --layouts "$set" --quiet
  soffice --headless --convert-to pdf --outdir "$work/$set" "$work/$set"/*.pptx >/dev/null
done
# One key-figures slide and one section slide of the default set, one slide of party-red.
pdftoppm -r 60 -png -f 2 -l 2 -singlefile "$work/briefing/平顶山高新区.pdf" docs/slide-key-figures
pdftoppm -r 60 -png -f 8 -l 8 -singlefile "$work/briefing/随州高新区.pdf" docs/slide-section
pdftoppm -r 60 -png -f 5 -l 5 -singlefile "$work/party-red/平顶山高新区.pdf" docs/slide-party-red
ls -1 docs/*.png
