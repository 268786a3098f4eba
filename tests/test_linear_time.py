"""Every pass of the import is linear on every input: inputs built against each regular expression
(long runs of digits, letters, punctuation, clauses, nested brackets, lost-byte marks, pinyin) are
timed at two sizes, and eight small runs must take about as long as one run eight times the size.
A quadratic pass would take eight times as long; no absolute time limit is assumed. Costly passes are
timed on shorter runs (tests/timing.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportsite.errors import ImportProblem
from reportsite.ingest.chrome import split_chrome
from reportsite.ingest.clean import clean, fullwidth_punctuation, strip_pinyin, tidy_whitespace
from reportsite.ingest.decode import read_raw
from reportsite.ingest.escapes import html_entities, literal_line_breaks, lost_spaces
from reportsite.ingest.appendix import split_appendices
from reportsite.ingest.marks import report_marks
from reportsite.ingest.news import is_news_rewrite
from reportsite.ingest.notes import ascii_markers, split_notes
from reportsite.ingest.portal import strip_furniture
from reportsite.ingest.garble import repair_misread_gbk
from reportsite.ingest.ids import assign_structure_ids
from reportsite.ingest.importer import parse_report
from reportsite.ingest.structure import parse_structure
from reportsite.ingest.targets import extract_targets
from reportsite.ingest.verify import verify_repair

from .timing import assert_linear

# One unit of each hostile run; the run is the unit repeated.
RUNS = {
    "digits": "1",
    "letters": "a",
    "han": "发",
    "punctuation": "，",
    "ascii punctuation": ",.",
    "clauses": "增长1%，",
    "respective clauses": "分别增长1%、",
    "percent signs": "1%",
    "decimal points": "1.",
    "figures with units": "1个",
    "nested brackets": "（(",
    "closing brackets": "）)",
    "section numbers": "（一）",
    "chinese numerals": "十",
    "enumeration": "一是发展；",
    "lead sentences": "项目建设卓有成效。",
    "lost-byte marks": "?。",
    "replacement characters": "\ufffd唬",
    "pinyin": "發(fā)",
    "farm-converted garbage": "ㄈ?┏竅(qiào)緱",
    "draft marks": "?ㄕ髑笠餳?澹?",
    "pinyin without characters": "(fā)",
    "years": "2022年",
    "breadcrumbs": "首页>",
    "dashes": "——",
    "spaces": "发 ",
    "colons": "：",
    "escaped line breaks": "\\r\\n",
    "entities": "&nbsp;",
    "cut entities": "&ems...",
    "question marks": "??发",
    "note markers": "[1]",
    "full-width markers": "［１］",
    "header fields": "作者：来源：",
    "reported speech": "县长何某说，",
    "bare headings": "2022年工作回顾\n",
    "restarted lists": "\n（一）抓项目。",
    "appendix headings": "\n附件1：",
}

# The hostile run goes into the review's results, the headline goals, a commitment and a line of its own.
REPORT = """2023年清河县政府工作报告
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。
一、2022年工作回顾
过去的一年，我们坚持稳中求进，较好完成了各项目标任务。地区生产总值{run}增长5%；工业{run}增长3%；投资完成{run}，同比增长1%。
二、2023年工作安排
主要预期目标是：地区生产总值增长6%左右，{run}增长2%，财政收入{run}。
全年新建项目十个，计划投资{run}，确保完成各项任务目标。
{run}
各位代表，让我们踔厉奋发、勇毅前行，为建设新清河而努力奋斗！
"""


def report_with(run: str) -> str:
    return REPORT.format(run=run)


def _parse_and_extract(text: str):
    report, _ = parse_report(text.encode())
    return extract_targets(assign_structure_ids(report))


def _structure(text: str):
    return parse_structure(split_chrome(clean(text).text.split("\n"))[1])


PASSES = {
    "decode": lambda text: read_raw(text.encode("gb18030")),
    "re-reading": repair_misread_gbk,
    "pinyin": strip_pinyin,
    "escaped line breaks": literal_line_breaks,
    "entities": html_entities,
    "lost spaces": lost_spaces,
    "furniture": lambda text: strip_furniture(text.split("\n")),
    "notes": lambda text: split_notes(text.split("\n")),
    "appendices": lambda text: split_appendices(text.split("\n")),
    "note markers": ascii_markers,
    "news": lambda text: is_news_rewrite(text.split("\n")),
    "marks": lambda text: report_marks(text.split("\n")),
    "punctuation": fullwidth_punctuation,
    "whitespace": tidy_whitespace,
    "clean": clean,
    "chrome": lambda text: split_chrome(text.split("\n")),
    "structure": _structure,
    "targets": _parse_and_extract,
}

SMALL = 500  # characters of hostile run in the small input


def run_of(unit: str, size: int) -> str:
    return unit * (size // len(unit))


def test_the_timing_refuses_a_quadratic_pass_and_passes_a_linear_one():
    """The measure itself (tests/timing.py): a pass that reads the whole text once per character fails
    it, whatever its first measurement says; one that reads the text once passes."""
    with pytest.raises(AssertionError, match="8x the input"):
        assert_linear(lambda text: sum(text.count(c) for c in text), lambda size: run_of("发展", size), 1 << 20)
    assert_linear(lambda text: [c for c in text if c != "展"], lambda size: run_of("发展", size), 1 << 20)


@pytest.mark.parametrize("kind", RUNS)
@pytest.mark.parametrize("name", PASSES)
def test_each_import_pass_is_linear_on_a_hostile_run(name, kind):
    unit = RUNS[kind]
    assert_linear(PASSES[name], lambda size: report_with(run_of(unit, size)), SMALL)


@pytest.mark.parametrize("kind", ["digits", "letters", "clauses", "lost-byte marks", "nested brackets"])
def test_whole_import_is_linear_on_one_long_line(kind):
    def parse(text):
        try:
            parse_report(text.encode())
        except ImportProblem:
            pass

    assert_linear(parse, lambda size: run_of(RUNS[kind], size), SMALL)


@pytest.mark.parametrize("garbled", ["?。ㄒ唬┮荒陙", "?鉃椴灰椎氖侨", "?" + "a" * 3])
def test_the_verifier_is_linear_in_the_length_of_a_correction(garbled):
    assert_linear(lambda g: verify_repair(g, "一年来" * (len(g) // 3)), lambda size: run_of(garbled, size), size=60)


_GENRE = st.sampled_from(
    ["一、", "二、", "（一）", "(二)", "1.", "一是", "二要", "各位代表，", "2022年", "工作回顾", "增长", "下降", "8%", "左右",
     "以上", "亿元", "万亩", "，", "。", "；", "：", "——", "?", "\ufffd", "(fā)", "發", "发展", "首页>", "\n", " ", "规上", "‰"]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_GENRE, max_size=300).map("".join))
def test_import_of_any_text_made_of_the_genres_pieces_either_succeeds_or_says_why(text):
    try:
        report, _ = parse_report(text.encode())
    except ImportProblem as problem:
        assert str(problem)
        return
    extract_targets(assign_structure_ids(replace(report)))
