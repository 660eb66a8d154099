"""Structure recovery on the seed and on fixture articles written for each variation."""

from __future__ import annotations

import pytest

from briefdeck.pipeline import read_articles
from briefdeck.structure import authors_of, is_credit, is_heading_like, is_meta
from tests.conftest import fixture


def test_seed_articles_titles_authors_zones(seed_articles):
    first, second = seed_articles
    assert first.title.endswith("激活发展新动能") and first.authors == ("张熙哲",)
    assert second.title.endswith("以高质量党建促高质量发展") and second.authors == ("钟克波",)
    assert (first.zone, second.zone) == ("平顶山高新区", "随州高新区")
    assert "国家高新区" not in second.zones_mentioned


def test_seed_headings(seed_articles):
    first, second = seed_articles
    assert [s.heading for s in first.sections if s.heading] == [
        "党建+创新链 筑实验室到车间“红色桥梁”",
        "党建+产业链 做产业链上下游“红色导航”",
        "党建+人才链 为生产线建“红色驿站”",
    ]
    assert [s.heading for s in second.sections if s.heading] == [
        "抓好党建是最大的政绩",
        "高质量党建促高质量发展",
    ]


def test_seed_captions_and_credits_stay_out_of_the_body(seed_articles):
    first, second = seed_articles
    assert first.captions[0].text.endswith("工作人员走访企业。")
    assert first.captions[1].text.endswith("聘请外国专家,解决技术难题。")
    assert first.credits == ("平顶山高新区供图",)
    assert second.captions == () and second.credits == ()
    body = "".join(p.text for a in seed_articles for s in a.sections for p in s.paragraphs)
    for line in (*(c.text for c in first.captions), *first.credits):
        assert line not in body


def test_seed_seven_seams_repaired(seed_articles):
    assert sum(a.seams for a in seed_articles) == 7
    body = "".join(p.text for a in seed_articles for s in a.sections for p in s.paragraphs)
    for joined in (
        "尧山实验室开展“党建引领",
        "神马年产2万套智能流体机械成套设备",
        "“三步走”方案帮助企业",
        "牢固树立抓好党建是最大政绩的理念",
        "要看其抓党建的情况。",
        "与企业建立配套上下游产业链",
        "迎战寒潮冰雪等急难险重任务。",
    ):
        assert joined in body


def test_seed_run_in_leads(seed_articles):
    leads = [p.lead for s in seed_articles[1].sections for p in s.paragraphs if p.lead]
    assert leads == [
        "全面从严治党,顺应党心民意",
        "实现最大政绩,关键在“一把手”",
        "党的理论武装走深走实",
        "基层党建强基提质",
        "基层治理精准施策",
        "服务发展齐心协力",
    ]


def test_seed_quotes_with_speakers(seed_articles):
    quotes = seed_articles[0].quotes
    assert quotes[0].text.startswith("通过驻外招商党员") and quotes[0].speaker.endswith(
        "相关负责人"
    )
    assert quotes[-1].text.startswith("党建引领下的") and "四高四争先" in quotes[-1].text
    assert quotes[-1].speaker == "平顶山高新区相关负责人"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("► 张三丰", ("张三丰",)),
        ("本报记者 王某某", ("王某某",)),
        ("记者 张三 通讯员 李四", ("张三", "李四")),
        ("文/ 某刊全媒体记者 某某", ("某某",)),
        ("□某报驻某区首席记者 某某", ("某某",)),
        ("作者:王芳", ("王芳",)),
        ("By Jane Doe | Daily | Updated: 2013-03-12", ("Jane Doe",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    ],
)
def test_byline_forms(line, names):
    assert authors_of(line) == names


@pytest.mark.parametrize(
    "line",
    ["青禾高新区今年新引进项目12个。", "产业集聚 动能强劲", "新华社记者 孙浩 摄", "平顶山某区供图"],
)
def test_not_bylines(line):
    assert authors_of(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "《江岸日报》（2024年06月03日第 5 版）",
        "数据来源：青禾高新区统计局",
        "（来源：临溪发布）",
        "Updated: 2013-03-12",
        "日期:2024-05-01 来源:某某网",
        "Contact the writer at jd@example.com",
    ],
)
def test_meta_lines(line):
    assert is_meta(line)


