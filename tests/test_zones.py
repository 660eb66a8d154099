"""Zone attribution: the zone an article is about, clean names, variants of one zone."""

from __future__ import annotations

import pytest

from briefdeck.errors import BriefdeckError
from briefdeck.zones import ArticleText, attribute_zone, load_zone_words, mentions_of, zone_key


def zone(title: str, lead: str, body: str = "", kicker: str = "", lang: str = "zh") -> str | None:
    text = ArticleText(title, kicker, lead, f"{lead}\n{body}" if body else lead)
    return attribute_zone(text, lang)[0]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("白沙镇的青川综合保税区今年进出口额增长", ["青川综合保税区"]),
        ("位于长三角的云溪产业园引进项目", ["云溪产业园"]),
        ("推进青川高新区建设", ["青川高新区"]),
        ("各类园区和国家高新区", []),
        ("金湖科学城青川高新区发布清单", ["青川高新区"]),
        ("走进临江经济技术开发区", ["临江经济技术开发区"]),
        ("在云南玉溪市国家现代农业产业园，", ["玉溪市国家现代农业产业园"]),  # a place whole
        ("从一张报关单看海南自贸港发展", ["海南自贸港"]),  # a common noun left of a place
        ("推进郑州航空港经济综合实验区建设", ["郑州航空港经济综合实验区"]),
        # a generic word inside a name, after a place and a rank word
        ("走进成都国家现代农业产业科技创新中心", ["成都国家现代农业产业科技创新中心"]),
        ("推进长沙数字科创城建设", ["长沙数字科创城"]),
        ("东湖塘经开区二季度运行平稳", ["东湖塘经开区"]),  # a word across name and kind (塘经)
        ("位于江苏盐城市临海经济区的滩涂", ["江苏盐城市临海经济区"]),
    ],
)
def test_names_stop_at_particles_verbs_and_place_phrases(text, names):
    assert [m.name for m in mentions_of(text, "zh")] == names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("青川国家高新区", "青川高新区"),
        ("青川高新技术产业开发区", "青川高新区"),
        ("临江经济技术开发区", "临江经开区"),
        ("北川省级高新区", "北川高新区"),
        ("江苏临江经开区", "临江经开区"),
        ("中国（河西）自由贸易试验区", "河西自贸试验区"),  # the country's zone in that place
    ],
)
def test_variants_of_one_zone_share_a_key(a, b):
    assert zone_key(a) == zone_key(b)


def test_a_district_report_is_about_the_district():
    lead = "今年以来，青山区坚持创新驱动，各项工作取得新进展。"
    body = "在青山区的云溪产业园，新落户企业23家。"
    assert zone("青山区：创新实干推动高质量发展", lead, body) == "青山区"


def test_the_zone_of_the_title_wins_over_one_named_often():
    lead = "金湖高新区（滨江）今年实现营业收入120亿元。"
    body = "与青川高新区合作。青川高新区提供场地。青川高新区派出团队。"
    assert zone("金湖国家高新区激发创新活力", lead, body) in ("金湖高新区", "金湖国家高新区")


def test_a_zone_named_in_the_lead_only():
    lead = "近日，临江经济技术开发区发布政策，支持企业研发。"
    assert zone("政策红利加速释放", lead) == "临江经济技术开发区"


def test_a_zone_named_once_in_passing_is_not_the_subject():
    lead = "今年以来，全市推进基层治理数字化改革，建成社区服务平台42个。"
    body = "其中一个平台设在青川高新区。"
    assert zone("以数字化改革提升基层治理效能", lead, body) is None


def test_english_zone_from_headline_and_lead_not_a_phrase_in_passing():
    lead = "Riverside New Area opened 12 laboratories this year, officials said."
    body = (
        "Firms from the Pudong Free Trade Zone visited. "
        "The Pudong Free Trade Zone sent a delegation. Pudong Free Trade Zone staff joined."
    )
    assert zone("Riverside New Area bets on research", lead, body, lang="en") == (
        "Riverside New Area"
    )


def test_a_survey_of_many_zones_is_about_none_of_them():
    lead = "青川经开区、临江经开区、金湖经开区和北塘经开区的代表参加了座谈。"
    body = "青川经开区介绍了经验。临江经开区介绍了做法。"
    assert zone("为扩大开放作出新的示范", lead, body) is None


