#!/usr/bin/env python3
"""Makes the Word versions of two example documents, as a company would have them before docctl.

    python3 -m venv /tmp/v && /tmp/v/bin/pip install python-docx
    /tmp/v/bin/python examples/word/make_word_examples.py

writes examples/word/QP-06-change.docx and examples/word/manual.docx from manual-src/: a cover
table (文件编号, 版本, 修订状态, 受控状态, 密级, dates, 编制/审核/批准 with names and dates), a 文档修改
记录 table, a table of contents field, then the body. The procedure has bold numbered paragraphs
and typed a)/1) lists (no styles, as many procedures are typed); the manual has Heading styles
tied to Word's automatic multilevel numbering (the numbers are not in the text). Output is
deterministic (fixed core properties), so the committed files only change when this script does.
"""
import datetime
import re
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "manual-src"
OUT = Path(__file__).resolve().parent


def simple_yaml(path):
    """The few fields of document.yaml / history.yaml the cover needs (no YAML library needed)."""
    text = path.read_text(encoding="utf-8")
    fields = {}
    for key in ["number", "title", "classification", "issued", "effective"]:
        m = re.search(rf"^{key}: (.+)$", text, re.M)
        if m:
            fields[key] = m.group(1).strip()
    for role in ["prepared", "reviewed", "approved"]:
        m = re.search(rf"{role}: {{ name: ([^,]+), date: ([0-9-]+) }}", text)
        if m:
            fields[role] = (m.group(1).strip(), m.group(2))
    return fields


def history(path):
    entries = []
    for block in ("\n" + path.read_text(encoding="utf-8")).split("\n- ")[1:]:
        entry = {}
        for line in ("  " + block).splitlines():
            m = re.match(r"\s+(revision|date|change|sections|author|approver): (.*)$", line)
            if m:
                entry[m.group(1)] = m.group(2).strip().strip('"')
        entries.append(entry)
    return entries


def chinese_date(iso):
    y, m, d = iso.split("-")
    return f"{y}年{int(m)}月{int(d)}日"


def set_cell(cell, text, bold=False):
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold


def cover(document, fields, revision, title):
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("星桥云服信息技术有限公司").bold = True
    t = document.add_paragraph(style="Title")
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t.add_run(title)
    edition, count = revision.split("/")
    prepared, reviewed, approved = fields["prepared"], fields["reviewed"], fields["approved"]
    rows = [
        ("文件编号", fields["number"], "文件版本", edition),
        ("修订状态", count, "受控状态", "受控"),
        ("密    级", fields["classification"], "分 发 号", "01"),
        ("发布日期", fields["issued"].replace("-", "- ", 1), "实施日期", chinese_date(fields["effective"])),
        ("编制", f"{prepared[0]} {prepared[1]}", "审核", f"{reviewed[0]} {chinese_date(reviewed[1])}"),
        ("批准", approved[0], "日期", approved[1].replace("-", ".")),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            set_cell(table.cell(r, c), value, bold=(c % 2 == 0))


def history_table(document, entries):
    document.add_paragraph().add_run("文档修改记录").bold = True
    columns = ["序号", "版本号", "修订状态", "修改页码及章节", "修改内容", "修改日期", "修改人", "批准人"]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for c, name in enumerate(columns):
        set_cell(table.cell(0, c), name, bold=True)
    for i, e in enumerate(entries, 1):
        edition, count = e["revision"].split("/")
        cells = table.add_row().cells
        for c, value in enumerate([str(i), edition, count, e.get("sections", ""), e["change"], e["date"], e["author"], e.get("approver", "")]):
            set_cell(cells[c], value)
    for _ in range(2):  # the blank rows of the company template
        table.add_row()


def toc(document):
    document.add_paragraph().add_run("目  录").bold = True
    p = document.add_paragraph()
    for kind, text in [("begin", None), (None, ' TOC \\o "1-3" \\h \\z \\u '), ("separate", None)]:
        run = p.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    p.add_run("（目录由 Word 更新域生成）\t1")
    end = p.add_run()
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), "end")
    end._r.append(el)
    document.add_page_break()


INLINE = re.compile(r"(\*\*[^*]+\*\*|\[\[[^\]]+\]\])")


def add_inline(paragraph, text, titles):
    for piece in INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("[["):
            target = piece[2:-2]
            paragraph.add_run(f"《{titles[target]}》（{target}）" if target in titles else target)
        else:
            paragraph.add_run(piece)


def body(document, markdown, titles, media, heading, numbered_headings):
    lines = markdown.splitlines()
    i = 0
    letters = "abcdefghijklmnopqrstuvwxyz"
    counter = inner = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("{{"):
            # The appendices a Word manual keeps by hand, where docctl generates them.
            generated_table(document, line.strip()[2:-2], titles)
            i += 1
            continue
        if not line.strip():
            i += 1
            counter = 0
            continue
        m = re.match(r"^(#+) (.*)$", line)
        if m:
            heading(document, len(m.group(1)), m.group(2))
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    set_cell(table.cell(r, c), re.sub(r"\[\[([^\]]+)\]\]", r"\1", value), bold=(r == 0))
            continue
        m = re.match(r"^!\[([^\]]*)\]\(([^)]+)\)$", line)
        if m:
            document.add_picture(str(media / m.group(2)), width=Cm(14))
            document.add_paragraph(f"图1 {m.group(1)}").alignment = WD_ALIGN_PARAGRAPH.CENTER
            i += 1
            continue
        m = re.match(r"^(\s*)(\d+\.|-) (.*)$", line)
        if m:
            indent = len(m.group(1)) // 3
            if indent == 0:
                counter, inner = counter + 1, 0
                marker = f"{letters[counter - 1]})"
            else:
                inner += 1
                marker = f"{inner})"
            p = document.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.74 * (indent + 1))
            add_inline(p, f"{marker} {m.group(3)}", titles)
            i += 1
            continue
        add_inline(document.add_paragraph(), line, titles)
        i += 1


