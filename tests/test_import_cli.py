"""The command line as a person uses it: `python build.py import …` and `python build.py check`."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from reportsite.content.reader import SITE_NAMES
from reportsite.ingest.importer import NOT_A_REPORT

from .conftest import SEED_CORRECTIONS, content_before_import
from .helpers import run_build_py

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "data" / "seeds"


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run build.py from the project folder (check needs its templates) on the content under `root`."""
    return run_build_py("--content", str(root / "content"), *args, timeout=120)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory, seed):
    """A project folder into which the seed was imported once through the command line."""
    root = tmp_path_factory.mktemp("project")
    content_before_import(root)
    result = run(root, "import", str(seed))
    return root, result


def test_import_writes_the_report_and_says_what_it_found(project):
    root, result = project
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"imported jiangxian-2022: 3 parts, 17 sections, 56 paragraphs, 101 targets, 16 repairs -> {root}/content/reports/jiangxian-2022/\n"
    )
    written = sorted(str(p.relative_to(root / "content/reports/jiangxian-2022")) for p in (root / "content/reports/jiangxian-2022").rglob("*.yaml"))
    assert written == ["parts/part1.yaml", "parts/part2.yaml", "parts/part3.yaml", "provenance.yaml", "report.yaml", "targets.yaml"]


def test_check_passes_on_a_fresh_import(project):
    root, _ = project
    result = run(root, "check")
    assert result.returncode == 0
    assert result.stdout.endswith("\ncheck: 0 error(s), 1 warning(s)\n")
    # The one warning: a fresh import has no English translation yet.
    assert result.stderr == "content/reports/jiangxian-2022/en.yaml: paragraphs: warning: 56 paragraphs have no English translation (translate them)\n"


def test_reimport_without_force_refuses_and_leaves_the_files_untouched(project, seed):
    root, _ = project
    folder = root / "content/reports/jiangxian-2022"
    before = snapshot(folder)
    result = run(root, "import", str(seed))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {root}/content/reports/jiangxian-2022/ already holds report 'jiangxian-2022', which editors may have changed; "
        "re-import with --force to replace its text (IDs, target status and evidence are kept), or pass --id NEW-ID\n"
    )
    assert snapshot(folder) == before


def test_import_of_a_file_that_is_not_a_report_fails_and_writes_nothing(tmp_path):
    result = run(tmp_path, "import", str(FIXTURES / "not-a-report.txt"))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {NOT_A_REPORT}\n"
    assert not (tmp_path / "content").exists()


def test_import_of_a_missing_file_says_so(tmp_path):
    result = run(tmp_path, "import", str(tmp_path / "missing.txt"))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {tmp_path}/missing.txt: cannot read (No such file or directory)\n"


def test_import_without_a_path_is_a_usage_error(tmp_path):
    result = run(tmp_path, "import")
    assert result.returncode == 2
    assert result.stderr.endswith("error: the following arguments are required: path\n")


def test_import_names_a_report_after_its_place_and_year(tmp_path):
    result = run(tmp_path, "import", str(FIXTURES / "page-gbk.html"))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"imported liuxixian-2024: 3 parts, 9 sections, 18 paragraphs, 77 targets, 0 repairs -> {tmp_path}/content/reports/liuxixian-2024/\n"
    )


def test_check_lists_broken_content_with_file_and_line_and_fails(tmp_path):
    folder = tmp_path / "content/reports/mini-2023"
    folder.mkdir(parents=True)
    (folder / "report.yaml").write_text("id: mini-2023\ntitle: 2023年清河县政府工作报告: 草稿\n", encoding="utf-8")
    result = run(tmp_path, "check")
    assert result.returncode == 1
    assert result.stderr == (
        "content/reports/mini-2023/report.yaml:2: YAML syntax: mapping values are not allowed in this context "
        "(a value containing ': ' must be quoted)\n"
    )
    assert result.stdout == "check: 1 error(s), 0 warning(s)\n"


def test_reimport_with_force_of_the_same_seed_rewrites_identical_files(project, seed):
    root, _ = project
    folder = root / "content/reports/jiangxian-2022"
    before = {name: data for name, (data, _) in snapshot(folder).items()}
    result = run(root, "import", "--force", str(seed))
    assert (result.returncode, result.stderr) == (0, "")
    assert {name: data for name, (data, _) in snapshot(folder).items()} == before


@pytest.mark.parametrize("bad_id", ["../../escaped", "/tmp/x", "Bad ID", "x\n", ""])
def test_import_refuses_an_id_that_is_not_a_report_id_in_one_line_and_writes_nothing(tmp_path, seed, bad_id):
    # The project sits one folder down, so that the folder above it, where an escaping id would
    # write, is the test's own: watching the worker's whole temporary tree took seconds per test.
    root = tmp_path / "project"
    content_before_import(root)
    before = sorted(tmp_path.rglob("*"))
    result = run(root, "import", str(seed), "--id", bad_id)
    assert result.returncode == 1
    assert result.stderr == f"error: --id {bad_id!r} is not a report id: use lower-case letters, digits and single hyphens, e.g. jiangxian-2022\n"
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("site_name", sorted(SITE_NAMES))
def test_import_refuses_an_id_that_names_a_folder_of_the_site_and_writes_nothing(tmp_path, seed, site_name):
    content_before_import(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    result = run(tmp_path, "import", str(seed), "--id", site_name)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"error: --id {site_name!r} is the name of a folder of the site ({', '.join(sorted(SITE_NAMES))}): "
                             f"pass another with --id, e.g. --id {site_name}-report\n")
    assert sorted(tmp_path.rglob("*")) == before


