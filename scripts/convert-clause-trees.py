#!/usr/bin/env python3
"""Convert the clause-tree research data (YAML) into docctl clause-tree XML.

Reads   <source>/*.yaml            (default --source /work/shared/standards)
Writes  <output>/<standard-id>.xml (default --output Sources/DocCtlCore/Resources/standards,
                                    relative to the repository root)

Steps (run from anywhere; paths default relative to this script's repository):

  1. Generate:
       python3 scripts/convert-clause-trees.py [--source DIR] [--output DIR]
  2. Validate every generated file offline against the shipped schema
     (the script does this itself after writing; it needs xmllint from the
     Debian package libxml2-utils and fails when xmllint is missing, unless
     --no-validate is given):
       for f in Sources/DocCtlCore/Resources/standards/*.xml; do
         xmllint --noout --nonet \
           --schema Sources/DocCtlCore/Resources/standards/clause-tree.xsd "$f"
       done
  3. CI / review: `--check` regenerates in memory, fails if any file on disk
     differs, and validates the files on disk.

Output is deterministic: fixed element and attribute order, 2-space indent,
UTF-8, LF line ends, trailing newline, no timestamps, no absolute paths.

Besides the YAML, the script contributes (all listed in tables below):
  * EXTRA_ALIASES  - Chinese / English heading variants seen in real manuals
                     (/work/shared/reference) or derived from them;
  * EXTRA_CLAUSES  - the front clauses 1-3 of ISO/IEC 20000-1:2011, missing
                     from the research data (marked unverified);
  * spelling variants of English titles (organization/organisation,
    fulfilment/fulfillment, catalogue/catalog, programme/program).
Never copy sentences from the reference manuals here: short headings only.

Requires Python 3.9+ and PyYAML.
"""

import argparse
import difflib
import os
import shutil
import subprocess
import sys

import yaml

NS = "urn:docctl:clause-tree:1"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = "/work/shared/standards"
DEFAULT_OUTPUT = os.path.join(REPO, "Sources", "DocCtlCore", "Resources", "standards")
SCHEMA_NAME = "clause-tree.xsd"

STATUS = {"confirmed": "confirmed", "inferred_hls": "inferred", "unverified": "unverified"}
STATUS_RANK = {"unverified": 0, "inferred": 1, "confirmed": 2}

# --------------------------------------------------------------------------
# Per-tree configuration
# --------------------------------------------------------------------------

