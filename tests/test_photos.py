"""Photos: credits on the photo slides, Word's and Markdown's pictures in the picture
placeholder (cropped to fill, downscaled, alt text the caption), kept through the outline."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Inches
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefdeck.cli import main
from briefdeck.layouts import load_layout_set
from briefdeck.model import Image as Picture
from briefdeck.pipeline import outlines, read_articles
from briefdeck.plan import plan_deck
from briefdeck.read import read_document
from briefdeck.render.pictures import LONG_SIDE_MAX, fitted_size, slide_picture
from tests.conftest import ROOT, fixture
from tests.photo_scene import scene
from tests.test_ooxml import schema_errors

R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
WORD_PHOTOS = (
    ("桐溪高新区智能制造产业园一角。", "桐溪高新区供图"),
    ("夜幕下的园区生产车间灯火通明。", "记者 何川 摄"),
)


def picture_file(picture: Image.Image, kind: str, **options: object) -> bytes:
    """Return `picture` written as a `kind` (PNG, JPEG) file."""
    out = io.BytesIO()
    picture.save(out, kind, **options)
    return out.getvalue()


def word_file(path: Path) -> Path:
    """Write a Word article with two embedded photos, each followed by its caption and credit
    paragraphs: a 2400×1600 PNG and a 1200×1800 (portrait) JPEG."""
    pictures = (
        picture_file(scene(2400, 1600, grain=0), "PNG"),
        picture_file(scene(1200, 1800, "dusk"), "JPEG", quality=90),
    )
    document = docx.Document()
    document.add_heading("桐溪高新区：智能制造集群加速成长", level=0)
    document.add_paragraph("本报记者 何川")
    document.add_paragraph(
        "今年以来，桐溪高新区规上工业增加值同比增长11.2%，新落地智能制造项目17个，总投资63亿元。"
    )
    bodies = (
        ("一、龙头带动 链条延伸",
         "桐溪高新区以龙头企业为牵引，今年引进配套企业24家，本地配套率提高到42%。园区为重点"
         "项目配备服务专员，从签约到投产全程跟踪服务。"),
        ("二、数字赋能 提质增效",
         "桐溪高新区推动企业数字化改造，已建成智能工厂5家、数字化车间31个，企业生产效率平均"
         "提高19%。园区还搭建工业互联网平台，为中小企业提供设备管理服务。"),
    )  # fmt: skip
    for (heading, body), data, (caption, credit) in zip(bodies, pictures, WORD_PHOTOS):
        document.add_heading(heading, level=1)
        document.add_paragraph(body)
        document.add_picture(io.BytesIO(data), width=Inches(5))
        document.add_paragraph(caption)
        document.add_paragraph(credit)
    document.add_paragraph("下一步，桐溪高新区将继续壮大智能制造集群，力争全年新落地项目超过25个。")
    document.save(path)
    return path


def build(tmp_path: Path, *inputs: str | Path) -> Path:
    """Build the decks of `inputs` into `tmp_path/decks`; return the folder."""
    out = tmp_path / "decks"
    result = CliRunner().invoke(main, ["build", *map(str, inputs), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def photo_slides(deck: Path) -> list[Any]:
    """Return the slides of a deck that have a picture placeholder (filled or not)."""
    slides = Presentation(str(deck)).slides
    return [s for s in slides if any(_is_picture_placeholder(sh) for sh in s.shapes)]


def _is_picture_placeholder(shape: Any) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.PICTURE


def slide_text(slide: Any) -> str:
    """Return every text of a slide, spaces removed (the deck writes `记者何川摄`)."""
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    return "".join("".join(texts).split())


def placed_picture(slide: Any) -> tuple[Any, bytes]:
    """Return the `p:pic` of a slide's picture placeholder and the bytes of its image part."""
    (pic,) = slide.shapes._spTree.xpath("./p:pic[p:nvPicPr/p:nvPr/p:ph[@type='pic']]")
    rid = pic.xpath("./p:blipFill/a:blip")[0].get(R_EMBED)
    return pic, slide.part.related_part(rid).blob


# ------------------------------------------------------------------ credits


