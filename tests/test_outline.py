"""Outlines: faithful bullets, every figure kept, YAML round trip, edits honoured, bad files."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from pptx import Presentation

from briefdeck.chars import display
from briefdeck.cli import main
from briefdeck.errors import OutlineError
from briefdeck.model import Bullet, SectionOutline, ZoneOutline
from briefdeck.outline import OutlineSettings, condense, outline_zones
from briefdeck.outline_yaml import dump_outline, load_outline
from briefdeck.pipeline import read_articles
from tests.conftest import SEED, fixture, outline_of_text

SOURCES = [SEED, *(fixture(n) for n in ("zh_bylines.txt", "zh_seams.txt", "zh_leads_quotes.txt",
                                      "en_zone.txt", "en_two_articles.txt", "zh_heldout.txt"))]  # fmt: skip
CLAUSE = re.compile(r"[，,；;：:、]\s*")


def zone_outlines(path, **settings):
    articles, _ = read_articles(str(path))
    return articles, outline_zones(articles, OutlineSettings(**settings))


def in_order(parts: list[str], text: str) -> bool:
    """Return True when every part is found in `text`, each after the one before (a part may
    open with the sentence's subject, said earlier in `text`, carried over to it)."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        carried = [k for k in range(2, 13) if part[:k] in text and text.find(part[k:], at) >= 0]
        if found < 0 and carried:
            found, part = text.find(part[carried[0] :], at), part[carried[0] :]
        if found < 0:
            return False
        at = found + len(part)
    return True


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_bullets_are_source_clauses_within_the_limit(path):
    _, outlines = zone_outlines(path)
    for outline in outlines:
        for section in outline.sections:
            source = display(section.notes)
            for bullet in section.bullets:
                if bullet.text.startswith("“") and bullet.head:  # a pull quote: speaker and words
                    assert bullet.text.strip("“”")[:20] in source, bullet.text
                    continue
                if bullet.head:
                    assert bullet.head in source
                text = bullet.text
                if outline.language == "en" and text.split()[0] not in source:
                    text = text[:1].lower() + text[1:]  # English bullets start with a capital
                parts = [p for p in CLAUSE.split(text) if p]
                assert in_order(parts, source), bullet.text
                # the summary's main news keeps who, what and where: half as long again
                scale = 1.5 if section.summary else 1
                most = OutlineSettings().bullet_max * scale
                if outline.language == "zh":
                    assert len(bullet.text) <= most, bullet.text
                else:
                    assert len(bullet.text.split()) <= most / 2, bullet.text


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_figure_of_parse_is_on_the_deck(path):
    articles, outlines = zone_outlines(path)
    shown = {
        o.zone: " ".join(
            [b.head + b.text for s in o.sections for b in s.bullets]
            + [f"{f.text} {f.label}" for s in o.sections for f in s.figures]
            + [q.text for q in o.quotes]
            + [b.text for b in o.closing]
        )
        for o in outlines
    }
    for article in articles:
        for metric in article.metrics:
            assert display(metric.text) in shown[article.zone], metric.text


def test_zone_name_kept_as_subject():
    _, (first, _) = zone_outlines(SEED)
    summary, *rest = first.sections
    assert summary.summary and summary.bullets[0].text.startswith(
        "平顶山高新区以“党建+招商”模式实现签约落地亿元以上项目49个"
    )
    bullets = [b.text for s in rest for b in s.bullets]
    assert any(b.startswith("平顶山高新区深化产业延链补链强链") for b in bullets)


def test_run_in_leads_become_heads_and_two_part_headings_split():
    _, (first, second) = zone_outlines(SEED)
    assert [(s.kicker, s.title) for s in first.sections[1:]] == [
        ("党建+创新链", "筑实验室到车间“红色桥梁”"),
        ("党建+产业链", "做产业链上下游“红色导航”"),
        ("党建+人才链", "为生产线建“红色驿站”"),
    ]
    heads = [b.head for s in second.sections for b in s.bullets if b.head]
    assert "全面从严治党，顺应党心民意" in heads
    subtopics = [s.title for s in second.sections if s.subtopic]
    assert subtopics == ["党的理论武装走深走实", "基层治理精准施策", "服务发展齐心协力"]


def test_key_figures_three_to_six_no_fact_twice():
    for path in SOURCES:
        _, outlines = zone_outlines(path)
        for outline in outlines:
            figures = [(f.value, f.unit, f.label) for f in outline.key_figures]
            assert len(figures) == len(set(figures)) and len(figures) <= 6
            assert len({f[2] for f in figures}) == len(figures)


def test_charts_from_groups_of_three():
    _, (_, second) = zone_outlines(SEED)
    charts = [c for s in second.sections for c in s.charts]
    assert [(c.title, c.categories, c.values) for c in charts][-1] == (
        "奖项",
        ("国家级奖项", "湖北省级奖项", "随州市级奖项"),
        (1.0, 11.0, 43.0),
    )
    _, (_, fewer) = zone_outlines(SEED, chart_min=4)
    assert not any(s.charts for s in fewer.sections)


def test_photos_quotes_and_closing():
    _, (first, second) = zone_outlines(SEED)
    assert first.photos[0].caption.endswith("工作人员走访企业。")
    assert first.photos[1].caption.endswith("聘请外国专家，解决技术难题。")
    assert all(p.after == 1 for p in first.photos)
    assert first.quotes[0].speaker == "平顶山高新区尼龙新材料产业园区相关负责人"
    assert [b.text for b in first.closing][:2] == [
        "平顶山高新区将聚焦‘四高四争先’",
        "持续通过‘党建+’模式推动‘三链融合’",
    ]
    assert second.closing == ()


def test_bullet_limit_is_a_setting():
    _, outlines = zone_outlines(SEED, bullet_max=24)
    assert all(
        len(b.text) <= (36 if s.summary else 24)
        for o in outlines
        for s in o.sections
        for b in s.bullets
    )


def test_english_words_follow_the_article_and_lang_overrides(tmp_path):
    _, (outline,) = zone_outlines(fixture("en_zone.txt"))
    assert outline.language == "en" and outline.sections[0].title == "Overview"
    forced = zone_outlines(SEED, lang="en")[1][0]
    assert forced.language == "en" and forced.sections[0].title == "Overview"


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_yaml_round_trip_is_identity_and_deterministic(path):
    _, outlines = zone_outlines(path)
    _, again = zone_outlines(path)
    for outline, twin in zip(outlines, again):
        text = dump_outline(outline)
        assert load_outline(text, "x.yaml") == outline
        assert dump_outline(twin) == text


def deck_texts(path):
    prs = Presentation(str(path))
    return [
        (
            slide.shapes.title.text_frame.text,
            " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame),
        )
        for slide in prs.slides
    ]


def test_edited_outline_is_built_as_edited(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["outline", str(SEED), "-o", str(tmp_path)]).exit_code == 0
    path = tmp_path / "随州高新区.yaml"
    outline = load_outline(path.read_text("utf-8"), str(path))
    first, second, *rest = outline.sections
    dropped = second.bullets[0].text
    edited_second = type(second)(**{**second.__dict__, "title": "改过的标题",
                                    "bullets": second.bullets[1:]})  # fmt: skip
    figure = outline.key_figures[0]
    changed = type(figure)(**{**figure.__dict__, "value": "999"})
    edited = type(outline)(**{**outline.__dict__, "sections": (edited_second, first, *rest),
                              "key_figures": (changed, *outline.key_figures[1:]),
                              "quotes": (), "photos": ()})  # fmt: skip
    path.write_text(dump_outline(edited), "utf-8")
    result = runner.invoke(main, ["build", str(path), "-o", str(tmp_path / "decks")])
    assert result.exit_code == 0, result.output
    slides = deck_texts(tmp_path / "decks" / "随州高新区.pptx")
    titles = [t for t, _ in slides]
    assert titles.index("改过的标题") < titles.index(first.title)  # reordered and retitled
    assert second.title not in titles
    everything = " ".join(text for _, text in slides)
    assert dropped not in everything  # the deleted bullet is gone
    assert "999" in slides[1][1] and figure.label in slides[1][1]  # the changed figure


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: briefdeck outline 1\nzone: 某区\ncolour: red\n", "x.yaml:3: colour: unknown key"),
        (
            "format: briefdeck outline 1\nzone: 某区\nsections:\n  - title: A\n    bullets: 5\n",
            "x.yaml:5: sections[0].bullets: expected a list",
        ),
        (
            "format: briefdeck outline 1\nzone: 某区\nsections:\n  - bullets: []\n",
            "x.yaml:4: sections[0].title: missing",
        ),
        ("format: briefdeck outline 1\nzone: [a\n", "x.yaml:3: "),
        (
            "format: briefdeck outline 1\nzone: !!python/object:os.system ls\n",
            "x.yaml:2: unsupported tag",
        ),
        ("zone: 某区\n", "x.yaml:1: format: missing"),
    ],
)
def test_malformed_outline_names_file_line_and_key(text, message):
    with pytest.raises(OutlineError) as caught:
        load_outline(text, "x.yaml")
    assert str(caught.value).startswith(message)


