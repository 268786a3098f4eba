"""Editors' Markdown: raw HTML stays text, and a wrapped Chinese sentence keeps no gap at the wrap."""

from reportsite.markdown import render_inline, render_markdown


def test_a_line_break_between_chinese_characters_leaves_no_space():
    assert render_markdown("另有十六处乱码；\n恢复过程见下方") == "<p>另有十六处乱码；恢复过程见下方</p>\n"


def test_a_line_break_between_english_words_stays_a_break():
    assert render_markdown("ends here\nnext line") == "<p>ends here\nnext line</p>\n"


def test_a_line_break_between_chinese_and_english_stays_a_break():
    assert render_markdown("中文\nEnglish") == "<p>中文\nEnglish</p>\n"


def test_raw_html_in_content_is_shown_as_text():
    assert render_inline("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
