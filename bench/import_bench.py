#!/usr/bin/env python3
"""Importer throughput for `make bench`: MB of word/document.xml per second (goal: at least 5).

    python3 bench/import_bench.py DOCCTL [--runs N]

Makes a large .docx from examples/word/manual.docx (its body repeated until document.xml is about
8 MB; styles and numbering as they are), runs `docctl import --dry-run` on it and on the original,
and prints a Markdown section: the median wall time of each, and the throughput of the difference
(the set is loaded in both runs, so the difference is the importer's own work on the extra XML).
"""
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "examples" / "word" / "manual.docx"
TARGET_BYTES = 8 * 1024 * 1024


def enlarge(source, target):
    with zipfile.ZipFile(source) as zin:
        document = zin.read("word/document.xml").decode("utf-8")
        start = document.index("<w:body>") + len("<w:body>")
        end = document.rindex("<w:sectPr")
        body = document[start:end]
        copies = max(1, TARGET_BYTES // len(body.encode("utf-8")))
        big = document[:start] + body * copies + document[end:]
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = big.encode("utf-8") if item.filename == "word/document.xml" else zin.read(item.filename)
                zout.writestr(item, data)
    return len(big.encode("utf-8"))


def run(binary, docx, runs):
    """Median wall time and median CPU time (user + system) of the import."""
    times = []
    cpu = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        begin = time.perf_counter()
        result = subprocess.run([binary, "import", str(docx), "--set", str(ROOT / "manual-src"), "--dry-run",
                                 "--type", "manual", "--number", "BENCH-1", "--to", "/nonexistent/bench"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - begin)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if result.returncode not in (0, 1):
            sys.exit(f"import failed: {result.stderr.decode()}")
    return statistics.median(times), statistics.median(cpu)


def main():
    binary = sys.argv[1]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.docx"
        big_bytes = enlarge(SOURCE, big)
        with zipfile.ZipFile(SOURCE) as z:
            small_bytes = len(z.read("word/document.xml"))
        load = os.getloadavg()
        small, small_cpu = run(binary, SOURCE, runs)
        large, large_cpu = run(binary, big, runs)
    megabytes = (big_bytes - small_bytes) / (1024 * 1024)
    rate = megabytes / max(large - small, 1e-6)
    cpu_rate = megabytes / max(large_cpu - small_cpu, 1e-6)
    print()
    print("## Word import (`docctl import --dry-run`)")
    print()
    print("| input | document.xml | median wall time | median CPU time |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| examples/word/manual.docx | {small_bytes / 1024:.0f} KB | {small * 1000:.0f} ms | {small_cpu * 1000:.0f} ms |")
    print(f"| the same body repeated | {big_bytes / (1024 * 1024):.1f} MB | {large * 1000:.0f} ms | {large_cpu * 1000:.0f} ms |")
    print()
    print(f"Importer throughput: **{rate:.1f} MB/s** of document.xml by wall time, {cpu_rate:.1f} MB/s by CPU time "
          f"(goal: at least 5 MB/s; {runs} runs each, the set loaded in both; load average {load[0]:.1f} on "
          f"{os.cpu_count()} cores when it started).")


if __name__ == "__main__":
    main()
