#!/usr/bin/env python3
"""The peer corpus of issue 18: the same dense documents as a docctl set and as an mkdocs project.

    bench/gen_peer.py N OUTDIR [--seed S] [--kb 82]

writes OUTDIR/docctl/ (a complete set that `docctl check` accepts, made by bench/gen_docset.py with
its procedure bodies replaced) and OUTDIR/mkdocs/ (mkdocs.yml and docs/, one page per document, for
`mkdocs build` 1.6.1 with its default theme). Each procedure body is about `--kb` KB of dense Markdown
in the shape of a real manual: numbered sections to depth 3, Chinese and English prose, `a)` lists,
a table every few sections, links between documents (`[[QP-012]]` in docctl, `[QP-012 …](QP-012.md)`
for mkdocs) and to the standard's clauses. The two trees hold the same text; only the link syntax and
docctl's `{clause=…}` attributes differ. Deterministic for N and the seed.
"""

import argparse
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_docset  # noqa: E402

EN_SUBJECTS = ["The service desk", "The change manager", "The process owner", "The duty engineer",
               "The supplier manager", "The configuration librarian", "Each department head",
               "The information security officer", "The problem manager", "The release coordinator"]
EN_VERBS = ["shall record", "shall review", "shall approve", "shall escalate", "shall verify", "shall report",
            "shall update", "shall assess", "shall archive", "shall monitor"]
EN_OBJECTS = ["every incident ticket", "the change request and its risk assessment", "the affected configuration items",
              "the service level targets", "the known error record", "the release plan", "the capacity forecast",
              "the supplier performance report", "the access rights of leavers", "the backup restore test results"]