def test_a_digest_is_labelled_as_a_digest_on_its_overview(tmp_path):
    from bs4 import BeautifulSoup

    (tmp_path / "content" / "reports").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yaml", tmp_path / "content" / "site.yaml")
    imported = run(tmp_path, "import", str(FIXTURES / "corpus" / "news-digest.txt"), "--id", "xinan-2023")
    assert imported.returncode == 0, imported.stderr
    built = run(tmp_path, "build", "--out", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((tmp_path / "site" / "xinan-2023" / "index.html").read_text(encoding="utf-8"), "html.parser")
    note = page.select_one(".kind-note.kind-news")  # a digest is a news text: labelled so, not as the report
    assert note.select_one(".kind-badge").get_text() == "新闻改写——并非报告原文"


@pytest.mark.warm_cache  # builds the seed: its cache comes warm (tests/conftest.py)
def test_the_about_page_shows_the_verifiers_verdict_on_every_repair(project, tmp_path):
    from bs4 import BeautifulSoup

    root, _ = project
    shutil.copy(ROOT / "content" / "site.yaml", root / "content" / "site.yaml")
    built = run(root, "build", "--out", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((tmp_path / "site" / "jiangxian-2022" / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(page.select("table.repairs .verdict-verified")) == 16 and not page.select("table.repairs .verdict-contradicted")


@pytest.mark.warm_cache  # builds the seed: its cache comes warm (tests/conftest.py)
def test_the_seed_imported_under_a_new_id_brings_its_corrections_and_checks_clean(tmp_path, seed):
    """The reviewed corrections travel with the raw file, so no report folder needs to hold them first."""
    imported = run(tmp_path, "import", str(seed), "--id", "newcomer-2022")
    assert (imported.returncode, imported.stderr) == (0, "")
    assert imported.stdout == (
        f"imported newcomer-2022: 3 parts, 17 sections, 56 paragraphs, 101 targets, 16 repairs -> {tmp_path}/content/reports/newcomer-2022/\n"
    )
    checked = run(tmp_path, "check")
    assert checked.returncode == 0
    assert checked.stdout.endswith("\ncheck: 0 error(s), 1 warning(s)\n")
    assert checked.stderr == "content/reports/newcomer-2022/en.yaml: paragraphs: warning: 56 paragraphs have no English translation (translate them)\n"


def copy_of_the_seed(folder: Path, seed: Path, extra: bytes = b"") -> Path:
    """The seed and its corrections under another name, the seed's bytes followed by `extra`."""
    raw = folder / "copy.txt"
    raw.write_bytes(seed.read_bytes() + extra)
    shutil.copy(SEED_CORRECTIONS, folder / "copy.corrections.yaml")
    return raw


def test_corrections_beside_a_raw_file_that_changed_are_not_applied_and_say_why(tmp_path, seed):
    raw = copy_of_the_seed(tmp_path, seed, "各位代表！\n".encode())
    result = run(tmp_path, "import", str(raw), "--id", "changed-2022")
    assert result.returncode == 0
    assert "4 repairs" in result.stdout
    actual = hashlib.sha256(raw.read_bytes()).hexdigest()
    recorded = hashlib.sha256(seed.read_bytes()).hexdigest()
    assert result.stderr.splitlines()[0] == (
        f"warning: {tmp_path}/copy.corrections.yaml:6: sha256: the digest recorded for copy.txt is {recorded!r}, "
        f"but the file's is {actual}: its corrections were not applied "
        "(review them against this copy of the file, then write its digest)"
    )


def test_import_warnings_name_the_file_and_line_to_fix(tmp_path, seed):
    raw = tmp_path / "uncorrected.txt"
    raw.write_bytes(seed.read_bytes())
    result = run(tmp_path, "import", str(raw), "--id", "raw-2022")
    assert result.returncode == 0
    warnings = result.stderr.splitlines()
    assert len(warnings) > 20
    # Said of the raw text as a whole: the raw file; said of a paragraph: the file and line to fix.
    located = re.compile(r"warning: content/reports/raw-2022/parts/part[123]\.yaml:\d+: part[123]-p\d+: ")
    assert [w for w in warnings if not (w.startswith(f"warning: {raw}: ") or located.match(w))] == []
    first = next(w for w in warnings if located.match(w))
    assert first.startswith("warning: content/reports/raw-2022/parts/part1.yaml:10: part1-p3: ")
    part1 = (tmp_path / "content/reports/raw-2022/parts/part1.yaml").read_text(encoding="utf-8").splitlines()
    assert part1[10 - 1] == "- id: part1-p3"


def test_a_report_folders_corrections_override_the_raw_files_entry_by_entry(tmp_path, seed):
    raw = copy_of_the_seed(tmp_path, seed)
    folder = tmp_path / "content" / "reports" / "edited-2022"
    folder.mkdir(parents=True)
    (folder / "corrections.yaml").write_text(
        "corrections:\n- garbled: ?jīng)_\n  repaired: 冲\n  note: the editor's own note\n", encoding="utf-8")
    result = run(tmp_path, "import", str(raw), "--id", "edited-2022")
    assert (result.returncode, result.stderr) == (0, "")
    assert "16 repairs" in result.stdout
    provenance = yaml.safe_load((folder / "provenance.yaml").read_text(encoding="utf-8"))
    notes = {r["garbled"]: r.get("note") for r in provenance["repairs"] if r["method"] == "recorded correction"}
    assert len(notes) == 12 and notes["?jīng)_"] == "the editor's own note"
