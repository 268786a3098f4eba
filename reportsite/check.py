"""The check command: everything CI should know before the site is published.

Like cli.py, a command that runs stages, so it may import any of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .site.build import render_site
from .content.provenance import load_corrections
from .content.report import load_site_content
from .errors import ContentError, ContentErrors, shown
from .ingest.verify import contradicted_corrections
from .site.linkcheck import check_links
from .ingest.suspicious import find_suspicious
from .content.translations import coverage
from .track.archive import review_warnings
from .track.publish import archive_outcomes


@dataclass(frozen=True)
class CheckResult:
    problems: list[ContentError]
    notes: list[str]  # facts worth printing: translation coverage


def check_site(content: Path, templates: Path = Path("templates"), static: Path = Path("static")) -> CheckResult:
    """Content, suspicious text, templates, links and anchors, and translation coverage."""
    reports, problems = load_site_content(content)
    for report in reports:
        problems += find_suspicious(report)
        problems += check_corrections(content, report.id)
    # Outcomes an editor should confirm (weak matches), and mistakes in the outcomes.yaml files.
    problems += review_warnings(reports, {r.id: content / "reports" / r.id for r in reports},
                                {r.id: f"{shown(content)}/reports/{r.id}" for r in reports})
    notes = []
    try:
        # The pages and their links, without the share cards: no link checked is a card's, and drawing
        # the example archive's 12,000 took most of its check.
        tree, stats, builds = render_site(content, templates, static, base_url="http://localhost/", track=archive_outcomes,
                                          cards=False)
    except ContentErrors as e:
        return CheckResult(sorted(set(problems) | set(e.errors)), notes)
    problems += stats.warnings + check_links(tree, "http://localhost/")
    for item in (rb.item for rb in builds):
        reviewed, draft, total = coverage(item.report, item.translation)
        notes.append(f"{item.report.id}: English translation {100 * (reviewed + draft) / max(total, 1):.0f}% "
                     f"({reviewed} reviewed, {draft} draft, {total - reviewed - draft} missing of {total} paragraphs)")
        if reviewed + draft < total:
            problems.append(ContentError(f"{shown(content)}/reports/{item.report.id}/en.yaml", 0, "paragraphs",
                                         f"{total - reviewed - draft} paragraphs have no English translation", "translate them", warning=True))
    return CheckResult(sorted(set(problems)), notes)


def check_corrections(content: Path, report_id: str) -> list[ContentError]:
    """Every reviewed correction that the bytes surviving in its garbled span contradict."""
    display = f"{shown(content)}/reports/{report_id}"
    corrections, errors = load_corrections(content / "reports" / report_id, display)
    return errors + [
        ContentError(f"{display}/corrections.yaml", c.line, "repaired", f"{c.repaired!r} contradicts the bytes that survived in {c.garbled!r}: {verdict}",
                     "choose the reading whose bytes, read one byte out of step, give the garbled text")
        for c, verdict in contradicted_corrections(corrections)
    ]
