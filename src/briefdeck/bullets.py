"""Condense source sentences into short bullets: whole clauses, complete points, with subjects."""

from __future__ import annotations

import re
from typing import Any

from briefdeck.chars import display, has_cjk, sentences
from briefdeck.lint import PAIRS, fragment_reason, is_setting, is_unbalanced
from briefdeck.model import Bullet, Metric, Paragraph
from briefdeck.segment import tokens
from briefdeck.vocab import vocabulary

SPEAKER_LINE = 12
"""A sentence this short right after words said only says who said them (企业方有疑问。)."""
LIST_ITEM_MAX = 8
"""Longest name (characters) taken for a list's last item before the list's count."""
SUBJECT_MAX = 12
"""Longest noun phrase (characters) a later line of a sentence repeats as its subject."""
TOPIC_SHARED = 3
"""Pairs of characters of a title's words a sentence shares with it to be about its topic."""
OPENING_MAX = 6
"""Longest opening clause (characters) a pointer may follow (今天看来，这…)."""
NUMERALS = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
"""Counts of a list a sentence announces (三个优先, 两大任务)."""


def paragraph_bullets(
    paragraph: Paragraph,
    figures: list[Metric],
    zones: tuple[str, ...],
    limit: int,
    skip: frozenset[str] = frozenset(),
    every: bool = False,
    before: str = "",
    topic: frozenset[str] = frozenset(),
) -> list[Bullet]:
    """Return the bullets of a paragraph: its first sentence, every sentence with a figure or
    about the `topic` (the words of its section's title), or `every` sentence; none of the
    sentences in `skip` (nor part of one: a quotation read whole there); a sentence that
    points back keeps the one before it, in this paragraph or (`before`) the last of the
    paragraph before."""
    text = paragraph.text
    head = ""
    if paragraph.lead:
        head = display(paragraph.lead)
        text = text[len(paragraph.lead) + 1 :]
    out: list[Bullet] = []
    found = sentences(text)
    opening = next((n for n, sentence in enumerate(found) if not bare_quote(sentence)), 0)
    asked = [x.rstrip().endswith(("？", "?")) for x in found]  # a question is no point
    shown = [
        not (bare_quote(x) or asked[n] or any(s in x or x in s for s in skip if s))
        for n, x in enumerate(found)
    ]
    chosen = [
        n
        for n, sentence in enumerate(found)
        if (
            n == opening
            or every
            or concrete(sentence)
            or any(m.text in sentence for m in figures)
            or about(sentence, topic)
        )
        and shown[n]
        and not (n and bare_quote(found[n - 1]) and len(sentence) < SPEAKER_LINE)  # “…”某某说。
    ]
    antecedents = [n - 1 for n in chosen if n and refers_back(found[n]) and shown[n - 1]]
    earlier = before and chosen and chosen[0] == 0 and found and refers_back(found[0])
    if earlier and not (bare_quote(before) or any(s in before for s in skip if s)):
        found, chosen = [before, *found], [0, *(n + 1 for n in chosen)]
        antecedents = [n + 1 for n in antecedents]
    for n in sorted({*chosen, *antecedents}):
        inside = [m for m in figures if m.sentence and m.text in found[n]]
        for line in condense(found[n], [m.text for m in inside], zones, limit, every):
            out.append(Bullet(line, head if not out else ""))
    if head and not out and not head.endswith(("？", "?")):
        out.append(Bullet("", head))  # a question is no point on its own
    return out


def topic_words(title: str) -> frozenset[str]:
    """Return the words a title names its topic by: its nouns and verbs of two characters
    or more."""
    return frozenset(w for w, tag, _ in tokens(title) if len(w) >= 2 and tag[:1] in "nv")


def about(sentence: str, topic: frozenset[str]) -> bool:
    """Return True for a sentence that shares with a title's `topic` words TOPIC_SHARED
    pairs of characters (智能·制造·集群 under 壮大智能制造新集群)."""
    pairs = {w[n : n + 2] for w in topic for n in range(len(w) - 1)}
    return sum(1 for pair in pairs if pair in sentence) >= TOPIC_SHARED


