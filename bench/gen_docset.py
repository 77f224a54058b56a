#!/usr/bin/env python3
"""Generate a synthetic docctl document set for benchmarks and fuzz seed corpora.

    bench/gen_docset.py N OUTDIR [--seed S] [--standard PATH]

Writes a complete set that `docctl check` loads cleanly (SPEC §2, docs/FORMAT-NOTES.md):
one manual covering ISO/IEC 20000-1:2018 clauses 4-10 down to depth 3 (ids and titles read
from the built-in clause tree), N-1 procedures, three records per procedure, a responsibility
matrix with exactly one lead per row, an organisation, and revision histories whose last
entry is sealed with the content digest (so `publish` has released revisions to publish).

Bodies are Chinese pseudo-text from a seeded generator, with lists, tables, `[[…]]`
references and 《…》 titles. The output depends only on N and the seed: every document is
generated from its own random stream, so document k is the same in sets of different sizes
except for the references it draws to other documents.
"""

import argparse
import hashlib
import os
import random
import shutil
import sys
import xml.etree.ElementTree as ET

NS = {"c": "urn:docctl:clause-tree:1"}
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_STANDARD = os.path.join(HERE, "..", "Sources", "DocCtlCore", "Resources", "standards",
                                "iso-iec-20000-1-2018.xml")
MANUAL_NUMBER = "SYN-ITSM-M-01"
MANUAL_TITLE = "IT服务管理手册"

DEPARTMENTS = [
    # id, name, parent, head, duties
    ("gm", "总经理", None, "周明远", ["批准服务管理方针", "主持管理评审", "提供资源"]),
    ("mr", "管理者代表", "gm", "沈家宁", ["建立和保持服务管理体系", "报告体系绩效"]),
    ("office", "综合管理部", "gm", "许文静", ["人员招聘与能力评价", "培训", "档案保管"]),
    ("quality", "体系与质量部", "gm", "林若溪", ["文件控制", "内部审核", "持续改进"]),
    ("market", "市场与客户部", "gm", "韩立", ["业务关系管理", "服务级别协议", "客户满意度"]),
    ("service", "运维服务部", "gm", "赵一鸣", ["服务台", "事件与服务请求管理", "服务报告"]),
    ("tech", "技术支持部", "gm", "陆子谦", ["问题管理", "变更评估", "知识库"]),
    ("infra", "基础设施部", "gm", "钱浩", ["数据中心运维", "容量与可用性", "配置管理数据库"]),
    ("dev", "应用开发部", "gm", "吴佳", ["应用构建与测试", "发布与部署"]),
    ("security", "信息安全部", "gm", "郑晓", ["信息安全管理", "安全监测", "安全事件处置"]),
    ("finance", "财务部", "gm", "孙蕾", ["服务预算", "成本核算"]),
    ("purchase", "采购部", "gm", "冯涛", ["供应商选择与评价", "采购合同"]),
]
PEOPLE = ["林若溪", "沈家宁", "周明远", "许文静", "韩立", "赵一鸣", "陆子谦", "钱浩", "吴佳", "郑晓", "孙蕾",
          "冯涛", "方婷", "高远", "何静", "罗晨", "宋雨", "唐杰", "邓欣", "曹阳"]
CLASSIFICATIONS = ["公开", "内部公开"]
EXTERNAL = [
    ("信息技术 服务管理 第1部分：服务管理体系要求", "ISO/IEC 20000-1:2018"),
    ("中华人民共和国网络安全法", "全国人民代表大会常务委员会"),
    ("中华人民共和国数据安全法", "全国人民代表大会常务委员会"),
    ("信息安全技术 网络安全等级保护基本要求", "GB/T 22239-2019"),
]

AREAS = ["数据中心", "云平台", "桌面运维", "应用系统", "网络", "存储", "数据库", "中间件", "安全运营", "服务台",
         "机房动力", "备份", "监控", "灾备中心", "邮件系统", "视频会议", "终端", "容器平台", "大数据平台", "客户门户"]