def test_malformed_outline_on_the_command_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("format: briefdeck outline 1\nzone: 某区\nsections: {}\n", "utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"Error: {path}:3: sections: expected a list"


def test_targets_and_plans_are_not_key_figures():
    _, (outline,) = zone_outlines(fixture("zh_leads_quotes.txt"))
    keys = [f.text for f in outline.key_figures]
    assert "180亿元" not in keys and "86.4亿元" in keys
    _, (english,) = zone_outlines(fixture("en_zone.txt"))
    assert "5,000" not in [f.value for f in english.key_figures]


def test_characters_a_deck_cannot_hold_are_dropped_from_an_edited_outline(tmp_path):
    text = 'format: briefdeck outline 1\nzone: 某区\nsections:\n- title: "标题\\x01"\n  bullets: ["要点\\x0b一"]\n'
    outline = load_outline(text, "x.yaml")
    assert outline.sections[0].title == "标题" and outline.sections[0].bullets[0].text == "要点一"


@pytest.mark.parametrize(
    ("sentence", "lines"),
    [
        # an attribution shell goes, what was said stays
        (
            "项目负责人王某介绍，从提出申请到进场施工，前后只用了20天。",
            ["从提出申请到进场施工，前后只用了20天"],
        ),
        (
            "青川高新区有关负责人表示，下一步将继续完善人才服务体系。",
            ["下一步将继续完善人才服务体系"],
        ),
        # a purpose runs on over the verb phrases listed after it, up to the clause's subject
        (
            "为盘活科研资源，提升企业研发能力，青川高新区出台专项政策，"
            "从人才引进、技术攻关等5个方面支持骨干企业组建攻关团队。",
            ["青川高新区出台专项政策，从人才引进、技术攻关等5个方面支持骨干企业组建攻关团队"],
        ),
        (
            "据了解，平台已覆盖生态环境保护、城市综合治理等五大领域。",
            ["平台已覆盖生态环境保护、城市综合治理等五大领域"],
        ),
        # a line never ends on a bare time word, a speech verb or a preposition
        ("平台已覆盖五大领域，目前", ["平台已覆盖五大领域"]),
        ("园区组织企业参加招聘会，会议提出", ["园区组织企业参加招聘会"]),
        # a bullet is never only a date or an ellipsis
        ("2023年。", []),
        ("……", []),
        # a setting the subject opens gives way, the subject goes on with the point
        (
            "当前，青川高新区依托200亿元级电子信息、100亿元级新材料等产业集群，"
            "加快构建“2+3”现代产业体系。",
            ["青川高新区加快构建“2+3”现代产业体系"],
        ),
        # a list announced by its count is shown whole (in up to half as much again as a
        # line) or by its announcement only
        (
            "青川区提出“三个优先”——教育用地优先保障，闲置厂房优先改建科技园，"
            "财政资金优先支持创业服务。",
            [
                "青川区提出“三个优先”——教育用地优先保障，闲置厂房优先改建科技园，"
                "财政资金优先支持创业服务"
            ],
        ),
        (
            "在新一轮改革中，青川区提出“三个优先”——教育用地和医疗用地在年度供地计划中优先保障，"
            "城区闲置厂房和老旧仓库优先改建为科技园和孵化器，财政资金优先支持创业服务和人才安居。",
            ["青川区提出“三个优先”"],
        ),
        (
            "青川区坚持“两个优先”——优先用地，优先用房。",
            ["青川区坚持“两个优先”——优先用地，优先用房"],
        ),
        # a supposition is shown whole (in up to half as much again as a line) or not at all
        (
            "在青川综合保税区，如果原料经过深加工后以80万元售往区外，"
            "由于增值部分超过三成，企业就能少缴近6万元税款。",
            [
                "在青川综合保税区，如果原料经过深加工后以80万元售往区外，"
                "由于增值部分超过三成，企业就能少缴近6万元税款"
            ],
        ),
        (
            "在青川综合保税区，如果进口的原料经过企业的深加工后以80万元的价格售往区外，"
            "由于增值部分超过政策规定的三成，企业就能少缴近6万元的进口环节税款。",
            [],
        ),
        ("如果订单增加，青川工厂将扩产。", ["如果订单增加，青川工厂将扩产"]),
        # the zone's parenthesis stays with the zone
        (
            "2023年，青川高新区（西湖）实现营业收入120亿元。",
            ["2023年，青川高新区（西湖）实现营业收入120亿元"],
        ),
        # a setting that leaves no room for its point gives way to it; a copula keeps its subject
        (
            "在全省首批开展智慧园区综合改革试点的12个园区中，青川高新区是唯一入选的国家级高新区。",
            ["青川高新区是唯一入选的国家级高新区"],
        ),
        # a long setting that alone fills the line gives way to the point after it
        (
            "在省内首个、西南地区唯一的国家级数字经济创新示范区的青禾中心，算力平台加快建设。",
            ["算力平台加快建设"],
        ),
        # a named speaker of a view stays with it; an unnamed one, or one giving figures, goes
        (
            "去年，李明省长在这里调研时强调，要把园区建成创新高地。",
            ["去年，李明省长在这里调研时强调，要把园区建成创新高地"],
        ),
        ("园区负责人介绍，今年新签约项目28个。", ["今年新签约项目28个"]),
        # once the clause it led into is cut, a setting opened by a preposition goes too
        ("在生产建设第一线,“红色”小分队当起“技术员”……", []),
        # a quote cut short takes only its own clause, not an earlier balanced one
        ("在车间里，工人化身“质检员”；在仓库，管理员当起“调度员", ["工人化身“质检员”"]),
        # a noun phrase set off before a clause opening with its verb is its subject
        ("三组镜头，描绘出青川人的奋斗足迹。", ["三组镜头，描绘出青川人的奋斗足迹"]),
        # part of the total just told says so: 其中 stays
        ("其中，出口380亿元，同比增长11%。", ["其中，出口380亿元，同比增长11%"]),
        # a lead-in to words said that were cut announces nothing
        ("展望来年，王伯有新打算：“明年想把果园搬上直播间，卖到全国各地去。", []),
        # how far a point holds stays with it: an old rule never reads as the present one
        ("按惯例，包装材料应计入生产成本。", ["按惯例，包装材料应计入生产成本"]),
        # figures inside words said are the speaker's: the speaker stays
        (
            "王芳说，“今年订单增长了三成，产值有望突破5亿元。”",
            ["王芳说，“今年订单增长了三成，产值有望突破5亿元。”"],
        ),
        # a sentence too long for a line keeps its main clauses: purpose, means and scene go;
        # when it happened stays
        (
            "为加快培育新兴产业、壮大县域经济，青川高新区出台专项扶持办法，"
            "通过设立规模可观的产业引导基金，支持企业建设研发中心。",
            ["青川高新区出台专项扶持办法，支持企业建设研发中心"],
        ),
        (
            "终于，在去年9月，当第五批试制的样品从新建的自动化产线上下来，"
            "经过质检中心连续三周的检测，各项指标全部合格！",
            ["在去年9月，各项指标全部合格"],
        ),
        # a date opening a sentence is part of the fact; a bare time word or a link is not
        (
            "今年3月，青川高新区与5所职业院校共建实训基地。",
            ["今年3月，青川高新区与5所职业院校共建实训基地"],
        ),
        (
            "上世纪，青川以纺织和机械工业闻名，工业产值占全省十分之一。",
            ["上世纪，青川以纺织和机械工业闻名，工业产值占全省十分之一"],
        ),
        (
            "与此同时，目前，青川高新区正在加快建设中试基地和人才公寓，并同步推进道路改造。",
            ["青川高新区正在加快建设中试基地和人才公寓，并同步推进道路改造"],
        ),
    ],
)
def test_bullets_are_complete_points(sentence, lines):
    assert condense(sentence, [], ("青川高新区",), 40) == lines


def test_english_to_the_chinese_standard():
    articles, _ = read_articles(str(fixture("en_forms.txt")))
    (article,) = articles
    assert article.zone == "Riverside New Area"  # the headline's, not the zone named in passing
    labels = {m.text: m.label for m in article.metrics}
    assert labels["9 percent"] == "area's output growth"  # a noun phrase, not `rose`
    assert labels["460 billion yuan"] == "area's output"  # rose to 460: the level
    assert labels["2 billion yuan"] == "deals"
    assert labels["two-thirds"] == "exporters"
    (outline,) = outline_zones(articles)
    lines = [b.text for s in outline.sections for b in s.bullets] + [
        b.text for b in outline.closing
    ]
    assert not any(line.lower().endswith(("said", "of", "government")) for line in lines)
    assert "The new area plans to attract 300 startups by 2027" in lines


def test_closing_words_title_the_last_slide_and_sign_offs_are_meta():
    from briefdeck.layouts import load_layout_set
    from briefdeck.plan import plan_deck

    (article,), (outline,) = zone_outlines(fixture("zh_coda.txt"))
    words = "企业越聚越多，生态越来越好……一座数字新城，正在崛起"
    assert outline.coda == words
    assert "中共青禾市委宣传部" in article.meta
    bullets = [b.text for s in outline.sections for b in s.bullets]
    assert not any("正在崛起" in b or "宣传部" in b for b in bullets)
    last = plan_deck(outline, load_layout_set("briefing")).slides[-1]
    assert (last.title, last.kicker) == (words, "回顾") and last.cards


def test_a_run_in_lead_that_repeats_the_heading_opens_no_slide_of_its_own():
    _, (outline,) = zone_outlines(fixture("zh_coda.txt"))
    assert [s.title for s in outline.sections].count("平台建设") == 1
    assert not any(s.subtopic for s in outline.sections)


def test_figures_someone_said_are_no_cards_and_labels_keep_whole_words():
    _, (outline,) = zone_outlines(fixture("zh_coda.txt"))
    cards = [f for s in outline.sections for f in s.figures] + list(outline.key_figures)
    assert not any(f.value == "40" for f in cards)  # said in a quote
    assert {"新设企业"} <= {f.label for f in cards if f.value in ("512", "3100")}


def test_a_lists_count_is_never_given_to_its_last_item_alone():
    sentence = "青川海洋装备创新中心、禾丰检测、云岭种业、北辰科技4家企业已建成实验室并入驻孵化楼。"
    (line,) = condense(sentence, ["4家"], (), 30)
    assert line.startswith("4家企业")


@pytest.mark.parametrize("name", ["zh_story_quotes.txt", "zh_coda.txt", "zh_quotes_sections.txt"])
def test_each_quote_follows_the_section_it_was_said_in(name):
    _, outlines_ = zone_outlines(fixture(name))
    for outline in outlines_:
        for quote in outline.quotes:
            assert quote.text[:8] in outline.sections[quote.after].notes, quote.text


def test_a_sections_few_points_lead_its_first_topic():
    from briefdeck.model import Bullet, SectionOutline
    from briefdeck.outline import _merge_thin

    parent = SectionOutline("全域创新", bullets=(Bullet("一"), Bullet("二")), notes="甲")
    child = SectionOutline(
        "人才引育", kicker="全域创新", bullets=tuple(Bullet(str(n)) for n in range(5))
    )
    second = SectionOutline("场景营造", kicker="全域创新", bullets=(Bullet("五"), Bullet("六")))
    other = SectionOutline("产业升级", bullets=(Bullet("三"), Bullet("四")))
    sections, _, _ = _merge_thin([parent, child, second, other], [], [], True)
    assert [s.title for s in sections] == ["人才引育", "场景营造", "产业升级"]
    assert [b.text for b in sections[0].bullets][:2] == ["一", "二"]


def test_a_sections_only_topic_goes_on_under_its_heading():
    from briefdeck.model import Bullet, SectionOutline
    from briefdeck.outline import _merge_thin

    parent = SectionOutline("全域创新", bullets=(Bullet("一"), Bullet("二")), notes="甲")
    child = SectionOutline(
        "人才引育", kicker="全域创新", bullets=tuple(Bullet(str(n)) for n in range(5))
    )
    other = SectionOutline("产业升级", bullets=(Bullet("三"), Bullet("四")))
    sections, _, _ = _merge_thin([parent, child, other], [], [], True)
    assert [s.title for s in sections] == ["全域创新", "产业升级"]
    assert [(b.head, b.text) for b in sections[0].bullets][:3] == [
        ("", "一"),
        ("", "二"),
        ("人才引育", "0"),
    ]


QUOTED = (
    "青川高新区今年新增科技企业120家，孵化载体面积达到30万平方米。",
    "“园区帮我们解决了场地难题。”创业者李某说。",
    "“审批只用了三天。”企业负责人赵某说。",
)
"""An article's lead and two short quotes with speakers: the quote slides' budget is spent."""


def test_words_said_keep_their_speaker_when_no_slide_is_left_for_them(tmp_path):
    third = "“我们还要再扩产一倍。”公司总经理孙某说，企业去年营收增长40%。"
    outline = outline_of_text(tmp_path, "青川高新区打造创业热土", *QUOTED, third)
    said = [b for s in outline.sections for b in s.bullets if b.text.startswith("“")]
    assert len(outline.quotes) + len(said) == 3
    assert all(b.head for b in said)


def test_a_figures_line_keeps_what_it_led_to():
    sentence = (
        "5月初，青川一家食品企业向区行政审批局递交新车间的投产许可申请，"
        "仅用7天就办完全部手续，当月即开工生产。"
    )
    lines = condense(sentence, ["7天"], (), 30)
    assert lines[-1] == "仅用7天就办完全部手续，当月即开工生产"


def test_a_long_quote_told_in_bullets_names_its_speaker(tmp_path):
    third = (
        "“今年以来，我们新引进项目32个，其中亿元以上项目12个，产值同比增长超过两成，"
        "订单已经排到了明年三月。”园区管委会主任孙某说。"
    )
    outline = outline_of_text(tmp_path, "青川高新区打造创业热土", *QUOTED, third)
    heads = [b.head for s in outline.sections for b in s.bullets if "32个" in b.text]
    assert heads == ["园区管委会主任孙某"]


def test_pull_quotes_are_few_and_the_rest_keep_their_speakers(tmp_path):
    more = [f"“第{n}批订单已经全部交付。”企业负责人{n}号说。" for n in "三四五"]
    outline = outline_of_text(tmp_path, "青川高新区打造创业热土", *QUOTED, *more)
    bullets = [b for s in outline.sections for b in s.bullets]
    pulls = [b for b in bullets if b.text.startswith("“")]
    assert len(pulls) <= 2
    said = [b for b in bullets if "订单已经全部交付" in b.text]
    assert said and all(b.head for b in said)


def test_a_sentence_pointing_back_keeps_the_one_it_points_at():
    from briefdeck.bullets import paragraph_bullets
    from briefdeck.model import Paragraph

    text = (
        "园区建成产业服务平台，为企业提供检测、认证和融资对接服务。"
        "平台由区里和三家检测机构共同运营，设在创新大厦。该平台已服务企业320家。"
    )
    from tests.test_numbers import metrics_of

    figure = next(m for m in metrics_of(text) if m.text == "320家")
    bullets = [b.text for b in paragraph_bullets(Paragraph(text), [figure], (), 60)]
    assert bullets[-2:] == [
        "平台由区里和三家检测机构共同运营，设在创新大厦",
        "该平台已服务企业320家",
    ]


def test_the_later_part_of_a_quote_on_a_slide_is_no_bullet(tmp_path):
    outline = outline_of_text(
        tmp_path,
        "青川综合保税区通关提速",
        "青川综合保税区今年新设外贸企业120家，进出口总值增长18%。",
        "在青川一家电子厂，一批批平板电脑包装完成后，直接装车发往东南亚等地。"
        "“片区审批快，物流成本低。”厂长助理周小红介绍，“以前货物要绕行1500多公里出境，"
        "如今从青川出发只要400公里，交货期短了一半。”",
        "青川综合保税区还推行“提前申报”模式，货物通关时间由1天缩短至3小时。",
    )
    said = " ".join(b.text for s in outline.sections for b in s.bullets if not b.head)
    quotes = [q.text for q in outline.quotes]
    assert any("1500多公里" in q for q in quotes)
    assert "1500多公里" not in said  # the quote is on its slide, not also a bullet
    assert "直接装车发往东南亚等地" in said  # 等地 (and other places) ends a whole point


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # the title's words open the bullet as a clause of their own: the rest stands alone
        ("走进青川纺织厂车间，一台台新织机正在试运行", "一台台新织机正在试运行"),
        # the rest needs the title's words (a copula, a verb without its subject): kept whole
        ("走进青川纺织厂车间，是园区转型的缩影", "走进青川纺织厂车间，是园区转型的缩影"),
        (
            "走进青川纺织厂车间，带动了全县纺织业转型",
            "走进青川纺织厂车间，带动了全县纺织业转型",
        ),
        # what follows a colon is what the title announced
        ("走进青川纺织厂车间：要在一天内织出3000米布", "要在一天内织出3000米布"),
    ],
)
def test_a_bullet_does_not_repeat_its_slides_title(text, shown):
    from briefdeck.outline import _after_title

    assert _after_title(Bullet(text), "走进青川纺织厂车间").text == shown


