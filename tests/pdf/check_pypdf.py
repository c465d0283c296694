"""Reads a PDF with pypdf, an independent reader, and prints JSON:
{"fields": {full name: value}, "attachments": {name: text}, "pages": n}.

    python3 tests/pdf/check_pypdf.py FILE.pdf
"""
import json
import sys

from pypdf import PdfReader

reader = PdfReader(sys.argv[1], strict=True)
fields = {}
for name, field in (reader.get_fields() or {}).items():
    value = field.get("/V")
    fields[name] = None if value is None else str(value)
attachments = {}
for name, contents in reader.attachments.items():
    attachments[name] = contents[0].decode("utf-8")
print(json.dumps({"fields": fields, "attachments": attachments, "pages": len(reader.pages)}, ensure_ascii=False))
