//! The PDF work the app hands to its web worker, as plain data: a [`Job`]
//! in, an [`Outcome`] out. Keeping it pure means it is tested natively, and
//! the browser's main thread never loads lopdf nor waits on a PDF: the UI
//! stays responsive and a hostile PDF can at worst stall a worker, which
//! the app then terminates.
//!
//! The worker (`crates/worker`) runs them with `rinnovo_documents::jobs`;
//! the page's side is `ui::worker`. Only the messages live here, so the
//! page's wasm never links the PDF engine.

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