def test_a_sentence_that_names_or_dates_a_fact_is_a_bullet_without_a_figure():
    from briefdeck.bullets import paragraph_bullets
    from briefdeck.model import Paragraph

    text = (
        "园区完善公共服务配套。青川实验中学在园区开设分校，新的服务中心将于明年3月建成。"
        "这里的发展前景十分广阔，越来越多的人愿意留下来。"
    )
    lines = [b.text for b in paragraph_bullets(Paragraph(text), [], (), 60)]
    assert any("明年3月建成" in line for line in lines)  # a dated fact
    assert not any("前景十分广阔" in line for line in lines)  # a remark: notes only


@pytest.mark.parametrize(
    ("line", "steps"),
    [
        # a plan of several whole steps is listed step by step (a bare 下一步 goes)
        (
            "下一步，园区将继续优化服务，力争全年新开工项目超过60个",
            ["园区将继续优化服务", "力争全年新开工项目超过60个"],
        ),
        # a setting leads to the one step: no list
        ("站在新的起点上，园区将以更大力度引进人才", []),
        # what the steps are taken in light of is no step
        (
            "青川将聚焦新材料细分领域，结合各片区资源禀赋和产业基础，推动三大园区错位发展",
            ["青川将聚焦新材料细分领域", "推动三大园区错位发展"],
        ),
        # words said stay with the clause that announces them
        ("说起明年，王伯心里有了新盼头：“希望果园能打出牌子。”", []),
        # what a step is for is no step of its own
        ("今后将从物流、展会等方面发力，为青川茶叶走向全国打下基础，进一步提振信心", []),
    ],
)
def test_a_lone_plan_line_is_listed_by_its_steps(line, steps):
    from briefdeck.bullets import steps_of

    assert steps_of(line) == steps


