#!/usr/bin/env python3
"""Writes the workbook fixtures: fixtures/applications.xlsx, fixtures/inventory/inventory.xlsx
and the test workbooks in fixtures/xlsx/, with the reference values tests compare against
(fixtures/xlsx/*.expected.json, read back with openpyxl where openpyxl reads the file).

Needs xlsxwriter, openpyxl and msoffcrypto-tool (pip install xlsxwriter openpyxl msoffcrypto-tool). Run from the repository root:
    python3 scripts/make-xlsx-fixtures.py
The generated files are committed, so tests need no Python.
"""
import csv
import datetime as dt
import json
import os
import re
import zipfile

import openpyxl
import xlsxwriter
from msoffcrypto.format.ooxml import OOXMLFile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")
OUT = os.path.join(FIXTURES, "xlsx")
FIXED_TIME = dt.datetime(2024, 6, 1, 12, 0, 0)


def workbook(path, **options):
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, **options})
    book.set_properties({"created": FIXED_TIME})
    return book


def ddmmyyyy(text):
    try:
        return dt.datetime.strptime(text, "%d.%m.%Y")
    except ValueError:
        return None


def applications():
    """The applications export as Excel writes it: typed numbers and booleans, real date cells."""
    with open(os.path.join(FIXTURES, "applications.csv"), newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    book = workbook(os.path.join(FIXTURES, "applications.xlsx"))
    bold = book.add_format({"bold": True})
    date = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet = book.add_worksheet("Applications")
    header = rows[0]
    sheet.write_row(0, 0, header, bold)
    for r, row in enumerate(rows[1:], start=1):
        for c, (name, text) in enumerate(zip(header, row)):
            if text == "":
                continue
            if name in ("annual_cost", "crit") and re.fullmatch(r"-?\d+(\.\d+)?", text):
                sheet.write_number(r, c, float(text))
            elif name == "active" and text.lower() in ("true", "yes", "1"):
                sheet.write_boolean(r, c, True)
            elif name == "active" and text.lower() in ("false", "no", "0"):
                sheet.write_boolean(r, c, False)
            elif name in ("go_live", "plan") and ddmmyyyy(text):
                sheet.write_datetime(r, c, ddmmyyyy(text), date)
            else:
                sheet.write_string(r, c, text)
    notes = book.add_worksheet("Notes")
    notes.write_string(0, 0, "Exported from the application inventory")
    book.close()


def inventory():
    """The inventory with the same cell texts as the CSV form, so every form gives the same LDIF."""
    with open(os.path.join(FIXTURES, "inventory", "inventory.csv"), newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    book = workbook(os.path.join(FIXTURES, "inventory", "inventory.xlsx"))
    date = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet = book.add_worksheet("Inventory")
    header = rows[0]
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rows[1:], start=1):
        for c, (name, text) in enumerate(zip(header, row)):
            if text == "":
                continue
            if name in ("cost", "users"):
                sheet.write_number(r, c, float(text))
            elif name == "active":
                sheet.write_boolean(r, c, text in ("yes", "true"))
            elif name == "since":
                sheet.write_datetime(r, c, ddmmyyyy(text), date)
            else:
                sheet.write_string(r, c, text)
    book.close()


def values_workbook():
    """Every kind of cell xlsxwriter writes as Excel does, in the 1900 date system."""
    path = os.path.join(OUT, "values.xlsx")
    book = workbook(path)
    fmt = {name: book.add_format({"num_format": code}) for name, code in {
        "date": "yyyy-mm-dd", "builtin14": 14, "datetime": "yyyy-mm-dd hh:mm:ss.000", "time": "hh:mm:ss",
        "elapsed": "[h]:mm:ss", "percent": "0.00%", "money": '"$"#,##0.00', "text": "@", "ampm": "h:mm AM/PM",
        "quoted": '0.0" days"', "longdate": "dddd, mmmm d, yyyy",
    }.items()}
    sheet = book.add_worksheet("Values")
    sheet.write_row(0, 0, ["kind", "value"])
    rows = [
        ("integer", lambda r: sheet.write_number(r, 1, 15)),
        ("decimal", lambda r: sheet.write_number(r, 1, 22.2222)),
        ("tenth", lambda r: sheet.write_number(r, 1, 0.1)),
        ("negative", lambda r: sheet.write_number(r, 1, -3.5)),
        ("large", lambda r: sheet.write_number(r, 1, 1e20)),
        ("long id", lambda r: sheet.write_number(r, 1, 1234567890123456)),
        ("tiny", lambda r: sheet.write_number(r, 1, 1.5e-7)),
        ("percent", lambda r: sheet.write_number(r, 1, 0.125, fmt["percent"])),
        ("money", lambda r: sheet.write_number(r, 1, 1999.9, fmt["money"])),
        ("quoted days", lambda r: sheet.write_number(r, 1, 2.5, fmt["quoted"])),
        ("leading zeros", lambda r: sheet.write_string(r, 1, "007")),
        ("spaces", lambda r: sheet.write_string(r, 1, "  padded  ")),
        ("true", lambda r: sheet.write_boolean(r, 1, True)),
        ("false", lambda r: sheet.write_boolean(r, 1, False)),
        ("date", lambda r: sheet.write_datetime(r, 1, dt.datetime(2019, 3, 1), fmt["date"])),
        ("builtin date", lambda r: sheet.write_datetime(r, 1, dt.datetime(2024, 2, 29), fmt["builtin14"])),
        ("long date", lambda r: sheet.write_datetime(r, 1, dt.datetime(2001, 9, 9), fmt["longdate"])),
        ("datetime", lambda r: sheet.write_datetime(r, 1, dt.datetime(2021, 6, 15, 8, 30, 0), fmt["datetime"])),
        ("midnight", lambda r: sheet.write_datetime(r, 1, dt.datetime(2021, 6, 15), fmt["datetime"])),
        ("millis", lambda r: sheet.write_datetime(r, 1, dt.datetime(2021, 6, 15, 8, 30, 0, 250000), fmt["datetime"])),
        ("time", lambda r: sheet.write_datetime(r, 1, dt.time(17, 45, 30), fmt["time"])),
        ("am pm", lambda r: sheet.write_number(r, 1, 0.75, fmt["ampm"])),
        ("elapsed", lambda r: sheet.write_number(r, 1, 10.42372685, fmt["elapsed"])),
        ("serial 59", lambda r: sheet.write_number(r, 1, 59, fmt["date"])),
        ("serial 60", lambda r: sheet.write_number(r, 1, 60, fmt["date"])),
        ("serial 61", lambda r: sheet.write_number(r, 1, 61, fmt["date"])),
        ("text format", lambda r: sheet.write_string(r, 1, "12", fmt["text"])),
        ("formula", lambda r: sheet.write_formula(r, 1, "=6*7", None, 42)),
        ("formula text", lambda r: sheet.write_formula(r, 1, '="a"&"b"', None, "ab")),
        ("formula error", lambda r: sheet.write_formula(r, 1, "=1/0", None, "#DIV/0!")),
        ("na error", lambda r: sheet.write_formula(r, 1, "=NA()", None, "#N/A")),
        ("escape", lambda r: sheet.write_string(r, 1, "carriage\rreturn")),
        ("literal escape", lambda r: sheet.write_string(r, 1, "a_x0041_b")),
        ("unicode", lambda r: sheet.write_string(r, 1, "Zürich 東京 📦")),
        ("rich", lambda r: sheet.write_rich_string(r, 1, "plain ", book.add_format({"bold": True}), "bold", " tail")),
    ]
    row = 1
    for kind, write in rows:
        sheet.write_string(row, 0, kind)
        write(row)
        row += 1
        if kind == "tiny":
            row += 1  # an empty row: not a record, still counted
    sheet.write_blank(row, 0, None, fmt["date"])  # a styled cell without a value
    row += 1
    sheet.merge_range(row, 0, row, 2, "merged")
    sheet.write_string(row + 1, 3, "sparse")  # only column D
    book.close()
    return path


def dates1904():
    path = os.path.join(OUT, "dates1904.xlsx")
    book = workbook(path, date_1904=True)
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet = book.add_worksheet("Dates")
    sheet.write_row(0, 0, ["what", "when"])
    sheet.write_string(1, 0, "epoch")
    sheet.write_number(1, 1, 0, date)
    sheet.write_string(2, 0, "go live")
    sheet.write_datetime(2, 1, dt.datetime(2019, 3, 1), date)
    sheet.write_string(3, 0, "cut over")
    sheet.write_datetime(3, 1, dt.datetime(2020, 1, 31, 23, 59), stamp)
    book.close()
    return path


def leanix_layout():
    """LeanIX's own export layout: field keys in row 1, labels in row 2, data from row 3."""
    path = os.path.join(OUT, "leanix-layout.xlsx")
    book = workbook(path)
    sheet = book.add_worksheet("Application")
    sheet.write_row(0, 0, ["id", "type", "name", "lifecycle:active"])
    sheet.write_row(1, 0, ["ID", "Type", "Name", "Lifecycle: Active"])
    sheet.write_row(2, 0, ["28fe4aa2", "Application", "HR Portal"])
    sheet.write_datetime(2, 3, dt.datetime(2019, 3, 1), book.add_format({"num_format": "yyyy-mm-dd"}))
    sheet.write_row(3, 0, ["8c2bd5bd", "Application", "Billing"])
    other = book.add_worksheet("ReadMe")
    other.write_string(0, 0, "not data")
    book.close()
    return path


def sheets_workbook():
    path = os.path.join(OUT, "sheets.xlsx")
    book = workbook(path)
    for name, rows in [("Europe", [["id", "name"], ["e1", "Paris"], ["e2", "Rome"]]),
                       ("Asia", [["id", "name", ""], ["a1", "Tokyo"]]),
                       ("Empty", [])]:
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
    headers = book.add_worksheet("Headers")
    headers.write_row(0, 0, ["name", "", "name"])
    headers.write_row(1, 0, ["x", "y", "z"])
    book.close()
    return path


# Hand-written parts: what other writers do (strict namespaces, prefixes, inline strings,
# no shared strings, no r attributes, parts outside xl/ with absolute targets).
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def write_zip(path, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 6, 1, 12, 0, 0))
            info.compress_type = compression
            archive.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)