TREES = [
    {
        "id": "iso-iec-20000-1-2018",
        "yaml": "iso-iec-20000-1-2018.yaml",
        "excludable": [],
        "exclusions_note": (
            "No clause is excludable: ISO/IEC 20000-1:2018 1.2 does not accept the exclusion of any "
            "requirement in clauses 4 to 10, even where a process is operated by another party."
        ),
    },
    {
        "id": "iso-iec-20000-1-2011",
        "yaml": "iso-iec-20000-1-2011.yaml",
        "excludable": [],
        "replaced_by": "iso-iec-20000-1-2018",
        "exclusions_note": (
            "No clause is excludable: ISO/IEC 20000-1:2011 1.2 does not accept the exclusion of any "
            "requirement in clauses 4 to 9. The 2011 edition is withdrawn (replaced by "
            "ISO/IEC 20000-1:2018); manuals still citing it should be flagged as obsolete."
        ),
    },
    {
        "id": "iso-9001-2015",
        "yaml": "iso-9001-2015.yaml",
        "excludable": ["8"],
        "national": "GB/T 19001-2016",
        "exclusions_note": (
            "excludable: the requirements of clause 8 only; a requirement may be declared not applicable when the organization "
            "justifies it and it does not affect conformity of products and services (ISO 9001:2015 4.3)."
        ),
    },
    {
        "id": "iso-iec-27001-2022",
        "yaml": "iso-iec-27001-2022.yaml",
        "annex": "iso-iec-27001-2022-annex-a.yaml",
        "excludable": ["A"],
        "soa": True,
        "national": "GB/T 22080-2025",
        "title_zh": "网络安全技术 信息安全管理体系 要求",
        "exclusions_note": (
            "excludable: the Annex A controls only (clause A); the Statement of Applicability (6.1.3 d) "
            "lists every control and justifies each exclusion (statement-of-applicability=true). Clauses "
            "4 to 10 may not be excluded (ISO/IEC 27001:2022 1)."
        ),
        "extra_notes": [
            "The Chinese title is that of GB/T 22080-2025 (IDT ISO/IEC 27001:2022).",
        ],
    },
    {
        "id": "iso-14001-2015",
        "yaml": "iso-14001-2015.yaml",
        "source_dir": os.path.join(REPO, "scripts", "clause-trees"),
        "excludable": [],
        "national": "GB/T 24001-2016",
        "exclusions_note": (
            "No clause is excludable: every requirement of ISO 14001:2015 is to be incorporated into the "
            "organization's environmental management system (1)."
        ),
        "extra_notes": [
            "Written for docctl from the well-known structure of the standard; English headings of the "
            "harmonized structure are inferred, the discipline-specific ones unverified; a Chinese heading is confirmed "
            "only where a listed source quoting the national adoption shows it (its zh source is named), otherwise unverified.",
        ],
    },
    {
        "id": "iso-45001-2018",
        "yaml": "iso-45001-2018.yaml",
        "source_dir": os.path.join(REPO, "scripts", "clause-trees"),
        "excludable": [],
        "national": "GB/T 45001-2020",
        "exclusions_note": (
            "No clause is excludable: every requirement of ISO 45001:2018 is to be incorporated into the "
            "organization's OH&S management system (1)."
        ),
        "extra_notes": [
            "Written for docctl from the well-known structure of the standard; English headings of the "
            "harmonized structure are inferred, the discipline-specific ones unverified; a Chinese heading is confirmed "
            "only where a listed source quoting the national adoption shows it (its zh source is named), otherwise unverified.",
        ],
    },
    {
        "id": "gb-t-27922-2011",
        "yaml": "gb-t-27922-2011.yaml",
        "excludable": ["I1", "I2", "I3"],
        "title_en": "Evaluation system of after-sales service of commodities",
        "title_en_status": "unverified",
        "exclusions_note": (
            "excludable: indicators that do not apply are excluded from the evaluation and "
            "leave the denominator of the score (scoring rules, source G3)."
        ),
        "extra_notes": [
            "The English title is an unofficial rendering.",
            "OUTLINE, NOT THE STANDARD'S NUMBERING: clause ids I1-I3 (level-1 indicators) and I1.1 ... I3.2 "
            "(level-2 indicators) are synthetic; the numbers printed in GB/T 27922-2011 were not found in any "
            "public source (only the indicator names were), so a manual is mapped to this tree explicitly "
            "({clause=I1.1}), never by heading numbers.",
            "A published GB/T 27922-2011 manual numbers a subsection 5.1.1.2 (duties and posts) under the "
            "organisational structure indicator, which hints that the standard numbers the indicators "
            "5.1.x / 5.2.x / 5.3.x under chapter 5; unverified.",
        ],
    },
]

