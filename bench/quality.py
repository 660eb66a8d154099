"""Count content defects of the decks built from a folder of articles, per class and per deck.

Run by hand (not by pytest) on any folder of articles you assembled yourself:

    python bench/quality.py DIR [--layouts briefing] [--verbose]

Every .txt/.md/.docx file under DIR is built as `briefdeck build FILE` would build it (one deck
per zone of the file; nothing is written). Each deck is linted (`briefdeck.lint`: fragment
bullets, unbalanced marks, weak card labels, bad chart categories, empty and single-bullet
slides, extra contents slides, quotes after the ending, zone names holding a particle), and
checked against its source: captions used as titles or contents entries, the lead's main news
missing from the summary slide, and card labels that do not start and end at word boundaries of
their source sentence.

If DIR holds a `manifest.yaml`, zones are checked against it. Each entry names a file relative
to DIR and either the zone it is about (`zone`, with `zone_aliases`; null for none) or, for a
whole page, the articles in order (`articles: [{title, zone}]`):

    - file: articles/001.txt
      zone: 青川高新区
      zone_aliases: [青川高新技术产业开发区]
    - file: pages/p1.txt
      articles: [{title: 某某, zone: null}, {title: 某某, zone: 青川高新区}]

An article's zone is right when it equals the gold zone or one of its aliases; a page is right
when it has as many articles as listed and decks exactly for the listed zones.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefdeck.bullets import refers_back
from briefdeck.chars import display
from briefdeck.errors import BriefdeckError
from briefdeck.faithful import mismatches
from briefdeck.layouts import load_layout_set
from briefdeck.lint import Defect, lint_deck
from briefdeck.model import Article, Deck
from briefdeck.outline import outline_zones
from briefdeck.pipeline import expand_inputs, read_articles
from briefdeck.plan import plan_deck
from briefdeck.vocab import vocabulary
from briefdeck.zones import zone_key

EXTRA = ("figure-mismatch", "caption-title", "main-news", "zone", "page-count", "page-decks",
         "error")  # fmt: skip
"""Source-aware defect classes, beside the lint's."""


@dataclass
class Report:
    """Defects found in one input file."""

    file: str
    decks: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    labels: int = 0
    """Card labels seen."""
    articles: int = 0

    def add(self, defect: str, example: str) -> None:
        self.counts[defect] += 1
        self.examples.append(f"{defect}: {example}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--layouts", default="briefing")
    parser.add_argument("--verbose", action="store_true", help="list every defect found")
    args = parser.parse_args()
    gold = _manifest(args.folder)
    layouts = load_layout_set(args.layouts)
    reports = []
    for source in expand_inputs([str(args.folder)]):
        reports.append(check_file(source, layouts, gold.get(_key(args.folder, source))))
    _print(reports, args.verbose)
    return 0


def _key(folder: Path, source: str) -> str:
    return Path(source).relative_to(folder).as_posix()


