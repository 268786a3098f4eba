"""Start-up: the build command loads only what building needs (the importer, Pillow and markdown-it on demand)."""

from __future__ import annotations

import subprocess
import sys


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