def bare_quote(sentence: str) -> bool:
    """Return True for a sentence that is words said and nothing else (“……。”, or the last
    sentences of a quote): without its speaker, a bullet would read as the deck's own words."""
    bare = sentence.strip()
    tail = bare.count("”") > bare.count("“")  # the last sentences of words said
    return tail or (bare.startswith("“") and bare.endswith("”") and bare.count("“") == 1)


def steps_of(line: str) -> list[str]:
    """Return the steps of a line of plans (将A，B，推动C): its clauses without settings, when
    there are several and each is a complete point; else empty (words said stay with the
    clause that announces them)."""
    english = not has_cjk(line)
    parts = clauses(line, english)
    if any(c.rstrip().endswith(("：", ":")) for c in parts):
        return []
    steps = [_tidy(c) for c in parts]
    steps = [c for c in steps if english or not (is_setting(c) or len(c) < 5)]  # 下一步
    whole = len(steps) > 1 and all(fragment_reason(c) is None for c in steps)
    if not english and any(tokens(c)[0][1] == "p" for c in steps[1:]):
        return []  # …发力，为…打下基础: what the step is for, no step of its own
    return [_sentence_case(c, english) for c in steps] if whole else []


def concrete(sentence: str) -> bool:
    """Return True for a sentence that names something (an organisation, a place, a title in
    《》, a term in quotation marks) or dates it: a fact worth a bullet, figure or not."""
    if re.search(r"《[^》]+》|“[^”]{2,12}”|\d{4}年|\d{1,2}月", sentence):
        return True
    return any(tag in ("nt", "nz", "ns") for _, tag, _ in tokens(sentence))


def refers_back(sentence: str) -> bool:
    """Return True for a sentence that opens by pointing at the one before (该平台…, 此举…,
    即1个…, 仅此一项…, or past a short opening: 今天看来，这…): shown alone, it would point
    at nothing."""
    bare = sentence.lstrip('“"「')
    first, comma, rest = bare.partition("，")
    words = tokens(first)
    short = comma and words and len(first) <= OPENING_MAX and words[0][1] != "c"  # not 即便…，
    return any(_points(opening) for opening in ([bare, rest] if short else [bare]))


def _points(text: str) -> bool:
    """Return True for text that opens with a pointer, perhaps after one adverb (仅此一项)."""
    words = tokens(text)[:2]
    if words and words[0][1] == "d" and len(words) > 1:
        words = words[1:]
    if not words or words[0][1] == "c" or words[0][0] in vocabulary("genre")["story_links_zh"]:
        return False  # 即便…, 此外…: a conjunction or a link, not a pointer
    return words[0][0].startswith(tuple(vocabulary("lint")["back_references_zh"]))