@pytest.mark.parametrize(
    ("title", "district"),
    [
        ("青山区：创新实干推动高质量发展", "青山区"),
        ("浙江省临州市青山区推进基层治理", "临州市青山区"),
        ("南湖县培育特色主导产业", "南湖县"),
    ],
)
def test_district_and_county_reports(title, district):
    assert zone(title, "今年以来，各项工作取得新进展。") == district


@pytest.mark.parametrize(
    ("title", "kicker", "lead", "expected"),
    [
        # a place in brackets inside a name
        (
            "南岭（青州）科学城：以创新促发展",
            "",
            "南岭（青州）科学城加快建设。",
            "南岭（青州）科学城",
        ),
        # a county named without its kind after its province, written with it in the text
        (
            "河南青峰严查形式主义",
            "",
            "河南省青峰县纪委监委出台办法。青峰县还将持续推进。",
            "青峰县",
        ),
        # ... and a city's report is about the city, named as the article writes it
        ("浙江临州推动产业转型", "", "浙江省临州市出台政策。临州市企业积极响应。", "临州市"),
        ("广东东莞：外贸稳中有进", "", "今年前5月，全市进出口增长。", "东莞"),
        ("青岛建设海洋科技新城", "", "青岛市海洋生产总值增长。", "青岛市"),
        ("中国建设世界一流港口", "", "全国港口吞吐量增长。", None),  # no city
        ("临江创新港跑出加速度", "", "临江创新港引进项目31个。", None),  # a name, not a city
        # a district the opening names and then makes the subject of a clause
        (
            "小龙虾养殖更智慧",
            "",
            "安徽滁州青溪县二郎镇养殖户王某说。目前，青溪县建成示范点35处。",
            "青溪县",
        ),
        # ... but a story merely set there is not about it
        (
            "老兵的故事",
            "",
            "在北京市青石区老干部活动中心，记者见到了老兵。他从青石区百货公司离休。",
            None,
        ),
        # a park inside a zone belongs to the zone
        ("青川高新区新材料产业园开园", "", "青川高新区新材料产业园日前开园。", "青川高新区"),
        # a free trade port
        (
            "南海自贸港政策减免税款",
            "",
            "南海自贸港进口药品零关税政策实施以来成效明显。",
            "南海自贸港",
        ),
        # a zone the title calls by the short name the lead defines for it
        (
            "河阳航空港：打造开放枢纽",
            "",
            "自2015年获批以来，河阳航空港经济综合实验区（简称“河阳航空港”）已建成口岸体系。",
            "河阳航空港经济综合实验区",
        ),
        # a zone of the kicker, not the new area the lead sets the scene in
        (
            "算力之城拔节生长",
            "长沙数字科创城企业数量持续攀升",
            "位于贵州双龙新区的一家公司里，工程师们正在调试服务器。",
            "长沙数字科创城",
        ),
    ],
)
def test_zone_forms_of_real_reporting(title, kicker, lead, expected):
    assert zone(title, lead, kicker=kicker) == expected


def test_a_zone_named_once_with_its_city_is_the_zone_named_alone():
    lead = "在江苏，滩涂上候鸟成群。"
    body = (
        "这片滩涂位于江苏盐城市临海经济区。临海经济区管委会负责人介绍，近年修复岸线12公里。"
        "临海经济区还建成观鸟平台3座。"
    )
    assert zone("滩涂成了聚宝盆", lead, body) == "临海经济区"


def test_a_short_name_defined_for_the_zone_is_one_of_its_names():
    lead = "河阳航空港经济综合实验区（简称“河阳航空港”）设立十年。河阳航空港建成口岸9个。"
    text = ArticleText("河阳航空港：打造开放枢纽", "", lead, lead)
    found, names = attribute_zone(text, "zh")
    assert found == "河阳航空港经济综合实验区"
    assert "河阳航空港" in names


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kinds_zh: [创新港]\nkinds_zn: [港]\n", "zones.yaml:2: kinds_zn: unknown key"),
        ("kinds_zh: 创新港\n", "zones.yaml:1: kinds_zh: expected a list"),
        ("short_kinds_zh: [港]\n", "zones.yaml:1: short_kinds_zh: not a word list"),
        ("kinds_zh: !!python/object:os.system [港]\n", "zones.yaml:1: unsupported tag"),
    ],
)
def test_a_bad_zone_vocabulary_names_its_line_and_key(tmp_path, text, message):
    path = tmp_path / "zones.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(BriefdeckError) as caught:
        load_zone_words(path)
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)
