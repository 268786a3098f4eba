"""Whole imports: the report shapes under tests/data/seeds/ (see expected.yaml) and the seed itself."""

from __future__ import annotations

import codecs
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import yaml

from .conftest import seed_corrections
from reportsite.errors import ImportProblem
from reportsite.ingest.ids import assign_structure_ids, assign_target_ids
from reportsite.ingest.importer import NOT_A_REPORT, parse_report
from reportsite.content.model import Report
from reportsite.ingest.store import provenance_data, report_files
from reportsite.ingest.suspicious import find_suspicious, problems_in
from reportsite.ingest.targets import extract_targets

FIXTURES = Path(__file__).parent / "data" / "seeds"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
REPORTS = [name for name, expected in EXPECTED.items() if "error" not in expected]
NOT_REPORTS = [name for name, expected in EXPECTED.items() if "error" in expected]


@cache
def imported(name: str) -> tuple[Report, dict]:
    """A fixture parsed and given IDs and targets, as the import command would write it."""
    report, info = parse_report((FIXTURES / name).read_bytes())
    report = assign_structure_ids(report)
    targets, lists = assign_target_ids(extract_targets(report))
    return replace(report, targets=tuple(targets), lists=tuple(lists)), info


def all_texts(report: Report) -> list[str]:
    return [report.meta.title, *(p.title for p in report.parts), *(s.title for s in report.sections()), *(p.text for p in report.all_paragraphs())]


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_is_read_in_its_encoding(name):
    _, info = imported(name)
    expected = codecs.lookup(EXPECTED[name]["encoding"]).name
    if name.endswith(".html"):
        assert info["encoding"] == f"html/{expected}"
    else:
        assert codecs.lookup(info["encoding"]).name == expected


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_metadata(name):
    meta = imported(name)[0].meta
    expected = EXPECTED[name]
    assert (meta.title, meta.place, meta.year, meta.occasion) == (expected["title"], expected["place"], expected["year"], expected["occasion"])
    assert (meta.published[:10] or None) == expected["date"]
    if "source" in expected:
        assert meta.source == expected["source"]


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_parts(name):
    assert [p.title for p in imported(name)[0].parts] == EXPECTED[name]["parts"]


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_sections_per_part(name):
    parts = imported(name)[0].parts
    assert [len(p.sections) for p in parts] == EXPECTED[name]["sections_per_part"]
    assert [[s.title for s in p.sections] for p in parts] == EXPECTED[name]["sections"]


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_review_indicators(name):
    results = [t for t in imported(name)[0].targets if t.kind == "indicator-result"]
    found = [{"name": t.indicator, "value": t.value, "unit": t.unit or None, "growth": t.growth} for t in results]
    assert found == EXPECTED[name]["review_indicators"]


def goal_as_expected(target, expected: dict) -> dict:
    """The target in the shape of its expected.yaml entry (growth goals and level goals differ)."""
    fields = {"name": target.indicator, "growth": target.growth, "value": target.value, "unit": target.unit or None, "qualifier": target.qualifier or None}
    return {key: fields[key] for key in expected}


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_target_indicators(name):
    goals = [t for t in imported(name)[0].targets if t.kind == "indicator"]
    expected = EXPECTED[name]["target_indicators"]
    assert [goal_as_expected(g, e) for g, e in zip(goals, expected)] == expected
    assert len(goals) == len(expected)


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_livelihood_list(name):
    report = imported(name)[0]
    [livelihood] = [lst for lst in report.lists if lst.title == "民生实事"]
    assert len(livelihood.items) == EXPECTED[name]["livelihood_items"]
    by_id = {t.id: t for t in report.targets}
    assert [by_id[i].number for i in livelihood.items] == list(range(1, len(livelihood.items) + 1))


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_sentences_appear_verbatim(name):
    text = "\n".join(p.text for p in imported(name)[0].all_paragraphs())
    missing = [s for s in EXPECTED[name]["sentences"] if s not in text]
    assert missing == []


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_text_has_no_pinyin_garble_or_traditional_left(name):
    assert [problem for text in all_texts(imported(name)[0]) for problem in problems_in(text)] == []


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_opens_after_the_salutation_and_closes_with_one_address(name):
    report = imported(name)[0]
    assert report.opening[0].text.startswith("现在，我代表")
    assert [p.text[:5] for p in report.closing] == ["各位代表，"]


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_page_chrome_stays_out_of_the_report(name):
    text = "\n".join(all_texts(imported(name)[0]))
    for chrome in ("首页", "发布日期", "来源：", "打印本页", "相关文章", "版权所有", "地址："):
        assert chrome not in text


