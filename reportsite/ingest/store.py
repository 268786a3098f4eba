"""Writing pass: a Report -> the YAML files under content/reports/<id>/ that editors change.

Layout: report.yaml (metadata, opening and closing paragraphs, retired IDs), parts/partN.yaml (one
file per part, so an editor finds a section quickly), targets.yaml, corrections.yaml (reviewed
fixes, written by people) and provenance.yaml (what the import did; regenerated on re-import).

How each file is written lives in content/, beside the code that reads it back: this pass hands
the import's report to those writers.
"""

from __future__ import annotations

from ..content.parts import paragraph_data, part_data, part_filename, section_data
from ..content.provenance import provenance_data
from ..content.report import GENERATED_HEADER, meta_data, report_data, report_files, write_report
from ..content.targets import target_data, targets_data

__all__ = ["GENERATED_HEADER", "meta_data", "paragraph_data", "part_data", "part_filename", "provenance_data", "report_data",
           "report_files", "section_data", "target_data", "targets_data", "write_report"]
