"""Recover articles from blocks: titles, bylines, meta, headings, seams, captions, quotes,
and the tables that stand among them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from statistics import median
from typing import Any

from briefdeck.chars import ends_sentence, has_cjk, is_cjk, language
from briefdeck.errors import InputError
from briefdeck.model import (
    Article,
    Block,
    Caption,
    Document,
    Image,
    Paragraph,
    Quote,
    Section,
    Table,
)
from briefdeck.segment import prepare, tokens
from briefdeck.vocab import alternation, vocabulary
from briefdeck.zones import ArticleText, ZoneWords, attribute_zone

TITLE_MAX = 48
ATTRIBUTION = re.compile(r"^\s*(?:——|—|--)\s*\S")
"""A line crediting the quotation above it (`——摘自某某规划建议`, `— From …`)."""
ATTRIBUTION_MAX = 40
SPACED = re.compile(r"[\u4e00-\u9fff]\s{2,}[\u4e00-\u9fff]")
"""Phrases set apart by two spaces or more, as a subtitle under a title is written."""
LEAD_BAD_STARTS = ("c", "r", "p", "t", "m", "f")
"""Tags (first letters) of words a run-in topic sentence never opens with: conjunctions,
pronouns, prepositions, times, numerals, locatives."""
"""Longest title, in CJK characters (an English word counts as two)."""
HEADING_MAX = 30
"""Longest section heading, in CJK characters (an English word counts as two)."""
HEADING_COMMA_MAX = 16
"""Longest section heading that may hold a comma."""
CAPTION_MAX = 50
"""Longest caption line, in CJK characters."""
PICTURE_CAPTION_MAX = 100
"""Longest caption (one sentence or more) under a picture the document holds, in CJK
characters."""
_AUTO_ALT = re.compile(
    r"^(?:[\w.-]+\.(?:png|jpe?g|gif|bmp|tiff?|webp)|(?:图片|图像|图|Picture|Image|Photo)\s*\d*)$"
    r"|description automatically generated|自动生成的说明",
    re.IGNORECASE,
)
"""Alt text that no author wrote: a file name, `图片 1`, Word's generated description."""
SIGN_OFF_MAX = 24
"""Longest organisation name that signs an article off on its own last line."""
PICTURE_STORY_MAX = 200
"""A body this short (characters) under a photo credit, with no byline, is a picture story:
a photo and its caption, no report to brief on."""
KICKER_COLON_MAX = 12
"""Longest kicker that ends with a colon (`某某办：` above a title), in CJK characters."""
LEAD_MAX = 20
"""Longest run-in lead sentence, in characters."""


Start = tuple[int, int, str, str | None, tuple[str, ...]]
"""Where an article starts: first block, first body block, title, kicker, authors."""


# ------------------------------------------------------------------ line classes


