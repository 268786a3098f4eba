"""Goals followed to their outcomes on the site: the example archive's GDP pairs (../shared/corpus/README.md)
show their status on the target pages, a place's page shows its headline indicators over the years, the data
files carry each goal's outcome, and a site without the next year's report says what the goals await."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reportsite.site.build import render_site
from reportsite.track.publish import archive_outcomes

from .test_site_pages import RID, soup

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE = ROOT / "examples" / "content"
BASE = "/hebei/"  # the archive's base path (its site.yaml)
GDP = "Gross regional product"  # the vocabulary's English name

# goal's report -> (status class, English label), as the corpus's README reads each pair by hand.
GDP_PAIRS = {
    "qingyuan-2021": ("missed", "Missed"),
    "qingyuan-2022": ("not-comparable", "Not comparable"),
    "qingyuan-2023": ("missed", "Missed"),
    "qingyuan-2024": ("met", "Met"),
    "yixian-2019": ("missed", "Missed"),
    "yixian-2021": ("missed", "Missed"),
    "gaoyang-2018": ("met", "Met"),
    "baoding-2021": ("missed", "Missed"),
    "baoding-2022": ("missed", "Missed"),
    "rongcheng-2019": ("exceeded", "Exceeded"),  # 47.2亿元 -> 51.08亿元: met, by more than the rule's 5%
}


@pytest.fixture(scope="module")
def archive(example_archive_site):
    return example_archive_site


def page(tree, path: str) -> BeautifulSoup:
    return BeautifulSoup(tree.read(path + "index.html").decode(), "html.parser")


def gdp_goal(tree, rid: str) -> dict:
    data = json.loads(tree.read(f"{rid}/report.json"))
    goals = [t for t in data["targets"] if t["kind"] == "indicator" and t["indicator"].endswith("生产总值")]
    return goals[0]


@pytest.mark.parametrize("rid", sorted(GDP_PAIRS))
def test_each_gdp_goal_of_the_example_archive_shows_the_status_its_next_report_gives_it(archive, rid):
    status, label = GDP_PAIRS[rid]
    goal = gdp_goal(archive, rid)
    assert goal["outcome"]["status"] == status
    english = page(archive, f"en/{rid}/p/{goal['id']}/")
    assert english.select_one(".target-kind .status").get_text() == label
    side = english.select_one(".outcome-side")
    quote = side.select_one("blockquote")
    # The next report's own sentence, marked as the Chinese it is, linked where it stands.
    assert quote["lang"] == "zh-Hans" and quote.get_text() == goal["outcome"]["quote"]
    assert side.select_one("a")["href"] == f"{BASE}en/{goal['outcome']['report']}/p/{goal['outcome']['paragraph']}/"
    assert "Computed by rule" in english.select_one(".outcome-by").get_text()


def test_an_estimated_outcome_keeps_its_estimate_word(archive):
    goal = gdp_goal(archive, "rongcheng-2019")
    assert goal["outcome"]["value"] == 51.08 and goal["outcome"]["estimate"] == "预计"
    figure = page(archive, f"rongcheng-2019/p/{goal['id']}/").select_one(".outcome-side .figure").get_text()
    assert "51.08亿元" in figure and "预计" in figure


def test_the_overview_counts_the_headline_goals_by_status(archive):
    data = json.loads(archive.read("qingyuan-2021/report.json"))
    statuses = [t["outcome"]["status"] for t in data["targets"] if t["kind"] == "indicator"]
    summary = page(archive, "en/qingyuan-2021/").select_one(".headline-summary").get_text()
    assert summary.startswith(f"Of its {len(statuses)} headline goals: ")
    assert f"{statuses.count('missed')} missed" in summary
    assert page(archive, "en/qingyuan-2021/").select_one(".place-links a")["href"] == f"{BASE}en/places/qingyuan/"


def test_the_place_page_of_qingyuan_shows_gdp_goal_and_outcome_year_by_year(archive):
    place = page(archive, "en/places/qingyuan/")
    gdp = next(s for s in place.select("main section") if s.h2.get_text() == GDP)
    rows = {int(r.th.get_text()): [c.get_text(" ", strip=True) for c in r.select("td")] for r in gdp.select("tbody tr")}
    assert rows[2021][0] == "+9%" and rows[2021][1].startswith("+7%") and rows[2021][2] == "Missed"
    assert rows[2022][2] == "Not comparable" and "16.62 billion yuan" in rows[2022][1]
    assert rows[2024][2] == "Met"
    svg = gdp.select_one("svg")
    assert svg["role"] == "img" and svg.title.get_text().startswith(GDP)
    # Every figure is in the description as in the table; circles and squares, not colours, tell goal from outcome.
    assert "2023: Goal +7%, Outcome +5.5%" in svg.desc.get_text()
    assert svg.select("circle.goal-mark") and svg.select("rect.outcome-mark")
    home = page(archive, "en/")
    assert f"{BASE}en/places/qingyuan/" in [a["href"] for a in home.select(".place-links a")]


def test_untranslated_indicators_are_named_in_english_from_the_vocabulary(archive):
    goal = gdp_goal(archive, "yixian-2021")
    english = page(archive, f"en/yixian-2021/p/{goal['id']}/")
    assert english.h1.get_text() == GDP


def test_the_archive_lists_every_goal_and_its_outcome_in_outcomes_csv(archive):
    rows = list(csv.DictReader(io.StringIO(archive.read("outcomes.csv").decode("utf-8-sig"))))
    gdp = {r["report"]: r["status"] for r in rows if r["indicator"] == "gdp" and r["kind"] == "indicator"}
    assert {rid: gdp[rid] for rid in GDP_PAIRS} == {rid: s for rid, (s, _) in GDP_PAIRS.items()}
    assert {r["status"] for r in rows if r["report"] == "qingyuan-2025"} == {"not-yet-due"}


def test_targets_csv_carries_each_goals_outcome(archive):
    goal = gdp_goal(archive, "baoding-2022")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(archive.read("baoding-2022/targets.csv").decode("utf-8-sig")))}
    row = rows[goal["id"]]
    assert (row["outcome_status"], row["outcome_value"], row["outcome_reviewed"]) == ("missed", "3.8", "false")


def test_without_the_next_report_the_seeds_goals_await_it_and_none_reads_not_rated(site_dir):
    english = soup(site_dir, f"en/{RID}/targets/")
    labels = {s.get_text() for s in english.select(".targets-table .status")}
    assert labels == {"Awaiting the 2023 report"}
    assert "Not yet rated" not in english.get_text()
    data = json.loads((site_dir / RID / "report.json").read_text(encoding="utf-8"))
    outcome = next(t["outcome"] for t in data["targets"] if t["id"] == "t46")
    assert outcome == {"status": "not-yet-due", "value": None, "estimate": "", "quote": "", "report": None,
                       "paragraph": None, "url": None, "reviewed": False}
    assert soup(site_dir, f"en/{RID}/").select_one(".headline-summary").get_text() == "Of its 8 headline goals: 8 awaiting the 2023 report"


def test_the_html_checker_finds_no_error_on_a_place_page_and_a_goal_with_its_outcome(archive, tmp_path):
    from .test_html_checker import vnu_messages

    goal = gdp_goal(archive, "rongcheng-2019")
    paths = [f"{prefix}{path}index.html" for prefix in ("", "zh-hant/", "en/")
             for path in ("places/qingyuan/", f"rongcheng-2019/p/{goal['id']}/", "rongcheng-2019/targets/", "qingyuan-2021/")]
    files = []
    for path in paths:
        file = tmp_path / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(archive.read(path))
        files.append(file)
    errors = [f"{m.get('url', '')}:{m.get('lastLine', 0)}: {m['message']}" for m in vnu_messages(files)
              if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"]
    assert errors == []


def test_an_english_place_page_names_the_place_in_english_or_marks_the_chinese_name_it_has_no_english_for(archive):
    heading = page(archive, "en/places/qingyuan/").h1
    assert not heading.span.has_attr("lang") and heading.get_text() == "Qingyuan District: headline goals over the years"
    from reportsite.site.i18n import load_languages
    from reportsite.site.places import _place

    english = next(lang for lang in load_languages(ROOT / "templates") if lang.code == "en")
    unknown = _place([], english, "桐川县", "tongchuan")  # a county places_en.yaml does not know
    assert (unknown.place, unknown.place_lang) == ("桐川县", "zh-Hans")


def test_a_report_is_made_again_when_its_goals_outcomes_change_and_reused_when_not(tmp_path):
    from reportsite.content.outcomes import ArchiveOutcomes, GoalOutcome
    from reportsite.site.output import BlobTree

    from .conftest import copy_project

    project = copy_project(tmp_path)
    args = (project / "content", project / "templates", project / "static")
    (tmp_path / "store").mkdir()

    def tracked(status: str):
        return lambda reports, folders: ArchiveOutcomes({r.id: {"t46": GoalOutcome(status, due=2023)} for r in reports})

    _, _, first = render_site(*args, track=tracked("not-yet-due"), tree=BlobTree(tmp_path / "store"))
    previous = {rb.item.report.id: rb for rb in first}
    tree, _, again = render_site(*args, previous=previous, track=tracked("not-yet-due"), tree=BlobTree(tmp_path / "store"))
    assert again[0] is first[0]
    tree, _, changed = render_site(*args, previous=previous, track=tracked("met"), tree=BlobTree(tmp_path / "store"))
    assert changed[0] is not first[0]
    assert BeautifulSoup(tree.read(f"en/{RID}/p/t46/index.html").decode(), "html.parser").select_one(".target-kind .status").get_text() == "Met"


def test_tracking_the_same_reports_again_reuses_their_outcomes_until_a_report_or_its_outcomes_file_changes(tmp_path, monkeypatch):
    """serve tracks the archive at every rebuild with the same objects for the reports whose folder
    did not change: their goals are not matched again, and the outcomes are those matched before."""
    import shutil

    from reportsite.content.report import load_report_kept
    from reportsite.track import publish

    folders = {}
    for rid in ("qingyuan-2021", "qingyuan-2022", "qingyuan-2023"):
        folders[rid] = tmp_path / rid
        shutil.copytree(ARCHIVE / "reports" / rid, folders[rid])
    reports = [load_report_kept(folder, rid)[0] for rid, folder in folders.items()]
    first = archive_outcomes(reports, folders)
    matched, real = [], publish.report_outcomes
    monkeypatch.setattr(publish, "report_outcomes", lambda report, *rest: matched.append(report.id) or real(report, *rest))
    assert archive_outcomes(reports, folders) == first and matched == []
    (folders["qingyuan-2023"] / "outcomes.yaml").write_text("outcomes: []\n", encoding="utf-8")
    archive_outcomes(reports, folders)
    assert matched == ["qingyuan-2023"]
    matched.clear()
    reloaded = load_report_kept(folders["qingyuan-2022"], "qingyuan-2022")[0]  # a new object, as after an edit
    archive_outcomes([reports[0], reloaded, reports[2]], folders)
    assert sorted(matched) == ["qingyuan-2021", "qingyuan-2022"]  # and the goals of the year before it
