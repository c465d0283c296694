//! The PDF work the app hands to its web worker, as plain data: a [`Job`]
//! in, an [`Outcome`] out, each crossing `postMessage` as a list of strings. Keeping it pure means it is tested natively, and
//! the browser's main thread never loads lopdf nor waits on a PDF: the UI
//! stays responsive and a hostile PDF can at worst stall a worker, which
//! the app then terminates.
//!
//! The worker (`crates/worker`) runs them with `rinnovo_documents::jobs`;
//! the page's side is `ui::worker`. Only the messages, and the names of
//! the files the jobs make, live here, so the page's wasm never links the
//! PDF engine.

use crate::domain::draft::{Draft, StoredDraft, SCHEMA_VERSION};
use crate::domain::form::ValidForm;
use crate::domain::ids::Date;

/// Which document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    SupportForm,
    Conditions,
    Both,
}

impl Doc {
    pub const ALL: [Doc; 3] = [Doc::Both, Doc::SupportForm, Doc::Conditions];
    /// The documents with a template of their own, in the order of
    /// [`Doc::Both`].
    pub const SINGLE: [Doc; 2] = [Doc::SupportForm, Doc::Conditions];

    pub fn id(self) -> &'static str {
        match self {
            Doc::SupportForm => "support-form",
            Doc::Conditions => "conditions",
            Doc::Both => "both",
        }
    }

    /// The document whose [`Doc::id`] is `id`.
    pub fn from_id(id: &str) -> Option<Doc> {
        Doc::ALL.into_iter().find(|d| d.id() == id)
    }

    /// The blank template of a single document, where `assets/` keeps it
    /// and the built site serves it (relative to the page): the worker
    /// fetches it, the page and the prerendered landing link to it, the
    /// command writes it. `None` for [`Doc::Both`], made from the two.
    pub fn template(self) -> Option<&'static str> {
        match self {
            Doc::SupportForm => Some("templates/modulo-assistenza.pdf"),
            Doc::Conditions => Some("templates/condizioni-generali.pdf"),
            Doc::Both => None,
        }
    }

    /// The name the blank template of [`Doc::template`] downloads under.
    pub fn blank_file_name(self) -> String {
        format!("{}.pdf", self.file_prefix())
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
            form.company.ragione_sociale(),
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
#[derive(Debug, Clone, PartialEq, Eq)]
// One job at a time, made to cross to the worker at once: not worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Job {
    /// Fill `doc` from `draft`; the PDF carries `attachment`, the stored
    /// draft's JSON ([`Job::fill`] makes both from one draft).
    Fill {
        doc: Doc,
        draft: Draft,
        attachment: String,
    },
    /// Read the draft embedded in the PDF sent beside the job.
    Import,
}

/// The worker's answer. A PDF's bytes travel beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
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

// The messages cross `postMessage` as arrays of strings, their first the
// kind: the worker so needs neither a JSON parser nor serde's code for the
// draft (31 KB of its wasm). The page and the worker are always of one build; the
// schema version in a fill still makes a mismatch an error, not a wrong PDF.

impl Job {
    /// The job that fills `doc` from `draft`, the page being on `step`. The
    /// PDF's attachment holds only what the draft uses
    /// ([`Draft::in_use`]), as stored-draft JSON: the page writes it, with
    /// the same code that writes its storage, and the worker embeds it as
    /// it is.
    pub fn fill(doc: Doc, step: &str, draft: &Draft) -> Job {
        Job::fill_writing(doc, step, draft, StoredDraft::to_json)
    }

    /// [`Job::fill`], the attachment written by `write`, which must write
    /// what [`StoredDraft::to_json`] writes, byte for byte (the back office
    /// fills the PDF again natively and compares): the page writes it with
    /// the browser's `JSON.stringify` (`src/draft_json.rs`).
    pub fn fill_writing(
        doc: Doc,
        step: &str,
        draft: &Draft,
        write: impl FnOnce(&StoredDraft) -> String,
    ) -> Job {
        Job::Fill {
            doc,
            draft: draft.clone(),
            attachment: write(&StoredDraft::new(step, draft.in_use())),
        }
    }

    /// The job as it crosses to the worker.
    pub fn to_message(&self) -> Vec<String> {
        match self {
            Job::Fill {
                doc,
                draft,
                attachment,
            } => {
                let mut m = vec![
                    "fill".to_string(),
                    SCHEMA_VERSION.to_string(),
                    doc.id().to_string(),
                    attachment.clone(),
                ];
                m.extend(draft.to_texts());
                m
            }
            Job::Import => vec!["import".to_string()],
        }
    }

    /// The job [`Job::to_message`] made, or `None`.
    pub fn from_message(mut message: Vec<String>) -> Option<Job> {
        let kind = message.first()?;
        if kind == "import" && message.len() == 1 {
            return Some(Job::Import);
        }
        if kind != "fill" || message.len() < 4 {
            return None;
        }
        let draft = message.split_off(4);
        let [_, schema, doc, attachment]: [String; 4] = message.try_into().ok()?;
        if schema != SCHEMA_VERSION.to_string() {
            return None;
        }
        Some(Job::Fill {
            doc: Doc::from_id(&doc)?,
            draft: Draft::from_texts(draft)?,
            attachment,
        })
    }
}

impl Outcome {
    /// The outcome as it crosses back to the page.
    pub fn to_message(&self) -> Vec<String> {
        let (kind, value) = match self {
            Outcome::Pdf { file_name } => ("pdf", Some(file_name)),
            Outcome::Draft { draft } => ("draft", Some(draft)),
            Outcome::Invalid => ("invalid", None),
            Outcome::Error { key } => ("error", Some(key)),
        };
        std::iter::once(kind.to_string())
            .chain(value.cloned())
            .collect()
    }

    /// The outcome [`Outcome::to_message`] made, or `None`.
    pub fn from_message(message: Vec<String>) -> Option<Outcome> {
        let mut parts = message.into_iter();
        let kind = parts.next()?;
        let value = parts.next();
        if parts.next().is_some() {
            return None;
        }
        Some(match (kind.as_str(), value) {
            ("pdf", Some(file_name)) => Outcome::Pdf { file_name },
            ("draft", Some(draft)) => Outcome::Draft { draft },
            ("invalid", None) => Outcome::Invalid,
            ("error", Some(key)) => Outcome::Error { key },
            _ => return None,
        })
    }
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
