//! One returned file as the office page shows it: its row, exactly as
//! `rinnovo-pdf extract --csv` writes it ([`crate::paper::read_return`]),
//! how each document was signed, and what `rinnovo-pdf verify` says of it,
//! in one word ([`Verdict`]) and in its own lines.
//!
//! The same choice as `verify`: a scan (an image, or a PDF whose pages
//! carry the codes) by its pages, anything else by [`crate::verify`]. Runs
//! in the office's web worker as in native tests; never panics.

use crate::paper::{self, PaperReturn};
use crate::record::Record;
use crate::verify::{self, Change, Original};
use rinnovo_core::jobs::Doc;
use rinnovo_documents::template::names;

/// `verify`'s answer in one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// As Rinnovo made it, nothing added.
    AsMade,
    /// As Rinnovo made it, with this many digital signatures added.
    SignaturesAdded(usize),
    /// Changed after Rinnovo made it (edited, rewritten), or not made by
    /// Rinnovo.
    Changed,
    /// A scan with every page of its documents.
    PagesComplete,
    /// A scan with pages missing, repeated or from another renewal, or
    /// whose codes were not read.
    PagesMissing,
    /// The file could not be verified; why.
    Failed(String),
}

impl Verdict {
    /// Its key on the office page (`verdict.<id>`) and in its tests.
    pub fn id(&self) -> &'static str {
        match self {
            Verdict::AsMade => "as_made",
            Verdict::SignaturesAdded(_) => "signatures_added",
            Verdict::Changed => "changed",
            Verdict::PagesComplete => "pages_complete",
            Verdict::PagesMissing => "pages_missing",
            Verdict::Failed(_) => "failed",
        }
    }

    /// Whether the office has to look at the file.
    pub fn flagged(&self) -> bool {
        !matches!(
            self,
            Verdict::AsMade | Verdict::SignaturesAdded(_) | Verdict::PagesComplete
        )
    }
}

/// How one document of the return was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signed {
    /// A digital signature (PAdES) of its field is in the file.
    Digital,
    /// Left for a digital signature, which the file does not have.
    DigitalMissing,
    /// A drawn, typed or uploaded signature image.
    Image,
    /// By hand, on paper.
    Paper,
    /// Not known (no row was read).
    Unknown,
    /// The file holds the other document only (as `verify` found it made).
    NotInFile,
}

impl Signed {
    /// Its key on the office page (`signed.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Signed::Digital => "digital",
            Signed::DigitalMissing => "digital_missing",
            Signed::Image => "image",
            Signed::Paper => "paper",
            Signed::Unknown => "unknown",
            Signed::NotInFile => "not_in_file",
        }
    }
}

/// What the office page shows of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Examined {
    /// Its row, or why the file gave none (`extract`'s message).
    pub record: Result<Record, String>,
    /// How the support form was signed.
    pub form: Signed,
    /// How the general conditions were signed.
    pub conditions: Signed,
    /// `verify`'s answer.
    pub verdict: Verdict,
    /// `verify`'s lines.
    pub lines: Vec<String>,
}

/// Reads and verifies one returned file; `file` names it in the row.
pub fn examine(file: &str, bytes: &[u8], province: &[String]) -> Examined {
    let (record, scan) = paper::read_return_and_scan(file, bytes, province);
    let image = rinnovo_scan::Format::sniff(bytes) != Some(rinnovo_scan::Format::Pdf);
    let (verdict, lines, signatures, doc) = match &scan {
        Some(p) if image || p.found_any() => (scan_verdict(p), p.lines(), Vec::new(), None),
        _ if image => (Verdict::Failed(String::new()), Vec::new(), Vec::new(), None),
        _ => digital(bytes),
    };
    let verdict = match (verdict, &record) {
        (Verdict::Failed(why), Err(e)) if why.is_empty() => Verdict::Failed(e.to_string()),
        (v, _) => v,
    };
    let signed = |column: &str, fields: &[&str]| match &record {
        Err(_) => Signed::Unknown,
        Ok(r) => match r.get(column).unwrap_or_default() {
            "digital" if signatures.iter().any(|f| fields.contains(&f.as_str())) => Signed::Digital,
            "digital" => Signed::DigitalMissing,
            "drawn" | "typed" | "uploaded" => Signed::Image,
            "handwritten" => Signed::Paper,
            _ => Signed::Unknown,
        },
    };
    // A file that verify found made as one document holds only that one.
    let holds = |d: Doc| doc.is_none_or(|made| made == Doc::Both || made == d);
    Examined {
        form: match holds(Doc::SupportForm) {
            true => signed("modulo_firma", &[names::FIRMA_DIGITALE]),
            false => Signed::NotInFile,
        },
        conditions: match holds(Doc::Conditions) {
            true => signed(
                "condizioni_firma",
                &[names::COND_FIRMA_DIGITALE, names::CLAUSOLE_FIRMA_DIGITALE],
            ),
            false => Signed::NotInFile,
        },
        verdict,
        lines,
        record: record.map_err(|e| e.to_string()),
    }
}