@dataclass(frozen=True)
class _Rules:
    """Compiled patterns built from the genre vocabulary."""

    byline_mark: re.Pattern[str]
    roles: re.Pattern[str]
    credit: re.Pattern[str]
    inline_credit: re.Pattern[str]
    caption_opener: re.Pattern[str]
    meta: re.Pattern[str]
    dateline: re.Pattern[str]
    edition: re.Pattern[str]
    edition_suffix: re.Pattern[str]
    quote_after: re.Pattern[str]
    quote_before: re.Pattern[str]
    quote_after_en: re.Pattern[str]
    quote_before_en: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Return the structure patterns, compiled once per process."""
    g: dict[str, Any] = vocabulary("genre")
    roles = alternation(g["byline_roles_zh"])
    prefixes = alternation(g["byline_prefixes_zh"])
    credit_zh = alternation(g["credit_words_zh"])
    credit_en = alternation(g["credit_words_en"])
    verbs = alternation(g["speech_verbs_zh"])
    verbs_en = alternation(g["speech_verbs_en"])
    name = r"[^\s“”\"。，,：:！？!?；;（）()]"
    return _Rules(
        byline_mark=re.compile(rf"^[{re.escape(g['byline_marks'])}]\s*(.+)$"),
        roles=re.compile(
            rf"(?:{roles})(?:\s*[/／:：]\s*|\s+|(?=[\u4e00-\u9fff]))|(?:{prefixes})\s*[/／:：]\s*"
        ),
        credit=re.compile(
            rf"^(?:(?:{credit_zh})\s*[/／:：]?\s*\S.{{0,24}}"
            rf"|.{{1,28}}(?:{credit_zh})(?:\s*[（(][^（）()]{{1,12}}[）)])?)$"
            rf"|^(?:{credit_en})(?:\b|(?<=:)).{{0,60}}$|^[A-Z][A-Z .'-]{{2,40}}/[A-Z .'-]{{3,40}}$"
        ),
        inline_credit=re.compile(
            rf"^(.+?[。.!！])\s*((?:{credit_en})(?:\b|(?<=:)).{{0,60}}|[（(][^（）()]{{1,24}}(?:{credit_zh})[）)]"
            rf"|[A-Z][A-Z .'-]{{2,40}}/[A-Z .'-]{{3,40}})$"
        ),
        caption_opener=re.compile(rf"^(?:{alternation(g['caption_openers'])})"),
        meta=re.compile(
            rf"^[（(]?\s*(?:{alternation(g['meta_openers'])})\s*[:：]"
            r"|^《[^》]{1,30}》.{0,24}第\s*\d+\s*版"
            r"|^[（(]\s*(?:完|end)\s*[）)]$|^[—-]{1,2}\s*编\s*者\s*(?:按)?$"
            rf"|^[（(][^（）()]{{0,30}}(?:{roles})[^（）()]{{0,30}}[）)]$"  # （记者某某参与采写）
            r"|^[\s*＊※·•#=~～]{3,}$"  # a row of stars between parts of an article
            r"|^\S*@[\w-]+\.[\w.]+\S*$|^.{0,60}\b[\w.+-]+@[\w-]+\.[\w.]+\b.{0,20}$",
            re.IGNORECASE,
        ),
        dateline=re.compile(
            rf"^(\S{{0,16}}?(?:讯|电))?\s*[（(]\s*((?:{roles})[^（）()]{{1,40}})[）)]\s*"
        ),
        edition=re.compile(
            r"^《[^》]{1,30}》.{0,24}第\s*\d+\s*版|^[（(]\s*(?:19|20)\d\d年.{0,12}版\s*[）)]$"
        ),
        edition_suffix=re.compile(r"^(.*?)\s*(《[^》]{1,30}》\s*[（(][^（）()]{0,30}版\s*[）)]?)$"),
        quote_after=re.compile(
            rf"“([^“”]{{6,}}?)”\s*({name}{{2,40}}?)(?:{verbs})[，,：:。]?\s*(?:“([^“”]+)”)?"
        ),
        quote_before=re.compile(rf"({name}{{2,40}}?)(?:{verbs})\s*[：:]\s*“([^“”]{{6,}})”"),
        quote_after_en=re.compile(
            rf"[\"“]([^\"“”]{{12,}}?)[,.]?[\"”]\s*(?:({verbs_en})\s+([^.,;\"“”]{{2,80}})"
            rf"|([A-Z][^.,;\"“”]{{1,80}}?)\s+(?:{verbs_en}))"
        ),
        quote_before_en=re.compile(
            rf"([A-Z][^.,;\"“”]{{1,80}}?),?\s+(?:{verbs_en})[,:]?\s+[\"“]([^\"“”]{{12,}}?)[\"”]"
        ),
    )


def _width(text: str) -> int:
    """Return the length of `text` counting CJK characters as 1 and English words as 2."""
    cjk = sum(map(is_cjk, text))
    words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.-]*", text))
    return cjk + 2 * words


def authors_of(line: str) -> tuple[str, ...] | None:
    """Return the names of a byline line, or None when `line` is not a byline."""
    r = rules()
    text, edition = split_edition(line.strip())
    if not text or is_credit(text):
        return None
    english = re.match(r"^(?:By|BY)\s+([A-Z][^|]{1,80}?)\s*(?:\||$|\s+in\s+[A-Z])", text)
    if english:
        parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", english.group(1).strip())
        return tuple(p.strip() for p in parts if p.strip())
    marked = r.byline_mark.match(text)
    if marked:
        text = marked.group(1).strip()
    elif not (r.roles.search(text) or edition):
        return _bare_name(text)
    elif len(text) > 40 or ends_sentence(text):
        return None
    names = _names(text)
    if not names and (marked or edition) and len(text) <= 24:
        names = _pair_characters([t for t in re.split(r"[\s、，,]+", text) if t])
    return names or None


def _bare_name(text: str) -> tuple[str, ...] | None:
    """Return the name of a byline that is a person's name alone (`某某`, `某  某`), else None."""
    compact = re.sub(r"\s+", "", text)
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", compact):
        return None
    return (compact,) if tokens(compact)[0][1].startswith("nr") else None


def split_edition(line: str) -> tuple[str, str]:
    """Return a line and the edition line glued to its end (`某某《某某日报》（…第 5 版）`)."""
    match = rules().edition_suffix.match(line)
    if not match or not match.group(1):
        return line, ""
    return match.group(1).strip(), match.group(2)


def _pair_characters(tokens: list[str]) -> tuple[str, ...]:
    """Return name tokens with spaced-out two-character names joined (`喻  松` is 喻松)."""
    out: list[str] = []
    single = ""
    for token in tokens:
        if len(token) == 1 and is_cjk(token):
            if single:
                out.append(single + token)
                single = ""
            else:
                single = token
            continue
        if single:
            out.append(single)
            single = ""
        out.append(token)
    return tuple([*out, single] if single else out)


def _names(text: str) -> tuple[str, ...]:
    """Return the name tokens that follow role words in a Chinese byline.

    Text glued to the role that follows it is an affiliation (`某刊全媒体记者 某某`), not a name.
    """
    r = rules()
    text = re.sub(r"\s*报道$", "", text)
    roles = list(r.roles.finditer(text))
    if not roles:
        return ()
    names: list[str] = []
    for n, role in enumerate(roles):
        end = roles[n + 1].start() if n + 1 < len(roles) else len(text)
        piece = text[role.end() : end]
        tokens = [t.strip("：:（）() ") for t in re.split(r"[\s、，,/／]+", piece)]
        tokens = list(_pair_characters([t for t in tokens if t]))
        if n + 1 < len(roles) and piece and not piece[-1].isspace() and tokens:
            tokens.pop()  # glued to the next role: an outlet or posting
        names.extend(tokens)
    return tuple(names)


def is_meta(text: str) -> bool:
    """Return True for an edition, source, date, editor or sign-off line."""
    return bool(rules().meta.search(text)) and len(text) <= 120