@pytest.mark.parametrize("name", NOT_REPORTS)
def test_a_file_that_is_not_a_work_report_is_refused_with_a_clear_problem(name):
    with pytest.raises(ImportProblem) as problem:
        parse_report((FIXTURES / name).read_bytes())
    assert str(problem.value) == NOT_A_REPORT


# ---- the seed -----------------------------------------------------------------------------


def test_seed_has_three_parts_with_5_7_5_sections(seed_import):
    assert [len(p.sections) for p in seed_import.report.parts] == [5, 7, 5]


def test_seed_text_has_no_pinyin_garble_or_traditional_characters_left(seed_import):
    report = seed_import.report
    assert [problem for text in all_texts(report) for problem in problems_in(text)] == []
    assert find_suspicious(report) == []
    assert seed_import.warnings == []


def test_seed_lists_all_16_repairs(seed_import, golden):
    repairs = seed_import.report.repairs
    corrections = seed_corrections()
    recorded = [(r.garbled, r.repaired, r.note) for r in repairs if r.method == "recorded correction"]
    assert sorted(recorded) == sorted((c.garbled, c.repaired, c.note) for c in corrections)
    assert len(recorded) == 12
    assert [(r.line, r.garbled, r.repaired) for r in repairs if r.method == "re-read in step"] == [
        (19, "??h", "。縣"),
        (19, "??h", "。縣"),
        (23, "?;仡欉^", "。回顧過"),
        (73, "?,F", "。現"),
    ]
    assert len(repairs) == 16
    assert [r.line for r in repairs] == sorted(r.line for r in repairs)


def test_seed_pairs_the_eight_headline_goals_with_last_years_results(seed_import):
    targets = {t.id: t for t in seed_import.report.targets}
    goals = [t for t in targets.values() if t.kind == "indicator"]
    assert [(g.indicator, g.growth, g.qualifier) for g in goals] == [
        ("地区生产总值", 8, "左右"),
        ("规模以上工业增加值", 10, ""),
        ("固定资产投资", 11, ""),
        ("社会消费品零售总额", 10, ""),
        ("财政总收入", 10, ""),
        ("一般公共预算收入", 6, ""),
        ("城镇居民人均可支配收入", 8.5, ""),
        ("农村居民人均可支配收入", 9, ""),
    ]
    baselines = [targets[g.baseline] for g in goals]
    assert [(b.kind, b.indicator, b.year) for b in baselines] == [("indicator-result", g.indicator, 2021) for g in goals]


def test_seed_lists_ten_livelihood_projects(seed_import):
    report = seed_import.report
    [lst] = report.lists
    targets = {t.id: t for t in report.targets}
    assert lst.title == "民生实事"
    assert [(targets[i].kind, targets[i].number, targets[i].list) for i in lst.items] == [("list-item", n, lst.id) for n in range(1, 11)]


def test_seed_import_matches_the_golden_files(seed_import, golden, update_golden):
    folder = seed_import.folder
    generated = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.yaml") if p.name != "corrections.yaml")
    if update_golden:
        for name in generated:
            (golden / name).write_bytes((folder / name).read_bytes())
        pytest.skip("golden files rewritten; review them with `git diff content/`")
    # Other files in the folder (corrections, translations) are written by people, not by the import.
    assert generated == ["parts/part1.yaml", "parts/part2.yaml", "parts/part3.yaml", "provenance.yaml", "report.yaml", "targets.yaml"]
    for name in generated:
        assert (folder / name).read_bytes() == (golden / name).read_bytes(), f"{name} differs from the golden file (run pytest --update-golden and review git diff)"


def test_parse_report_is_pure_and_repeatable(seed, golden):
    corrections = seed_corrections()
    data = seed.read_bytes()
    first, info = parse_report(data, corrections)
    again, _ = parse_report(data, corrections)
    assert first == again
    report_files(first, provenance_data(first, seed.name, data, info["encoding"], info["dropped"]))
