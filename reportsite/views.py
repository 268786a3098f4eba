"""View pass: Report objects -> the view objects and page list that templates render, per language.

Templates receive everything prepared here (labels, URLs, numbers as text); they do not compute.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .chart import ChartRow, indicator_chart
from .i18n import Lang
from .model import CN_DIGITS, KINDS, STATUSES, Paragraph, Part, Report, Section, Target
from .translations import Translation
from .units import english_qualifier, english_quantity

DESCRIPTION_MAX = 200


def cn_numeral(n: int) -> str:
    if n <= 10:
        return (CN_DIGITS + "十")[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens - 1] if tens > 1 else "") + "十" + (CN_DIGITS[ones - 1] if ones else "")


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Link:
    """A link to a neighbouring or enclosing page: where it goes and what it says."""

    url: str
    label: str


@dataclass
class BlockView:
    marker: str
    lead: str
    text: str


@dataclass
class ParagraphView:
    id: str
    number: int
    blocks: list[BlockView]
    plain: str
    url: str  # the paragraph's own page
    context_url: str  # its place in the section (or part) page
    text_url: str  # its place in the full text
    share_url: str  # absolute and short: the paragraph's place in its section (or part) page
    citation: str
    lang: str  # language of the text shown (a missing translation shows the Chinese)
    status: str = ""  # translation status on translated pages
    aliases: list[str] = field(default_factory=list)
    targets: list["TargetView"] = field(default_factory=list)
    section_title: str = ""
    label: str = ""
    crumbs: list[Link] = field(default_factory=list)  # report, part, section that hold it


@dataclass
class SectionView:
    id: str
    label: str
    title: str
    url: str
    paragraphs: list[ParagraphView]
    aliases: list[str] = field(default_factory=list)
    part_title: str = ""


@dataclass
class PartView:
    id: str
    label: str
    title: str
    url: str
    intro: list[ParagraphView]
    sections: list[SectionView]
    outro: list[ParagraphView]
    aliases: list[str] = field(default_factory=list)


@dataclass
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
    baseline: "TargetView | None" = None  # for a goal: last year's result of the same indicator
    goal: "TargetView | None" = None  # for a result: this year's goal of the same indicator
    evidence: list = field(default_factory=list)
    outcome: str = ""
    list_number: str = ""


@dataclass
class ReportView:
    id: str
    title: str
    heading: str
    place: str
    year: int
    occasion: str
    published: str
    delivered: str
    source: str
    source_url: str
    salutation: str
    url: str
    opening: list[ParagraphView]
    parts: list[PartView]
    closing: list[ParagraphView]
    targets: list[TargetView]
    lists: list[dict]
    chart: object
    indicator_rows: list[dict]
    status_totals: list[tuple[str, int]]
    repairs: list
    paragraphs: list[ParagraphView]
    sections: list[SectionView]
    card_url: str
    translation_note: str = ""
    target_groups: list = field(default_factory=list)  # by section (or part), then by kind
    report_card: dict = field(default_factory=dict)
    delivered_text: str = ""  # the delivery date as a reader writes it
    has_glossary: bool = False
    has_bilingual: bool = False
    previous_year: Link | None = None  # the same place's report of the year before, if the site has it
    next_year: Link | None = None
    digest: bool = False  # a news article digesting the report, not the report itself

    @property
    def headlines(self) -> list[dict]:
        """The first few headline targets, for the report's card on the home page."""
        return self.indicator_rows[:3]


def _around(text: str, clause: str) -> tuple[str, str, str]:
    """`text` split around the first occurrence of `clause`: (before, clause, after); unmarked if absent."""
    at = text.find(clause) if clause else -1
    return (text, "", "") if at < 0 else (text[:at], clause, text[at + len(clause):])


def _figure(t: Target, lang: Lang) -> str:
    def num(v) -> str:
        return f"{v:g}" if isinstance(v, float) else str(v)

    growth = f"{'' if t.growth < 0 else '+'}{num(t.growth)}%" if t.growth is not None else ""
    if lang.code == "en":
        qualifier = english_qualifier(t.qualifier)
        value = english_quantity(t.value, t.unit, t.text) if t.value is not None else ""
        shown = " ".join(x for x in (qualifier, value or growth) if x)
        return f"{shown} ({growth})" if value and growth else shown
    qualifier = lang.text(t.qualifier)
    if t.value is not None:
        value = f"{num(t.value)}{lang.text(t.unit)}{qualifier}"
        return f"{value} ({growth})" if growth else value
    return f"{growth}{qualifier}"