def test_words_said_alone_open_no_bullets():
    from briefdeck.bullets import paragraph_bullets
    from briefdeck.model import Paragraph

    text = "“现在种地心里有底多了。”在青川县的果园里，果农李大山打开手机查看土壤墒情。"
    lines = [b.text for b in paragraph_bullets(Paragraph(text), [], (), 60)]
    assert lines == [
        "在青川县的果园里，果农李大山打开手机查看土壤墒情"
    ]  # no words without a speaker


def test_a_line_break_yaml_would_fold_survives_the_outline_file():
    section = SectionOutline("概述", bullets=(Bullet("0\x850"), Bullet("甲\u2028乙")))
    outline = ZoneOutline("青川高新区", "zh", "青川", sections=(section,))
    assert load_outline(dump_outline(outline), "a.yaml").sections == outline.sections


def test_the_last_sentences_of_words_said_are_no_bullet_of_their_own():
    from briefdeck.bullets import paragraph_bullets
    from briefdeck.model import Paragraph

    text = "去年，省长李明在青川考察时说：“园区前景广阔。要加快建设创新平台，吸引更多人才。”"
    lines = [b.text for b in paragraph_bullets(Paragraph(text), [], (), 60, every=True)]
    assert not any(line.startswith("要加快建设创新平台") for line in lines)


