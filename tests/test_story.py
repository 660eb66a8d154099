"""The story of an article: topic titles in the source's words, never a fragment."""

from __future__ import annotations

import pytest

from briefdeck.model import Paragraph
from briefdeck.story import _topic_title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("园区出台绿色工厂评价办法。已有9家企业通过评定。", "园区出台绿色工厂评价办法"),
        ("就在隔壁，孵化楼已交付使用。", ""),  # an adverb opens it: no title
        ("如今，在园区的支持下，企业建成智能产线。", ""),  # a time word
        ("说起明年，李大姐有个新打算：把果园搬上直播间。", ""),  # no clause that titles
        # the first item of a list, cut inside its name, titles nothing
        ("青川海洋装备创新中心、禾丰检测、云岭种业等企业已入驻孵化楼。", ""),
    ],
)
def test_topic_titles_are_whole_phrases(text, title):
    assert _topic_title(Paragraph(text)) == title


def test_the_zones_own_name_titles_no_topic():
    text = "青川科创城着眼长远系统谋划全区研发平台布局，把平台集中在孵化楼。"
    assert _topic_title(Paragraph(text), ("青川科创城",)) == ""


def test_a_long_story_without_headings_has_few_full_topics():
    from briefdeck.pipeline import read_articles
    from briefdeck.story import TOPIC_MAX, parts_of
    from tests.conftest import fixture

    (article,) = read_articles(str(fixture("zh_feature_story.txt")))[0]
    assert [s.heading for s in article.sections] == [None]  # 终于，…！ is no heading
    leads = [p.lead for p in article.sections[0].paragraphs]
    assert "如此" not in leads  # 如此，…: the story goes on, no run-in topic
    parts = parts_of(article, 3)
    assert 2 <= len(parts) <= TOPIC_MAX + 1
    assert all(not p.title.startswith(("如此", "终于", "接下来")) for p in parts)


def test_the_news_is_the_event_not_the_background_told_after_it():
    from briefdeck.pipeline import read_articles
    from briefdeck.story import main_news, parts_of
    from tests.conftest import fixture

    (article,) = read_articles(str(fixture("zh_news_first.txt")))[0]
    lead = parts_of(article, 3)[0]
    news = main_news(article, lead)
    assert news is not None and "正式成立" in news[2]


def test_a_noun_phrase_cut_from_a_long_sentence_titles_no_topic():
    # the subject alone (青川算力研究中心) names no point: no title, the topic goes on
    text = (
        "青川算力研究中心由县里与本地两所大学共同出资合办，已孵化企业20余家，覆盖芯片、算法等方向。"
    )
    assert _topic_title(Paragraph(text)) == ""


def test_the_news_is_no_supposition_and_its_figures_no_headline(tmp_path):
    from briefdeck.pipeline import outlines, read_articles
    from briefdeck.story import main_news, parts_of

    source = tmp_path / "a.txt"
    source.write_text(
        "从一张报关单看青川综合保税区\n本报记者 王小明\n"
        "在青川综合保税区，如果进口的原料被加工成成品，以80万元的价格销往区外，可以免除近6万元的关税。"
        "青川综合保税区加工增值免关税政策实施以来，已有86家企业试点，累计免征关税3.2亿元。\n",
        "utf-8",
    )
    (article,), _ = read_articles(str(source))
    news = main_news(article, parts_of(article, 3)[0])
    assert news is not None and "如果" not in news[2]
    (outline,) = outlines([article])
    assert "80" not in [f.value for f in outline.key_figures]


def test_the_news_holds_the_headlines_figure(tmp_path):

    news = _news_of(
        tmp_path,
        "从一张报关单看青川综合保税区（经济观察）\n一项政策试点3年，86家企业受益\n本报记者 王小明\n"
        "一批价值约20万元的进口木材，按8%的税率需缴纳1.6万元关税。\n"
        "青川木业公司负责人所举的这个例子，说明了青川企业对加工增值政策的期待。"
        "政策试行3年来，适用行业不断拓展。截至今年9月，获批试点企业共86家，累计免征关税约2.4亿元。\n"
        "青川综合保税区还在完善配套措施。\n",
    )
    assert news is not None and "86家" in news[2]


def test_a_batch_of_goods_gives_an_example_not_a_headline(tmp_path):
    from briefdeck.pipeline import read_articles

    def salience(sentence: str) -> float:
        source = tmp_path / "a.txt"
        source.write_text(f"青川综合保税区见闻\n本报记者 王小明\n{sentence}\n", "utf-8")
        (article,), _ = read_articles(str(source))
        return next(m.salience for m in article.metrics if m.text == "约20万元")

    example = salience("一批价值约20万元的进口木材，按8%的税率需缴纳关税。")
    assert example < salience("园区进口木材价值约20万元，按8%的税率需缴纳关税。") - 2


def test_an_ending_that_looks_ahead_is_the_outlook_with_its_motto_inside(tmp_path):
    from briefdeck.pipeline import read_articles
    from briefdeck.story import outlook_sentences

    source = tmp_path / "a.txt"
    source.write_text(
        "青川高新区打造创新高地\n本报记者 王小明\n"
        "青川高新区去年新增高新技术企业60家。\n园区建成孵化载体12个。\n"
        "站在新的起点上，青川高新区秉持“创新无止境，服务无止境”，奋力迈向国家级高新区建设新征程。\n",
        "utf-8",
    )
    (article,), _ = read_articles(str(source))
    ((sentence, plan),) = outlook_sentences(article)
    assert plan == sentence and "新征程" in plan


