//! What the PDFs' text font can print, checked on the validated form so the
//! page can say so before it asks the worker for a PDF. The coverage comes
//! from the font file itself (`assets/fonts/NotoSans-Regular.ttf`, read by
//! `build.rs`): Latin with its extensions and Vietnamese, Greek, Cyrillic.

use crate::domain::form::{FieldId, ValidForm};

include!(concat!(env!("OUT_DIR"), "/coverage.rs"));

/// Whether the PDFs' font has a glyph for `c`. Line breaks and tabs count as
/// printable: text fields turn them into line breaks or spaces.
pub fn is_printable(c: char) -> bool {
    let cp = u32::from(c);
    c == '\n'
        || c == '\t'
        || COVERED
            .binary_search_by(|&(start, end)| {
                if end < cp {
                    std::cmp::Ordering::Less
                } else if start > cp {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// The distinct characters of `text` (after `winansi::normalize`, which
/// the PDFs apply too) that the font cannot print, in order of first
/// appearance.
pub fn unprintable_chars(text: &str) -> Vec<char> {
    let mut bad: Vec<char> = Vec::new();
    for c in winansi::normalize(text).chars() {
        if !is_printable(c) && !bad.contains(&c) {
            bad.push(c);
        }
    }
    bad
}

/// The fields whose values the PDF fonts cannot print, with the characters,
/// so the app can say so before generating.
pub fn unprintable(form: &ValidForm) -> Vec<(FieldId, Vec<char>)> {
    let signings = [
        (FieldId::FormSigner, form.form_signing.signer.as_str()),
        (FieldId::FormPlace, &form.form_signing.place),
        (FieldId::ConditionsSigner, &form.conditions_signing.signer),
        (FieldId::ConditionsPlace, &form.conditions_signing.place),
    ];
    form.company
        .fields()
        .map(|(f, v)| (f.id, v))
        .chain(signings)
        .filter_map(|(id, t)| {
            let bad = unprintable_chars(t);
            (!bad.is_empty()).then_some((id, bad))
        })
        .collect()
}