@pytest.mark.parametrize(
    "line",
    [
        "某某区供图",
        "摄影 陈刚",
        "图 / 某某区委宣传部",
        "新华社记者 某某 摄",
        "PROVIDED TO CHINA DAILY",
    ],
)
def test_credit_lines(line):
    assert is_credit(line)


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("党建+创新链 筑实验室到车间“红色桥梁”", True),
        ("“稳”——基本盘持续巩固", True),
        ("Regional Overview", True),
        ("青禾高新区坚持创新驱动，今年以来新引进光电项目", False),
        ("工作人员走访企业。", False),
    ],
)
def test_heading_shape(line, heading):
    assert is_heading_like(line) is heading


def test_multi_article_file_with_byline_variants():
    articles, _ = read_articles(str(fixture("zh_bylines.txt")))
    assert [(a.zone, a.authors) for a in articles] == [
        ("青禾高新区", ("王晓明",)),
        ("临溪经开区", ("张三", "李四")),
        ("云岭科技城", ("周一鸣",)),
        ("北湖新区", ("陈思远",)),
        ("南塘工业园区", ("王芳",)),
    ]
    first = articles[0]
    assert first.kicker == "聚焦高质量发展"
    assert first.meta == ("《江岸日报》（2024年06月03日第 5 版）", "数据来源：青禾高新区统计局")
    assert articles[1].meta == ("（来源：临溪发布）",)
    assert "本报讯（记者 李明）" in articles[4].meta
    assert articles[4].sections[0].paragraphs[0].text.startswith("南塘工业园区今年认定")


def test_seams_with_caption_and_credit_between():
    (article,) = read_articles(str(fixture("zh_seams.txt")))[0]
    assert article.authors == ("刘文静",)
    assert [s.heading for s in article.sections] == [None, "园区服务 精准高效", "人才引育 蓄势赋能"]
    paragraphs = [p.text for p in article.sections[1].paragraphs]
    assert "解决用工、融资等难题41个。经开区" in paragraphs[0]
    assert "建设人才公寓3栋，可容纳" in paragraphs[1]
    assert [(c.text, c.credit) for c in article.captions] == [
        ("松江湾经开区企业服务中心工作人员为企业办理手续。", "摄影 陈刚")
    ]
    assert article.credits == ("摄影 陈刚", "新华社记者 孙浩 摄")
    assert article.seams == 2


def test_english_article():
    (article,) = read_articles(str(fixture("en_zone.txt")))[0]
    assert article.language == "en"
    assert article.zone == "Harbourside Hi-Tech Zone"
    assert article.authors == ("Jane Doe",)
    assert "Updated: 2013-03-12" not in " ".join(
        p.text for s in article.sections for p in s.paragraphs
    )
    assert [s.heading for s in article.sections] == [None, "Regional Overview", "Looking Ahead"]
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Workers assemble battery packs at a plant in the zone.", "PROVIDED TO THE HERALD")
    ]
    assert article.quotes[0].speaker == "Li Wei"
    assert article.meta == (
        "Daily | Updated: 2013-03-12",
        "Contact the writer at janedoe@example.com",
    )


def test_a_whole_page_comes_apart_into_its_articles():
    articles, _ = read_articles(str(fixture("zh_page.txt")))
    assert [(a.title, a.zone) for a in articles] == [
        ("坚持创新驱动 壮大发展动能", "青川高新区"),
        ("白沙镇小茶叶做成大产业", None),
        ("金湖经开区新增外资企业12家", "金湖经开区"),
        ("全民健身活动丰富多彩", None),
        ("临江科技城：创新企业集聚成势", "临江科技城"),
    ]
    assert articles[0].kicker == "青川高新区推进产业升级观察"
    assert articles[2].authors == ("赵明",)
    assert articles[2].sections[0].paragraphs[0].text.startswith("今年1至4月")
    assert articles[3].meta == ("《江岸日报》（2025年05月12日第 5 版）",)
    assert articles[4].kicker == "新春走基层"