def content_types(extra=""):
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' + extra + '</Types>')


def strict_inline():
    """Strict namespaces, an `x:` prefix, the workbook in book/ with absolute targets, no shared
    strings, inline and rich inline strings, CDATA, cells and rows without r, xml:space."""
    path = os.path.join(OUT, "strict-inline.xlsx")
    sheet = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="{STRICT_MAIN}"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>note</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>n</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c t="inlineStr"><x:is><x:t><![CDATA[a <b> & c]]></x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>  trimmed  </x:t></x:is></x:c><x:c><x:v>3.25</x:v></x:c></x:row>
<x:row><x:c r="A3" t="inlineStr"><x:is><x:r><x:t xml:space="preserve">rich </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>run</x:t></x:r><x:rPh sb="0" eb="1"><x:t>フリガナ</x:t></x:rPh></x:is></x:c><x:c r="B3" t="inlineStr"><x:is><x:t xml:space="preserve">  kept  </x:t></x:is></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c></x:row>
<x:row r="5"><x:c r="C5" t="inlineStr"><x:is><x:t>line_x000D__x000A_break</x:t></x:is></x:c><x:c r="A5" t="d"><x:v>2024-02-29T10:15:00</x:v></x:c></x:row>
<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:t>   </x:t></x:is></x:c><x:c r="B6" t="str"><x:f>A1</x:f><x:v>from formula</x:v></x:c></x:row>
<x:row r="7"><x:c r="A7" t="e"><x:v>#REF!</x:v></x:c></x:row>
</x:sheetData></x:worksheet>'''
    workbook_xml = f'''<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="{STRICT_MAIN}" xmlns:rel="{STRICT_REL}"><x:sheets><x:sheet name="Strict" sheetId="1" rel:id="rId7"/></x:sheets></x:workbook>'''
    parts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/book/main.xml"/></Relationships>',
        "book/main.xml": workbook_xml,
        "book/_rels/main.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId7" '
        f'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/book/sheets/one.xml"/></Relationships>',
        "book/sheets/one.xml": sheet,
    }
    write_zip(path, parts)
    cells = {
        "Strict!A1": ["string", "name"], "Strict!B1": ["string", "note"], "Strict!C1": ["string", "n"],
        "Strict!A2": ["string", "a <b> & c"], "Strict!B2": ["string", "trimmed"], "Strict!C2": ["number", "3.25"],
        "Strict!A3": ["string", "rich run"], "Strict!B3": ["string", "  kept  "], "Strict!C3": ["bool", "true"],
        "Strict!A5": ["string", "2024-02-29T10:15:00"], "Strict!C5": ["string", "line\r\nbreak"],
        "Strict!B6": ["string", "from formula"],
    }
    return path, {"cells": cells, "errors": ["Strict!A7 #REF!"]}


def shared_prefixed():
    """Transitional namespaces with odd prefixes, shared strings with rich and phonetic runs,
    a blank-only text without xml:space, styles with a custom date format, relative ../ targets."""
    path = os.path.join(OUT, "shared-prefixed.xlsx")
    sst = f'''<?xml version="1.0" encoding="UTF-8"?>
