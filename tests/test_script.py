"""Traditional Chinese for the site: Taiwan standard characters, the site's phrase corrections, Taiwan
interface words, and a converter that leaves nothing behind in the temp folder."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from reportsite.site.i18n import load_languages
from reportsite.script import character_converter, converter, to_traditional, traditional_converter

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

ROOT = Path(__file__).resolve().parents[1]
PHRASES = ROOT / "content" / "zh-hant-phrases.txt"


def phrase_pairs() -> list[tuple[str, str]]:
    pairs = []
    for line in PHRASES.read_text(encoding="utf-8").splitlines():
        entry = line.split("#")[0].rstrip()
        if "\t" in entry:
            simplified, traditional = entry.split("\t")
            pairs.append((simplified, traditional))
    return pairs


def test_traditional_text_uses_the_taiwan_standard_characters_not_opencc_standard_forms():
    assert to_traditional("为人民服务，依靠群众，着力打好污染防治攻坚战") == "為人民服務，依靠群眾，著力打好汙染防治攻堅戰"


def test_traditional_text_keeps_mainland_vocabulary_that_taiwan_phrasing_would_rewrite():
    # s2twp would give 專案 and 資料; the report's own words stay, only the characters change.
    assert to_traditional("项目建设，统计数据，软件") == "項目建設，統計數據，軟件"


def report_text() -> str:
    folder = ROOT / "content" / "reports" / "jiangxian-2022"
    return "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("**/*.yaml")) if path.name != "en.yaml")


@pytest.mark.parametrize("simplified, traditional", phrase_pairs())
def test_each_phrase_correction_applies_and_still_changes_the_seeds_traditional_text(simplified, traditional, tmp_path):
    assert to_traditional(simplified, str(PHRASES)) == traditional
    without = tmp_path / "phrases.txt"
    without.write_text("".join(f"{s}\t{t}\n" for s, t in phrase_pairs() if s != simplified), encoding="utf-8")
    text = report_text()
    assert to_traditional(text, str(PHRASES)) != to_traditional(text, str(without)), f"{simplified}: not needed under s2tw"


def test_a_phrase_correction_applies_inside_a_longer_phrase_the_segmenter_knows():
    # 粮食|面积 are both words to OpenCC's segmenter; the listed 食面积 must still win across them.
    assert to_traditional("确保全县粮食面积稳定", str(PHRASES)) == "確保全縣糧食面積穩定"


def test_the_traditional_interface_uses_taiwan_words_and_the_report_text_does_not():
    languages = {lang.code: lang for lang in load_languages(ROOT / "templates", phrases=PHRASES)}
    hant = languages["zh-Hant"]
    assert hant.t("nav_search") == "搜尋" and hant.t("search_button") == "搜尋"
    assert hant.t("copy_link") == "複製連結"
    assert "搜索" not in "".join(hant.messages.values())
    assert hant.text("搜索救援，打印文件") == "搜索救援，打印文件"  # the report's words are not interface words


def test_making_a_converter_with_a_phrase_list_leaves_nothing_in_the_temp_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    traditional_converter.cache_clear()
    assert to_traditional("粮食面积", str(PHRASES)) == "糧食面積"
    assert list(tmp_path.iterdir()) == []


def test_a_build_leaves_no_new_entry_in_the_temp_folder(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    for name in ("content", "templates", "static"):
        subprocess.run(["cp", "-r", str(ROOT / name), str(tmp_path / name)], check=True)
    env = {**os.environ, "TMPDIR": str(temp)}

    def build_once() -> set[str]:
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(tmp_path / "content"), "build",
                        "--out", str(tmp_path / "site")], cwd=tmp_path, env=env, check=True, capture_output=True)
        return {p.name for p in temp.iterdir()}

    first = build_once()
    assert not [name for name in first if name.startswith("reportsite-opencc-")]
    assert build_once() == first


def test_character_converters_give_the_full_profiles_result_for_every_character_the_search_map_meets():
    # query_map converts characters from U+3400 to U+9FFF and their t2s forms, one at a time.
    t2s = converter("t2s")
    for profile in ("s2t", "s2tw"):
        full, light = converter(profile), character_converter(profile)
        chars = {c for cp in range(0x3400, 0xA000) for c in (chr(cp), t2s.convert(chr(cp)))}
        assert [ch for ch in sorted(chars) if full.convert(ch) != light.convert(ch)] == []


def test_the_cached_traditional_messages_equal_a_fresh_conversion_and_a_changed_phrase_list_converts_again(tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates" / "i18n", templates / "i18n")
    fresh = {lang.code: lang.messages for lang in load_languages(templates, phrases=PHRASES)}["zh-Hant"]
    assert list((tmp_path / "cache" / "reportsite" / "messages").iterdir())
    cached = {lang.code: lang.messages for lang in load_languages(templates, phrases=PHRASES)}["zh-Hant"]
    assert cached == fresh and "搜尋" in cached["nav_search"]
    (templates / "i18n" / "zh-Hant-words.txt").write_text("搜索\t檢索\n", encoding="utf-8")
    changed = {lang.code: lang.messages for lang in load_languages(templates, phrases=PHRASES)}["zh-Hant"]
    assert "檢索" in changed["nav_search"]


def _zh_hant_build(project: Path) -> dict[str, bytes]:
    from reportsite.site.build import render_site

    tree, _, _ = render_site(project / "content", project / "templates", project / "static")
    return {path: data for path, data in tree.files.items() if path.startswith("zh-hant/")}


def test_a_build_takes_the_zh_hant_text_it_converted_before_from_the_cache_and_converts_only_what_changed(tmp_path, monkeypatch):
    import shutil

    from reportsite.site import i18n

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, tmp_path / name)
    loads = []  # texts given to OpenCC
    real = i18n.to_traditional
    monkeypatch.setattr(i18n, "to_traditional", lambda text, *phrases: loads.append(text) or real(text, *phrases))

    first = _zh_hant_build(tmp_path)
    assert loads and list((tmp_path / "cache" / "reportsite" / "zh-hant").iterdir())
    loads.clear()
    assert _zh_hant_build(tmp_path) == first and loads == []  # nothing converted: OpenCC never loaded

    part = next((tmp_path / "content" / "reports").glob("*/parts/part1.yaml"))
    part.write_text(part.read_text(encoding="utf-8").replace("发展", "发达发展", 1), encoding="utf-8")
    edited = _zh_hant_build(tmp_path)
    assert len(loads) == 1 and "发达发展" in loads[0]  # the edited paragraph alone is converted afresh, and correctly
    assert any("發達發展".encode() in data for data in edited.values())
    cached = b"".join(p.read_bytes() for p in (tmp_path / "cache" / "reportsite" / "zh-hant").glob("*.json"))
    assert "发达发展".encode() in cached  # and the cache holds the text as it is now, not as it was


def test_a_damaged_zh_hant_cache_is_converted_again(tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, tmp_path / name)
    first = _zh_hant_build(tmp_path)
    for path in (tmp_path / "cache" / "reportsite" / "zh-hant").glob("*.json"):
        path.write_text('{"truncated', encoding="utf-8")
    assert _zh_hant_build(tmp_path) == first


def test_the_search_character_map_comes_from_the_cache_the_second_time_and_equals_a_fresh_one(tmp_path, monkeypatch):
    from reportsite.site import search

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    chars = "为發发制製里裡"
    search._char_map.cache_clear()
    fresh = search._char_map(chars)
    assert '"制":"制製"' in fresh
    search._char_map.cache_clear()
    monkeypatch.setattr(search, "query_map", lambda corpus: pytest.fail("the map was made again"))
    assert search._char_map(chars) == fresh
    search._char_map.cache_clear()


@pytest.mark.parametrize("simplified, traditional", [
    ("新征程的“赶考”", "新征程的「趕考」"),  # 征程 "journey", not 徵 "levy"
    ("山冲学校新建学生宿舍", "山沖學校新建學生宿舍"),
    ("完成范必灌区续建配套", "完成范必灌區續建配套"),
    ("汇集萃3000吨", "匯集萃3000噸"),
    ("卫生县城迎检复审标准", "衛生縣城迎檢複審標準"),
    ("深入打好污染防治攻坚战，污水处理", "深入打好污染防治攻堅戰，污水處理"),
])
def test_the_reviewed_misreadings_of_s2tw_are_corrected_in_the_report_text(simplified, traditional):
    assert to_traditional(simplified, str(PHRASES)) == traditional


def test_quotations_take_corner_brackets_in_traditional_text_double_ones_inside():
    assert to_traditional("他说：“要‘快干’，不要‘慢干’。”", str(PHRASES)) == "他說：「要『快幹』，不要『慢幹』。」"
    assert to_traditional("“六稳”") == "「六穩」"


def test_the_editors_notes_take_the_interface_words_and_the_report_text_keeps_its_own():
    languages = {lang.code: lang for lang in load_languages(ROOT / "templates", phrases=PHRASES)}
    hant = languages["zh-Hant"]
    notes = "网站发布的报告；根据公开信息更新；请附上段落链接。"
    assert hant.ui_text(notes) == "網站發布的報告；根據公開資訊更新；請附上段落連結。"
    assert hant.text("实施企业信息化项目") == "實施企業信息化項目"
    assert languages["zh-Hans"].ui_text(notes) == notes
