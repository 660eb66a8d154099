"""Card labels that do not say what their figure counts are weak: never a card."""

from __future__ import annotations

import pytest

from briefdeck.lint import weak_label_reason
from briefdeck.metrics import card_worthy
from briefdeck.pipeline import read_articles
from tests.conftest import fixture


@pytest.mark.parametrize(
    ("label", "weak"),
    [
        ("纯收入", False),
        ("农作物综合机械化率", False),
        ("高新技术企业", False),
        ("营收同比增长", False),
        ("一斤卖", True),  # no noun: nothing counted
        ("都悬", True),  # an adverb and a verb
        ("比散户单卖每斤最多能多", True),  # a comparison
        ("可看着无人机半天就喷完", True),  # a modal opening a clause
        ("依托龙头企业", True),
        ("地", True),
        ("……", True),  # no word at all
        ("网孔误差必须小于", True),  # a bound without what it bounds
        ("科技型企业提供最高", True),
        ("属地办理”模式将通关环节", True),  # a quotation mark without its pair
        ("“一带一路”国家进出口额", False),
        ("出口车型也增多", True),  # a clause: an adverb of its predicate
        ("此举将使企业更快拿到订单", True),
        ("县里还安排", True),
        ("专项扶持资金", False),
        ("方面", True),  # 7个方面: seven of what, the card cannot say
        ("单位", True),
        ("引导基金和", True),  # the list goes on after a conjunction
        ("检测机构和技术服务机构", False),
    ],
)
def test_weak_labels(label, weak):
    assert (weak_label_reason(label) is not None) is weak


def test_a_figure_under_another_condition_keeps_no_borrowed_label():
    articles, _ = read_articles(str(fixture("zh_labels_clauses.txt")))
    labels = {m.text: m.label for m in articles[0].metrics}
    assert labels["700斤"] != labels["900斤"]  # 碰上旱年，700斤: not the good year's yield
    assert labels["12万元"] == "净收入"  # 净收入能到12万元: the modal leaves the label
    assert labels["99.9%"] == "机械化率"  # 机械化率达99.9%: the link leaves the label
    cards = [m.text for m in articles[0].metrics if card_worthy(m)]
    assert "700斤" not in cards