def test_the_main_news_is_told_once_even_when_the_next_sentence_points_back_at_it():
    _, (first, _) = zone_outlines(SEED)
    summary = first.sections[0]
    news = summary.bullets[0].text
    assert not any(b.text and b.text in news for b in summary.bullets[1:])


def test_a_paragraph_opening_with_a_pointer_keeps_the_last_sentence_before_it():
    from briefdeck.bullets import paragraph_bullets
    from briefdeck.model import Paragraph

    before = "园区上线了“企业码”服务平台。"
    lines = [
        b.text
        for b in paragraph_bullets(Paragraph("该平台已服务企业320家。"), [], (), 60, before=before)
    ]
    assert lines[0] == "园区上线了“企业码”服务平台"  # what 该平台 is, then the point


@pytest.mark.parametrize(
    ("texts", "title", "kept"),
    [
        # what a bullet points back at is kept with it
        (
            [
                "园区新建了停车场",
                "服务平台设在创新大厦",
                "该平台已服务企业320家",
                "园区新增了公交线路",
            ],
            "",
            ["服务平台设在创新大厦", "该平台已服务企业320家"],
        ),
        # a scene the reporter walks into gives way to what happened there
        (
            [
                "走进青川经开区纺织厂车间，一派繁忙景象",
                "纺织厂完成了设备改造",
                "园区新增绿化面积3万平方米",
            ],
            "",
            ["纺织厂完成了设备改造", "园区新增绿化面积3万平方米"],
        ),
        # what happened, and what the section is named after, outrank a list of figures
        (
            [
                "建成厂房12万平方米、道路8公里、管网30公里",
                "2024年5月，发布实施《绿色工厂评价规范》",
                "新增绿化面积3万平方米",
                "园区环境持续优化",
            ],
            "制定绿色标准",
            ["2024年5月，发布实施《绿色工厂评价规范》"],
        ),
    ],
)
def test_the_slide_budget_keeps_what_the_section_needs(texts, title, kept):
    from briefdeck.outline import most_salient

    articles, _ = read_articles(str(fixture("zh_quotes_sections.txt")))
    shown, _ = most_salient([Bullet(t) for t in texts], 2, articles[0], title)
    assert set(kept) <= {b.text for b in shown}