def _manifest(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / "manifest.yaml"
    if not path.is_file():
        return {}
    return {item["file"]: item for item in yaml.safe_load(path.read_text("utf-8")) or []}


def check_file(source: str, layouts: Any, gold: dict[str, Any] | None) -> Report:
    """Return the defects of the decks built from one file."""
    report = Report(Path(source).name)
    try:
        articles, _ = read_articles(source)
    except BriefdeckError as exc:
        report.add("error", str(exc))
        return report
    report.articles = len(articles)
    if gold is not None:
        _check_zones(report, articles, gold)
    for outline in outline_zones(articles):
        try:
            deck = plan_deck(outline, layouts)
        except BriefdeckError as exc:
            report.add("error", str(exc))
            continue
        report.decks.append(deck.zone)
        mine = [a for a in articles if a.zone == deck.zone]
        for line in mismatches(deck, mine):
            report.add("figure-mismatch", f"{deck.zone} {line}")
        for finding in lint_deck(deck):
            report.add(finding.defect.value, f"{deck.zone} slide {finding.slide}: {finding.text}")
        _check_source(report, deck, mine)
    return report


def _check_zones(report: Report, articles: tuple[Article, ...], gold: dict[str, Any]) -> None:
    """Compare the articles' zones with the manifest's."""
    if "articles" in gold:
        listed = gold["articles"]
        if len(listed) != len(articles):
            report.add("page-count", f"{len(articles)} articles found, {len(listed)} listed")
        want = [g for g in listed if g.get("zone")]
        got = {a.zone for a in articles if a.zone}
        matched = all(any(_same_zone(z, g) for g in want) for z in got)
        if not matched or len(got) != len({g["zone"] for g in want}):
            gold = sorted(g["zone"] for g in want)
            report.add("page-decks", f"decks for {sorted(got)}, gold {gold}")
        return
    for article in articles:
        if not _same_zone(article.zone, gold):
            report.add("zone", f"{article.zone!r}, gold {gold.get('zone')!r}")


def _same_zone(zone: str | None, gold: dict[str, Any]) -> bool:
    """Return True when `zone` is the gold zone or a variant of it: one name with its province
    or city (某市某区 is 某区), its kind's full form, or a qualifier before it."""
    names = {gold.get("zone"), *(gold.get("zone_aliases") or [])}
    if zone is None or None in names:
        return zone is None and gold.get("zone") is None
    mine = _variant(zone)
    return any(
        (a := _variant(n)) == mine
        or (min(len(a), len(mine)) >= 4 and (a.endswith(mine) or mine.endswith(a)))
        for n in names
    )


def _variant(name: str) -> str:
    """Return a zone name with variants folded: its key, without the province and city before
    a district or county, and without 市 after a city (广东东莞, 东莞市, 广东省东莞市: one)."""
    key = zone_key(name)
    key = re.sub(r"^.{2,8}?[省区]", "", key) if re.match(r"^.{2,8}?省", key) else key
    for province in vocabulary("zones")["provinces_zh"]:
        if key.startswith(province) and len(key) - len(province) >= 2:
            key = key[len(province) :].removeprefix("省").removeprefix("市")
            break
    key = re.sub(r"^.{2,12}?[市州]", "", key) if re.search(r"[区县旗]$", key) else key
    return re.sub(r"市$", "", key)


def _check_source(report: Report, deck: Deck, articles: list[Article]) -> None:
    """Report the defects a deck shows against its source articles."""
    captions = {display(c.text).rstrip("。.") for a in articles for c in a.captions}
    for n, slide in enumerate(deck.slides, start=1):
        report.labels += len(slide.cards)
        if slide.kind in ("cover", "photo"):
            continue
        entries = [p.text for p in slide.body.paragraphs] if slide.body else []
        for text in (slide.title, *entries):
            if any(_is_caption(text, c) for c in captions):
                report.add("caption-title", f"{deck.zone} slide {n}: {text}")
    summary = next((s for s in deck.slides if s.kind not in ("cover",)), None)
    body = summary.body.paragraphs if summary and summary.body else ()
    first = body[0].text if body else ""
    # the news may come after the one line it points back at (…成形。这是…的硕果)
    led = len(body) > 1 and refers_back(body[1].text) and body[1].text
    if articles and not any(_tells_news(line, articles[0]) for line in (first, led) if line):
        report.add("main-news", f"{deck.zone}: summary opens {first[:40]!r}")


def _is_caption(text: str, caption: str) -> bool:
    """Return True when `text` is the caption, or most of it."""
    text = text.rstrip("。.")
    if not (text and caption):
        return False
    return caption in text or (text in caption and len(text) * 2 > len(caption))


def _tells_news(line: str, article: Article) -> bool:
    """Return True when `line` is the lead's news in its own words: clauses of the first four
    paragraphs (a national framing may take three before the zone's news), in order, naming
    the zone or words of the title or kicker; or a feature's delayed lead, the sentence after
    its opening story that says what the story stands for (…是某园区…的缩影)."""
    paragraphs = [p.text for s in article.sections for p in s.paragraphs]
    lead = display("".join(paragraphs[:4]))
    delayed = any(m in line for m in vocabulary("genre")["nut_markers_zh"])
    if delayed and any(display(line) in display(p) for p in paragraphs[4:-1]):
        return any(name in line for name in article.zone_names)
    clauses = [c for c in re.split(r"[，,；;：:]", line) if c]
    at = 0
    for clause in clauses:
        at = lead.find(clause, at)
        if at < 0:
            return False
    head = f"{article.title}{article.kicker or ''}"
    words = {head[i : i + 2] for i in range(len(head) - 1)}
    named = any(name in line for name in article.zone_names)
    return bool(clauses) and (named or sum(w in line for w in words) >= 2)


def _print(reports: list[Report], verbose: bool) -> None:
    classes = [d.value for d in Defect] + list(EXTRA)
    total: Counter[str] = Counter()
    for report in reports:
        total.update(report.counts)
    labels = sum(r.labels for r in reports)
    decks = sum(len(r.decks) for r in reports)
    articles = sum(r.articles for r in reports)
    print(f"files {len(reports)}, articles {articles}, decks {decks}, card labels {labels}")
    print()
    print("| defect | count |")
    print("|---|---:|")
    for name in classes:
        print(f"| {name} | {total[name]} |")
    weak = total[Defect.WEAK_LABEL.value]
    print(f"\nweak card labels: {weak}/{labels} = {100 * weak / max(1, labels):.1f}%")
    print("\nper file:")
    for report in reports:
        found = ", ".join(f"{k} {v}" for k, v in sorted(report.counts.items()))
        decks = ", ".join(report.decks)
        print(f"  {report.file}: {len(report.decks)} decks ({decks}); {found or 'clean'}")
        if verbose:
            for example in report.examples:
                print(f"      {example}")


if __name__ == "__main__":
    sys.exit(main())
