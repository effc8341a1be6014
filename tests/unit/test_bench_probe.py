"""The benchmark's memory figures: the largest process, and all at once."""

import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).resolve().parents[2] / "bench" / "probe.py"

# Two processes at once, each holding 150 MiB of its own: the largest holds
# about 150, both together about 300.
TWO_PROCESSES = """
import os, time
children = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        mine = bytearray(150 * 2**20)
        time.sleep(1.5)
        os._exit(0)
    children.append(pid)
for pid in children:
    os.waitpid(pid, 0)
"""


def test_the_probe_measures_the_largest_process_and_all_at_once():
    completed = subprocess.run(
        [sys.executable, str(PROBE), sys.executable, "-c", TWO_PROCESSES],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, largest, total = map(float, completed.stdout.split())
    assert seconds >= 1.5
    assert 150 <= largest < 250
    assert 290 <= total < 400


def test_the_probe_fails_with_the_command():
    completed = subprocess.run(
        [sys.executable, str(PROBE), sys.executable, "-c", "raise SystemExit(3)"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 3
