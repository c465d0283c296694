#!/usr/bin/env python3
"""Makes the office page's test folder of returned contracts, with the
suite's own tools only, and the customer list that goes with it.

    python3 tests/e2e/office-returns.py MADE OUT

MADE holds the renewals as the app makes them (`cargo run -p rinnovo-cli
--example renewals -- MADE 49`: contratto-0000.pdf ... contratto-0048.pdf;
file i has the Partita IVA and codice cliente C-0000i of its own, i + 1
activations, signature method drawn / digital / by hand as i % 3, and the
document both / form / conditions as (i // 3) % 3). OUT/ritorni/ gets:

- the digital ones (i % 3 == 1) signed with pyHanko in their empty firma
  digitale field (tests/pdf/pades.py, a throw-away CA made here);
- 4 and 10, signed, then edited with pypdf (a note on page 1:
  tests/pdf/edit_pdf.py annotate);
- 6 and 21 re-saved by qpdf (object streams);
- 40 to 48 in a subfolder, 2026-02/;
- contratto-0000.pdf again as contratto-0000-copia.pdf: two returns from
  one customer; 50 returns in all;
- danneggiato.pdf: not a PDF, to fail in its own row.

Prints the list of files made, one a line. The customer list is made by the
test from what the command reads, so that its Partita IVA are the files'.
"""
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PDF_TOOLS = ROOT / "tests" / "pdf"

EDITED = {4, 10}
RESAVED = {6, 21}
SUBFOLDER = range(40, 49)


def run(*args):
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def main(made, out):
    made, out = Path(made), Path(out)
    folder = out / "ritorni"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "2026-02").mkdir(parents=True)
    ca = out / "ca"
    run(sys.executable, PDF_TOOLS / "pades.py", "ca", ca)
    written = []
    for i in range(49):
        src = made / f"contratto-{i:04}.pdf"
        dest = folder / ("2026-02" if i in SUBFOLDER else "") / src.name
        doc = (i // 3) % 3
        if i % 3 == 1:
            field = "condizioni.firma_digitale" if doc == 2 else "firma.firma_digitale"
            signed = out / f"firmato-{i:04}.pdf"
            run(sys.executable, PDF_TOOLS / "pades.py", "sign", src, signed, field, ca)
            if i in EDITED:
                run(sys.executable, PDF_TOOLS / "edit_pdf.py", "annotate", signed, dest)
            else:
                shutil.copy(signed, dest)
        elif i in RESAVED:
            run("qpdf", src, "--object-streams=generate", dest)
        else:
            shutil.copy(src, dest)
        written.append(dest)
    copy = folder / "contratto-0000-copia.pdf"
    shutil.copy(folder / "contratto-0000.pdf", copy)
    damaged = folder / "danneggiato.pdf"
    damaged.write_bytes(b"%PDF-1.7\nthis is not a PDF any more\n")
    for f in sorted(written + [copy, damaged]):
        print(f.relative_to(out))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