PROCESSES = ["事件管理", "服务请求管理", "问题管理", "变更管理", "发布和部署管理", "配置管理", "容量管理",
             "可用性管理", "连续性管理", "信息安全管理", "服务级别管理", "供应商管理", "业务关系管理",
             "资产管理", "服务目录管理", "需求管理", "预算和核算", "知识管理", "服务报告", "巡检管理",
             "值班管理", "访问控制", "日志审计", "补丁管理", "测试管理", "培训管理", "内部审核", "文件控制",
             "不符合和纠正措施", "持续改进"]
SITES = ["", "杭州", "宁波", "温州", "绍兴", "嘉兴"]
FORMS = ["登记表", "评审记录", "报告", "检查表", "申请单", "台账", "计划", "统计表", "确认单"]
# Clause -> processes that typically implement it (first match wins for a procedure's clauses).
PROCESS_CLAUSES = {
    "事件管理": ["8.6.1"], "服务请求管理": ["8.6.2"], "问题管理": ["8.6.3"], "变更管理": ["8.5.1"],
    "发布和部署管理": ["8.5.3"], "配置管理": ["8.2.6"], "容量管理": ["8.4.3"], "可用性管理": ["8.7.1"],
    "连续性管理": ["8.7.2"], "信息安全管理": ["8.7.3"], "服务级别管理": ["8.3.3"], "供应商管理": ["8.3.4"],
    "业务关系管理": ["8.3.2"], "资产管理": ["8.2.5"], "服务目录管理": ["8.2.4"], "需求管理": ["8.4.2"],
    "预算和核算": ["8.4.1"], "知识管理": ["7.6"], "服务报告": ["9.4"], "巡检管理": ["8.7.1", "9.1"],
    "值班管理": ["8.6.1"], "访问控制": ["8.7.3"], "日志审计": ["8.7.3", "9.1"], "补丁管理": ["8.5.1", "8.7.3"],
    "测试管理": ["8.5.2"], "培训管理": ["7.2", "7.3"], "内部审核": ["9.2"], "文件控制": ["7.5.3"],
    "不符合和纠正措施": ["10.1"], "持续改进": ["10.2"],
}

SUBJECTS = ["服务台", "值班长", "二线工程师", "三线专家", "部门负责人", "过程经理", "客户经理", "配置管理员",
            "变更经理", "问题经理", "审核组长", "信息安全专员", "供应商经理", "体系专员", "项目经理"]
VERBS = ["登记", "评估", "审核", "确认", "分析", "跟踪", "记录", "汇总", "通报", "复核", "批准", "监视",
         "验证", "更新", "归档", "升级", "协调", "测试", "统计", "关闭"]
OBJECTS = ["事件工单", "变更申请", "配置项", "服务级别目标", "风险登记册", "知识条目", "发布计划", "容量数据",
           "可用性报告", "供应商合同", "客户投诉", "内审发现", "纠正措施", "备份介质", "访问权限", "监控告警",
           "服务目录", "预算执行情况", "培训记录", "应急预案"]
TIMES = ["10分钟内", "30分钟内", "2小时内", "当日", "3个工作日内", "每周", "每月第3个工作日前", "每季度",
         "每半年", "每年11月", "发布前", "实施后2个工作日内", "变更窗口内", "演练结束后5个工作日内"]
QUALIFIERS = ["按优先级", "按服务级别协议", "按风险等级", "结合历史数据", "对照知识库", "经部门负责人同意后",
              "在星桥服务门户中", "会同相关部门", "以书面形式", "按照请求目录"]
CONNECTIVES = ["并", "同时", "必要时", "如有异常", "完成后", "发现偏差时"]


def clause_list(path):
    """Clauses 4-10 down to depth 3 with their zh-CN titles, in document order (untitled skipped)."""
    root = ET.parse(path).getroot()
    result = []

    def walk(element, depth):
        for clause in element.findall("c:clause", NS):
            cid = clause.get("id")
            if depth <= 3 and clause.get("untitled") != "true" and clause.get("auditable") != "false":
                if 4 <= int(cid.split(".")[0]) <= 10:
                    titles = {t.get("lang"): (t.text or "").strip() for t in clause.findall("c:title", NS)}
                    result.append((cid, titles.get("zh-CN") or titles.get("en") or cid))
            walk(clause, depth + 1)

    walk(root, 1)
    return result


