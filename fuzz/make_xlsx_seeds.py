#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_xlsx_reader (fuzz/corpus/fuzz_xlsx_reader/): tiny workbooks
zipped with Python's zipfile (first byte 0: the file as it is) and structured inputs (first byte
1 or 3: sheet data, shared strings, number formats and cell formats separated by "\\n--\\n", which
the target zips itself). Run it from the repository's root; the files are committed."""
import io
import os
import zipfile

OUT = "fuzz/corpus/fuzz_xlsx_reader"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def workbook(sheets, shared=None, styles=None, date1904=False):
    parts = {
        "[Content_Types].xml": XML + '<Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": XML + f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    }
    book = XML + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    book += '<workbookPr date1904="1"/>' if date1904 else ""
    book += "<sheets>"
    rels = XML + f'<Relationships xmlns="{PKG}">'
    for i, (name, data) in enumerate(sheets, 1):
        book += f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
        rels += f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            XML + f'<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>')
    if shared is not None:
        rels += f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        parts["xl/sharedStrings.xml"] = XML + f'<sst xmlns="{MAIN}">{shared}</sst>'
    if styles is not None:
        rels += f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
        parts["xl/styles.xml"] = XML + f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
    parts["xl/workbook.xml"] = book + "</sheets></workbook>"
    parts["xl/_rels/workbook.xml.rels"] = rels + "</Relationships>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()


STYLES = ('<numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日'
          '&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
          '<xf numFmtId="22"/></cellXfs>')
CELLS = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
         '<row r="3"><c r="A3" t="inlineStr"><is><t>张三</t></is></c><c r="B3" s="1"><v>45000</v>'
         '</c><c r="D3" s="3"><v>45000.5</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c>'
         '<c><f>A1</f></c><c t="str"><f>A1</f><v>x</v></c></row>')
SHARED = ('<si><t>身份证号</t></si><si><r><t>姓</t></r><r><t xml:space="preserve">名 </t></r>'
          '<rPh><t>xing</t></rPh></si>')

SEEDS = {
    "raw_cells": b"\x00" + workbook([("名单", CELLS)], SHARED, STYLES),
    "raw_two_sheets_1904": b"\x00" + workbook(
        [("A", '<row><c s="1"><v>1</v></c></row>'), ("B", "<row><c><v>2</v></c></row>")],
        None, STYLES, date1904=True),
    "raw_empty": b"\x00" + workbook([("Sheet1", "")]),
    "raw_xls_header": b"\x00\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 24,
    "structured_cells": b"\x01" + "\n--\n".join(
        [CELLS, SHARED, '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>',
         '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="22"/>']
    ).encode("utf-8"),
    "structured_1904": b"\x03" + '<row r="2"><c r="C2" s="1"><v>0.25</v></c></row>\n--\n\n--\n'
    '\n--\n<xf numFmtId="0"/><xf numFmtId="47"/>'.encode("utf-8"),
    "structured_escapes": b"\x01" + ('<row><c t="inlineStr"><is><t>a_x000D_b_xD840__xDC00_</t>'
                                     '</is></c><c r="XFD1"><v>1E3</v></c></row>').encode("utf-8"),
}

os.makedirs(OUT, exist_ok=True)
for name, data in SEEDS.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
