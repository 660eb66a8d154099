"""The deck tells the story: summary first, quotes and photos in place, one contents slide,
even continuation slides, an ending."""

from __future__ import annotations

import dataclasses

import pytest

from briefdeck.language import Language
from briefdeck.layouts import load_layout_set
from briefdeck.lint import Defect, lint_deck
from briefdeck.model import Bullet, Deck, SectionOutline, SlideSpec, ZoneOutline
from briefdeck.pipeline import outlines, read_articles
from briefdeck.plan import plan_deck
from tests.conftest import fixture, outline_of_text

LAYOUTS = load_layout_set("briefing")


def deck_of(name: str):
    articles, _ = read_articles(str(fixture(name)))
    (outline,) = outlines(articles)
    return outline, plan_deck(outline, LAYOUTS)


def test_summary_opens_with_the_main_news_and_the_key_figures():
    outline, deck = deck_of("zh_quotes_sections.txt")
    summary = deck.slides[1]
    assert summary.title == "概述" and summary.cards
    assert summary.body.paragraphs[0].text.startswith("金湖经开区新开工亿元以上项目42个")
    assert all(card in outline.key_figures for card in summary.cards)


def test_quotes_of_thin_sections_are_pull_quotes_in_them():
    _, deck = deck_of("zh_quotes_sections.txt")
    by_title = {s.title: s for s in deck.slides}
    pulls = {
        title: [(p.head, p.text) for p in by_title[title].body.paragraphs if p.head]
        for title in ("审批提速", "服务升级")
    }
    assert pulls["审批提速"] == [
        ("金湖经开区一家装备企业负责人陈立", "“以前办齐手续要跑好几个部门，现在一个窗口就能办完。”")
    ]
    assert pulls["服务升级"][0][0] == "一家电子企业总经理赵敏"
    assert [s.kind for s in deck.slides].count("quote") == 0
    assert deck.slides[-1].title == "展望"  # a closing slide, or beside the key figures


def test_a_quote_after_an_ending_set_beside_the_key_figures_is_found():
    def slide(kind, title):
        return SlideSpec(kind=kind, layout=kind, title=title, title_size=36.0, notes="")

    ending = slide("section_cards", "展望")
    quote = slide("quote", "青川县县长王明")
    deck = Deck("青川县", "zh", (slide("cover", "青川县"), ending, quote))
    assert Defect.QUOTE_AFTER_END in [f.defect for f in lint_deck(deck)]


def test_quote_slides_follow_their_sections_never_the_ending(seed_articles):
    deck = plan_deck(outlines(seed_articles)[0], LAYOUTS)
    kinds = [s.kind for s in deck.slides]
    quotes = [n for n, kind in enumerate(kinds) if kind == "quote"]
    assert quotes and deck.slides[-1].title == "展望"  # the ending, beside the key figures or not
    # the first quote was said in the lead: it follows the opening (summary, then contents)
    assert kinds[quotes[0] - 2 : quotes[0]] == ["section_cards", "contents"]
    assert deck.slides[quotes[0] - 2].title == "概述"
    # the second closes the section it was said in
    assert deck.slides[quotes[1] - 1].title.startswith("为生产线建")
    assert not [f for f in lint_deck(deck) if f.defect is Defect.QUOTE_AFTER_END]


def test_a_caption_is_a_photo_never_a_title_entry_or_bullet():
    _, deck = deck_of("zh_quotes_sections.txt")
    caption = "金湖经开区的一家新材料企业生产车间内，工人正在调试设备。"
    (photo,) = [s for s in deck.slides if s.kind == "photo"]
    assert photo.title == caption and photo.body.paragraphs[0].text == "刘洋摄"
    others = [s for s in deck.slides if s.kind != "photo"]
    texts = [s.title for s in others] + [
        p.text for s in others if s.body for p in s.body.paragraphs
    ]
    assert not any("调试设备" in t for t in texts)
    assert deck.slides.index(photo) == 1 + next(
        n for n, s in enumerate(deck.slides) if s.title == "审批提速"
    )


def test_twelve_sections_make_one_contents_slide_in_two_columns():
    _, deck = deck_of("zh_twelve_sections.txt")
    (contents,) = [s for s in deck.slides if s.kind == "contents"]
    entries = [p.text for p in contents.body.paragraphs]
    assert len(entries) == 12 == len(set(entries)) and contents.body.numbered
    assert contents.body.columns == 2
    assert "概述" not in entries


