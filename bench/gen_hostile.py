#!/usr/bin/env python3
"""Hostile inputs for `bash bench/run.sh hostile` (issue 12): each is a copy of manual-src/ with one
hostile change, sized at the 4 MiB source-file limit where size is the attack.

    python3 bench/gen_hostile.py BASE OUT [NAME ...]

writes OUT/<name>/ for every input (or the named ones) and prints one line per input:
`name<TAB>bytes of the hostile file<TAB>what it is`. Every input must finish `check` in < 5 s and
`build` in < 10 s with < 1 GB (judged by bench/report.py).
"""
import os
import shutil
import sys

LIMIT = 4 * 1024 * 1024          # SourceReader.defaultLimit
BUDGET = LIMIT - 64 * 1024        # what a hostile file may hold besides the original text
BODY = "procedures/QP-01-documented-information/body.md"


def repeat(unit, total=BUDGET):
    """`unit` repeated to just under `total` bytes (UTF-8)."""
    return unit * (total // len(unit.encode("utf-8")))


def append(root, path, text):
    with open(os.path.join(root, path), "a", encoding="utf-8") as handle:
        handle.write("\n\n" + text + "\n")
    return path


def chain(root, depth):
    lines = ["departments:"]
    with open(os.path.join(root, "organization.yaml"), encoding="utf-8") as handle:
        original = handle.read().split("departments:", 1)[1]
    lines.append(original.rstrip("\n"))
    parent = "gm"
    for index in range(depth):
        lines.append(f"  - {{ id: chain{index}, name: 层级{index}, parent: {parent} }}")
        parent = f"chain{index}"
    with open(os.path.join(root, "organization.yaml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return "organization.yaml"


# name -> (what it is, function(root) -> path of the hostile file)
INPUTS = {
    "columns-200k": ("'*a* ' × 50 000 on one line (the issue's reproduction)",
                     lambda root: append(root, BODY, "*a* " * 50_000)),
    "columns-4m": ("'*a* ' on one 4 MiB line",
                   lambda root: append(root, BODY, repeat("*a* "))),
    "columns-4m-cjk": ("'*文* ' on one 4 MiB line (columns of non-ASCII text)",
                       lambda root: append(root, BODY, repeat("*文* "))),
    "coverage-matrix-2000": ("2 000 {{coverage-matrix}} paragraphs (44 KB)",
                             lambda root: append(root, BODY, "{{coverage-matrix}}\n\n" * 2_000)),
    "procedure-list-4m": ("{{procedure-list}} paragraphs filling 4 MiB",
                          lambda root: append(root, BODY, repeat("{{procedure-list}}\n\n"))),
    "clause-refs-400k": ("[[8.6.1]] × 400 000 (3.6 MB)",
                         lambda root: append(root, BODY, "[[8.6.1]]" * 400_000)),
    "clause-refs-4m": ("[[8.6.1]] filling 4 MiB, one reference per line",
                       lambda root: append(root, BODY, repeat("[[8.6.1]]\n"))),
    "document-refs-4m": ("[[QP-04]] filling 4 MiB (each shows the title 《…》)",
                         lambda root: append(root, BODY, repeat("[[QP-04]]"))),
    "headings-4m": ("an unnumbered heading '# 同' repeated to 4 MiB (anchors sec-同, sec-同-2, …)",
                    lambda root: append(root, BODY, repeat("# 同\n"))),
    "departments-2000-deep": ("a department chain 2 000 levels deep",
                              lambda root: chain(root, 2_000)),
}


def main():
    base, out = sys.argv[1], sys.argv[2]
    names = sys.argv[3:] or list(INPUTS)
    for name in names:
        what, make = INPUTS[name]
        root = os.path.join(out, name)
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(base, root)
        # The hostile text changes a released document: let build render it as a draft.
        docset = os.path.join(root, "docset.yaml")
        with open(docset, encoding="utf-8") as handle:
            text = handle.read()
        with open(docset, "w", encoding="utf-8") as handle:
            handle.write(text.replace("rules: { }", "rules: { changed-since-release: off }", 1))
        path = make(root)
        size = os.path.getsize(os.path.join(root, path))
        print(f"{name}\t{size}\t{what}")


if __name__ == "__main__":
    main()