def test_a_short_line_saying_who_said_the_words_before_is_no_bullet():
    from briefdeck.bullets import paragraph_bullets
    from briefdeck.model import Paragraph

    text = "“这笔费用该怎么算？”企业方有疑问。后来园区出台细则，明确了计算口径。"
    lines = [b.text for b in paragraph_bullets(Paragraph(text), [], (), 60, every=True)]
    assert lines == ["后来园区出台细则，明确了计算口径"]


def test_a_line_ending_on_a_unit_in_shi_is_a_point():
    sentence = (
        "青川电机公司改造了高能耗工位的控制程序，耗电量明显下降，"
        "仅此一项每年约省电12.5万千瓦时，降耗效果明显。"
    )
    lines = condense(sentence, ["12.5万千瓦时"], ("青川高新区",), 40)
    assert "仅此一项每年约省电12.5万千瓦时" in lines[-1]  # 千瓦时: no time clause


@pytest.mark.parametrize(
    ("sentence", "points_back"),
    [
        ("该平台已为企业提供服务300次。", True),
        ("此举将为企业节省成本。", True),
        ("即1个检测中心和5个研究室。", True),
        ("即便条件成熟，这依然是一次艰难的抉择。", False),  # a conjunction, not 即
        ("此外，园区还建成了中试基地。", False),  # a link, not 此
        ("仅此一项每年省电12万千瓦时。", True),  # a pointer after an adverb
        ("今天看来，这正是园区变化的原因。", True),  # a pointer after a short opening
        ("，建设人才公寓3处。", False),  # a line that opens with its comma
        ("它无法照搬到所有行业。", True),  # 它: the thing named before
        ("其中制造业项目15个。", True),  # 其中: among those named before
    ],
)
def test_what_points_back(sentence, points_back):
    from briefdeck.bullets import refers_back

    assert refers_back(sentence) is points_back


def test_a_thin_section_joined_to_the_one_before_repeats_no_bullet():
    from briefdeck.outline import _joined

    shared = Bullet("青川高新区聚集高校8所，这是青川的鲜明优势")
    first = SectionOutline("区校联动", bullets=(Bullet("青川高新区启动区校合作"), shared))
    second = SectionOutline("优势", bullets=(shared, Bullet("青川高新区建成大学科技园3家")))
    assert [b.text for b in _joined(first, second).bullets].count(shared.text) == 1


def test_a_clause_that_explains_keeps_what_it_explains():
    sentence = (
        "青川产业研究院由青川新区与青川大学信息学院、智能制造学院等多家单位共同建设，"
        "建成“1+4”共享研发体系，即1个中试平台与新材料、智能装备等4个领域的研究室。"
    )
    lines = condense(sentence, ["1个", "4个"], ("青川新区",), 50)
    assert "建成“1+4”共享研发体系，即1个中试平台" in lines[-1]  # not 即… alone


def test_one_speakers_words_in_one_paragraph_make_one_quote(tmp_path):
    from tests.conftest import outline_of_text

    outline = outline_of_text(
        tmp_path,
        "青川高新区优化创业服务",
        "青川高新区今年新增科技型企业120家，创业服务中心服务企业500余家。",
        "在青川创业园，青川智造科技有限公司负责人王强说：“园区像我们的合伙人。”"
        "2019年，王强在这里租下一间办公室。“五年来我们专心做研发，跑手续、找场地都由园区帮忙，"
        "资金紧张时还能免费使用园区的会议室。”王强说。",
        "青川高新区还将建设人才公寓2000套，进一步完善创业配套。",
    )
    speakers = [q.speaker for q in outline.quotes]
    assert speakers.count("青川智造科技有限公司负责人王强") == 1 and "王强" not in speakers
    (quote,) = outline.quotes
    assert quote.text.startswith("五年来我们专心做研发")  # the longer words


@pytest.mark.parametrize(
    "zone", ["和平高新区", "大和高新区"]
)  # 大|和|高新区: the segmenter cuts the name up
def test_an_outlook_in_lines_keeps_its_subject_and_its_high_ground(zone):
    sentence = (
        f"站在新起点，{zone}坚持科技引领、招大引强，依托产业基础扎实、配套设施完善等条件，"
        "打造区域创新新高地，加快迈向争创国家级开发区的新目标。"
    )
    assert condense(sentence, [], (zone,), 40, True) == [
        f"{zone}坚持科技引领、招大引强，打造区域创新新高地",  # 高地 ends no sentence on 地
        f"{zone}加快迈向争创国家级开发区的新目标",
    ]


