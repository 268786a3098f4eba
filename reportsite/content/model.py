"""The content units carried through every pass: report, part, section, paragraph, target."""

from __future__ import annotations

from dataclasses import dataclass, field

# A target's place in the tracking cycle; editors set it during the year. The first is the default.
STATUSES = ("not-rated", "on-track", "at-risk", "off-track", "achieved", "missed", "dropped")

# What a target records: headline indicators (the year's goal, and last year's result it is paired
# with), other quantified commitments of the plan, quantified results of the review, numbered list items.
KINDS = ("indicator", "indicator-result", "commitment", "result", "list-item")

# What a figure is, beside its kind: "" is what the kind says (a goal or a result); a five-year goal
# (年均增长); the design capacity of a plant (设计产能, 日处理); a planned total investment (总投资); existing
# stock, a fact and neither a promise nor last year's output (现有养老机构9所).
NATURES = ("", "five-year-goal", "capacity", "investment", "stock")

# IDs are anchors, folder and file names: \A and \Z, not ^ and $, since `$` also matches before a
# trailing newline, which would let "p1\n" through.
ID_PATTERN = r"\A[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z"
# A report's id is its folder's name and the first part of its pages' addresses; it may start with a digit.
REPORT_ID_PATTERN = r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z"
CN_DIGITS = "一二三四五六七八九"  # part and section numerals (一、 （三）)


@dataclass(frozen=True)
class Source:
    """Where a unit came from: the content file and line an editor should open."""

    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Block:
    """A run of a paragraph: an optional enumeration marker (一是, 二要), an optional lead sentence
    that acts as a heading, and the text that follows."""

    text: str
    lead: str = ""
    marker: str = ""

    @property
    def full(self) -> str:
        return self.marker + self.lead + self.text


@dataclass(frozen=True)
class Paragraph:
    id: str
    blocks: tuple[Block, ...]
    source: Source = Source()

    @property
    def text(self) -> str:
        return "".join(b.full for b in self.blocks)


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    paragraphs: tuple[Paragraph, ...]
    # "line": the heading stood on its own line; "inline": it was the first sentence of the paragraph.
    heading_style: str = "line"
    source: Source = Source()


@dataclass(frozen=True)
class Part:
    id: str
    number: int
    title: str
    intro: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    outro: tuple[Paragraph, ...] = ()
    source: Source = Source()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.intro + tuple(p for s in self.sections for p in s.paragraphs) + self.outro


@dataclass(frozen=True)
class Evidence:
    date: str
    note: str
    url: str = ""


@dataclass(frozen=True)
class Target:
    id: str
    kind: str
    paragraph: str
    text: str  # the clause the figure was read from
    indicator: str = ""  # what is counted
    value: float | None = None
    unit: str = ""
    growth: float | None = None  # percent change
    qualifier: str = ""  # 左右, 以上, 以内 …
    year: int | None = None
    baseline: str = ""  # for an indicator: the id of last year's result it is compared with
    list: str = ""  # for a list item: the id of its list
    number: int | None = None  # for a list item: its place in the list
    status: str = STATUSES[0]
    outcome: float | None = None
    evidence: tuple[Evidence, ...] = ()
    source: Source = Source()
    label: str = ""  # what is counted, of what, where: 涧东村至磨里村通道绿化
    sentence: str = ""  # the whole sentence the clause stands in
    clause: tuple[int, int] | None = None  # where `text` stands in `sentence`: [start, end)
    nature: str = ""  # one of NATURES
    duplicate_of: str = ""  # the target that counts the same thing (a livelihood project also a commitment)
    reviewed: bool = False  # an editor checked it: a re-import keeps it as it is

    @property
    def measure(self) -> str:
        """growth (a rate of change) or level (an amount)."""
        return "growth" if self.growth is not None else "level"


@dataclass(frozen=True)
class NumberedList:
    """A numbered list announced in the text, such as the year's livelihood projects (民生实事)."""

    id: str
    title: str
    paragraph: str
    items: tuple[str, ...]  # target ids of kind list-item, in order
    source: Source = Source()


