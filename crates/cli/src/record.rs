//! One returned contract as a row for the back office's records: the
//! renewal's values (`rinnovo_core::record::Row`, the same derivation the
//! PDFs' QR codes print), the SHA-256 of the attached data, which names
//! that data exactly, and where the row came from: the draft attached to a
//! digital PDF, or the QR codes of a scanned paper return
//! ([`crate::paper`]), with the pages found.

use crate::paper::PaperReturn;
use rinnovo_core::domain::draft::StoredDraft;
use rinnovo_core::record::{Row, ROW_COLUMNS, ROW_LEN};
use rinnovo_documents::ImportError;
use serde::ser::{Serialize, SerializeMap, Serializer};
use sha2::{Digest, Sha256};

/// Where a row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The draft attached to a digital PDF.
    Attachment,
    /// The QR codes of a scanned paper return.
    Scan,
}

impl Source {
    /// The `fonte` column's value.
    pub fn id(self) -> &'static str {
        match self {
            Source::Attachment => "attachment",
            Source::Scan => "scan",
        }
    }
}

/// One contract. Its columns ([`COLUMNS`]) are the CSV's header and the
/// JSON's keys (README, "The back office").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The file's path as given or found.
    pub file: String,
    /// SHA-256 of the attached `rinnovo-dati.json`, as its bytes are, in
    /// lower-case hex (from a scan: as its data code carries it).
    pub dati_sha256: String,
    /// The renewal's values.
    pub row: Row,
    /// Where the row came from.
    pub source: Source,
    /// From a scan: each document with the pages found
    /// (`modulo 1/1; condizioni 1/2 2/2`); empty for an attachment.
    pub pages: String,
    /// From a scan: the pages missing (`condizioni 2/2`).
    pub missing: String,
}

/// How many columns a record has.
pub const COLUMN_COUNT: usize = ROW_LEN + 5;

/// The columns, in order: the CSV's header.
pub const COLUMNS: [&str; COLUMN_COUNT] = columns();

// Evaluated at compile time: an index out of bounds would fail the build,
// never a run.
#[allow(clippy::indexing_slicing)]
const fn columns() -> [&'static str; COLUMN_COUNT] {
    let mut c = [""; COLUMN_COUNT];
    c[0] = "file";
    c[1] = "dati_sha256";
    let mut i = 0;
    while i < ROW_LEN {
        c[i + 2] = ROW_COLUMNS[i];
        i += 1;
    }
    c[ROW_LEN + 2] = "fonte";
    c[ROW_LEN + 3] = "pagine";
    c[ROW_LEN + 4] = "pagine_mancanti";
    c
}

impl Record {
    /// The values in the order of [`COLUMNS`].
    pub fn values(&self) -> [&str; COLUMN_COUNT] {
        let mut v = [""; COLUMN_COUNT];
        let row = self.row.values().iter().map(String::as_str);
        let all = [self.file.as_str(), self.dati_sha256.as_str()]
            .into_iter()
            .chain(row)
            .chain([self.source.id(), self.pages.as_str(), self.missing.as_str()]);
        for (slot, value) in v.iter_mut().zip(all) {
            *slot = value;
        }
        v
    }

    /// The record whose [`Record::values`] these are, in the order of
    /// [`COLUMNS`]; `None` for any other count or source.
    pub fn from_values(values: &[String]) -> Option<Record> {
        let [file, dati_sha256, rest @ ..] = values else {
            return None;
        };
        let (row, [source, pages, missing]) = rest.split_at_checked(ROW_LEN)? else {
            return None;
        };
        let source = [Source::Attachment, Source::Scan]
            .into_iter()
            .find(|s| s.id() == source)?;
        Some(Record {
            file: file.clone(),
            dati_sha256: dati_sha256.clone(),
            row: Row::from_values(row.to_vec().try_into().ok()?),
            source,
            pages: pages.clone(),
            missing: missing.clone(),
        })
    }

    /// The value of a column, by its name.
    pub fn get(&self, column: &str) -> Option<&str> {
        let i = COLUMNS.iter().position(|c| *c == column)?;
        self.values().get(i).copied()
    }

    /// The record of a scanned return whose data was read.
    pub fn from_scan(file: &str, paper: &PaperReturn) -> Option<Record> {
        let (dati_sha256, row) = paper.row()?;
        Some(Record {
            file: file.to_string(),
            dati_sha256,
            row,
            source: Source::Scan,
            pages: paper.pages_found(),
            missing: paper.pages_missing(),
        })
    }
}

/// The JSON object: the columns as keys, in order, every value a string.
impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(COLUMN_COUNT))?;
        for (k, v) in COLUMNS.iter().zip(self.values()) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Reads a PDF's attached draft into a record. `file` is what the row
/// names the PDF by; `province` is the content's list of provincia siglas.
pub fn read(file: &str, pdf: &[u8], province: &[String]) -> Result<Record, ImportError> {
    let json = rinnovo_documents::extract_json(pdf)?;
    let stored = StoredDraft::from_json(&json)?;
    Ok(from_draft(file, json.as_bytes(), &stored.draft, province))
}

/// The record of a draft whose attached bytes are `data`.
pub fn from_draft(
    file: &str,
    data: &[u8],
    draft: &rinnovo_core::domain::draft::Draft,
    province: &[String],
) -> Record {
    Record {
        file: file.to_string(),
        dati_sha256: sha256_hex(data),
        row: Row::from_draft(draft, province),
        source: Source::Attachment,
        pages: String::new(),
        missing: String::new(),
    }
}

/// Lower-case hex of the SHA-256 (FIPS 180-4) of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    rinnovo_documents::paper::codes::hex(&Sha256::digest(data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rinnovo_core::domain::draft::Draft;

    #[test]
    fn sha256_matches_the_fips_180_test_vector() {
        // FIPS 180-2, appendix B.1: "abc".
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn values_follow_the_columns() {
        let mut d = Draft::default();
        d.company.ragione_sociale = " Caffè Città S.r.l. ".into();
        d.company.partita_iva = "011 146 010 06".into();
        d.conditions.reuse_form_signing = true;
        let r = from_draft("a.pdf", b"abc", &d, &["FC".to_string()]);
        assert_eq!(r.get("file"), Some("a.pdf"));
        assert_eq!(r.get("ragione_sociale"), Some("Caffè Città S.r.l."));
        assert_eq!(r.get("partita_iva"), Some("01114601006"));
        assert_eq!(r.get("fonte"), Some("attachment"));
        assert_eq!(r.get("pagine"), Some(""));
        assert_eq!(r.get("clausole_firma"), Some("drawn"));
        // Serialised with the same keys, in the same order.
        let json = serde_json::to_string(&r).unwrap();
        let at: Vec<usize> = COLUMNS
            .iter()
            .map(|k| json.find(&format!("\"{k}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
        assert_eq!(json.matches("\":").count(), COLUMNS.len());
        // And back.
        let values: Vec<String> = r.values().iter().map(|v| v.to_string()).collect();
        assert_eq!(Record::from_values(&values), Some(r.clone()));
        assert_eq!(Record::from_values(&values[1..]), None);
    }
}
