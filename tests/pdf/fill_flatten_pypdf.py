"""Fills a PDF form with pypdf and flattens it, as a vendor or a customer
might finish a blank Rinnovo template with another tool.

    python3 tests/pdf/fill_flatten_pypdf.py IN.pdf OUT.pdf '{"full.name": "value"}'

Text fields take the value; a check box or radio group takes the name of the
state to select (`Yes`, a tier id). pypdf's way to flatten (its `flatten=True`
paints each field's appearance into the page) is applied to the filled
fields, then to every other field with the value None, which paints the
appearance the field already has; that needs `/AP` on each widget. Signature
fields are left out (pypdf 7 does not flatten them). Then the widgets and the
form go. Exits non-zero, with pypdf's traceback, on any error.
"""
import json
import sys

from pypdf import PdfWriter

source, target, values = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
writer = PdfWriter(clone_from=source)
fields = {name: f for name, f in writer.get_fields().items() if "/FT" in f}
unknown = sorted(set(values) - set(fields))
if unknown:
    sys.exit(f"no such fields: {unknown}")
given = {
    name: "/" + value if fields[name]["/FT"] == "/Btn" else value
    for name, value in values.items()
}
writer.update_page_form_field_values(None, given, auto_regenerate=False, flatten=True)
as_they_stand = {
    name: None for name, f in fields.items() if name not in given and f["/FT"] != "/Sig"
}
writer.update_page_form_field_values(None, as_they_stand, auto_regenerate=False, flatten=True)
writer.remove_annotations(subtypes="/Widget")
del writer.root_object["/AcroForm"]
writer.write(target)
