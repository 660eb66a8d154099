"""Shared fixtures: paths to the seed and fixture articles, and decks built once per session."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from briefdeck.layouts import load_layout_set
from briefdeck.pipeline import build_deck, deck_paths, outlines, read_articles

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_5ad35ad114782d3f.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> Path:
    """Return the path of a fixture article."""
    return FIXTURES / name


def outline_of_text(folder: Path, title: str, *paragraphs: str):
    """Return the one outline of an article written for a test: a title, a byline and
    `paragraphs`, saved under `folder`."""
    source = folder / "article.txt"
    source.write_text("\n".join([title, "本报记者 王小明", *paragraphs]) + "\n", "utf-8")
    (outline,) = outlines(read_articles(str(source))[0])
    return outline


def failing_build(zone: str, fail=None):
    """Return `batch.build_deck` failing for `zone`: a StopIteration (as a template problem
    raised once), after calling `fail`. Patched in, forked workers inherit it (a test hook)."""
    from briefdeck import batch

    real = batch.build_deck

    def build_deck(outline, *args, **kwargs):
        if outline.zone == zone:
            if fail:
                fail()
            raise StopIteration
        return real(outline, *args, **kwargs)

    return build_deck


def zip_bomb(path: Path, package: bytes, mb: int = 200) -> Path:
    """Write `package` to `path` with an XML part added that packs some 200 times, so that it
    unpacks to `mb` MB (the part is written in 1 MB chunks, quickly); return the path."""
    chunk = b"<a/>" * (256 * 1024)
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(path, "w") as target:
        left = mb * len(chunk)
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
            left -= item.file_size
        target.compression, target.compresslevel = zipfile.ZIP_DEFLATED, 1
        with target.open("customXml/bomb.xml", "w", force_zip64=True) as part:
            while left > 0:
                part.write(chunk[:left])
                left -= len(chunk)
    return path


@pytest.fixture(scope="session")
def seed_articles():
    articles, _ = read_articles(str(SEED))
    return articles


CHINESE_NAMES = {
    "Title Slide": "标题幻灯片", "Title and Content": "标题和内容", "Section Header": "节标题",
    "Two Content": "两栏内容", "Comparison": "比较", "Title Only": "仅标题", "Blank": "空白",
    "Content with Caption": "内容与标题", "Picture with Caption": "图片与标题",
    "Title and Vertical Text": "标题和竖排文字", "Vertical Title and Text": "竖排标题与文本",
}  # fmt: skip


def _set_theme_fonts(prs, latin: str, east_asian: str) -> None:
    """Name the theme's heading and body fonts, as an office template does."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for font in root.findall(".//a:majorFont", ns) + root.findall(".//a:minorFont", ns):
        font.find("a:latin", ns).set("typeface", latin)
        font.find("a:ea", ns).set("typeface", east_asian)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@pytest.fixture(scope="session")
def chinese_template(tmp_path_factory):
    """A 16:9 template of our own: python-pptx's masters, every layout renamed in Chinese."""
    from pptx import Presentation

    prs = Presentation()
    for layout in prs.slide_layouts:
        layout.name = CHINESE_NAMES[layout.name]
    prs.slide_width, prs.slide_height = 12192000, 6858000
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "模板自带的示例页"
    _set_theme_fonts(prs, latin="Arial", east_asian="微软雅黑")
    path = tmp_path_factory.mktemp("template") / "机关模板.pptx"
    prs.save(str(path))
    return path


@pytest.fixture(scope="session")
def built_decks(tmp_path_factory, chinese_template):
    """Build seed and fixture decks in both layout sets, and the seed and the table fixture
    (zh_table.md, the last zone) on the template, once.

    Returns {(set name, zone): deck path}; the template decks are under the set name "template".
    """
    from briefdeck.render.template import template_layout_set

    out = tmp_path_factory.mktemp("decks")
    sources = [SEED, fixture("zh_bylines.txt"), fixture("en_zone.txt"), fixture("zh_seams.txt"),
               fixture("en_two_articles.txt"), fixture("zh_table.md")]  # fmt: skip
    articles = [a for s in sources for a in read_articles(str(s))[0]]
    zones = outlines(articles)
    on_template, _ = template_layout_set(str(chinese_template), load_layout_set("briefing"))
    sets = {"briefing": load_layout_set("briefing"), "party-red": load_layout_set("party-red"),
            "template": on_template}  # fmt: skip
    decks = {}
    for name, layout_set in sets.items():
        chosen = zones if name != "template" else [*zones[:2], zones[-1]]  # seed and table
        for outline, path in zip(chosen, deck_paths([z.zone for z in chosen], out / name)):
            build_deck(outline, layout_set, path)
            decks[(name, outline.zone)] = path
    return decks


HEADER = ["指标", "数值（亿元）", "同比增长（%）"]
"""The header row of the fixture table (tests/fixtures/zh_table.md)."""
ROWS = [
    ["地区生产总值", "860", "7.2"],
    ["规上工业总产值", "1,234.5", "9.8"],
    ["固定资产投资", "312.4", "12.5"],
    ["社会消费品零售总额", "98.6", "-3.1"],
]
"""The body rows of the fixture table."""
