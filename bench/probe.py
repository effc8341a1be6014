"""Run one command and print `seconds largest_mib total_mib`.

`largest_mib` is the peak resident set of the largest single process of
the command (the kernel's own count, `ru_maxrss`). `total_mib` is the peak
of the memory of all its processes at once: their proportional set sizes
(shared pages split between the processes sharing them, so that a forked
process is not counted twice), summed every SAMPLE seconds from /proc; 0
where there is no /proc.

    python bench/probe.py COMMAND [ARGUMENTS...]
"""

from __future__ import annotations

import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

SAMPLE = 0.25
PROC = Path("/proc")


def descendants(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def proportional_kib(pid: int) -> int:
    try:
        with open(PROC / str(pid) / "smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    start = time.perf_counter()
    process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while PROC.is_dir() and not done.wait(SAMPLE):
            now = sum(map(proportional_kib, descendants(process.pid)))
            peak[0] = max(peak[0], now)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode:
        sys.exit(process.returncode)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{elapsed} {largest / 1024} {peak[0] / 1024}")


if __name__ == "__main__":
    main()
