//! The seal of Rinnovo's writer: the `/ID` is the MD5 of the file as
//! written with a zero `/ID` (`acroform::write`). It tells a file that a
//! Rinnovo build wrote, untouched since, from one a tool rewrote or edited;
//! not from a forgery, since anyone can compute it again.

use lopdf::{Document, Object};
use md5::{Digest as _, Md5};

/// Whether the file's `/ID` is the MD5 of its bytes written with a zero
/// `/ID`, as Rinnovo's writer makes it.
pub(super) fn sealed(bytes: &[u8], doc: &Document) -> bool {
    let Ok(Object::Array(id)) = doc.trailer.get(b"ID") else {
        return false;
    };
    let [Object::String(a, _), Object::String(b, _)] = id.as_slice() else {
        return false;
    };
    if a != b || a.len() != 16 {
        return false;
    }
    // The trailer is the last thing written before startxref.
    let Some(trailer_at) = rfind(bytes, b"trailer") else {
        return false;
    };
    let hex: String = a.iter().map(|b| format!("{b:02x}")).collect();
    let zero = [b'0'; 32];
    let mut zeroed = bytes.to_vec();
    let mut found = 0;
    let mut at = trailer_at;
    while let Some(i) = zeroed
        .get(at..)
        .and_then(|tail| tail.windows(34).position(|w| is_hex_string(w, &hex)))
    {
        let start = at + i + 1;
        if let Some(slot) = zeroed.get_mut(start..start + 32) {
            slot.copy_from_slice(&zero);
        }
        found += 1;
        at = start + 33;
    }
    found == 2 && Md5::digest(&zeroed).as_slice() == a.as_slice()
}

fn is_hex_string(w: &[u8], hex: &str) -> bool {
    w.first() == Some(&b'<')
        && w.last() == Some(&b'>')
        && w.get(1..33)
            .is_some_and(|h| h.eq_ignore_ascii_case(hex.as_bytes()))
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rinnovo_documents::renewal::SUPPORT_FORM_TEMPLATE;

    #[test]
    fn rinnovos_writer_seals_its_files_and_an_edit_breaks_the_seal() {
        let doc = acroform::load::load(SUPPORT_FORM_TEMPLATE).unwrap();
        assert!(sealed(SUPPORT_FORM_TEMPLATE, &doc));
        // One byte of a content stream changed, the file otherwise the same.
        let mut edited = SUPPORT_FORM_TEMPLATE.to_vec();
        let at = edited.windows(6).position(|w| w == b"stream").unwrap() + 20;
        edited[at] ^= 1;
        let doc = acroform::load::load(&edited).unwrap();
        assert!(!sealed(&edited, &doc));
    }
}
