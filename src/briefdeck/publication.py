"""Where an article was published: the paper, the date and the page, read from its meta lines."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from briefdeck.language import DEFAULT, Language
from briefdeck.model import Article

_PAPER = re.compile(r"《([^》]{1,30})》")
_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\b")
_PAGE = re.compile(r"第\s*(\d{1,3})\s*版")


@dataclass(frozen=True)
class Publication:
    """The paper, date and page an article names, each empty when not found."""

    paper: str = ""
    """The paper's name, without its marks (`某某日报`)."""
    date: datetime.date | None = None
    """The publication date."""
    page: str = ""
    """The page number as written (`5`)."""

    def line(self, lang: Language = DEFAULT) -> str:
        """Return the publication as one line (`《某某日报》2025年3月2日 第5版`), or empty."""
        parts = []
        if self.paper:
            parts.append(f"《{self.paper}》" if lang.cjk else self.paper)
        if self.date:
            d = self.date
            parts.append(f"{d.year}年{d.month}月{d.day}日" if lang.cjk else d.isoformat())
        if self.page:
            parts.append(f"第{self.page}版" if lang.cjk else f"page {self.page}")
        sep = "" if lang.cjk else ", "
        text = sep.join(parts[:2]) + (" " + parts[2] if len(parts) > 2 else "")
        return text.strip()


def publication_of(article: Article) -> Publication:
    """Return the paper, date and page named by an article's meta lines (first found of each)."""
    paper = date = page = None
    for line in article.meta:
        paper = paper or _first(_PAPER, line)
        page = page or _first(_PAGE, line)
        date = date or _date(line)
    return Publication(paper or "", date, page or "")


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(1) if match else None


def _date(text: str) -> datetime.date | None:
    """Return the first calendar date written in `text`, or None."""
    match = _DATE.search(text) or _ISO.search(text)
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