# Extra aliases per tree and clause id: (lang, alias, origin).
#   ref     = heading as written in a manual in /work/shared/reference
#   derived = obvious variant of a ref heading (和/与, comma/顿号, 系统/体系) or a
#             heading that manuals adapted from a sibling standard use
#   notes   = named in /work/shared/standards/NOTES.md but missing from the YAML
EXTRA_ALIASES = {
    "iso-iec-20000-1-2018": {
        "3.1": [("zh-CN", "有关管理系统标准的术语", "ref")],
        "3.2": [("zh-CN", "有关服务管理的术语", "derived")],
        "4.3": [("zh-CN", "确定服务管理体系范围", "ref")],
        "5.1": [("zh-CN", "领导和承诺", "ref")],
        "5.2.1": [("zh-CN", "制定服务管理方针", "ref")],
        "5.3": [
            ("zh-CN", "组织的角色,责任和权限", "ref"),
            ("zh-CN", "组织的角色，责任和权限", "derived"),
            ("zh-CN", "组织的角色、责任和权限", "derived"),
            ("zh-CN", "组织的角色，职责和权限", "derived"),
        ],
        "6.2": [("zh-CN", "服务管理目标及其实现策划", "ref")],
        "6.2.1": [("zh-CN", "制定目标", "ref")],
        "6.2.2": [("zh-CN", "策划实现目标", "ref")],
        "6.3": [("zh-CN", "策划服务管理体系", "ref")],
        "7": [("zh-CN", "支持", "ref")],
        "7.5": [("zh-CN", "成文信息", "ref")],
        "7.5.2": [("zh-CN", "创建和更新", "ref")],
        "7.5.3": [
            ("zh-CN", "成文信息的控制", "ref"),
            ("zh-CN", "形成文件的信息的控制", "derived"),
        ],
        "7.5.4": [
            ("zh-CN", "服务管理系统成文信息", "ref"),
            ("zh-CN", "服务管理体系成文信息", "derived"),
        ],
        "8": [("zh-CN", "运行", "ref")],
        "8.1": [("zh-CN", "运行的策划和控制", "derived")],
        "8.2.3": [("zh-CN", "控制服务生命周期的相关方", "ref")],
        "8.3": [("zh-CN", "关系与协议", "ref")],
        "8.3.3": [("zh-CN", "服务等级管理", "derived")],
        "8.4": [("zh-CN", "供应与需求", "ref")],
        "8.4.1": [
            ("zh-CN", "服务预算与核算", "ref"),
            ("zh-CN", "服务的预算与核算", "derived"),
        ],
        "8.4.3": [("zh-CN", "能力管理", "ref")],
        "8.5": [("zh-CN", "服务设计、构建与转换", "ref")],
        "8.5.2": [("zh-CN", "服务设计与转换", "ref")],
        "8.5.2.3": [("zh-CN", "构建与转换", "derived")],
        "8.5.3": [("zh-CN", "发布与部署管理", "ref")],
        "8.6": [
            ("zh-CN", "解决与完成", "ref"),
            ("zh-CN", "解决和完成", "derived"),
        ],
        "8.7": [("zh-CN", "服务保障", "ref")],
        "9.1": [("zh-CN", "监视、测量、分析与评价", "derived")],
    },
    "iso-iec-20000-1-2011": {
        # The 2011 manual in /work/shared/reference keeps the GB/T 24405.1-2009
        # (ISO/IEC 20000-1:2005) headings for the PDCA part and a few processes.
        "4": [("zh-CN", "管理体系要求", "ref")],
        "4.5": [("zh-CN", "服务管理的策划与实施", "ref")],
        "4.5.2": [
            ("zh-CN", "服务管理的策划", "ref"),
            ("zh-CN", "服务管理的策划（计划）", "ref"),
        ],
        "4.5.3": [
            ("zh-CN", "实施服务管理并提供服务", "ref"),
            ("zh-CN", "实施服务管理并提供服务（实施）", "ref"),
        ],
        "4.5.4": [
            ("zh-CN", "监视、测量和评审", "ref"),
            ("zh-CN", "监视、测量和评审（检查）", "ref"),
        ],
        "4.5.5": [
            ("zh-CN", "持续改进", "ref"),
            ("zh-CN", "持续改进（改进）", "ref"),
        ],
        "4.5.5.2": [("zh-CN", "管理改进", "ref")],
        "5": [("zh-CN", "设计和转换新的或变更的服务", "ref")],
        "6.1": [
            ("zh-CN", "服务等级管理", "ref"),
            ("zh-CN", "服务水平管理", "derived"),
        ],
        "6.3": [("zh-CN", "服务连续性及可用性管理", "ref")],
        "6.4": [
            ("zh-CN", "IT服务的预算及核算管理", "ref"),
            ("zh-CN", "服务的预算及核算", "derived"),
        ],
    },
    "iso-9001-2015": {
        "8.7": [("en", "Control of nonconforming process outputs, products and services", "notes")],
    },
    # The full titles of ISO/IEC 27002:2022 (the short ones are what SoA catalogues print).
    "iso-iec-27001-2022": {
        "A.5.21": [("en", "Managing information security in the information and communication technology (ICT) supply chain", "notes"),
                   ("zh-CN", "管理信息和通信技术（ICT）供应链中的信息安全", "derived")],
        "A.5.34": [("en", "Privacy and protection of personal identifiable information (PII)", "notes"),
                   ("zh-CN", "隐私和个人可识别信息（PII）保护", "derived")],
    },
}