def test_a_section_one_bullet_too_long_splits_evenly():
    bullets = tuple(Bullet(f"第{n}项工作按计划推进并取得阶段性成效") for n in range(1, 8))
    section = SectionOutline("重点工作", bullets=bullets, notes="…")
    outline = ZoneOutline("某某高新区", "zh", "某某高新区推进重点工作", sections=(section,))
    deck = plan_deck(outline, LAYOUTS)
    sizes = [len(s.body.paragraphs) for s in deck.slides if s.kind == "section"]
    assert sizes == [4, 3]
    assert [s.title for s in deck.slides if s.kind == "section"] == ["重点工作", "重点工作（续）"]


def test_no_slide_holds_a_single_bullet_and_nothing_else_on_the_fixtures():
    for name in ("zh_quotes_sections.txt", "zh_two_line_headings.txt", "zh_page.txt"):
        articles, _ = read_articles(str(fixture(name)))
        for outline in outlines(articles):
            findings = lint_deck(plan_deck(outline, LAYOUTS))
            assert not [f for f in findings if f.defect is Defect.SINGLE_BULLET], name


def test_contents_lists_each_section_once_not_its_topics():
    _, deck = deck_of("zh_long_section.txt")
    (contents,) = [s for s in deck.slides if s.kind == "contents"]
    entries = [p.text for p in contents.body.paragraphs]
    assert entries == ["一次攻关，见证配方从无到有", "一条产业链，看成效如何延伸"]


def test_a_card_shown_once_is_not_repeated_before_the_recap():
    for name in ("zh_figure_choice.txt", "zh_coda.txt", "zh_long_section.txt"):
        articles, _ = read_articles(str(fixture(name)))
        for outline in outlines(articles):
            seen: set[tuple[str, str, str]] = set()
            for slide in plan_deck(outline, LAYOUTS).slides[:-1]:  # the recap repeats
                facts = {(c.value, c.unit, c.label) for c in slide.cards}
                if slide.body is not None and len(slide.body.paragraphs) >= 2:
                    assert not facts & seen, (name, slide.title)
                seen |= facts


def test_a_short_article_ends_with_a_recap_of_its_key_figures(tmp_path):
    outline = outline_of_text(
        tmp_path,
        "青川高新区组建创新联合体",
        "青川高新区今年新组建创新联合体12家，带动企业研发投入3.2亿元。",
        "青川高新区制定扶持办法，今年安排专项资金1.5亿元，鼓励龙头企业带头搭建联合体。",
    )
    slides = plan_deck(outline, LAYOUTS).slides
    assert len(outline.key_figures) >= 2
    assert slides[-1].kind == "key_figures" and slides[-1].title == "回顾"  # a deck ends


def test_the_cover_shows_the_title_and_its_strap_line():
    articles, _ = read_articles(str(fixture("zh_leads_quotes.txt")))
    (outline,) = outlines(articles)
    cover = plan_deck(outline, LAYOUTS).slides[0]
    lines = [p.text for p in cover.subtitle.paragraphs]
    assert lines == ["石门科技园二季度经济运行稳中有进", "营收、投资、用工三项指标同步回升"]


def test_one_card_saying_a_bullet_again_gives_the_bullets_the_width():
    from briefdeck.model import Figure

    bullets = (
        Bullet("园区新建标准厂房12万平方米"),
        Bullet("引进先进制造项目18个"),
        Bullet("建成公共服务平台一批"),
    )
    card = Figure("12", "标准厂房", "万平方米")
    section = SectionOutline("载体建设", bullets=bullets, figures=(card,), notes="…")
    outline = ZoneOutline("某某高新区", "zh", "某某高新区推进重点工作", sections=(section,))
    (slide,) = [s for s in plan_deck(outline, LAYOUTS).slides if s.title == "载体建设"]
    assert slide.kind == "section" and not slide.cards


