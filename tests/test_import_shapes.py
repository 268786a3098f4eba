"""One small fixture per shape the real reports come in (tests/data/shapes/), each imported as the
text has it: escapes, page furniture kept as metadata, notes, heading grammars, news rewrites,
copies without their head or their part headings, and metadata reconciled from every line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reportsite.errors import ImportProblem
from reportsite.ingest.importer import parse_report
from reportsite.ingest.marks import MARKS, ONE_PART_WARNING
from reportsite.content.model import Report
from reportsite.ingest.suspicious import problems_in

SHAPES = Path(__file__).parent / "data" / "shapes"


def imported(name: str) -> tuple[Report, list[str]]:
    report, info = parse_report((SHAPES / name).read_bytes())
    return report, info["warnings"]


def outline(report: Report) -> list[tuple[str, list[str]]]:
    return [(p.title, [s.title for s in p.sections]) for p in report.parts]


def everything(report: Report) -> str:
    return "\n".join([report.meta.title, *(t for p in report.parts for t in [p.title, *(s.title for s in p.sections)]),
                      *(p.text for p in report.all_paragraphs())])


def test_every_shape_has_a_test():
    tested = {"escaped-breaks", "scraper-header", "portal-page", "glossary", "lost-glossary", "bare-over-numbered", "news-rewrite",
              "starts-at-heading", "wrong-year-title", "no-part-headings", "prefecture-in-title", "restarted-lists", "lost-character", "appendix"}
    assert {p.stem for p in SHAPES.glob("*.txt")} == tested


def test_line_breaks_entities_and_lost_spaces_written_as_text():
    report, warnings = imported("escaped-breaks.txt")
    assert outline(report) == [("2022年工作回顾", ["项目建设扎实推进"]), ("2023年工作安排", ["抓项目扩投资"])]
    assert not [w for w in ("\\r\\n", "&nbsp;", "??") if w in everything(report)] and warnings == []


def test_a_scrapers_header_is_metadata_not_text():
    report, _ = imported("scraper-header.txt")
    m = report.meta
    assert (m.title, m.office, m.published, m.speaker, m.source_url) == (
        "2023年柳河县政府工作报告", "柳河县人民政府", "2023-01-12", "柳河县人民政府县长何某", "https://www.liuhe.example.gov.cn/art/2023/1/12/art_1.html")
    assert not [w for w in ("标题：", "发文", "报告人", "来源URL", "正文：", "责任编辑") if w in everything(report)]


def test_a_portals_header_summary_and_footer_leave_only_the_report():
    report, _ = imported("portal-page.txt")
    m = report.meta
    assert (m.place, m.prefecture, m.published, m.source, m.delivered) == ("白沙县", "桐川市", "2023-03-30", "政府官网", "2023-01-09")
    assert len(report.opening) == 1 and [p.text[:6] for p in report.closing] == ["各位代表，让"]
    assert not [w for w in ("作者", "阅读", "内容摘要", "免责声明", "标签", "上一篇", "相关文章", "金堂县") if w in everything(report)]


def test_a_glossary_becomes_notes_linked_from_the_markers():
    report, warnings = imported("glossary.txt")
    assert [(n.id, n.mark, n.text) for n in report.notes] == [
        ("note1", "[1]", "“三个一批”：签约一批、开工一批、投产一批。"), ("note2", "[2]", "“两不愁三保障”：不愁吃、不愁穿，义务教育、基本医疗和住房安全有保障。")]
    assert "“三个一批”[1]项目" in everything(report) and "名词解释" not in everything(report) and warnings == []


def test_markers_whose_glossary_was_lost_are_kept_and_flagged():
    report, warnings = imported("lost-glossary.txt")
    assert report.notes == () and "“三个一批”[1]项目" in everything(report)
    assert warnings == ["notes: 2 marker(s) without their note ([1], [2]); kept in the text, the glossary was not found"]


def test_bare_part_headings_with_their_own_numbered_sections():
    assert outline(imported("bare-over-numbered.txt")[0]) == [
        ("2022年工作回顾", ["项目建设扎实推进", "民生保障持续加强"]), ("2023年工作目标任务", ["抓项目扩投资", "抓产业促转型", "抓民生惠民利"]),
        ("加强政府自身建设", ["坚持依法行政", "坚持廉洁从政"])]


def test_a_news_rewrite_is_labelled_and_keeps_its_headlines_as_parts():
    report, _ = imported("news-rewrite.txt")
    assert (report.meta.kind, report.meta.digest) == ("news", True)
    assert outline(report) == [("2022年政府工作回顾", []), ("阔步迈上新征程", []),
                               ("2023年主要工作", ["加力推进项目建设，让发展后劲更足", "加力推进民生事业，让群众生活更好"])]


def test_the_speaker_line_names_the_office_when_no_header_does():
    assert imported("lost-character.txt")[0].meta.office == ""
    assert parse_report("2023年柳河县政府工作报告\n柳河县人民政府县长 何某\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n一、2022年工作回顾\n过去的一年，较好完成了各项任务。\n二、2023年工作安排\n今年地区生产总值增长6%左右。\n".encode())[0].meta.office == "柳河县人民政府"


def test_a_copy_that_starts_at_its_first_heading():
    report, warnings = imported("starts-at-heading.txt")
    assert (report.id, report.meta.place, report.meta.year, len(report.parts), len(report.closing)) == ("pinglu-2023", "平陆县", 2023, 3, 1)
    assert warnings == []


def test_a_title_naming_the_wrong_year_loses_to_the_delivery_date_and_the_headings():
    report, warnings = imported("wrong-year-title.txt")
    assert (report.id, report.meta.year) == ("liuhexian-2022", 2022)
    assert warnings == ["year: the sources disagree (the title says 2024); kept 2022"]


def test_text_with_a_reports_marks_but_no_part_headings_is_one_part_with_a_warning():
    report, warnings = imported("no-part-headings.txt")
    assert outline(report) == [("政府工作报告", [])] and len(report.closing) == 1
    assert warnings == [ONE_PART_WARNING]


def test_text_without_any_mark_is_refused_saying_what_was_looked_for():
    with pytest.raises(ImportProblem) as problem:
        parse_report("今日天气晴，气温十度。\n明日有雨。\n".encode())
    assert all(mark in str(problem.value) for mark in MARKS)


def test_a_place_named_with_its_prefecture_gets_both_and_the_province():
    m = imported("prefecture-in-title.txt")[0].meta
    assert (m.place, m.prefecture, m.province, m.level) == ("平陆县", "运城市", "山西省", "county")


def test_lists_that_start_again_go_on_as_sections_and_years_in_chinese_numerals_head_parts():
    report, _ = imported("restarted-lists.txt")
    assert (report.meta.year, outline(report)) == (2025, [("二〇二四年工作回顾", []), ("二〇二五年主要目标任务", [
        "“城乡建设年”行动", "“经济提质年”行动", "做强文旅新赛道", "完善建材新赛道", "提速农产品新赛道"])])


def test_a_lost_character_stays_visible_and_is_flagged():
    report, _ = imported("lost-character.txt")
    text = report.opening[0].text
    assert "二\ufffd\ufffd三五" in text and problems_in(text)


def test_lists_after_the_closing_address_are_appendices():
    report, warnings = imported("appendix.txt")
    assert [(a.id, a.title, len(a.items)) for a in report.appendices] == [
        ("appendix1", "2023年县级重点项目计划表", 2), ("appendix2", "2023年民生实事清单", 1)]
    assert [p.text[:6] for p in report.closing] == ["各位代表，让"] and "附件" not in everything(report) and warnings == []


@pytest.mark.parametrize("name", ["glossary.txt", "appendix.txt", "scraper-header.txt"])
def test_notes_appendices_and_new_metadata_survive_writing_and_reading_the_yaml(name, tmp_path):
    from reportsite.content.report import load_report
    from reportsite.ingest.importer import import_report

    written = import_report(SHAPES / name, tmp_path).report
    loaded, errors = load_report(tmp_path / "reports" / written.id, "x")
    assert [e for e in errors if not e.warning] == []
    assert (loaded.notes, loaded.appendices, loaded.meta) == (
        tuple(replace(n, source=loaded.notes[i].source) for i, n in enumerate(written.notes)),
        tuple(replace(a, source=loaded.appendices[i].source) for i, a in enumerate(written.appendices)), written.meta)


def test_notes_and_appendices_are_kept_in_the_private_cache_and_read_back(tmp_path, monkeypatch):
    from reportsite.content.report import load_report, load_report_kept
    from reportsite.ingest.importer import import_report

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("glossary.txt", "appendix.txt"):
        folder = import_report(SHAPES / name, tmp_path / name).folder
        fresh = load_report(folder, "x")
        assert load_report_kept(folder, "x") == fresh and load_report_kept(folder, "x") == fresh
