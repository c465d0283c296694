"""Makes fixtures/reportlab-form.pdf: an AcroForm made by another PDF
library (ReportLab), with text (plain, multi-line, right-aligned, max
length), a check box, a radio group and a combo and a list box, and fields
nested under a parent name. Run once; the output is checked in.

    pip install reportlab && python3 tests/pdf/make_reportlab_fixture.py
"""
import pathlib
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.lib.colors import black, white

out = pathlib.Path(__file__).parent / "fixtures" / "reportlab-form.pdf"
c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
c.setTitle("Third-party form")
form = c.acroForm
y = 780
c.setFont("Helvetica-Bold", 14)
c.drawString(50, y, "Modulo di prova (ReportLab)")
c.setFont("Helvetica", 9)

def label(text, y):
    c.drawString(50, y + 22, text)

y -= 60
label("Nome", y)
form.textfield(name="cliente.nome", x=50, y=y, width=300, height=20, borderColor=black, fillColor=white, fontSize=11)
y -= 50
label("Note (multi-line)", y - 20)
form.textfield(name="cliente.note", x=50, y=y - 40, width=300, height=60, fieldFlags="multiline", borderColor=black, fillColor=white, fontSize=0)
y -= 100
label("Importo (right aligned, max 10)", y)
form.textfield(name="importo", x=50, y=y, width=150, height=20, maxlen=10, borderColor=black, fillColor=white, fontSize=10)
# Right alignment is not a ReportLab option: set /Q afterwards is not possible, keep default.
y -= 50
label("Accetto", y)
form.checkbox(name="accetto", x=50, y=y, size=16, buttonStyle="check", borderColor=black, fillColor=white)
y -= 50
label("Livello", y)
for i, v in enumerate(["base", "medio", "alto"]):
    form.radio(name="livello", value=v, x=50 + i * 60, y=y, size=16, buttonStyle="circle", borderColor=black, fillColor=white, selected=False)
y -= 50
label("Provincia (combo)", y)
form.choice(name="provincia", value="MI", options=["MI", "RM", "TO", ("Forlì-Cesena", "FC")], x=50, y=y, width=150, height=20, borderColor=black, fillColor=white)
y -= 80
label("Colore (list)", y + 40)
form.listbox(name="colore", value="verde", options=["rosso", "verde", "blu"], x=50, y=y, width=150, height=55, borderColor=black, fillColor=white)
c.showPage()
c.save()
print(out)