<ss:sst xmlns:ss="{MAIN}" count="5" uniqueCount="5">
<ss:si><ss:t>id</ss:t></ss:si>
<ss:si><ss:t>label</ss:t></ss:si>
<ss:si><ss:r><ss:t>東京</ss:t></ss:r><ss:r><ss:t xml:space="preserve"> Gateway</ss:t></ss:r><ss:rPh sb="0" eb="2"><ss:t>トウキョウ</ss:t></ss:rPh><ss:phoneticPr fontId="1"/></ss:si>
<ss:si><ss:t>   </ss:t></ss:si>
<ss:si><ss:t>tab_x0009_bed and _x005F_x0041_ escaped</ss:t></ss:si>
</ss:sst>'''
    styles = f'''<?xml version="1.0" encoding="UTF-8"?>
<s:styleSheet xmlns:s="{MAIN}"><s:numFmts count="1"><s:numFmt numFmtId="164" formatCode="d\\.m\\.yyyy"/></s:numFmts>
<s:cellXfs count="3"><s:xf numFmtId="0"/><s:xf numFmtId="164" applyNumberFormat="1"/><s:xf numFmtId="20"/></s:cellXfs></s:styleSheet>'''
    sheet = f'''<?xml version="1.0" encoding="UTF-8"?>