EN_TAILS = ["within 30 minutes of detection", "before the change window opens", "at least once a month",
            "according to the agreed priority matrix", "using the approved template", "and inform the customer",
            "in the service management tool", "together with the evidence collected"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
URLS = ["https://www.iso.org/standard/70636.html", "https://www.gb688.cn/bzgk/gb/", "https://itsm.example.cn/portal"]


class Dense:
    """Dense manual prose from one random stream; `ref()` gives a link to another document or a clause."""

    def __init__(self, rng, text, ref):
        self.rng, self.text, self.ref = rng, text, ref

    def english(self):
        r = self.rng
        return f"{r.choice(EN_SUBJECTS)} {r.choice(EN_VERBS)} {r.choice(EN_OBJECTS)} {r.choice(EN_TAILS)}."

    def paragraph(self):
        r = self.rng
        parts = []
        for _ in range(r.randint(4, 8)):
            roll = r.random()
            if roll < 0.55:
                parts.append(self.text.sentence())
            elif roll < 0.8:
                parts.append(self.english() + " ")
            else:
                parts.append(f"{self.text.sentence()[:-1]}，见{self.ref()}。")
        if r.random() < 0.1:
            parts.append(f"参见 [{r.choice(gen_docset.OBJECTS)}]({r.choice(URLS)})。")
        return "".join(parts).rstrip()

    def lettered(self):
        r = self.rng
        count = r.randint(3, 7)
        items = []
        for index in range(count):
            body = self.text.sentence()[:-1] if r.random() < 0.7 else self.english()[:-1]
            if r.random() < 0.2:
                body += f"（{self.ref()}）"
            items.append(f"{LETTERS[index]}) {body}{'；' if index < count - 1 else '。'}")
        return "\n".join(items)

    def table(self):
        r = self.rng
        header = ("步骤 Step", "活动 Activity", "责任 Owner", "时限 Deadline", "输出 Output")
        rows = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
        for index in range(r.randint(4, 9)):
            rows.append(f"| {index + 1} | {r.choice(gen_docset.VERBS)}{r.choice(gen_docset.OBJECTS)} | "
                        f"{r.choice(gen_docset.SUBJECTS)} | {r.choice(gen_docset.TIMES)} | "
                        f"{r.choice(gen_docset.OBJECTS)}（{self.ref()}） |")
        return "\n".join(rows)


def dense_body(p, rng, text, procs, clause_ids, target):
    """A procedure's body of about `target` bytes: sections 1–4, then 5.1, 5.1.1, … until it is full."""

    def ref():
        roll = rng.random()
        if roll < 0.6 and len(procs) > 1:
            return f"[[{rng.choice(procs)['number']}]]"
        if roll < 0.85:
            return f"[[{rng.choice(clause_ids)}]]"
        return f"[[{rng.choice(p['records'])[0]}]]"

    dense = Dense(rng, text, ref)
    parts = ["# 1 目的", f"规范{p['area']}{p['process']}活动。" + dense.paragraph(),
             "# 2 范围", f"适用于{p['area']}相关的全部服务。" + dense.paragraph(),
             "# 3 术语和定义", dense.lettered(),
             "# 4 职责", dense.lettered(),
             "# 5 工作程序"]
    size = sum(len(part.encode("utf-8")) + 2 for part in parts)
    section, blocks = 0, 0
    while size < target - 4000:  # a section adds about 8 KB: stop near the target on average
        section += 1
        attribute = " {clause=" + ",".join(p["clauses"]) + "}" if section == 1 else ""
        new = [f"## 5.{section} {rng.choice(gen_docset.OBJECTS)}{rng.choice(gen_docset.VERBS)}{attribute}",
               dense.paragraph()]
        for sub in range(1, rng.randint(2, 5) + 1):
            new.append(f"### 5.{section}.{sub} {rng.choice(gen_docset.VERBS)}与{rng.choice(gen_docset.VERBS)}")
            new.append(dense.paragraph())
            new.append(dense.lettered())
            blocks += 1
            if blocks % 3 == 0:
                new.append(dense.table())
            new.append(dense.paragraph())
        parts += new
        size += sum(len(part.encode("utf-8")) + 2 for part in new)
    rows = ["| 编号 | 记录名称 | 保管部门 |", "| --- | --- | --- |"]
    rows += [f"| [[{rid}]] | {rtitle} | {p['owner']} |" for rid, rtitle in p["records"]]
    parts += ["# 6 记录", "\n".join(rows)]
    return "\n\n".join(parts) + "\n"


REFERENCE = re.compile(r"\[\[([^\]]+)\]\]")


def for_mkdocs(text, titles):
    """docctl Markdown as mkdocs reads it: document references become links, clause and record
    references plain text, `{…}` heading attributes go."""
    def link(match):
        target = match.group(1)
        if target in titles:
            return f"[{target} {titles[target]}]({target}.md)"
        return target
    text = re.sub(r" \{[^{}\n]*\}$", "", text, flags=re.M)
    return REFERENCE.sub(link, text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("outdir")
    parser.add_argument("--seed", default="20000")
    parser.add_argument("--kb", type=int, default=82)
    args = parser.parse_args()
    docctl = os.path.join(args.outdir, "docctl")
    gen_docset.generate(args.n, docctl, args.seed, gen_docset.DEFAULT_STANDARD,
                        procedure_body=lambda p, rng, text, procs, clauses: dense_body(p, rng, text, procs, clauses, args.kb * 1000))

    # The mkdocs project: one page per document, the same text.
    docs = os.path.join(args.outdir, "mkdocs", "docs")
    os.makedirs(docs, exist_ok=True)
    titles = {}
    pages = []
    for root, _, files in os.walk(docctl):
        if "document.yaml" not in files:
            continue
        with open(os.path.join(root, "document.yaml"), encoding="utf-8") as handle:
            fields = dict(line.split(": ", 1) for line in handle.read().splitlines() if ": " in line and not line.startswith(" "))
        bodies = sorted(name for name in files if name.endswith(".md"))
        titles[fields["number"]] = fields["title"]
        pages.append((fields["number"], fields["title"], [os.path.join(root, name) for name in bodies]))
    pages.sort()
    for number, title, bodies in pages:
        text = "\n\n".join(open(path, encoding="utf-8").read() for path in bodies)
        gen_docset.write(os.path.join(docs, f"{number}.md"), for_mkdocs(text, titles))
    gen_docset.write(os.path.join(docs, "index.md"), "# 文件清单\n\n" + "\n".join(
        f"- [{number} {title}]({number}.md)" for number, title, _ in pages) + "\n")
    gen_docset.write(os.path.join(args.outdir, "mkdocs", "mkdocs.yml"), "\n".join([
        "site_name: 星桥云服 文件",
        "use_directory_urls: true",
        "markdown_extensions: [tables, toc]",
    ]) + "\n")


if __name__ == "__main__":
    sys.exit(main())
