"""The 27 real reports of examples/raw/, as they were found, each imported with the metadata,
structure and notes recorded in tests/data/real-reports.yaml; and the example archive's YAML
(examples/content/) is what the importer makes of them, with nothing of the pages around them."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import yaml

from reportsite.ingest.batch import import_batch
from reportsite.ingest.importer import parse_report
from reportsite.content.model import Report

ROOT = Path(__file__).parent.parent
RAW = ROOT / "examples" / "raw"
ARCHIVE = ROOT / "examples" / "content"
EXPECTED = yaml.safe_load((Path(__file__).parent / "data" / "real-reports.yaml").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)

# The words of the portal's page, the scraper's header and the mirror, and the escapes of the raw text.
FURNITURE = ["作者：", "作者：中国县域", "来源：政府官网", "阅读：", "评论：", "内容摘要", "免责声明", "标签", "上一篇", "下一篇",
             "相关文章", "相关评论", "本栏推荐", "阅读排行", "标签云", "分享到", "标题：", "发文单位", "发文时间", "报告人：",
             "来源URL", "正文：", "马克数据网", "责任编辑", "\\r\\n", "&nbsp;", "&ems", "??"]


@cache
def imported(name: str) -> Report:
    return parse_report((RAW / name).read_bytes())[0]


def test_every_raw_report_has_its_expectations():
    assert NAMES == sorted(p.name for p in RAW.glob("*.txt")) and len(NAMES) == 27


@pytest.mark.parametrize("name", NAMES)
def test_place_prefecture_province_level_year_kind_and_delivery_date(name):
    meta, expected = imported(name).meta, EXPECTED[name]
    assert (imported(name).id, meta.place, meta.named, meta.prefecture, meta.province, meta.level, meta.year, meta.kind, meta.delivered) == (
        expected["id"], expected["place"], expected["named"], expected["prefecture"], expected["province"], expected["level"], expected["year"],
        expected["kind"], expected["delivered"])


@pytest.mark.parametrize("name", NAMES)
def test_parts_and_sections_as_the_text_has_them(name):
    report = imported(name)
    assert [[p.title, len(p.sections)] for p in report.parts] == EXPECTED[name]["parts"]
    assert len(report.closing) == EXPECTED[name]["closing"]


@pytest.mark.parametrize("name", [n for n in NAMES if EXPECTED[n]["kind"] == "report"])
def test_a_full_report_has_at_least_15_paragraphs(name):
    assert len(imported(name).all_paragraphs()) >= 15


@pytest.mark.parametrize("name", NAMES)
def test_the_glossary_is_notes_not_paragraphs(name):
    report = imported(name)
    assert len(report.notes) == EXPECTED[name]["notes"]
    assert [n.mark for n in report.notes] == [f"[{i}]" for i in range(1, len(report.notes) + 1)]
    entry = re.compile(r"^(?:\[\d+\]|\d+\.\[)|^[【※]?(?:名词解释|注释)")
    assert [p.text[:20] for p in report.all_paragraphs() if entry.match(p.text)] == []


def test_a_renamed_place_is_one_place_with_the_name_and_level_it_had():
    qingyuan = [imported(n) for n in NAMES if n.startswith("qingyuan")]
    assert {r.id.rsplit("-", 1)[0] for r in qingyuan} == {"qingyuan"} and {r.meta.place for r in qingyuan} == {"清苑区"}
    assert [(r.meta.year, r.meta.named, r.meta.level) for r in qingyuan][3:5] == [(2013, "清苑县", "county"), (2020, "", "district")]


def test_a_news_rewrite_is_labelled_as_not_the_report():
    meta = imported("baoding-2023.txt").meta
    assert (meta.kind, meta.digest) == ("news", True)


def test_the_scrapers_header_and_the_portals_header_are_kept_as_metadata():
    baoding, qingyuan = imported("baoding-2022.txt").meta, imported("qingyuan-2022.txt").meta
    assert (baoding.source_url, baoding.office) == ("http://district.ce.cn/newarea/roll/202202/10/t20220210_37319607.shtml", "保定市人民政府")
    assert (qingyuan.published, qingyuan.source) == ("2023-03-30", "政府官网")


def test_lost_characters_stay_visible():
    assert "二\ufffd\ufffd三五" in "".join(p.text for p in imported("baoding-2021.txt").all_paragraphs())


def archive_yaml() -> dict[str, str]:
    """The YAML of the example archive that holds the reports' text and metadata."""
    files = [*ARCHIVE.glob("reports/*/report.yaml"), *ARCHIVE.glob("reports/*/parts/*.yaml")]
    return {str(p.relative_to(ARCHIVE)): p.read_text(encoding="utf-8") for p in sorted(files)}


def test_the_example_archive_has_no_furniture_or_escapes_left():
    found = {(name, word) for name, text in archive_yaml().items() for word in FURNITURE if word in text}
    assert found == set()


def test_the_example_archive_is_what_the_importer_makes_of_the_raw_reports(tmp_path):
    rows = import_batch([RAW], tmp_path)
    assert [row.error for row in rows if row.error] == []
    fresh = {str(p.relative_to(tmp_path)): p.read_text(encoding="utf-8")
             for p in sorted([*tmp_path.glob("reports/*/report.yaml"), *tmp_path.glob("reports/*/parts/*.yaml")])}
    assert fresh == archive_yaml(), "re-import: python build.py --content examples/content import examples/raw --force"