<w:worksheet xmlns:w="{MAIN}"><w:dimension ref="A1:C3"/><w:sheetData>
<w:row r="1"><w:c r="A1" t="s"><w:v>0</w:v></w:c><w:c r="B1" t="s"><w:v>1</w:v></w:c><w:c r="C1" t="s" s="0"><w:v>1</w:v></w:c></w:row>
<w:row r="2"><w:c r="A2" t="s"><w:v>2</w:v></w:c><w:c r="B2" s="1"><w:v>43525</w:v></w:c><w:c r="C2" s="2"><w:v>0.5</w:v></w:c></w:row>
<w:row r="3"><w:c r="A3" t="s"><w:v>3</w:v></w:c><w:c r="B3" t="s"><w:v>4</w:v></w:c></w:row>
</w:sheetData><w:mergeCells count="0"/></w:worksheet>'''
    parts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="r1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><wb:workbook xmlns:wb="{MAIN}" xmlns:q="{REL}"><wb:sheets>'
        '<wb:sheet name="Prefixed" sheetId="3" q:id="rA"/></wb:sheets></wb:workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
        f'<Relationship Id="rA" Type="{REL}/worksheet" Target="../sheets/data.xml"/>'
        f'<Relationship Id="rB" Type="{REL}/sharedStrings" Target="strings/table.xml"/>'
        f'<Relationship Id="rC" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        "sheets/data.xml": sheet,
        "xl/strings/table.xml": sst,
        "xl/styles.xml": styles,
    }
    write_zip(path, parts)
    cells = {
        "Prefixed!A1": ["string", "id"], "Prefixed!B1": ["string", "label"], "Prefixed!C1": ["string", "label"],
        "Prefixed!A2": ["string", "東京 Gateway"], "Prefixed!B2": ["string", "2019-03-01"],
        "Prefixed!C2": ["string", "12:00:00"], "Prefixed!B3": ["string", "tab\tbed and _x0041_ escaped"],
    }
    return path, {"cells": cells, "errors": []}


def hostile():
    """Files that must be refused with a clear message."""
    with open(os.path.join(OUT, "values.xlsx"), "rb") as handle:
        whole = handle.read()
    with open(os.path.join(OUT, "truncated.xlsx"), "wb") as handle:
        handle.write(whole[: len(whole) // 2])
    with open(os.path.join(OUT, "not-a-zip.xlsx"), "w") as handle:
        handle.write("id,name\n1,not a workbook\n")
    # A password-protected workbook as Excel writes it: an OLE compound file holding the
    # EncryptionInfo and EncryptedPackage streams (ECMA-376 agile encryption, password "secret").
    with open(os.path.join(OUT, "sheets.xlsx"), "rb") as plain, open(os.path.join(OUT, "encrypted.xlsx"), "wb") as out:
        OOXMLFile(plain).encrypt("secret", out)
    with open(os.path.join(OUT, "old.xls"), "wb") as handle:
        handle.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 1024)
    write_zip(os.path.join(OUT, "sheet.ods"), {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"},
        compression=zipfile.ZIP_STORED)
    write_zip(os.path.join(OUT, "binary.xlsb"), {
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="r1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>',
        "xl/workbook.bin": b"\0\1\2"})
    base = {
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="r1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    write_zip(os.path.join(OUT, "missing-sheet.xlsx"), base)
    shared_cell = (f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v>'
                   '</c></row></sheetData></worksheet>')
    write_zip(os.path.join(OUT, "missing-shared-strings.xlsx"), {**base, "xl/worksheets/sheet1.xml": shared_cell})
    # A zip bomb: one sheet part of 64 MiB of blanks that deflates to about 64 KiB.
    bomb_sheet = (f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>'.encode() + b" " * (64 << 20)
                  + b"</sheetData></worksheet>")
    write_zip(os.path.join(OUT, "bomb.xlsx"), {**base, "xl/worksheets/sheet1.xml": bomb_sheet})
    dtd_sheet = (f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
                 f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
                 '<row r="2"><c r="A2" t="inlineStr"><is><t>x&secret;y</t></is></c></row></sheetData></worksheet>')
    write_zip(os.path.join(OUT, "external-entity.xlsx"), {**base, "xl/worksheets/sheet1.xml": dtd_sheet})


def classify(code):
    """Date, time or dateTime from a number format code (quoted text and brackets removed)."""
    stripped = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code.split(";")[0]).lower()
    has_date = any(ch in stripped for ch in "dy")
    has_time = any(ch in stripped for ch in "hs")
    return "datetime" if has_date and has_time else "date" if has_date or "m" in stripped and not has_time else "time"


def number_text(value):
    if isinstance(value, int) or (value == int(value) and abs(value) < 2**53):
        return str(int(value))
    return repr(value)


def reference(path):
    """Each cell's value as openpyxl reads it, in the form the importer gives it."""
    book = openpyxl.load_workbook(path, data_only=True)
    cells, errors = {}, []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                name = f"{sheet.title}!{cell.coordinate}"
                if value is None or value == "":
                    continue
                if cell.data_type == "e":
                    errors.append(f"{name} {value}")
                elif isinstance(value, bool):
                    cells[name] = ["bool", "true" if value else "false"]
                elif isinstance(value, (int, float)):
                    cells[name] = ["number", number_text(value)]
                elif isinstance(value, dt.timedelta):
                    seconds = round(value.total_seconds())
                    cells[name] = ["string", f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"]
                elif isinstance(value, (dt.datetime, dt.date, dt.time)):
                    kind = classify(cell.number_format)
                    if isinstance(value, dt.time):
                        value = dt.datetime.combine(dt.date(1899, 12, 30), value)
                    millis = value.microsecond // 1000 if isinstance(value, dt.datetime) else 0
                    time = value.strftime("%H:%M:%S") + (f".{millis:03d}" if millis else "")
                    day = value.strftime("%Y-%m-%d")
                    cells[name] = ["string", {"date": day, "time": time, "datetime": f"{day}T{time}"}[kind]]
                else:
                    cells[name] = ["string", str(value)]
    return {"cells": cells, "errors": errors}


def save_expected(path, expected, overrides=None):
    if overrides:
        expected["cells"].update(overrides)
    def row_order(name):
        sheet, cell = name.split("!")
        return sheet, int(re.sub(r"\D", "", cell)), len(cell), cell
    lines = [f"  {json.dumps(name)}: {json.dumps(expected['cells'][name], ensure_ascii=False)}"
             for name in sorted(expected["cells"], key=row_order)]
    with open(path.rsplit(".", 1)[0] + ".expected.json", "w", encoding="utf-8") as handle:
        handle.write('{"cells": {\n' + ",\n".join(lines) + "\n},\n")
        handle.write(f'"errors": {json.dumps(expected["errors"], ensure_ascii=False)}}}\n')


def main():
    os.makedirs(OUT, exist_ok=True)
    applications()
    inventory()
    # Where openpyxl differs from what Excel shows: it reads serial 59 as 1900-02-27 and 60 as
    # 1900-02-28 (Excel: 1900-02-28 and its phantom 1900-02-29), and leaves _x000D_ undecoded.
    save_expected(values_workbook(), reference(os.path.join(OUT, "values.xlsx")), {
        "Values!B26": ["string", "1900-02-28"], "Values!B27": ["string", "1900-02-29"],
        "Values!B34": ["string", "carriage\rreturn"]})
    # openpyxl reads serial 0 as 1899-12-30 whatever the date system; in 1904 it is 1904-01-01.
    save_expected(dates1904(), reference(os.path.join(OUT, "dates1904.xlsx")), {"Dates!B2": ["string", "1904-01-01"]})
    save_expected(leanix_layout(), reference(os.path.join(OUT, "leanix-layout.xlsx")))
    save_expected(sheets_workbook(), reference(os.path.join(OUT, "sheets.xlsx")))
    for path, expected in (strict_inline(), shared_prefixed()):
        save_expected(path, expected)
    hostile()


if __name__ == "__main__":
    main()