@pytest.mark.parametrize(
    ("sentence", "figure", "label"),
    [
        ("全镇作坊描绘着年产值超百亿元的发展蓝图。", "超百亿元", "年产值"),  # after 着
        (
            "国产的600目精密滤网价格从每吨5万多元降至4万元左右。",
            "5万多元",
            "每吨精密滤网价格",  # the price per tonne: the basis stays
        ),
        ("镇里给予农户每斤0.5元的收购补贴。", "0.5元", "每斤收购补贴"),
        ("进口一批价值约28万元的冷冻鱼片。", "约28万元", "冷冻鱼片价值"),  # the value of what
        ("全镇工坊用不到5%的土地，贡献了全镇40%的税收。", "40%", "税收"),  # 的 + what it measures
        ("针对新兴产业仅占15%的现状，镇里出台了扶持办法。", "15%", "新兴产业占比"),  # a frame noun
        ("一辆售价18万元的新能源客车驶出厂区。", "18万元", "新能源客车售价"),
        ("老城区硬是腾出滨江2公顷的空地。", "2公顷", "空地"),  # measured noun follows
        ("园区帮助企业完成58项数字化改造，建成4个示范车间。", "58项", "数字化改造"),
        ("这家工厂已具备年产12万台能力。", "12万台", "年产能力"),  # the period stays
        ("青川影视基地涵盖影视企业近300家。", "近300家", "影视企业"),  # not the base's verb
        # one project's saving is the project's, not the zone's
        ("青川光伏项目采用新工艺，节省投资约2亿元。", "约2亿元", "青川光伏项目·节省投资"),
        ("园区新引进项目12个，总投资80亿元。", "80亿元", "总投资"),  # a count of projects
        (
            "县里为毕业生提供2年共计8000元的住房补贴。",
            "共计8000元",
            "2年住房补贴",
        ),  # a sum of years
        # a count of one noun before 的 counts that noun, with what of it when that ends the
        # clause; a verb before 的 makes the noun after it the counted thing
        ("园区设立5个领域的研究所。", "5个", "领域的研究所"),
        ("12家社区食堂的饭菜香味传遍街巷。", "12家", "社区食堂"),
        ("全县3个村的集体经济收入突破百万元。", "3个", "村"),
        ("他救出了8位被困的工友。", "8位", "被困的工友"),
        # a name with a quoted part is taken whole, not cut where the segmenter stumbles
        (
            "园区打造占地32.5平方公里的青“智”川绿色飘带创新区，包括3个功能区。",
            "32.5平方公里",
            "青“智”川绿色飘带创新区",
        ),
        # a preposition or a conjunction before a name is no part of it
        (
            "青川新区依托产业引导基金50亿元和科创股权基金30亿元形成基金体系。",
            "30亿元",
            "科创股权基金",
        ),
        (
            "青川新区依托产业引导基金50亿元和科创股权基金30亿元形成基金体系。",
            "50亿元",
            "产业引导基金",
        ),
        # an aside inside a name is part of it, before or after the figure
        ("园区累计引进16个算力（智算）中心。", "16个", "算力（智算）中心"),
        ("园区有商户（含个体户）320家。", "320家", "商户（含个体户）"),
        # a share right after a count is that count's share; a share of another whole is not
        ("园区有企业900家，其中外资企业270家，占比达三成。", "三成", "外资企业占比"),
        ("园区有企业900家，其中外资企业180家，占20%。", "20%", "外资企业占比"),
        ("园区有研发平台36个，研发投入占营收的比重达4.8%。", "4.8%", "比重"),
    ],
)
def test_labels_are_one_noun_phrase(tmp_path, sentence, figure, label):
    source = tmp_path / "a.txt"
    source.write_text(f"青川县丝网产业提质增效\n本报记者 王小明\n{sentence}\n", "utf-8")
    (article,) = read_articles(str(source))[0]
    assert {m.text: m.label for m in article.metrics}[figure] == label


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("在青川高新区东湖片区", True),  # a place phrase only
        ("的稳步发展，得益于产业链条的不断延伸", True),  # its subject was cut off
        ("在青川高新区，企业数量增长两成", False),
        ("园区规上工业企业增至168家", False),
        ("地处江汉平原腹地的青川，坚持创新驱动", False),  # 地处 is a verb, not the particle 地
        ("在青川创业园，为返乡青年提供创业基金，2024年", True),  # what the year dates was cut
        ("在首批开展协同转型综合试点的10个地区中", True),  # a setting only, figure or not
        ("在一家电子厂，一批批平板电脑包装完成后", True),  # what happened then was cut
        ("平板电脑包装完成后，直接装车发往东南亚等地", False),  # 等地: and other places
        ("审批提速，通关时间缩短至2小时", False),  # 小时 is no time clause
        ("青川科技的两位合伙人，是从青川大学走出来的", False),  # 是…的 stresses, cuts nothing
        ("对青川园区企业生产的加工增值超过30%的货物", True),  # what is done to them was cut
        ("对符合条件的企业给予奖励", False),
        ("园区引进了一批新材料领域的", True),
    ],
)
def test_fragments(line, fragment):
    from briefdeck.lint import fragment_reason

    assert (fragment_reason(line) is not None) is fragment