def test_a_fronted_object_stays_with_what_is_done_to_it():
    sentence = "细则明确，对青川园区企业自产的附加值超过30%的产品，经备案后销往区外享受税收减免。"
    assert condense(sentence, ["30%"], ("青川园区",), 30) == [
        "对青川园区企业自产的附加值超过30%的产品，经备案后销往区外享受税收减免"
    ]


def test_a_clause_that_points_back_keeps_the_clauses_it_points_at():
    sentence = (
        "青川电机公司新上了智能产线，对高能耗工位调整控制策略，每台电机的耗时缩短到40秒，"
        "耗电量降至5.2千瓦时，仅此一项每年约省电12.5万千瓦时。"
    )
    lines = condense(sentence, ["12.5万千瓦时"], ("青川高新区",), 40)
    assert lines[-1] == "耗电量降至5.2千瓦时，仅此一项每年约省电12.5万千瓦时"


def test_a_means_opening_the_sentence_names_what_was_used():
    sentence = (
        "此外，青川高新区通过建设企业综合服务平台，实现了审批联办，"
        "形成一窗受理、一网通办的协同机制，为企业提供全流程服务。"
    )
    lines = condense(sentence, [], ("青川高新区",), 40)
    assert lines == ["青川高新区通过建设企业综合服务平台，实现了审批联办"]


def test_a_bullet_that_points_back_is_kept_only_with_what_it_points_at():
    texts = [
        "园区服务中心有一个企业综合服务平台",
        "该平台接入了税务和社保系统",
        "截至6月，该平台已服务企业320家、解决诉求1500件",
        "园区新增绿化面积3万平方米，建成口袋公园5个",
    ]
    kept = _salient(texts, 2)
    assert texts[0] in kept and texts[1] not in kept
    assert texts[2] not in kept or texts[0] in kept


def test_a_clause_telling_a_first_or_an_honour_is_kept_as_a_figure_is():
    sentence = (
        "在装备制造领域，青川装备产业园已全面投产，建成西部最大的精密铸造中心，"
        "青川电机产业集群获评国家级特色集群，配套链条越拉越长。"
    )
    lines = condense(sentence, [], ("青川高新区",), 40)
    assert any("获评国家级特色集群" in line for line in lines)
    assert not any(line.startswith("以及") for line in lines)


@pytest.mark.parametrize(
    ("sentence", "keep", "holding", "subject"),
    [
        # the name that acts last, not the sentence's first, leads a later line
        (
            "去年8月，青川县趁着茶叶博览会召开了招商推介会，签约项目金额3.5亿元，"
            "推动茶饮料、茶糕点等80余种精制茶品销往海外，茶品平均增值200%。",
            ["3.5亿元", "80余种", "200%"],
            "推动茶饮料",
            "青川县",
        ),
        # a name pointed at (该联合体) leads the line after it too
        (
            "一个瞄准智能装备核心部件难题的攻关平台近日在青川高新区成立，"
            "该攻关平台由1家在省内细分领域排名第一的链主企业领衔，联合了高校、院所、基金等共9家单位攻关。",
            ["1家", "9家"],
            "联合了高校",
            "该攻关平台",
        ),
    ],
)
def test_a_later_line_repeats_the_name_that_acts(sentence, keep, holding, subject):
    lines = condense(sentence, keep, ("青川高新区",), 40)
    (line,) = [x for x in lines if holding in x]
    assert line.startswith(subject + holding)


def test_a_later_line_naming_the_actor_already_gets_no_subject():
    sentence = (
        "从老码头到新港区，从小渔村到物流城，青川县以十足的耐心，"
        "为外来客商打造公平透明、安心放心的一流营商环境，让客商与青川县一同成长壮大，"
        "让青川县因开放更加年轻。"
    )
    lines = condense(sentence, [], ("青川县",), 60, True)
    assert any(x.startswith("让青川县因开放") for x in lines), lines
    assert not any("青川县让青川县" in x for x in lines)


def test_two_names_acting_together_are_no_subject_of_a_later_line():
    sentence = (
        "今年3月，青川市科技局与青川区联合编制示范区建设方案，打造占地30平方公里的创新区，"
        "包括研发策源区、产业承载区、生态融合区等3个功能区。"
    )
    lines = condense(sentence, ["30平方公里", "3个"], ("青川区",), 40)
    assert not any(x.startswith("青川市科技局包括") for x in lines)


def test_a_place_opening_a_sentence_without_a_subject_stays():
    assert condense("在青川，坐落着一座百年老厂。", [], (), 40) == ["在青川，坐落着一座百年老厂"]


def test_the_halves_of_a_pair_stay_together():
    sentence = (
        "从一家工厂的单打独斗，到一条产业链的协同攻关，青川铜箔带给当地的不仅是一种新产品，"
        "更是一条靠机制创新突破技术瓶颈的新路。"
    )
    (line,) = condense(sentence, [], ("青川高新区",), 40)
    assert "不仅是一种新产品" in line and "更是一条" in line


def test_a_list_announced_by_a_count_and_a_noun_is_shown_whole():
    sentence = (
        "青川区与高校反复研讨，提出“三园共建”思路——校园供给技术源头，产业园承接成果落地，"
        "家园做好生活保障。"
    )
    lines = condense(sentence, [], ("青川区",), 40)
    assert any("家园做好生活保障" in line for line in lines) or not any(
        "校园供给技术源头" in line for line in lines
    )


@pytest.mark.parametrize(
    ("title", "subtitle"),
    [
        # a title set in two parts is two lines; the zone's name is no lead-in
        (
            "青川高新区：紧紧围绕“两城一区”目标 以园区实践探索绿色转型",
            "紧紧围绕“两城一区”目标\n以园区实践探索绿色转型",
        ),
        # the zone's name alone is no line: the cover shows it above
        ("青川高新区 打造创新发展新高地", "打造创新发展新高地"),
        ("青川高新区推进攻关联盟建设", "青川高新区推进攻关联盟建设"),
    ],
)
def test_the_covers_subtitle_is_the_headline_without_the_zones_name(tmp_path, title, subtitle):
    source = tmp_path / "a.txt"
    source.write_text(
        f"{title}\n本报记者 王小明\n青川高新区今年新增企业120家，营业收入增长15%。\n", "utf-8"
    )
    articles, _ = read_articles(str(source))
    (outline,) = outline_zones(articles)
    assert outline.subtitle == subtitle


