#!/usr/bin/env python3
"""Live preview and incremental build figures of issue 18, for `make bench` (bench/run.sh).

    bench/preview_bench.py BIN [--output BENCHMARKS.md] [--runs 5] [--reload-size 200] [--incremental-size 1000]

1. Reload latency: `docctl serve` on the example (manual-src, copied) and on a generated set of
   --reload-size documents; a page's event stream is open (the one `/__docctl/events` every served
   page listens to); one procedure's body.md is saved (a paragraph appended) and two times are
   taken: until the `reload` event arrives, and until the procedure's page has been fetched again
   after it (what the writer sees), and then the master list (which serve holds until the rebuild
   has written it: it shows when the whole rebuild is done). --runs saves after two warm-up saves (the first save of a
   released document changes its status, which every page may show, so it re-renders everything
   once; the second is read again because its folder changed within the last two seconds). serve
   runs with DOCCTL_SERVE_TIMING=1, so the stages of each rebuild (load, check, render, write) are
   recorded too. Target < 150 ms.
2. Incremental build: `docctl build --draft` of a generated set of --incremental-size documents,
   clean (`--clean`) and after a one-document change (the same warm-up), median of --runs each.
   Target: incremental <= 15 % of clean. The set and output are in memory (/dev/shm); the same is
   then measured with the output on a disk (--disk-folder, by default the release build's folder),
   as a user's build folder is: reported, not judged.

The figures go to a JSON file, and bench/report.py --preview writes them into the output (the
section between its markers, replaced in place).
"""

import argparse
import json
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TODAY = "2026-12-01"
EXAMPLE_TODAY = "2026-11-29"  # the example is a snapshot of that day


def say(text):
    print("bench: " + text, file=sys.stderr, flush=True)


def load():
    with open("/proc/loadavg", encoding="utf-8") as handle:
        return " ".join(handle.read().split()[:3])


def generate(n, folder):
    subprocess.run([sys.executable, os.path.join(HERE, "gen_docset.py"), str(n), folder], check=True, stdout=subprocess.DEVNULL)


