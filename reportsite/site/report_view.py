"""View pass: one Report -> its views in one language (text in that language, URLs, labels).

Each view is made once, complete: a paragraph's targets are made before the paragraph, and the
links to other reports (the same place's previous and next year) come in from the archive.
"""

from __future__ import annotations

from ..content.archive import YearLinks, place_in_english, place_key
from ..content.model import Appendix, Note, Paragraph, Part, Position, Report, Section
from ..content.outcomes import GoalOutcome
from ..content.translations import Translation
from .i18n import Lang
from .notes import marks_in, notes_marked, notes_of
from .target_view import TargetViews, place_slug
from ..script import to_simplified
from .repairs import repair_places
from .views import AppendixView, BlockView, Link, NoteView, ParagraphView, PartView, RepairView, ReportView, SectionView, _roman, cn_numeral, display_date

# The metadata that names a place: an English page gives its English name where places_en.yaml has one.
_PLACE_KEYS = frozenset({"place", "prefecture", "province", "named"})


class ReportViewBuilder:
    """Builds every view of one report in one language."""

    def __init__(self, report: Report, lang: Lang, base_url: str, translation: Translation | None = None,
                 site_title: str = "", outcomes: dict[str, GoalOutcome] | None = None):
        self.report = report
        self.site_title = site_title
        self.outcomes = outcomes or {}  # its goals' outcomes, by target id (content.outcomes)
        self.later = False
        self.lang = lang
        self.base_url = base_url
        self.tr = translation if lang.code == "en" else None
        self.root = f"{lang.prefix}{report.id}/"
        self.aliases: dict[str, list[str]] = {}
        for old, new in sorted(report.retired.items()):
            self.aliases.setdefault(new, []).append(old)
        self.positions: dict[str, Position] = report.positions()
        self._texts: dict[str, tuple] = {}
        self.paragraph_by_id = {p.id: p for p in report.all_paragraphs()}
        self.repaired_in = repair_places(report, to_simplified) if report.repairs else ()
        self.first_repair = {}
        for i, unit in enumerate(self.repaired_in, start=1):
            self.first_repair.setdefault(unit, i)
        self.notes = {n.mark: self.note(n) for n in report.notes}

    # ---- text in this language ----
    def title_of(self, unit_id: str, zh: str) -> str:
        if self.tr and unit_id in self.tr.titles:
            return self.tr.titles[unit_id]
        return self.lang.text(zh)

    def meta(self, key: str, zh: str) -> str:
        if self.tr and self.tr.meta.get(key):
            return self.tr.meta[key]
        return self.english_place(key, zh) or self.lang.text(zh)

    def english_place(self, key: str, zh: str) -> str:
        """An English page's name for a place en.yaml does not translate, if places_en.yaml knows it."""
        return place_in_english(zh) if self.lang.code == "en" and key in _PLACE_KEYS and zh else ""

    def blocks_of(self, p: Paragraph) -> tuple[tuple[BlockView, ...], str, str]:
        """(blocks, language of the text, translation status)."""
        if self.lang.code == "en":
            found = self.tr.paragraph(p) if self.tr else None
            if found:
                return tuple(BlockView(marker=b.marker, lead=b.lead, text=b.text) for b in found.blocks), "en", found.status
            return tuple(BlockView(marker=b.marker, lead=b.lead, text=b.text) for b in p.blocks), "zh-Hans", "missing"
        text = self.lang.text
        return tuple(BlockView(marker=text(b.marker), lead=text(b.lead), text=text(b.text)) for b in p.blocks), self.lang.code, ""

    def text_of(self, p: Paragraph) -> tuple[tuple[BlockView, ...], str, str, str]:
        """(blocks, language of the text, translation status, plain text) of a paragraph, made once."""
        if p.id not in self._texts:
            blocks, text_lang, status = self.blocks_of(p)
            self._texts[p.id] = (blocks, text_lang, status, plain_text(blocks, text_lang))
        return self._texts[p.id]

    def plain_of(self, pid: str) -> tuple[str, str]:
        """A paragraph's plain text and its language, for the target views that quote it."""
        _, text_lang, _, plain = self.text_of(self.paragraph_by_id[pid])
        return plain, text_lang

    def aliases_of(self, unit_id: str) -> tuple[str, ...]:
        return tuple(self.aliases.get(unit_id, ()))

    # ---- URLs ----
    def url(self, path: str = "") -> str:
        return self.root + path

    def absolute(self, url: str) -> str:
        return self.base_url + url

    def paragraph_context(self, pid: str) -> str:
        """A paragraph's place in its section's page, its part's, or the full text."""
        where = self.positions[pid]
        unit = where.section or where.part
        return self.url(f"{unit.id}/#{pid}" if unit else f"text/#{pid}")

    # ---- labels ----
    def part_label(self, part: Part) -> str:
        return f"{cn_numeral(part.number)}、" if self.lang.code != "en" else f"{_roman(part.number)}. "

    def section_label(self, s: Section) -> str:
        return self.lang.text(f"（{cn_numeral(s.number)}）") if self.lang.code != "en" else f"{s.number}. "

    def heading(self, unit: Part | Section) -> str:
        """A part's or section's label and title, as its heading shows them."""
        label = self.part_label(unit) if isinstance(unit, Part) else self.section_label(unit)
        return label + self.title_of(unit.id, unit.title)

    # ---- views ----
    def paragraph(self, p: Paragraph, targets: tuple) -> ParagraphView:
        blocks, text_lang, status, plain = self.text_of(p)
        position = self.positions[p.id]
        part, section = position.part, position.section
        where = self.title_of(section.id, section.title) if section else (self.title_of(part.id, part.title) if part else "")
        share = self.absolute(self.url(f"p/{p.id}/"))
        return ParagraphView(
            id=p.id, number=position.number, blocks=blocks, plain=plain, url=self.url(f"p/{p.id}/"),
            context_url=self.paragraph_context(p.id), text_url=self.url(f"text/#{p.id}"), share_url=share,
            citation=self.citation(self.number_of(part, section), where, self.lang.t("cite_paragraph", n=position.number), share),
            lang=text_lang, status=status,
            aliases=self.aliases_of(p.id), targets=targets, section_title=where,
            where=" › ".join(self.heading(unit) for unit in (part, section) if unit),
            label=self.lang.t("paragraph_n", n=position.number), crumbs=self.crumbs(part, section),
            notes=notes_of(p.text, self.notes),
            repair_url=self.url(f"about/#repair-{self.first_repair[p.id]}") if p.id in self.first_repair else "",
        )

    def untranslated_meta(self, m) -> frozenset[str]:
        """The metadata an English page shows in Chinese, en.yaml giving no English for them: marked with their language."""
        if self.lang.code != "en":
            return frozenset()
        keys = ("place", "occasion", "prefecture", "province", "office", "speaker", "named")
        return frozenset(k for k in keys if getattr(m, k) and not (self.tr and self.tr.meta.get(k)) and not self.english_place(k, getattr(m, k)))

    def untranslated(self) -> str:
        """The language of a text en.yaml does not translate (notes, appendices): the Chinese, in this page's script."""
        return "zh-Hans" if self.lang.code == "en" else self.lang.code

    def note(self, n: Note) -> NoteView:
        return NoteView(id=n.id, mark=n.mark, text=self.lang.text(n.text), lang=self.untranslated())

    def appendix(self, a: Appendix) -> AppendixView:
        return AppendixView(id=a.id, title=self.lang.text(a.title), items=tuple(self.lang.text(x) for x in a.items),
                            url=self.url(f"text/#{a.id}"), lang=self.untranslated())

    def lost_marks(self) -> tuple[str, ...]:
        """The markers in the text whose note the source lost, in the order of their numbers."""
        found = {m for p in self.report.all_paragraphs() for m in marks_in(p.text)} - set(self.notes)
        return tuple(sorted(found, key=lambda m: int(m.strip("[]"))))

    def kind_label(self) -> str:
        kind = self.report.meta.kind
        return self.lang.t(f"kind_{kind}") if kind != "report" else ""

    def level_label(self) -> str:
        level = self.report.meta.level
        return self.lang.t(f"level_{level}") if level else ""

    def number_of(self, part: Part | None, section: Section | None) -> str:
        """Where a unit stands, as a citation numbers it: Part II §7, 第二部分第七节."""
        if part is None:
            return ""
        t, en = self.lang.t, self.lang.code == "en"
        number = t("cite_part", n=_roman(part.number) if en else cn_numeral(part.number))
        return number + (t("cite_section", n=section.number if en else cn_numeral(section.number)) if section else "")

    def citation(self, number: str, where: str, unit: str, url: str) -> str:
        """Issuer, title, date, section number and title, the unit cited (a paragraph, a target), the
        English translation's version, the site's name and the address, as each language cites a
        document. The access date is the reader's: the copy control adds it (cite_accessed)."""
        m, t = self.report.meta, self.lang.t
        issuer, title = self.meta("source", m.source), self.meta("title", m.title)
        date = display_date(m.delivered or m.published[:10], self.lang.code)
        if self.lang.code == "en":
            head = ", ".join(x for x in (issuer, f"“{title}”") if x) + (f" ({date})" if date else "")
            place = " ".join(x for x in (number, f"“{where}”" if where else "") if x)
            version = self.tr.version if self.tr else ""
            translation = t("cite_unofficial") + (f" {t('cite_version', v=version)}" if version else "")
            if self.tr and self.tr.date:
                translation += f" ({display_date(self.tr.date, 'en')})"
            return ", ".join(x for x in (head, place, unit, translation, self.site_title, url) if x)
        head = f"{issuer}《{title}》" + (f"（{date}）" if date else "")
        place = number + (f"“{where}”" if where else "")
        return "，".join(x for x in (head, place, unit) if x) + "。" + "，".join(x for x in (self.site_title, url) if x)

    def repairs(self, paragraphs: dict, parts: tuple[PartView, ...]) -> tuple[RepairView, ...]:
        """Every repair in the page's script, linked to the paragraph or heading it lies in."""
        units = {p.id: (p.url, p.label) for p in paragraphs.values()}
        units |= {part.id: (part.url, part.label + part.title) for part in parts}
        units |= {s.id: (s.url, s.label + s.title) for part in parts for s in part.sections}
        script = (lambda text: text) if self.lang.code == "en" else self.lang.text
        return tuple(RepairView(number=i, line=r.line, garbled=r.garbled, repaired=script(to_simplified(r.repaired)), method=r.method,
                                note=r.note, verdict=r.verdict, verdict_status=r.verdict_status, url=units.get(unit, ("", ""))[0],
                                label=units.get(unit, ("", ""))[1])
                     for i, (r, unit) in enumerate(zip(self.report.repairs, self.repaired_in), start=1))

    def crumbs(self, part: Part | None, section: Section | None) -> tuple[Link, ...]:
        trail = [Link(self.url(), self.meta("title", self.report.meta.title))]
        trail += [Link(self.url(f"{unit.id}/"), self.heading(unit)) for unit in (part, section) if unit]
        if not part and not section:
            trail.append(Link(self.url("text/"), self.lang.t("full_text")))
        return tuple(trail)

    def section(self, s: Section, part: Part, paragraphs: dict) -> SectionView:
        return SectionView(
            id=s.id, label=self.section_label(s), title=self.title_of(s.id, s.title), url=self.url(f"{s.id}/"),
            paragraphs=tuple(paragraphs[p.id] for p in s.paragraphs), aliases=self.aliases_of(s.id),
            part_title=self.title_of(part.id, part.title), notes=notes_marked(tuple(paragraphs[p.id] for p in s.paragraphs)),
        )

    def part(self, part: Part, paragraphs: dict) -> PartView:
        return PartView(
            id=part.id, label=self.part_label(part), title=self.title_of(part.id, part.title), url=self.url(f"{part.id}/"),
            intro=tuple(paragraphs[p.id] for p in part.intro), sections=tuple(self.section(s, part, paragraphs) for s in part.sections),
            outro=tuple(paragraphs[p.id] for p in part.outro), aliases=self.aliases_of(part.id),
            notes=notes_marked(tuple(paragraphs[p.id] for p in part.paragraphs)),
        )

    def year_link(self, neighbour: tuple[int, str] | None) -> Link | None:
        return Link(f"{self.lang.prefix}{neighbour[1]}/", str(neighbour[0])) if neighbour else None

    def build(self, years: YearLinks = YearLinks(), has_glossary: bool = False, has_bilingual: bool = False) -> ReportView:
        r = self.report
        self.later = years.next is not None  # the archive has a later year of the place (not always the next)
        targets = TargetViews(self)
        paragraphs = {p.id: self.paragraph(p, targets.in_paragraph(p.id)) for p in r.all_paragraphs()}
        parts = tuple(self.part(part, paragraphs) for part in r.parts)
        m = r.meta
        return ReportView(
            id=r.id, title=self.meta("title", m.title), heading=self.meta("heading", m.heading), place=self.meta("place", m.place),
            place_key=place_key(r), year=m.year, occasion=self.meta("occasion", m.occasion.lstrip("—－-")),
            published=m.published.replace("T", " "), delivered=m.delivered, source=self.meta("source", m.source),
            source_url=m.source_url, salutation=self.meta("salutation", m.salutation), url=self.url(),
            opening=tuple(paragraphs[p.id] for p in r.opening), parts=parts, closing=tuple(paragraphs[p.id] for p in r.closing),
            targets=targets.all, lists=targets.lists(paragraphs), chart=targets.chart(), indicator_rows=targets.indicator_rows,
            status_totals=targets.status_totals(), repairs=self.repairs(paragraphs, parts), paragraphs=tuple(paragraphs.values()),
            sections=tuple(s for p in parts for s in p.sections), card_url=self.base_url + f"{r.id}/card.png",
            translation_note=self.tr.note if self.tr else "", target_groups=targets.groups(),
            report_card=targets.report_card(), delivered_text=display_date(m.delivered, self.lang.code) if m.delivered else "",
            has_glossary=has_glossary, has_bilingual=has_bilingual, previous_year=self.year_link(years.previous),
            next_year=self.year_link(years.next), digest=m.digest, headline_summary=targets.headline_summary(),
            place_url=f"{self.lang.prefix}places/{place_slug(r.id)}/" if self.outcomes else "", kind=m.kind, kind_label=self.kind_label(),
            notes=notes_marked(tuple(paragraphs.values())), lost_marks=self.lost_marks(),
            appendices=tuple(self.appendix(a) for a in r.appendices), prefecture=self.meta("prefecture", m.prefecture),
            province=self.meta("province", m.province), level=self.level_label(), office=self.meta("office", m.office),
            speaker=self.meta("speaker", m.speaker), named=self.meta("named", m.named), in_chinese=self.untranslated_meta(m),
        )


def plain_text(blocks, text_lang: str) -> str:
    """A paragraph's blocks as one line of text. English blocks are sentences of their own and need a
    space between them; Chinese ones none."""
    space = " " if text_lang == "en" else ""
    return space.join(b.marker + (space if b.marker else "") + b.lead + (space if b.lead else "") + b.text for b in blocks)
