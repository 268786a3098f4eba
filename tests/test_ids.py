"""IDs: minted once, kept across re-imports (also for edited units), never handed out again."""

import re
import shutil
from dataclasses import replace
from pathlib import Path
from textwrap import dedent

import pytest

from reportsite.ingest.ids import assign_structure_ids, kept_paragraph_ids, kept_target_ids
from reportsite.content.model import ID_PATTERN
from reportsite.ingest.importer import default_report_id, import_report, parse_report
from reportsite.content.model import Block, Paragraph, Target

from .conftest import SEED_CORRECTIONS, content_before_import

MINI = dedent(
    """\
    2023年清河县政府工作报告
    各位代表：
    现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。
    一、2022年工作回顾
    过去的一年，我们坚持稳中求进工作总基调，较好完成了各项目标任务。
    （一）聚焦项目建设
    项目建设成效明显。全年实施重点项目68个，完成投资24.6亿元。
    招商引资扎实推进。签约项目41个，协议总投资87.5亿元。
    二、2023年工作安排
    （一）坚持项目为王
    全年谋划实施重点项目72个，计划完成投资28亿元。
    各位代表，新时代新征程催人奋进。让我们踔厉奋发、勇毅前行，为建设新清河而努力奋斗！
    """
)


def structured(text: str, previous=None):
    report, _ = parse_report(text.encode())
    return assign_structure_ids(report, previous)


def ids_by_text(report) -> dict[str, str]:
    return {p.text: p.id for p in report.all_paragraphs()}


@pytest.mark.parametrize("place, year, rid", [("绛县", 2022, "jiangxian-2022"), ("清河县", 2023, "qinghexian-2023"), ("安平市", None, "anpingshi")])
def test_default_report_id_is_the_place_in_pinyin_and_the_year(place, year, rid):
    assert default_report_id(place, year) == rid


def test_first_import_mints_short_positional_ids():
    report = structured(MINI)
    assert [p.id for p in report.parts] == ["part1", "part2"]
    assert [s.id for s in report.sections()] == ["s1-1", "s2-1"]
    assert [p.id for p in report.all_paragraphs()] == ["open-p1", "part1-p1", "s1-1-p1", "s1-1-p2", "s2-1-p1", "close-p1"]
    assert all(re.match(ID_PATTERN, p.id) for p in report.all_paragraphs())


def test_reimporting_the_same_text_keeps_every_id():
    first = structured(MINI)
    again = structured(MINI, previous=first)
    assert again == first


def test_a_section_whose_heading_was_corrected_keeps_its_id():
    first = structured(MINI.replace("（一）坚持项目为王", "（一）坚持项目为主\n（二）坚持创新驱动"))
    again = structured(MINI.replace("（一）坚持项目为王", "（一）坚持项目为王\n（二）坚持创新驱动"), previous=first)
    assert [s.id for s in again.sections()] == [s.id for s in first.sections()] == ["s1-1", "s2-1", "s2-2"]


def test_a_new_paragraph_never_takes_an_id_used_before():
    first = structured(MINI)
    # s1-1-p2 is deleted and a new paragraph arrives in its place: it gets s1-1-p3, not s1-1-p2.
    text = MINI.replace("招商引资扎实推进。签约项目41个，协议总投资87.5亿元。", "工业经济提质增效。新增规模以上工业企业9家。")
    second = structured(text, previous=first)
    assert [p.id for p in second.sections()[0].paragraphs] == ["s1-1-p1", "s1-1-p3"]


def test_a_retired_id_is_never_minted_again():
    first = structured(MINI)
    first = replace(first, retired={"s1-1-p3": "s1-1"})
    text = MINI.replace("协议总投资87.5亿元。", "协议总投资87.5亿元。\n工业经济提质增效。新增规模以上工业企业9家。")
    second = structured(text, previous=first)
    assert [p.id for p in second.sections()[0].paragraphs] == ["s1-1-p1", "s1-1-p2", "s1-1-p4"]


def test_kept_paragraph_ids_follow_an_edited_paragraph_but_not_an_unrelated_one():
    old = [Paragraph("a", (Block("全年实施重点项目68个，完成投资24.6亿元。"),)), Paragraph("b", (Block("签约项目41个，协议总投资87.5亿元。"),))]
    new = [Paragraph("", (Block("全年实施重点项目70个，完成投资25.1亿元。"),)), Paragraph("", (Block("自觉接受县人大的法律监督。"),))]
    assert kept_paragraph_ids(new, old) == ["a", ""]


def test_kept_paragraph_ids_prefer_the_paragraph_with_the_same_text():
    text = "全年实施重点项目68个，完成投资24.6亿元。"
    old = [Paragraph("a", (Block(text + "另外。"),)), Paragraph("b", (Block(text),))]
    assert kept_paragraph_ids([Paragraph("", (Block(text),))], old) == ["b"]


