"""Goals followed to their outcomes in the example archive, against pairs written by reading the reports
(tests/data/outcome-pairs.yaml): every headline goal stated in both reports, and commitments at the
precision and recall the tracking promises."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from reportsite.content.model import Target
from reportsite.track.match import Outcome, claimed, track
from reportsite.content.vocabulary import load_vocabulary
from tests.archive import corpus_report

PAIRS = yaml.safe_load((Path(__file__).parent / "data" / "outcome-pairs.yaml").read_text(encoding="utf-8"))
HEADLINE = [(pair, key, want) for pair, goals in PAIRS["headline"].items() for key, want in goals.items()]


@cache
def outcomes(pair: str) -> dict[str, tuple[Target, Outcome]]:
    """Target id -> (goal, claimed outcome) for a pair written 'a -> b'."""
    year, following = (corpus_report(name.strip()) for name in pair.split("->"))
    goals = {t.id: t for t in year.targets}
    return {o.target: (goals[o.target], o) for o in claimed(track(year, following))}


def headline_outcome(pair: str, key: str) -> Outcome:
    vocabulary = load_vocabulary()
    found = [o for t, o in outcomes(pair).values() if t.kind == "indicator" and vocabulary.key_of(t.indicator) == key]
    assert len(found) == 1, f"{pair}: {len(found)} goals for {key}"
    return found[0]


@pytest.mark.parametrize("pair, key, want", HEADLINE, ids=[f"{p}:{k}" for p, k, _ in HEADLINE])
def test_each_headline_goal_gets_the_outcome_the_next_report_states(pair, key, want):
    got = headline_outcome(pair, key)
    assert (got.status, got.value, got.unit, got.qualifier, got.estimate) == (
        want["status"], want.get("value"), want.get("unit", ""), want.get("qualifier", ""), want.get("estimate", ""))
    if got.value is not None:
        assert got.quote and got.paragraph and got.report == pair.split("->")[1].strip()


def test_the_gdp_goals_of_the_corpus_readme_get_their_stated_status():
    readme = {
        "qingyuan-2021 -> qingyuan-2022": "missed", "qingyuan-2022 -> qingyuan-2023": "not-comparable",
        "qingyuan-2023 -> qingyuan-2024": "missed", "qingyuan-2024 -> qingyuan-2025": "met",
        "yixian-2019 -> yixian-2020": "missed", "yixian-2021 -> yixian-2022": "missed", "gaoyang-2018 -> gaoyang-2019": "met",
        "baoding-2021 -> baoding-2022": "missed", "baoding-2022 -> baoding-2023": "missed",
        "rongcheng-2019 -> rongcheng-2020": "exceeded",  # the README's "met (exceeded)"
    }
    assert {pair: headline_outcome(pair, "gdp").status for pair in readme} == readme


def commitment_result(entry: dict) -> tuple[bool, bool]:
    """(the tracker claims the outcome the entry states, it claims a figure the entry does not state)."""
    found = [(t, o) for t, o in outcomes(entry["pair"]).values() if t.kind == "commitment" and (entry["goal"] in t.text or t.text in entry["goal"])]
    assert found, f"no goal {entry['goal']!r} in {entry['pair']}"
    _, got = found[0]
    if got.value is None:
        return False, False
    right = (got.value, got.unit, got.status) == (entry.get("value"), entry.get("unit"), entry["status"])
    return right, not right


def test_commitments_are_followed_with_95_percent_precision_and_70_percent_recall():
    entries = PAIRS["commitments"]
    results = [commitment_result(e) for e in entries]
    right = sum(r for r, _ in results)
    wrong = sum(w for _, w in results)
    stated = sum(1 for e in entries if e.get("value") is not None)
    assert len(entries) + len(HEADLINE) >= 40
    assert right / (right + wrong) >= 0.95, [e["goal"] for e, (_, w) in zip(entries, results) if w]
    assert right / stated >= 0.70, [e["goal"] for e, (r, _) in zip(entries, results) if not r and e.get("value") is not None]


def test_a_reports_headline_goals_are_summed_up_by_status():
    from reportsite.track.archive import headline_summary

    year = corpus_report("baoding-2022")
    shown = claimed(track(year, corpus_report("baoding-2023")))
    assert headline_summary(year, shown) == {"missed": 5, "met": 1, "exceeded": 1, "no-outcome-stated": 1}


def test_an_outcome_row_names_the_indicator_in_english_and_keeps_the_estimate():
    from reportsite.track.archive import OUTCOME_COLUMNS, outcome_rows

    year = corpus_report("qingyuan-2021")
    rows = outcome_rows(year, claimed(track(year, corpus_report("qingyuan-2022"))))
    [gdp] = [r for r in rows if r["indicator"] == "gdp"]
    assert all(tuple(r) == OUTCOME_COLUMNS for r in rows)
    assert (gdp["indicator_en"], gdp["goal_growth"], gdp["status"], gdp["value"], gdp["estimate"], gdp["outcome_report"]) == (
        "Gross regional product", 9, "missed", 7.0, "预计", "qingyuan-2022")


def test_the_example_archive_as_loaded_from_yaml_gives_the_same_gdp_outcomes():
    from reportsite.content.report import load_site_content
    from reportsite.track.archive import next_reports

    reports, errors = load_site_content(Path(__file__).resolve().parent.parent / "examples" / "content")[:2]
    assert errors == []
    following = next_reports(reports)
    by_id = {r.id: r for r in reports}
    for pair in PAIRS["headline"]:
        year = by_id[pair.split("->")[0].strip()]
        assert following[year.id].id == pair.split("->")[1].strip()
        got = {o.target: o for o in claimed(track(year, following[year.id]))}
        [gdp] = [got[t.id] for t in year.targets if t.id in got and t.kind == "indicator" and load_vocabulary().key_of(t.indicator) == "gdp"]
        want = PAIRS["headline"][pair]["gdp"]
        assert (gdp.status, gdp.value, gdp.estimate) == (want["status"], want.get("value"), want.get("estimate", "")), pair
    assert {o.status for o in track(by_id["baoding-2023"], following["baoding-2023"])} == {"not-yet-due"}


def test_an_outcome_in_report_json_links_to_the_paragraph_that_states_it():
    from reportsite.track.archive import outcome_json

    got = headline_outcome("yixian-2019 -> yixian-2020", "gdp")
    data = outcome_json(got, "https://example.org/")
    assert list(data) == ["status", "value", "estimate", "quote", "report", "paragraph", "url", "reviewed"]
    assert (data["status"], data["value"], data["estimate"], data["report"], data["reviewed"]) == ("missed", 6.5, "预计", "yixian-2020", False)
    assert data["url"] == f"https://example.org/yixian-2020/p/{data['paragraph']}/" and "增长6.5%" in data["quote"]
    assert outcome_json(Outcome("t1", "not-yet-due"))["url"] is None


@pytest.mark.parametrize("pair", list(PAIRS["headline"]))
def test_the_hand_read_pairs_cover_every_headline_goal_of_the_year(pair):
    vocabulary = load_vocabulary()
    keys = {vocabulary.key_of(t.indicator) for t, _ in outcomes(pair).values() if t.kind == "indicator"}
    assert keys == set(PAIRS["headline"][pair])
