#!/usr/bin/env python3
"""Live preview and incremental build figures of issue 18, for `make bench` (bench/run.sh).

    bench/preview_bench.py BIN [--output BENCHMARKS.md] [--runs 5] [--reload-size 200] [--incremental-size 1000]

1. Reload latency: `docctl serve` on a generated set of --reload-size documents; a page's event
   stream is open (the one `/__docctl/events` every served page listens to); one procedure's
   body.md is saved (a paragraph appended) and the time until the `reload` event arrives is taken,
   --runs times after one warm-up save (the first save of a released document changes its status,
   which every page may show, so it re-renders everything once). Target < 150 ms.
2. Incremental build: `docctl build --draft` of a generated set of --incremental-size documents,
   clean (`--clean`) and after a one-document change (the same warm-up), median of --runs each.
   Target: incremental <= 15 % of clean.

Writes the section between PREVIEW_BEGIN and PREVIEW_END in the output (replaced in place, or
appended), with bench/server-choice.md (the HTTP server comparison, measured by hand) after it.
"""

import argparse
import os
import re
import select
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PREVIEW_BEGIN = "<!-- preview-bench-begin -->"
PREVIEW_END = "<!-- preview-bench-end -->"
TODAY = "2026-12-01"


def say(text):
    print("bench: " + text, file=sys.stderr, flush=True)


def generate(n, folder):
    subprocess.run([sys.executable, os.path.join(HERE, "gen_docset.py"), str(n), folder], check=True, stdout=subprocess.DEVNULL)


