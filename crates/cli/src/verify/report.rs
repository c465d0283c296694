//! What `verify` found, and how it reads for people.

use rinnovo_core::domain::draft::SCHEMA_VERSION;
use rinnovo_core::jobs::Doc;

/// Why a file could not be verified at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// No `startxref ... %%EOF` ends any part of the file.
    #[error("not a complete PDF: no revision ends with startxref and %%EOF")]
    NoRevision,
    /// A revision could not be read.
    #[error("revision {revision}: {error}")]
    Load {
        /// 1-based.
        revision: usize,
        /// Why.
        error: acroform::LoadError,
    },
    /// The content embedded in this build does not parse (a defect of the
    /// build).
    #[error("content: {0}")]
    Content(String),
}

/// What the first revision is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Original {
    /// Byte for byte what this build makes from its attached data.
    ThisBuild {
        /// Which document it is.
        doc: Doc,
    },
    /// Sealed by Rinnovo's writer and untouched since, but this build makes
    /// other bytes from its data: another version of the app made it.
    OtherBuild {
        /// Its `/Producer`.
        producer: Option<String>,
        /// The schema of its attached draft.
        schema: Option<u32>,
        /// Why this build could not check it byte for byte, when it could
        /// not even fill it: the data does not validate under this build's
        /// rules, or is of a newer schema.
        unfillable: Option<String>,
    },
    /// No readable Rinnovo data: not a renewal the app filled (a blank
    /// form, another program's PDF), or its attachment is damaged.
    NoData {
        /// Why, for people.
        why: String,
    },
    /// Neither made by this build nor sealed: edited, or rewritten by
    /// another tool, or not made by Rinnovo.
    Changed {
        /// Why this build could not fill its data, if it could not.
        unfillable: Option<String>,
    },
}

/// What one revision after the first changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Nothing: every object is as before.
    Nothing,
    /// A digital signature (or document timestamp) of `field`, covering the
    /// whole file up to the end of its revision.
    Signature {
        /// The signed field's full name, if found.
        field: Option<String>,
        /// A document timestamp (`/DocTimeStamp`) rather than a signature.
        timestamp: bool,
    },
    /// Fields, widgets, annotations or their appearances, and nothing else.
    Form {
        /// What changed, for people.
        what: Vec<String>,
    },
    /// Anything else.
    Other {
        /// What changed, for people.
        what: Vec<String>,
    },
}

impl Change {
    /// Whether Rinnovo expects this change in a returned contract.
    pub fn expected(&self) -> bool {
        matches!(self, Change::Nothing | Change::Signature { .. })
    }
}

/// Whether the attached data matches the pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    /// The pages are what this build makes from the attached data.
    Matches,
    /// Neither the data nor the pages changed since the first revision,
    /// which Rinnovo made from one another.
    Unchanged,
    /// They differ: `what` says where.
    Differs {
        /// For people.
        what: Vec<String>,
    },
    /// The final file has no readable data.
    Unreadable(String),
}

/// The answer for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The first revision's byte range (`0..end`).
    pub original_bytes: std::ops::Range<usize>,
    /// What the first revision is.
    pub original: Original,
    /// Each later revision, in order, with its byte range.
    pub added: Vec<(std::ops::Range<usize>, Change)>,
    /// Bytes after the last revision that are not white space.
    pub trailing: Option<std::ops::Range<usize>>,
    /// Whether the data matches the pages.
    pub data: Data,
}

impl Report {
    /// As Rinnovo made it (by this build or, sealed, by another), with at
    /// most digital signatures added, and data matching pages.
    pub fn intact(&self) -> bool {
        matches!(
            self.original,
            Original::ThisBuild { .. } | Original::OtherBuild { .. }
        ) && self.added.iter().all(|(_, c)| c.expected())
            && self.trailing.is_none()
            && matches!(self.data, Data::Matches | Data::Unchanged)
    }

