"""Judging pass: a goal and the outcome stated for it -> met, exceeded, partly, missed or not-comparable,
by the rules of rules.yaml (docs/outcomes.md says why each rule is what it is)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..content.vocabulary import Vocabulary
from ..content.yamlio import load_package_yaml

# Every status an outcome can have; the last three say why there is no comparison.
OUTCOME_STATUSES = ("met", "exceeded", "partly", "missed", "not-comparable", "no-outcome-stated", "not-yet-due")

_MULTIPLIERS = {"亿": 100_000_000, "万": 10_000}


@dataclass(frozen=True)
class Rules:
    around: dict
    exceeded: dict
    partly: float
    confidence: float
    candidate: float
    rate_units: tuple[str, ...]


@cache
def load_rules(path: Path = Path(__file__).with_name("rules.yaml")) -> Rules:
    data = load_package_yaml(path)
    return Rules(data["around"], data["exceeded"], float(data["partly"]), float(data["confidence"]),
                 float(data["candidate"]), tuple(data["rate_units"]))


def in_base_unit(value: float, unit: str) -> tuple[float, str]:
    """51.08亿元 -> (5108000000, 元): levels stated in 万元 and 亿元 compare."""
    if len(unit) > 1 and unit[0] in _MULTIPLIERS:
        return value * _MULTIPLIERS[unit[0]], unit[1:]
    return value, unit


def judge(goal: float, outcome: float, qualifier: str, measure: str, vocabulary: Vocabulary, rules: Rules,
          commitment: bool = False, ceiling: bool = False) -> str:
    """The status of an outcome against a goal of the same measure (both growth rates, or both levels in
    one base unit). A ceiling (以内, 降到, or a goal to fall) is met at or below it; a floor or a bare figure at
    or above it; 左右 within the rule's tolerance of it. Only a commitment's count or amount is partly met:
    half a rate is not half done."""
    sense = vocabulary.sense(qualifier)
    if ceiling or sense == "ceiling" or (measure == "growth" and goal < 0 and sense != "around"):
        return "met" if outcome <= goal else "missed"
    scale = 1 if measure == "growth" else abs(goal)
    tolerance = rules.around[measure] * scale if sense == "around" else 0
    if outcome >= goal + rules.exceeded[measure] * scale:
        return "exceeded"
    if outcome >= goal - tolerance:
        return "met"
    if commitment and measure == "level" and goal > 0 and outcome >= rules.partly * goal:
        return "partly"
    return "missed"
