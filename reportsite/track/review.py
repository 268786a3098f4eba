"""Review pass: a report's outcomes.yaml, where an editor confirms, corrects or adds an outcome.

Entries marked `reviewed: true` are an editor's and override what matching computed; every other entry is
rewritten when outcomes are tracked again. Evidence may come from outside the reports (a statistical bulletin,
with its URL and date)."""

from __future__ import annotations

import re
from dataclasses import asdict, fields
from pathlib import Path

from ..content.reader import Reader, load_entries
from ..errors import ContentError
from ..content.yamlio import dump_yaml, write_atomic
from .match import Outcome
from .status import OUTCOME_STATUSES

HEADER = (
    "# Outcomes of this report's goals as the next year's report states them, written by the tracking pass.\n"
    "# To confirm, correct or add one, edit it and set `reviewed: true` (and `reviewer:`): reviewed entries are\n"
    "# kept as they are whenever outcomes are tracked again. statuses: " + ", ".join(OUTCOME_STATUSES) + "\n"
)
_HTTP = re.compile(r"\Ahttps?://\S+\Z")
_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
_DEFAULTS = {f.name: f.default for f in fields(Outcome)}


def outcome_data(o: Outcome) -> dict:
    """An outcome as its YAML entry: the target and status, then every field that is set."""
    data = asdict(o)
    return {k: v for k, v in data.items() if k in ("target", "status") or v != _DEFAULTS[k]}


def load_outcomes(path: Path, display: str) -> tuple[list[Outcome], list[ContentError]]:
    """The entries of an outcomes.yaml, and every problem in it as path:line: field: message (hint)."""
    outcomes, _, errors = load_entries(path, display, "outcomes", _outcome)
    return outcomes, errors


def _outcome(r: Reader, e, f: str) -> Outcome:
    status = r.text(e, "status", f)
    if status not in OUTCOME_STATUSES:
        r.error(e, "status", f + "status", f"unknown status {status!r}", "use one of " + ", ".join(OUTCOME_STATUSES))
    url = r.text(e, "url", f, required=False)
    if url and not _HTTP.match(url):
        r.error(e, "url", f + "url", f"{url[:40]!r} is not an http(s) URL", "link the evidence with a full https://… address")
    date = r.text(e, "date", f, required=False)
    if date and not _DATE.match(date):
        r.error(e, "date", f + "date", f"{date!r} is not a date", "write it as YYYY-MM-DD")
    reviewed = e.get("reviewed", False)
    if not isinstance(reviewed, bool):
        r.error(e, "reviewed", f + "reviewed", f"expected true or false, got {reviewed!r}", "write reviewed: true")
        reviewed = False
    texts = {k: r.text(e, k, f, required=False) for k in ("unit", "qualifier", "estimate", "quote", "report", "paragraph", "note", "reviewer")}
    confidence = r.number(e, "confidence", f)
    return Outcome(r.text(e, "target", f), status, value=r.number(e, "value", f), **texts, reviewed=reviewed,
                   url=url, date=date, confidence=1.0 if confidence is None else confidence)


def merge(computed: list[Outcome], reviewed: list[Outcome]) -> list[Outcome]:
    """Computed outcomes with each reviewed entry in place of the computed one for its target, and reviewed
    entries for targets matching found nothing for after them."""
    mine = {o.target: o for o in reviewed if o.reviewed}
    out = [mine.pop(o.target, o) for o in computed]
    return out + [o for o in reviewed if o.target in mine]


def write_outcomes(folder: Path, outcomes: list[Outcome]) -> None:
    write_atomic(folder / "outcomes.yaml", HEADER + dump_yaml({"outcomes": [outcome_data(o) for o in outcomes]}))


def candidate_warnings(weak: list[Outcome], display: str) -> list[ContentError]:
    """Weak matches an editor should confirm or reject, as warnings `check` lists."""
    return [
        ContentError(display, 0, o.target, f"a possible outcome {o.value:g}{o.unit} in {o.report} {o.paragraph} "
                     f"(match {o.confidence:.2f}) is not claimed", "if it is the outcome, write it in outcomes.yaml with reviewed: true (docs/outcomes.md)",
                     warning=True)
        for o in weak
    ]