@pytest.mark.parametrize(
    ("name", "headings"),
    [
        (
            "zh_two_line_headings.txt",
            [
                None,
                "优化营商环境\n推动政务服务提质增效",
                "聚焦重点项目\n跑出建设“加速度”",
                "壮大特色产业\n打造县域发展新引擎",
            ],
        ),
        (
            "zh_sentence_headings.txt",
            [
                None,
                "搭建平台，让创新资源集聚起来。",
                "优化服务，让创新主体活跃起来。",
                "引育人才，让创新活力迸发出来。",
            ],
        ),
        (
            "zh_numbered_headings.txt",
            [
                None,
                "一、绘制产业链图谱，找准招商方向",
                "二、创新招商方式，提高签约质量",
                "三、强化要素保障，推动项目落地",
            ],
        ),
        ("zh_bold_headings.md", [None, "夯实数字基础设施", "培育数字产业集群"]),
    ],
)
def test_headings_in_every_form_papers_use(name, headings):
    (article,) = read_articles(str(fixture(name)))[0]
    assert [s.heading for s in article.sections] == headings
    assert all(s.paragraphs for s in article.sections)


def test_a_page_whose_bylines_are_bare_names_splits_at_each_title():
    articles, _ = read_articles(str(fixture("zh_page_bare_names.txt")))
    assert [(a.title, a.authors) for a in articles] == [
        ("青川高新区新材料产业加速集聚", ("王小明",)),
        ("秋粮收购进度快于去年同期", ("李晓华",)),
    ]
    assert [a.zone for a in articles] == ["青川高新区", None]


def test_an_epigraph_and_its_source_line_are_meta_not_the_lead():
    (article,) = read_articles(str(fixture("zh_epigraph.txt")))[0]
    assert "——摘自某某规划纲要" in article.meta
    assert "让种地成为有奔头的产业，让农民成为有吸引力的职业。" in article.meta
    first = article.sections[0].paragraphs[0].text
    assert first.startswith("“今年的稻子长得真好。”")
    assert all(s.heading is None or "摘自" not in s.heading for s in article.sections)


def test_headings_shaped_like_a_long_heading_open_sections_too():
    (article,) = read_articles(str(fixture("zh_long_headings.txt")))[0]
    headings = [s.heading for s in article.sections if s.heading]
    assert headings == [
        "立足园区实际，推进制造升级，带动企业降本增效",
        "深化数字应用，做强平台支撑，拓展应用场景",  # its paragraph is short
        "完善标准体系，健全评价机制，筑牢改革试点根基",
    ]


def test_a_page_article_without_byline_starts_at_a_title_set_off_like_the_others():
    articles, _ = read_articles(str(fixture("zh_page_no_byline.txt")))
    assert [a.title for a in articles] == [
        "青川自贸港跨境贸易提速",
        "果园里的新农人",
        "全岛封关后，免税购物升温",
    ]


