"""What a value loaded from YAML must be, written in its type hint: checks and wording."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Check:
    """A rule a loaded value keeps: `problem(value)` says what is wrong with it ("" for nothing).

    Written in a type hint: `Annotated[float, rule(lambda v: v >= 1.0, "must be at least 1.0")]`;
    a check that uses the module's names is best given a name of its own at module level (an
    annotation is evaluated in its class's namespace, where a lambda cannot see them).
    """

    problem: Callable[[Any], str]


def rule(test: Callable[[Any], object], problem: str) -> Check:
    """Return the check that a value passes `test`, else has `problem`."""
    return Check(lambda value: "" if test(value) else problem)


@dataclass(frozen=True)
class Expect:
    """What a value must be, said when the YAML gives another kind of value (`a list of cells`)."""

    what: str
