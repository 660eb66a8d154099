"""Write the test PDFs in tests/fixtures/pdf/ from fixture articles: Word files laid out as a
newspaper page (python-docx), converted by LibreOffice.

Run from the repository root when a page's layout or text should change (needs `soffice`), then
commit the PDFs:

    python -m tests.pdf_fixtures

Each page is one of the fixture articles (tests/fixtures/*.txt), its lines given roles: the
title in a large bold face over the columns, the kicker and byline under it, section headings
in bold, photo captions and credits in a smaller size under a generated picture, body text in
two or three columns with a first-line indent; the paper's masthead line in the page header and
the page number in the footer. The twin text file is what the PDF must parse to. The PDFs
briefdeck cannot read (scanned, encrypted) are written by the tests themselves.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OUT = FIXTURES / "pdf"

SERIF = "Noto Sans CJK SC"
SANS = "Noto Sans CJK SC"
LATIN_SERIF = "Liberation Serif"
LATIN_SANS = "Liberation Sans"
BODY = 10.5
"""Body text size, points."""


@dataclass(frozen=True)
class Page:
    """A PDF to write: its twin text file, the titles and headings among its lines, and how it
    is laid out."""

    name: str
    """The PDF's file name without suffix."""
    source: str
    """The fixture article(s) it is made of (a file in tests/fixtures)."""
    titles: tuple[str, ...]
    """The lines set as titles (each opens an article)."""
    headings: tuple[str, ...] = ()
    """The lines set as section headings (bold)."""
    columns: int = 2
    masthead: str = ""
    """The line in the page header."""
    first_page: int = 1
    """The number in the footer of the first page."""
    english: bool = False
    repeat: int = 1
    """How many times the text is set, one after the other (more pages)."""


TWELVE = (
    "优化营商环境", "强化科技创新", "壮大主导产业", "推进招商引资", "完善基础设施", "加强人才引育",
    "深化开放合作", "推动绿色发展", "提升城市品质", "保障改善民生", "防范化解风险", "加强党的建设",
)  # fmt: skip
"""The section headings of zh_twelve_sections.txt."""

PAGES = (
    Page(
        "zh_two_articles",
        "zh_two_articles.txt",
        titles=("石门科技园二季度经济运行稳中有进", "柳湾经开区物流枢纽项目开工"),
        headings=("“稳”——基本盘持续巩固", "“进”——新动能加快成长"),
        masthead="江岸日报　2025年5月12日　星期一　第5版　园区经济",
        first_page=5,
    ),
    Page(
        "zh_three_columns",
        "zh_twelve_sections.txt",
        titles=("云溪高新区十二项重点工作全面推进",),
        headings=TWELVE,
        columns=3,
        masthead="江岸日报　2025年6月3日　星期二　第3版　要闻",
        first_page=3,
    ),
    Page(
        "en_two_articles",
        "en_two_articles.txt",
        titles=(
            "Riverbend zone doubles down on biotech",
            "Northgate Enterprise Zone wins new investors",
        ),
        headings=("Green Jobs",),
        masthead="THE RIVERSIDE COURIER  |  Tuesday, September 14, 2021  |  Page 7",
        first_page=7,
        english=True,
    ),
    Page(
        "zh_four_pages",
        "zh_twelve_sections.txt",
        titles=("云溪高新区十二项重点工作全面推进",),
        headings=TWELVE,
        masthead="江岸日报　2025年7月1日　星期二　园区经济",
        repeat=4,
    ),
)


def roles(page: Page, lines: list[str]) -> list[tuple[str, str]]:
    """Return (role, text) for each non-empty line of the twin text."""
    out = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if text in page.titles:
            role = "title"
        elif text in page.headings:
            role = "heading"
        elif text.startswith("——"):
            role = "kicker"
        elif re.match(r"^(?:（记者|本报记者|By )", text):
            role = "byline"
        elif text.startswith("图为"):
            role = "caption"
        elif text.startswith("图 /"):
            role = "credit"
        else:
            role = "body"
        out.append((role, text))
    return out


def photo() -> bytes:
    """Return a small generated picture (PNG): hills, a sky and a sun; no real photo."""
    image = Image.new("RGB", (240, 150), (176, 206, 232))
    draw = ImageDraw.Draw(image)
    draw.ellipse((170, 18, 206, 54), fill=(250, 214, 90))
    draw.polygon(
        [(0, 150), (0, 95), (70, 60), (150, 100), (240, 70), (240, 150)], fill=(86, 140, 90)
    )
    draw.rectangle((30, 105, 110, 140), fill=(200, 200, 196))
    for x in range(36, 110, 14):
        draw.rectangle((x, 112, x + 8, 122), fill=(90, 110, 140))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def soft_hyphens(text: str) -> str:
    """Return English text with soft hyphens in its long words, so LibreOffice may break them."""

    def mark(match: re.Match[str]) -> str:
        word = match.group(0)
        return word[: len(word) // 2] + "\u00ad" + word[len(word) // 2 :]

    return re.sub(r"[A-Za-z]{9,}", mark, text)


def set_fonts(
    run_or_style, size: float, bold: bool = False, sans: bool = False, cjk: bool = True
) -> None:
    """Give a run or style its size, weight and fonts (Latin and East Asian); Chinese text
    takes its Latin letters and digits from the CJK font too (one font subset: smaller files)."""
    font = run_or_style.font
    font.size = Pt(size)
    font.bold = bold
    font.name = (SANS if sans else SERIF) if cjk else (LATIN_SANS if sans else LATIN_SERIF)
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), SANS if sans else SERIF)