def test_a_credit_set_apart_from_its_captions_shows_on_their_photo_slides(tmp_path):
    (deck,) = build(tmp_path, fixture("zh_photo_credits.txt")).glob("*.pptx")
    texts = [slide_text(s) for s in photo_slides(deck)]
    assert texts == [
        "柏川经开区服务专班工作人员走访企业。柏川经开区供图",
        "柏川经开区企业服务中心工作人员为企业办理手续。柏川经开区供图",
        "新材料产业园内，工人正在调试生产线。记者林晓摄",
    ]
    for slide in photo_slides(deck):  # no picture in a text file: the placeholder waits
        assert not slide.shapes._spTree.xpath("./p:pic")


def test_the_seed_credit_set_apart_credits_both_captions_before_it(seed_articles):
    assert [c.credit for c in seed_articles[0].captions] == ["平顶山高新区供图"] * 2


def test_an_english_photo_credit_goes_with_its_caption(tmp_path):
    source = tmp_path / "article.txt"
    source.write_text(
        "Riverside New Area opens a robotics test field\n\nBy Jane Doe\n\n"
        "Riverside New Area opened a robotics test field on Monday, with 12 companies testing "
        "their machines there in the first month.\n\n\n"
        "Engineers test a robot arm at the new field.\n"
        "Photo: Chen Li\n\n"
        "The field covers 3,000 square meters and will host 40 companies by the end of the year, "
        "the area's administration said.\n",
        "utf-8",
    )
    (article,) = read_articles(str(source))[0]
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Engineers test a robot arm at the new field.", "Photo: Chen Li")
    ]


def test_a_photo_layout_without_a_text_box_shows_the_credit_after_the_caption(tmp_path):
    text = (ROOT / "layouts" / "briefing.yaml").read_text("utf-8")
    body = "      body: {x: 8.7, y: 5.6, w: 4.03, h: 1.2, sizes: [12, 14], color: muted}\n"
    assert text.count(body) == 1
    layouts = tmp_path / "no-credit-box.yaml"
    layouts.write_text(text.replace(body, ""), "utf-8")
    (outline,) = outlines(read_articles(str(fixture("zh_photo_credits.txt")))[0])
    deck = plan_deck(outline, load_layout_set(str(layouts)))
    titles = [s.title for s in deck.slides if s.kind == "photo"]
    assert titles[2] == "新材料产业园内，工人正在调试生产线。 记者林晓摄"


# ------------------------------------------------------------------ Word


def test_word_photos_fill_their_slides_downscaled_with_caption_credit_and_alt_text(tmp_path):
    source = word_file(tmp_path / "report.docx")
    document = read_document(str(source))
    assert [(i.format, i.width, i.height) for i in document.images] == [
        ("png", 2400, 1600),
        ("jpeg", 1200, 1800),
    ]
    (deck,) = build(tmp_path, source).glob("*.pptx")
    with zipfile.ZipFile(deck) as package:
        media = [n for n in package.namelist() if n.startswith("ppt/media/")]
        sizes = [Image.open(io.BytesIO(package.read(n))).size for n in media]
    assert len(media) == 2
    assert all(max(size) <= LONG_SIDE_MAX for size in sizes), sizes
    slides = photo_slides(deck)
    assert len(slides) == 2
    for slide, (caption, credit) in zip(slides, WORD_PHOTOS):
        pic, blob = placed_picture(slide)
        assert pic.xpath("./p:nvPicPr/p:cNvPr/@descr") == [caption]
        assert Image.open(io.BytesIO(blob)).format == "JPEG"  # the PNG photo written as JPEG
        assert pic.xpath("./p:blipFill/a:srcRect")  # cropped to fill, never stretched
        assert caption in slide_text(slide) and "".join(credit.split()) in slide_text(slide)
    assert schema_errors(deck) == []


def test_a_photo_is_kept_as_its_document_gave_it_when_small_enough():
    data = picture_file(scene(900, 600), "JPEG", quality=80)
    picture = Picture(data, "jpeg", 900, 600, "photo.jpg")
    assert slide_picture(picture, (7.7, 6.3)) == data