def generated_table(document, name, titles):
    if name == "procedure-list":
        rows = [["文件编号", "文件名称"]] + [[n, t] for n, t in sorted(titles.items()) if n.startswith("QP-")]
    elif name == "record-list":
        rows = [["记录编号", "记录名称", "保存期限"]]
        for m in re.finditer(r"id: (REC-\d+), title: ([^,]+),.*?retention: (\d+) years", (SRC / "records.yaml").read_text(encoding="utf-8")):
            rows.append([m.group(1), m.group(2), f"{m.group(3)} 年"])
    elif name == "responsibility-matrix":
        lines = (SRC / "responsibilities.csv").read_text(encoding="utf-8").splitlines()
        names = dict(re.findall(r"id: (\w+), name: ([^,]+),", (SRC / "organization.yaml").read_text(encoding="utf-8")))
        header = lines[0].split(",")
        rows = [["条款", "标题"] + [names.get(h, h) for h in header[2:]]] + [l.split(",") for l in lines[1:]]
    else:
        document.add_paragraph("组织架构图由综合管理部另行发布。")
        return
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row[: len(rows[0])]):
            set_cell(table.cell(r, c), value, bold=(r == 0))


def numbering_for_headings(document):
    """A multilevel list 1 / 1.1 / 1.1.1 tied to Heading 1-3, as Word's 'Chapter' list does."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for level in range(3):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in [("w:start", "1"), ("w:numFmt", "decimal"), ("w:pStyle", f"Heading{level + 1}"),
                           ("w:lvlText", ".".join(f"%{n + 1}" for n in range(level + 1))), ("w:lvlJc", "left")]:
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            lvl.append(el)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    for level in range(3):
        style = document.styles[f"Heading {level + 1}"]
        pPr = style.element.get_or_add_pPr()
        numPr = OxmlElement("w:numPr")
        for tag, value in [("w:ilvl", str(level)), ("w:numId", "90")]:
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            numPr.append(el)
        pPr.insert(0, numPr)


def fixed_properties(document):
    props = document.core_properties
    props.author = "星桥云服"
    props.last_modified_by = "星桥云服"
    props.created = props.modified = datetime.datetime(2026, 1, 1)
    props.revision = 1


def titles_of_set():
    titles = {}
    for yaml in SRC.glob("**/document.yaml"):
        f = simple_yaml(yaml)
        titles[f["number"]] = f["title"]
    return titles


def procedure(folder, out):
    fields = simple_yaml(folder / "document.yaml")
    entries = history(folder / "history.yaml")
    document = docx.Document()
    fixed_properties(document)
    cover(document, fields, entries[-1]["revision"], fields["title"])
    history_table(document, entries)
    toc(document)

    def heading(doc, level, text):
        # Typed numbers, bold, no heading style: how many procedures are written.
        doc.add_paragraph().add_run(text).bold = True

    body(document, (folder / "body.md").read_text(encoding="utf-8"), titles_of_set(), folder, heading, False)
    document.save(out)


def manual(out):
    folder = SRC / "manual"
    fields = simple_yaml(folder / "document.yaml")
    entries = history(folder / "history.yaml")
    document = docx.Document()
    fixed_properties(document)
    numbering_for_headings(document)
    cover(document, fields, entries[-1]["revision"], fields["title"])
    history_table(document, entries)
    toc(document)

    def heading(doc, level, text):
        m = re.match(r"^(\d+(?:\.\d+)*)\s+(.*)$", text)
        if m and not m.group(1).startswith("0"):
            doc.add_paragraph(m.group(2), style=f"Heading {min(level, 3)}")  # Word adds the number
        else:
            p = doc.add_paragraph(style=f"Heading {min(level, 3)}")
            p.add_run(text)
            pPr = p._p.get_or_add_pPr()
            numPr = OxmlElement("w:numPr")
            for tag, value in [("w:ilvl", "0"), ("w:numId", "0")]:  # numbering switched off
                el = OxmlElement(tag)
                el.set(qn("w:val"), value)
                numPr.append(el)
            pPr.insert(0, numPr)

    markdown = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md")))
    body(document, markdown, titles_of_set(), folder, heading, True)
    document.save(out)


def normalize_zip(path):
    """Same bytes on every run: fixed entry dates and order (python's zipfile stamps the clock)."""
    import zipfile
    with zipfile.ZipFile(path) as zin:
        entries = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


if __name__ == "__main__":
    procedure(SRC / "procedures" / "QP-06-change", OUT / "QP-06-change.docx")
    manual(OUT / "manual.docx")
    normalize_zip(OUT / "QP-06-change.docx")
    normalize_zip(OUT / "manual.docx")
    print("wrote", OUT / "QP-06-change.docx", "and", OUT / "manual.docx", file=sys.stderr)
