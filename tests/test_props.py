"""Document properties: the deck's own title, subject, sources, counts and times."""

from __future__ import annotations

import zipfile

from click.testing import CliRunner
from pptx import Presentation

from briefdeck.cli import main
from briefdeck.pipeline import read_articles
from tests.conftest import SEED, fixture


def build(out, *extra, env=None):
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(out), *extra], env=env)
    assert result.exit_code == 0, result.output
    return sorted(out.glob("*.pptx"))


def test_core_properties_are_the_decks_own(tmp_path):
    articles, _ = read_articles(str(SEED))
    for path in build(tmp_path):
        core = Presentation(str(path)).core_properties
        article = next(a for a in articles if a.zone == core.title)
        assert core.subject == article.title
        assert core.keywords.split("; ")[0] == article.zone
        assert core.language == "zh-CN"
        assert core.author == core.last_modified_by == ""
        assert "python-pptx" not in core.comments
        assert core.created.year >= 2026 and core.created == core.modified


def test_author_is_given_by_the_user(tmp_path):
    for path in build(tmp_path, "--author", "某某管委会办公室"):
        core = Presentation(str(path)).core_properties
        assert core.author == core.last_modified_by == "某某管委会办公室"


def test_app_properties_count_the_deck(tmp_path):
    for path in build(tmp_path):
        prs = Presentation(str(path))
        app = zipfile.ZipFile(path).read("docProps/app.xml").decode()
        assert f"<Slides>{len(prs.slides)}</Slides>" in app
        assert f"<Notes>{len(prs.slides)}</Notes>" in app
        assert "<Application>briefdeck</Application>" in app
        assert "<PresentationFormat>On-screen Show (16:9)</PresentationFormat>" in app
        assert "Microsoft" not in app and "<Paragraphs>0<" not in app


def test_description_names_the_publication(tmp_path):
    result = CliRunner().invoke(
        main, ["build", str(fixture("zh_bylines.txt")), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    descriptions = [Presentation(str(p)).core_properties.comments for p in tmp_path.glob("*.pptx")]
    assert any("日报" in d for d in descriptions), descriptions


def test_source_date_epoch_gives_identical_bytes(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first = build(tmp_path / "a", env=env)
    second = build(tmp_path / "b", env=env)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    core = Presentation(str(first[0])).core_properties
    assert core.created.isoformat() == "2023-11-14T22:13:20"
    assert {i.date_time for i in zipfile.ZipFile(first[0]).infolist()} == {
        (2023, 11, 14, 22, 13, 20)
    }


def test_long_properties_are_cut_after_a_separator():
    from briefdeck.render.props import PROPERTY_MAX, _fit

    titles = "; ".join(f"第{n}篇报道的标题写得相当长" for n in range(40))
    cut = _fit(titles)
    assert len(cut) <= PROPERTY_MAX and cut.endswith("长…")
    assert _fit("短标题") == "短标题"
