"""The one YAML loader: typed values built by type hints, every error naming file, line and key."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Annotated, Literal

import pytest

from briefdeck.dataload import Document, load
from briefdeck.errors import BriefdeckError
from briefdeck.hints import Expect, rule


class Shade(enum.Enum):
    LIGHT = "light"
    DARK = "dark"


Even = Annotated[int, rule(lambda v: v % 2 == 0, "must be even")]
Pair = Annotated[tuple[float, float], Expect("[low, high]")]


@dataclass(frozen=True)
class Inner:
    name: str
    size: float = 1.0


@dataclass(frozen=True)
class Outer:
    title: str
    count: Even = 0
    ratio: float = 0.5
    flag: bool = False
    note: str | None = None
    shade: Shade = Shade.LIGHT
    align: Literal["left", "right"] = "left"
    tags: tuple[str, ...] = ()
    pair: Pair = (0.0, 1.0)
    words: dict[str, str] = field(default_factory=dict)
    inner: Inner | None = None
    items: tuple[Inner | str, ...] = ()


def message(text: str, cls: type = Outer) -> str:
    with pytest.raises(BriefdeckError) as caught:
        load(cls, text, "f.yaml")
    return str(caught.value)


def test_a_dataclass_is_built_by_its_type_hints():
    text = """\
