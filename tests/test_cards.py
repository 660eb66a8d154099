"""Which figures become cards and charts: the zone's totals, whole labels, things that compare."""

from __future__ import annotations

import pytest

from briefdeck.pipeline import outlines, read_articles
from tests.conftest import fixture, outline_of_text


def outline_of(name: str):
    articles, _ = read_articles(str(fixture(name)))
    return articles, outlines(articles)[0]


def test_key_figures_are_the_zones_totals_not_one_companys():
    _, outline = outline_of("zh_figure_choice.txt")
    keys = [f"{f.text} {f.label}" for f in outline.key_figures]
    assert keys[0] == "2600亿元 前三季度规上工业总产值"
    assert "9800户 区内企业" in keys
    assert not any("公司" in k for k in keys)  # one company's cost cut is no headline
    assert not any("三大" in k or k.startswith("20亿元") for k in keys)  # a numeral word, a plan


def test_items_of_a_respectively_list_label_their_figures():
    articles, outline = outline_of("zh_figure_choice.txt")
    labels = {m.text: m.label for m in articles[0].metrics}
    assert [labels[t] for t in ("1200亿元", "620亿元", "480亿元")] == [
        "新能源汽车",
        "生物医药",
        "新材料",
    ]
    (chart,) = [c for s in outline.sections for c in s.charts]
    assert chart.categories == ("新能源汽车", "生物医药", "新材料") and chart.unit == "亿元"


def test_a_companys_change_names_the_company():
    articles, _ = outline_of("zh_figure_choice.txt")
    (cost,) = [m for m in articles[0].metrics if m.text == "18%"]
    assert cost.label == "临溪动力电池公司·生产成本降低"


def test_new_and_total_are_no_bars_of_one_chart_and_durations_no_cards():
    _, outline = outline_of("zh_figure_choice.txt")
    service = next(s for s in outline.sections if s.title == "服务提速")
    assert service.charts == ()
    assert not any(f.unit in ("天",) for f in service.figures)


def test_qualifiers_stay_on_cards():
    _, outline = outline_of("zh_figure_choice.txt")
    talent = next(s for s in outline.sections if s.title == "人才引育")
    assert {"约45个", "超过300名"} <= {f.text for f in talent.figures}


@pytest.mark.parametrize("change", ["从70%提高到99.5%", "从改造前的70%提高到现在的99.5%"])
def test_a_before_and_after_pair_is_one_card(tmp_path, change):
    text = (
        "青川高新区检测精度提升\n\n记者 王某\n\n"
        f"青川高新区引入智能检测，产品检测精度{change}，检测效率提高3倍，"
        "单件检测成本降低40%。\n"
    )
    source = tmp_path / "pair.txt"
    source.write_text(text, "utf-8")
    articles, _ = read_articles(str(source))
    (outline,) = outlines(articles)
    cards = [f"{f.text} {f.label}" for s in outline.sections for f in s.figures]
    assert "70→99.5% 产品检测精度" in cards


def test_a_change_of_many_companies_is_not_one_companys(tmp_path):
    outline = outline_of_text(
        tmp_path,
        "青川高新区推进智能化改造",
        "青川高新区支持青川精工设备有限公司等企业更新设备，带动企业平均能耗下降15%。",
        "utf-815%公司a.txt青川高新区推广新能源货车",
        "本报记者 王小明",
        "青川高新区新能源货车保有量达到1200辆，带动物流企业86家转型。据测算，一辆新能源货车每年可节约燃油费用约4万元。",
    )
    assert outline.key_figures[0].value != "4"
    assert "4" not in [f.value for f in outline.key_figures[:2]]


def test_a_start_value_alone_is_no_key_figure(tmp_path):
    outline = outline_of_text(
        tmp_path,
        "青川县丝网产业提质增效",
        "青川县丝网企业超过800家，年产值超过百亿元。国产滤网的成本从每平方米5万多元降至2万元左右，企业产值从2000万元增至9000万元。",
    )
    values = [f.value for f in outline.key_figures]
    assert "5" not in values and "2000" not in values
    assert "2000→9000" in values


def test_one_persons_figure_is_no_key_figure(tmp_path):
    outline = outline_of_text(
        tmp_path,
        "青川县现代农业产业园带动农民增收",
        "青川县现代农业产业园里，种粮大户张某翻开账本，他家的水稻今年亩产1200斤。张某说，自己承包了300亩水田，一年纯收入能到12万元。",
        "产业园已落户规上加工企业36家，主要农作物耕种收机械化率达到98%。",
    )
    values = [f.value for f in outline.key_figures]
    assert "1200" not in values[:2] and "12" not in values[:2]
    assert {"36", "98"} <= set(values)


