#!/usr/bin/env python3
"""Checks that WriteXlsx's workbooks open in readers other than libzip (ingest.xlsx_opens).

Runs the xlsx_sample program, then reads its workbook with Python's zipfile and ElementTree: every
part is well-formed XML, the content types and relationships lead from the package root to each
sheet, and the cells read back are the cells given. When openpyxl is installed it must load the
workbook with the same values; without it that part is skipped (said on stdout).
Usage: xlsx_check.py PATH/TO/xlsx_sample
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def cell_position(ref):
    """"C2" -> (1, 2): the row and column from 0."""
    parts = re.match(r"([A-Z]+)(\d+)$", ref)
    n = 0
    for ch in parts.group(1):
        n = n * 26 + ord(ch) - ord("A") + 1
    return int(parts.group(2)) - 1, n - 1


def grid(cells):
    """{(row, col): text} -> rows of text like the sample's, trailing empties dropped."""
    if not cells:
        return []
    rows = [[] for _ in range(max(r for r, _ in cells) + 1)]
    for (r, c), text in cells.items():
        rows[r] += [""] * (c + 1 - len(rows[r]))
        rows[r][c] = text
    return rows


def trimmed(rows):
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] == "":
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check_with_stdlib(path, expected):
    with zipfile.ZipFile(path) as z:
        if z.testzip() is not None:
            fail("a part's CRC does not match")
        names = set(z.namelist())
        parts = {name: ET.fromstring(z.read(name)) for name in names}  # raises if malformed
    types = parts["[Content_Types].xml"]
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT + "Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(CT + "Default")}
    for name in names:
        if "/" + name not in overrides and name.rsplit(".", 1)[-1] not in defaults:
            fail("no content type for " + name)
    root_rels = parts["_rels/.rels"]
    for r in root_rels.iter(PKG + "Relationship"):
        if r.get("Target").lstrip("/") not in names:
            fail("the package's relationship %s leads to no part" % r.get("Target"))
    targets = [r.get("Target") for r in root_rels.iter(PKG + "Relationship")
               if r.get("Type").endswith("/officeDocument")]
    if targets != ["xl/workbook.xml"]:
        fail("the package does not lead to xl/workbook.xml: %r" % targets)
    if not overrides.get("/xl/workbook.xml", "").endswith("sheet.main+xml"):
        fail("xl/workbook.xml is not typed as a workbook")
    book_rels = {r.get("Id"): r.get("Target")
                 for r in parts["xl/_rels/workbook.xml.rels"].iter(PKG + "Relationship")}
    sheets = list(parts["xl/workbook.xml"].iter(MAIN + "sheet"))
    if [s.get("name") for s in sheets] != [e["name"] for e in expected]:
        fail("sheet names %r" % [s.get("name") for s in sheets])
    bold_fonts = [i for i, f in enumerate(parts["xl/styles.xml"].iter(MAIN + "font"))
                  if f.find(MAIN + "b") is not None]
    xfs = list(parts["xl/styles.xml"].find(MAIN + "cellXfs"))
    for sheet, want in zip(sheets, expected):
        part = "xl/" + book_rels[sheet.get(REL + "id")]
        if part not in parts:
            fail("sheet %s: no part %s" % (sheet.get("name"), part))
        if not overrides.get("/" + part, "").endswith("worksheet+xml"):
            fail(part + " is not typed as a worksheet")
        cells = {}
        bold_refs = set()
        for c in parts[part].iter(MAIN + "c"):
            if c.get("t") != "inlineStr":
                fail("cell %s is not an inline string" % c.get("r"))
            text = "".join(t.text or "" for t in c.iter(MAIN + "t"))
            cells[cell_position(c.get("r"))] = text
            style = int(c.get("s", "0"))
            if int(xfs[style].get("fontId")) in bold_fonts:
                bold_refs.add(cell_position(c.get("r"))[0])
        got = trimmed(grid(cells))
        if got != trimmed(want["rows"]):
            fail("sheet %s: cells %r, expected %r" % (sheet.get("name"), got, want["rows"]))
        if want["bold_header"] and bold_refs != {0}:
            fail("sheet %s: bold rows %r, expected the first" % (sheet.get("name"), bold_refs))
        if not want["bold_header"] and bold_refs:
            fail("sheet %s: bold rows %r, expected none" % (sheet.get("name"), bold_refs))
    print("zipfile + ElementTree: %d sheets read back as written" % len(sheets))


def check_with_openpyxl(path, expected):
    try:
        import openpyxl  # noqa: F401 (optional: not a dependency of the project)
    except ImportError:
        print("openpyxl is not installed: skipped loading the workbook with it")
        return
    book = openpyxl.load_workbook(path)
    if book.sheetnames != [e["name"] for e in expected]:
        fail("openpyxl sheet names %r" % book.sheetnames)
    for want in expected:
        ws = book[want["name"]]
        got = trimmed([[("" if v is None else str(v)) for v in row]
                       for row in ws.iter_rows(values_only=True)])
        if got != trimmed(want["rows"]):
            fail("openpyxl sheet %s: %r" % (want["name"], got))
        if want["bold_header"] and not ws["A1"].font.b:
            fail("openpyxl: A1 of %s is not bold" % want["name"])
    print("openpyxl: loaded, same cells")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = os.path.join(tmp, "sample.xlsx")
        want = os.path.join(tmp, "sample.json")
        subprocess.run([sys.argv[1], xlsx, want], check=True)
        with open(want, encoding="utf-8") as f:
            expected = json.load(f)
        check_with_stdlib(xlsx, expected)
        check_with_openpyxl(xlsx, expected)


if __name__ == "__main__":
    main()