def test_a_photo_is_downscaled_to_what_its_box_shows_and_turned_upright():
    assert fitted_size(4000, 3000, (7.7, 6.3)) == (1600, 1200)  # the long side's limit
    assert fitted_size(3000, 3000, (7.7, 6.3)) == (1540, 1540)  # the box's width at 200 dpi
    assert fitted_size(640, 480, (7.7, 6.3)) == (640, 480)  # never enlarged
    exif = Image.Exif()
    exif[0x0112] = 6  # stored lying on its side: shown turned a quarter
    data = picture_file(scene(1800, 1200), "JPEG", exif=exif.tobytes())
    picture = read_document_image(data)
    assert (picture.width, picture.height) == (1200, 1800)
    shown = Image.open(io.BytesIO(slide_picture(picture, (7.7, 6.3))))
    assert shown.size == fitted_size(1200, 1800, (7.7, 6.3)) and shown.format == "JPEG"


def read_document_image(data: bytes) -> Picture:
    from briefdeck.read.images import image_of

    return image_of(data, "photo.jpg")


def test_a_transparent_picture_stays_png():
    clear = Image.new("RGBA", (2000, 1000), (0, 0, 0, 0))
    clear.paste(scene(1000, 1000), (500, 0))
    picture = read_document_image(picture_file(clear, "PNG"))
    shown = Image.open(io.BytesIO(slide_picture(picture, (7.7, 6.3))))
    assert shown.format == "PNG" and shown.mode == "RGBA" and max(shown.size) <= LONG_SIDE_MAX


# ------------------------------------------------------------------ Markdown


def test_a_markdown_picture_beside_the_file_fills_its_photo_slide(tmp_path):
    (deck,) = build(tmp_path, fixture("zh_photos.md")).glob("*.pptx")
    (slide,) = photo_slides(deck)
    pic, blob = placed_picture(slide)
    assert blob == fixture("photos/park.jpg").read_bytes()  # small enough: as it is
    assert pic.xpath("./p:nvPicPr/p:cNvPr/@descr") == ["梓桥科技城一家智能工厂的全景。"]
    assert slide_text(slide) == "梓桥科技城一家智能工厂的全景。梓桥科技城管委会供图"


def test_a_missing_or_outside_markdown_picture_is_a_warning(tmp_path):
    folder = tmp_path / "article"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(picture_file(scene(400, 300), "PNG"))
    (folder / "broken.png").write_bytes(b"\x89PNG not really")
    source = folder / "article.md"
    source.write_text(
        "# 梓桥科技城新增数字化车间\n\n本报记者 周岚\n\n"
        "梓桥科技城今年新增数字化车间23个，企业生产效率平均提高21%。\n\n"
        "![缺失的图片。](nowhere.png)\n\n![园区外的图片。](../outside.png)\n\n"
        "![坏的图片。](broken.png)\n\n![网上的图片。](https://example.com/a.png)\n",
        "utf-8",
    )
    document = read_document(str(source))
    assert document.images == ()
    assert len(document.warnings) == 3
    assert "no such picture" in document.warnings[0]
    assert "outside the folder" in document.warnings[1]
    assert "not a readable picture" in document.warnings[2]
    build(tmp_path, source)  # no crash: the alt texts are read as text


# ------------------------------------------------------------------ outline


def test_the_outline_keeps_a_reference_to_each_picture_and_builds_it_again(tmp_path):
    source = word_file(tmp_path / "report.docx")
    out = tmp_path / "outline"
    result = CliRunner().invoke(main, ["outline", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (yaml_file,) = out.glob("*.yaml")
    text = yaml_file.read_text("utf-8")
    assert f"image: {source}#word/media/image1.png" in text
    (deck,) = build(tmp_path, yaml_file).glob("*.pptx")
    assert [len(placed_picture(s)[1]) > 0 for s in photo_slides(deck)] == [True, True]
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("image1.png", "image9.png"), "utf-8")
    result = CliRunner().invoke(main, ["build", str(broken), "-o", str(tmp_path / "x")])
    assert result.exit_code != 0 and "photos[0].image" in result.output


def test_pillow_is_imported_only_when_a_document_has_pictures():
    code = (
        "import sys; from briefdeck.pipeline import read_articles; "
        "read_articles('tests/fixtures/zh_photo_credits.txt'); print('PIL' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("name", ["zh_photo_credits.txt", "zh_photos.md"])
def test_photo_decks_pass_the_deck_check(tmp_path, name):
    out = build(tmp_path, fixture(name))
    result = CliRunner().invoke(main, ["check", *map(str, out.glob("*.pptx"))])
    assert "picture" not in result.output and "empty placeholder" not in result.output
