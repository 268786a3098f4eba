"""Content validation: one broken file per kind of error, and the exact message an editor sees."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from reportsite.content import load_site_content

REPORT = dedent(
    """\
    id: mini-2023
    title: 2023年清河县政府工作报告
    place: 清河县
    year: 2023
    parts:
    - part1.yaml
    opening:
    - id: open-p1
      text: 现在，我代表县人民政府，向大会报告工作。
    closing:
    - id: close-p1
      text: 各位代表，让我们为建设新清河而努力奋斗！
    retired: {}
    """
)
PART = dedent(
    """\
    id: part1
    number: 1
    title: 2022年工作回顾
    intro: []
    sections:
    - id: s1-1
      number: 1
      title: 聚焦项目建设
      paragraphs:
      - id: s1-1-p1
        text: 全年实施重点项目68个。
      - id: s1-1-p2
        blocks:
        - lead: 招商引资扎实推进。
          text: 签约项目41个。
    outro: []
    """
)
TARGETS = dedent(
    """\
    targets:
    - id: t1
      kind: result
      paragraph: s1-1-p1
      text: 全年实施重点项目68个
      indicator: 全年实施重点项目
      value: 68
      unit: 个
      year: 2022
      status: not-rated
    lists: []
    """
)


def write_report(root: Path, report: str = REPORT, part: str = PART, targets: str = TARGETS) -> Path:
    folder = root / "content" / "reports" / "mini-2023"
    (folder / "parts").mkdir(parents=True)
    (folder / "report.yaml").write_text(report, encoding="utf-8")
    (folder / "parts" / "part1.yaml").write_text(part, encoding="utf-8")
    (folder / "targets.yaml").write_text(targets, encoding="utf-8")
    return root / "content"


def messages(content: Path) -> list[str]:
    """Every problem found in the content, sorted by file and line as the command line prints them."""
    _, errors = load_site_content(content)
    return [str(e) for e in sorted(errors)]


def test_the_unbroken_report_loads_without_problems(tmp_path):
    reports, errors = load_site_content(write_report(tmp_path))
    assert errors == []
    [report] = reports
    assert [p.text for p in report.all_paragraphs()][1:3] == ["全年实施重点项目68个。", "招商引资扎实推进。签约项目41个。"]


def test_a_yaml_syntax_error_names_the_file_and_line(tmp_path):
    broken = REPORT.replace("title: 2023年清河县政府工作报告", "title: 2023年清河县政府工作报告: 草稿")
    assert messages(write_report(tmp_path, report=broken)) == [
        "content/reports/mini-2023/report.yaml:2: YAML syntax: mapping values are not allowed in this context (a value containing ': ' must be quoted)"
    ]


def test_a_missing_field_names_the_unit_and_the_field(tmp_path):
    broken = PART.replace("  title: 聚焦项目建设\n", "")
    assert messages(write_report(tmp_path, part=broken)) == [
        "content/reports/mini-2023/parts/part1.yaml:6: sections[0].title: missing (add `title: …`)"
    ]


def test_a_value_of_the_wrong_type_names_the_line_of_the_value(tmp_path):
    broken = TARGETS.replace("value: 68", "value: ten")
    assert messages(write_report(tmp_path, targets=broken)) == [
        "content/reports/mini-2023/targets.yaml:7: targets[0].value: expected a number, got 'ten' (write digits only, e.g. 10 or 8.5)"
    ]


def test_a_duplicate_id_names_both_places(tmp_path):
    broken = PART.replace("- id: s1-1-p2", "- id: s1-1-p1")
    assert messages(write_report(tmp_path, part=broken)) == [
        "content/reports/mini-2023/parts/part1.yaml:12: id: duplicate ID 's1-1-p1', first used at "
        "content/reports/mini-2023/parts/part1.yaml:10 (give one of them a new ID that is not used elsewhere)"
    ]


def test_a_target_pointing_at_a_missing_paragraph_is_reported(tmp_path):
    broken = TARGETS.replace("paragraph: s1-1-p1", "paragraph: s1-1-p9")
    assert messages(write_report(tmp_path, targets=broken)) == [
        "content/reports/mini-2023/targets.yaml:2: t1.paragraph: no paragraph 's1-1-p9' (name the ID of the paragraph this figure is in)"
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    part = PART.replace("- id: s1-1-p2", "- id: s1-1-p1")
    targets = TARGETS.replace("value: 68", "value: ten").replace("status: not-rated", "status: done")
    assert messages(write_report(tmp_path, part=part, targets=targets)) == [
        "content/reports/mini-2023/parts/part1.yaml:12: id: duplicate ID 's1-1-p1', first used at "
        "content/reports/mini-2023/parts/part1.yaml:10 (give one of them a new ID that is not used elsewhere)",
        "content/reports/mini-2023/targets.yaml:7: targets[0].value: expected a number, got 'ten' (write digits only, e.g. 10 or 8.5)",
        "content/reports/mini-2023/targets.yaml:10: targets[0].status: unknown status 'done' "
        "(use one of not-rated, on-track, at-risk, off-track, achieved, missed, dropped)",
    ]


def test_a_missing_part_file_is_reported_with_what_it_leaves_dangling(tmp_path):
    broken = REPORT.replace("- part1.yaml", "- part9.yaml")
    assert messages(write_report(tmp_path, report=broken)) == [
        "content/reports/mini-2023/report.yaml:6: parts[0]: no part file 'part9.yaml' (list files that exist under parts/)",
        "content/reports/mini-2023/targets.yaml:2: t1.paragraph: no paragraph 's1-1-p1' (name the ID of the paragraph this figure is in)",
    ]


def test_a_report_id_must_be_its_folder_name(tmp_path):
    broken = REPORT.replace("id: mini-2023", "id: Mini 2023")
    assert messages(write_report(tmp_path, report=broken)) == [
        "content/reports/mini-2023/report.yaml:1: id: 'Mini 2023' must be the folder name 'mini-2023', in lower-case letters, digits and hyphens"
    ]