def test_a_summary_leaves_out_lines_that_ask_nothing_to_be_shown():
    from briefdeck.outline import SUMMARY_FLOOR

    texts = [
        "园区今年新签约项目12个",
        "风景如画，游人如织",
        "走进青川经开区纺织厂车间，一派繁忙景象",
        "园区营业收入增长15%",
    ]
    assert _salient(texts, 5, SUMMARY_FLOOR) == [texts[0], texts[3]]
    assert len(_salient(texts, 5)) == 4  # a section's budget alone leaves nothing out


def test_a_magnitude_word_is_the_cards_big_number_with_its_unit(tmp_path):
    from briefdeck.outline import figure_of

    source = tmp_path / "a.txt"
    source.write_text(
        "青川县竹编产业加快升级\n本报记者 王小明\n青川县竹编产业规模超千亿元，企业达到1200家。\n",
        "utf-8",
    )
    (article,) = read_articles(str(source))[0]
    (metric,) = [m for m in article.metrics if "千亿" in m.text]
    card = figure_of(metric)
    assert (card.value, card.unit, card.qualifier) == ("千亿", "元", "超")


def _salient(texts: list[str], most: int, floor: float | None = None) -> list[str]:
    """Return the texts the slide budget keeps of `most` (an article of the fixtures' zone)."""
    from briefdeck.outline import most_salient

    articles, _ = read_articles(str(fixture("zh_quotes_sections.txt")))
    shown, _ = most_salient([Bullet(t) for t in texts], most, articles[0], "", floor)
    return [b.text for b in shown]


def test_a_sections_own_statement_is_shown_and_a_mere_lead_in_is_not(tmp_path):
    outline = outline_of_text(
        tmp_path,
        "青川经开区：产业向新 园区向好",
        "近年来，青川经开区在招商和园区建设上用力，各项指标稳中有升。",
        "培育多元产业新体系",
        "青川经开区这些年的变化，离不开龙头企业的带动。眼下，装备、材料、食品三大产业"
        "齐头并进，多元产业体系初步形成。园区规上企业达到180家，其中高新技术企业96家。",
        "建好项目承载空间",
        "项目落地，离不开充足的空间。青川经开区今年新建标准厂房12万平方米。",
    )
    by_title = {s.title: [b.text for b in s.bullets] for s in outline.sections}
    first = by_title["培育多元产业新体系"]
    assert any(b.endswith("多元产业体系初步形成") for b in first), first
    assert not any("离不开" in b for lines in by_title.values() for b in lines)


def test_a_pull_quote_stands_where_it_was_said_among_the_bullets():
    from briefdeck.model import Quote
    from briefdeck.outline import with_pull_quote

    notes = (
        "青川经开区新建标准厂房12万平方米。“厂房一交付，我们就搬进来了。”企业负责人李华说。"
        "园区还为入驻企业配套建设了人才公寓3栋。"
    )
    section = SectionOutline(
        "平台建设",
        bullets=(
            Bullet("青川经开区新建标准厂房12万平方米"),
            Bullet("园区还为入驻企业配套建设了人才公寓3栋"),
        ),
        notes=notes,
    )
    quote = Quote("厂房一交付，我们就搬进来了。", "企业负责人李华", 0, 0)
    placed = with_pull_quote(section, quote)
    assert [(b.head, b.text[:6]) for b in placed.bullets] == [
        ("", "青川经开区新"),
        ("企业负责人李华", "“厂房一交付"),
        ("", "园区还为入驻"),
    ]


def test_a_features_news_told_after_its_opening_story_opens_the_summary(tmp_path):
    nut = "王伯一家的好日子，是青川县国家现代农业产业园带动果农增收的缩影"
    outline = outline_of_text(
        tmp_path,
        "果园里话增收",
        "清晨，青川县国家现代农业产业园里，果农王伯用手机查看果园墒情，今年苹果亩产5000斤。",
        "种了20年果树，王伯说，过去全凭经验，遇上倒春寒就减产一半。",
        "五年前，青川县着手建设国家现代农业产业园。",
        "王伯也用上了水肥一体化设备，每亩节省人工成本300元。",
        "手头宽裕了，王伯翻修了老屋，还给孙子买了电脑。",
        f"{nut}。产业园引进冷链物流企业12家，果品商品化处理率达到85%。",
        "周末，合作社要组织果农去外县学习，王伯早早报了名。",
        "漫山的果树，是青川县国家现代农业产业园发展的一个缩影。",
    )
    summary, *rest = outline.sections
    assert summary.bullets[0].text == nut
    assert not any(b.text == nut for s in rest for b in s.bullets)  # said once


def test_a_comparison_stays_with_the_figure_it_compares():
    sentence = (
        "在青川县国家现代农业产业园，58岁的老果农王伯点开孙子帮他装在手机上的“智慧果园”管理程序，"
        "页面显示，他家苹果亩产5000斤，比建园前多800多斤。"
    )
    lines = condense(sentence, ["5000斤", "800多斤"], ("青川县国家现代农业产业园",), 60)
    assert not any(line.startswith("比") for line in lines), lines


def test_members_announced_after_a_colon_are_all_named():
    sentence = (
        "一支攻关队伍很快搭建起来：青川工业研究院牵头并出资一部分，青川县组建铜业集团负责检测，"
        "王强的精工公司承担研发和试制，邻省的禾丰装备公司负责上线验证。"
    )
    text = "".join(condense(sentence, [], ("青川县",), 60))
    for member in ("青川工业研究院", "铜业集团", "精工公司", "禾丰装备公司"):
        assert member in text, text
    editor = (
        "编者按：营商环境是发展的土壤，近年来，有关部门反复强调要为企业办实事，青川县给辖区每家企业"
        "派驻联络员，搭建沟通平台，及时回应诉求。"
    )
    assert not any(line.startswith("编者按") for line in condense(editor, [], ("青川县",), 60))
