"""Render decks through LibreOffice: PDF, one PNG per slide, and a contact sheet."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from briefdeck.errors import BriefdeckError

CONVERT_TIMEOUT = 600
"""Seconds LibreOffice may take for one batch of decks."""


class ToolMissing(BriefdeckError):
    """A program needed for rendering is not installed."""


def soffice() -> str:
    """Return the LibreOffice program, or raise ToolMissing with what to install."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ToolMissing(
            "LibreOffice is not installed (Debian/Ubuntu: apt-get install libreoffice-impress "
            "fonts-noto-cjk)"
        )
    return found


def pdftoppm() -> str:
    """Return the pdftoppm program, or raise ToolMissing with what to install."""
    found = shutil.which("pdftoppm")
    if found is None:
        raise ToolMissing(
            "pdftoppm is not installed (Debian/Ubuntu: apt-get install poppler-utils)"
        )
    return found


def to_pdf(decks: Iterable[Path], out_dir: Path) -> list[Path]:
    """Convert decks to PDF in `out_dir` with one LibreOffice run; return the PDFs in order."""
    return convert(decks, out_dir, "pdf")


def convert(files: Iterable[Path], out_dir: Path, to: str) -> list[Path]:
    """Convert files to format `to` (`pdf`, `pptx`) in `out_dir` with one LibreOffice run;
    return the converted files in order."""
    files = list(files)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefdeck-lo-") as profile:
        command = [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out_dir),
            *map(str, files),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=CONVERT_TIMEOUT)
        except subprocess.CalledProcessError as exc:
            raise BriefdeckError(
                f"LibreOffice failed: {exc.stderr.decode(errors='replace')[:200]}"
            ) from None
        except subprocess.TimeoutExpired:
            raise BriefdeckError(f"LibreOffice took more than {CONVERT_TIMEOUT} s") from None
    converted = [out_dir / f"{file.stem}.{to}" for file in files]
    missing = [p.name for p in converted if not p.exists()]
    if missing:
        raise BriefdeckError(f"LibreOffice did not convert: {', '.join(missing)}")
    return converted


def to_pngs(pdf: Path, out_dir: Path, dpi: int = 60, antialias: bool = True) -> list[Path]:
    """Render each page of `pdf` to `out_dir/<stem>-NN.png`; return the files in page order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [pdftoppm(), "-r", str(dpi), "-png"]
    if not antialias:
        command += ["-aa", "no", "-aaVector", "no"]
    for old in _pages(out_dir, pdf.stem):
        old.unlink()  # pages of an earlier, longer deck of the same name
    subprocess.run([*command, str(pdf), str(out_dir / pdf.stem)], check=True, capture_output=True)
    return _pages(out_dir, pdf.stem)


def _pages(folder: Path, stem: str) -> list[Path]:
    """Return the page pictures `<stem>-N.png` in `folder`, in page order."""
    pages = [p for p in folder.glob(f"{stem}-*.png") if p.stem.rsplit("-", 1)[1].isdigit()]
    return sorted(pages, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def contact_sheet(pngs: list[Path], out: Path, columns: int = 4, gap: int = 12) -> Path:
    """Write the slide pictures side by side, `columns` to a row, to `out`; return it."""
    from PIL import Image  # Pillow comes with python-pptx

    images = [Image.open(p).convert("RGB") for p in pngs]
    if not images:
        raise BriefdeckError("no slides to put on a contact sheet")
    width, height = images[0].size
    rows = -(-len(images) // columns)
    sheet = Image.new(
        "RGB", (columns * (width + gap) + gap, rows * (height + gap) + gap), "#8a8f98"
    )
    for n, image in enumerate(images):
        row, col = divmod(n, columns)
        sheet.paste(image, (gap + col * (width + gap), gap + row * (height + gap)))
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)
    return out


def preview(deck: Path, out_dir: Path, dpi: int = 60) -> tuple[list[Path], Path]:
    """Render a deck to one PNG per slide and a contact sheet in `out_dir`; return both."""
    with tempfile.TemporaryDirectory(prefix="briefdeck-pdf-") as work:
        (pdf,) = to_pdf([deck], Path(work))
        pngs = to_pngs(pdf, out_dir, dpi)
    sheet = contact_sheet(pngs, out_dir / f"{deck.stem}-sheet.png")
    return pngs, sheet