def test_two_cards_of_one_label_say_their_periods():
    from briefdeck.outline import cards_of
    from tests.test_numbers import metrics_of

    found = metrics_of("今年前9个月，园区新设企业512家。获批建设以来，区内累计新设企业3100余家。")
    labels = [c.label for c in cards_of([m for m in found if m.unit in ("家", "余家")])]
    assert labels == ["今年前9个月新设企业", "累计新设企业"]


def test_a_rise_and_a_fall_are_no_bars_of_one_chart(tmp_path):
    outline = outline_of_text(
        tmp_path,
        "青川高新区推进数字化改造",
        "青川高新区推动52家企业上云用数，企业人均产出提高38%、设备利用率提高16%、库存成本降低21%。",
    )
    assert not any(s.charts for s in outline.sections)


def test_a_figure_for_part_of_a_year_says_which_part():
    from briefdeck.outline import cards_of
    from tests.test_numbers import metrics_of

    found = metrics_of("今年前9个月，园区外贸进出口总值达到360亿元。")
    (card,) = cards_of([m for m in found if m.unit == "亿元"])
    assert card.label == "前9个月外贸进出口总值"


def test_a_few_people_of_a_story_are_no_number_card():
    from briefdeck.metrics import card_worthy
    from tests.test_numbers import metrics_of

    found = {m.text: m for m in metrics_of("公司的三位创始人都是本地人，带动1200名村民就业。")}
    assert not card_worthy(found["三位"])
    assert card_worthy(found["1200名"])
    school = {m.text: m for m in metrics_of("青川实验学校38人分别获得省级奖项。")}
    assert not card_worthy(school["38人"])  # people of a school: which people, the card can't say


@pytest.mark.parametrize(
    ("sentence", "charted"),
    [
        # kinds of one thing that do not overlap: a chart
        ("青川县获国家级奖项2个、省级奖项9个、市级奖项31个。", True),
        # classes of enterprises overlap (a firm may be both): no chart
        ("园区有高新技术企业120家、专精特新企业45家、规上工业企业210家。", False),
        # counts of different things: no chart
        ("园区建成智能工厂12个、数字化车间40个、标杆企业3个。", False),
    ],
)
def test_a_chart_of_counts_compares_kinds_of_one_thing(tmp_path, sentence, charted):
    outline = outline_of_text(
        tmp_path, "青川县推进产业升级", "青川县今年新开工项目20个。", sentence
    )
    assert any(s.charts for s in outline.sections) is charted


def test_a_share_is_a_card_only_when_its_label_names_the_whole():
    from briefdeck.metrics import card_worthy
    from tests.test_numbers import metrics_of

    found = {
        m.text: m for m in metrics_of("园区贡献了全县1/3的税收，工业产值占全县比重达五分之二。")
    }
    assert not card_worthy(found["1/3"])  # one third of what? the label says 税收 only
    assert card_worthy(found["五分之二"])


def test_the_partners_of_one_act_are_no_number_card():
    from briefdeck.metrics import card_worthy
    from tests.test_numbers import metrics_of

    found = {m.text: m for m in metrics_of("区里与6所高校签署合作协议，区内共有高校12所。")}
    assert not card_worthy(found["6所"])  # the signatories, not the district's universities
    assert card_worthy(found["12所"])


def test_a_flow_says_its_year_a_stock_does_not():
    from briefdeck.outline import cards_of
    from tests.test_numbers import metrics_of

    found = metrics_of("2024年，园区实现营业收入86亿元，区内有规上企业120家。")
    labels = {c.value: c.label for c in cards_of(found)}
    assert labels["86"] == "2024年营业收入"  # a year's flow: which year
    assert labels["120"] == "规上企业"  # how many there are: no year


def test_a_forecast_is_told_in_its_bullet_never_a_number_card(tmp_path):
    outline = outline_of_text(
        tmp_path,
        "青川县推进产业升级",
        "青川县今年新开工项目20个，完成投资36亿元。",
        "县里的新材料基地已经竣工，预计每年可新增产值15亿元，新增就业岗位800个。",
    )
    cards = [f.value for s in outline.sections for f in s.figures]
    bullets = " ".join(b.text for s in outline.sections for b in s.bullets)
    assert "15" not in cards and "15亿元" in bullets


def test_a_card_alone_in_its_panel_sets_its_figure_larger():
    from briefdeck.layouts import load_layout_set
    from briefdeck.model import Figure
    from briefdeck.planning.cards import card_sizes
    from briefdeck.textfit import Metrics

    layouts = load_layout_set("briefing")
    grid = layouts.for_kind("section_cards").cards
    m = Metrics(layouts.line_height, layouts.line_spacing, layouts.paragraph_space)
    card = Figure("42", "创新联合体", "家")
    alone, _ = card_sizes(m, grid, [card])
    together, _ = card_sizes(m, grid, [card, Figure("8", "成员单位", "家")])
    assert alone is not None and together is not None
    assert alone[0] > grid.figure_sizes[1] >= together[0]