title: T
count: 4
ratio: 2
flag: yes
note: ~
shade: dark
align: right
tags: [a, 1]
pair: [1, 2.5]
words: {a: b}
inner: {name: n}
items: [x, {name: y, size: 3}]
"""
    assert load(Outer, text, "f.yaml") == Outer(
        title="T",
        count=4,
        ratio=2.0,
        flag=True,
        note=None,
        shade=Shade.DARK,
        align="right",
        tags=("a", "1"),
        pair=(1.0, 2.5),
        words={"a": "b"},
        inner=Inner("n"),
        items=("x", Inner("y", 3.0)),
    )


def test_missing_optional_keys_take_their_defaults_and_null_text_is_empty():
    assert load(Outer, "title: ~\ntags: ~\n", "f.yaml") == Outer(title="")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("count: 2\n", "f.yaml:1: title: missing"),
        ("title: T\ncolour: red\n", "f.yaml:2: colour: unknown key"),
        ("title: T\ncount: 3\n", "f.yaml:2: count: must be even"),
        ("title: T\ncount: 2.5\n", "f.yaml:2: count: expected a whole number, got '2.5'"),
        ("title: T\nratio: wide\n", "f.yaml:2: ratio: expected a number, got 'wide'"),
        ("title: T\nflag: 1\n", "f.yaml:2: flag: expected true or false, got '1'"),
        ("title: T\nshade: grey\n", "f.yaml:2: shade: expected one of light, dark"),
        ("title: T\nalign: middle\n", "f.yaml:2: align: expected one of left, right"),
        ("title: T\ntags: a\n", "f.yaml:2: tags: expected a list"),
        ("title: T\npair: [1]\n", "f.yaml:2: pair: expected [low, high]"),
        ("title: T\nwords: [a]\n", "f.yaml:2: words: expected a mapping"),
        ("title: T\ninner:\n  size: 2\n", "f.yaml:2: inner.name: missing"),
        ("title: T\nitems:\n- x\n- [y]\n", "f.yaml:4: items[1]: expected a mapping or text"),
        ("title: [T]\n", "f.yaml:1: title: expected text"),
        ("- a\n", "f.yaml:1: expected a mapping"),
        ("", "f.yaml: the file is empty"),
        ("title: [T\n", "f.yaml:2: not valid YAML"),
        ("title: !!python/object:os.system ls\n", "f.yaml:1: unsupported tag"),
        ("title: T\nnote: !secret x\n", "f.yaml:2: unsupported tag !secret"),
        ("title: T\ninner: &a {name: *a}\n", "f.yaml:2: inner.name: expected text"),
    ],
)
def test_every_error_names_file_line_and_key(text, expected):
    assert message(text).startswith(expected)


@dataclass(frozen=True)
class Tree:
    kids: tuple[Tree, ...] = ()


def test_an_alias_inside_itself_is_an_error_not_a_hang():
    assert message("kids: &a [{kids: *a}]\n", Tree) == "f.yaml:1: kids[0].kids: refers to itself"


def test_merge_keys_and_aliases_read_as_the_safe_loader_reads_them():
    text = "base: &b {name: n, size: 2}\ninner:\n  <<: *b\n  size: 3\n"

    @dataclass(frozen=True)
    class WithBase:
        base: Inner
        inner: Inner

    assert load(WithBase, text, "f.yaml") == WithBase(Inner("n", 2.0), Inner("n", 3.0))


def test_a_mapping_of_word_lists_keeps_order_and_types():
    text = "b: [x, y]\na: pattern\nc: {one: 1, half: 0.5, word: w}\n"
    words = Document(text, "f.yaml").build(
        dict[str, list[str] | str | dict[str, str | int | float]]
    )
    assert list(words) == ["b", "a", "c"]
    assert words == {"b": ["x", "y"], "a": "pattern", "c": {"one": 1, "half": 0.5, "word": "w"}}
    assert type(words["c"]["one"]) is int


def test_a_later_check_names_the_line_of_a_key_path():
    document = Document("title: T\nitems:\n- x\n- {name: y}\n", "f.yaml")
    assert str(document.error("items[1].name", "no such picture")) == (
        "f.yaml:4: items[1].name: no such picture"
    )


def test_a_union_reads_null_as_none_before_text():
    hint = dict[str, Literal["x", "y"] | None]
    assert Document("a: ~\nb: x\n", "f.yaml").build(hint) == {"a": None, "b": "x"}


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """The user's cache in a folder of the test's own (the cache folder is looked up anew)."""
    from briefdeck import datacache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFDECK_NO_CACHE", raising=False)
    datacache.cache_folder.cache_clear()
    yield tmp_path / "cache" / "briefdeck" / "data"
    datacache.cache_folder.cache_clear()


TEXT = "title: 标题\ncount: 2\ntags: [a, b]\nitems:\n  - name: x\n    size: 2\n"


def test_a_built_value_is_kept_between_runs_and_read_back_the_same(cache_home):
    from briefdeck.datacache import cached_build

    first = cached_build(TEXT, "t.yaml", Outer)
    (entry,) = cache_home.iterdir()
    again = cached_build(TEXT, "t.yaml", Outer)
    assert first == again == load(Outer, TEXT, "t.yaml") and again is not first
    assert [p.name for p in cache_home.iterdir()] == [entry.name]
    assert cached_build(TEXT.replace("count: 2", "count: 4"), "t.yaml", Outer).count == 4


@pytest.mark.parametrize("kept", [b"", b"not a pickle", b"\x80\x05K\x01.", None])
def test_a_corrupt_cache_entry_is_built_anew(cache_home, kept):
    import pickle

    from briefdeck.datacache import cached_build

    cached_build(TEXT, "t.yaml", Outer)
    (entry,) = cache_home.iterdir()
    # an empty file, text, a bare 1, and a value kept under another key
    entry.write_bytes(kept if kept is not None else pickle.dumps(("other", Inner("x"))))
    assert cached_build(TEXT, "t.yaml", Outer) == load(Outer, TEXT, "t.yaml")


def test_a_cache_that_cannot_be_written_is_left(tmp_path, monkeypatch):
    from briefdeck import datacache

    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    datacache.cache_folder.cache_clear()
    try:
        assert datacache.cached_build(TEXT, "t.yaml", Outer) == load(Outer, TEXT, "t.yaml")
    finally:
        datacache.cache_folder.cache_clear()


def test_an_error_is_never_kept(cache_home):
    from briefdeck.datacache import cached_build

    for _ in range(2):
        with pytest.raises(BriefdeckError, match=r"t\.yaml:2: count: must be even"):
            cached_build("title: x\ncount: 3\n", "t.yaml", Outer)
    assert not cache_home.exists() or not list(cache_home.iterdir())
