//! The records as a table for people and as JSON for programs.
//!
//! The CSV is written for a spreadsheet with Italian settings, the back
//! office's: Excel and LibreOffice in Italian read `;` as the list separator
//! (`,` is the decimal comma); UTF-8 with a byte-order mark, without which
//! Excel reads the file as Windows-1252 and garbles every accent; RFC 4180
//! otherwise: every field in double quotes (a quote inside doubled), CRLF
//! line ends. A value that a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's "CSV
//! injection") gets a leading `'`: the data comes from customers, and a
//! phone number such as `+39 02 1234` would otherwise show as an error.
//!
//! The JSON is an array of objects with the CSV's columns as keys, every
//! value a string as in the draft, without that `'`.

use crate::record::{Record, COLUMNS};
use std::io::{self, Write};

/// UTF-8's byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes the header and the rows as CSV (see the module's notes).
pub fn write_csv<W: Write>(out: W, records: &[Record]) -> io::Result<()> {
    write_rows(out, &COLUMNS, records.iter().map(Record::values))
}

/// Writes a header and rows as this module's CSV: any table of the back
/// office (the returns, the links) the same way.
pub fn write_rows<W, R, V>(
    out: W,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()>
where
    W: Write,
    R: IntoIterator<Item = V>,
    V: AsRef<str>,
{
    let mut out = out;
    out.write_all(BOM)?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(out);
    w.write_record(header)?;
    for row in rows {
        w.write_record(
            row.into_iter()
                .map(|v| spreadsheet_safe(v.as_ref()).into_owned()),
        )?;
    }
    w.flush()
}

/// `'` before a value that a spreadsheet would take for a formula.
fn spreadsheet_safe(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// Writes the records as a JSON array, one object per line.
pub fn write_json<W: Write>(mut out: W, records: &[Record]) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, r) in records.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, r)?;
    }
    out.write_all(b"\n]\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rinnovo_core::domain::draft::Draft;

    fn record() -> Record {
        let mut d = Draft::default();
        d.company.ragione_sociale = "Caffè \"Città\"; S.r.l.\nsede".into();
        d.company.telefono = "+39 02 1234 5678".into();
        d.company.codice_cliente = "=HYPERLINK(\"x\")".into();
        crate::record::from_draft("dir/a.pdf", b"{}", &d, &[])
    }

    #[test]
    fn csv_is_what_an_italian_spreadsheet_reads() {
        let mut out = Vec::new();
        write_csv(&mut out, &[record()]).unwrap();
        assert!(out.starts_with(BOM));
        let text = String::from_utf8(out[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[0].starts_with("\"file\";\"dati_sha256\";\"ragione_sociale\";"));
        assert_eq!(lines[0].matches(';').count(), COLUMNS.len() - 1);
        // The quote is doubled; the separator and the line break stay
        // inside the quotes.
        assert!(
            text.contains("\"Caffè \"\"Città\"\"; S.r.l.\nsede\""),
            "{text}"
        );
        assert!(text.contains(";\"'+39 02 1234 5678\";"), "{text}");
        assert!(text.contains(";\"'=HYPERLINK(\"\"x\"\")\";"), "{text}");
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains('\r'));
    }

    #[test]
    fn json_keeps_values_as_typed() {
        let mut out = Vec::new();
        write_json(&mut out, &[record(), record()]).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["telefono"], "+39 02 1234 5678");
        assert_eq!(rows[0]["file"], "dir/a.pdf");
        let mut empty = Vec::new();
        write_json(&mut empty, &[]).unwrap();
        assert_eq!(
            serde_json::from_slice::<Vec<serde_json::Value>>(&empty)
                .unwrap()
                .len(),
            0
        );
    }
}