def is_credit(text: str) -> bool:
    """Return True for a photo credit line."""
    return len(text) <= 60 and not text.endswith("。") and bool(rules().credit.match(text))


def is_title_like(text: str) -> bool:
    """Return True for a short line without final punctuation (title or heading shape)."""
    if ends_sentence(text) and not text.rstrip().endswith(("?", "？", "!", "！")):
        return False
    if text.rstrip().endswith(("，", ",", "、", "；", ";")):
        return False
    return 0 < _width(text) <= TITLE_MAX and "。" not in text


def is_heading_like(text: str) -> bool:
    """Return True for a line with the shape of a section heading (short, no clause breaks)."""
    if not is_title_like(text) or _width(text) > HEADING_MAX:
        return False
    return _width(text) <= HEADING_COMMA_MAX or not re.search(r"[，,；;]", text)


def _is_caption_shape(text: str) -> bool:
    """Return True for one short sentence (the shape of a photo caption)."""
    if _width(text) > CAPTION_MAX or not ends_sentence(text):
        return False
    body = text.rstrip("。.!！ ")
    return not re.search(r"[。！？!?；;]", body)


# ------------------------------------------------------------------ articles


@dataclass
class _Draft:
    """An article being assembled."""

    title: str
    kicker: str | None = None
    authors: tuple[str, ...] = ()
    meta: list[str] = field(default_factory=list)
    sections: list[tuple[str | None, list[list[Any]]]] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    tables: list[tuple[Table, int]] = field(default_factory=list)
    """Each table with the index of the draft section it stands in."""
    pending: list[Image] = field(default_factory=list)
    """The pictures right before the block being read, waiting for their caption."""
    credited: int = 0
    """How many captions stand before the last credit line."""


def structure(
    document: Document, zone_words: ZoneWords = ()
) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """Return the articles of `document` and the warnings met on the way.

    `zone_words` adds to the packaged zone vocabulary (see `zones.load_zone_words`).
    """
    blocks = document.blocks
    prepare("\n".join(b.text for b in blocks))
    starts = _article_starts(blocks)
    typical_gap = _typical_gap(blocks)
    articles: list[Article] = []
    warnings: list[str] = list(document.warnings)
    for n, (first, body_start, title, kicker, authors) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        tables: dict[int, list[Table]] = {}  # by the body block each one stands before
        for table in document.tables:
            if first < table.after <= end or (n == 0 and table.after == 0):
                tables.setdefault(max(0, table.after - body_start), []).append(table)
        images: dict[int, list[Image]] = {}  # likewise; one before a title is its article's
        for image in document.images:
            if first <= image.after < end or (n + 1 == len(starts) and image.after == end):
                images.setdefault(max(0, image.after - body_start), []).append(image)
        draft = _Draft(title=title, kicker=kicker, authors=authors)
        if n == 0:
            draft.meta.extend(b.text for b in blocks[:body_start] if is_meta(b.text))
        edition = split_edition(blocks[body_start - 1].text)[1] if authors and body_start else ""
        if edition:
            draft.meta.append(edition)
        if authors and body_start and "|" in blocks[body_start - 1].text:
            # `By Jane Doe | Daily | Updated: …`: the outlet and date after the names are meta
            draft.meta.append(blocks[body_start - 1].text.split("|", 1)[1].strip())
        _body(draft, blocks[body_start:end], typical_gap, tables, images)
        if not any(paragraphs for _, paragraphs in draft.sections):
            warnings.append(f"{document.source}: article {n + 1} ({title[:20]}) has no body text")
            continue
        articles.append(_finish(draft, document.source, len(articles), zone_words))
    if not articles:
        raise InputError(f"{document.source}: no article text (only titles, bylines or meta lines)")
    return tuple(articles), tuple(warnings)


def _typical_gap(blocks: tuple[Block, ...]) -> float:
    """Return the usual number of blank lines between paragraphs of the document."""
    gaps = [b.gap for b in blocks[1:]]
    return median(gaps) if gaps else 0


def _article_starts(
    blocks: tuple[Block, ...],
) -> list[Start]:
    """Return (first block, first body block, title, kicker, authors) for each article."""
    starts: list[Start] = []
    for i, block in enumerate(blocks):
        authors = authors_of(block.text)
        if authors is None or block.heading is not None:
            continue
        header = [j for j in (i - 2, i - 1) if j >= 0 and _header_line(blocks[j])]
        if i - 1 not in header:
            if i == 0:
                starts.append((0, 1, "", None, authors))
            continue
        if header and header[0] == i - 2 and starts and starts[-1][1] > i - 2:
            header = [i - 1]
        lines = [blocks[j].text for j in header]
        title, kicker = _title_and_kicker(lines)
        starts.append((header[0], i + 1, title, kicker, authors))
    starts = _dateline_starts(blocks, starts)
    starts = _heading_starts(blocks, starts)
    starts = _gap_starts(blocks, starts)
    prelude = starts[0][0] if starts else 0
    if starts and all(is_meta(b.text) for b in blocks[:prelude]):
        first = starts[0]
        starts[0] = (0, first[1], first[2], first[3], first[4])
    if not starts or starts[0][0] > 0:
        starts.insert(0, _headless_start(blocks, starts[0][0] if starts else len(blocks)))
    return starts


def _opens_article(text: str) -> bool:
    """Return True for a line that only an article's start has: a dateline or an edition line."""
    r = rules()
    dateline = r.dateline.match(text)
    return bool(dateline and dateline.group(1)) or bool(r.edition.match(text))