class Text:
    """Deterministic Chinese pseudo-text from one random stream."""

    def __init__(self, rng, refs):
        self.rng = rng
        self.refs = refs  # callable returning an inline reference string or ""

    def sentence(self):
        r = self.rng
        s = f"{r.choice(SUBJECTS)}{r.choice(TIMES)}{r.choice(QUALIFIERS)}{r.choice(VERBS)}{r.choice(OBJECTS)}"
        if r.random() < 0.6:
            s += f"，{r.choice(CONNECTIVES)}{r.choice(VERBS)}{r.choice(OBJECTS)}"
        if r.random() < 0.35:
            ref = self.refs()
            if ref:
                s += f"，见{ref}"
        return s + "。"

    def paragraph(self, lo=2, hi=5):
        return "".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def list_block(self, ordered=None):
        r = self.rng
        ordered = r.random() < 0.5 if ordered is None else ordered
        items = []
        for index in range(r.randint(3, 6)):
            marker = f"{index + 1}." if ordered else "-"
            items.append(f"{marker} {self.sentence()[:-1]}；")
        items[-1] = items[-1][:-1] + "。"
        return "\n".join(items)

    def table(self):
        r = self.rng
        header = r.choice([("级别", "判定要点", "响应", "完成"), ("活动", "责任部门", "时限", "输出"),
                           ("指标", "目标值", "统计周期", "责任人")])
        rows = []
        for index in range(r.randint(3, 6)):
            rows.append((f"{r.choice(['P', 'L', 'K'])}{index + 1}", f"{r.choice(OBJECTS)}{r.choice(VERBS)}",
                         r.choice(TIMES), r.choice(SUBJECTS)))
        lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)

    def blocks(self, count):
        r = self.rng
        out = []
        for _ in range(count):
            roll = r.random()
            if roll < 0.55:
                out.append(self.paragraph())
            elif roll < 0.8:
                out.append(self.list_block())
            else:
                out.append(self.table())
        return out


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def normalise(text):
    """ContentDigest.normalize: LF, no BOM, no trailing blanks, one final newline."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip(" \t\u3000") for line in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def digest(number, title, dtype, classification, clauses, records, bodies):
    """ContentDigest.canonical + SHA-256 (see Sources/DocCtlCore/Model/ContentDigest.swift)."""
    text = "docctl-content-digest 1\n"
    text += f"number: {number}\ntitle: {title}\ntype: {dtype}\nclassification: {classification}\n"
    text += "control: controlled\n"
    text += f"clauses: {','.join(clauses)}\nrecords: {','.join(records)}\n"
    for name in sorted(bodies):
        body = normalise(bodies[name])
        text += f"file: {name} {len(body.encode('utf-8'))}\n{body}"
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def day(year, month, dom):
    return f"{year:04d}-{month:02d}-{dom:02d}"


def history(rng, number, sealed):
    """1-4 entries from A/0, dates ascending, the last one sealed when `sealed` is given.

    Dates are drawn backwards from a last entry in 2026-03 … 2026-10, so periodic reviews
    (every 12 months) are not overdue when the benchmark runs with --today 2026-12-01.
    """
    count = rng.randint(1, 4)
    marks = [("A", 0)]
    for _ in range(count - 1):
        edition, revision = marks[-1]
        marks.append((chr(ord(edition) + 1), 0) if rng.random() < 0.25 else (edition, revision + 1))
    months = [2026 * 12 + rng.randint(3, 10) - 1]
    for _ in range(count - 1):
        months.insert(0, months[0] - rng.randint(2, 8))
    dates = [day(m // 12, m % 12 + 1, rng.randint(1, 20)) for m in months]
    author, approver = rng.sample(PEOPLE, 2)
    lines = [f"# 文档修改记录 — {number}"]
    for index, ((edition, revision), date) in enumerate(zip(marks, dates)):
        change = "新建" if index == 0 else f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}的要求；{rng.choice(QUALIFIERS)}调整时限"
        lines += [f'- revision: "{edition}/{revision}"', f"  date: {date}", f"  change: {change}",
                  f"  sections: {'全部' if index == 0 else '5.' + str(rng.randint(1, 4))}",
                  f"  author: {author}", f"  approver: {approver}"]
        if index == count - 1 and sealed:
            lines.append(f"  digest: {sealed}")
    return "\n".join(lines) + "\n", dates[-1], (author, approver)


def approvals_yaml(rng, last_date, people):
    """prepared ≤ reviewed ≤ approved ≤ issued ≤ effective, all in the month of the last entry."""
    y, m, d = (int(x) for x in last_date.split("-"))
    prepared, reviewed = people[0], rng.choice([p for p in PEOPLE if p not in people])
    approved = people[1]
    issued = day(y, m, d)
    effective = day(y, m, min(28, d + rng.randint(0, 7)))
    return "\n".join([
        "approvals:",
        f"  prepared: {{ name: {prepared}, date: {day(y, m, max(1, d - 4))} }}",
        f"  reviewed: {{ name: {reviewed}, date: {day(y, m, max(1, d - 2))} }}",
        f"  approved: {{ name: {approved}, date: {issued} }}",
        f"issued: {issued}",
        f"effective: {effective}",
        "review-every: 12 months",
    ])


def generate(n, out, seed, standard, procedure_body=None):
    """Writes the set. `procedure_body(p, rng, text, procs, clause_ids)`, when given, writes each
    procedure's body instead of the default one (bench/gen_peer.py's dense documents)."""
    if n < 1:
        raise SystemExit("N must be at least 1 (the manual)")
    clauses = clause_list(standard)
    clause_ids = [c for c, _ in clauses]
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    master = random.Random(f"{seed}:set")
    procedures = n - 1
    width = max(3, len(str(procedures)))
    rwidth = max(4, len(str(procedures * 3)))

    # Procedure identities: unique titles from area × process × site, drawn without repeats.
    combos = [(a, p, s) for s in SITES for a in AREAS for p in PROCESSES]
    random.Random(f"{seed}:titles").shuffle(combos)
    if procedures > len(combos):
        raise SystemExit(f"at most {len(combos) + 1} documents")
    procs = []
    for k in range(procedures):
        area, process, site = combos[k]
        rng = random.Random(f"{seed}:proc:{k}")
        number = f"QP-{k + 1:0{width}d}"
        title = f"{site}{area}{process}程序"
        implemented = list(PROCESS_CLAUSES[process])
        if rng.random() < 0.3:
            implemented.append(rng.choice([c for c in clause_ids if c.startswith("8.") and c.count(".") == 2]))
        implemented = sorted(set(implemented), key=clause_ids.index)
        records = []
        for j in range(3):
            rid = f"REC-{k * 3 + j + 1:0{rwidth}d}"
            records.append((rid, f"{site}{area}{process[:-2] if process.endswith('管理') else process}{FORMS[(k + j) % len(FORMS)]}"))
        owner = DEPARTMENTS[2 + k % (len(DEPARTMENTS) - 2)][0]
        procs.append(dict(number=number, title=title, area=area, process=process, clauses=implemented,
                          records=records, owner=owner, folder=f"procedures/{number}"))

    by_clause = {}
    for p in procs:
        for c in p["clauses"]:
            by_clause.setdefault(c, []).append(p)

    # docset.yaml, organization.yaml, records.yaml, responsibilities.csv
    write(os.path.join(out, "docset.yaml"), "\n".join([
        f"# 文件集设置 — 基准测试用合成文件集（N={n}，seed={seed}）",
        "organization: { name: 星桥云服信息技术有限公司, short: 星桥云服 }",
        "standard: iso-iec-20000-1-2018",
        "language: zh-CN",
        "classification: [公开, 内部公开, 秘密, 机密]",
        "publish-up-to: 内部公开",
        'revision: { first: "A/0", skip-letters: [I, O] }',
        "coverage-depth: 3",
        "coverage-from: [manual]",
        "not-applicable: { }",
        "rules: { }",
        "external-documents:",
    ] + [f"  - {{ title: {t}, source: {s} }}" for t, s in EXTERNAL]) + "\n")
    org = ["# 组织架构", "departments:"]
    for did, name, parent, head, duties in DEPARTMENTS:
        org += [f"  - id: {did}", f"    name: {name}", f"    parent: {parent or 'null'}", f"    head: {head}",
                f"    duties: [{', '.join(duties)}]"]
    write(os.path.join(out, "organization.yaml"), "\n".join(org) + "\n")
    rec = ["# 记录清单", "# id / 记录名称 / 保管部门 / 保存期限 / 产生记录的程序文件 / 表单编号"]
    for p in procs:
        for index, (rid, rtitle) in enumerate(p["records"]):
            retention = ["1 year", "3 years", "5 years", "permanent", "3 年", "6 个月"][(int(rid[4:]) * 7) % 6]
            rec.append(f"- {{ id: {rid}, title: {rtitle}, owner: {p['owner']}, retention: {retention}, "
                       f"procedure: {p['number']}, form: SYN-QR-{rid[4:]} }}")
    write(os.path.join(out, "records.yaml"), "\n".join(rec) + "\n")
    ids = [d[0] for d in DEPARTMENTS]
    csv = ["clause,title," + ",".join(ids)]
    for index, (cid, title) in enumerate(clauses):
        cells = [""] * len(ids)
        lead = index % len(ids)  # every department leads at least one row
        cells[lead] = "●"
        for support in master.sample(range(len(ids)), master.randint(0, 3)):
            if support != lead:
                cells[support] = "○"
        csv.append(f"{cid},{title}," + ",".join(cells))
    write(os.path.join(out, "responsibilities.csv"), "\r\n".join(csv) + "\r\n")  # spreadsheet export

    all_titles = [p["title"] for p in procs] + [t for p in procs for _, t in p["records"]] + [t for t, _ in EXTERNAL]

    def make_refs(rng, own):
        def ref():
            roll = rng.random()
            if roll < 0.3 and procs:
                return f"[[{rng.choice(procs)['number']}]]"
            if roll < 0.5:
                return f"[[{rng.choice(clause_ids)}]]"
            if roll < 0.7 and own:
                return f"[[{rng.choice(own)}]]"
            if roll < 0.9:
                return f"《{rng.choice(all_titles)}》"
            return f"[[{MANUAL_NUMBER}]]"
        return ref

    # The manual.
    mrng = random.Random(f"{seed}:manual")
    text = Text(mrng, make_refs(mrng, [r for p in procs[:30] for r, _ in p["records"]]))
    files = {}
    files["00-front.md"] = "\n\n".join([
        "# 0 概述", "## 0.1 手册管理", text.list_block(ordered=True), "## 0.2 发布令", text.paragraph(4, 7),
        f"本手册依据《{EXTERNAL[0][0]}》编制。", "## 0.3 公司简介", text.paragraph(3, 6), text.table(),
    ]) + "\n"
    chapters = {}
    for cid, title in clauses:
        chapters.setdefault(cid.split(".")[0], []).append((cid, title))
    for chapter, items in chapters.items():
        parts = []
        for cid, title in items:
            parts.append("#" * (cid.count(".") + 1) + f" {cid} {title}")
            implementing = by_clause.get(cid, [])
            if implementing:
                shown = implementing[:3]
                refs = "、".join(f"[[{p['number']}]]" for p in shown)
                parts.append(f"{DEPARTMENTS[2 + clause_ids.index(cid) % 10][1]}按{refs}实施本条要求，"
                             f"产生的记录包括[[{shown[0]['records'][0][0]}]]。" + text.paragraph(1, 3))
            parts += text.blocks(mrng.randint(1, 3))
        files[f"{int(chapter):02d}-chapter.md"] = "\n\n".join(parts) + "\n"
    files["99-appendices.md"] = "\n\n".join([
        "# 附录A 程序文件清单", "{{procedure-list}}", "# 附录B 记录清单", "{{record-list}}",
        "# 附录C 职责分配表", "{{responsibility-matrix}}", "# 附录D 组织架构图", "{{org-chart}}",
    ]) + "\n"
    write_document(out, "manual", MANUAL_NUMBER, MANUAL_TITLE, "manual", "quality", "内部公开", "standard",
                   [], [], files, mrng)

    # Procedures.
    for k, p in enumerate(procs):
        rng = random.Random(f"{seed}:proc:{k}:body")
        own = [r for r, _ in p["records"]]
        text = Text(rng, make_refs(rng, own))
        if procedure_body:
            write_document(out, p["folder"], p["number"], p["title"], "procedure", p["owner"], CLASSIFICATIONS[k % 2],
                           "own", p["clauses"], own, {"body.md": procedure_body(p, rng, text, procs, clause_ids)}, rng)
            continue
        parts = ["# 1 目的", f"规范{p['area']}{p['process']}活动，" + text.paragraph(1, 2),
                 "# 2 范围", f"适用于{p['area']}相关的全部服务。" + text.paragraph(1, 2),
                 "# 3 职责"]
        parts.append("\n".join(f"- {name}：{'、'.join(duties)}。"
                               for _, name, _, _, duties in rng.sample(DEPARTMENTS[2:], 3)))
        parts += ["# 4 术语和定义", "\n".join(f"- {o}：{text.sentence()}" for o in rng.sample(OBJECTS, 3)),
                  "# 5 工作程序"]
        for s in range(1, rng.randint(3, 7) + 1):
            attribute = ""
            if s == 1:
                attribute = " {clause=" + ",".join(p["clauses"]) + "}"
            elif rng.random() < 0.15:
                attribute = f" {{#step-{s}}}"
            parts.append(f"## 5.{s} {rng.choice(OBJECTS)}{rng.choice(VERBS)}{attribute}")
            parts += text.blocks(rng.randint(1, 3))
            if rng.random() < 0.3:
                for t in range(1, rng.randint(2, 3) + 1):
                    parts.append(f"### 5.{s}.{t} {rng.choice(VERBS)}与{rng.choice(VERBS)}")
                    parts.append(text.paragraph(1, 3))
        related = rng.sample(procs, min(3, len(procs)))
        parts += ["# 6 相关文件", "\n".join([f"- [[{MANUAL_NUMBER}]]（" + "、".join(f"[[{c}]]" for c in p["clauses"]) + "）"]
                                          + [f"- [[{q['number']}]]《{q['title']}》" for q in related if q is not p])]
        rows = ["| 编号 | 记录名称 | 保管部门 |", "| --- | --- | --- |"]
        rows += [f"| [[{rid}]] | {rtitle} | {p['owner']} |" for rid, rtitle in p["records"]]
        parts += ["# 7 记录", "\n".join(rows)]
        write_document(out, p["folder"], p["number"], p["title"], "procedure", p["owner"],
                       CLASSIFICATIONS[k % 2], "own", p["clauses"], own, {"body.md": "\n\n".join(parts) + "\n"}, rng)


def write_document(out, folder, number, title, dtype, owner, classification, numbering, clauses, records, bodies, rng):
    path = os.path.join(out, folder)
    for name, body in bodies.items():
        write(os.path.join(path, name), body)
    sealed = digest(number, title, dtype, classification, clauses, records, bodies)
    hist, last_date, people = history(rng, number, sealed)
    write(os.path.join(path, "history.yaml"), hist)
    lines = [f"number: {number}", f"title: {title}", f"type: {dtype}", f"owner: {owner}",
             f"classification: {classification}", "control: controlled", f"clause-numbering: {numbering}"]
    if clauses:
        lines.append(f"clauses: [{', '.join(clauses)}]")
    if records:
        lines.append(f"records: [{', '.join(records)}]")
    lines.append(approvals_yaml(rng, last_date, people))
    lines.append("distribution:")
    for copy in range(1, rng.randint(1, 4) + 1):
        lines.append(f'  - {{ copy: "{copy:02d}", holder: {DEPARTMENTS[copy + 1][1]} }}')
    write(os.path.join(path, "document.yaml"), "\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of documents (1 manual + N-1 procedures)")
    parser.add_argument("outdir")
    parser.add_argument("--seed", default="20000")
    parser.add_argument("--standard", default=DEFAULT_STANDARD, help="clause-tree XML to read clause ids from")
    args = parser.parse_args()
    generate(args.n, args.outdir, args.seed, args.standard)


if __name__ == "__main__":
    sys.exit(main())
