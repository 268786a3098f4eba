"""Reading raw bytes: encodings, line ends, HTML pages, and files that are not text at all."""

import codecs
from textwrap import dedent

import pytest

from reportsite.ingest.decode import detect_encoding, html_to_text, is_html, read_raw
from reportsite.errors import ImportProblem

PROSE = "现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。" * 3


@pytest.mark.parametrize(
    "bom, encoding",
    [
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32"),
    ],
)
def test_detect_encoding_trusts_a_byte_order_mark(bom, encoding):
    assert detect_encoding(bom + "报告".encode("utf-16-le")) == encoding


def test_detect_encoding_prefers_utf8_when_the_bytes_are_valid_utf8():
    assert detect_encoding(PROSE.encode("utf-8")) == "utf-8"


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_detect_encoding_recognises_chinese_legacy_encodings(encoding):
    text = PROSE if encoding == "gb18030" else "現在，我代表縣人民政府，向大會報告工作，請予審議，並請縣政協委員和其他列席人員提出意見。" * 3
    assert text.encode(encoding).decode(detect_encoding(text.encode(encoding))) == text


def test_read_raw_turns_every_line_end_into_newline():
    assert read_raw("一\r\n二\r三\n".encode("utf-8")) == ("一\n二\n三\n", "utf-8")


def test_read_raw_drops_the_byte_order_mark():
    text, encoding = read_raw(codecs.BOM_UTF8 + "2022年桐山县政府工作报告".encode())
    assert (text, encoding) == ("2022年桐山县政府工作报告", "utf-8-sig")


def test_read_raw_reads_utf16_with_a_bom():
    text, encoding = read_raw("2020年南屏县政府工作报告\r\n".encode("utf-16"))
    assert (text, encoding) == ("2020年南屏县政府工作报告\n", "utf-16")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_read_raw_rejects_an_empty_file(data):
    with pytest.raises(ImportProblem, match="^the file is empty$"):
        read_raw(data)


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03\xff\xfe\x10" * 200, b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8])
def test_read_raw_rejects_binary_data(data):
    with pytest.raises(ImportProblem, match="^this looks like a binary file, not a text or HTML report$"):
        read_raw(data)


PAGE = dedent(
    """\
    <html><head><meta charset="gbk"><title>标题</title>
    <style>p { color: red }</style><script>var tips = "一、本站信息";</script></head>
    <body><div class="nav"><a href="/">首页</a></div>
    <div class="article-content">
    <p>&mdash;&mdash;2024年1月18日在柳溪县第十九届人民代表大会第四次会议上</p>
    <p>　　全县地区生产总值完成<span style="font-family: Arial;">62.8</span>亿元，聚焦&ldquo;生态立县&rdquo;。</p>
    <p>第一行<br>第二行</p>
    </div></body></html>
    """
).encode("gbk")


def test_is_html_recognises_a_saved_page_and_not_plain_text():
    assert is_html(PAGE)
    assert not is_html(PROSE.encode())


def test_html_to_text_puts_each_block_on_its_own_line_and_drops_scripts_and_styles():
    text, _ = html_to_text(PAGE)
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == [
        "首页",
        "——2024年1月18日在柳溪县第十九届人民代表大会第四次会议上",
        "　　全县地区生产总值完成62.8亿元，聚焦“生态立县”。",
        "第一行",
        "第二行",
    ]


def test_html_to_text_keeps_a_number_in_its_own_span_inside_the_sentence():
    text, _ = html_to_text("<p>完成<span>62.8</span>亿元</p>".encode())
    assert "完成62.8亿元" in text


def test_read_raw_names_the_encoding_an_html_page_was_read_in():
    text, encoding = read_raw(PAGE)
    assert encoding == "html/gbk"
    assert "生态立县" in text


def test_read_raw_decodes_big5_without_a_declaration():
    text = "初步核算，全年地區生產總值完成128.6億元，同比增長3.2%。" * 4
    assert read_raw(text.encode("big5")) == (text, "big5")