def condense(
    sentence: str, keep: list[str], zones: tuple[str, ...], limit: int, whole: bool = False
) -> list[str]:
    """Return one or more short lines made of whole clauses of `sentence`.

    The first line gathers the sentence's opening clauses (a bare time or linking clause
    such as 同时 or 2024年 is skipped); later lines hold the clauses with a figure (or, when
    `whole`, every clause). Clauses are cut at ，；：、 outside quotation marks and joined in
    source order, the zone's name stays as a subject (in English it goes when the line is too
    long), and every string of `keep` (the
    figures) ends up in some line.
    """
    english = not has_cjk(sentence)
    size = _size_en if english else len
    whole = whole or (not english and _announces_members(sentence, limit))
    statements = _split(sentence, "；;") if not english else [sentence]
    if len(statements) > 1 and size(_tidy(sentence)) > limit:
        return _statement_lines(statements, keep, zones, limit, whole)
    parts = clauses(sentence, english)
    if not english and size(_tidy("".join(parts))) > limit:
        parts = _main_clauses(parts, keep, limit)
    subject = _subject(parts[0], zones) if parts and not english else ""
    if english and size(_tidy("".join(parts))) > limit:  # the zone as subject goes to save room
        parts = [_drop_subject(part, zones) for part in parts]
    lines: list[str] = []
    current = ""
    held: list[str] = []  # the clauses just left out, which a 即… or 此… clause points at
    for at, clause in enumerate(parts):
        subject = (_subject(clause, zones) if not english else "") or subject  # the latest name
        has_figure = whole or any(k in clause for k in keep) or _notable(clause)
        opening = not lines
        pending, held = held, []
        if pending and not current and refers_back(clause):
            clause = _pointed(pending, clause, limit, size)
        if not (opening or has_figure):
            if current and size(_tidy(_glue(current, clause, english))) <= limit:
                current = _glue(current, clause, english)  # what the figure led to: 月底投产
                continue
            if current:
                lines.append(current)
                current = ""
            held = [*pending, clause]
            continue
        after = parts[at + 1] if at + 1 < len(parts) else ""
        if opening and not (has_figure or current) and _skipped(clause, after, limit, size):
            continue
        fits = size(_tidy(clause)) <= limit
        piece = clause if fits else _shorten(clause, keep, limit, size)
        if not piece or (not (fits or has_figure) and fragment_reason(_tidy(piece))):
            continue  # a long opening cut to a fragment (在全国首家): the next clause opens
        glued = _glue(current, piece, english)
        fronted = not lines and _tidy(current).startswith(("对", "对于")) and fits
        compared = _tidy(piece).startswith(tuple(vocabulary("genre")["comparisons_zh"]))
        if current and (fronted or compared) and size(_tidy(glued)) <= limit * 3 // 2:
            current = glued  # 对…的产品，按…给予补贴: a fronted object goes with what is done to it
            continue  # …亩产1105斤，比…多300多斤: a comparison goes with what it compares
        if current and size(_tidy(glued)) > limit:
            if not lines and fragment_reason(_tidy(current)):
                current = ""  # an opening setting alone is no point: the clause after it opens
            else:
                lines.append(current)
                current = ""
                if not has_figure:
                    held = [*pending, clause]
                    continue
        if lines and not current:
            piece = _carried(subject, piece, zones, limit)  # 某某电站…，取得了…: who did it
        current = _glue(current, piece, english)
        if not fits:
            lines.append(current)
            current = ""
    if current:
        lines.append(current)
    return _finished(sentence, lines, english, size, limit)


def _statement_lines(
    statements: list[str], keep: list[str], zones: tuple[str, ...], limit: int, whole: bool
) -> list[str]:
    """Return the lines of statements parted by semicolons: the first, and those with a figure
    (or, when `whole`, every one), each condensed on its own."""
    return [
        line
        for n, part in enumerate(statements)
        if n == 0 or whole or any(k in part for k in keep)
        for line in condense(part, [k for k in keep if k in part], zones, limit, whole)
    ]


def _skipped(clause: str, after: str, limit: int, size: Any) -> bool:
    """Return True for an opening clause a line skips, unless it is the place a sentence
    without a subject tells of (在某地，藏着…)."""
    located = clause.startswith("在") and has_cjk(clause) and _predicate_first(after)
    return not (located or _subject_of(clause, after)) and _opening_gives_way(clause, limit, size)


def _subject_of(clause: str, after: str) -> bool:
    """Return True for a short noun phrase set off before a clause that opens with its verb:
    that clause's subject (三幅图景，描绘出…)."""
    words = tokens(_tidy(clause)) if has_cjk(clause) else ()
    nominal = bool(words) and words[-1][1][:1] == "n" and all(t[:1] in "nmqb" for _, t, _ in words)
    verb = tokens(_tidy(after))[:1] if has_cjk(after) else ()
    return nominal and (_predicate_first(after) or (bool(verb) and verb[0][1] in ("i", "l")))