def procedure(root):
    """The body.md and the number of the procedure in the middle of the set."""
    folder = os.path.join(root, "procedures")
    names = sorted(os.listdir(folder))
    chosen = os.path.join(folder, names[len(names) // 2])
    with open(os.path.join(chosen, "document.yaml"), encoding="utf-8") as handle:
        number = re.search(r"^number:\s*\"?([^\"\n]+)", handle.read(), re.M).group(1).strip()
    return os.path.join(chosen, "body.md"), number


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


def fetch(port, path):
    """GETs `path` on a new connection and reads the whole answer; returns the status."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode())
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0


def page_path(pid, number):
    """The request path of the current revision page of `number` in serve's build folder."""
    folder = os.path.join(tempfile.gettempdir(), "docctl-serve-%d" % pid, "site", number)
    # The revision the pointer page leads to (written before the reload; an old revision folder is
    # removed only after it, with the site-wide pages).
    with open(os.path.join(folder, "index.html"), encoding="utf-8") as handle:
        target = re.search(r'url=([^"]+)"', handle.read()).group(1)
    return "/%s/%s" % (number, target)


class StderrLines:
    """The lines serve writes to stderr, read without blocking."""

    def __init__(self, stream):
        self.stream = stream
        self.buffer = b""
        self.lines = []

    def poll(self, timeout):
        ready, _, _ = select.select([self.stream], [], [], timeout)
        if ready:
            chunk = os.read(self.stream.fileno(), 65536)
            if not chunk:
                return False
            self.buffer += chunk
            *complete, self.buffer = self.buffer.split(b"\n")
            self.lines += [line.decode("utf-8", "replace") for line in complete]
        return True

    def wait_for(self, pattern, start, deadline):
        """The first line from index `start` on that matches, or None at the deadline."""
        index = start
        while time.monotonic() < deadline:
            while index < len(self.lines):
                match = re.search(pattern, self.lines[index])
                if match:
                    return index, match
                index += 1
            if not self.poll(max(0.0, min(0.2, deadline - time.monotonic()))):
                break
        return None


def timing(line):
    """{stage: ms} from a `serve: timing: load 12.3 ms, check …` line."""
    return {name: float(ms) for name, ms in re.findall(r"(\w+) ([\d.]+) ms", line.split("timing:", 1)[1])}


def reload_latency(binary, root, body, number, today, runs, label):
    environment = dict(os.environ, DOCCTL_SERVE_TIMING="1", SWIFT_BACKTRACE="enable=no")
    process = subprocess.Popen([binary, "serve", root, "--port", "0", "--today", today],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
    lines = StderrLines(process.stderr)
    results = []
    try:
        found = lines.wait_for(r"serve: watching", 0, time.monotonic() + 600)
        if found is None:
            raise SystemExit("serve did not start: " + "\n".join(lines.lines))
        port = int(next(re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1) for line in lines.lines if "http://127.0.0.1:" in line))
        warmups = 2
        for attempt in range(runs + warmups):
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            sock.sendall(b"GET /__docctl/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            opened = b""
            while b"retry:" not in opened:
                chunk = sock.recv(65536)
                if not chunk:
                    raise SystemExit("the event stream closed")
                opened += chunk
            time.sleep(0.5)  # an idle writer: the watcher is waiting
            seen = len(lines.lines)
            start = time.monotonic()
            save(body, attempt)
            rendered = read_event(sock, start + 60)
            event = time.monotonic() - start
            status = fetch(port, page_path(process.pid, number))  # the page the writer's tab reloads
            page = time.monotonic() - start
            index_status = fetch(port, "/")  # the master list: held by serve until the rebuild has written it
            index = time.monotonic() - start
            sock.close()
            if rendered is None or status != 200 or index_status != 200:
                raise SystemExit("no reload event within 60 s, or the page failed (%s)" % status)
            stages = lines.wait_for(r"serve: timing: ", seen, time.monotonic() + 10)
            if attempt >= warmups:
                results.append(dict(event_ms=event * 1000, page_ms=page * 1000, index_ms=index * 1000, rendered=rendered,
                                    stages=timing(lines.lines[stages[0]]) if stages else {}))
            say("serve %s: save → reload event %.0f ms, → page fetched %.0f ms, → master list %.0f ms (%d rendered)%s" % (
                label, event * 1000, page * 1000, index * 1000, rendered, "" if attempt >= warmups else " (warm-up)"))
    finally:
        process.send_signal(2)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return results


def timed(command):
    start = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def incremental_build(binary, size, runs, work, output_folder=None):
    root = os.path.join(work, "incremental-%d" % size)
    output = os.path.join(output_folder or work, "incremental-out-%d" % size)
    generate(size, root)
    body, _ = procedure(root)
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--output", default="BENCHMARKS.md")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reload-size", type=int, default=200)
    parser.add_argument("--incremental-size", type=int, default=1000)
    parser.add_argument("--results", help="where to keep the JSON results (default: beside the release build)")
    parser.add_argument("--disk-folder", help="a folder on a disk for the incremental build's output on disk "
                        "(default: the folder of the release build; none to skip)")
    args = parser.parse_args()
    if args.disk_folder is None:
        args.disk_folder = os.path.dirname(os.path.dirname(os.path.abspath(args.binary)))
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = tempfile.mkdtemp(prefix="docctl-preview-", dir=base)
    figures = dict(binary=args.binary, load_before=load(), reload_size=args.reload_size, incremental_size=args.incremental_size)
    try:
        example = os.path.join(work, "example")
        shutil.copytree(os.path.join(ROOT, "manual-src"), example)
        body = os.path.join(example, "procedures", "QP-04-incident-request", "body.md")
        figures["example"] = reload_latency(args.binary, example, body, "QP-04", EXAMPLE_TODAY, args.runs, "example")
        generated = os.path.join(work, "serve-%d" % args.reload_size)
        generate(args.reload_size, generated)
        body, number = procedure(generated)
        figures["generated"] = reload_latency(args.binary, generated, body, number, TODAY, args.runs, "%d docs" % args.reload_size)
        shutil.rmtree(generated, ignore_errors=True)
        figures["clean"], figures["incremental"] = incremental_build(args.binary, args.incremental_size, max(3, args.runs // 2), work)
        # The same with the output on the disk (the set stays in memory): what a user's build
        # folder costs, where writing and removing files is most of an incremental build.
        if args.disk_folder != "none":
            disk = tempfile.mkdtemp(prefix="docctl-incremental-disk-", dir=args.disk_folder)
            try:
                figures["clean_disk"], figures["incremental_disk"] = incremental_build(
                    args.binary, args.incremental_size, max(3, args.runs // 2), work, output_folder=disk)
                figures["disk_folder"] = args.disk_folder
            finally:
                shutil.rmtree(disk, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures["load_after"] = load()
    results = args.results or os.path.join(os.path.dirname(os.path.abspath(args.binary)), "preview-results.json")
    with open(results, "w", encoding="utf-8") as handle:
        json.dump(figures, handle, indent=1)
    subprocess.run([sys.executable, os.path.join(HERE, "report.py"), "--preview", results, args.output], check=True)
    say("wrote the live preview and incremental build figures to " + args.output)


if __name__ == "__main__":
    main()
