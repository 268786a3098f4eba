"""A report's notes on its pages: each marker [1] in a paragraph links to its note, which links
back; a marker whose note the source lost stays as printed, with a visible flag."""

from __future__ import annotations

import re

from markupsafe import Markup

from .views import NoteRef, NoteView, ParagraphView

MARK = re.compile(r"\[([0-9]{1,3})\]")  # the importer writes every marker this way (ascii_markers)


def marks_in(text: str) -> list[str]:
    """The markers of a text, in order: ["[1]", "[4]"]."""
    return [m.group(0) for m in MARK.finditer(text)]


def notes_marked(paragraphs: tuple[ParagraphView, ...]) -> tuple[NoteRef, ...]:
    """The notes these paragraphs mark, in the order of their first marker, each with that paragraph."""
    seen: dict[str, NoteRef] = {}
    for p in paragraphs:
        for note in p.notes:
            seen.setdefault(note.mark, NoteRef(note=note, back=p.id))
    return tuple(seen.values())


def notes_of(text: str, by_mark: dict[str, NoteView]) -> tuple[NoteView, ...]:
    """The notes a paragraph's markers link to, once each, in order."""
    return tuple(by_mark[m] for m in dict.fromkeys(marks_in(text)) if m in by_mark)


def link_marks(html: Markup, p: ParagraphView, ui) -> Markup:
    """Rendered paragraph text with its markers as links to their notes on the page, or flagged as lost."""
    notes = {n.mark: n for n in p.notes}

    def one(m: re.Match) -> str:
        note = notes.get(m.group(0))
        if note is None:
            flag = Markup('<span class="note-lost-flag"{}>{}</span>').format(
                Markup(f' lang="{ui.lang.code}"') if p.lang != ui.lang.code else "", ui.msg["note_lost"])
            return Markup('<span class="note-mark note-lost">{}{}</span>').format(m.group(0), flag)
        label = ui.t("note_n", n=m.group(1))
        return Markup('<sup class="note-mark"><a href="#{}" aria-label="{}">{}</a></sup>').format(note.id, label, m.group(0))

    return Markup(MARK.sub(one, str(html)))