def _dateline_starts(blocks: tuple[Block, ...], starts: list[Start]) -> list[Start]:
    """Add the articles without a byline line: a title (and kicker) over a dateline or edition.

    `本报某地5月11日电（记者 某某）…` and `《某某日报》（…第 5 版）` open an article; the title-like
    lines right above them are its title and kicker.
    """
    taken = {j for s in starts for j in range(s[0], s[1])}
    added: list[Start] = []
    for i, block in enumerate(blocks):
        if i == 0 or i in taken or not _opens_article(block.text):
            continue
        header = [j for j in (i - 2, i - 1) if j >= 0 and j not in taken and _title_line(blocks[j])]
        if i - 1 not in header:
            continue
        if len(header) == 2 and i - 3 >= 0 and not ends_sentence(blocks[i - 3].text):
            header = [i - 1]  # the line above belongs to what comes before
        title, kicker = _title_and_kicker([blocks[j].text for j in header])
        added.append((header[0], i, title, kicker, ()))
    return sorted(starts + added)


def _title_line(block: Block) -> bool:
    """Return True for a line that may be a title or kicker: title-shaped (or a short line a
    colon ends, `某某办：`), not a byline, meta or credit."""
    said = block.text.endswith(("：", ":")) and _width(block.text) <= KICKER_COLON_MAX
    return (_header_line(block) or said) and authors_of(block.text) is None


def _header_line(block: Block) -> bool:
    return is_title_like(block.text) and not is_meta(block.text) and not is_credit(block.text)


def _title_and_kicker(lines: list[str]) -> tuple[str, str | None]:
    """Return the title and kicker among the one or two header lines above a byline."""
    if len(lines) == 1:
        return lines[0], None
    first, second = lines
    if second.endswith(("：", ":")) != first.endswith(("：", ":")):
        return (second, first) if first.endswith(("：", ":")) else (first, second)
    if second.startswith(("—", "-")) or first.endswith("—"):
        return first if second.startswith(("—", "-")) else second, _kicker(first, second)
    if _column(second) and not _column(first):
        return second, first
    if _width(first) > _width(second) or (_column(first) and not _column(second)):
        return first, second
    return second, first


def _kicker(first: str, second: str) -> str:
    """Return the kicker of two header lines: the one a dash leads into or out of, dashes gone."""
    line = second if second.startswith(("—", "-")) else first
    return line.strip("—- ")


def _column(title: str) -> str:
    """Return the column name a paper sets after a title (`…（经济聚焦）`), or empty."""
    match = re.search(r"[（(]([^（）()]{2,20})[）)]$", title)
    return match.group(1) if match and _width(title[: match.start()]) >= 6 else ""


def _gap_starts(blocks: tuple[Block, ...], starts: list[Start]) -> list[Start]:
    """Add the articles of a page that have no byline: a title line set off by as many blank
    lines as the page's other articles (more than its paragraphs), a whole sentence soon after."""
    found = [blocks[s[0]].gap for s in starts if s[0] > 0]
    if len(starts) < 2 or not found or min(found) <= _typical_gap(blocks):
        return starts
    taken = {i for s in starts for i in range(s[0], s[1])}
    for i in range(1, len(blocks) - 1):
        if i in taken or blocks[i].gap < min(found) or not _header_line(blocks[i]):
            continue
        two = i + 2 < len(blocks) and _header_line(blocks[i + 1])  # kicker and title
        body = i + 2 if two else i + 1
        ahead = [b.text for b in blocks[body : body + 4]]  # a photo and its credit may come first
        if any(ends_sentence(t) for t in ahead):
            title, kicker = _title_and_kicker([b.text for b in blocks[i:body]])
            starts.append((i, body, title, kicker, ()))
    return sorted(starts)


def _heading_starts(blocks: tuple[Block, ...], starts: list[Start]) -> list[Start]:
    """Add articles that start at a top-level Markdown/Word heading when deeper ones exist."""
    levels = [b.heading for b in blocks if b.heading is not None]
    if not levels or blocks[0].heading != min(levels) or max(levels) == min(levels):
        return starts
    top = min(levels)
    taken = {s[0] for s in starts} | {s[0] + 1 for s in starts}
    for i, block in enumerate(blocks):
        if block.heading == top and i not in taken:
            nxt = authors_of(blocks[i + 1].text) if i + 1 < len(blocks) else None
            body = i + 2 if nxt else i + 1
            starts.append((i, body, block.text, None, nxt or ()))
    return sorted(starts)


def _headless_start(blocks: tuple[Block, ...], end: int) -> Start:
    """Return the start of an article with no byline: its first title-like line is the title."""
    for i in range(min(end, 3)):
        block = blocks[i]
        if is_meta(block.text):
            continue
        if _header_line(block) and (block.heading is None or block.heading == 1 or i == 0):
            return (0, i + 1, block.text, None, ())
        break
    return (0, 0, "", None, ())


# ------------------------------------------------------------------ body


