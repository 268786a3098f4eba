"""The genre as it is found on the web: one short fixture per shape under tests/data/seeds/corpus/,
each imported with the structure, metadata and targets recorded in its expected.yaml."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import yaml

from reportsite.ingest.ids import assign_structure_ids, assign_target_ids
from reportsite.ingest.importer import parse_report
from reportsite.ingest.targets import extract_targets
from reportsite.content.model import Report
from reportsite.ingest.suspicious import problems_in

CORPUS = Path(__file__).parent / "data" / "seeds" / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
NAMES = list(EXPECTED)


@cache
def imported(name: str) -> tuple[Report, list[str]]:
    report, info = parse_report((CORPUS / name).read_bytes())
    report = assign_structure_ids(report)
    targets, lists = assign_target_ids(extract_targets(report))
    return replace(report, targets=tuple(targets), lists=tuple(lists)), info["warnings"]


def text_of(report: Report) -> str:
    return "\n".join([report.meta.title, *(p.title for p in report.parts), *(s.title for s in report.sections()), *(p.text for p in report.all_paragraphs())])


def test_the_corpus_has_at_least_25_shapes():
    assert len(NAMES) >= 25 and sorted(NAMES) == sorted(p.name for p in CORPUS.iterdir() if p.name != "expected.yaml")


@pytest.mark.parametrize("name", NAMES)
def test_corpus_metadata(name):
    meta, expected = imported(name)[0].meta, EXPECTED[name]
    assert (meta.title, meta.place, meta.province, meta.year or None, meta.digest) == (
        expected["title"], expected["place"], expected["province"], expected["year"], expected["digest"])


@pytest.mark.parametrize("name", NAMES)
def test_corpus_warnings(name):
    assert imported(name)[1] == EXPECTED[name]["warnings"]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_structure(name):
    report, expected = imported(name)[0], EXPECTED[name]
    assert [p.title for p in report.parts] == expected["parts"]
    assert [len(p.sections) for p in report.parts] == expected["sections_per_part"]
    assert len(report.closing) == expected["closing"]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_headline_goals_and_results(name):
    report, expected = imported(name)[0], EXPECTED[name]
    goals = [t for t in report.targets if t.kind == "indicator"]
    assert [[t.indicator, t.growth, t.value, t.unit or None, t.qualifier or None] for t in goals] == expected["goals"]
    results = [[t.indicator, t.growth, t.value, t.unit or None] for t in report.targets if t.kind == "indicator-result"]
    assert results == expected["results"]
    by_id = {t.id: t for t in report.targets}
    assert [by_id[t.baseline].indicator if t.baseline else None for t in goals] == expected["baselines"]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_text_has_no_pinyin_garble_traditional_or_page_chrome(name):
    report = imported(name)[0]
    texts = [p.text for p in report.all_paragraphs()] + [p.title for p in report.parts] + [s.title for s in report.sections()]
    assert [problem for text in texts for problem in problems_in(text)] == []
    for chrome in ("首页", "发布日期", "来源：", "登录", "版权所有", "目录", "下转", "上接"):
        assert chrome not in "\n".join(texts)


def test_a_truncated_report_keeps_what_is_there():
    report = imported("truncated.txt")[0]
    assert report.all_paragraphs()[-1].text.endswith("新登记市场主体23")


def test_dash_headings_become_items_with_their_lead():
    [section] = imported("dash-headings.txt")[0].parts[0].sections
    blocks = [b for p in section.paragraphs for b in p.blocks]
    assert [(b.marker, b.lead) for b in blocks] == [("——", "发展动能更足。"), ("——", "城乡面貌更新。")]


def test_a_newspaper_page_jump_is_joined_into_one_paragraph():
    assert "推动县域经济高质量发展迈出坚实步伐。" in text_of(imported("newspaper-jump.txt")[0])


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    [section] = imported("hard-wrapped.txt")[0].parts[0].sections
    assert len(section.paragraphs) == 1 and section.paragraphs[0].text.endswith("发展后劲不断积蓄。")


def test_a_footnote_keeps_its_mark_and_its_note_follows_the_closing_address_as_a_note():
    report = imported("footnotes.txt")[0]
    assert "“三个一批”[1]项目56个" in text_of(report)
    assert [p.text[:5] for p in report.closing] == ["各位代表，"]
    assert [(n.id, n.mark, n.text[:8]) for n in report.notes] == [("note1", "[1]", "“三个一批”：指")]


def test_elliptical_lists_inherit_their_noun_and_labels_have_no_verbs_of_effort():
    labels = [t.indicator for t in imported("elliptical-targets.txt")[0].targets if t.kind == "commitment"]
    assert labels[-5:] == ["省级企业技术中心", "市级企业技术中心", "县级企业技术中心", "粮食面积", "粮食总产"]


def test_a_digest_has_one_body_and_its_targets():
    report = imported("news-digest.txt")[0]
    assert report.opening == () and report.closing == () and len(report.parts) == 1
    body = [p.text for p in report.parts[0].intro]
    assert body[0].startswith("1月10日") and "主要预期目标是：" in body[2] and body[-1] == "报告还对今年的重点工作作出部署。"