@dataclass(frozen=True)
class Correction:
    """A reviewed fix for garbled text whose bytes were lost, from a corrections file."""

    garbled: str
    repaired: str
    note: str
    line: int = 0  # line in the corrections file
    path: str = ""  # the corrections file, as the user sees it


@dataclass(frozen=True)
class Repair:
    line: int
    garbled: str
    repaired: str
    method: str
    note: str = ""
    # What the bytes that survived say about the repair: verified, contradicted (at …), unverifiable.
    verdict: str = ""

    @property
    def verdict_status(self) -> str:
        """verified, contradicted or unverifiable, without where."""
        return self.verdict.split(" ", 1)[0]


@dataclass(frozen=True)
class Meta:
    title: str
    place: str
    year: int
    heading: str = ""  # the document heading, usually 政府工作报告
    published: str = ""  # ISO date and time of publication on the source site
    source: str = ""  # publishing body
    source_url: str = ""
    occasion: str = ""  # 2022年1月26日在…会议上 (the dashes that set it off are typography)
    delivered: str = ""  # ISO date the report was delivered
    speaker: str = ""  # who delivered it: 绛县人民政府县长某某, when the page names them
    salutation: str = ""
    language: str = "zh-Hans"
    province: str = ""  # 山西省, when the report names it (`(山西省)闻喜县…`)
    digest: bool = False  # a news article that digests a report: one body, the targets, no parts
    prefecture: str = ""  # 保定市, for a county-level place
    named: str = ""  # the name the report gives its place when it has since been renamed (清苑县 for 清苑区)
    level: str = ""  # county, district, county-level city or prefecture city
    office: str = ""  # the issuing body: 保定市人民政府
    kind: str = "report"  # report, excerpt (a copy that starts or stops inside the text) or news (a rewrite)


TEXT_KINDS = ("report", "excerpt", "news")


@dataclass(frozen=True)
class Appendix:
    """A list printed after the report (附件：2023年重点项目计划表), kept apart from its text."""

    id: str
    title: str
    items: tuple[str, ...]
    source: Source = Source()


@dataclass(frozen=True)
class Note:
    """A note of the report's glossary (名词解释), linked from its marker `[1]` in the text."""

    id: str
    mark: str  # [1]
    text: str  # the entry as printed, term and explanation
    source: Source = Source()


@dataclass(frozen=True)
class Report:
    id: str
    meta: Meta
    opening: tuple[Paragraph, ...]
    parts: tuple[Part, ...]
    closing: tuple[Paragraph, ...]
    targets: tuple[Target, ...] = ()
    lists: tuple[NumberedList, ...] = ()
    retired: dict = field(default_factory=dict)  # old id -> id that now holds its content
    repairs: tuple[Repair, ...] = ()
    notes: tuple[Note, ...] = ()
    appendices: tuple[Appendix, ...] = ()

    def all_paragraphs(self) -> list[Paragraph]:
        return [*self.opening, *(p for part in self.parts for p in part.paragraphs), *self.closing]

    def sections(self) -> list[Section]:
        return [s for part in self.parts for s in part.sections]

    def positions(self) -> dict[str, "Position"]:
        """Where each paragraph stands, by id, in the order of the text."""
        out = {p.id: Position(0, None, None) for p in self.opening}
        for part in self.parts:
            out.update((p.id, Position(0, part, None)) for p in part.intro)
            out.update((p.id, Position(0, part, s)) for s in part.sections for p in s.paragraphs)
            out.update((p.id, Position(0, part, None)) for p in part.outro)
        out.update((p.id, Position(0, None, None)) for p in self.closing)
        return {pid: Position(n, pos.part, pos.section) for n, (pid, pos) in enumerate(out.items(), start=1)}


@dataclass(frozen=True)
class Position:
    """A paragraph's place in its report: its number in the text (from 1), and the part and section
    that hold it (none for the opening and closing; a part's intro and outro have no section)."""

    number: int
    part: Part | None
    section: Section | None