def _body(
    draft: _Draft,
    blocks: tuple[Block, ...],
    typical_gap: float,
    tables: dict[int, list[Table]] | None = None,
    images: dict[int, list[Image]] | None = None,
) -> None:
    """Sort the body blocks of one article into meta, credits, captions, headings, paragraphs;
    place its `tables` (by the index of the block each one stands before) in their sections,
    and give its `images` (placed likewise) to their captions."""
    tables, images = tables or {}, images or {}
    deep = any(b.heading is not None for b in blocks)
    spoken = _sentence_headings(blocks)
    siblings = _sibling_headings(blocks)
    draft.sections.append((None, []))
    paragraphs = draft.sections[-1][1]
    last = "start"  # kind of the previous block: body/caption/credit/heading/meta
    cut = False  # the last paragraph stops mid-sentence and goes on in a later block
    for i, block in enumerate(blocks):
        text = block.text
        _await_pictures(draft, images.get(i, []), last, block.heading is not None or i in spoken)
        if i in tables:
            draft.tables.extend(
                (replace(t, paragraph=len(paragraphs)), len(draft.sections) - 1) for t in tables[i]
            )
            cut = False  # a paragraph never goes on across a table
            last = "table" if last != "start" else last
        if block.heading is not None or i in spoken:
            paragraphs, last, cut = _open_section(draft, text), "heading", False
            continue
        opening = last in ("start", "meta") and not paragraphs
        if is_meta(text) or (opening and (_is_english_byline_rest(text) or _is_source_line(text))):
            draft.meta.append(text)
            last = "meta"
            continue
        if last == "start" and not paragraphs and SPACED.search(text) and is_title_like(text):
            draft.meta.append(text)  # 强产业  优环境: a subtitle of spaced phrases, no heading
            last = "meta"
            continue
        if ATTRIBUTION.match(text) and len(text) <= ATTRIBUTION_MAX:
            if len(draft.sections) == 1 and len(paragraphs) == 1:
                draft.meta.append(paragraphs.pop()[0])  # the epigraph the line credits
            draft.meta.append(text)  # ——摘自某某规划: a quotation's source, not news
            last, cut = "meta", False
            continue
        if last == "start" and not paragraphs and not draft.authors and authors_of(text):
            draft.authors = authors_of(text) or ()
            draft.meta.extend(m for m in (split_edition(text)[1],) if m)
            continue
        picture = _picture_line(draft, blocks, i, typical_gap, last, cut)
        if picture:
            last = picture
            continue
        under_heading, last = last == "heading", "body"
        if cut and is_heading_like(text) and not deep and i + 1 < len(blocks):
            cut = False  # a heading ends a cut paragraph: the rest of it was lost
        if cut:
            para = paragraphs[-1]
            para[0] = _join(para[0], text)
            para[1] += 1
            cut = not ends_sentence(para[0])
            continue
        heading = is_heading_like(text) or _long_heading(blocks, i) or i in siblings
        heading = heading or (under_heading and _second_line(blocks, i))
        if heading and not deep and i + 1 < len(blocks):
            paragraphs, last = _open_section(draft, text), "heading"
            continue
        text = _strip_dateline(draft, text)
        paragraphs.append([text, 0])
        cut = not (ends_sentence(text) or block.authored)  # an author's paragraph ends there
    draft.tables.extend(
        (replace(t, paragraph=len(paragraphs)), len(draft.sections) - 1)
        for t in tables.get(len(blocks), ())
    )
    _await_pictures(draft, images.get(len(blocks), []), last, True)


def _picture_line(
    draft: _Draft, blocks: tuple[Block, ...], i: int, typical_gap: float, last: str, cut: bool
) -> str | None:
    """Record block `i` when it is a photo credit or a caption (with its credit inline) and
    return its kind (`credit`, `caption`); None for any other block."""
    text = blocks[i].text
    if is_credit(text):
        draft.credits.append(text)
        pictured = bool(draft.pending)  # a picture right above the credit: the credit is its
        _flush_pictures(draft, last)
        _attach_credit(draft, text, last == "caption" or pictured)
        return "credit"
    inline = rules().inline_credit.match(text)
    section = len(draft.sections) - 1
    if inline and _is_caption_shape(inline.group(1)) and is_credit(inline.group(2)):
        draft.captions.append(_pictured(draft, Caption(inline.group(1), inline.group(2), section)))
        draft.credits.append(inline.group(2))
        draft.credited = len(draft.captions)
        return "caption"
    if _is_caption(blocks, i, typical_gap, last, cut) or _under_picture(draft, text):
        draft.captions.append(_pictured(draft, Caption(text, None, section)))
        return "caption"
    return None


def _under_picture(draft: _Draft, text: str) -> bool:
    """Return True for a line that is the caption of the picture right above it: that picture
    has no alt text of its own, and the line is short and ends a sentence."""
    if not draft.pending or _alt_caption(draft.pending[-1].alt):
        return False
    short = _width(text) <= PICTURE_CAPTION_MAX and not is_heading_like(text)
    return short and (ends_sentence(text) or bool(rules().caption_opener.match(text)))


def _pictured(draft: _Draft, caption: Caption) -> Caption:
    """Return `caption` with the picture right above it (the last of those waiting), the
    others given captions of their own first."""
    if not draft.pending:
        return caption
    *others, image = draft.pending
    draft.pending = others
    _flush_pictures(draft, "")
    return replace(caption, image=image)


def _await_pictures(draft: _Draft, images: list[Image], last: str, heading: bool) -> None:
    """Caption the pictures that waited in vain, then let `images` wait for the block they
    stand before (none when it is a heading: it takes no picture)."""
    _flush_pictures(draft, last)
    draft.pending = list(images)
    if heading:
        _flush_pictures(draft, last)