def _carried(subject: str, piece: str, zones: tuple[str, ...], limit: int) -> str:
    """Return `piece`, a later line's first clause, led by the `subject` that acted when it
    opens with its verb, does not name it already (让某地…) and the line still fits (English
    lines have no subject carried)."""
    named = any(piece.startswith(z[:2]) for z in zones)  # 某市全市…: a place, tagged a verb
    carried = subject + piece
    fresh = subject not in piece
    if subject and fresh and _verb_first_zh(piece) and not named and len(carried) <= limit:
        return carried
    return piece


def _notable(clause: str) -> bool:
    """Return True for a clause that tells a first, a record or an honour (首个…, 亚洲最大的…,
    入选…名单): kept as a figure's clause is."""
    if not any(word in clause for word in vocabulary("genre")["notable_zh"]):
        return False
    words = tokens(_tidy(clause))
    verb = any(tag[:1] == "v" for _, tag, _ in words)  # a predicate: not 以及…国家级平台, 在…
    return bool(words) and words[0][1] not in ("c", "p") and verb and not is_setting(_tidy(clause))


def _pointed(left_out: list[str], clause: str, limit: int, size: Any) -> str:
    """Return `clause`, which points back (即1个…, 仅此一项…), led by as many of the clauses
    left out just before it as fit in `limit`: what it points at goes with it."""
    for n in range(len(left_out)):
        explained = "".join(left_out[n:]) + clause
        if size(_tidy(explained)) <= limit:
            return explained
    return clause


def _finished(sentence: str, lines: list[str], english: bool, size: Any, limit: int) -> list[str]:
    """Return the lines of `sentence` as points: a list whole, a supposition whole (in half a
    line more) or not at all, each line complete; a lead-in whose words were cut (某某有新期盼：)
    announces nothing."""
    lines = _whole_list(sentence, lines, limit)
    cut = len(lines) > 1 or sum(size(_tidy(line)) for line in lines) < size(_tidy(sentence)) - 2
    supposed = any(w in sentence for w in vocabulary("genre")["supposition_zh"])
    if cut and (supposed or _pair_cut(sentence, lines)):
        # 如果…，可以获得…: a condition or a consequence alone would state a fact; 不仅…，更…:
        # the first half alone would say less than the sentence
        whole = _tidy(sentence)
        lines = [whole] if size(whole) <= limit * 3 // 2 else []
    out = [
        _complete(_tidy(line), english) for line in lines if not line.rstrip().endswith(("：", ":"))
    ]
    return [_sentence_case(display(line), english) for line in out if line]


def _pair_cut(sentence: str, lines: list[str]) -> bool:
    """Return True when a line holds the first half of a pair (不仅…) of `sentence` whose
    second half (…更是…) no line holds."""
    genre = vocabulary("genre")
    for first in genre["pair_first_zh"]:
        at = sentence.find(first)
        after = sentence[at + len(first) :] if at >= 0 else ""
        seconds = [word for word in genre["pair_second_zh"] if word in after]
        holding = [line[line.find(first) + len(first) :] for line in lines if first in line]
        if seconds and holding and not any(w in h for h in holding for w in seconds):
            return True
    return False


