"""The view objects that templates render: everything prepared in Python (labels, URLs, numbers as
text), frozen once made and made with keywords only. Templates do not compute.

report_view.py makes a report's views in one language; the page registry (registry.py) names the
view each page kind renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import CN_DIGITS

DESCRIPTION_MAX = 200

view = dataclass(frozen=True, kw_only=True)


def cn_numeral(n: int) -> str:
    if n <= 10:
        return (CN_DIGITS + "十")[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens - 1] if tens > 1 else "") + "十" + (CN_DIGITS[ones - 1] if ones else "")


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def opening_words(blocks, text_lang: str, limit: int = 0) -> str:
    """What a paragraph is about, for a link to it: its lead sentence, or the start of its text."""
    first = blocks[0] if blocks else None
    if first is None:
        return ""
    space = " " if first.marker and text_lang == "en" else ""
    text = f"{first.marker}{space}{first.lead or first.text}".strip()
    limit = limit or (60 if text_lang == "en" else 24)
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    return (cut.rsplit(" ", 1)[0] if text_lang == "en" and " " in cut else cut).rstrip("，、；,;: ") + "…"


@dataclass(frozen=True)
class Link:
    """A link to a neighbouring or enclosing page: where it goes and what it says."""

    url: str
    label: str
    detail: str = ""  # what a pager says of the page besides its label: a paragraph's opening words


@view
class Neighbours:
    """The previous and next page of a sequence (parts, sections, paragraphs, targets)."""

    prev: Link | None
    next: Link | None


@view
class BlockView:
    marker: str
    lead: str
    text: str


@view
class TargetLink:
    """A target's goal or baseline, as the other one links to it."""

    url: str
    figure: str


@view
class OutcomeView:
    """What became of a goal, as its page and the targets table show it (content.outcomes.GoalOutcome)."""

    status: str  # met, missed … (track's statuses)
    label: str  # "Met", "Awaiting the 2023 report"
    figure: str = ""  # the stated figure as shown: "+8.3%", "166.2亿元"
    estimate: str = ""  # 预计 … : the figure is an estimate
    quote: str = ""  # the sentence of the next report that states it
    quote_lang: str = ""
    source: str = ""  # "2023 report" or the evidence's address
    url: str = ""  # the paragraph's page, or the evidence outside the reports
    external: bool = False
    by: str = ""  # "Reviewed by 王编辑" or "Computed by rule: …"
    growth: float | None = None  # the stated growth rate, % (None for a level)


@view
class TargetView:
    id: str
    kind: str
    kind_label: str
    indicator: str
    figure: str  # the number as shown: "78.9亿元", "增长8%左右"
    text: str
    year: str
    status: str
    status_label: str
    url: str
    paragraph_url: str
    paragraph_id: str
    section_id: str
    section_label: str
    qualifier: str = ""
    text_en: str = ""  # the quoted clause in English, where en.yaml gives one
    paragraph_plain: tuple[str, str, str] = ("", "", "")  # the whole paragraph around the quoted clause, which is marked
    paragraph_lang: str = ""
    baseline: TargetLink | None = None  # for a goal: last year's result of the same indicator
    goal: TargetLink | None = None  # for a result: this year's goal of the same indicator
    evidence: tuple = ()
    outcome: str = ""
    list_number: str = ""
    result: OutcomeView | None = None  # for a goal: what the next year's report states of it
    indicator_key: str = ""  # the vocabulary's key of a headline indicator
    growth: float | None = None  # the goal's growth rate, %
    share_url: str = ""  # the target's own page, absolute
    citation: str = ""


@view
class RepairView:
    """A repair of the raw text as the about page lists it, linked to where it landed."""

    number: int  # its anchor on the about page: #repair-<number>
    line: int
    garbled: str
    repaired: str  # in the page's script (the raw text may have been Traditional)
    method: str
    note: str
    verdict: str
    verdict_status: str
    url: str = ""  # the paragraph's own page, or the heading's section or part page
    label: str = ""


@view
class NoteView:
    """A note of the report's glossary (名词解释), as its marker [1] links to it."""

    id: str
    mark: str  # [1]
    text: str
    lang: str  # the language of its text: the Chinese where there is no translation


@view
class NoteRef:
    """A note listed on a page, and the paragraph of that page its marker first stands in."""

    note: NoteView
    back: str  # paragraph id


@view
class AppendixView:
    """A list printed after the report (附件), shown after the full text."""

    id: str
    title: str
    items: tuple[str, ...]
    url: str  # its place in the full text
    lang: str


@view
class ParagraphView:
    id: str
    number: int
    blocks: tuple[BlockView, ...]
    plain: str
    url: str  # the paragraph's own page
    context_url: str  # its place in the section (or part) page
    text_url: str  # its place in the full text
    share_url: str  # absolute: the paragraph's own page, whose title and description are the paragraph's
    citation: str
    lang: str  # language of the text shown (a missing translation shows the Chinese)
    status: str = ""  # translation status on translated pages
    aliases: tuple[str, ...] = ()
    targets: tuple[TargetView, ...] = ()
    section_title: str = ""
    where: str = ""  # "part › section" (the part alone for its intro and outro; "" outside the parts)
    label: str = ""
    crumbs: tuple[Link, ...] = ()  # report, part, section that hold it
    repair_url: str = ""  # the about page's entry for the first repair of its raw text, if any
    notes: tuple[NoteView, ...] = ()  # the notes its markers link to; a marker with none lost its note

    @property
    def notes_refs(self) -> tuple[NoteRef, ...]:
        """Its notes as its own page lists them."""
        return tuple(NoteRef(note=n, back=self.id) for n in self.notes)