def test_plans_ending_the_paragraph_before_a_summing_up_and_that_summing_up_end_the_deck(tmp_path):
    from briefdeck.pipeline import outlines, read_articles
    from briefdeck.story import outlook_sentences

    source = tmp_path / "a.txt"
    source.write_text(
        "青川县：让年轻人留下来\n本报记者 王小明\n"
        "青川县今年推出人才新政，发放安家补贴3200万元。\n"
        "县里建成青年驿站8个，为来县求职的毕业生提供免费住宿。\n"
        "县里还为青年创业者提供贴息贷款。通过一系列举措，青川县将打造青年友好之城。"
        "力争在3年内，全县青年人口突破20万。\n"
        "“青年友好之城”，未来可期。从安家补贴到青年驿站，青川县用真心留人，让青年与县城一同成长。\n",
        "utf-8",
    )
    articles, _ = read_articles(str(source))
    plans = [plan for _, plan in outlook_sentences(articles[0])]
    assert plans[0].startswith("通过一系列举措") and "力争在3年内" in plans[1]
    assert not any("贴息贷款" in p for p in plans)  # not a plan: the run of plans stops there
    (outline,) = outlines(articles)
    shown = [b.text for s in outline.sections for b in s.bullets]
    assert not any("力争在3年内" in b for b in shown)  # on the closing slide, not a section's
    assert plans[-1].startswith("从安家补贴到青年驿站")  # the closing words after the outlook
    assert not any("从安家补贴" in b for b in shown)


def test_the_news_is_the_strap_lines_quoted_term_not_the_scene_before_it(tmp_path):

    news = _news_of(
        tmp_path,
        "小铜片撑起百亿元产业（产业观察）\n青川县试水“揭榜挂帅”\n本报记者 王小明\n"
        "在“铜材之乡”青川县，上千家铜材企业订单饱满，全县铜材年产值超百亿元。\n"
        "青川精工公司车间里，轧机正把铜带压成厚度仅8微米的铜箔。\n"
        "这是青川县首个“揭榜挂帅”项目的成果：一种用于高端电池的超薄铜箔，已经批量生产。\n"
        "回到三年前。国内储能产业发展迅速，超薄铜箔却依赖进口。\n",
    )
    assert news is not None and "揭榜挂帅" in news[2]


def _outline_of(folder, text: str):
    """Return the one outline of the article `text`, saved under `folder`."""
    from briefdeck.pipeline import outlines, read_articles

    source = folder / "a.txt"
    source.write_text(text, "utf-8")
    (outline,) = outlines(read_articles(str(source))[0])
    return outline


def _news_of(folder, text: str):
    """Return the main news of the article `text`, saved under `folder`."""
    from briefdeck.pipeline import read_articles
    from briefdeck.story import main_news, parts_of

    source = folder / "a.txt"
    source.write_text(text, "utf-8")
    (article,), _ = read_articles(str(source))
    return main_news(article, parts_of(article, 3)[0])


def test_news_that_points_back_comes_after_what_it_points_at(tmp_path):
    outline = _outline_of(
        tmp_path,
        "小铜片撑起百亿元产业（产业观察）\n青川县试水“揭榜挂帅”\n本报记者 王小明\n"
        "在“铜材之乡”青川县，上千家铜材企业订单饱满，全县铜材年产值超百亿元。\n"
        "青川精工公司车间里，轧机正把铜带压成厚度仅8微米的铜箔。\n"
        "这是青川县首个“揭榜挂帅”项目的成果：一种用于高端电池的超薄铜箔，已经批量生产。\n"
        "回到三年前。国内储能产业发展迅速，超薄铜箔却依赖进口。\n",
    )
    lines = [b.text for b in outline.sections[0].bullets]
    (news,) = [n for n, line in enumerate(lines) if line.startswith("这是青川县首个")]
    assert news > 0 and lines[news - 1].startswith("青川精工公司车间里")


def test_the_news_is_no_scene_the_reporter_walks_into(tmp_path):
    news = _news_of(
        tmp_path,
        "青川雪梨产业链不断延伸\n本报记者 王小明\n"
        "行走在青川县的山间河谷，记者寻找雪梨产业的答案。\n"
        "青川县雪梨深加工年产值达到2亿元，带动果农户均增收。\n"
        "在深加工基地，雪梨膏生产线正在满负荷运转。\n",
    )
    assert news is not None and news[2].startswith("青川县雪梨深加工")


def test_the_outlook_is_found_before_a_reporters_notes_and_bare_words_said_are_no_plan(tmp_path):
    outline = _outline_of(
        tmp_path,
        "青川区：老工业区的新动能\n本报记者 王小明\n"
        "青川区去年数字产业营收超过1200亿元，集聚相关企业3000多家。\n"
        "三区联动\n"
        "青川区和高校合建了8个科技园，一年转化成果300多项，孵化企业500余家。\n"
        "“未来几年，青川会越来越好。”青川区委书记李明说，下一步，"
        "青川区将加快建设全域创新的配套体系。\n"
        "记者手记\n"
        "老城区的新朝气\n"
        "在青川区采访，处处能感到一股朝气，园区里满是年轻面孔。\n"
        "企业人士常说，政府部门像合伙人一样帮他们解决难题。\n",
    )
    closing = [b.text for b in outline.closing]
    assert closing and closing[0].startswith("青川区委书记李明说")
    assert not any(line.startswith("未来几年") for line in closing)