def test_kept_target_ids_follow_a_figure_that_changed_in_the_same_paragraph():
    old = [Target("t30", "result", "s1-3-p1", "完成县乡公路改造27.92公里", indicator="完成县乡公路改造")]
    new = [
        Target("", "result", "s1-3-p1", "完成县乡公路改造28.15公里", indicator="完成县乡公路改造"),
        Target("", "result", "s1-4-p1", "完成县乡公路改造3公里", indicator="完成县乡公路改造"),
    ]
    assert kept_target_ids(new, old) == ["t30", ""]


# ---- the seed: re-import a variant with a paragraph inserted, one edited and one deleted --------

INSERTED = "同時，我們積極推進數字政府建設，政務服務事項網上可辦率達到90%以上，群眾辦事更加便捷。"


def seed_variant(seed: Path) -> str:
    lines = seed.read_text(encoding="utf-8").split("\n")
    edited = next(i for i, line in enumerate(lines) if "27.92公里" in line)
    lines[edited] = lines[edited].replace("27.92公里", "28.15公里")
    deleted = next(i for i, line in enumerate(lines) if line.startswith("一年來,披荊斬棘"))
    del lines[deleted]
    after = next(i for i, line in enumerate(lines) if line.startswith("堅持黨的全面領"))
    lines.insert(after + 1, INSERTED)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def reimport(tmp_path_factory, seed, golden):
    """(first import, re-import of the variant with --force) of the seed in one content folder."""
    root = tmp_path_factory.mktemp("reimport")
    first = import_report(seed, content_before_import(root)).report
    # The variant's bytes differ from the seed's, so an editor carries the seed's corrections over to it.
    shutil.copy(SEED_CORRECTIONS, root / "content" / "reports" / golden.name / "corrections.yaml")
    variant = root / "variant.txt"
    variant.write_text(seed_variant(seed), encoding="utf-8")
    second = import_report(variant, root / "content", golden.name, force=True).report
    return first, second


def test_reimport_keeps_the_id_of_every_unchanged_paragraph(reimport):
    first, second = reimport
    before, after = ids_by_text(first), ids_by_text(second)
    unchanged = set(before) & set(after)
    assert len(unchanged) == len(before) - 2  # all but the edited and the deleted paragraph
    assert {text: after[text] for text in unchanged} == {text: before[text] for text in unchanged}


def test_reimport_keeps_the_id_of_an_edited_paragraph(reimport):
    first, second = reimport
    [old] = [p for p in first.all_paragraphs() if "27.92公里" in p.text]
    [new] = [p for p in second.all_paragraphs() if "28.15公里" in p.text]
    assert new.id == old.id == "s1-3-p1"


def test_reimport_gives_an_inserted_paragraph_a_new_id(reimport):
    first, second = reimport
    [new] = [p for p in second.all_paragraphs() if p.text.startswith("同时，我们积极推进数字政府建设")]
    assert new.id == "s1-5-p3"
    assert new.id not in {p.id for p in first.all_paragraphs()}
    assert [p.id for p in second.sections()[4].paragraphs] == ["s1-5-p1", "s1-5-p3", "s1-5-p2"]


def test_reimport_retires_the_id_of_a_deleted_paragraph(reimport):
    first, second = reimport
    assert second.retired == {"part1-p4": "part1"}
    assert "part1-p4" not in {p.id for p in second.all_paragraphs()}


def test_reimport_keeps_every_section_part_and_list_id(reimport):
    first, second = reimport
    assert [s.id for s in second.sections()] == [s.id for s in first.sections()]
    assert [p.id for p in second.parts] == [p.id for p in first.parts]
    assert [(l.id, l.items) for l in second.lists] == [(l.id, l.items) for l in first.lists]


def test_reimport_keeps_target_ids_and_gives_new_figures_new_ones(reimport):
    first, second = reimport
    before = {t.id: t for t in first.targets}
    after = {t.id: t for t in second.targets}
    assert set(before) - set(after) == set()  # the deleted paragraph held no figure
    assert {i: t.text for i, t in after.items() if i not in before} == {"t102": "政务服务事项网上可办率达到90%以上"}
    changed = {i: (before[i].text, after[i].text) for i in before if before[i].text != after[i].text}
    assert changed == {"t30": ("完成县乡公路改造27.92公里", "完成县乡公路改造28.15公里")}


def test_reimport_retires_a_figure_that_is_no_longer_in_the_text(tmp_path):
    from reportsite.ingest.importer import import_report

    seed = (Path(__file__).resolve().parents[1] / "seeds" / "jiangxian-2022-work-report.txt").read_text(encoding="utf-8")
    first = tmp_path / "seed.txt"
    first.write_text(seed, encoding="utf-8")
    before = import_report(first, tmp_path / "content").report
    gone = next(t for t in before.targets if t.text == "新建5G基站132座")
    first.write_text(seed.replace("新建5G基站132座", "新建5G基站"), encoding="utf-8")
    after = import_report(first, tmp_path / "content", force=True).report
    assert gone.id not in {t.id for t in after.targets}
    assert after.retired[gone.id] == gone.paragraph
