"""The data files validate against the schemas the site publishes: report.json and report.en.json
against report.json's JSON Schema (draft 2020-12), targets.csv and targets.en.csv against the
Frictionless Table Schema in datapackage.json (checked with frictionless, and here with jsonschema and csv)."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, ValidationError

from .conftest import ROOT
from .test_site_pages import RID, soup

SCHEMA_FILE = ROOT / "reportsite" / "schema" / "report.schema.json"
# Table Schema's field types and the JSON Schema a cast cell must satisfy (https://specs.frictionlessdata.io/table-schema/).
TABLE_TYPES = {"string": {"type": "string"}, "number": {"type": "number"}, "integer": {"type": "integer"},
               "boolean": {"type": "boolean"}, "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}}
DESCRIPTOR_SCHEMA = {
    "type": "object", "required": ["name", "resources"],
    "properties": {
        "profile": {"const": "tabular-data-package"},
        "name": {"type": "string", "pattern": "^[a-z0-9._-]+$"},
        "resources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "path", "schema"],
            "properties": {
                "name": {"type": "string", "pattern": "^[a-z0-9._-]+$"}, "path": {"type": "string", "pattern": r"^[^/\\]+$"},
                "profile": {"const": "tabular-data-resource"}, "mediatype": {"const": "text/csv"},
                "schema": {"type": "object", "required": ["fields"], "properties": {
                    "fields": {"type": "array", "minItems": 1, "items": {
                        "type": "object", "required": ["name"],
                        "properties": {"name": {"type": "string"}, "type": {"enum": sorted(TABLE_TYPES)},
                                       "constraints": {"type": "object"}}}},
                    "primaryKey": {"type": "array", "items": {"type": "string"}},
                    "missingValues": {"type": "array", "items": {"type": "string"}}}}}}}},
}


def validator(site: Path) -> Draft202012Validator:
    schema = json.loads((site / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_the_published_schema_is_the_repositorys_with_its_address_on_the_site(served_site):
    site, base = served_site
    published = json.loads((site / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    own = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert published["$id"] == f"{base}schema/report.schema.json"
    assert {k: v for k, v in published.items() if k != "$id"} == {k: v for k, v in own.items() if k != "$id"}


@pytest.mark.parametrize("name", ["report.json", "report.en.json"])
def test_report_json_and_its_english_version_validate_against_the_schema(site_dir, name):
    data = json.loads((site_dir / RID / name).read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(site_dir).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("break_it, where", [
    (lambda d: d.pop("targets"), ""),
    (lambda d: d["targets"][0].update(status="done"), "targets/0/status"),
    (lambda d: d["targets"][0].update(value="78.9"), "targets/0/value"),
    (lambda d: d["parts"][0]["sections"][0]["paragraphs"][0].update(extra=1), "parts/0/sections/0/paragraphs/0"),
])
def test_the_schema_refuses_a_report_json_that_breaks_it(site_dir, break_it, where):
    data = json.loads((site_dir / RID / "report.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    break_it(broken)
    errors = list(validator(site_dir).iter_errors(broken))
    assert errors and "/".join(map(str, errors[0].absolute_path)) == where


def test_the_english_report_json_keeps_the_keys_and_gives_the_english(site_dir):
    zh = json.loads((site_dir / RID / "report.json").read_text(encoding="utf-8"))
    en = json.loads((site_dir / RID / "report.en.json").read_text(encoding="utf-8"))
    assert en.keys() == zh.keys() and en["language"] == "en" and en["title"].startswith("Report on the Work")
    assert en["targets"][0]["indicator"] == "Gross domestic product" and en["targets"][0]["unit"] == "100 million yuan"
    assert en["targets"][0]["url"].endswith(f"/en/{RID}/p/t1/")
    assert [t["id"] for t in en["targets"]] == [t["id"] for t in zh["targets"]]


def cast(value: str, field: dict, missing: list[str]):
    """A CSV cell as Table Schema reads it: a missing value is None, a number or integer is parsed."""
    if value in missing:
        return None
    kind = field.get("type", "string")
    if kind == "integer" and re.fullmatch(r"-?\d+", value):
        return int(value)
    if kind == "number" and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return float(value)
    if kind == "boolean" and value in ("true", "false"):  # Table Schema's default trueValues and falseValues
        return value == "true"
    return value  # left as text: the type check below reports it


def row_schema(table: dict) -> dict:
    """A JSON Schema that a row (cast by `cast`) satisfies exactly when it meets the Table Schema."""
    properties, required = {}, []
    for field in table["fields"]:
        rule = dict(TABLE_TYPES[field.get("type", "string")])
        constraints = field.get("constraints", {})
        if "enum" in constraints:
            rule["enum"] = constraints["enum"]
        if "pattern" in constraints:
            rule["pattern"] = f"^(?:{constraints['pattern']})$"
        if constraints.get("required"):
            required.append(field["name"])
        else:
            rule = {"anyOf": [rule, {"type": "null"}]}
        properties[field["name"]] = rule
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def table_problems(descriptor: dict, folder: Path) -> list[str]:
    problems = [e.message for e in Draft202012Validator(DESCRIPTOR_SCHEMA).iter_errors(descriptor)]
    for resource in descriptor["resources"]:
        table = resource["schema"]
        names = [f["name"] for f in table["fields"]]
        missing = table.get("missingValues", [""])
        rows = list(csv.reader(io.StringIO((folder / resource["path"]).read_text(encoding=resource.get("encoding", "utf-8")))))
        if rows[0] != names:
            problems.append(f"{resource['path']}: header {rows[0]} is not {names}")
            continue
        check = Draft202012Validator(row_schema(table))
        for line, row in enumerate(rows[1:], start=2):
            cells = {f["name"]: cast(v, f, missing) for f, v in zip(table["fields"], row)}
            problems += [f"{resource['path']}:{line}: {e.message}" for e in check.iter_errors(cells)]
        key = table.get("primaryKey", [])
        values = [tuple(row[names.index(k)] for k in key) for row in rows[1:]]
        if key and len(values) != len(set(values)):
            problems.append(f"{resource['path']}: primary key {key} repeats")
    return problems


def test_datapackage_describes_both_csv_files_and_they_meet_its_table_schema(site_dir):
    from reportsite.site.datafiles import CSV_COLUMNS

    descriptor = json.loads((site_dir / RID / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == ["targets.csv", "targets.en.csv"]
    assert tuple(f["name"] for f in descriptor["resources"][0]["schema"]["fields"]) == CSV_COLUMNS
    assert table_problems(descriptor, site_dir / RID) == []


def test_the_table_schema_check_finds_a_bad_cell_a_wrong_header_and_a_repeated_key(site_dir, tmp_path):
    descriptor = json.loads((site_dir / RID / "datapackage.json").read_text(encoding="utf-8"))
    text = (site_dir / RID / "targets.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    lines[1] = lines[1].replace("not-rated", "done", 1)
    lines.append(lines[2])
    (tmp_path / "targets.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    (tmp_path / "targets.en.csv").write_text("id,kind\n", encoding="utf-8-sig")
    problems = table_problems(descriptor, tmp_path)
    assert any(p.startswith("targets.csv:2: 'done' is not one of") for p in problems)
    assert any("header" in p and p.startswith("targets.en.csv") for p in problems)
    assert any("primary key ['id'] repeats" in p for p in problems)


def test_english_pages_link_the_english_data_files_and_their_descriptions(site_dir):
    links = {a["href"] for a in soup(site_dir, f"en/{RID}/").select("#dl-h ~ ul a")}
    assert {f"/{RID}/report.en.json", f"/{RID}/targets.en.csv", f"/{RID}/datapackage.json", "/schema/report.schema.json"} <= links
    rows = list(csv.DictReader(io.StringIO((site_dir / RID / "targets.en.csv").read_text(encoding="utf-8-sig"))))
    cjk = re.compile(r"[\u3400-\u9fff]")
    assert not [r["id"] for r in rows if cjk.search(r["indicator"] + r["unit"] + r["qualifier"])]
    assert {r["qualifier"] for r in rows} <= {"", "about", "at least", "at most", "below", "within"}


def test_frictionless_finds_the_data_package_valid_and_a_broken_copy_invalid(site_dir, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    assert frictionless.validate(str(site_dir / RID / "datapackage.json")).valid
    for name in ("datapackage.json", "targets.csv", "targets.en.csv"):
        (tmp_path / name).write_bytes((site_dir / RID / name).read_bytes())
    text = (tmp_path / "targets.csv").read_text(encoding="utf-8-sig")
    (tmp_path / "targets.csv").write_text(text.replace(",not-rated,", ",done,", 1), encoding="utf-8-sig")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert [(row, field) for row, field, _ in report.flatten(["rowNumber", "fieldName", "type"])] == [(2, "status")]