    /// The report as lines for people.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let r = &self.original_bytes;
        let first = format!("revision 1 (bytes {}-{})", r.start, r.end);
        out.push(match &self.original {
            Original::ThisBuild { doc } => format!(
                "original: as Rinnovo made it: {first} is byte for byte what this build makes from its attached data ({})",
                doc_name(*doc)
            ),
            Original::OtherBuild {
                producer,
                schema,
                unfillable,
            } => {
                let mut why = Vec::new();
                if let Some(p) = producer {
                    why.push(format!("its producer is {p:?}"));
                }
                match schema {
                    Some(s) if *s != SCHEMA_VERSION => why.push(format!(
                        "its data is of schema {s}, this build writes schema {SCHEMA_VERSION}"
                    )),
                    _ => {}
                }
                if let Some(u) = unfillable {
                    why.push(u.clone());
                }
                let why = if why.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", why.join("; "))
                };
                format!(
                    "original: as Rinnovo made it, but made by another build: {first} is unchanged since Rinnovo wrote it (its /ID is the MD5 of its bytes), yet this build makes other bytes from its data: a newer or older version of the app, whose templates, content or PDF engine differ{why}; not checked byte for byte"
                )
            }
            Original::NoData { why } => format!(
                "original: not a renewal made by Rinnovo: {first} has no readable Rinnovo data ({why})"
            ),
            Original::Changed { unfillable } => {
                let why = unfillable
                    .as_ref()
                    .map(|u| format!(" ({u})"))
                    .unwrap_or_default();
                format!(
                    "original: not as Rinnovo made it: {first} is not what this build makes from its attached data, and its /ID no longer matches its bytes: it was edited or rewritten by another tool, or not made by Rinnovo{why}"
                )
            }
        });
        if self.added.is_empty() {
            out.push("revisions added after it: none".to_string());
        } else {
            out.push(format!("revisions added after it: {}", self.added.len()));
        }
        for (i, (range, change)) in self.added.iter().enumerate() {
            let what = match change {
                Change::Nothing => "no change to any object".to_string(),
                Change::Signature { field, timestamp } => {
                    let kind = if *timestamp {
                        "a document timestamp"
                    } else {
                        "a digital signature"
                    };
                    let field = field
                        .as_ref()
                        .map(|f| format!(" of field {f}"))
                        .unwrap_or_default();
                    format!("{kind}{field} (expected), covering the whole file up to it")
                }
                Change::Form { what } => {
                    format!("form or annotation changes: {}", what.join(", "))
                }
                Change::Other { what } => format!("other changes: {}", what.join(", ")),
            };
            out.push(format!(
                "revision {} (bytes {}-{}): {what}",
                i + 2,
                range.start,
                range.end
            ));
        }
        if let Some(t) = &self.trailing {
            out.push(format!(
                "after the last revision: {} bytes that are not part of any revision (bytes {}-{})",
                t.end - t.start,
                t.start,
                t.end
            ));
        }
        out.push(match &self.data {
            Data::Matches => {
                "attached data: matches what the pages show (this build draws the same pages from it)"
                    .to_string()
            }
            Data::Unchanged => "attached data: matches what the pages show (neither changed since Rinnovo made the file)".to_string(),
            Data::Differs { what } => format!(
                "attached data: does not match what the pages show: {}",
                what.join("; ")
            ),
            Data::Unreadable(why) => format!("attached data: {why}"),
        });
        out.push(if self.intact() {
            let signed = self
                .added
                .iter()
                .filter(|(_, c)| matches!(c, Change::Signature { .. }))
                .count();
            match signed {
                0 => "result: as Rinnovo made it".to_string(),
                1 => "result: as Rinnovo made it, with 1 digital signature added".to_string(),
                n => format!("result: as Rinnovo made it, with {n} digital signatures added"),
            }
        } else {
            "result: CHANGED after Rinnovo made it, or not made by Rinnovo (see above)".to_string()
        });
        out
    }
}

fn doc_name(doc: Doc) -> &'static str {
    match doc {
        Doc::SupportForm => "the support and maintenance form",
        Doc::Conditions => "the general conditions",
        Doc::Both => "both documents in one PDF",
    }
}