def test_contents_list_a_section_once_when_its_own_points_lead_its_first_topic():
    topics = [
        SectionOutline(t, kicker="一条产业链", bullets=(Bullet("甲乙丙丁戊"), Bullet("己庚辛壬癸")))
        for t in ("龙头企业带动", "配套企业集聚", "链上创新")
    ]
    other = SectionOutline("一艘货轮", bullets=(Bullet("甲乙丙丁戊"), Bullet("己庚辛壬癸")))
    outline = ZoneOutline("某某高新区", "zh", "某某", sections=(other, *topics))
    (contents,) = [s for s in plan_deck(outline, LAYOUTS).slides if s.kind == "contents"]
    assert [p.text for p in contents.body.paragraphs] == ["一艘货轮", "一条产业链"]


def test_a_few_bullets_are_spread_down_their_box_within_the_sets_range():
    from briefdeck.textfit import paragraph_gap, text_height

    outline = ZoneOutline(
        "青川高新区",
        "zh",
        "青川高新区的一年",
        sections=(
            SectionOutline("招商引资", bullets=(Bullet("新签约项目28个"), Bullet("总投资46亿元"))),
            SectionOutline(
                "营商环境",
                bullets=tuple(Bullet(f"第{n}项改革措施落地见效，企业办事更便利") for n in range(6)),
            ),
        ),
    )
    deck = plan_deck(outline, LAYOUTS)
    sparse = next(s for s in deck.slides if s.title == "招商引资").body
    full = next(s for s in deck.slides if s.title == "营商环境").body
    m = _metrics()
    most = LAYOUTS.paragraph_space_max * sparse.size * m.line_height * m.line_spacing
    assert paragraph_gap(sparse.size, m) * 72 < sparse.space_before <= most + 0.1
    box = LAYOUTS.for_kind("section").placeholders["body"]
    lines = [b.text for b in sparse.paragraphs]
    used = text_height(lines, sparse.size, box.w - 0.3, m) + sparse.space_before / 72
    assert used <= box.h  # spread, never past the box
    assert full.space_before is None or full.space_before < sparse.space_before


def _metrics():
    from briefdeck.textfit import Metrics

    return Metrics(LAYOUTS.line_height, LAYOUTS.line_spacing, LAYOUTS.paragraph_space)


def test_a_last_slide_of_one_bullet_takes_one_from_the_slide_before():
    from briefdeck.planning.fitting import Measure, no_lone_tail

    measure = Measure.of(LAYOUTS, Language.ZH)
    b = [Bullet(f"第{n}项措施落地见效") for n in range(8)]
    chunks = no_lone_tail(measure, "section", [b[:4], b[4:7], b[7:]], ())
    assert [len(c) for c in chunks] == [4, 2, 2]
    assert [x for c in chunks for x in c] == b  # order kept
    even = [b[:4], b[4:]]
    assert no_lone_tail(measure, "section", even, ()) == even


def test_one_outlook_line_ends_the_deck_beside_the_key_figures():
    from briefdeck.model import Figure

    figures = (Figure("28", "新签约项目", "个"), Figure("46", "总投资", "亿元"))
    outline = ZoneOutline(
        "青川高新区",
        "zh",
        "青川高新区的一年",
        key_figures=figures,
        sections=(
            SectionOutline("招商引资", bullets=(Bullet("新签约项目28个"), Bullet("总投资46亿元"))),
            SectionOutline("营商环境", bullets=(Bullet("审批时限压缩一半"), Bullet("办事更便利"))),
        ),
        closing=(Bullet("力争三年内建成全省一流的创新园区"),),
    )
    last = plan_deck(outline, LAYOUTS).slides[-1]
    assert last.title == "展望" and last.body.paragraphs[0].text.startswith("力争三年内")
    assert [c.value for c in last.cards] == ["28", "46"]  # no slide of one bullet alone
    three = (*outline.closing, Bullet("打造青年友好之城"), Bullet("书写高质量发展新篇章"))
    last = plan_deck(dataclasses.replace(outline, closing=three), LAYOUTS).slides[-1]
    assert len(last.body.paragraphs) == 3 and last.cards  # nor of three short lines


