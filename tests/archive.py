"""The example archive for tracking tests: the reports of ../shared/corpus/ as copied under examples/raw/,
imported in memory as the importer would (the year from the file name, where the page lacks it)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from reportsite.ingest.ids import assign_structure_ids, assign_target_ids
from reportsite.ingest.importer import parse_report
from reportsite.ingest.targets import extract_targets
from reportsite.content.model import Report

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "raw"


@cache
def corpus_report(name: str) -> Report:
    """'qingyuan-2022' imported with its id, and the year its file name gives when the text hides it."""
    report, _ = parse_report((CORPUS / f"{name}.txt").read_bytes(), report_id=name)
    report = replace(report, meta=replace(report.meta, year=report.meta.year or int(name.rsplit("-", 1)[1])))
    report = assign_structure_ids(report)
    targets, lists = assign_target_ids(extract_targets(report))
    return replace(report, targets=tuple(targets), lists=tuple(lists))
