#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_source_rows (fuzz/corpus/fuzz_source_rows/): department files
for the medical_insurance contract as the target reads them (first byte 0: the file as it is, 1:
CSV rows after the contract's header line, 2: tab-separated cells the target zips into a sheet).
CSV in UTF-8 (with and without a byte order mark) and in GBK, a small workbook zipped with
Python's zipfile, and rows that break rules. Run it from the repository's root; the files are
committed."""
import io
import os
import zipfile

OUT = "fuzz/corpus/fuzz_source_rows"
EXAMPLE = "config/sources/examples/medical_insurance.csv"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def workbook(sheet_data, styles):
    parts = {
        "[Content_Types].xml": XML + '<Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": XML + f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": XML + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="结算明细" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": XML + f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": XML + f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_data}'
        "</sheetData></worksheet>",
        "xl/styles.xml": XML + f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()


def inline(text):
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


HEADERS = ["身份证号", "姓名", "参保类型", "就诊类型", "就诊机构", "医疗费用总额（元）",
           "统筹基金支付（元）", "个人自付金额（元）", "结算日期"]
SHEET = ("<row>" + "".join(inline(h) for h in HEADERS) + "</row>"
         "<row>" + inline("630121196203142319") + inline("马福海") + inline("城乡居民医保")
         + inline("住院") + inline("大通县人民医院") + "<c><v>18650.4</v></c><c><v>13055.28</v></c>"
         '<c><f>F2-G2</f><v>5595.12</v></c><c s="1"><v>46083</v></c></row>'
         "<row>" + '<c><v>6.3012119620314202E+17</v></c>' + inline("韩秀英") + inline("居民医保")
         + '<c t="e"><v>#N/A</v></c><c/><c><v>-5</v></c><c><v>1.005</v></c><c><f>1/0</f></c>'
         '<c t="b"><v>1</v></c></row>')
STYLES = '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'

with open(EXAMPLE, "rb") as f:
    example = f.read()
example_text = example.decode("utf-8")

BAD_ROWS = ("630121196203142318,马福海,居民医保,急诊,,1.234,,-3,2026-02-30\n"
            "63280119930415208x,卓玛,,,,\"1,234.5元\",,￥12,2026年3月1日\n"
            "6.30121E+17,,职工医保,住院,医院,abc,0,0,20990101,extra,cells\n"
            "630121196203142319,\"马\"福海\",居民医保,住院,,1,1,1,2026/3/1\n")

SEEDS = {
    "csv_utf8": b"\x00" + example,
    "csv_utf8_bom_crlf": b"\x00\xEF\xBB\xBF" + example_text.replace("\n", "\r\n").encode("utf-8"),
    "csv_gbk": b"\x00" + example_text.encode("gbk"),
    "rows_after_header": b"\x01" + BAD_ROWS.encode("utf-8"),
    "rows_after_header_gbk": b"\x01" + BAD_ROWS.encode("gbk"),
    "xlsx_raw": b"\x00" + workbook(SHEET, STYLES),
    "xlsx_cells": b"\x02" + ("630121196203142319\t马福海\t居民医保\t住院\t医院\t#n18650.4\t#n0\t"
                             "#n5595.12\t#d46083\n"
                             "#n630121196203142000\t韩秀英\t#e#N/A\t#btrue\t\t#n-1\t#n1e+21\t"
                             "#n0.30000000000000004\t#n20260301\n"
                             "630121196203142319\t马福海\t\t\t\t#n1\t\t#n1\t#d-1\n").encode("utf-8"),
}

os.makedirs(OUT, exist_ok=True)
for name, data in SEEDS.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