def test_the_summary_is_one_slide_the_rest_of_the_lead_in_its_notes():
    from briefdeck.model import Figure

    lead = tuple(
        Bullet(f"青川高新区第{n}项工作取得新进展，带动企业发展，惠及园区群众") for n in range(10)
    )
    outline = ZoneOutline(
        "青川高新区",
        "zh",
        "青川高新区的一年",
        key_figures=(Figure("28", "新签约项目", "个"), Figure("46", "总投资", "亿元")),
        sections=(
            SectionOutline("概述", bullets=lead, summary=True),
            SectionOutline("招商引资", bullets=(Bullet("新签约项目28个"), Bullet("总投资46亿元"))),
        ),
    )
    slides = plan_deck(outline, LAYOUTS).slides
    summaries = [s for s in slides if s.title.startswith("概述")]
    assert len(summaries) == 1
    shown = len(summaries[0].body.paragraphs)
    assert 1 < shown < 10 and "第9项工作" in summaries[0].notes  # the rest is in the notes


def test_a_card_no_bullet_states_goes_to_the_slide_of_its_neighbours():
    from briefdeck.model import Figure

    texts = [
        f"园区第{n}项举措推动企业在研发、生产、销售各环节降本增效取得进展"
        for n in "一二三四五六七八"
    ]
    source = "。".join([*texts[:6], "园区省级研发中心达到31家", *texts[6:]]) + "。"
    cards = (Figure("31", "省级研发中心", "家"), Figure("9", "中试平台", "个"))
    bullets = tuple(Bullet(t) for t in texts)
    section = SectionOutline("创新平台", bullets=bullets, figures=cards, notes=source)
    outline = ZoneOutline("某某高新区", "zh", "某某高新区推进重点工作", sections=(section,))
    slides = [s for s in plan_deck(outline, LAYOUTS).slides if s.title.startswith("创新平台")]
    assert len(slides) == 2
    (home,) = [s for s in slides if any(c.value == "31" for c in s.cards)]
    assert texts[6] in [p.text for p in home.body.paragraphs]  # beside the bullets it stood by


def test_a_recap_after_a_summary_showing_every_key_figure_leads_with_other_figures():
    from briefdeck.model import Figure

    key = (Figure("120", "新增企业", "家"), Figure("35", "营业收入", "亿元"))
    more = (Figure("18", "研发平台", "个"), Figure("6", "孵化器", "家"))
    slides, recap = _recap(key, more)
    assert {c.value for c in slides[1].cards} == {"120", "35"}
    assert [c.value for c in recap.cards][:2] == ["18", "6"]


def test_a_recap_with_enough_figures_the_summary_did_not_show_repeats_none_of_its_cards():
    from briefdeck.model import Figure

    key = (Figure("120", "新增企业", "家"), Figure("35", "规上企业", "家"))
    more = (
        Figure("18", "研发平台", "个"),
        Figure("6", "孵化器", "家"),
        Figure("9", "中试基地", "个"),
    )
    slides, recap = _recap(key, more)
    assert {c.value for c in slides[1].cards} == {"120", "35"}
    assert [c.value for c in recap.cards] == ["18", "6", "9"]


def test_a_bullet_that_points_back_stays_on_the_slide_of_the_one_before():
    from briefdeck.planning.fitting import Measure, kept_together

    first = [Bullet("园区建成数字化管理平台"), Bullet("园区引进企业12家")]
    second = [
        Bullet("该平台已服务企业300家"),
        Bullet("园区新建厂房5万平方米"),
        Bullet("园区新增就业800人"),
    ]
    chunks = kept_together(Measure.of(LAYOUTS, Language.ZH), "section", [first, second], ())
    assert chunks[0][-1].text == "该平台已服务企业300家"  # with what it points at
    assert [b.text for chunk in chunks for b in chunk] == [b.text for b in (*first, *second)]


def test_contents_show_a_two_part_heading_as_its_kicker_and_title():
    sections = tuple(
        SectionOutline(title, kicker=kicker, bullets=(Bullet("甲乙丙丁戊"), Bullet("己庚辛壬癸")))
        for kicker, title in (
            ("产业集聚", "构建发展新格局"),
            ("创新驱动", "科技成果转化提速"),
            ("开放合作", "外贸进出口增长"),
        )
    )
    outline = ZoneOutline("某某高新区", "zh", "某某", sections=sections)
    (contents,) = [s for s in plan_deck(outline, LAYOUTS).slides if s.kind == "contents"]
    assert [(p.head, p.text) for p in contents.body.paragraphs] == [
        ("产业集聚", "构建发展新格局"),
        ("创新驱动", "科技成果转化提速"),
        ("开放合作", "外贸进出口增长"),
    ]


