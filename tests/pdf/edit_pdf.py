"""Changes a PDF as other tools do after Rinnovo made it, for the tests of
`rinnovo-pdf extract` and `verify`.

    python3 tests/pdf/edit_pdf.py EDIT IN.pdf OUT.pdf

With pypdf, as an incremental update (pypdf 7: PdfWriter(IN, incremental=True)):
    resave       no change at all
    annotate     a FreeText annotation on page 1 (a reviewer's note)
    metadata     the document's title in /Info
    content      a white box drawn over page 1 (content appended to the page)
    attachment   rinnovo-dati.json replaced: the activations lowered to 1
With pypdf, rewritten whole:
    rewrite      the file written again by pypdf, nothing changed
"""
import json
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import (
    ContentStream,
    DecodedStreamObject,
    NameObject,
    TextStringObject,
)

ATTACHMENT = "rinnovo-dati.json"


def incremental(path):
    return PdfWriter(path, incremental=True)


def main(edit, src, out):
    if edit == "rewrite":
        writer = PdfWriter(clone_from=PdfReader(src))
    else:
        writer = incremental(src)
    if edit == "annotate":
        writer.add_annotation(
            page_number=0,
            annotation=FreeText(text="Visto, attivazioni da ricontrollare", rect=(50, 50, 250, 90)),
        )
    elif edit == "metadata":
        writer.add_metadata({"/Title": "Contratto rivisto"})
    elif edit == "content":
        page = writer.pages[0]
        box = DecodedStreamObject()
        box.set_data(b"q 1 g 40 700 300 60 re f Q")
        contents = page.get_contents()
        data = (contents.get_data() if contents is not None else b"") + b"\n" + box.get_data()
        stream = ContentStream(None, None)
        stream.set_data(data)
        page.replace_contents(stream)
    elif edit == "attachment":
        names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
        spec = None
        for i in range(0, len(names), 2):
            if str(names[i]) == ATTACHMENT:
                spec = names[i + 1].get_object()
        if spec is None:
            sys.exit(f"no {ATTACHMENT}")
        ef = spec["/EF"]["/F"].get_object()
        draft = json.loads(ef.get_data())
        draft["draft"]["activations"] = "1"
        ef.set_data(json.dumps(draft, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        writer._objects[ef.indirect_reference.idnum - 1] = ef  # noqa: SLF001 (mark it changed)
    elif edit not in ("resave", "rewrite"):
        sys.exit(__doc__)
    with open(out, "wb") as f:
        writer.write(f)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