def _flush_pictures(draft: _Draft, last: str) -> None:
    """Give each waiting picture a caption of its own: its alt text (or none); a picture
    without alt text right under a caption without picture (`last`) is that caption's."""
    for image in draft.pending:
        alt = _alt_caption(image.alt)
        above = draft.captions[-1] if draft.captions and last == "caption" else None
        if not alt and above is not None and above.image is None:
            draft.captions[-1] = replace(above, image=image)
        else:
            draft.captions.append(Caption(alt, None, len(draft.sections) - 1, image))
        last = "picture"
    draft.pending = []


def _alt_caption(alt: str) -> str:
    """Return a picture's alt text as its caption; empty when no author wrote it."""
    alt = " ".join(alt.split())
    return "" if _AUTO_ALT.search(alt) else alt


def _long_heading(blocks: tuple[Block, ...], i: int) -> bool:
    """Return True for a long heading: a line with no final punctuation (`…，推动…`) between
    paragraphs that end their sentences, shorter than the paragraph it opens."""
    text = blocks[i].text
    if i == 0 or i + 1 >= len(blocks) or not is_title_like(text) or not has_cjk(text):
        return False
    before, after = blocks[i - 1].text, blocks[i + 1].text
    shaped = ends_sentence(before) and ends_sentence(after) and len(after) > 2 * len(text)
    return shaped and opens_like_heading(text)


def _second_line(blocks: tuple[Block, ...], i: int) -> bool:
    """Return True for a line right under a heading that is its second line: heading-long,
    no final punctuation, over a longer paragraph of whole sentences (…，帮企业把货卖向海内外)."""
    text = blocks[i].text
    after = blocks[i + 1].text if i + 1 < len(blocks) else ""
    longer = len(after) > len(text) and ends_sentence(after)
    return is_title_like(text) and _width(text) <= HEADING_MAX and longer


def _sibling_headings(blocks: tuple[Block, ...]) -> frozenset[int]:
    """Return the lines shaped like a long heading the article has (as many commas, about as
    long, between whole sentences), whatever the length of the paragraph they open."""
    longs = [blocks[i].text for i in range(len(blocks)) if _long_heading(blocks, i)]
    shapes = [(h.count("，"), len(h)) for h in longs if h.count("，")]
    found = set()
    for i in range(1, len(blocks) - 1):
        text = blocks[i].text
        if not (is_title_like(text) and has_cjk(text) and ends_sentence(blocks[i - 1].text)):
            continue
        alike = any(text.count("，") == c and 0.6 <= len(text) / n <= 1.6 for c, n in shapes)
        if alike and ends_sentence(blocks[i + 1].text):
            found.add(i)
    return frozenset(found)


def _open_section(draft: _Draft, heading: str) -> list[list[Any]]:
    """Start a section under `heading` and return its paragraph list.

    A heading right under another one (no text between) is its second line: the two are one
    heading, written `first second` (a two-part heading).
    """
    last_heading, last_paragraphs = draft.sections[-1]
    ends_caption = draft.captions and draft.captions[-1].section == len(draft.sections) - 1
    ends_table = draft.tables and draft.tables[-1][1] == len(draft.sections) - 1
    if last_heading is not None and not last_paragraphs and not ends_caption and not ends_table:
        draft.sections[-1] = (f"{last_heading.rstrip('。')}\n{heading}", last_paragraphs)
        return last_paragraphs
    draft.sections.append((heading, []))
    return draft.sections[-1][1]


def _sentence_headings(blocks: tuple[Block, ...]) -> frozenset[int]:
    """Return the blocks that are headings written as one short sentence (`搭建平台，让…起来。`).

    Such a line stands alone between long paragraphs; one alone may be a paragraph, so they
    count only when the article has at least two.
    """
    found = []
    for i in range(1, len(blocks) - 1):
        text = blocks[i].text
        if not _is_heading_sentence(text):
            continue
        before, after = blocks[i - 1].text, blocks[i + 1].text
        if min(len(before), len(after)) >= 2 * len(text) and not _is_heading_sentence(after):
            found.append(i)
    return frozenset(found) if len(found) >= 2 else frozenset()


def _is_heading_sentence(text: str) -> bool:
    """Return True for one short sentence ending in 。 or ！ that no quote or caption opens."""
    body = text.rstrip("。！!")
    if body == text or _width(text) > HEADING_MAX or re.search(r"[。！？!?；;：:]", body):
        return False
    if text.startswith(("“", '"', "（", "(")) or rules().caption_opener.match(text):
        return False
    return opens_like_heading(body) and not replies(body)


def opens_like_heading(text: str) -> bool:
    """Return True unless the first word carries the story on (终于, 如此, 此前, 在…): a
    conjunction, adverb, pronoun, preposition, time, numeral or locative opens no heading."""
    words = tokens(text)
    links = vocabulary("genre")["story_links_zh"]
    return (
        bool(words)
        and words[0][1][:1] not in (*LEAD_BAD_STARTS, "d")
        and (words[0][0] not in links)
    )


def replies(text: str) -> bool:
    """Return True for a line that replies to words said before it (某某深有同感): no heading."""
    return text.rstrip("。！!；;").endswith(tuple(vocabulary("genre")["reactions_zh"]))