# Clauses missing from the research data, inserted before the first YAML clause.
EXTRA_CLAUSES = {
    "iso-iec-20000-1-2011": [
        {"id": "1", "title_en": "Scope", "title_zh": "范围", "auditable": False,
         "en_status": "unverified", "zh_status": "unverified",
         "note": "Added by the converter (front clause, no requirements); not in the research data.",
         "children": [
             {"id": "1.1", "title_en": "General", "title_zh": "总则", "auditable": False,
              "en_status": "unverified", "zh_status": "unverified", "children": []},
             {"id": "1.2", "title_en": "Application", "title_zh": "应用", "auditable": False,
              "en_status": "unverified", "zh_status": "unverified", "children": []},
         ]},
        {"id": "2", "title_en": "Normative references", "title_zh": "规范性引用文件", "auditable": False,
         "en_status": "unverified", "zh_status": "unverified",
         "note": "Added by the converter (front clause, no requirements); not in the research data.",
         "children": []},
        {"id": "3", "title_en": "Terms and definitions", "title_zh": "术语和定义", "auditable": False,
         "en_status": "unverified", "zh_status": "unverified",
         "note": "Added by the converter (front clause, no requirements); not in the research data.",
         "children": []},
    ],
}

# English spelling variants added as aliases (ISO spelling -> other spelling).
SPELLING_VARIANTS = [
    ("organization", "organisation"),
    ("Organization", "Organisation"),
    ("fulfilment", "fulfillment"),
    ("catalogue", "catalog"),
    ("programme", "program"),
]

NODE_KEYS = {
    "id", "title_en", "title_zh", "untitled", "en_status", "zh_status", "en_sources", "zh_sources",
    "zh_aliases", "en_aliases", "auditable", "exists_status", "note", "children",
    "kind", "new_in_2022", "plain_id",
}


class ConversionError(Exception):
    pass


# --------------------------------------------------------------------------
# Minimal deterministic XML writer
# --------------------------------------------------------------------------

class Element:
    def __init__(self, tag, attrs=None, text=None):
        self.tag = tag
        self.attrs = list(attrs or [])  # ordered (name, value) pairs
        self.text = text
        self.children = []

    def add(self, tag, attrs=None, text=None):
        child = Element(tag, attrs, text)
        self.children.append(child)
        return child


def _escape_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attr(s):
    return _escape_text(s).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _write(el, depth, out):
    pad = "  " * depth
    attrs = "".join(' %s="%s"' % (k, _escape_attr(v)) for k, v in el.attrs)
    if el.children and el.text is not None:
        raise ConversionError("mixed content in <%s>" % el.tag)
    if el.children:
        out.append("%s<%s%s>" % (pad, el.tag, attrs))
        for c in el.children:
            _write(c, depth + 1, out)
        out.append("%s</%s>" % (pad, el.tag))
    elif el.text is not None:
        out.append("%s<%s%s>%s</%s>" % (pad, el.tag, attrs, _escape_text(el.text), el.tag))
    else:
        out.append("%s<%s%s/>" % (pad, el.tag, attrs))


