"""The Nu HTML Checker (vnu) on every generated page and the stylesheet."""

import json
import shutil
import subprocess

import pytest
from browser_support import VNU


def test_vnu_reports_no_error_on_any_page_or_stylesheet(served):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail(f"vnu.jar ({VNU}) or java is missing: `make test` installs them")
    files = sorted(served.output.rglob("*.html")) + sorted(served.output.rglob("*.css"))
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
