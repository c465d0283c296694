//! The form as the user typed it, and its versioned storage schema.
//!
//! Every field is kept as raw text so nothing typed is ever lost, even when
//! invalid; [`super::form::validate`] turns a draft into typed values. A
//! stored draft is a JSON envelope `{"schema": N, "draft": {...}}`: reading
//! one migrates older schemas and refuses newer or broken ones with a
//! [`DraftLoadError`], never a panic.
//!
//! Drafts live for years: in localStorage, and inside every PDF the app has
//! made (its attachment is this envelope), which a customer may bring back
//! to the app long after. So every schema this app ever wrote stays
//! readable: each older schema has a module here with its shape, frozen,
//! read by the same serde code its build used, and a conversion to the next
//! schema. When a type that an old schema's module borrows from today's
//! (such as [`CompanyDraft`]) changes, its old shape is copied into that
//! module first.
//!
//! Schema history:
//! - 1: the first release.
//! - 2: the stamp became a choice like the signature's,
//!   `"stamp": {"method": "uploaded" | "by_hand", "png": ...}`, in place of
//!   `"stamp_png"` and `"stamp_by_hand"`. In schema 1 the two could both be
//!   set (an image uploaded, then "by hand" ticked) and the image silently
//!   won; now the user's choice is explicit and the other method's image is
//!   kept, unused, for when they switch back.

pub use super::fields::CompanyDraft;
use super::fields::COMPANY;
use serde::{Deserialize, Serialize};

/// `Deserialize` for a struct of the draft, read as a map: each known key
/// into its field, an unknown key skipped, a missing one left at its
/// default. serde's derive with `#[serde(default)]` does the same with a
/// field-name visitor, a default and a duplicate check per field, generic
/// over every deserializer: several KB of the page's wasm per struct
/// (docs/design.md, "The draft read by key"). A key given twice keeps its
/// last value.
macro_rules! read_by_key {
    ($ty:ty { $($field:ident),+ $(,)? }) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Keys;
                impl<'de> serde::de::Visitor<'de> for Keys {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str(stringify!($ty))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                        let mut value = <$ty>::default();
                        while let Some(key) = map.next_key::<String>()? {
                            match key.as_str() {
                                $(stringify!($field) => value.$field = map.next_value()?,)+
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok(value)
                    }
                }
                d.deserialize_map(Keys)
            }
        }
    };
}

/// The schema version written by this build.
pub const SCHEMA_VERSION: u32 = 2;

/// The largest stored draft this app reads (images included).
pub const MAX_DRAFT_BYTES: usize = 24 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub company: CompanyDraft,
    pub activations: String,
    /// The chosen support tier's id from content, empty when none.
    pub tier: String,
    pub form_signing: SigningDraft,
    pub conditions: ConditionsDraft,
}

/// How the user signs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureMethod {
    #[default]
    Drawn,
    Typed,
    Uploaded,
    /// Left blank, to be signed by hand after printing.
    Handwritten,
    /// Left for a qualified digital signature (firma digitale, PAdES).
    Digital,
}

impl SignatureMethod {
    pub const ALL: [SignatureMethod; 5] = [
        SignatureMethod::Drawn,
        SignatureMethod::Typed,
        SignatureMethod::Uploaded,
        SignatureMethod::Handwritten,
        SignatureMethod::Digital,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SignatureMethod::Drawn => "drawn",
            SignatureMethod::Typed => "typed",
            SignatureMethod::Uploaded => "uploaded",
            SignatureMethod::Handwritten => "handwritten",
            SignatureMethod::Digital => "digital",
        }
    }
}

/// One signature as entered: the method and what each method holds, so that
/// switching method back and forth loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SignatureDraft {
    pub method: SignatureMethod,
    /// `data:image/png;base64,...` of the ink, cropped, transparent.
    pub drawn_png: String,
    pub typed: String,
    /// The typed name rendered by the browser, as a PNG data URL.
    pub typed_png: String,
    pub uploaded_png: String,
}

/// How the company stamp is applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StampMethod {
    /// An image of the stamp, uploaded.
    #[default]
    Uploaded,
    /// Applied by hand on the printed form.
    ByHand,
}

impl StampMethod {
    pub const ALL: [StampMethod; 2] = [StampMethod::Uploaded, StampMethod::ByHand];

    pub fn id(self) -> &'static str {
        match self {
            StampMethod::Uploaded => "uploaded",
            StampMethod::ByHand => "by_hand",
        }
    }
}

/// The company stamp as entered: the method, and the uploaded image, which
/// is kept when the user switches to "by hand" and back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StampDraft {
    pub method: StampMethod,
    /// `data:image/png;base64,...`, re-encoded by the browser.
    pub png: String,
}