@view
class SectionView:
    id: str
    label: str
    title: str
    url: str
    paragraphs: tuple[ParagraphView, ...]
    aliases: tuple[str, ...] = ()
    part_title: str = ""
    notes: tuple[NoteRef, ...] = ()  # the notes its paragraphs mark


@view
class PartView:
    id: str
    label: str
    title: str
    url: str
    intro: tuple[ParagraphView, ...]
    sections: tuple[SectionView, ...]
    outro: tuple[ParagraphView, ...]
    aliases: tuple[str, ...] = ()
    notes: tuple[NoteRef, ...] = ()  # the notes its paragraphs mark


@view
class ListView:
    """A numbered list of the report (民生实事) and its items' targets."""

    id: str
    title: str
    url: str
    paragraph_url: str
    items: tuple[TargetView, ...]


@view
class IndicatorRow:
    """A headline indicator: this year's goal beside last year's result."""

    indicator: str
    result: str
    result_growth: float | None
    target: str
    target_growth: float | None
    url: str
    result_url: str
    status: str
    status_label: str


@view
class KindGroup:
    kind: str
    label: str
    targets: tuple[TargetView, ...]


@view
class TargetGroup:
    """The targets of one section (or of a part's own paragraphs), by kind."""

    id: str
    title: str
    kinds: tuple[KindGroup, ...]


@view
class ReportCard:
    """What the targets page tells at a glance: how many of each kind, and how many are rated yet."""

    kinds: tuple[tuple[str, str, str, int], ...]  # (kind, label, meaning, count)
    rated: str
    statuses: tuple[tuple[str, str, int], ...]  # (status, label, count), rated ones only


@view
class ReportView:
    id: str
    title: str
    heading: str
    place: str  # as this language names it
    place_key: str  # the same in every language (content.archive.place_key)
    year: int
    occasion: str
    published: str
    delivered: str
    source: str
    source_url: str
    salutation: str
    url: str
    opening: tuple[ParagraphView, ...]
    parts: tuple[PartView, ...]
    closing: tuple[ParagraphView, ...]
    targets: tuple[TargetView, ...]
    lists: tuple[ListView, ...]
    chart: object
    indicator_rows: tuple[IndicatorRow, ...]
    status_totals: tuple[tuple[str, str, int], ...]  # (status, label, count) for every status
    repairs: tuple[RepairView, ...]
    paragraphs: tuple[ParagraphView, ...]
    sections: tuple[SectionView, ...]
    card_url: str
    translation_note: str = ""
    target_groups: tuple[TargetGroup, ...] = ()
    report_card: ReportCard | None = None
    delivered_text: str = ""  # the delivery date as a reader writes it
    has_glossary: bool = False
    has_bilingual: bool = False
    previous_year: Link | None = None  # the same place's report of the year before, if the site has it
    next_year: Link | None = None
    digest: bool = False  # a news article digesting the report, not the report itself
    headline_summary: str = ""  # "Of its 8 headline goals: 3 met, 4 missed, 1 not comparable"
    place_url: str = ""  # the place's page (its headline indicators over the years)
    kind: str = "report"  # report, excerpt or news (a rewrite of the report, not the report itself)
    kind_label: str = ""  # what the overview and the home card say of an excerpt or a news rewrite; "" for a report
    notes: tuple[NoteRef, ...] = ()  # every note, by its first marker in the text
    lost_marks: tuple[str, ...] = ()  # markers in the text whose note the source lost
    appendices: tuple[AppendixView, ...] = ()
    prefecture: str = ""
    province: str = ""
    level: str = ""  # as this language names it
    office: str = ""
    speaker: str = ""
    named: str = ""  # the place's name in the report, when it has since been renamed
    in_chinese: frozenset[str] = frozenset()  # metadata an English page shows in Chinese (no translation given)

    @property
    def headlines(self) -> tuple[IndicatorRow, ...]:
        """The first few headline targets, for the report's card on the home page."""
        return self.indicator_rows[:3]


@view
class BilingualGroup:
    """A heading of the side-by-side page in both languages, over the paragraph pairs under it."""

    level: int
    id: str
    title: str
    twin_title: str
    pairs: tuple[tuple[ParagraphView, ParagraphView], ...]


@view
class GlossaryEntry:
    """A glossary term as a page in one language shows it."""

    term: str  # the Chinese term, in this language's script
    zh: str  # its Chinese explanation, in this language's script
    en: str
    explanation: str


@view
class PlaceGroup:
    """A place on the home page: its name in this language and its reports, newest first."""

    place: str
    count: str
    reports: tuple[ReportView, ...]
    url: str = ""  # its place page, where the site follows goals to outcomes


@view
class TimelineRow:
    """One year of a headline indicator on a place's page: the goal and what became of it."""

    year: int
    goal: str
    goal_url: str
    outcome: str
    status: str
    status_label: str


@view
class IndicatorTimeline:
    key: str
    indicator: str
    rows: tuple[TimelineRow, ...]
    chart: object = None  # inline SVG, where the goals are growth rates


@view
class PlaceView:
    """A place's page: each headline indicator as a timeline over the years of its reports."""

    slug: str
    place: str
    url: str
    timelines: tuple[IndicatorTimeline, ...]
    reports: tuple[Link, ...]
    place_lang: str = ""  # "zh-Hans" where an English page shows the place's Chinese name (not translated yet)
    heading: tuple[str, str] = ("", "")  # the heading's words before and after the place's name


def display_date(iso: str, lang_code: str) -> str:
    """2022-01-26 as a reader writes it: 2022年1月26日, January 26, 2022 (American, as the translation is)."""
    try:
        year, month, day = (int(x) for x in iso.split("-"))
    except ValueError:
        return iso
    if lang_code == "en":
        return f"{_MONTHS[month - 1]} {day}, {year}"
    return f"{year}年{month}月{day}日"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out