def procedure_body(root):
    folder = os.path.join(root, "procedures")
    names = sorted(os.listdir(folder))
    path = os.path.join(folder, names[len(names) // 2], "body.md")
    return path


def save(path, counter):
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\n基准测试保存第 %d 次的补充说明。\n" % counter)


def read_event(sock, deadline):
    """Reads the event stream until a reload event; returns its data or None at the deadline."""
    buffer = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([sock], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = sock.recv(65536)
        if not chunk:
            break
        buffer += chunk
        match = re.search(rb"event: reload\ndata: (\d+)", buffer)
        if match:
            return int(match.group(1))
    return None


def reload_latency(binary, size, runs, work):
    root = os.path.join(work, "serve-%d" % size)
    generate(size, root)
    process = subprocess.Popen([binary, "serve", root, "--port", "0", "--today", TODAY],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    results = []
    try:
        port = None
        deadline = time.monotonic() + 300
        log = []
        while port is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            log.append(line)
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
        if port is None:
            raise SystemExit("serve did not start: " + "".join(log))
        body = procedure_body(root)
        for attempt in range(runs + 1):
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            sock.sendall(b"GET /__docctl/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            opened = b""
            while b"retry:" not in opened:
                chunk = sock.recv(65536)
                if not chunk:
                    raise SystemExit("the event stream closed")
                opened += chunk
            time.sleep(0.3)  # an idle writer: the watcher is waiting
            start = time.monotonic()
            save(body, attempt)
            rendered = read_event(sock, start + 60)
            elapsed = time.monotonic() - start
            sock.close()
            if rendered is None:
                raise SystemExit("no reload event within 60 s")
            if attempt > 0:
                results.append((elapsed, rendered))
            say("serve %d docs: save → reload event %.0f ms (%d rendered)%s" % (size, elapsed * 1000, rendered, "" if attempt else " (warm-up)"))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    shutil.rmtree(root, ignore_errors=True)
    return results


def timed(command):
    start = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def incremental_build(binary, size, runs, work):
    root = os.path.join(work, "incremental-%d" % size)
    output = os.path.join(work, "incremental-out-%d" % size)
    generate(size, root)
    body = procedure_body(root)
    base = [binary, "build", root, "-o", output, "--draft", "--today", TODAY]
    subprocess.run(base, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    save(body, 0)
    subprocess.run(base, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up: status change
    clean, incremental = [], []
    for run in range(runs):
        clean.append(timed(base + ["--clean"]))
        say("build %d docs, clean: %.2f s" % (size, clean[-1]))
        save(body, run + 1)
        incremental.append(timed(base))
        say("build %d docs, one document changed: %.2f s" % (size, incremental[-1]))
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    return clean, incremental


def section(reload_size, reloads, incremental_size, clean, incremental, binary):
    latencies = [r[0] * 1000 for r in reloads]
    median_reload = statistics.median(latencies)
    clean_median = statistics.median(clean)
    incremental_median = statistics.median(incremental)
    ratio = incremental_median / clean_median * 100
    lines = [PREVIEW_BEGIN, "## Live preview and incremental build (issue 18)", "",
             "Measured by `bench/preview_bench.py` (from `make bench`) with %s on generated sets (`bench/gen_docset.py`)." % os.path.basename(binary),
             "Reload latency: `docctl serve` running, an event stream open as a served page holds it, one procedure's body.md saved "
             "(a paragraph appended); the time from the save to the `reload` event, after one warm-up save (the first save of a released "
             "document changes its status, which other pages show, so that save re-renders every page). "
             "Incremental build: `docctl build --draft -o DIR` after the same one-document change, against `--clean` into the same folder.", "",
             "| measurement | set | runs | median | min – max | target | result |", "|---|---|---|---|---|---|---|",
             "| save of one procedure → reload event (`serve`) | %d docs | %d | %.0f ms | %.0f – %.0f ms | < 150 ms | %s |" % (
                 reload_size, len(latencies), median_reload, min(latencies), max(latencies), "pass" if median_reload < 150 else "FAIL"),
             "| documents rendered again per save | %d docs | %d | %s | | | |" % (
                 reload_size, len(reloads), ", ".join(str(r[1]) for r in reloads)),
             "| clean build (`--clean`) | %d docs | %d | %.2f s | %.2f – %.2f s | | |" % (
                 incremental_size, len(clean), clean_median, min(clean), max(clean)),
             "| build after a one-document change | %d docs | %d | %.2f s | %.2f – %.2f s | ≤ 15 %% of clean | %.1f %% %s |" % (
                 incremental_size, len(incremental), incremental_median, min(incremental), max(incremental), ratio,
                 "pass" if ratio <= 15 else "FAIL"),
             "",
             "What an incremental build still does for every document: load and check the whole set (the pages show the set's "
             "problems, and a change can break another document's reference), hash every source file into render keys, read the "
             "unchanged pages and archives back from the previous output and check them against their recorded SHA-256, write the "
             "new folder and swap it in. The master list, coverage, registers, pointer pages and search index are always regenerated.",
             ""]
    choice = os.path.join(HERE, "server-choice.md")
    if os.path.exists(choice):
        with open(choice, encoding="utf-8") as handle:
            lines.append(handle.read().rstrip("\n"))
            lines.append("")
    lines.append(PREVIEW_END)
    return "\n".join(lines) + "\n"


def write_section(output, text):
    existing = ""
    if os.path.exists(output):
        with open(output, encoding="utf-8") as handle:
            existing = handle.read()
    if PREVIEW_BEGIN in existing and PREVIEW_END in existing:
        start = existing.index(PREVIEW_BEGIN)
        end = existing.index(PREVIEW_END) + len(PREVIEW_END) + 1
        existing = existing[:start] + text + existing[end:]
    else:
        existing = existing.rstrip("\n") + "\n\n" + text
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(existing)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--output", default="BENCHMARKS.md")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reload-size", type=int, default=200)
    parser.add_argument("--incremental-size", type=int, default=1000)
    args = parser.parse_args()
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = tempfile.mkdtemp(prefix="docctl-preview-", dir=base)
    try:
        reloads = reload_latency(args.binary, args.reload_size, args.runs, work)
        clean, incremental = incremental_build(args.binary, args.incremental_size, max(3, args.runs // 2), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_section(args.output, section(args.reload_size, reloads, args.incremental_size, clean, incremental, args.binary))
    say("wrote the live preview and incremental build figures to " + args.output)


if __name__ == "__main__":
    main()