/// Stamp and signature with signer, place and date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SigningDraft {
    pub signer: String,
    pub place: String,
    /// `YYYY-MM-DD`, as `<input type=date>` gives it.
    pub date: String,
    pub signature: SignatureDraft,
    pub stamp: StampDraft,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConditionsDraft {
    pub accepted: bool,
    /// Reuse the form's stamp and signature for the conditions.
    pub reuse_form_signing: bool,
    pub signing: SigningDraft,
    /// Specific approval of the onerous clauses (artt. 1341 e 1342 c.c.).
    pub onerous_approved: bool,
    pub onerous_signature: SignatureDraft,
}

read_by_key!(Draft {
    company,
    activations,
    tier,
    form_signing,
    conditions
});
read_by_key!(SignatureDraft {
    method,
    drawn_png,
    typed,
    typed_png,
    uploaded_png
});
read_by_key!(StampDraft { method, png });
read_by_key!(SigningDraft {
    signer,
    place,
    date,
    signature,
    stamp
});
read_by_key!(ConditionsDraft {
    accepted,
    reuse_form_signing,
    signing,
    onerous_approved,
    onerous_signature
});

impl SignatureDraft {
    /// Only what the chosen method uses.
    fn in_use(&self) -> SignatureDraft {
        let mut kept = SignatureDraft {
            method: self.method,
            ..SignatureDraft::default()
        };
        match self.method {
            SignatureMethod::Drawn => kept.drawn_png = self.drawn_png.clone(),
            SignatureMethod::Typed => {
                kept.typed = self.typed.clone();
                kept.typed_png = self.typed_png.clone();
            }
            SignatureMethod::Uploaded => kept.uploaded_png = self.uploaded_png.clone(),
            SignatureMethod::Handwritten | SignatureMethod::Digital => {}
        }
        kept
    }
}

impl SigningDraft {
    fn in_use(&self) -> SigningDraft {
        SigningDraft {
            signature: self.signature.in_use(),
            stamp: StampDraft {
                method: self.stamp.method,
                png: match self.stamp.method {
                    StampMethod::Uploaded => self.stamp.png.clone(),
                    StampMethod::ByHand => String::new(),
                },
            },
            ..self.clone()
        }
    }
}

impl Draft {
    /// The draft as it goes into a PDF, which the customer sends to the
    /// vendor: only what the chosen methods use. A signature drawn, then
    /// replaced by "sign by hand", or a stamp image replaced by "by hand",
    /// stays in this browser's draft for a change of mind, but never leaves
    /// it hidden in a PDF's attachment. It validates to the same form.
    pub fn in_use(&self) -> Draft {
        let c = &self.conditions;
        Draft {
            form_signing: self.form_signing.in_use(),
            conditions: ConditionsDraft {
                // Reused: the conditions' own signing is not used at all.
                signing: if c.reuse_form_signing {
                    SigningDraft::default()
                } else {
                    c.signing.in_use()
                },
                onerous_signature: c.onerous_signature.in_use(),
                ..c.clone()
            },
            ..self.clone()
        }
    }
}

