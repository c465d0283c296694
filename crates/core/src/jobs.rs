//! The PDF work the app hands to its web worker, as plain data: a [`Job`]
//! in, an [`Outcome`] out. Keeping it pure means it is tested natively, and
//! the browser's main thread never loads lopdf nor waits on a PDF: the UI
//! stays responsive and a hostile PDF can at worst stall a worker, which
//! the app then terminates.
//!
//! The worker (`crates/worker`) runs them with `rinnovo_documents::jobs`;
//! the page's side is `ui::worker`. Only the messages, and the names of
//! the files the jobs make, live here, so the page's wasm never links the
//! PDF engine.

use crate::domain::form::ValidForm;
use crate::domain::ids::Date;
use serde::{Deserialize, Serialize};

/// Which document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Doc {
    SupportForm,
    Conditions,
    Both,
}

impl Doc {
    pub const ALL: [Doc; 3] = [Doc::Both, Doc::SupportForm, Doc::Conditions];

    pub fn id(self) -> &'static str {
        match self {
            Doc::SupportForm => "support-form",
            Doc::Conditions => "conditions",
            Doc::Both => "both",
        }
    }

    /// The start of the file name of a made PDF.
    pub fn file_prefix(self) -> &'static str {
        match self {
            Doc::SupportForm => "Oripan_Modulo_Assistenza",
            Doc::Conditions => "Oripan_Condizioni_Generali",
            Doc::Both => "Oripan_Rinnovo_Assistenza",
        }
    }

    /// The name a made PDF is saved under: the worker names its downloads
    /// with it, and the page lists the files to attach to the PEC with it.
    pub fn file_name(self, form: &ValidForm) -> String {
        file_name(
            self.file_prefix(),
            &form.company.ragione_sociale,
            form.form_signing.date,
        )
    }
}

/// A file name safe on every file system: `<prefix>_<company>_<YYYY-MM-DD>.pdf`,
/// with accents dropped to their base letters and anything but ASCII letters
/// and digits turned into `_`, at most 120 characters.
pub fn file_name(prefix: &str, company: &str, date: Date) -> String {
    let mut safe = String::new();
    for ch in company.chars() {
        let base = match ch {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'O',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
            'ç' => 'c',
            'Ç' => 'C',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        };
        if base == '_' && (safe.is_empty() || safe.ends_with('_')) {
            continue;
        }
        safe.push(base);
    }
    let safe: String = safe.trim_end_matches('_').chars().take(80).collect();
    let company = if safe.is_empty() {
        "azienda".to_string()
    } else {
        safe
    };
    format!("{prefix}_{company}_{}.pdf", date.iso())
}

/// A request to the worker. The bytes of a PDF to import travel beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "kebab-case")]
pub enum Job {
    /// Fill `doc` from the stored draft (its JSON, as saved).
    Fill { doc: Doc, draft: String },
    /// Read the draft embedded in the PDF sent beside the job.
    Import,
}

/// The worker's answer. A PDF's bytes travel beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// The PDF is beside this message; save it under `file_name`.
    Pdf { file_name: String },
    /// The draft read from a PDF, as stored-draft JSON.
    Draft { draft: String },
    /// The draft is not valid (the UI lists the errors itself).
    Invalid,
    /// The message key of what went wrong.
    Error { key: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_everywhere() {
        let d = Date {
            year: 2026,
            month: 1,
            day: 5,
        };
        assert_eq!(
            file_name("Oripan_Modulo_Assistenza", "Caffè & Città S.r.l./\"x\"", d),
            "Oripan_Modulo_Assistenza_Caffe_Citta_S_r_l_x_2026-01-05.pdf"
        );
        assert_eq!(file_name("P", "日本", d), "P_azienda_2026-01-05.pdf");
    }
}
