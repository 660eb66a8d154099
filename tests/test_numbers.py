"""Every number as Chinese writes it: one row per form, in half- and full-width digits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefdeck import numbers
from briefdeck.metrics import find_metrics
from briefdeck.model import Article, Paragraph, Section
from briefdeck.numbers import NumberForm, chinese_value, half_width, quantities_en

FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")

# sentence, figure as written, value, high, unit, qualifier, form, labels (any is right; () skips)
ROWS = [
    ("青川高新区今年实现营业收入35.6亿元。", "35.6亿元", 35.6, None, "亿元", None, "digits",
     ("营业收入",)),
    ("规上工业增加值同比增长12.5%。", "12.5%", 12.5, None, "%", None, "digits",
     ("规上工业增加值同比增长", "规上工业增加值")),
    ("园区聚集高新技术企业数百家。", "数百家", None, None, "家", "数", "vague", ("高新技术企业",)),
    ("新兴产业带动就业数十万人。", "数十万人", None, None, "人", "数", "vague", ("就业",)),
    ("企业综合成本降低20%—30%。", "20%—30%", 20, 30, "%", None, "digits", ("企业综合成本降低",)),
    ("研发投入强度达到百分之十五。", "百分之十五", 15, None, "%", None, "fraction", ("研发投入强度",)),
    ("近五成企业完成数字化改造。", "近五成", 5, None, "成", "近", "chinese", ()),
    ("三分之一的项目来自外资企业。", "三分之一", 1 / 3, None, None, None, "fraction", ()),
    ("新基地年产值15亿—20亿元。", "15亿—20亿元", 15, 20, "亿元", None, "digits", ("基地年产值",)),
    ("药厂年产输液6.5亿瓶。", "6.5亿瓶", 6.5, None, "亿瓶", None, "digits", ()),
    ("园区贡献了全县近1/2的税收。", "近1/2", 0.5, None, None, "近", "fraction", ("税收",)),
    ("外贸额占全省2/5以上。", "2/5以上", 0.4, None, None, "以上", "fraction", ()),
    ("单位产值能耗下降5‰。", "5‰", 5, None, "‰", None, "digits", ("单位产值能耗下降",)),
    ("高新区工业总产值五年翻了一番。", "翻了一番", 2, None, None, None, "multiple", ()),
    ("园区对外贸易额翻两番。", "翻两番", 4, None, None, None, "multiple", ()),
    ("对落户项目最高奖励超百万元。", "超百万元", 100, None, "万元", "超", "chinese", ()),
    ("机场全年保障航班起降1628架次。", "1628架次", 1628, None, "架次", None, "digits",
     ("航班起降",)),
    ("执法队全年查处违规行为200余起。", "200余起", 200, None, "起", "余", "digits",
     ("违规行为",)),
    ("工业用地亩均税收达到38.6万元/亩。", "38.6万元/亩", 38.6, None, "万元/亩", None, "digits",
     ("工业用地亩均税收",)),
    ("园区签约项目总投资一百五十亿元。", "一百五十亿元", 150, None, "亿元", None, "chinese",
     ("签约项目总投资", "总投资")),
    ("园区入驻企业两千余家。", "两千余家", 2000, None, "家", "余", "chinese", ("入驻企业",)),
    ("高新区新建研发平台十余个。", "十余个", 10, None, "个", "余", "chinese", ("新建研发平台",)),
    ("园区引进院士团队二十三个。", "二十三个", 23, None, "个", None, "chinese", ("院士团队",)),
    ("营业收入增长20%至30%。", "20%至30%", 20, 30, "%", None, "digits", ("营业收入增长",)),
    ("余热电站年节约3.5万吨燃料。", "3.5万吨", 3.5, None, "万吨", None, "digits", ()),
    ("园区接近2万人在此就业。", "近2万人", 2, None, "万人", "近", "digits", ()),
    ("园区研发投入强度提升至4.2%。", "4.2%", 4.2, None, "%", None, "digits", ("研发投入强度",)),
    ("重点项目建设周期为3-5年。", "3-5年", 3, 5, "年", None, "digits", ()),
    ("全区地区生产总值达到1.2万亿元。", "1.2万亿元", 1.2, None, "万亿元", None, "digits",
     ("地区生产总值",)),
    ("园区集聚科技企业3000多家。", "3000多家", 3000, None, "家", "多", "digits", ("科技企业",)),
    ("上百家企业参加了招聘会。", "上百家", None, None, "家", "上", "vague", ()),
    ("近千家企业入驻产业园。", "近千家", None, None, "家", "近", "vague", ()),
    ("服务中心累计服务企业12,480家次。", "12,480家次", 12480, None, "家次", None, "digits",
     ("服务企业",)),
    ("园区出口额增长2.3倍。", "2.3倍", 2.3, None, "倍", None, "multiple", ("出口额增长", "出口额")),
    ("新增企业中有三成来自外省。", "三成", 3, None, "成", None, "chinese", ()),
    ("生产线上只有四五个工人在旁操作。", "四五个", 4, 5, "个", None, "chinese", ("工人",)),
    ("2024年，全区地区生产总值实现806.3亿元、同比增长9%。", "806.3亿元", 806.3, None, "亿元", None,
     "digits", ("地区生产总值",)),
    ("2024年，全区地区生产总值实现806.3亿元、同比增长9%。", "9%", 9, None, "%", None,
     "digits", ("地区生产总值同比增长",)),
    ("去年，全区对“一带一路”国家进出口额达到150亿元。", "150亿元", 150, None, "亿元", None,
     "digits", ("“一带一路”国家进出口额",)),  # 全区 before 对 is the subject, not the label
    ("去年，“一带一路”国家进出口额达到120亿元。", "120亿元", 120, None, "亿元",
     None, "digits", ("“一带一路”国家进出口额",)),
    ("园区从人才、技术等6个方面全方位支持企业。", "6个", 6, None, "个", None, "digits", ("方面",)),
    ("园区有5个海洋创新药物进入临床试验。", "5个", 5, None, "个", None, "digits",
     ("海洋创新药物",)),
    ("全区新增科技型企业260家、高新技术企业95家。", "95家", 95, None, "家", None, "digits",
     ("新增高新技术企业",)),  # new, like the first of the list
    ("青川精工有限公司去年实现产值2.6亿元。", "2.6亿元", 2.6, None, "亿元", None, "digits",
     ("青川精工公司·产值", "青川精工公司·实现产值")),  # one company's amount says whose
    ("产业园所在的青川市，耕地面积达900万亩。", "900万亩", 900, None, "万亩", None, "digits",
     ("青川市·耕地面积",)),  # the place that holds the zone: its figure says so
    ("园区固定资产投资完成88亿元。", "88亿元", 88, None, "亿元", None, "digits", ("固定资产投资",)),
    ("青川已有超过20%的食品企业开设了网上门店。", "超过20%", 20, None, "%", "超过",
     "digits", ("食品企业",)),  # a share of the firms, no threshold
    ("青川高新区已引来10余家全球知名物流企业设立分拨中心。", "10余家", 10, None, "家", "余",
     "digits", ("全球知名物流企业",)),  # 知名 qualifies the noun, it is no verb
    ("青川湾集聚30余家家电制造和电子元件企业。", "30余家", 30, None, "家", "余", "digits",
     ("家电制造和电子元件企业",)),  # not 30 appliances: the work joined by 和 names the firms
    ("青川高新区设立20亿元引导基金和10亿元天使基金。", "20亿元", 20, None, "亿元", None, "digits",
     ("引导基金",)),  # never 引导基金和
    ("青川高新区设立20亿元引导基金和10亿元天使基金。", "10亿元", 10, None, "亿元", None, "digits",
     ("天使基金",)),  # what follows this figure, not the one before's
    ("园区已有市级及以上检测机构和技术服务机构56家。", "56家", 56, None, "家", None, "digits",
     ("市级及以上检测机构和技术服务机构",)),  # the level stays; never 及以上检测…
]  # fmt: skip


def metrics_of(sentence: str):
    article = Article("t", 0, "zh", "标题", "青川高新区", ("青川高新区",),
                      sections=(Section(None, (Paragraph(sentence),)),))  # fmt: skip
    return find_metrics(article).metrics


@pytest.mark.parametrize("width", ["half", "full"])
@pytest.mark.parametrize("row", ROWS, ids=[r[1] for r in ROWS])
def test_every_form_reads_with_value_unit_qualifier_and_label(row, width):
    sentence, text, value, high, unit, qualifier, form, labels = row
    if width == "full":
        sentence, text = sentence.translate(FULL), text.translate(FULL)
    found = [m for m in metrics_of(sentence) if m.text == text]
    assert len(found) == 1, [m.text for m in metrics_of(sentence)]
    (m,) = found
    assert m.value == pytest.approx(value) if value is not None else m.value is None
    assert m.high == high and m.qualifier == qualifier and m.form is NumberForm(form)
    assert half_width(m.unit or "") == (unit or "")
    if labels:
        assert m.label in labels, m.label
    if value is not None and high is None and form == "digits":
        assert half_width(m.number).replace(",", "") in half_width(text).replace(",", "")


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("2024年5月，园区举办第三届创新大赛。", ("2024年", "第三届")),
        ("园区实施“1+3+N”工作法。", ("1+3+N",)),
        ("志愿服务走进千家万户。", ("千家万户",)),
        ("企业启动二期车间建设。", ("二期",)),  # a phase, no count
        ("园区引进10亿元以上项目8个。", ("10亿元以上",)),
        ("园区对年纳税超300万元的企业颁发奖牌。", ("300万元",)),  # a class of firms
        ("签约落地亿元以上项目49个。", ("亿元",)),
        ("大家一起努力。", ("一起",)),
        ("景区举办骑行、铁人三项等活动。", ("三项",)),  # a sport, no count
        ("智算中心总算力达每秒21.5百亿亿次。", ("百亿",)),  # a magnitude of a digit number
    ],
)
def test_not_figures(sentence, wrong):
    texts = [m.text for m in metrics_of(sentence)]
    assert not any(w in t for w in wrong for t in texts), texts


def test_chinese_numerals():
    assert [
        chinese_value(n) for n in ("两", "十", "二十三", "一百五十", "三千万", "一亿五千万")
    ] == [2, 10, 23, 150, 30_000_000, 150_000_000]


def test_english_fractions_and_ranges():
    found = quantities_en("Two-thirds of the firms grew 15-20 percent in the first half.")
    assert [(q.number, round(q.value, 3), q.high, q.unit) for q in found] == [
        ("Two-thirds", 0.667, None, None),
        ("15-20", 15.0, 20.0, "percent"),
    ]


def test_a_date_written_with_slashes_is_no_fraction():
    assert not [m for m in metrics_of("园区于2024/5/18举行签约仪式。") if "/" in m.text]


def _figure_words() -> str:
    """Return every character of the figure vocabulary (units, qualifiers, magnitudes…)."""
    from briefdeck.vocab import vocabulary

    found = set()
    for value in vocabulary("figures").values():
        for item in value if isinstance(value, (list, tuple, set, frozenset)) else [value]:
            found.update(str(item))
    return "".join(sorted(found))


@settings(max_examples=800, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            sorted(
                set(_figure_words() + "园区企业产值分之翻成半以上左右多余/.,-~—至到%‰ aZ")
                - set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿番")
            )
        ),
        max_size=40,
    )
)
def test_no_reader_finds_a_number_in_a_text_without_a_digit_or_numeral(text):
    plain = half_width(text)
    p = numbers._patterns()
    readers = (numbers._vague, numbers._fractions, numbers._tenths, numbers._doublings,
               numbers._digits, numbers._chinese)  # fmt: skip
    assert [q for read in readers for q in read(plain, p)] == []


def test_half_width_looks_for_exactly_the_marks_it_turns():
    turned = {chr(k) for k in numbers.FULL_WIDTH}
    looked_for = {chr(c) for c in range(0x10000) if numbers._FULL_WIDTH_MARKS.fullmatch(chr(c))}
    assert looked_for == turned
    assert half_width("增长１２．５％，约３０亿元") == "增长12.5%，约30亿元"