/// One value of a draft, as [`Draft::visit`] hands it out.
enum Value<'a> {
    Text(&'a mut String),
    Flag(&'a mut bool),
    Signature(&'a mut SignatureMethod),
    Stamp(&'a mut StampMethod),
}

impl SignatureDraft {
    fn visit(&mut self, f: &mut dyn FnMut(Value)) {
        f(Value::Signature(&mut self.method));
        for t in [
            &mut self.drawn_png,
            &mut self.typed,
            &mut self.typed_png,
            &mut self.uploaded_png,
        ] {
            f(Value::Text(t));
        }
    }
}

impl SigningDraft {
    fn visit(&mut self, f: &mut dyn FnMut(Value)) {
        for t in [&mut self.signer, &mut self.place, &mut self.date] {
            f(Value::Text(t));
        }
        self.signature.visit(f);
        f(Value::Stamp(&mut self.stamp.method));
        f(Value::Text(&mut self.stamp.png));
    }
}

impl Draft {
    /// Every value of the draft, in one fixed order, the only place that
    /// order is written: [`Draft::to_texts`] and [`Draft::from_texts`] both
    /// follow it, so they cannot disagree.
    fn visit(&mut self, f: &mut dyn FnMut(Value)) {
        for field in &COMPANY {
            if let Some(t) = self.company.typed_mut(field.id) {
                f(Value::Text(t));
            }
        }
        f(Value::Text(&mut self.activations));
        f(Value::Text(&mut self.tier));
        self.form_signing.visit(f);
        let c = &mut self.conditions;
        f(Value::Flag(&mut c.accepted));
        f(Value::Flag(&mut c.reuse_form_signing));
        c.signing.visit(f);
        f(Value::Flag(&mut c.onerous_approved));
        c.onerous_signature.visit(f);
    }

    /// The draft as a list of texts in a fixed order (flags as `true` or
    /// `false`, methods by their ids): how the page hands it to its PDF
    /// worker, which so needs no JSON parser nor serde's code for the
    /// draft's shape (30 KB of the worker's gzip). Not a storage
    /// format: the page and the worker are always of one build.
    pub fn to_texts(&self) -> Vec<String> {
        let mut copy = self.clone();
        let mut texts = Vec::new();
        copy.visit(&mut |v| {
            texts.push(match v {
                Value::Text(t) => std::mem::take(t),
                Value::Flag(b) => if *b { "true" } else { "false" }.to_string(),
                Value::Signature(m) => m.id().to_string(),
                Value::Stamp(m) => m.id().to_string(),
            })
        });
        texts
    }

    /// The draft [`Draft::to_texts`] made, or `None` when `texts` is not
    /// such a list (too few or too many, a flag or a method unknown).
    pub fn from_texts(texts: Vec<String>) -> Option<Draft> {
        let mut draft = Draft::default();
        let mut texts = texts.into_iter();
        let mut ok = true;
        draft.visit(&mut |v| {
            let Some(text) = texts.next() else {
                ok = false;
                return;
            };
            match v {
                Value::Text(t) => *t = text,
                Value::Flag(b) => match text.as_str() {
                    "true" => *b = true,
                    "false" => *b = false,
                    _ => ok = false,
                },
                Value::Signature(m) => {
                    match SignatureMethod::ALL.into_iter().find(|x| x.id() == text) {
                        Some(x) => *m = x,
                        None => ok = false,
                    }
                }
                Value::Stamp(m) => match StampMethod::ALL.into_iter().find(|x| x.id() == text) {
                    Some(x) => *m = x,
                    None => ok = false,
                },
            }
        });
        (ok && texts.next().is_none()).then_some(draft)
    }
}

/// The localStorage key of the stored draft (`src/storage.rs`; the
/// prerendered page's route script reads its `step` too).
pub const STORAGE_KEY: &str = "rinnovo.draft";

/// A draft with the app step it was on, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDraft {
    pub schema: u32,
    /// The route the user was on (e.g. "azienda"); free text, checked by the UI.
    #[serde(default)]
    pub step: String,
    pub draft: Draft,
}

/// Why a stored draft could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftLoadError {
    /// Longer than [`MAX_DRAFT_BYTES`].
    #[error("the draft is larger than {} bytes", MAX_DRAFT_BYTES)]
    TooLarge,
    /// Not JSON, or not the shape of any known schema.
    #[error("the draft is not JSON of any known schema")]
    Unreadable,
    /// Written by a newer version of the app.
    #[error("the draft was written by a newer version of the app (schema {0})")]
    NewerSchema(u32),
}

impl StoredDraft {
    pub fn new(step: &str, draft: Draft) -> StoredDraft {
        StoredDraft {
            schema: SCHEMA_VERSION,
            step: step.to_string(),
            draft,
        }
    }

    pub fn to_json(&self) -> String {
        // Serialising plain strings and bools cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored draft of any schema version this app ever wrote,
    /// migrating it to the current one.
    pub fn from_json(json: &str) -> Result<StoredDraft, DraftLoadError> {
        match schema_of(json)? {
            1 => serde_json::from_str::<v1::StoredDraft>(json)
                .map(StoredDraft::from)
                .map_err(|_| DraftLoadError::Unreadable),
            _ => StoredDraft::from_current_json(json),
        }
    }

    /// What [`StoredDraft::from_json`] reads, from a value already parsed
    /// by another self-describing format: `value` gives a deserializer of
    /// that one value each time it is called (the schema is read first).
    /// The page reads its drafts so from the browser's own `JSON.parse`
    /// (`src/draft_json.rs`), without serde_json's parser in its wasm; it
    /// checks the text's size and [`nesting_within`] before parsing.
    pub fn from_value<'de, D: serde::Deserializer<'de>>(
        value: impl Fn() -> D,
    ) -> Result<StoredDraft, DraftLoadError> {
        let unreadable = |_| DraftLoadError::Unreadable;
        match Envelope::deserialize(value()).map_err(unreadable)?.schema {
            1 => v1::StoredDraft::deserialize(value())
                .map(StoredDraft::from)
                .map_err(unreadable),
            SCHEMA_VERSION => StoredDraft::deserialize(value()).map_err(unreadable),
            n if n > SCHEMA_VERSION => Err(DraftLoadError::NewerSchema(n)),
            _ => Err(DraftLoadError::Unreadable),
        }
    }

    /// Reads a draft of this build's schema only, refusing older ones: what
    /// this build's page hands its PDF worker (always [`StoredDraft::to_json`]).
    /// The worker reads no older schema, so the migrations stay out of its
    /// wasm; "resume from a PDF" migrates in the page, with
    /// [`StoredDraft::from_json`].
    pub fn from_current_json(json: &str) -> Result<StoredDraft, DraftLoadError> {
        match schema_of(json)? {
            SCHEMA_VERSION => serde_json::from_str(json).map_err(|_| DraftLoadError::Unreadable),
            n if n > SCHEMA_VERSION => Err(DraftLoadError::NewerSchema(n)),
            _ => Err(DraftLoadError::Unreadable),
        }
    }
}

impl DraftLoadError {
    /// The key of the message in the content files.
    pub fn key(&self) -> &'static str {
        match self {
            DraftLoadError::NewerSchema(_) => "error.pdf.newer_schema",
            DraftLoadError::TooLarge | DraftLoadError::Unreadable => "error.pdf.unreadable_data",
        }
    }
}

/// The schema version a stored draft declares, after the size check.
fn schema_of(json: &str) -> Result<u32, DraftLoadError> {
    if json.len() > MAX_DRAFT_BYTES {
        return Err(DraftLoadError::TooLarge);
    }
    serde_json::from_str::<Envelope>(json)
        .map(|e| e.schema)
        .map_err(|_| DraftLoadError::Unreadable)
}

/// What every stored draft's JSON says first: the schema it was written in.
#[derive(Deserialize)]
struct Envelope {
    schema: u32,
}

/// The deepest nesting of arrays and objects a stored draft may have:
/// serde_json's, which [`StoredDraft::from_json`] applies (its recursion
/// limit of 128 refuses the 128th level). A draft's own shape is four
/// levels deep.
pub const MAX_NESTING: usize = 127;

/// Whether the JSON text's arrays and objects nest at most `max` deep,
/// counted over the text as it is (brackets inside strings do not count).
/// A reader that walks a parsed value recursively (serde skips an unknown
/// key's value so) checks this first: a hostile draft of a million `[`
/// must be refused, not overflow the stack. Not a validator: what passes is
/// still parsed, and refused then if it is not JSON.
pub fn nesting_within(json: &str, max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in json.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

/// Schema 1, as its build wrote it: the stamp was `stamp_png` and
/// `stamp_by_hand`, two fields that could both be set.
mod v1 {
    use super::{CompanyDraft, SignatureDraft};
    use serde::Deserialize;

    read_by_key!(Draft {
        company,
        activations,
        tier,
        form_signing,
        conditions
    });
    read_by_key!(SigningDraft {
        signer,
        place,
        date,
        signature,
        stamp_png,
        stamp_by_hand
    });
    read_by_key!(ConditionsDraft {
        accepted,
        reuse_form_signing,
        signing,
        onerous_approved,
        onerous_signature
    });

    #[derive(Deserialize)]
    pub struct StoredDraft {
        #[serde(default)]
        pub step: String,
        pub draft: Draft,
    }

    #[derive(Default)]
    pub struct Draft {
        pub company: CompanyDraft,
        pub activations: String,
        pub tier: String,
        pub form_signing: SigningDraft,
        pub conditions: ConditionsDraft,
    }

    #[derive(Default)]
    pub struct SigningDraft {
        pub signer: String,
        pub place: String,
        pub date: String,
        pub signature: SignatureDraft,
        pub stamp_png: String,
        pub stamp_by_hand: bool,
    }

    #[derive(Default)]
    pub struct ConditionsDraft {
        pub accepted: bool,
        pub reuse_form_signing: bool,
        pub signing: SigningDraft,
        pub onerous_approved: bool,
        pub onerous_signature: SignatureDraft,
    }
}

impl From<v1::StoredDraft> for StoredDraft {
    fn from(old: v1::StoredDraft) -> StoredDraft {
        let d = old.draft;
        let c = d.conditions;
        StoredDraft::new(
            &old.step,
            Draft {
                company: d.company,
                activations: d.activations,
                tier: d.tier,
                form_signing: d.form_signing.into(),
                conditions: ConditionsDraft {
                    accepted: c.accepted,
                    reuse_form_signing: c.reuse_form_signing,
                    signing: c.signing.into(),
                    onerous_approved: c.onerous_approved,
                    onerous_signature: c.onerous_signature,
                },
            },
        )
    }
}

impl From<v1::SigningDraft> for SigningDraft {
    /// Where schema 1 had both an image and "by hand", its app used the
    /// image (in the review and in the PDF), so the migrated draft keeps
    /// using it: nothing the user saw changes.
    fn from(s: v1::SigningDraft) -> SigningDraft {
        let method = if s.stamp_by_hand && s.stamp_png.is_empty() {
            StampMethod::ByHand
        } else {
            StampMethod::Uploaded
        };
        SigningDraft {
            signer: s.signer,
            place: s.place,
            date: s.date,
            signature: s.signature,
            stamp: StampDraft {
                method,
                png: s.stamp_png,
            },
        }
    }
}
