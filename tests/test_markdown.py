"""Editors' Markdown: raw HTML stays text, and a wrapped Chinese sentence keeps no gap at the wrap."""

from reportsite.site.markdown import render_inline, render_markdown


def test_a_line_break_between_chinese_characters_leaves_no_space():
    assert render_markdown("另有十六处乱码；\n恢复过程见下方") == "<p>另有十六处乱码；恢复过程见下方</p>\n"


def test_a_line_break_between_english_words_stays_a_break():
    assert render_markdown("ends here\nnext line") == "<p>ends here\nnext line</p>\n"


def test_a_line_break_between_chinese_and_english_stays_a_break():
    assert render_markdown("中文\nEnglish") == "<p>中文\nEnglish</p>\n"


def test_raw_html_in_content_is_shown_as_text():
    assert render_inline("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"


def test_a_rendered_text_comes_from_the_cache_the_second_time_without_loading_markdown_it(tmp_path):
    import os
    import subprocess
    import sys

    probe = ("import sys; from reportsite.site.markdown import render_markdown, render_inline;"
             "print(render_markdown('某县 **二〇二二** 年\\n工作报告') + render_inline('<b>x</b>'));"
             "print('markdown_it' in sys.modules)")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env).stdout for _ in range(2)]
    assert runs[0].splitlines()[:-1] == runs[1].splitlines()[:-1] == ["<p>某县 <strong>二〇二二</strong> 年工作报告</p>", "&lt;b&gt;x&lt;/b&gt;"]
    assert [run.splitlines()[-1] for run in runs] == ["True", "False"]


def test_a_damaged_cache_entry_is_rendered_again(tmp_path, monkeypatch):
    from reportsite.site import markdown

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    markdown._rendered.cache_clear()
    assert render_markdown("*a*") == "<p><em>a</em></p>\n"
    for entry in (tmp_path / "cache" / "reportsite" / "markdown").iterdir():
        entry.write_bytes(b"\xff\xfe")
    markdown._rendered.cache_clear()
    assert render_markdown("*a*") == "<p><em>a</em></p>\n"
    markdown._rendered.cache_clear()