def _is_source_line(text: str) -> bool:
    """Return True for a line under the title naming the body that issued the text and when
    (某某管委会 2025年5月): meta, not the lead."""
    found = re.fullmatch(r"(.{2,24}?)[\s　]*((?:19|20)\d\d年\d{1,2}月(?:\d{1,2}日)?)", text.strip())
    endings = tuple(vocabulary("genre")["organisation_endings_zh"])
    return found is not None and found.group(1).strip().endswith(endings)


def _is_english_byline_rest(text: str) -> bool:
    return bool(re.match(r"^(?:Updated|Published|Source)\s*:", text, re.IGNORECASE))


def _attach_credit(draft: _Draft, credit: str, after_caption: bool) -> None:
    """Give `credit` to the caption just before it when that caption has none; a credit line
    apart from any caption, to every caption without one since the credit line before it (the
    captions of the photos it credits, set apart from it by the page)."""
    start = len(draft.captions) - 1 if after_caption else draft.credited
    for k in range(max(0, start), len(draft.captions)):
        if draft.captions[k].credit is None:
            draft.captions[k] = replace(draft.captions[k], credit=credit)
    draft.credited = len(draft.captions)


def _is_caption(
    blocks: tuple[Block, ...], i: int, typical_gap: float, last: str, cut: bool
) -> bool:
    """Return True when block `i` is a photo caption standing apart from the text flow."""
    block = blocks[i]
    text = block.text
    if rules().caption_opener.match(text) and _width(text) <= CAPTION_MAX:
        return True
    if not _is_caption_shape(text):
        return False
    apart = block.gap > typical_gap or last == "caption"
    rest = [b for b in blocks[i + 1 :] if not is_credit(b.text) and not is_meta(b.text)]
    if cut:
        # Inside a page-break seam only a line set apart by the layout is a caption, and
        # the cut text must go on after it.
        return apart and bool(rest) and not is_heading_like(rest[0].text)
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and is_credit(nxt.text) and nxt.gap <= typical_gap:
        return True
    return block.gap > typical_gap and bool(rest)


def _join(head: str, tail: str) -> str:
    """Join the two halves of a paragraph that a page break cut, leaving nothing at the seam."""
    if head and tail and head[-1].isascii() and head[-1].isalnum() and tail[0].isascii():
        return f"{head} {tail}"
    if head.endswith((",", ";")) and tail[:1].isascii():
        return f"{head} {tail}"
    return head + tail


def _strip_dateline(draft: _Draft, text: str) -> str:
    """Move a dateline such as `本报讯（记者 李明）` to meta and its names to authors."""
    match = rules().dateline.match(text)
    if not match or not match.group(0).strip():
        return text
    names = _names(match.group(2))
    if names and not draft.authors:
        draft.authors = names
    draft.meta.append(match.group(0).strip())
    return text[match.end() :]


def _placed(
    table: Table, draft_section: int, kept: list[int], sections: tuple[Section, ...]
) -> Table:
    """Return `table` with the index of its section among the `kept` ones, and the number of
    that section's paragraphs before it (a table in a section left out goes at the start of
    the next one, or at the end of the last)."""
    section = min(sum(1 for k in kept if k < draft_section), len(kept) - 1)
    paragraphs = len(sections[section].paragraphs)
    if draft_section in kept:
        before = min(table.paragraph, paragraphs)
    else:
        before = 0 if kept[section] > draft_section else paragraphs
    return replace(table, section=section, paragraph=before)


def _finish(draft: _Draft, source: str, index: int, zone_words: ZoneWords) -> Article:
    """Return the finished article: leads, quotes, language and zone.

    A lone heading-shaped line that opens the body (`一颗雪梨，何以富了14个民族？`) is its
    opening line, not a section heading: an article with one section has no headings.
    """
    if len(draft.sections) == 2 and not draft.sections[0][1] and draft.sections[1][0]:
        opening, paragraphs = draft.sections[1]
        draft.sections = [(None, [[opening, 0], *paragraphs])]
        draft.tables = [(replace(t, paragraph=t.paragraph + 1), s) for t, s in draft.tables]
    _sign_offs(draft)
    kept = [n for n, (heading, paras) in enumerate(draft.sections) if heading is not None or paras]
    sections = tuple(
        Section(heading, tuple(Paragraph(t, run_in_lead(t), seams) for t, seams in paras))
        for heading, paras in (draft.sections[n] for n in kept)
    )
    tables = tuple(_placed(t, s, kept, sections) for t, s in draft.tables)
    title = draft.title or _fallback_title(sections)
    column = _column(title)
    if column:  # the column a paper files the article under is meta, not title
        title = title[: -len(column) - 2].rstrip()
        draft.meta.append(f"（{column}）")
    draft.kicker = draft.kicker.strip("—- ：:") if draft.kicker else None
    texts = [p.text for s in sections for p in s.paragraphs]
    body = "\n".join(texts)
    lang = language(title + body)
    text = ArticleText(title, draft.kicker or "", texts[0] if texts else "", body)
    zone, mentioned = attribute_zone(text, lang, zone_words)
    if draft.credits and not draft.authors and len(body) <= PICTURE_STORY_MAX:
        zone = None  # a picture story gets no deck of its own
    return Article(
        source=source,
        index=index,
        language=lang,
        title=title,
        zone=zone,
        zones_mentioned=mentioned,
        kicker=draft.kicker,
        authors=draft.authors,
        meta=tuple(draft.meta),
        sections=sections,
        captions=tuple(draft.captions),
        credits=tuple(draft.credits),
        quotes=find_quotes(sections),
        tables=tables,
    )