def _whole_list(sentence: str, lines: list[str], limit: int) -> list[str]:
    """Return `lines` with a list the sentence announces by its count (“三个优先”的原则——A，B，C;
    “三园共建”——A，B，C)
    shown whole or not at all: when some items were cut, the line that announces it holds the
    whole list if that fits in half as much again as `limit`, else the announcement only."""
    numerals = "".join(NUMERALS)
    pattern = rf"[{numerals}][\u4e00-\u9fff][^，。；——：]{{0,12}}(——|：)"  # 三个优先, 三园共建
    found = next(
        (
            m
            for m in re.finditer(pattern, sentence)
            if len(_split(sentence[m.end() :], "，,；;")) == NUMERALS[m.group(0)[0]]
        ),
        None,
    )
    if not found:
        return lines
    count = NUMERALS[sentence[found.start()]]
    items = _split(sentence[found.end() :], "，,；;")
    shown = [item for item in items if any(_tidy(item) in line for line in lines)]
    if len(shown) in (0, count):
        return lines
    marker, listed = found.group(1), _tidy(sentence[found.start(1) :])
    out, announced = [], False
    for line in lines:
        if not any(_tidy(item) in line for item in items):
            out.append(line)
        elif marker in line and not announced:
            lead = line[: line.index(marker)]  # the announcement as this line words it
            whole = lead + listed
            out.append(whole if len(whole) <= limit * 3 // 2 else _tidy(lead))
            announced = True
    return out


def _main_clauses(parts: list[str], keep: list[str], limit: int) -> list[str]:
    """Return the clauses of a Chinese sentence too long for one line without its settings:
    a clause of purpose, means or circumstance (为有效激活…, 围绕…, 通过…, 在…下) that holds no
    figure and is followed by another clause gives way to the main clauses it leads to; an
    opening purpose runs on over the verb phrases after it, up to the clause with a subject
    (为激活…，增强…，某某出台…). A means opening the sentence (某某通过打造…平台) stays when it
    fits one line with the clause it leads to: it names what was used."""
    bare = [not any(k in part for k in keep) and not is_date(part) for part in parts]
    subjects = [_subject(part) for part in parts]
    means = tuple(vocabulary("genre")["means_openers_zh"])
    setting = [
        n < len(parts) - 1
        and bare[n]
        and is_setting(_tidy(p)[len(subjects[n]) :])
        and not (
            (subjects[n] or n == 0)  # 某某通过…, opening the sentence: not a means mid-way
            and _tidy(p)[len(subjects[n]) :].startswith(means)
            and len(_tidy(p + parts[n + 1])) <= limit
        )
        for n, p in enumerate(parts)
    ]
    main = next((n for n in range(1, len(parts)) if subjects[n]), 0)
    if setting[:1] == [True]:
        for n in range(1, main):
            if not (bare[n] and _verb_first_zh(parts[n])):
                break
            setting[n] = True
    out, carried = [], ""
    for n, part in enumerate(parts):
        if setting[n]:
            carried = subjects[n] or carried  # 某某区依托…，加快打造…: the subject goes on
        else:
            out.append(carried + part if carried and _lacks_subject(part) else part)
            carried = ""
    return out if any(not is_setting(_tidy(p)) for p in out) else parts


def _subject(clause: str, zones: tuple[str, ...] = ()) -> str:
    """Return the name a Chinese clause opens with when its predicate follows (青川某站通过…:
    青川某站): a zone's name, or nouns, the last a proper noun or ending as a name that
    acts ends; else empty."""
    for zone in sorted(zones, key=len, reverse=True):
        rest = tokens(_tidy(clause)[len(zone) :]) if clause.startswith(zone) else ()
        if rest and rest[0][1][:1] in ("v", "d", "p"):
            return zone  # the segmenter may cut a zone's name (大|和|高新区): it is one name
    words = tokens(_tidy(clause))
    genre = vocabulary("genre")
    proper = vocabulary("zones")["proper_tags"]
    if words and words[0][0] in ("该", "此"):
        return _pointer_subject(words)
    if not words or words[0][1][:1] != "n":
        return ""
    head, best = "", ""
    for n, (word, tag, _) in enumerate(words):
        if tag[:1] != "n" or tag == "vn" or word in genre["adverbs_zh"]:
            break
        head += word
        after = words[n + 1] if n + 1 < len(words) else ("", "", 0)
        named = tag in proper or head.endswith(tuple(genre["subject_endings_zh"]))
        predicate = after[1][:1] in ("v", "d", "p") or after[0] in genre["adverbs_zh"]
        predicate = predicate and after[0] not in ("与", "和", "同", "跟")  # A与B携手: both act
        if named and predicate and 2 <= len(head) <= SUBJECT_MAX and after[0] not in ("是", "的"):
            best = head
    return best


def _pointer_subject(words: tuple[tuple[str, str, int], ...]) -> str:
    """Return the name a clause opening with a pointer acts under (该攻关平台由…领衔:
    该攻关平台), up to the preposition, adverb or verb of its predicate; else empty."""
    head = words[0][0]
    for n, (word, tag, _) in enumerate(words[1:], 1):
        after = words[n + 1][1] if n + 1 < len(words) else "x"
        if tag[:1] in ("p", "d") or (tag[:1] == "v" and after[:1] != "n"):
            named = words[n - 1][1][:1] == "n" and n > 1
            return head if named and len(head) <= SUBJECT_MAX else ""
        head += word
    return ""


def _lacks_subject(clause: str) -> bool:
    """Return True for a Chinese clause that names no one doing it: no name or proper noun
    opens it, nor a pronoun, a time or a number (首创…, 不仅建成了…, 为青年…)."""
    words = tokens(_tidy(clause))
    proper = vocabulary("zones")["proper_tags"]
    opener = words[0][1] if words else "x"
    return not _subject(clause) and opener[:1] not in ("r", "t", "m", "x") and opener not in proper


def _verb_first_zh(clause: str) -> bool:
    """Return True when a Chinese clause opens with a verb, an adverb or a preposition: no
    subject of its own."""
    words = tokens(_tidy(clause))
    return bool(words) and words[0][1][:1] in ("v", "d", "p") and words[0][0] not in ("是", "为")


def _predicate_first(clause: str) -> bool:
    """Return True when a Chinese clause opens with its predicate: a verb, or a word with an
    aspect particle after it (藏着…, which the segmenter may not tag a verb)."""
    words = tokens(_tidy(clause))
    return _verb_first_zh(clause) or (len(words) > 1 and words[1][0] in ("着", "了", "过"))


def _announces_members(sentence: str, limit: int) -> bool:
    """Return True for a sentence that announces its members after a colon, three or more
    clauses each with its own subject (联合体组建：A出资，B检测，C研发，D验证。), short enough for
    two lines: shown whole, since a cut would name some and drop the rest."""
    head, colon, rest = sentence.partition("：")
    members = [c for c in re.split(r"[，；]", rest) if c.strip("。 ") and not _lacks_subject(c)]
    told = any(tag[:1] == "v" for _, tag, _ in tokens(head))  # not a label: 编者按：
    short = len(head) <= limit * 2 // 3 and len(sentence) <= 2 * limit
    return bool(colon) and told and short and len(members) >= 3


def _opening_gives_way(clause: str, limit: int, size: Any) -> bool:
    """Return True for an opening clause a line skips: a bare time or link (同时, 2024年), or
    a long setting alone (在全国首家…的某某中心) that leaves no room for the point after it."""
    bare = _tidy(clause)
    words = vocabulary("lint")
    if bare.endswith(tuple(words["speech_endings_zh"])) or bare in words["hedges_zh"]:
        return False  # 某某说, 按惯例: who says it, or how far it holds, stays with the point
    if bare in words["back_references_zh"]:
        return False  # 其中，出口…: part of the total just told, said so
    if is_date(bare):
        return False  # 今年3月, 截至6月, 几年前: when it happened is part of the fact
    return size(bare) < 5 or (size(bare) > limit * 2 // 3 and fragment_reason(bare) is not None)


def is_date(clause: str) -> bool:
    """Return True for a Chinese clause that only dates what follows (今年3月, 截至6月, 几年前,
    8月上旬, 2024年底, 上世纪), not a bare time word (目前, 如今) nor a link (同时)."""
    bare = re.sub(r"^(?:截至|截止|到|自|从|在|于)", "", _tidy(clause))
    words = tokens(bare) if bare and has_cjk(bare) else ()
    era = re.fullmatch(r"(?:上|\d+)世纪(?:\d+年代)?[起初末以来]*", bare)  # 上世纪, 20世纪90年代起
    dated = re.search(r"\d|[今去明前上本]年|几年|[月旬]|季度", bare) is not None
    timed = all(tag[:1] in ("t", "m", "f", "q") for _, tag, _ in words)
    return bool(words) and (era is not None or (dated and timed))


def _complete(line: str, english: bool) -> str:
    """Return `line` as a complete point: a dangling last clause dropped; empty if none is left.

    A line that ends on a speech verb, a preposition, a particle or a bare time word (目前, 时)
    lost what follows; its last clause goes (with a clause a preposition opens right before it,
    which led into it), and a line that is still not a point is dropped.
    """
    seps = ",;:" if english else "，,；;：:"
    while line and is_unbalanced(line):  # a quote cut short: the clause it opens goes
        opener = max((line.rfind(o) for o, c in PAIRS if line.count(o) > line.count(c)), default=-1)
        cut = max((line.rfind(c, 0, opener) for c in seps), default=-1) if opener > 0 else -1
        if cut > 0 and line[cut] in "：:":
            return ""  # 某某有新期盼：“…: a lead-in to words that were cut announces nothing
        line = _without_setting(_tidy(line[:cut])) if cut > 0 else ""
    while line and fragment_reason(line) is not None:
        cut = max(line.rfind(c) for c in seps)
        if cut <= 0:
            return ""
        line = _without_setting(_tidy(line[:cut]))
    return line


def _without_setting(line: str) -> str:
    """Return `line` without a last clause that a preposition opens and no verb follows
    (在田间地头): once the clause it led into is cut, it sets the scene for nothing."""
    last = re.split(r"[，,；;：:]", line)[-1]
    words = tokens(last) if has_cjk(last) else ()
    verb = any(tag[:1] == "v" and tag != "vn" for _, tag, _ in words[1:])  # 为企业蹚出…: a point
    if not words or words[0][1] != "p" or verb:
        return line
    return _tidy(line[: len(line) - len(last)])


def _sentence_case(line: str, english: bool) -> str:
    """Return an English line without a leading conjunction, starting with a capital."""
    if not english:
        return line
    line = re.sub(r"^(?:and|but|while|so)\s+", "", line)
    return line[:1].upper() + line[1:]


def _glue(current: str, piece: str, english: bool) -> str:
    """Return two runs of clauses joined as in the source (a space after an English comma)."""
    return f"{current} {piece}" if english and current else current + piece


def _size_en(text: str) -> int:
    return len(text.split())


def clauses(sentence: str, english: bool) -> list[str]:
    """Return the clauses of a sentence, each with its separator, attribution shells dropped."""
    closing = sentence.find("”")
    if sentence.startswith("“") and closing > len(sentence) // 2:
        sentence = sentence[1:].replace("”", "", 1)  # a quoted sentence: split its own clauses
    parts = _split(sentence, ",;:" if english else "，,；;：:")
    # a date is no figure; figures inside words said are the speaker's, who stays named
    said = re.search(r"“[^”]{12,}", sentence)  # words said, not a quoted term
    figures = bool(re.search(r"\d(?![\d.]*[年月日])", sentence)) and not said
    out = []
    for part in parts:
        stripped = part.strip()
        if stripped and not _is_attribution(stripped, english, figures):
            out.append(stripped)
    return out


def _split(sentence: str, seps: str) -> list[str]:
    """Return the runs of `sentence` that end at one of `seps` outside quotation marks and
    brackets (not a comma between digits), each with its separator."""
    digits = re.compile(r"\d,\d")
    parts, depth, start, straight = [], 0, 0, False
    for i, char in enumerate(sentence):
        if char in "“‘（(《「":
            depth += 1
        elif char in "”’）)》」":
            depth = max(0, depth - 1)
        elif char == '"':
            straight = not straight
        elif char in seps and not (depth or straight or digits.match(sentence, max(0, i - 1))):
            parts.append(sentence[start : i + 1])
            start = i + 1
    parts.append(sentence[start:])
    return [part for part in parts if part.strip()]


def _is_attribution(clause: str, english: bool, figures: bool = True) -> bool:
    """Return True for a clause that only says who speaks (`某某负责人介绍，`, `据了解，`); a
    named speaker of a sentence without `figures` stays (某某书记指出，要…): a view or a call,
    which must not read as the deck's own words."""
    bare = clause.rstrip("，,；;：: ")
    w = vocabulary("lint")
    if english:
        lower = bare.lower().strip('"“” ')
        said = re.fullmatch(
            r"(?:the |a |an )?[\w' -]{1,40}? (?:said|says|noted|added|told \w+)", lower
        )
        return lower in w["attribution_en"] or lower.startswith("according to") or bool(said)
    if bare in w["attribution_zh"]:
        return True
    shell = len(bare) <= 24 and not re.search(r"\d", bare) and clause.rstrip()[-1:] in "，,：:"
    places = tuple(vocabulary("zones")["district_kinds_zh"])  # 高新区 may be tagged a name
    named = not figures and any(
        tag.startswith("nr") and not word.endswith(places) for word, tag, _ in tokens(bare)
    )
    return shell and bare.endswith(tuple(w["speech_endings_zh"])) and not named


def _drop_subject(clause: str, zones: tuple[str, ...]) -> str:
    """Return an English `clause` without a zone name as its subject (`The … Zone`)."""
    bare = clause.lstrip('“"')
    names = sorted(zones, key=len, reverse=True)
    for subject in [f"The {z}" for z in names] + names:
        if subject and bare.startswith(subject) and len(bare) > len(subject) + 2:
            rest = bare[len(subject) :].lstrip()
            if not _verb_first(rest):
                return clause  # the name qualifies a noun (`… Zone firms created`): keep it
            return rest if len(rest) > 2 else clause
    return clause


_AUXILIARIES = {"has", "have", "had", "is", "was", "are", "were", "will", "would", "can", "plans",
                "aims", "expects", "says", "said", "now", "also", "recorded", "saw"}  # fmt: skip


def _verb_first(text: str) -> bool:
    """Return True when English `text` starts with a verb form (what follows a dropped subject)."""
    word = text.split(" ", 1)[0].lower()
    return word in _AUXILIARIES or word.endswith("ed")


def _shorten(clause: str, keep: list[str], limit: int, size: Any) -> str:
    """Return the longest run of the clause's parts that fits and holds its first figure.

    Chinese parts end at 、; English parts start at a conjunction or a relative word.
    """
    if size is _size_en:
        parts = re.split(r"(?=\s(?:and|while|but|which|as|after|before|with|to|by|for)\s)", clause)
    else:
        parts = re.findall(r"[^、]+、?", clause)
    want = [i for i, p in enumerate(parts) if any(k in p for k in keep)] or [0]
    start = want[0]
    if start > 0 and _tallies_a_list(parts[start], keep):
        first = min(parts[start].find(k) for k in keep if k in parts[start])
        parts = [*parts[:start], parts[start][first:], *parts[start + 1 :]]  # 4家企业…
    best = ""
    for end in range(start + 1, len(parts) + 1):
        candidate = "".join(parts[start:end])
        if size(candidate.strip().rstrip("、，,；;：: ")) > limit:
            break
        best = candidate.strip()
    return best


def _tallies_a_list(part: str, keep: list[str]) -> bool:
    """Return True when a list's last item stands right before the count of the whole list
    (`A、B、C 4家企业`): cut from the other items, the item would seem to be what is counted."""
    found = [part.find(k) for k in keep if k in part]
    if not found:
        return False
    item, rest = part[: min(found)], part[min(found) :]
    count = re.match(r"\d+(?:\.\d+)?[余多]?[家个项名所座位]", rest)
    return bool(count) and 0 < len(item) <= LIST_ITEM_MAX and "等" not in item


def _tidy(line: str) -> str:
    """Return a line without trailing separators and with its quotation marks balanced."""
    line = line.strip().rstrip("，,；;：:、。.!！?？ ")
    if line.count('"') % 2:
        line = line.strip('"')
    for open_, close in (("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》")):
        if open_ not in line and close not in line:
            continue
        if line.count(open_) < line.count(close) and line.startswith(close):
            line = line[1:]
        if line.count(open_) > line.count(close) and line.startswith(open_):
            line = line[1:]
        if line.count(open_) < line.count(close) and line.endswith(close):
            line = line[:-1]
    return line.strip()