def test_variants_of_one_zone_name_make_one_deck(tmp_path):
    from click.testing import CliRunner

    from briefdeck.cli import main

    result = CliRunner().invoke(
        main, ["build", str(fixture("zh_page_no_byline.txt")), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.glob("*.pptx")] == ["青川自贸港.pptx"]


def test_a_subtitle_of_spaced_phrases_under_the_title_is_meta():
    (article,) = read_articles(str(fixture("zh_spaced_subtitle.txt")))[0]
    assert "强产业  优环境  惠民生" in article.meta
    assert article.sections[0].heading is None
    assert article.sections[0].paragraphs[0].text.startswith("近年来")
    assert [s.heading for s in article.sections[1:]] == [
        "强产业，激发发展动能",
        "优环境，建设宜居城区",
    ]


def test_a_picture_story_gets_no_zone_of_its_own(tmp_path):
    source = tmp_path / "photo.txt"
    source.write_text(
        "夜色中的园区\n"
        "5月8日，青川高新区智造产业园灯火通明，工人们正在赶制订单。\n"
        "青川高新区推行错峰生产，园区企业产能利用率持续提升。\n"
        "李  明摄\n",
        "utf-8",
    )
    (article,), _ = read_articles(str(source))
    assert article.credits and article.zone is None
    assert "青川高新区" in article.zones_mentioned


def test_a_speaker_called_by_the_company_named_before_takes_its_name(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(
        "青川高新区审批提速\n本报记者 王小明\n"
        "年初，青川禾丰药业（青川）有限公司递交了新车间的许可申请，一周内就拿到了批复。"
        "“过去办这样的手续要等一个多月，这次我们提早开了工。”公司副总经理赵某说。\n",
        "utf-8",
    )
    (article,), _ = read_articles(str(source))
    assert [q.speaker for q in article.quotes] == ["青川禾丰药业（青川）有限公司副总经理赵某"]


def test_a_speaker_led_in_by_a_conjunction_is_named_without_it(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(
        "青川高新区算细账\n本报记者 王小明\n"
        "按老规矩，包装费要算进成本。但厂家表示：“包装做不好，东西就卖不上价，哪来的增值？”\n",
        "utf-8",
    )
    (article,), _ = read_articles(str(source))
    assert [q.speaker for q in article.quotes] == ["厂家"]


def test_a_row_of_stars_and_a_contributor_line_are_no_headings(tmp_path):
    # a row of stars sets the closing words apart; a line in brackets names who helped write
    source = tmp_path / "a.txt"
    source.write_text(
        "青川县：小县城的大产业\n本报记者 王小明\n"
        "青川县今年以来新签约项目28个，总投资46亿元。\n"
        "做强特色农业\n"
        "全县茶园面积达到12万亩，带动农户增收。\n茶叶加工企业增至31家，年产值突破10亿元。\n"
        "培育文旅新业态\n"
        "县里打造了5条乡村旅游线路，接待游客增长两成。\n民宿数量比去年多了40家。\n"
        "***      ***\n"
        "青川县将继续做好山水文章，让群众日子越过越红火。\n"
        "（本报通讯员李小红参与采写）\n",
        "utf-8",
    )
    (article,), _ = read_articles(str(source))
    assert [s.heading for s in article.sections] == [None, "做强特色农业", "培育文旅新业态"]
    body = [p.text for s in article.sections for p in s.paragraphs]
    assert body[-1].startswith("青川县将继续") and not any("参与采写" in t for t in body)
    assert any("参与采写" in m for m in article.meta)


def test_a_long_second_line_under_a_heading_is_part_of_it_not_a_cut_sentence(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(
        "青川外贸稳中有进\n本报记者 王小明\n"
        "青川经开区今年前三季度外贸进出口总额达到420亿元，同比增长9%。\n"
        "政策护航添动力\n"
        "盼着更多暖心举措，帮企业把货卖向海内外\n"
        "外部形势变化快，青川不少外贸企业一边稳住订单、压降成本，一边盼着更多政策支持。\n"
        "青川出台稳外贸12条措施，扩大出口信用保险覆盖面。\n",
        "utf-8",
    )
    (article,), _ = read_articles(str(source))
    headings = [s.heading for s in article.sections]
    assert headings[-1] == "政策护航添动力\n盼着更多暖心举措，帮企业把货卖向海内外"
    first = article.sections[-1].paragraphs[0].text
    assert first.startswith("外部形势变化快")


def test_a_line_that_replies_to_words_said_is_no_run_in_lead():
    from briefdeck.structure import run_in_lead

    text = (
        "青川精工有限公司总经理李强深有同感。过去进口原料的关税成本居高不下，新政实施以后，"
        "公司每年能省下不少开支，还把省下的钱投进了新产品研发。"
    )
    assert run_in_lead(text) is None
    assert (
        run_in_lead("平台建设。今年以来，青川经开区新建标准厂房12万平方米，入驻企业35家。")
        == "平台建设"
    )