def serialize(root, comment):
    if "--" in comment:
        raise ConversionError("'--' in XML comment")
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<!-- %s -->" % comment]
    _write(root, 0, out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------

def one_line(s, what):
    """Collapse YAML text to one line of single-spaced text."""
    if not isinstance(s, str):
        raise ConversionError("%s: expected text, got %r" % (what, s))
    t = " ".join(s.split())
    if not t:
        raise ConversionError("%s: empty text" % what)
    return t


def status(value, where):
    if value not in STATUS:
        raise ConversionError("%s: unknown status %r" % (where, value))
    return STATUS[value]


def spelling_variants(text):
    out = []
    for a, b in SPELLING_VARIANTS:
        if a in text:
            v = text.replace(a, b)
            if v != text:
                out.append(v)
    # Apply all replacements at once too (e.g. two different words in one title).
    combined = text
    for a, b in SPELLING_VARIANTS:
        combined = combined.replace(a, b)
    if combined != text and combined not in out:
        out.append(combined)
    return out


def convert_clause(node, parent_id, tree_id, extras, used_extras, counts, excludable=()):
    unknown = set(node) - NODE_KEYS
    if unknown:
        raise ConversionError("%s %s: unknown keys %s" % (tree_id, node.get("id"), sorted(unknown)))
    cid = node.get("id")
    if not isinstance(cid, str):
        raise ConversionError("%s: clause id %r is not a string" % (tree_id, cid))
    if parent_id is not None and not cid.startswith(parent_id + "."):
        raise ConversionError("%s %s: id does not extend parent id %s" % (tree_id, cid, parent_id))

    untitled = bool(node.get("untitled", False))
    attrs = [("id", cid)]
    if "auditable" in node:
        attrs.append(("auditable", "true" if node["auditable"] else "false"))
    if cid in excludable:
        attrs.append(("excludable", "true"))
    if untitled:
        attrs.append(("untitled", "true"))
        if node.get("title_en") is not None or node.get("title_zh") is not None:
            raise ConversionError("%s %s: untitled clause has a title" % (tree_id, cid))

    titles = []  # (lang, text, status)
    if not untitled:
        if node.get("title_en") is None:
            raise ConversionError("%s %s: titled clause without title_en" % (tree_id, cid))
        titles.append(("en", one_line(node["title_en"], cid), status(node.get("en_status"), cid)))
        if node.get("title_zh") is not None:
            titles.append(("zh-CN", one_line(node["title_zh"], cid), status(node.get("zh_status"), cid)))
        weakest = min((t[2] for t in titles), key=STATUS_RANK.__getitem__)
        attrs.append(("title-status", weakest))

    el = Element("clause", attrs)
    for lang, text, st in titles:
        el.add("title", [("lang", lang), ("status", st)], text)

    # Aliases: zh-CN first, then en; YAML order, then extras; no duplicates,
    # nothing equal to the title in the same language.
    title_of = {lang: text for lang, text, _ in titles}
    aliases = {"zh-CN": [], "en": []}

    def add_alias(lang, text):
        text = one_line(text, cid)
        if text == title_of.get(lang) or text in aliases[lang]:
            return False
        aliases[lang].append(text)
        return True

    for a in node.get("zh_aliases") or []:
        add_alias("zh-CN", a)
    for a in node.get("en_aliases") or []:
        add_alias("en", a)
    for lang, text, origin in extras.get(cid, []):
        used_extras.add((cid, lang, text))
        if add_alias(lang, text):
            counts["extra_aliases"].append((cid, lang, text, origin))
    if "en" in title_of:
        for v in spelling_variants(title_of["en"]):
            if add_alias("en", v):
                counts["spelling_aliases"] += 1
    for lang in ("zh-CN", "en"):
        for text in aliases[lang]:
            el.add("alias", [("lang", lang)], text)

    notes = []
    if node.get("note"):
        notes.append(one_line(node["note"], cid))
    if node.get("exists_status") == "unverified" and not notes:
        notes.append("Existence of this numbered paragraph is unverified.")
    if node.get("new_in_2022"):
        notes.append("New control in the 2022 edition.")
    if notes:
        el.add("note", None, " ".join(notes))

    counts["clauses"] += 1
    counts["untitled"] += untitled
    counts["not_auditable"] += node.get("auditable") is False
    depth = cid.count(".") + 1
    counts["max_depth"] = max(counts["max_depth"], depth)

    for child in node.get("children") or []:
        el.children.append(convert_clause(child, cid, tree_id, extras, used_extras, counts))
    return el


def load_yaml(path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except OSError as e:
        raise ConversionError("cannot read %s: %s" % (path, e))


def sources_notes(data, prefix=""):
    notes = []
    for key in sorted((data.get("sources") or {}), key=lambda k: (k.rstrip("0123456789"), int(k.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0))):
        src = data["sources"][key]
        notes.append("%sSource %s: %s. URL: %s" % (prefix, key, one_line(src["title"], key), one_line(src["url"], key)))
    return notes


def convert_tree(cfg, source_dir):
    data = load_yaml(os.path.join(cfg.get("source_dir", source_dir), cfg["yaml"]))
    clauses = list(EXTRA_CLAUSES.get(cfg["id"], [])) + list(data["clauses"])

    annex = None
    if cfg.get("annex"):
        annex = load_yaml(os.path.join(source_dir, cfg["annex"]))
        annex_root = annex["clauses"]
        if len(annex_root) != 1 or annex_root[0]["id"] != "A":
            raise ConversionError("%s: annex file must have a single clause 'A'" % cfg["annex"])
        merged = dict(annex_root[0])
        stub = [c for c in clauses if c["id"] == "A"]
        if len(stub) != 1 or stub[0].get("children"):
            raise ConversionError("%s: expected one empty stub clause 'A'" % cfg["yaml"])
        merged["auditable"] = True
        counts_a = annex.get("counts") or {}
        merged["note"] = (
            "Annex A controls (ISO/IEC 27002:2022 titles): %s in 4 themes (A.5 organizational %s, "
            "A.6 people %s, A.7 physical %s, A.8 technological %s; %s new in 2022). Controls are "
            "selected through risk treatment; the Statement of Applicability (6.1.3 d) lists all of "
            "them and justifies every exclusion."
            % (counts_a.get("total"), counts_a.get("A.5 organizational"), counts_a.get("A.6 people"),
               counts_a.get("A.7 physical"), counts_a.get("A.8 technological"), counts_a.get("new_in_2022"))
        )
        clauses = [merged if c["id"] == "A" else c for c in clauses]

    root_attrs = [("xmlns", NS), ("id", cfg["id"])]
    if cfg.get("soa"):
        root_attrs.append(("statement-of-applicability", "true"))
    if cfg.get("replaced_by"):
        root_attrs.append(("replaced-by", cfg["replaced_by"]))
    root = Element("standard", root_attrs)
    root.add("designation", None, one_line(data["standard"], "standard"))
    if cfg.get("national"):
        root.add("national-designation", None, cfg["national"])
    title_en = cfg.get("title_en", data["title_en"])
    title_zh = cfg.get("title_zh", data["title_zh"])
    en_attrs = [("lang", "en")]
    if cfg.get("title_en_status"):
        en_attrs.append(("status", cfg["title_en_status"]))
    root.add("title", en_attrs, one_line(title_en, "title_en"))
    root.add("title", [("lang", "zh-CN")], one_line(title_zh, "title_zh"))
    if data.get("edition"):
        root.add("edition", None, one_line(data["edition"], "edition"))

    notes = [
        "Research data converted from %s%s (see NOTES.md of the standards research): clause numbers and "
        "short headings only, not the text of the standard. title-status / status: confirmed = seen in a "
        "listed source, inferred = identical harmonized-structure wording, unverified = not seen; verify "
        "flagged items against a purchased copy."
        % (cfg["yaml"], (" and " + cfg["annex"]) if cfg.get("annex") else ""),
        cfg["exclusions_note"],
    ]
    notes += cfg.get("extra_notes", [])
    if data.get("auditable_clauses"):
        notes.append("Auditable clauses: %s" % one_line(str(data["auditable_clauses"]), "auditable_clauses"))
    for key, label in (("chinese_national_adoption", "Chinese national adoption"),
                       ("what_this_tree_is", "What this tree is"),
                       ("confidence", "Confidence")):
        if data.get(key):
            notes.append("%s: %s" % (label, one_line(str(data[key]), key)))
    for n in data.get("notes") or []:
        notes.append(one_line(n, "notes"))
    if data.get("document_outline_unverified"):
        parts = []
        for item in data["document_outline_unverified"]:
            parts.append("%s %s" % (item["id"], one_line(item["title_zh"], item["id"])))
        notes.append("Document outline (chapter numbers unverified, not part of the tree): %s." % "; ".join(parts))
    if data.get("scoring_rules"):
        sr = data["scoring_rules"]
        grades = ", ".join("%s %s" % (k, v) for k, v in sr.get("grades", {}).items())
        notes.append("Scoring: %s; grades %s; special deduction: %s; special bonus: %s; exclusions: %s."
                     % (one_line(sr["formula"], "formula"), grades, one_line(sr["special_deduction"], "sd"),
                        one_line(sr["special_bonus"], "sb"), one_line(sr["exclusions"], "ex")))
    if annex is not None:
        for key, label in (("id_convention", "Annex A ids"),
                           ("chinese_national_adoption", "Annex A Chinese adoption"),
                           ("confidence", "Annex A confidence")):
            if annex.get(key):
                notes.append("%s: %s" % (label, one_line(str(annex[key]), key)))
    notes += sources_notes(data)
    if annex is not None:
        notes += sources_notes(annex, "Annex A ")
    for n in notes:
        root.add("note", None, n)

    extras = EXTRA_ALIASES.get(cfg["id"], {})
    used = set()
    counts = {"clauses": 0, "untitled": 0, "not_auditable": 0, "max_depth": 0,
              "extra_aliases": [], "spelling_aliases": 0}
    seen_ids = set()
    for c in clauses:
        root.children.append(convert_clause(c, None, cfg["id"], extras, used, counts, set(cfg.get("excludable", []))))

    def collect(el):
        for ch in el.children:
            if ch.tag == "clause":
                cid = dict(ch.attrs)["id"]
                if cid in seen_ids:
                    raise ConversionError("%s: duplicate clause id %s" % (cfg["id"], cid))
                seen_ids.add(cid)
                collect(ch)
    collect(root)
    for cid, items in extras.items():
        for lang, text, _ in items:
            if (cid, lang, text) not in used:
                raise ConversionError("%s: extra alias for unknown clause %s: %s" % (cfg["id"], cid, text))

    comment = ("Generated by scripts/convert-clause-trees.py from %s%s. Do not edit by hand: change the "
               "research data or the script's tables and regenerate." %
               (cfg["yaml"], (" and " + cfg["annex"]) if cfg.get("annex") else ""))
    return serialize(root, comment), counts


def validate(paths, schema):
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        raise ConversionError("xmllint not found (apt-get install libxml2-utils), or pass --no-validate")
    ok = True
    for p in paths:
        r = subprocess.run([xmllint, "--noout", "--nonet", "--schema", schema, p],
                           capture_output=True, text=True)
        if r.returncode != 0:
            ok = False
            sys.stderr.write(r.stderr)
    if not ok:
        raise ConversionError("schema validation failed")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE, help="directory with the research YAML (default %(default)s)")
    ap.add_argument("--output", default=DEFAULT_OUTPUT, help="directory for the XML files (default: %(default)s)")
    ap.add_argument("--schema", default=os.path.join(DEFAULT_OUTPUT, SCHEMA_NAME),
                    help="XSD to validate against (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help="do not write; fail if files on disk differ")
    ap.add_argument("--no-validate", action="store_true", help="skip the xmllint schema validation")
    ap.add_argument("--verbose", "-v", action="store_true", help="list the extra aliases added")
    args = ap.parse_args(argv)

    try:
        written = []
        stale = []
        for cfg in TREES:
            xml, counts = convert_tree(cfg, args.source)
            path = os.path.join(args.output, cfg["id"] + ".xml")
            if args.check:
                try:
                    with open(path, encoding="utf-8") as f:
                        current = f.read()
                except OSError:
                    current = ""
                if current != xml:
                    stale.append(path)
                    sys.stderr.writelines(difflib.unified_diff(
                        current.splitlines(True), xml.splitlines(True), path, "(generated)", n=1))
            else:
                os.makedirs(args.output, exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(xml)
            written.append(path)
            print("%-22s %3d clauses (%d untitled, %d not auditable, depth %d), %d extra aliases, %d spelling aliases"
                  % (cfg["id"], counts["clauses"], counts["untitled"], counts["not_auditable"],
                     counts["max_depth"], len(counts["extra_aliases"]), counts["spelling_aliases"]))
            if args.verbose:
                for cid, lang, text, origin in counts["extra_aliases"]:
                    print("    %-8s %-5s %-8s %s" % (cid, lang, origin, text))
        if stale:
            raise ConversionError("%d file(s) out of date; run scripts/convert-clause-trees.py" % len(stale))
        if not args.no_validate:
            validate(written, args.schema)
            print("validated %d file(s) against %s" % (len(written), os.path.basename(args.schema)))
    except ConversionError as e:
        sys.stderr.write("convert-clause-trees: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