@pytest.mark.parametrize(
    ("clause", "setting"),
    [
        ("为加快培育新兴产业，", True),  # a purpose
        ("为企业提供一站式服务", False),  # a service: 为 with whom it is for
        ("围绕两大产业集群，", True),
        ("通过设立产业基金，", True),
        ("在去年9月，", True),
        ("在全省率先开展改革", False),  # 在 with a place and a verb: the point itself
        ("当第五批样品从产线上下来，", True),
        ("当好企业的服务员", False),
        ("出台专项扶持办法，", False),
        ("在一英寸的长度上，", False),  # a measure the figure is given per: its basis stays
        ("在每平方米的地面上，", False),
    ],
)
def test_settings_that_lead_to_a_main_clause(clause, setting):
    from briefdeck.lint import is_setting

    assert is_setting(clause) is setting


def test_the_zone_stays_as_the_subject():
    from briefdeck.bullets import condense

    zones = ("青川高新区",)
    assert condense("青川高新区新增企业120家。", ["120家"], zones, 40) == [
        "青川高新区新增企业120家"
    ]
    # a later line of a long sentence opening on its verb takes the sentence's subject again
    sentence = (
        "青川储能电站采用“夜储日用”方式，缓解了用电高峰压力，成为全县绿电调度的重要枢纽，"
        "取得了年减排3.2万吨二氧化碳的成效。"
    )
    assert (
        condense(sentence, ["3.2万吨"], zones, 40)[-1]
        == "青川储能电站取得了年减排3.2万吨二氧化碳的成效"
    )
    # statements a semicolon parts are lines of their own, each with its figure
    listed = "甲园区亩均税收达52万元；乙园区亩均产值提高到8000万元；丙园区新增企业30家。"
    assert condense(listed, ["52万元", "30家"], zones, 30) == [
        "甲园区亩均税收达52万元",
        "丙园区新增企业30家",
    ]
    # an English zone subject goes only when the line is too long
    english = "The Qingchuan Zone added 120 firms."
    assert condense(english, ["120"], ("Qingchuan Zone",), 20) == [english.rstrip(".")]


def test_a_rate_per_period_keeps_its_period(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(
        "青川高新区技术交易活跃\n本报记者 王小明\n"
        "在产权交易中心，平均每天有30多宗专利完成转让。园区每年安排专项资金5亿元。\n",
        "utf-8",
    )
    (article,) = read_articles(str(source))[0]
    labels = {m.text: m.label for m in article.metrics}
    assert labels["30多宗"].startswith("每天")
    assert labels["5亿元"].startswith("每年") and labels["5亿元"].endswith("专项资金")
    assert weak_label_reason("每年专项资金") is None


@pytest.mark.parametrize(
    ("sentence", "figure", "card"),
    [
        # one truck's yearly saving: a card would read as the zone's total
        ("园区启用电动清扫车，一台电动清扫车每年可节省油费约2万元。", "约2万元", False),
        # one young farmer's results, told with a digit
        ("2023年，1名返乡大学生用8万元启动资金，帮助4个村种植中药材。", "4个", False),
        ("园区汇总了21个部门的扶持政策1500条。", "21个", True),  # 31, not one
        # one pond built, the village's whole income: the village's figure
        ("村里新建一个冷库储存果蔬，村集体经营收入去年达到48.5万元。", "48.5万元", True),
        # the price of one ton, from a few words after the clause's start
        ("深加工以后，茶叶售价从一吨3万元涨到一吨8万元。", "3万元", False),
    ],
)
def test_a_figure_of_one_thing_is_no_card(tmp_path, sentence, figure, card):
    source = tmp_path / "a.txt"
    source.write_text(f"青川县发展壮大村集体经济\n本报记者 王小明\n{sentence}\n", "utf-8")
    (article,) = read_articles(str(source))[0]
    (metric,) = [m for m in article.metrics if m.text == figure]
    assert card_worthy(metric) is card


def test_an_idiom_after_what_is_counted_is_no_part_of_its_label(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(
        "青川高新区项目建设提速\n本报记者 王小明\n在园区东区，20多个厂房热火朝天施工。\n", "utf-8"
    )
    (article,) = read_articles(str(source))[0]
    assert {m.text: m.label for m in article.metrics}["20多个"] == "厂房"