def set_columns(section, count: int) -> None:
    """Set a section's text columns (0.6 cm apart)."""
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), str(int(Cm(0.6).twips)))


def page_furniture(document, page: Page) -> None:
    """Lay out the page: margins, the masthead line in the header, the number in the footer."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)
    head = section.header.paragraphs[0]
    set_fonts(head.add_run(page.masthead), 9, sans=True, cjk=not page.english)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    foot._p.append(field)
    run = OxmlElement("w:r")
    field.append(run)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), str(page.first_page))
    section._sectPr.append(numbering)


def add_line(document, role: str, text: str, page: Page) -> None:
    """Add one line of the twin text in the style of its role."""
    if role == "caption":
        picture = document.add_paragraph()
        picture.paragraph_format.keep_with_next = True  # the caption stays under its picture
        picture.add_run().add_picture(io.BytesIO(photo()), width=Cm(5.4))
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(0)
    size, bold, sans = {
        "title": (22, True, True),
        "kicker": (14, False, True),
        "byline": (9, False, True),
        "heading": (12, True, True),
        "caption": (8.5, False, True),
        "credit": (8.5, False, True),
    }.get(role, (BODY, False, False))
    if role in ("title", "kicker", "byline"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.space_after = Pt(6)
    elif role == "heading":
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(6), Pt(3), True
    elif role == "body":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Pt(BODY * 2)
        fmt.line_spacing = 1.15
    if page.english and role == "body":
        text = soft_hyphens(text)
    set_fonts(paragraph.add_run(text), size, bold, sans, cjk=not page.english)


def word_file(page: Page) -> docx.document.Document:
    """Return the Word document of `page`: each article's header over its columns."""
    document = docx.Document()
    page_furniture(document, page)
    lines = (FIXTURES / page.source).read_text("utf-8").splitlines() * page.repeat
    columns = False
    for n, (role, text) in enumerate(roles(page, lines)):
        spans = role in ("title", "kicker", "byline")
        if n and spans == columns:  # a header over the columns, or columns under it
            section = document.add_section(WD_SECTION.CONTINUOUS)
            set_columns(section, 1 if spans else page.columns)
        elif not n and not spans:
            set_columns(document.sections[0], page.columns)
        columns = not spans
        add_line(document, role, text, page)
    return document


def word_export(source: str, headings: tuple[str, ...]) -> docx.document.Document:
    """Return a fixture article as a plain Word file (python-docx's own template: one column,
    ragged right, space after each paragraph, Title and Heading 1 styles), as a press office
    sends it and exports it to PDF."""
    lines = [x for x in (FIXTURES / source).read_text("utf-8").splitlines() if x.strip()]
    document = docx.Document()
    document.add_heading(lines[0], level=0)
    for line in lines[1:]:
        if line in headings:
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    return document


def convert(document, name: str, folder: Path) -> Path:
    """Save `document` as `name`.docx in `folder` and convert it to PDF there; return the PDF."""
    path = folder / f"{name}.docx"
    document.save(str(path))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / f"{name}.pdf"


def scanned_pdf() -> bytes:
    """Return a PDF that holds only a picture of a page (no text layer), as a scanner writes."""
    image = Image.new("1", (620, 877), 1)
    draw = ImageDraw.Draw(image)
    for y in range(80, 800, 22):
        draw.rectangle((60, y, 560 - (y * 7) % 120, y + 9), fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=75)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    """Return a one-page PDF encrypted with a user password (the standard security handler):
    it cannot be opened without the password."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <%s> /U <%s> >>" % (b"11" * 32, b"22" * 32),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        b"ab" * 16,
        b"ab" * 16,
    )
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % xref)


def main() -> None:
    """Write every test PDF into tests/fixtures/pdf/."""
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for page in PAGES:
            pdf = convert(word_file(page), page.name, Path(tmp))
            shutil.copy(pdf, OUT / pdf.name)
            print(f"{pdf.name}: {pdf.stat().st_size:,} bytes")
        headings = ("“稳”——基本盘持续巩固", "“进”——新动能加快成长")
        pdf = convert(word_export("zh_leads_quotes.txt", headings), "zh_word_export", Path(tmp))
        shutil.copy(pdf, OUT / pdf.name)
        print(f"{pdf.name}: {pdf.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
