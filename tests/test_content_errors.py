"""Content validation: one broken file per kind of error, and the exact message an editor sees."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from reportsite.content.report import load_site_content

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


def test_a_missing_part_file_is_reported_alone_without_what_it_leaves_dangling(tmp_path):
    broken = REPORT.replace("- part1.yaml", "- part9.yaml")
    assert messages(write_report(tmp_path, report=broken)) == [
        "content/reports/mini-2023/report.yaml:6: parts[0]: no part file 'part9.yaml' (list files that exist under parts/)",
    ]


def test_a_report_id_must_be_its_folder_name(tmp_path):
    broken = REPORT.replace("id: mini-2023", "id: Mini 2023")
    assert messages(write_report(tmp_path, report=broken)) == [
        "content/reports/mini-2023/report.yaml:1: id: 'Mini 2023' must be the folder name 'mini-2023', in lower-case letters, digits and hyphens"
    ]


def build_messages(content: Path) -> list[str]:
    """Every problem the build reports, translation, glossary and published IDs included."""
    from reportsite.site.build import gather, load_settings
    from reportsite.errors import ContentErrors

    project = Path(__file__).resolve().parents[1]
    try:  # strict: warnings are raised with the errors, so every problem comes back
        errors = gather(content, load_settings(content, project / "templates", project / "static", None), True, {})[2]
    except ContentErrors as e:
        errors = e.errors
    return [str(e) for e in sorted(errors)]


def add_file(content: Path, name: str, text: str) -> Path:
    (content / "reports" / "mini-2023" / name).write_text(dedent(text), encoding="utf-8")
    return content


@pytest.mark.parametrize("name", ["text", "about", "targets", "lists", "p"])
def test_a_section_id_equal_to_a_page_name_is_refused(tmp_path, name):
    broken = PART.replace("- id: s1-1\n", f"- id: {name}\n")
    assert messages(write_report(tmp_path, part=broken)) == [
        f"content/reports/mini-2023/parts/part1.yaml:6: sections[0].id: '{name}' is the name of a page of the report (choose another ID, e.g. with a number)"
    ]


def test_a_report_id_equal_to_a_site_page_is_refused(tmp_path):
    content = write_report(tmp_path, report=REPORT.replace("id: mini-2023", "id: search"))
    (content / "reports" / "mini-2023").rename(content / "reports" / "search")
    assert messages(content) == [
        "content/reports/search/report.yaml:1: id: 'search' is the name of a page of the site (rename the folder and the id)"
    ]


@pytest.mark.parametrize("old, new, line, field", [
    ("number: 1\ntitle", "number: 100\ntitle", 2, "number"),
    ("  number: 1\n", "  number: 100\n", 7, "sections[0].number"),
    ("  number: 1\n", "  number: -3\n", 7, "sections[0].number"),
])
def test_a_part_or_section_number_beyond_99_is_refused(tmp_path, old, new, line, field):
    n = new.split(": ")[1].split("\n")[0]
    assert messages(write_report(tmp_path, part=PART.replace(old, new, 1))) == [
        f"content/reports/mini-2023/parts/part1.yaml:{line}: {field}: {n} is out of range (number from 1 to 99)"
    ]


PROVENANCE = """\
    seed: mini.txt
    repairs:
    - line: 12
      garbled: x
      repaired: y
      method: recorded correction
    """


@pytest.mark.parametrize("old, new, message", [
    ("method: recorded correction", "method: guessed",
     "provenance.yaml:6: repairs[0].method: unknown method 'guessed' (use one of recorded correction, re-read in step)"),
    ("line: 12", "line: abc", "provenance.yaml:3: repairs[0].line: expected the line number in the seed, got 'abc' (write a whole number from 1)"),
    ("line: 12", "line:", "provenance.yaml:3: repairs[0].line: expected the line number in the seed, got None (write a whole number from 1)"),
])
def test_a_provenance_repair_with_an_unknown_method_or_line_is_refused(tmp_path, old, new, message):
    content = add_file(write_report(tmp_path), "provenance.yaml", PROVENANCE.replace(old, new))
    assert messages(content) == [f"content/reports/mini-2023/{message}"]


EN = """\
    meta:
      title: Qinghe County work report, 2023
    paragraphs:
      s1-1-p1:
        status: draft
        text: 68 key projects.
    """


@pytest.mark.parametrize("old, new, message", [
    ("paragraphs:\n", "paragraphs:\n    - s1-1-p1\n    old:\n", "en.yaml:3: paragraphs: expected a mapping, got a list"),
    ("meta:\n", "meta:\n    - title\n    old:\n", "en.yaml:1: meta: expected a mapping, got a list"),
])
def test_translation_sections_written_as_lists_are_refused(tmp_path, old, new, message):
    content = add_file(write_report(tmp_path), "en.yaml", EN.replace(old, new))
    assert build_messages(content) == [f"content/reports/mini-2023/{message}"]


@pytest.mark.parametrize("text, message", [
    ("- term: 六稳\n", "glossary.yaml:1: expected a mapping, got a list"),
    ("just some text\n", "glossary.yaml: expected a mapping, got text 'just some text'"),
])
def test_a_glossary_that_is_not_a_mapping_is_refused(tmp_path, text, message):
    content = add_file(write_report(tmp_path), "glossary.yaml", text)
    assert build_messages(content) == [f"content/reports/mini-2023/{message}"]


def test_two_paragraphs_with_empty_ids_are_refused_and_never_written(tmp_path):
    broken = PART.replace("- id: s1-1-p2", "- id: ''").replace("id: s1-1-p1\n", "id: ''\n")
    errors = messages(write_report(tmp_path, part=broken, targets="targets: []\nlists: []\n"))
    assert errors == [
        "content/reports/mini-2023/parts/part1.yaml:10: paragraphs[0].id: '' is not a valid ID "
        "(use lower-case letters, digits and single hyphens, starting with a letter)".replace("paragraphs", "sections[0].paragraphs"),
        "content/reports/mini-2023/parts/part1.yaml:12: sections[0].paragraphs[1].id: '' is not a valid ID "
        "(use lower-case letters, digits and single hyphens, starting with a letter)",
    ]


def test_an_id_with_a_trailing_newline_is_refused(tmp_path):
    broken = PART.replace("id: s1-1-p1\n", 'id: "s1-1-p1\\n"\n')
    errors = messages(write_report(tmp_path, part=broken, targets="targets: []\nlists: []\n"))
    assert errors == ["content/reports/mini-2023/parts/part1.yaml:10: sections[0].paragraphs[0].id: 's1-1-p1\\n' is not a valid ID "
                      "(use lower-case letters, digits and single hyphens, starting with a letter)"]


@pytest.mark.parametrize("escape, code", [("\\u2029", "U+2029"), ("\\r", "U+000D"), ("\\n", "U+000A"), ("\\x07", "U+0007")])
def test_a_title_with_a_line_break_is_refused(tmp_path, escape, code):
    broken = REPORT.replace("title: 2023年清河县政府工作报告", f'title: "2023年{escape}清河县政府工作报告"')
    assert messages(write_report(tmp_path, report=broken)) == [
        f"content/reports/mini-2023/report.yaml:2: title: contains a line break or control character ({code}) (write it on one line)"
    ]


@pytest.mark.parametrize("report", [
    REPORT.replace("parts:\n- part1.yaml\n", ""),
    REPORT.replace("parts:", "part:"),
])
def test_a_missing_or_misspelled_parts_list_is_the_one_error(tmp_path, report):
    [message] = messages(write_report(tmp_path, report=report))
    assert ": parts: missing" in message


def test_a_parts_mapping_is_the_one_error(tmp_path):
    broken = REPORT.replace("- part1.yaml", "  first: part1.yaml")
    assert messages(write_report(tmp_path, report=broken)) == [
        "content/reports/mini-2023/report.yaml:5: parts: expected a list of part files, got a mapping "
        "(list the part files under parts/, e.g. `- part1.yaml`)"
    ]


def test_an_empty_part_file_is_named_and_nothing_else_is_reported(tmp_path):
    assert messages(write_report(tmp_path, part="")) == [
        "content/reports/mini-2023/parts/part1.yaml: empty file (restore the part, or remove it from `parts:` in report.yaml)"
    ]


def test_a_tab_is_the_one_error(tmp_path):
    broken = PART.replace("\n  title: 聚焦项目建设", "\n\ttitle: 聚焦项目建设")
    assert messages(write_report(tmp_path, part=broken)) == [
        "content/reports/mini-2023/parts/part1.yaml:8: YAML syntax: found a tab character that violates indentation (indent with spaces, not tabs)"
    ]


def test_an_empty_targets_file_is_an_error_not_a_report_without_targets(tmp_path):
    assert messages(write_report(tmp_path, targets="")) == [
        "content/reports/mini-2023/targets.yaml: empty file (write `targets: []` and `lists: []` for a report without targets)"
    ]


def test_a_broken_part_hides_the_translation_and_published_id_errors_it_would_cause(tmp_path):
    content = add_file(write_report(tmp_path, part=""), "en.yaml", EN)
    (content / "reports" / "mini-2023" / "published-ids.txt").write_text("s1-1-p1\n", encoding="utf-8")
    assert build_messages(content) == [
        "content/reports/mini-2023/parts/part1.yaml: empty file (restore the part, or remove it from `parts:` in report.yaml)"
    ]


def test_a_broken_part_still_shows_the_errors_of_en_yaml_and_the_glossary_that_do_not_follow_from_it(tmp_path):
    en = """\
        meta:
        - title
        paragraphs:
          s1-1-p1:
            text: 68 key projects.
          gone-p9:
            text: not in the text, but the text is not loaded
          s1-1-p1:
            text: again
        """
    content = add_file(add_file(write_report(tmp_path, part=""), "en.yaml", en), "glossary.yaml", "- term: 六稳\n")
    assert build_messages(content) == [
        "content/reports/mini-2023/en.yaml:1: meta: expected a mapping, got a list",
        "content/reports/mini-2023/en.yaml:8: s1-1-p1: duplicate key, first given at line 4 (keep one of them)",
        "content/reports/mini-2023/glossary.yaml:1: expected a mapping, got a list",
        "content/reports/mini-2023/parts/part1.yaml: empty file (restore the part, or remove it from `parts:` in report.yaml)",
    ]


@pytest.mark.parametrize("name, part, line", [
    ("text", PART.replace("  text: 全年实施重点项目68个。", "  text: 全年实施重点项目68个。\n    text: 全年实施重点项目69个。"), 12),
    ("title", PART.replace("title: 2022年工作回顾", "title: 2022年工作回顾\ntitle: 回顾"), 4),
])
def test_a_key_given_twice_is_an_error_naming_both_lines(tmp_path, name, part, line):
    assert messages(write_report(tmp_path, part=part)) == [
        f"content/reports/mini-2023/parts/part1.yaml:{line}: {name}: duplicate key, first given at line {line - 1} (keep one of them)"
    ]


def test_a_paragraph_translated_twice_is_an_error_naming_both_lines(tmp_path):
    content = add_file(write_report(tmp_path), "en.yaml", EN + "  s1-1-p1:\n        text: again\n")
    assert build_messages(content) == [
        "content/reports/mini-2023/en.yaml:7: s1-1-p1: duplicate key, first given at line 4 (keep one of them)"
    ]


def test_a_part_file_that_links_outside_the_report_is_not_read(tmp_path):
    content = write_report(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text(PART, encoding="utf-8")
    part = content / "reports" / "mini-2023" / "parts" / "part1.yaml"
    part.unlink()
    part.symlink_to(secret)
    assert messages(content) == [
        "content/reports/mini-2023/report.yaml:6: parts[0]: no part file 'part1.yaml' (list files that exist under parts/)"
    ]


def test_a_title_longer_than_a_line_is_refused(tmp_path):
    broken = REPORT.replace("title: 2023年清河县政府工作报告", "title: " + "长" * 10_000)
    assert messages(write_report(tmp_path, report=broken)) == [
        "content/reports/mini-2023/report.yaml:2: title: 10,000 characters, more than 500 for one line (shorten it; long text belongs in a paragraph)"
    ]


def add_settings(content: Path, text: str) -> Path:
    (content / "site.yaml").write_text(dedent(text), encoding="utf-8")
    return content


SETTINGS_HINT = "(write one `setting: value` per line, e.g. `title: …`)"


@pytest.mark.parametrize("text, message", [
    ("- base_url: https://example.org/\n", f"content/site.yaml:1: expected a mapping, got a list {SETTINGS_HINT}"),
    ("政府工作报告浏览\n", f"content/site.yaml: expected a mapping, got text '政府工作报告浏览' {SETTINGS_HINT}"),
    ("base_url: https://example.org/\ntitle:\n- 报告\n", "content/site.yaml:2: title: expected text, got a list"),
    ("title: {zh: 报告}\n", "content/site.yaml:1: title: expected text, got a mapping"),
    ('title: "报告\\n浏览"\n', "content/site.yaml:1: title: contains a line break or control character (U+000A) (write it on one line)"),
])
def test_a_site_yaml_that_is_not_settings_is_an_error_naming_line_and_field(tmp_path, text, message):
    assert build_messages(add_settings(write_report(tmp_path), text)) == [message]


def test_an_unknown_setting_is_a_warning_that_names_the_likely_key(tmp_path):
    content = add_settings(write_report(tmp_path), """\
        base_url: https://example.org/
        titel: 政府工作报告浏览
        analytics: on
        """)
    assert build_messages(content) == [
        "content/site.yaml:2: titel: warning: unknown setting (did you mean `title`?)",
        "content/site.yaml:3: analytics: warning: unknown setting (the settings are base_url, title, title_en, contact_url)",
    ]


def test_an_empty_site_yaml_means_the_default_settings(tmp_path):
    assert build_messages(add_settings(write_report(tmp_path), "# no settings yet\n")) == []


@pytest.mark.parametrize("url, problem", [
    ("https://example.org/a b/", "contains ' ', which no URL may hold"),
    ('"https://example.org/\\nSitemap: https://evil.example/"', "contains '\\n', which no URL may hold"),
    ("https://example.org/\"><script>/", "contains '\"', which no URL may hold"),
    ("https://example.org/<b>/", "contains '<', which no URL may hold"),
    ("https://example.org/?lang=en", "has a query or a fragment (? or #), which the address of a site cannot have"),
    ("https://example.org/#top", "has a query or a fragment (? or #), which the address of a site cannot have"),
    ("javascript:alert(1)", "is not an absolute http(s) URL"),
    ("ftp://example.org/", "is not an absolute http(s) URL"),
    ("https://editor:secret@example.org/", "holds a user name or password, which would be published on every page"),
    ("https://exa_mple..org/", "has no valid host name"),
    ("https://example.org:99999/", "is not a valid URL (Port out of range 0-65535)"),
    ("https://example.org/100%/", "has a % that is not followed by two hex digits"),
])
def test_a_base_url_that_is_not_a_plain_http_address_is_refused(tmp_path, url, problem):
    shown = url.strip('"').encode().decode("unicode_escape") if url.startswith('"') else url
    assert build_messages(add_settings(write_report(tmp_path), f"base_url: {url}\n")) == [
        f"content/site.yaml:1: base_url: {shown!r} {problem} (write the address the site is published at, e.g. https://example.org/reports/)"
    ]


@pytest.mark.parametrize("url, address", [
    ("https://Example.org/reports", "https://example.org/reports/"),
    ("https://example.org/政府/", "https://example.org/%E6%94%BF%E5%BA%9C/"),
    ("https://例子.中国/", "https://xn--fsqu00a.xn--fiqs8s/"),
    ("http://[::1]:8000/a&b/", "http://[::1]:8000/a&b/"),
])
def test_a_base_url_is_written_in_plain_ascii_ending_in_a_slash(url, address):
    from reportsite.site.settings import normalize_base_url

    assert normalize_base_url(url) == (address, "")


@pytest.mark.parametrize("extra, message", [
    ("  nature: promise\n", "targets.yaml:11: targets[0].nature: unknown nature 'promise' (use one of five-year-goal, capacity, investment, stock)"),
    ("  clause: [4]\n", "targets.yaml:11: targets[0].clause: expected [start, end], got [4]"),
    ("  reviewed: yes please\n", "targets.yaml:11: targets[0].reviewed: expected true or false, got 'yes please'"),
    ("  duplicate_of: t7\n", "targets.yaml:2: t1.duplicate_of: no other target 't7' (name the target that counts the same thing, or remove the line)"),
])
def test_a_wrong_nature_clause_review_flag_or_cross_reference_is_refused(tmp_path, extra, message):
    broken = TARGETS.replace("  status: not-rated\n", "  status: not-rated\n" + extra)
    [got] = messages(write_report(tmp_path, targets=broken))
    assert got.startswith("content/reports/mini-2023/" + message)


def test_a_target_with_its_label_sentence_clause_and_nature_loads(tmp_path):
    described = TARGETS.replace("  status: not-rated\n", "  status: not-rated\n  label: 重点项目\n  sentence: 全年实施重点项目68个。\n"
                                "  clause: [0, 11]\n  nature: stock\n  reviewed: true\n")
    reports, errors = load_site_content(write_report(tmp_path, targets=described))
    assert errors == []
    [t] = reports[0].targets
    assert (t.label, t.sentence[slice(*t.clause)], t.nature, t.reviewed) == ("重点项目", "全年实施重点项目68个", "stock", True)
