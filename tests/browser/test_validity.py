"""The Nu HTML Checker (vnu) on every generated page and the stylesheet."""

import json
import shutil
import subprocess

import pytest
from browser_support import VNU


def test_vnu_reports_no_error_on_any_page_or_stylesheet(served):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail(f"vnu.jar ({VNU}) or java is missing: `make test` installs them")
    # pack.css is CSS for paged media (running strings, leader(),
    # target-counter(), bookmarks), which the checker's CSS validator does
    # not know; WeasyPrint reads it, and tests/site/test_packs.py reads the
    # PDF it gives.
    stylesheets = [p for p in served.output.rglob("*.css") if p.name != "pack.css"]
    files = sorted(served.output.rglob("*.html")) + sorted(stylesheets)
    assert len(files) >= 10
    completed = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--also-check-css",
            "--format",
            "json",
        ]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(completed.stderr or completed.stdout)
    errors = [
        (message.get("url", "").rsplit("/output/", 1)[-1], message["message"])
        for message in report["messages"]
    ]
    assert errors == []
