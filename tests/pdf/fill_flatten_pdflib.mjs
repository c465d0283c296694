// Fills a PDF form with pdf-lib and flattens it, as a vendor or a customer
// might finish a blank Rinnovo template with another tool.
//
//     node tests/pdf/fill_flatten_pdflib.mjs IN.pdf OUT.pdf '{"full.name": "value"}'
//
// Text fields take the value; a check box is checked by the name of its on
// state (`Yes`); a radio group takes the export value to select. Then
// `form.flatten()`, which paints every widget's normal appearance into its
// page and so needs `/AP /N` on each one. pdf-lib comes from the repository's
// node_modules (package.json pins it; `npm ci`). Exits non-zero on any error.
import { readFile, writeFile } from "node:fs/promises";
import pdfLib from "pdf-lib";

const { PDFDocument, PDFTextField, PDFCheckBox, PDFRadioGroup, PDFName, PDFArray } = pdfLib;

const [source, target, json] = process.argv.slice(2);
if (!json) {
  console.error("usage: node fill_flatten_pdflib.mjs IN.pdf OUT.pdf VALUES.json");
  process.exit(2);
}
const doc = await PDFDocument.load(await readFile(source));
const form = doc.getForm();
for (const [name, value] of Object.entries(JSON.parse(json))) {
  const field = form.getField(name);
  if (field instanceof PDFTextField) {
    field.setText(value);
  } else if (field instanceof PDFCheckBox) {
    field.check();
  } else if (field instanceof PDFRadioGroup) {
    field.select(value);
  } else {
    throw new Error(`${name}: ${field.constructor.name} is not filled by this script`);
  }
}
form.flatten();
// pdf-lib 1.17.1 removes a flattened field's appearance, not its widget, from
// the page's /Annots (PDFForm.removeField), so the widgets of a radio group,
// which are not merged with their field, stay listed there after pdf-lib has
// deleted them. Drop those dangling references, as a user of pdf-lib must.
for (const page of doc.getPages()) {
  const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
  if (!annots) continue;
  for (let i = annots.size() - 1; i >= 0; i--) {
    if (doc.context.lookup(annots.get(i)) === undefined) annots.remove(i);
  }
  if (annots.size() === 0) page.node.delete(PDFName.of("Annots"));
}
if (form.getFields().length !== 0) {
  throw new Error(`${form.getFields().length} fields left after flatten()`);
}
await writeFile(target, await doc.save());
