"""Bad seeds: whatever comes in, a clear message or a clean import — never a traceback or a hang."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportsite.ingest.clean import clean
from reportsite.errors import ImportProblem
from reportsite.ingest.importer import MAX_SEED_BYTES, parse_report
from reportsite.ingest.structure import parse_structure

from .helpers import run_build_py
from .timing import assert_linear

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "jiangxian-2022-work-report.txt").read_bytes()

# Text that looks like the seed's worst: Han characters, GBK debris, pinyin, marks and numbers.
_ALPHABET = st.sampled_from(list("一二三四五六七八九十是要县发展產業（）()，。；：、?？ㄒ唬┮荒陙恚鉃āáǎà\n 0123456789%亿元各位代表abcxyz<>&\"'—"))
seed_like = st.text(alphabet=_ALPHABET, max_size=400)


def run_import(tmp_path: Path, data: bytes, name: str = "seed.txt") -> subprocess.CompletedProcess:
    seed = tmp_path / name
    seed.write_bytes(data)
    return run_build_py("--content", str(tmp_path / "content"), "import", str(seed), cwd=tmp_path)


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"   \n\t\n", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "binary file"),
    ("今天天气很好，我们去公园散步。".encode("utf-8") * 20, "does not look like a government work report"),
])
def test_bad_seeds_get_a_clear_message_and_write_nothing(tmp_path, data, message):
    result = run_import(tmp_path, data)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "content").exists()


# Big5 cannot hold the seed's pinyin tone marks; tests/data/seeds/traditional-big5.txt covers Big5.
@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_the_seed_in_other_encodings_imports_the_same(tmp_path, encoding):
    text = parse_report(SEED)[0]
    recoded = SEED.decode("utf-8").encode(encoding)
    again = parse_report(recoded)[0]
    assert [p.title for p in again.parts] == [p.title for p in text.parts]
    assert len(again.all_paragraphs()) == len(text.all_paragraphs())


def test_an_html_page_full_of_scripts_imports_only_its_text(tmp_path):
    body = SEED.decode("utf-8").replace("\n", "</p>\n<p>")
    page = (f"<html><head><script>var x='一、假的部分';</script><style>p{{}}</style></head><body>"
            f"<script>document.write('<p>二、也是假的</p>')</script><p>{body}</p>"
            f"<noscript>请启用脚本</noscript><script src='evil.js'></script></body></html>")
    result = run_import(tmp_path, page.encode("gb18030"), "page.html")
    assert result.returncode == 0, result.stderr
    report_yaml = (tmp_path / "content" / "reports" / "jiangxian-2022" / "report.yaml").read_text(encoding="utf-8")
    parts = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "content" / "reports" / "jiangxian-2022" / "parts").glob("*.yaml"))
    assert "假的" not in report_yaml + parts and "请启用脚本" not in parts and "document.write" not in parts


def test_a_seed_of_many_copies_of_a_report_imports_in_linear_time_to_one_report():
    """A 20 MB seed (about 500 copies of the seed) is under the size limit and imports: the import is
    linear in the number of copies (timed at one and eight), and each copy adds its paragraphs and
    repairs to the same three parts, so 500 copies give a result in about 500 times one copy's time."""
    assert 20 * 2**20 < MAX_SEED_BYTES
    one, _ = parse_report(SEED)
    eight, _ = parse_report(SEED * 8)
    assert [p.title for p in eight.parts] == [p.title for p in one.parts]
    assert (len(one.all_paragraphs()), len(one.repairs)) == (68, 4)  # the seed without its reviewed corrections
    assert (len(eight.all_paragraphs()), len(eight.repairs)) == (68 + 7 * 75, 8 * 4)
    assert_linear(parse_report, lambda copies: SEED * copies, size=1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed_like)
def test_cleaning_never_raises(text):
    cleaned = clean(text)
    assert isinstance(cleaned.text, str)
    assert "\r" not in cleaned.text


@settings(max_examples=150, deadline=None)
@given(st.lists(seed_like, max_size=30))
def test_parsing_structure_never_raises(lines):
    opening, parts, closing = parse_structure([line for line in lines if line.strip()])
    assert all(part.title for part in parts)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_importing_any_bytes_either_works_or_says_why(data):
    try:
        parse_report(data)
    except ImportProblem as e:
        assert str(e)


@settings(max_examples=60, deadline=None)
@given(st.lists(seed_like, min_size=1, max_size=20))
def test_importing_report_shaped_noise_either_works_or_says_why(chunks):
    text = "2023年某县政府工作报告\n各位代表：\n一、回顾\n" + "\n".join(chunks) + "\n二、安排\n" + "\n".join(reversed(chunks))
    try:
        parse_report(text.encode("utf-8"))
    except ImportProblem as e:
        assert str(e)