def _sign_offs(draft: _Draft) -> None:
    """Move the organisations that sign an article off (`某某镇经济发展办公室` on its own line
    after the last paragraph, as sections with nothing under them) to meta."""
    ends = tuple(vocabulary("genre")["organisation_endings_zh"])
    while len(draft.sections) > 1:
        heading, paragraphs = draft.sections[-1]
        last = paragraphs[-1][0] if paragraphs else ""
        if (
            heading
            and heading.endswith(ends)
            and len(paragraphs) <= 1
            and (not paragraphs or (last.endswith(ends) and not ends_sentence(last)))
        ):
            draft.meta.extend([heading, *(p[0] for p in paragraphs)])
            draft.sections.pop()
        else:
            break
    paragraphs = draft.sections[-1][1] if draft.sections else []
    while len(paragraphs) > 1 and _signs_off(paragraphs[-1][0], ends):
        draft.meta.append(paragraphs.pop()[0])  # the last line of the last section


def _signs_off(line: str, ends: tuple[str, ...]) -> bool:
    """Return True for an organisation's name alone on a line (`中共某某区委宣传部`)."""
    return (
        len(line) <= SIGN_OFF_MAX
        and line.endswith(ends)
        and not re.search(r"[，。,；;：:！？]", line)
    )


def _fallback_title(sections: tuple[Section, ...]) -> str:
    """Return a title for an article without one: its first heading or first sentence."""
    for section in sections:
        if section.heading:
            return section.heading
        for paragraph in section.paragraphs:
            return re.split(r"[。！？!?.]", paragraph.text, maxsplit=1)[0][:40]
    return "Untitled"


def run_in_lead(text: str) -> str | None:
    """Return the short topic sentence that opens a Chinese paragraph, without its punctuation."""
    match = re.match(r"^([^。！？!?“\"\d][^。！？!?\d]{1,39}?)[。！？]", text)
    if not match or not language(text).cjk:
        return None
    lead = match.group(1)
    rest = text[match.end() :]
    if len(lead) > LEAD_MAX or len(rest) < 2 * len(lead) or not is_cjk(lead[0]):
        return None
    first = tokens(lead)[0]
    if first[1][:1] in LEAD_BAD_STARTS or first[0] in vocabulary("genre")["story_links_zh"]:
        return None  # 如此，… / 接下来，…: the story's next step, not a topic
    return None if replies(lead) else lead


def find_quotes(sections: tuple[Section, ...]) -> tuple[Quote, ...]:
    """Return the direct quotes with speakers found in the paragraphs, in reading order."""
    r = rules()
    found: list[tuple[int, int, int, Quote]] = []
    for s, section in enumerate(sections):
        for p, paragraph in enumerate(section.paragraphs):
            text = paragraph.text
            for m in r.quote_after.finditer(text):
                words = m.group(1) + (m.group(3) or "")
                found.append((s, p, m.start(), Quote(words, m.group(2).strip(), s, p)))
            for m in r.quote_before.finditer(text):
                found.append((s, p, m.start(2), Quote(m.group(2), m.group(1).strip(), s, p)))
            for m in r.quote_after_en.finditer(text):
                speaker = (m.group(3) or m.group(4) or "").strip()
                quote = Quote(m.group(1).strip(" ,"), speaker or None, s, p)
                found.append((s, p, m.start(), quote))
            for m in r.quote_before_en.finditer(text):
                quote = Quote(m.group(2).strip(" ,"), m.group(1).strip(), s, p)
                found.append((s, p, m.start(2), quote))
    quotes = []
    for s, p, at, q in sorted(found, key=lambda f: f[:3]):
        before = (
            "".join(x.text for x in sections[s].paragraphs[:p])
            + sections[s].paragraphs[p].text[:at]
        )
        speaker = _named(_speaker(q.speaker), before) if q.speaker else None
        quotes.append(Quote(q.text, speaker, q.section, q.paragraph))
    return tuple(_unique_quotes(quotes))


def _named(speaker: str, before: str) -> str:
    """Return a speaker of `公司…` (`公司副总经理某某`) with the company the text named last
    before the words (`某某有限公司副总经理某某`); else as written."""
    short = re.match(r"(?:该)?公司", speaker)
    endings = alternation(vocabulary("genre")["company_endings_zh"])
    names = re.findall(rf"[\u4e00-\u9fff（）()]{{2,24}}?(?:{endings})", before) if short else []
    if not (short and names):
        return speaker
    name = re.sub(r"^.*?[，。；、在的]", "", names[-1]) or names[-1]  # 在某某公司车间: 某某公司
    return name + speaker[short.end() :]


def _speaker(name: str) -> str:
    """Return a speaker without the setting of the words (`某某在考察时` -> 某某) or the
    conjunction that leads the sentence in (`但企业方` -> 企业方)."""
    name = re.sub(r"^(?:但是|但|而|可是|不过|对此)(?=\w{2})", "", name)
    name = re.sub(r"(?:在|于).{1,20}?(?:时|中|上|期间)$", "", name).strip() or name
    return re.sub(r"(?<=\w{2})(?:笑着|感慨地|高兴地|自豪地|激动地|动情地|笑道)$", "", name)


def _unique_quotes(quotes: list[Quote]) -> list[Quote]:
    seen: set[str] = set()
    out = []
    for quote in quotes:
        if quote.text not in seen:
            seen.add(quote.text)
            out.append(quote)
    return out
