"""The written decks: 16:9, titles, notes, placeholders, languages and fonts."""

from __future__ import annotations

import re

from pptx import Presentation

from briefdeck.pipeline import read_articles
from tests.conftest import SEED

SEED_ZONES = ("平顶山高新区", "随州高新区")
CJK = re.compile(r"[\u4e00-\u9fff]")


def slides_of(path):
    return list(Presentation(str(path)).slides)


def test_decks_are_16_9(built_decks):
    for path in built_decks.values():
        prs = Presentation(str(path))
        assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 13.333 x 7.5 in


def test_every_slide_has_a_filled_title_and_notes(built_decks):
    for path in built_decks.values():
        for slide in slides_of(path):
            assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


def test_cover_contents_and_section_titles_follow_headings(built_decks, seed_articles):
    for article in seed_articles:
        slides = slides_of(built_decks[("briefing", article.zone)])
        titles = [s.shapes.title.text_frame.text for s in slides]
        assert titles[0] == article.zone
        assert "目录" in titles
        for section in article.sections:
            if section.heading:
                title_part = section.heading.split(" ")[-1].replace(",", "，")
                assert title_part in titles, title_part


def test_notes_hold_source_sentences(built_decks, seed_articles):
    for article in seed_articles:
        notes = "\n".join(
            s.notes_slide.notes_text_frame.text
            for s in slides_of(built_decks[("briefing", article.zone)])
        )
        for section in article.sections:
            for paragraph in section.paragraphs:
                assert paragraph.text in notes


def test_no_empty_placeholder_but_pictures(built_decks):
    for path in built_decks.values():
        for slide in slides_of(path):
            for ph in slide.placeholders:
                kind = ph.placeholder_format.type
                if "PICTURE" in str(kind):
                    continue
                assert ph.has_text_frame is False or ph.text_frame.text.strip(), (
                    path.name,
                    ph.name,
                )


def test_photo_slides_keep_a_picture_placeholder(built_decks):
    slides = slides_of(built_decks[("briefing", "平顶山高新区")])
    pictures = [
        s
        for s in slides
        if any("PICTURE" in str(p.placeholder_format.type) for p in s.placeholders)
    ]
    assert len(pictures) == 2
    assert pictures[0].shapes.title.text_frame.text.endswith("工作人员走访企业。")


def test_chinese_runs_carry_lang_and_theme_has_east_asian_font(built_decks):
    path = built_decks[("briefing", "随州高新区")]
    prs = Presentation(str(path))
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    lang = run._r.rPr.get("lang") if run._r.rPr is not None else None
                    if CJK.search(run.text):
                        assert lang == "zh-CN", run.text
                    else:
                        assert lang != "zh-CN", run.text
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = prs.slide_master.part.part_related_by(RT.THEME).blob.decode("utf-8")
    assert '<a:ea typeface="Microsoft YaHei"/>' in theme


def test_charts_are_native_with_alt_text(built_decks):
    slides = slides_of(built_decks[("briefing", "随州高新区")])
    charts = [sh for s in slides for sh in s.shapes if sh.has_chart]
    assert charts, "the award counts make a chart"
    awards = [c for c in charts if "43" in c._element.nvGraphicFramePr.cNvPr.get("descr", "")]
    assert awards
    chart = awards[0].chart
    assert list(chart.plots[0].categories) == ["国家级奖项", "湖北省级奖项", "随州市级奖项"]
    assert list(chart.series[0].values) == [1.0, 11.0, 43.0]


def test_every_seed_figure_reaches_a_slide(built_decks):
    for article in read_articles(str(SEED))[0]:
        slides = slides_of(built_decks[("briefing", article.zone)])
        text = " ".join(
            shape.text_frame.text.replace("\n", "")
            for slide in slides
            for shape in slide.shapes
            if shape.has_text_frame
        )
        for metric in article.metrics:
            assert metric.text in text, metric.text