class ReportViewBuilder:
    """Builds every view of one report in one language."""

    def __init__(self, report: Report, lang: Lang, base_url: str, translation: Translation | None = None):
        self.report = report
        self.lang = lang
        self.base_url = base_url
        self.tr = translation if lang.code == "en" else None
        self.root = f"{lang.prefix}{report.id}/"
        self.aliases: dict[str, list[str]] = {}
        for old, new in sorted(report.retired.items()):
            self.aliases.setdefault(new, []).append(old)
        self.section_of: dict[str, Section] = {p.id: s for s in report.sections() for p in s.paragraphs}
        self.part_of: dict[str, Part] = {p.id: part for part in report.parts for p in part.paragraphs}
        self.number_of = {p.id: i for i, p in enumerate(report.all_paragraphs(), start=1)}
        self._part_by_section = {s.id: part for part in report.parts for s in part.sections}

    # ---- text in this language ----
    def title_of(self, unit_id: str, zh: str) -> str:
        if self.tr and unit_id in self.tr.titles:
            return self.tr.titles[unit_id]
        return self.lang.text(zh)

    def meta(self, key: str, zh: str) -> str:
        if self.tr and self.tr.meta.get(key):
            return self.tr.meta[key]
        return self.lang.text(zh)

    def blocks_of(self, p: Paragraph) -> tuple[list[BlockView], str, str]:
        """(blocks, language of the text, translation status)."""
        if self.lang.code == "en":
            found = self.tr.paragraph(p) if self.tr else None
            if found:
                return [BlockView(b.marker, b.lead, b.text) for b in found.blocks], "en", found.status
            return [BlockView(b.marker, b.lead, b.text) for b in p.blocks], "zh-Hans", "missing"
        return [BlockView(self.lang.text(b.marker), self.lang.text(b.lead), self.lang.text(b.text)) for b in p.blocks], self.lang.code, ""

    # ---- URLs ----
    def url(self, path: str = "") -> str:
        return self.root + path

    def absolute(self, url: str) -> str:
        return self.base_url + url

    def paragraph_context(self, p: Paragraph) -> str:
        if p.id in self.section_of:
            return self.url(f"{self.section_of[p.id].id}/#{p.id}")
        if p.id in self.part_of:
            return self.url(f"{self.part_of[p.id].id}/#{p.id}")
        return self.url(f"text/#{p.id}")

    # ---- views ----
    def paragraph(self, p: Paragraph) -> ParagraphView:
        blocks, text_lang, status = self.blocks_of(p)
        space = " " if text_lang == "en" else ""
        # English blocks are sentences of their own and need a space between them; Chinese ones none.
        plain = space.join(b.marker + (space if b.marker else "") + b.lead + (space if b.lead else "") + b.text for b in blocks)
        n = self.number_of[p.id]
        section = self.section_of.get(p.id)
        part = self.part_of.get(p.id) or (self._part_by_section[section.id] if section else None)
        where = self.title_of(section.id, section.title) if section else (self.title_of(part.id, part.title) if part else "")
        share = self.absolute(self.paragraph_context(p))
        return ParagraphView(
            p.id, n, blocks, plain, self.url(f"p/{p.id}/"), self.paragraph_context(p), self.url(f"text/#{p.id}"),
            share, self.citation(where, n, share), text_lang, status, self.aliases.get(p.id, []), section_title=where,
            label=self.lang.t("paragraph_n", n=n), crumbs=self.crumbs(part, section),
        )

    def citation(self, where: str, n: int, url: str) -> str:
        """Issuer, title, date, where, paragraph number and URL, the way each language cites a document."""
        m = self.report.meta
        issuer, title = self.meta("source", m.source), self.meta("title", m.title)
        date = display_date(m.delivered or m.published[:10], self.lang.code)
        number = self.lang.t("cite_paragraph", n=n)
        if self.lang.code == "en":
            head = ", ".join(x for x in (issuer, f"“{title}”") if x) + (f" ({date})" if date else "")
            return ", ".join(x for x in (head, where, number, self.lang.t("cite_unofficial"), url) if x)
        head = f"{issuer}《{title}》" + (f"（{date}）" if date else "")
        return "，".join(x for x in (head, where, number) if x) + f"。{url}"

    def crumbs(self, part: Part | None, section: Section | None) -> list[Link]:
        trail = [Link(self.url(), self.meta("title", self.report.meta.title))]
        if part:
            trail.append(Link(self.url(f"{part.id}/"), self.part_label(part) + self.title_of(part.id, part.title)))
        if section:
            trail.append(Link(self.url(f"{section.id}/"), self.section_label(section) + self.title_of(section.id, section.title)))
        if not part and not section:
            trail.append(Link(self.url("text/"), self.lang.t("full_text")))
        return trail

    def part_label(self, part: Part) -> str:
        return f"{cn_numeral(part.number)}、" if self.lang.code != "en" else f"{_roman(part.number)}. "

    def section_label(self, s: Section) -> str:
        return self.lang.text(f"（{cn_numeral(s.number)}）") if self.lang.code != "en" else f"{s.number}. "

    def section(self, s: Section, part: Part, paragraphs: dict) -> SectionView:
        return SectionView(
            s.id, self.section_label(s),
            self.title_of(s.id, s.title), self.url(f"{s.id}/"), [paragraphs[p.id] for p in s.paragraphs],
            self.aliases.get(s.id, []), self.title_of(part.id, part.title),
        )

    def part(self, part: Part, paragraphs: dict) -> PartView:
        return PartView(
            part.id, self.part_label(part), self.title_of(part.id, part.title), self.url(f"{part.id}/"),
            [paragraphs[p.id] for p in part.intro], [self.section(s, part, paragraphs) for s in part.sections],
            [paragraphs[p.id] for p in part.outro], self.aliases.get(part.id, []),
        )

    def target(self, t: Target, sections_by_para: dict, paragraphs: dict) -> TargetView:
        section = sections_by_para.get(t.paragraph)
        indicator = self.tr.targets.get(t.id, "") if self.tr else ""
        # en.yaml may give the quoted clause in English too; the Chinese clause is shown beside it either way.
        text_en = self.tr.target_texts.get(t.id, "") if self.tr else ""
        para = paragraphs.get(t.paragraph)
        return TargetView(
            t.id, t.kind, self.lang.t(f"kind_{t.kind}"), indicator or self.lang.text(t.indicator), _figure(t, self.lang),
            self.lang.text(t.text), str(t.year or ""), t.status, self.lang.t(f"status_{t.status}"), self.url(f"p/{t.id}/"),
            para.context_url if para else "", t.paragraph, section.id if section else "",
            self.title_of(section.id, section.title) if section else "",
            qualifier=english_qualifier(t.qualifier) if self.lang.code == "en" else self.lang.text(t.qualifier),
            text_en=text_en, paragraph_plain=_around(para.plain, self.lang.text(t.text)) if para else ("", "", ""),
            paragraph_lang=para.lang if para else "",
            evidence=list(t.evidence), outcome="" if t.outcome is None else f"{t.outcome:g}",
            list_number=str(t.number or ""),
        )

    def build(self) -> ReportView:
        r = self.report
        paragraphs = {p.id: self.paragraph(p) for p in r.all_paragraphs()}
        parts = [self.part(part, paragraphs) for part in r.parts]
        sections_by_para = {p.id: s for s in r.sections() for p in s.paragraphs}
        targets = [self.target(t, sections_by_para, paragraphs) for t in r.targets]
        by_id = {t.id: t for t in targets}
        for t, view in zip(r.targets, targets):
            if t.baseline in by_id:
                view.baseline = by_id[t.baseline]
                by_id[t.baseline].goal = view
            paragraphs[t.paragraph].targets.append(view) if t.paragraph in paragraphs else None
        indicator_rows = self._indicator_rows(targets)
        chart = indicator_chart(
            [ChartRow(row["indicator"], row["result_growth"], row["target_growth"], row["target"]) for row in indicator_rows],
            self.lang.t("key_figures_caption"), (self.lang.t("last_year_result"), self.lang.t("this_year_target")), f"chart-{r.id}",
        )
        lists = [
            {"id": l.id, "title": self.title_of(l.id, l.title), "url": self.url(f"lists/{l.id}/"), "paragraph_url": paragraphs[l.paragraph].context_url if l.paragraph in paragraphs else "",
             "items": [by_id[i] for i in l.items if i in by_id]}
            for l in r.lists
        ]
        groups = self._target_groups(targets, parts)
        totals = {}
        for t in r.targets:
            totals[t.status] = totals.get(t.status, 0) + 1
        status_totals = [(s, self.lang.t(f"status_{s}"), totals.get(s, 0)) for s in STATUSES]
        m = r.meta
        return ReportView(
            r.id, self.meta("title", m.title), self.meta("heading", m.heading), self.meta("place", m.place), m.year,
            self.meta("occasion", m.occasion.lstrip("—－-")), m.published.replace("T", " "), m.delivered,
            self.meta("source", m.source), m.source_url, self.meta("salutation", m.salutation), self.url(),
            [paragraphs[p.id] for p in r.opening], parts, [paragraphs[p.id] for p in r.closing], targets, lists,
            chart, indicator_rows, status_totals, list(r.repairs), [paragraphs[p.id] for p in r.all_paragraphs()],
            [s for p in parts for s in p.sections], self.base_url + f"{r.id}/card.png",
            self.tr.note if self.tr else "", groups, report_card=self._report_card(targets),
            delivered_text=display_date(m.delivered, self.lang.code) if m.delivered else "", digest=m.digest,
        )

    def _report_card(self, targets: list[TargetView]) -> dict:
        """What the targets page can tell a reader at a glance: how many of each kind, and how many are rated yet."""
        counts = {k: sum(1 for t in targets if t.kind == k) for k in KINDS}
        rated = [t for t in targets if t.status != "not-rated"]
        statuses = [(s, self.lang.t(f"status_{s}"), sum(1 for t in rated if t.status == s)) for s in STATUSES if s != "not-rated"]
        return {
            "kinds": [(k, self.lang.t(f"kind_{k}"), self.lang.t(f"card_{k}"), counts[k]) for k in KINDS if counts[k]],
            "rated": self.lang.t("card_rated", rated=len(rated), total=len(targets)) if rated else self.lang.t("card_unrated"),
            "statuses": [row for row in statuses if row[2]],
        }

    def _target_groups(self, targets: list[TargetView], parts: list[PartView]) -> list[dict]:
        """Targets under the section (or, for part-level paragraphs, the part) they come from, then by kind."""
        place = {}
        for part in parts:
            for p in part.intro + part.outro:
                place[p.id] = (part.id, f"{part.label}{part.title}")
            for s in part.sections:
                for p in s.paragraphs:
                    place[p.id] = (s.id, f"{s.label}{s.title}")
        groups: dict[str, dict] = {}
        for t in targets:
            gid, title = place.get(t.paragraph_id, ("report", self.meta("title", self.report.meta.title)))
            group = groups.setdefault(gid, {"id": f"g-{gid}", "title": title, "kinds": {}})
            group["kinds"].setdefault(t.kind, []).append(t)
        return [{"id": g["id"], "title": g["title"],
                 "kinds": [{"kind": k, "label": self.lang.t(f"kind_{k}"), "targets": g["kinds"][k]} for k in KINDS if k in g["kinds"]]}
                for g in groups.values()]

    def _indicator_rows(self, targets: list[TargetView]) -> list[dict]:
        by_id = {t.id: t for t in self.report.targets}
        rows = []
        for view in targets:
            if view.kind != "indicator":
                continue
            goal = by_id[view.id]
            base = by_id.get(goal.baseline)
            rows.append({
                "indicator": view.indicator,
                "result": _figure(base, self.lang) if base else "",
                "result_growth": base.growth if base else None,
                "target": view.figure,
                "target_growth": goal.growth,
                "url": view.url,
                "result_url": view.baseline.url if view.baseline else "",
                "status": view.status,
                "status_label": view.status_label,
            })
        return rows