def test_two_sections_need_no_contents_slide():
    sections = tuple(
        SectionOutline(title, bullets=(Bullet("甲乙丙丁戊"), Bullet("己庚辛壬癸")))
        for title in ("构建发展新格局", "科技成果转化提速")
    )
    outline = ZoneOutline("某某高新区", "zh", "某某", sections=sections)
    assert "contents" not in [s.kind for s in plan_deck(outline, LAYOUTS).slides]


def test_every_step_of_a_deck_has_its_builder():
    from briefdeck.plan import BUILDERS, steps

    lead = SectionOutline("概述", bullets=(Bullet("某某高新区新增企业120家"),), summary=True)
    body = SectionOutline("产业升级", bullets=(Bullet("产业升级取得新进展"),))
    with_summary = ZoneOutline("某某高新区", "zh", "某某", sections=(lead, body))
    plain = ZoneOutline("某某高新区", "zh", "某某", sections=(body,))
    assert [k for k, _ in steps(with_summary)][:4] == ["cover", "summary", "contents", "tables"]
    assert ("section", 0) not in steps(with_summary) and ("section", 1) in steps(with_summary)
    assert [k for k, _ in steps(plain)][:4] == ["cover", "key_figures", "contents", "section"]
    assert {k for k, _ in (*steps(with_summary), *steps(plain))} <= set(BUILDERS)
    assert steps(plain)[-1] == ("ending", 0)


def test_a_deck_whose_only_part_is_the_summary_goes_on_rather_than_drop_its_points():
    from briefdeck.model import Figure

    points = tuple(
        Bullet(f"青川高新区第{n}项重点工作取得积极进展，相关企业和群众普遍受益")
        for n in "一二三四五六七八"
    )
    summary = SectionOutline("概述", bullets=points, notes="…", summary=True)
    key = (Figure("120", "新增企业", "家"), Figure("35", "营业收入", "亿元"))
    outline = ZoneOutline("某某高新区", "zh", "某某", key_figures=key, sections=(summary,))
    slides = plan_deck(outline, LAYOUTS).slides
    shown = [p.text for s in slides if s.title.startswith("概述") for p in s.body.paragraphs]
    assert shown == [b.text for b in points]  # every point on a slide, in order
    assert [s.title for s in slides][1:3] == ["概述", "概述（续）"] and slides[1].cards


def test_the_summary_keeps_its_one_headline_card_though_a_bullet_states_it():
    from briefdeck.model import Figure

    points = (
        Bullet("青川高新区又一个创新联合体近日成立，牵头的是1家骨干企业"),
        Bullet("青川高新区目前已组建创新联合体35家"),
        Bullet("青川高新区制定扶持办法，为牵头企业提供资金和场地保障"),
    )
    summary = SectionOutline("概述", bullets=points, notes="…", summary=True)
    key = (Figure("35", "创新联合体", "家"),)
    outline = ZoneOutline("某某高新区", "zh", "某某", key_figures=key, sections=(summary,))
    first = plan_deck(outline, LAYOUTS).slides[1]
    assert [c.value for c in first.cards] == ["35"]


def _recap(key, more):
    """Return the slides of a deck of four sections after a summary, and its recap slide."""
    summary = SectionOutline("概述", bullets=(Bullet("某某高新区新增企业120家"),), summary=True)
    sections = tuple(
        SectionOutline(t, bullets=(Bullet(f"{t}取得新进展"), Bullet(f"{t}形成新机制")))
        for t in ("产业升级", "科技创新", "营商环境", "人才引育")
    )
    outline = ZoneOutline(
        "某某高新区",
        "zh",
        "某某",
        key_figures=key,
        more_figures=more,
        sections=(summary, *sections),
    )
    slides = plan_deck(outline, LAYOUTS).slides
    (recap,) = [s for s in slides[2:] if s.kind == "key_figures"]
    return slides, recap