/// A digital file's verdict, lines, signed fields, and which document
/// verify found it made as.
fn digital(bytes: &[u8]) -> (Verdict, Vec<String>, Vec<String>, Option<Doc>) {
    match verify::verify(bytes) {
        Err(e) => (Verdict::Failed(e.to_string()), Vec::new(), Vec::new(), None),
        Ok(report) => {
            let signatures = report
                .added
                .iter()
                .filter(|(_, c)| matches!(c, Change::Signature { .. }))
                .count();
            let signed: Vec<String> = report
                .added
                .iter()
                .filter_map(|(_, c)| match c {
                    Change::Signature {
                        field: Some(f),
                        timestamp: false,
                    } => Some(f.clone()),
                    _ => None,
                })
                .collect();
            let verdict = match (report.intact(), signatures) {
                (false, _) => Verdict::Changed,
                (true, 0) => Verdict::AsMade,
                (true, n) => Verdict::SignaturesAdded(n),
            };
            let doc = match report.original {
                Original::ThisBuild { doc } => Some(doc),
                _ => None,
            };
            (verdict, report.lines(), signed, doc)
        }
    }
}

/// A scan's verdict: all its pages, or not.
fn scan_verdict(paper: &PaperReturn) -> Verdict {
    if paper.complete() {
        Verdict::PagesComplete
    } else {
        Verdict::PagesMissing
    }
}

/// An [`Examined`] as the office's worker sends it to its page (JSON
/// across `postMessage`): the row's values in the order of
/// [`crate::record::COLUMNS`], the ids of [`Signed`] and [`Verdict`].
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Reply {
    /// The row's values, or empty when the file gave none.
    pub values: Vec<String>,
    /// Why the file gave no row.
    pub error: Option<String>,
    /// [`Signed::id`] of the support form.
    pub form: String,
    /// [`Signed::id`] of the general conditions.
    pub conditions: String,
    /// [`Verdict::id`].
    pub verdict: String,
    /// How many digital signatures were added, for `signatures_added`.
    pub signatures: usize,
    /// Why verifying failed, for `failed`.
    pub why: String,
    /// `verify`'s lines.
    pub lines: Vec<String>,
    /// Whether the office has to look at the file ([`Verdict::flagged`]).
    pub flagged: bool,
}

impl From<&Examined> for Reply {
    fn from(e: &Examined) -> Reply {
        let (values, error) = match &e.record {
            Ok(r) => (r.values().iter().map(|v| v.to_string()).collect(), None),
            Err(why) => (Vec::new(), Some(why.clone())),
        };
        Reply {
            values,
            error,
            form: e.form.id().into(),
            conditions: e.conditions.id().into(),
            verdict: e.verdict.id().into(),
            signatures: match e.verdict {
                Verdict::SignaturesAdded(n) => n,
                _ => 0,
            },
            why: match &e.verdict {
                Verdict::Failed(why) => why.clone(),
                _ => String::new(),
            },
            lines: e.lines.clone(),
            flagged: e.verdict.flagged(),
        }
    }
}

impl Reply {
    /// The row, when the file gave one.
    pub fn record(&self) -> Option<Record> {
        Record::from_values(&self.values)
    }
}
