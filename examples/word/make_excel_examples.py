#!/usr/bin/env python3
"""Makes the Excel versions of the example's responsibility matrix and records register, as a
company keeps them before docctl (standard library only; no openpyxl needed):

    python3 examples/word/make_excel_examples.py

writes examples/word/responsibilities.xlsx (职责分配表) and examples/word/records.xlsx (记录清单)
from manual-src/. They have what real sheets have: a title row above the header, a two-row header
with 责任部门 merged over the department names (written as names, not ids), a 序号 column, clause
ids typed as numbers (8.10 kept by a 0.00 format on that cell, the rest General), a legend row
under the table, a vertically merged mark; the register's columns in another order, 保存期限
as a number under 保存期限（年） where it is whole years, and departments by name. Output is
deterministic (fixed timestamps), so the committed files only change when this script does.
"""
import csv
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "manual-src"
OUT = Path(__file__).resolve().parent
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def departments():
    names = {}
    current = None
    for line in (SOURCE / "organization.yaml").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"\s*- id: (\S+)", line):
            current = m.group(1)
        elif current and (m := re.match(r"\s+name: (\S+)", line)):
            names[current] = m.group(1)
            current = None
    return names


def column(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


class Book:
    """Cells as (value, kind): kind 's' text, 'n' number General, 'n2' number 0.00, 'n1' 0.0."""

    def __init__(self, title):
        self.title = title
        self.rows = []
        self.merges = []
        self.strings = []

    def string(self, text):
        if text not in self.strings:
            self.strings.append(text)
        return self.strings.index(text)

    def sheet_xml(self):
        style = {"n": 0, "n1": 1, "n2": 2}
        out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>']
        for r, row in enumerate(self.rows, start=1):
            out.append(f'<row r="{r}">')
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                value, kind = cell
                ref = f"{column(c)}{r}"
                if kind == "s":
                    out.append(f'<c r="{ref}" t="s"><v>{self.string(value)}</v></c>')
                else:
                    out.append(f'<c r="{ref}" s="{style[kind]}"><v>{value}</v></c>')
            out.append("</row>")
        out.append("</sheetData>")
        if self.merges:
            out.append(f'<mergeCells count="{len(self.merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in self.merges) + "</mergeCells>")
        out.append("</worksheet>")
        return "".join(out)

    def write(self, path):
        sheet = self.sheet_xml()
        shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" count="{len(self.strings)}" uniqueCount="{len(self.strings)}">'
                  + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in self.strings) + "</sst>")
        parts = {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
            "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="{escape(self.title)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
            "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs></styleSheet>',
            "xl/worksheets/sheet1.xml": sheet,
            "xl/sharedStrings.xml": shared,
        }
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, text in parts.items():
                info = zipfile.ZipInfo(name, date_time=(2026, 6, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, text.encode("utf-8"))


def clause_cell(clause):
    """A clause id as a person types it into Excel: a number where it is one."""
    if re.fullmatch(r"\d+", clause):
        return (clause, "n")
    if re.fullmatch(r"\d+\.\d+", clause):
        # 8.10 typed as a number only survives with a format that shows two decimals.
        return (clause, "n2") if clause.endswith("0") else (clause, "n")
    return (clause, "s")


def matrix():
    names = departments()
    rows = list(csv.reader((SOURCE / "responsibilities.csv").read_text(encoding="utf-8-sig").splitlines()))
    header, body = rows[0], rows[1:]
    ids = header[2:]
    book = Book("职责分配表")
    book.rows.append([("星桥云服 IT服务管理体系 职责分配表", "s")])
    book.rows.append([("序号", "s"), ("条款", "s"), ("条款名称", "s"), ("责任部门", "s")] + [None] * (len(ids) - 1))
    book.rows.append([None, None, None] + [(names.get(i, i), "s") for i in ids])
    last = column(3 + len(ids) - 1)
    book.merges += ["A1:" + last + "1", "A2:A3", "B2:B3", "C2:C3", "D2:" + last + "2"]
    for n, row in enumerate(body, start=1):
        marks = row[2:] + [""] * (len(ids) - len(row[2:]))
        book.rows.append([(str(n), "n"), clause_cell(row[0]), (row[1], "s")] + [(m, "s") if m else None for m in marks])
    book.rows.append([None, ("注：●主责 ○配合", "s")])
    book.write(OUT / "responsibilities.xlsx")


def records():
    names = departments()
    book = Book("记录清单")
    book.rows.append([("记录清单", "s")])
    book.merges.append("A1:G1")
    book.rows.append([(h, "s") for h in ["序号", "记录名称", "记录编号", "表单编号", "保管部门", "保存期限（年）", "产生记录的程序文件"]])
    pattern = re.compile(r"- \{ id: ([^,]+), title: ([^,]+), owner: ([^,]+), retention: ([^,]+), procedure: ([^,]+), form: ([^ ]+) \}")
    n = 0
    for line in (SOURCE / "records.yaml").read_text(encoding="utf-8").splitlines():
        m = pattern.match(line)
        if not m:
            continue
        n += 1
        rid, title, owner, retention, procedure, form = m.groups()
        years = re.fullmatch(r"(\d+) years?", retention)
        kept = (years.group(1), "n") if years else ({"permanent": "永久"}.get(retention, retention.replace(" months", "个月")), "s")
        book.rows.append([(str(n), "n"), (title, "s"), (rid, "s"), (form, "s"), (names.get(owner, owner), "s"), kept, (procedure, "s")])
    book.write(OUT / "records.xlsx")


if __name__ == "__main__":
    matrix()
    records()
