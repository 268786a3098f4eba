"""Start-up: the build command loads only what building needs (the importer, Pillow and markdown-it on demand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

import reportsite
from reportsite.content.yamlio import load_package_yaml


def test_the_build_command_starts_without_the_importer_pillow_or_markdown():
    probe = ("import sys, reportsite.cli, reportsite.site.build;"
             "print(' '.join(m for m in sys.modules if m.startswith(('reportsite.ingest', 'PIL', 'markdown_it'))))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_the_build_command_starts_without_the_http_client_or_email_modules():
    # xml.sax.saxutils, for two escaping functions, brought urllib.request and with it http, email and ssl.
    probe = "import sys, reportsite.cli, reportsite.site.build; print(' '.join(m for m in sys.modules if m.startswith(('http', 'email', 'ssl', 'urllib.request'))))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_each_yaml_file_of_the_package_reads_the_same_with_libyaml_as_with_the_python_loader():
    # The build reads them with libyaml (load_package_yaml) for speed; the data must not change with the parser.
    files = sorted(Path(reportsite.__file__).parent.glob("*/*.yaml"))
    assert len(files) >= 7 and yaml.__with_libyaml__
    for path in files:
        assert load_package_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path
