"""Makes fixtures/libreoffice-form.pdf: a Writer document with form
controls (text, multi-line text, check box, radio group, list box, combo
box) exported by LibreOffice as a PDF form. Run once; the output is checked
in. Needs LibreOffice and its Python bridge (Debian: libreoffice-writer-nogui,
which brings python3-uno):

    /usr/bin/python3 tests/pdf/make_libreoffice_fixture.py
"""
import os
import pathlib
import subprocess
import time

import uno
from com.sun.star.awt import Point, Size
from com.sun.star.beans import PropertyValue

OUT = pathlib.Path(__file__).resolve().parent / "fixtures" / "libreoffice-form.pdf"
PIPE = "rinnovo_fixture"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


office = subprocess.Popen(
    ["soffice", "--headless", "--invisible", "--norestore", f"--accept=pipe,name={PIPE};urp;"],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(60):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={PIPE};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
    text = doc.Text
    text.insertString(text.End, "Modulo di prova (LibreOffice Writer)", False)
    page = doc.DrawPage
    form = doc.createInstance("com.sun.star.form.component.Form")
    form.Name = "Modulo"
    page.Forms.insertByIndex(0, form)

    def control(kind, name, x, y, w, h, **props):
        model = doc.createInstance(f"com.sun.star.form.component.{kind}")
        model.Name = name
        for k, v in props.items():
            setattr(model, k, v)
        shape = doc.createInstance("com.sun.star.drawing.ControlShape")
        shape.Position = Point(x, y)
        shape.Size = Size(w, h)
        shape.Control = model
        shape.AnchorType = uno.Enum("com.sun.star.text.TextContentAnchorType", "AT_PAGE")
        shape.AnchorPageNo = 1
        page.add(shape)
        return model

    mm = 100  # 1/100 mm
    control("TextField", "ragione_sociale", 20 * mm, 40 * mm, 100 * mm, 8 * mm)
    control("TextField", "note", 20 * mm, 55 * mm, 100 * mm, 25 * mm, MultiLine=True)
    control("CheckBox", "accetto", 20 * mm, 90 * mm, 60 * mm, 7 * mm, Label="Accetto le condizioni", RefValue="Si")
    for i, v in enumerate(["base", "medio", "alto"]):
        control("RadioButton", "livello", (20 + 30 * i) * mm, 105 * mm, 28 * mm, 7 * mm, Label=v, RefValue=v)
    control("ListBox", "colore", 20 * mm, 120 * mm, 40 * mm, 20 * mm, StringItemList=("rosso", "verde", "blu"))
    control("ComboBox", "provincia", 70 * mm, 120 * mm, 40 * mm, 8 * mm, StringItemList=("MI", "RM", "FC"), Dropdown=True)

    filters = (prop("FilterName", "writer_pdf_Export"),)
    doc.storeToURL(uno.systemPathToFileUrl(str(OUT)), filters)
    doc.close(True)
    print(OUT)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    time.sleep(1)
    office.terminate()
    office.wait(timeout=30)
