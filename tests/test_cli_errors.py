"""The command line turns every problem into lines a person can act on; a traceback only with --debug."""

from __future__ import annotations

import re

import pytest

from reportsite.site import build as build_module
from reportsite.cli import main
from tests.site.conftest import copy_project

RID = "jiangxian-2022"


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = copy_project(tmp_path)
    monkeypatch.chdir(root)
    return root


def edit(project, name: str, old: str, new: str) -> None:
    path = project / "content" / "reports" / RID / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Each of these crashed the build with a traceback; now each is one `path:line: field: message (hint)`.
CRASHES = {
    "section id is a page name": ("parts/part1.yaml", "id: s1-2\n", "id: targets\n",
                                  "parts/part1.yaml:17: sections[1].id: 'targets' is the name of a page of the report"),
    "number 100": ("parts/part1.yaml", "  number: 2\n", "  number: 100\n", "parts/part1.yaml:18: sections[1].number: 100 is out of range"),
    "method guessed": ("provenance.yaml", "method: recorded correction", "method: guessed", "provenance.yaml:13: repairs[0].method: unknown method 'guessed'"),
    "line abc": ("provenance.yaml", "- line: 12", "- line: abc", "provenance.yaml:10: repairs[0].line: expected the line number in the seed, got 'abc'"),
    "line empty": ("provenance.yaml", "- line: 12", "- line: ''", "provenance.yaml:10: repairs[0].line: expected the line number in the seed, got ''"),
    "en paragraphs list": ("en.yaml", "paragraphs:\n", "paragraphs:\n- open-p1\nunused:\n", "en.yaml:35: paragraphs: expected a mapping, got a list"),
    "en meta list": ("en.yaml", "meta:\n", "meta:\n- title\nunused:\n", "en.yaml:6: meta: expected a mapping, got a list"),
    "glossary list": ("glossary.yaml", "terms:\n", "unused:\n", "glossary.yaml:1: expected a mapping, got a list"),
    "empty ids": ("parts/part3.yaml", "id: part3-p1\n", "id: ''\n", "parts/part3.yaml:6: intro[0].id: '' is not a valid ID"),
    "title u2029": ("report.yaml", "title: 2022年绛县政府工作报告", 'title: "2022年\\u2029绛县政府工作报告"',
                    "report.yaml:3: title: contains a line break or control character (U+2029)"),
    "title cr": ("report.yaml", "title: 2022年绛县政府工作报告", 'title: "2022年\\r绛县政府工作报告"',
                 "report.yaml:3: title: contains a line break or control character (U+000D)"),
}


@pytest.mark.parametrize("case", CRASHES)
def test_content_that_crashed_the_build_gets_one_line_naming_file_and_field(project, capsys, case):
    name, old, new, expected = CRASHES[case]
    if case == "glossary list":
        (project / "content" / "reports" / RID / "glossary.yaml").write_text("- term: 六稳\n- term: 六保\n", encoding="utf-8")
    else:
        edit(project, name, old, new)
    assert main(["--out", "site"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"content/reports/{RID}/{expected}" in err.splitlines()[0]
    assert re.fullmatch(r"\d+ error\(s\); nothing was written\.", err.splitlines()[-1])
    assert not (project / "site").exists()


def test_a_message_about_a_content_folder_elsewhere_names_the_path_to_open_from_here(project, capsys):
    """`--content archive/content` from the project: the file to open is archive/content/…, not content/…."""
    (project / "archive").mkdir()
    (project / "content").rename(project / "archive" / "content")
    edit(project / "archive", *CRASHES["number 100"][:3])
    assert main(["--content", "archive/content", "check"]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"archive/content/reports/{RID}/parts/part1.yaml:18: sections[1].number")


def test_an_unexpected_exception_is_one_line_saying_it_is_a_bug(project, monkeypatch, capsys):
    def broken(*args, **kw):
        raise KeyError("chrome\nwith a second line")

    monkeypatch.setattr(build_module, "build_site", broken)
    assert main(["--out", "site"]) == 3
    err = capsys.readouterr().err
    assert err == ("error: this is a bug in build.py, not in your content: KeyError: 'chrome\\nwith a second line' "
                   "(run again with --debug for the traceback, and report it)\n")


def test_debug_shows_the_traceback_of_an_unexpected_exception(project, monkeypatch):
    def broken(*args, **kw):
        raise KeyError("chrome")

    monkeypatch.setattr(build_module, "build_site", broken)
    with pytest.raises(KeyError):
        main(["--debug", "--out", "site"])


def misspell_a_setting(project) -> str:
    """Adds `titel:` to site.yaml; returns the warning it must give."""
    settings = project / "content" / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "titel: 报告\n", encoding="utf-8")
    line = settings.read_text(encoding="utf-8").count("\n")
    return f"content/site.yaml:{line}: titel: warning: unknown setting (did you mean `title`?)"


@pytest.mark.warm_cache  # builds the seed: its cache comes warm (tests/conftest.py)
def test_a_warning_in_site_yaml_is_printed_by_the_build_and_fails_a_strict_one(project, capsys):
    warning = misspell_a_setting(project)
    assert main(["--out", "site"]) == 0
    assert warning in capsys.readouterr().err.splitlines()
    assert main(["--out", "site", "--strict"]) == 1
    assert capsys.readouterr().err.splitlines() == [warning, "1 error(s); nothing was written."]


def test_check_reports_a_warning_in_site_yaml(project, capsys):
    warning = misspell_a_setting(project)
    assert main(["check", "--strict"]) == 1
    assert warning in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_check_fails_on_a_bidirectional_control_character_in_the_text(project, capsys, control):
    edit(project, "parts/part2.yaml", "新建5G基站132座", f"新建5G基站{control}231{control}座")
    assert main(["check", "--strict"]) == 1
    code = f"U+{ord(control):04X}"
    assert (f"content/reports/{RID}/parts/part2.yaml:15: s2-1-p1: bidirectional control character {code} "
            f"in …新建5G基站<{code}>231<{code}>座。… (fix the text in this file)") in capsys.readouterr().err.splitlines()
