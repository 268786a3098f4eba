"""The archive: a place's reports joined by the name report.yaml gives the place, its years in order,
and each paragraph's place in its report numbered once."""

from __future__ import annotations

from reportsite.content.archive import Archive, YearLinks
from reportsite.content.model import Block, Meta, Paragraph, Part, Report, Section


def report(rid: str, place: str, year: int) -> Report:
    return Report(rid, Meta(title=f"{year}{place}", place=place, year=year), (), (), ())


def test_years_of_a_place_link_in_order_and_other_places_stay_apart():
    archive = Archive.of([report("b-2023", "绛县", 2023), report("a-2021", "绛县", 2021), report("c-2022", "闻喜县", 2022),
                          report("b-2022", "绛县", 2022)])
    assert [r.id for r in archive.reports] == ["a-2021", "b-2022", "b-2023", "c-2022"]
    assert archive.places == {"绛县": ("a-2021", "b-2022", "b-2023"), "闻喜县": ("c-2022",)}
    assert archive.year_links("b-2022") == YearLinks((2021, "a-2021"), (2023, "b-2023"))
    assert archive.year_links("a-2021") == YearLinks(None, (2022, "b-2022"))
    assert archive.year_links("c-2022") == YearLinks()
    assert archive.newest("绛县") == "b-2023"


def test_a_report_without_a_place_or_a_year_has_no_neighbours():
    archive = Archive.of([report("x-1", "", 2021), report("x-2", "", 2022), report("y-0", "绛县", 0), report("y-1", "绛县", 2021)])
    assert archive.year_links("x-1") == archive.year_links("x-2") == archive.year_links("y-0") == YearLinks()
    assert archive.year_links("y-1") == YearLinks()


def test_positions_number_every_paragraph_once_in_the_order_of_the_text():
    p = [Paragraph(f"p{i}", (Block("文"),)) for i in range(6)]
    section = Section("s1", 1, "节", (p[2], p[3]))
    part = Part("part1", 1, "部分", (p[1],), (section,), (p[4],))
    r = Report("r", Meta(title="t", place="", year=0), (p[0],), (part,), (p[5],))
    where = r.positions()
    assert [(pid, w.number, w.part and w.part.id, w.section and w.section.id) for pid, w in where.items()] == [
        ("p0", 1, None, None), ("p1", 2, "part1", None), ("p2", 3, "part1", "s1"), ("p3", 4, "part1", "s1"),
        ("p4", 5, "part1", None), ("p5", 6, None, None)]


def test_a_place_named_with_its_prefecture_one_year_groups_and_links_with_its_other_years():
    reports = [report("q-2022", "保定市清苑区", 2022), report("q-2023", "清苑区", 2023)]
    archive = Archive.of(reports)
    assert archive.year_links("q-2022") == YearLinks(None, (2023, "q-2023"))
    assert archive.places == {"清苑区": ("q-2022", "q-2023")}