def bilingual_groups(mine: ReportView, theirs: ReportView) -> list[dict]:
    """The side-by-side page in the document's own order: a heading per part and section (in both
    languages) over the paragraph pairs under it."""
    twin = {p.id: p for p in theirs.paragraphs}
    their_parts = {part.id: part for part in theirs.parts}
    their_sections = {s.id: s for s in theirs.sections}

    def group(level: int, unit, other, paragraphs) -> dict:
        return {"level": level, "id": unit.id if unit else "", "title": f"{unit.label}{unit.title}" if unit else "",
                "twin_title": f"{other.label}{other.title}" if other else "", "pairs": [(p, twin[p.id]) for p in paragraphs]}

    groups = [group(2, None, None, mine.opening)] if mine.opening else []
    for part in mine.parts:
        groups.append(group(2, part, their_parts.get(part.id), part.intro))
        groups += [group(3, s, their_sections.get(s.id), s.paragraphs) for s in part.sections]
        if part.outro:
            groups.append(group(3, None, None, part.outro))
    if mine.closing:
        groups.append(group(2, None, None, mine.closing))
    return groups


def link_neighbour_years(views: list[ReportView]) -> None:
    """Give each report a link to the same place's report of the year before and the year after."""
    by_place: dict[str, list[ReportView]] = {}
    for rv in views:
        if rv.place and rv.year:  # a report whose place or year is unknown has no neighbours
            by_place.setdefault(rv.place, []).append(rv)
    for same_place in by_place.values():
        same_place.sort(key=lambda rv: (rv.year, rv.id))
        for earlier, later in zip(same_place, same_place[1:]):
            if earlier.year == later.year:
                continue  # two reports of one year (a warning): neither is the other's next year
            earlier.next_year = Link(later.url, str(later.year))
            later.previous_year = Link(earlier.url, str(earlier.year))


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
