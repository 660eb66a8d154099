"""Read YAML data files into typed values by their type hints; errors name file, line and key."""

from __future__ import annotations

import dataclasses
import enum
import re
import types
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import (
    Annotated,
    Any,
    Literal,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

import yaml
from yaml.constructor import SafeConstructor

from briefdeck.datacache import read_text
from briefdeck.errors import BriefdeckError
from briefdeck.hints import Check, Expect

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe YAML loader, in C where libyaml is installed (several times faster)."""
T = TypeVar("T")
_STANDARD = "tag:yaml.org,2002:"
"""The prefix of YAML's own tags; every other tag (`!!python/…`, `!local`) is refused."""
_KEY_PARTS = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class _Spec:
    """A type hint taken apart: its kind, the bare type, its arguments, checks and wording."""

    kind: str
    """union, literal, enum, str, bool, int, float, none, list, tuple, dict or dataclass."""
    hint: Any
    args: tuple[Any, ...] = ()
    checks: tuple[Check, ...] = ()
    expect: str = ""


_NOUNS = {"str": "text", "bool": "true or false", "int": "a whole number", "float": "a number",
          "none": "nothing", "list": "a list", "tuple": "a list", "dict": "a mapping",
          "dataclass": "a mapping"}  # fmt: skip
"""What the error calls each kind of value."""
_TAGS = {"bool": ("bool",), "int": ("int",), "float": ("int", "float"), "none": ("null",)}
"""The YAML tags (`tag:yaml.org,2002:int`) a scalar of each kind of value may have."""


@cache
def _spec(hint: Any) -> _Spec:
    """Return the spec of a type hint (Annotated, unions, generics and classes)."""
    if get_origin(hint) is Annotated:
        base, *extras = get_args(hint)
        inner = _spec(base)
        checks = tuple(x for x in extras if isinstance(x, Check))
        expect = next((x.what for x in extras if isinstance(x, Expect)), inner.expect)
        return dataclasses.replace(inner, checks=inner.checks + checks, expect=expect)
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return _Spec("union", hint, get_args(hint))
    if origin is Literal:
        return _Spec("literal", hint, get_args(hint))
    if origin in (list, tuple, dict):
        return _Spec(origin.__name__, origin, get_args(hint))
    if hint is type(None):
        return _Spec("none", hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _Spec("enum", hint, tuple(m.value for m in hint))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _Spec("dataclass", hint)
    if hint in (str, bool, int, float):
        return _Spec(hint.__name__, hint)
    raise TypeError(f"the loader cannot read {hint!r}")


@cache
def _fields(cls: type) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Return a dataclass's init fields with their type hints, and the names it requires."""
    hints = get_type_hints(cls, include_extras=True)
    fields = [f for f in dataclasses.fields(cls) if f.init]
    missing = dataclasses.MISSING
    required = tuple(
        f.name for f in fields if f.default is missing and f.default_factory is missing
    )
    return {f.name: hints[f.name] for f in fields}, required


def _join(key: str, name: str) -> str:
    """Return the key path of `name` inside `key` (`layouts[0].placeholders`)."""
    return f"{key}.{name}" if key else name


def _tag(node: yaml.Node) -> str:
    """Return the short name of a node's standard tag (`int`, `str`, `seq`)."""
    return node.tag.removeprefix(_STANDARD)


def _is_null(node: yaml.Node) -> bool:
    """Return True for a null scalar (`~`, `null`, nothing after the colon)."""
    return isinstance(node, yaml.ScalarNode) and _tag(node) == "null"


def _fits(node: yaml.Node, spec: _Spec) -> bool:
    """Return True when `node` is the kind of YAML value `spec` reads."""
    if isinstance(node, yaml.ScalarNode):
        if spec.kind in _TAGS:
            return _tag(node) in _TAGS[spec.kind]
        return spec.kind in ("str", "literal", "enum")
    if isinstance(node, yaml.SequenceNode):
        return spec.kind in ("list", "tuple")
    return spec.kind in ("dict", "dataclass")


def _noun(spec: _Spec) -> str:
    """Return what the error calls a value of `spec`."""
    if spec.expect:
        return spec.expect
    if spec.kind in ("literal", "enum"):
        return f"one of {', '.join(str(a) for a in spec.args)}"
    if spec.kind == "union":
        return " or ".join(dict.fromkeys(_noun(_spec(a)) for a in spec.args))
    if spec.kind == "tuple" and spec.args[-1:] != (Ellipsis,):
        return f"a list of {len(spec.args)}"
    return _NOUNS[spec.kind]


class Document:
    """One YAML file's nodes, read with the safe loader: typed values are built from them, and
    every error names the file, the line and the key (`layouts.yaml:12: layouts[0].kinds: …`)."""

    def __init__(
        self,
        text: str,
        path: str,
        error: type[BriefdeckError] = BriefdeckError,
        clean: Callable[[str], str] = str,
    ) -> None:
        self.path = path
        self.error_type = error
        self.clean = clean
        """Applied to every text value read (the outline drops characters a deck cannot hold)."""
        self.scalars = SafeConstructor()
        """Makes numbers and flags of scalar nodes, and resolves merge keys, as the loader does."""
        self.memo: dict[tuple[int, _Spec], Any] = {}
        """The values built, by node and type: a node an alias repeats is read once."""
        self.open: set[int] = set()
        """The collection nodes being read (one inside itself is an error, not a hang)."""
        self.keys: dict[int, yaml.Node] = {}
        """The key node of each value node read (an error about a value names its key's line)."""
        self.root = _compose(text, path, error)
        """The document's root node, or None for an empty file."""

    @classmethod
    def read(cls, path: Path, error: type[BriefdeckError] = BriefdeckError) -> Document:
        """Return the document of the UTF-8 YAML file at `path`."""
        return cls(read_text(path, error), str(path), error)

    def fail(self, node: yaml.Node | None, key: str, problem: str) -> BriefdeckError:
        """Return the error `problem` of `key` at `node`'s line (its key's, for a mapping's
        value: `layouts:` rather than the first line of the list under it)."""
        node = self.keys.get(id(node), node)
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        return self.error_type(f"{self.path}{line}: {key + ': ' if key else ''}{problem}")

    def error(self, key: str, problem: str) -> BriefdeckError:
        """Return the error `problem` of the value at key path `key` (`photos[0].image`)."""
        node = self.root
        for name, index in _KEY_PARTS.findall(key):
            child = _child(self, node, name, int(index) if index else -1)
            if child is None:
                break
            node = child
        return self.fail(node, key, problem)

    def build(self, hint: type[T]) -> T:
        """Return the value of type `hint` (a dataclass, `dict[str, list[str]]`, …) the whole
        file holds (the types read: `_typed`)."""
        if self.root is None:
            raise self.fail(None, "", "the file is empty")
        try:
            return self.value(self.root, hint, "")
        except yaml.YAMLError as exc:  # a bad merge key (`<<: 5`)
            raise _not_yaml(exc, self.path, self.error_type) from None

    def value(self, node: yaml.Node, hint: Any, key: str) -> Any:
        """Return the value of type `hint` read from `node` at key path `key`, checked."""
        spec = _spec(hint)
        out = _typed(self, node, spec, key)
        for check in spec.checks:
            problem = check.problem(out)
            if problem:
                raise self.fail(node, key, problem)
        return out

    def pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """Return a mapping node's key and value nodes, merge keys (`<<: *titles`) resolved."""
        self.scalars.flatten_mapping(node)
        self.keys.update((id(v), k) for k, v in node.value)
        return node.value


# ---------------------------------------------------------------------- parsing


def _compose(text: str, path: str, error: type[BriefdeckError]) -> yaml.Node | None:
    """Return the root node of YAML `text` with every tag checked (None when empty)."""
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise _not_yaml(exc, path, error) from None
    if root is not None:
        _check_tags(root, path, error)
    return root


def _not_yaml(exc: yaml.YAMLError, path: str, error: type[BriefdeckError]) -> BriefdeckError:
    """Return the error of text the YAML parser refuses, naming the line where it can."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None)
    line = f":{mark.line + 1}" if mark else ""
    detail = f" ({problem})" if problem else ""
    return error(f"{path}{line}: not valid YAML{detail}")


def _check_tags(root: yaml.Node, path: str, error: type[BriefdeckError]) -> None:
    """Refuse tags other than YAML's own (`!!python/object`): data files hold plain data."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if not node.tag.startswith(_STANDARD) or _tag(node).startswith("python"):
            raise error(f"{path}:{node.start_mark.line + 1}: unsupported tag {node.tag}")
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def _child(doc: Document, node: yaml.Node | None, name: str, index: int) -> yaml.Node | None:
    """Return the value of `name` in a mapping node, or item `index` of a list node."""
    if isinstance(node, yaml.MappingNode):
        found = [v for k, v in doc.pairs(node) if str(k.value) == name]
        return found[-1] if found else None
    if isinstance(node, yaml.SequenceNode) and 0 <= index < len(node.value):
        return node.value[index]
    return None


# ---------------------------------------------------------------------- building


def _typed(doc: Document, node: yaml.Node, spec: _Spec, key: str) -> Any:
    """Return the value of `spec` read from `node` (its checks not applied).

    Types read: str (any scalar, as written; null is ""), int, float, bool, None, Literal and
    Enum of strings, list[T], tuple[T, ...], tuple[A, B], dict[K, V] (a Literal or Enum K limits
    the keys), unions (picked by the node's kind and tag), dataclasses (unknown and missing keys
    are errors, absent optional keys take their defaults), `Annotated` with `Check` and `Expect`.
    """
    if spec.kind in ("list", "tuple", "dict", "dataclass") and not _is_null(node):
        return _collection(doc, node, spec, key)
    if spec.kind == "union":
        return _union(doc, node, spec, key)
    if spec.kind in ("list", "tuple", "dict"):  # null: an empty list or mapping
        return spec.hint()
    if isinstance(node, yaml.ScalarNode) and spec.kind != "dataclass":
        return _scalar(doc, node, spec, key)
    raise doc.fail(node, key, f"expected {_noun(spec)}")


def _union(doc: Document, node: yaml.Node, spec: _Spec, key: str) -> Any:
    """Return the value of the first type of a union that fits the node (text last: any scalar
    is text, and `str | None` reads `~` as None)."""
    specs = [_spec(a) for a in spec.args]
    textual = ("str", "literal", "enum")
    for arg, inner in sorted(zip(spec.args, specs), key=lambda a: a[1].kind in textual):
        if _fits(node, inner):
            return doc.value(node, arg, key)
    raise doc.fail(node, key, f"expected {_noun(spec)}")


def _scalar(doc: Document, node: yaml.ScalarNode, spec: _Spec, key: str) -> Any:
    """Return a scalar node's text, number, flag, enum member or None."""
    text = str(node.value)
    if spec.kind == "str":
        return "" if _is_null(node) else doc.clean(text)
    if spec.kind in ("literal", "enum"):
        if text not in [str(a) for a in spec.args]:
            raise doc.fail(node, key, f"expected {_noun(spec)}")
        return _choice(spec, text)
    if spec.kind == "none" and _is_null(node):
        return None
    value = _construct(doc, node) if _fits(node, spec) else None
    if value is not None:  # a bool, int or float as its tag says
        return float(value) if spec.kind == "float" else value
    raise doc.fail(node, key, f"expected {_noun(spec)}, got {text!r}")


def _choice(spec: _Spec, text: str) -> Any:
    """Return the Literal's value or the Enum's member written `text`."""
    return next(m for m in spec.hint if str(m.value) == text) if spec.kind == "enum" else text


def _construct(doc: Document, node: yaml.ScalarNode) -> Any:
    """Return the Python value of a scalar node by its tag (None when it cannot be made)."""
    try:
        return doc.scalars.construct_object(node)
    except (ValueError, KeyError, yaml.YAMLError):  # an explicit `!!int abc`
        return None


def _collection(doc: Document, node: yaml.Node, spec: _Spec, key: str) -> Any:
    """Return a list, tuple, mapping or dataclass read from a node, each node read once however
    often aliases repeat it."""
    memo = (id(node), spec)
    if memo in doc.memo:
        return doc.memo[memo]
    if id(node) in doc.open:
        raise doc.fail(node, key, "refers to itself")
    doc.open.add(id(node))
    try:
        if spec.kind in ("list", "tuple"):
            out = _sequence(doc, node, spec, key)
        elif spec.kind == "dict":
            out = _mapping(doc, node, spec, key)
        else:
            out = _dataclass(doc, node, spec.hint, key)
    finally:
        doc.open.discard(id(node))
    doc.memo[memo] = out
    return out


def _sequence(doc: Document, node: yaml.Node, spec: _Spec, key: str) -> Any:
    """Return the list or tuple of a list node."""
    fixed = spec.kind == "tuple" and spec.args[-1:] != (Ellipsis,)
    if not isinstance(node, yaml.SequenceNode) or (fixed and len(node.value) != len(spec.args)):
        raise doc.fail(node, key, f"expected {_noun(spec)}")
    hints = spec.args if fixed else spec.args[:1] * len(node.value)
    items = (doc.value(n, h, f"{key}[{i}]") for i, (n, h) in enumerate(zip(node.value, hints)))
    return spec.hint(items)


def _mapping(doc: Document, node: yaml.Node, spec: _Spec, key: str) -> dict[Any, Any]:
    """Return the dict of a mapping node; a key its key type does not allow is unknown."""
    if not isinstance(node, yaml.MappingNode):
        raise doc.fail(node, key, f"expected {_noun(spec)}")
    keys, values = _spec(spec.args[0]), spec.args[1]
    out = {}
    for k, v in doc.pairs(node):
        name = str(k.value)
        if keys.kind in ("literal", "enum") and name not in [str(a) for a in keys.args]:
            raise doc.fail(k, _join(key, name), "unknown key")
        out[_choice(keys, name)] = doc.value(v, values, _join(key, name))
    return out


def _dataclass(doc: Document, node: yaml.Node, cls: type, key: str) -> Any:
    """Return the dataclass of a mapping node: unknown keys and missing ones are errors."""
    if not isinstance(node, yaml.MappingNode):
        raise doc.fail(node, key, "expected a mapping")
    hints, required = _fields(cls)
    values = {}
    for k, v in doc.pairs(node):
        name = str(k.value)
        if name not in hints:
            raise doc.fail(k, _join(key, name), "unknown key")
        values[name] = doc.value(v, hints[name], _join(key, name))
    for name in required:
        if name not in values:
            raise doc.fail(node, _join(key, name), "missing")
    return cls(**values)


def load(cls: type[T], text: str, path: str, error: type[BriefdeckError] = BriefdeckError) -> T:
    """Return the value of type `cls` held by YAML `text` read from `path`."""
    return Document(text, path, error).build(cls)