def test_words_said_early_in_a_long_section_follow_the_slide_they_were_said_on():
    from briefdeck.model import QuoteItem

    texts = [f"园区第{n}项举措推动企业降本增效取得新进展并形成机制" for n in "一二三四五六七八九"]
    said = "服务专员上门以后我们少跑了很多路"
    source = "。".join([*texts[:2], f"“{said}。”企业负责人说", *texts[2:]]) + "。"
    section = SectionOutline("服务企业", bullets=tuple(Bullet(t) for t in texts), notes=source)
    lead = SectionOutline("概述", bullets=(Bullet("某某高新区服务企业"),), summary=True)
    quote = QuoteItem(said, "企业负责人", after=1)
    outline = ZoneOutline("某某高新区", "zh", "某某", sections=(lead, section), quotes=(quote,))
    titles = [s.title for s in plan_deck(outline, LAYOUTS).slides]
    first = titles.index("服务企业")
    assert titles[first + 1] == "企业负责人"  # before the section's continuation
    assert titles[first + 2].startswith("服务企业（")


def test_a_hope_said_before_a_closing_scene_and_a_credit_line_ends_the_deck(tmp_path):
    outline = outline_of_text(
        tmp_path,
        "果园里的好日子",
        "在青川县国家现代农业产业园，果农王伯今年的苹果亩产达到5000斤，比五年前多了一成。",
        "产业园引进冷链物流企业12家，果品商品化处理率达到85%，带动全县果农增收。",
        "王伯把老屋翻修一新，还给孙子买了电脑。",
        "说起明年，王伯心里有了新盼头：“咱的苹果好吃，可知道的人还少。希望能打出牌子，卖到大城市去。”",
        "周末，合作社要组织果农去外县学习，王伯早早报了名，“想去取取经。回来把果树种得更好。”",
        "本期统筹：孙丽",
    )
    hope, visit = outline.closing  # the words said whole, a pull quote under their lead-in
    assert hope.head == "说起明年，王伯心里有了新盼头"
    assert hope.text == "“咱的苹果好吃，可知道的人还少。希望能打出牌子，卖到大城市去。”"
    assert visit.text.startswith("周末，合作社要组织果农")  # the closing words after it
    assert not any("外县学习" in b.text for s in outline.sections for b in s.bullets)  # once
    deck = plan_deck(outline, LAYOUTS)
    assert deck.slides[-1].title == "展望"
    assert not any("孙丽" in p.text for s in deck.slides if s.body for p in s.body.paragraphs)


TEXTILES = (
    "青川经开区今年新签约纺织项目28个，总投资46亿元。",
    "园区规上纺织企业达到120家，去年产值突破300亿元。",
    "经开区建成公共实训基地3个，培训产业工人1.2万人次。",
)


@pytest.mark.parametrize(
    "lines",
    [
        # one sentence too long for a title
        ["从老街到新城，从小作坊到大工厂，青川人用一双双勤劳的手，正把日子织得越来越红火"],
        # one long closing sentence
        [
            "从一间小作坊到一条完整的纺织产业链，从几台旧织机到一座座智能工厂，"
            "青川人用勤劳的双手和不懈的探索，织出了一幅县域产业转型升级的新画卷"
        ],
        # two sentences: a line each
        [
            "建设开放新高地是一项长期工程，必须久久为功",
            "从一间小作坊起步，到一条完整的产业链，青川的故事还在继续",
        ],
    ],
)
def test_closing_words_that_fit_no_title_are_the_recaps_lines_beside_its_figures(tmp_path, lines):
    words = "".join(f"{line}。" for line in lines)
    outline = outline_of_text(tmp_path, "青川经开区织出新天地", *TEXTILES, words)
    assert outline.coda == words.rstrip("。") and not outline.closing
    deck = plan_deck(outline, LAYOUTS)
    last = deck.slides[-1]
    assert last.title == "回顾" and last.cards  # the key figures again: it is a recap
    assert [p.text for p in last.body.paragraphs] == lines
    shown = [p.text for s in deck.slides[:-1] if s.body for p in s.body.paragraphs]
    assert not any(line in t for line in lines for t in shown)  # the closing words end the deck


def test_a_count_written_as_a_word_under_ten_is_not_set_bold():
    from briefdeck.planning.sections import emphasis
    from briefdeck.planning.state import Context

    outline = ZoneOutline(
        "青川高新区",
        "zh",
        "青川高新区的一年",
        sections=(
            SectionOutline("政策", bullets=(Bullet("园区推出两大举措，新建厂房12万平方米"),)),
        ),
    )
    bold = emphasis(Context.of(outline, LAYOUTS), outline.sections[0])
    assert "12万平方米" in bold and not any("两" in t for t in bold)
