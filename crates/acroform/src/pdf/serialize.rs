//! The bytes of a PDF file from a `lopdf::Document`: renumbering and
//! serialization, in place of lopdf's writer.
//!
//! lopdf's writer goes through `std::io::Write` and formats reals with
//! `f32`'s `Display`; both pull in code the web worker does not otherwise
//! need (core's float formatter alone is 10 KB of wasm). This writer
//! produces the same syntax as lopdf's default save, a header, the objects
//! in number order, a classic cross-reference table and a trailer, into a
//! `Vec<u8>`, and writes reals with integer arithmetic.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// Numbers the objects 1, 2, 3, ... in their present order, keeping their
/// generation, and points every reference (in objects and trailer) at the
/// new numbers; a reference to a missing object becomes `null`, as PDF
/// reads it (PDF 32000-1, 7.3.10), so that it cannot point at an object of
/// another document this one is appended to. Sets
/// `max_id`. `first` is the first number given (1 for a file; past another
/// document's numbers before appending to it).
pub fn renumber(doc: &mut Document, first: u32) {
    // In the order of the old ids, as the objects are kept: a sorted list
    // rather than a map, whose code the worker would carry for this one
    // key and value type.
    let mut map: Vec<(ObjectId, ObjectId)> = Vec::with_capacity(doc.objects.len());
    let mut next = first;
    for &old in doc.objects.keys() {
        map.push((old, (next, old.1)));
        next = next.saturating_add(1);
    }
    debug_assert!(map.is_sorted_by_key(|(old, _)| *old));
    let objects = std::mem::take(&mut doc.objects);
    for (old, mut object) in objects {
        relink(&mut object, &map, false);
        let new = new_id(&map, old).unwrap_or(old);
        doc.objects.insert(new, object);
    }
    for (_, value) in doc.trailer.iter_mut() {
        relink(value, &map, false);
    }
    doc.max_id = next.saturating_sub(1);
}

/// The new id of `old` in `map`, a list of (old, new) sorted by old id.
fn new_id(map: &[(ObjectId, ObjectId)], old: ObjectId) -> Option<ObjectId> {
    map.binary_search_by_key(&old, |(o, _)| *o)
        .ok()
        .and_then(|i| map.get(i))
        .map(|(_, new)| *new)
}

/// Rewrites the references inside `object` through `map`, a list of (old,
/// new) ids sorted by old id, with a stack of its own rather than
/// recursion, so no nesting can overflow the stack. A reference `map` lacks
/// stays as it is when `keep_others`, and becomes `null` otherwise.
pub(crate) fn relink(object: &mut Object, map: &[(ObjectId, ObjectId)], keep_others: bool) {
    let mut stack = vec![object];
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(id) => match new_id(map, *id) {
                Some(new) => *id = new,
                None if keep_others => {}
                None => *o = Object::Null,
            },
            Object::Array(items) => stack.extend(items.iter_mut()),
            Object::Dictionary(d) => stack.extend(d.iter_mut().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter_mut().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// The file: `%PDF-` and the version, a binary comment, every object, the
/// cross-reference table, the trailer (with `/Size`) and `startxref`.
/// Objects are written in number order; numbers missing between them get
/// their own subsections of the table, as PDF 32000-1, 7.5.4 allows. Every
/// object is written: [`crate::write::save`] prunes the unreferenced ones
/// (old object streams, cross-reference streams, a linearization
/// dictionary) first.
pub fn to_pdf(doc: &Document) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(doc.version.as_bytes());
    out.extend_from_slice(b"\n%");
    // lopdf's mark when it holds only bytes above 127, as PDF/A asks.
    if !doc.binary_mark.is_empty() && doc.binary_mark.iter().all(|&b| b >= 128) {
        out.extend_from_slice(&doc.binary_mark);
    } else {
        out.extend_from_slice(&[0xE2, 0xE3, 0xCF, 0xD3]);
    }
    out.push(b'\n');
    let mut offsets: Vec<(u32, usize, u16)> = Vec::with_capacity(doc.objects.len());
    for (&(id, generation), object) in &doc.objects {
        offsets.push((id, out.len(), generation));
        int(&mut out, i64::from(id));
        out.push(b' ');
        int(&mut out, i64::from(generation));
        out.extend_from_slice(b" obj\n");
        if needs_space_before(object) {
            out.push(b' ');
        }
        write_object(&mut out, object);
        if needs_space_after(object) {
            out.push(b' ');
        }
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref_start = out.len();
    out.extend_from_slice(b"xref\n");
    // Subsections of consecutive numbers; object 0 is the head of the free
    // list, in the first subsection when that starts at 1.
    let mut sections: Vec<Section> = Vec::new();
    for &(id, offset, generation) in &offsets {
        match sections.last_mut() {
            Some((start, entries)) if u64::from(*start) + entries.len() as u64 == u64::from(id) => {
                entries.push(Some((offset, generation)));
            }
            _ => sections.push((id, vec![Some((offset, generation))])),
        }
    }
    match sections.first_mut() {
        Some((start, entries)) if *start == 1 => {
            *start = 0;
            entries.insert(0, None);
        }
        _ => sections.insert(0, (0, vec![None])),
    }
    for (start, entries) in &sections {
        int(&mut out, i64::from(*start));
        out.push(b' ');
        int(&mut out, entries.len() as i64);
        out.push(b'\n');
        for entry in entries {
            match entry {
                Some((offset, generation)) => {
                    padded(&mut out, *offset as u64, 10);
                    out.push(b' ');
                    padded(&mut out, u64::from(*generation), 5);
                    out.extend_from_slice(b" n \n");
                }
                None => out.extend_from_slice(b"0000000000 65535 f \n"),
            }
        }
    }
    let mut trailer = doc.trailer.clone();
    trailer.set("Size", i64::from(doc.max_id) + 1);
    out.extend_from_slice(b"trailer\n");
    dictionary(&mut out, &trailer);
    out.extend_from_slice(b"\nstartxref\n");
    int(&mut out, xref_start as i64);
    out.extend_from_slice(b"\n%%EOF");
    out
}

/// A subsection of the cross-reference table: its first number, and per
/// object its offset and generation (`None`: the free-list head, object 0).
type Section = (u32, Vec<Option<(usize, u16)>>);

/// Whether a space must separate this object from a preceding token.
fn needs_space_before(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// Whether a space must follow this object before the next token.
fn needs_space_after(object: &Object) -> bool {
    needs_space_before(object) || matches!(object, Object::Name(_) | Object::Stream(_))
}

/// One object's syntax, as it is written in the file. Arrays and
/// dictionaries are walked with a stack of pending pieces rather than by
/// recursion, so no nesting can overflow the stack.
pub fn write_object(out: &mut Vec<u8>, object: &Object) {
    enum Piece<'a> {
        Object(&'a Object),
        Key(&'a [u8]),
        Bytes(&'static [u8]),
    }
    let mut stack = vec![Piece::Object(object)];
    while let Some(piece) = stack.pop() {
        let object = match piece {
            Piece::Bytes(b) => {
                out.extend_from_slice(b);
                continue;
            }
            Piece::Key(k) => {
                name(out, k);
                continue;
            }
            Piece::Object(o) => o,
        };
        match object {
            Object::Null => out.extend_from_slice(b"null"),
            Object::Boolean(true) => out.extend_from_slice(b"true"),
            Object::Boolean(false) => out.extend_from_slice(b"false"),
            Object::Integer(i) => int(out, *i),
            Object::Real(r) => real(out, *r),
            Object::Name(n) => name(out, n),
            Object::String(bytes, StringFormat::Literal) => literal(out, bytes),
            Object::String(bytes, StringFormat::Hexadecimal) => hex(out, bytes),
            Object::Reference((id, generation)) => {
                int(out, i64::from(*id));
                out.push(b' ');
                int(out, i64::from(*generation));
                out.extend_from_slice(b" R");
            }
            Object::Array(items) => {
                out.push(b'[');
                stack.push(Piece::Bytes(b"]"));
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push(Piece::Object(item));
                    if i > 0 && needs_space_before(item) {
                        stack.push(Piece::Bytes(b" "));
                    }
                }
            }
            Object::Dictionary(d) => push_dictionary(&mut stack, d, out),
            Object::Stream(s) => {
                // Everything before it is written: its dictionary and data
                // go out in place.
                dictionary(out, &s.dict);
                out.extend_from_slice(b"stream\n");
                out.extend_from_slice(&s.content);
                out.extend_from_slice(b"\nendstream");
            }
        }
    }

    fn push_dictionary<'a>(stack: &mut Vec<Piece<'a>>, d: &'a Dictionary, out: &mut Vec<u8>) {
        out.extend_from_slice(b"<<");
        stack.push(Piece::Bytes(b">>"));
        let entries: Vec<(&'a Vec<u8>, &'a Object)> = d.iter().collect();
        for (key, value) in entries.into_iter().rev() {
            stack.push(Piece::Object(value));
            if needs_space_before(value) {
                stack.push(Piece::Bytes(b" "));
            }
            stack.push(Piece::Key(key));
        }
    }
}

/// A dictionary on its own (a stream's, the trailer).
fn dictionary(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in d.iter() {
        name(out, key);
        if needs_space_before(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

fn int(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    padded(out, v.unsigned_abs(), 1);
}

/// `v` in `width` digits, zeros in front.
fn padded(out: &mut Vec<u8>, v: u64, width: usize) {
    let mut digits = Vec::with_capacity(width);
    uint(&mut digits, u128::from(v));
    out.extend(std::iter::repeat_n(
        b'0',
        width.saturating_sub(digits.len()),
    ));
    out.extend_from_slice(&digits);
}

/// A real as its shortest decimal that reads back as the same `f32`, with
/// a point always (`12.0`, so that it reads back as a real), never an
/// exponent (PDF has none). Non-finite values, which PDF cannot write,
/// become `0.0`.
pub fn real(out: &mut Vec<u8>, v: f32) {
    let x = if v.is_finite() { f64::from(v) } else { 0.0 };
    if x.abs() >= 1e15 {
        // A whole number: every f32 this large is one, and fits a u128.
        if x < 0.0 {
            out.push(b'-');
        }
        uint(out, x.abs() as u128);
        out.extend_from_slice(b".0");
        return;
    }
    // The smallest f32 above zero needs 45 decimals.
    let mut scale: f64 = 1.0;
    let mut best = (x.round(), 0u32);
    for decimals in 0..=46u32 {
        let scaled = (x * scale).round();
        if scaled.abs() >= 1e17 {
            break;
        }
        best = (scaled, decimals);
        if (scaled / scale) as f32 == x as f32 {
            break;
        }
        scale *= 10.0;
    }
    fixed(out, best.0 as i64, best.1);
}

/// `scaled / 10^decimals` in decimal, with at least one digit after the
/// point, trailing zeros dropped.
fn fixed(out: &mut Vec<u8>, scaled: i64, decimals: u32) {
    if scaled < 0 {
        out.push(b'-');
    }
    let mut digits = Vec::new();
    uint(&mut digits, u128::from(scaled.unsigned_abs()));
    let decimals = decimals as usize;
    if digits.len() <= decimals {
        let mut zeros = vec![b'0'; decimals + 1 - digits.len()];
        zeros.extend_from_slice(&digits);
        digits = zeros;
    }
    let point = digits.len().saturating_sub(decimals);
    let (whole, frac) = digits.split_at_checked(point).unwrap_or((&digits, &[]));
    out.extend_from_slice(whole);
    out.push(b'.');
    let frac: &[u8] = match frac.iter().rposition(|&d| d != b'0') {
        Some(last) => frac.get(..=last).unwrap_or(frac),
        None => b"0",
    };
    out.extend_from_slice(frac);
}

/// A whole number in decimal. A u128 past u64 (only the largest reals)
/// is written as its leading digits and then nineteen more, so that the
/// digit loop runs on u64s, without 128-bit division per digit.
pub(crate) fn uint(out: &mut Vec<u8>, v: u128) {
    const TEN_19: u128 = 10_000_000_000_000_000_000;
    match u64::try_from(v) {
        Ok(mut n) => {
            let mut digits = Vec::new();
            loop {
                digits.push(b'0' + (n % 10) as u8);
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            out.extend(digits.iter().rev());
        }
        Err(_) => {
            uint(out, v / TEN_19);
            padded(out, u64::try_from(v % TEN_19).unwrap_or(0), 19);
        }
    }
}

/// A name, with `#XX` for delimiters, white space and bytes outside `!`..`~`.
fn name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    for &b in n {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
            out.push(b'#');
            hex_byte(out, b);
        } else {
            out.push(b);
        }
    }
}

/// A literal string: a backslash before each backslash, carriage return
/// (as `\r`) and unbalanced parenthesis; other bytes as they are.
fn literal(out: &mut Vec<u8>, text: &[u8]) {
    let mut escape = vec![false; text.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'(' => open.push(i),
            b')' if open.pop().is_none() => {
                if let Some(e) = escape.get_mut(i) {
                    *e = true;
                }
            }
            b'\\' | b'\r' => {
                if let Some(e) = escape.get_mut(i) {
                    *e = true;
                }
            }
            _ => {}
        }
    }
    for i in open {
        if let Some(e) = escape.get_mut(i) {
            *e = true;
        }
    }
    out.push(b'(');
    for (&b, &e) in text.iter().zip(&escape) {
        if e {
            out.push(b'\\');
            out.push(if b == b'\r' { b'r' } else { b });
        } else {
            out.push(b);
        }
    }
    out.push(b')');
}

fn hex(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'<');
    for &b in text {
        hex_byte(out, b);
    }
    out.push(b'>');
}

fn hex_byte(out: &mut Vec<u8>, b: u8) {
    let digit = |n: u8| if n < 10 { b'0' + n } else { b'A' + n - 10 };
    out.push(digit(b >> 4));
    out.push(digit(b & 15));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real_text(v: f32) -> String {
        let mut out = Vec::new();
        real(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn reals_are_the_shortest_decimal_that_reads_back() {
        for (v, text) in [
            (0.0, "0.0"),
            (12.0, "12.0"),
            (-3.0, "-3.0"),
            (0.5, "0.5"),
            (595.276, "595.276"),
            (841.89, "841.89"),
            (-0.125, "-0.125"),
            (0.001, "0.001"),
            (1e-5, "0.00001"),
            (123456.79, "123456.79"),
            (f32::NAN, "0.0"),
            (1e30, "1000000015047466219876688855040.0"),
            (-1e20, "-100000002004087734272.0"),
            (f32::MAX, "340282346638528859811704183484516925440.0"),
            (1.0352646e-6, "0.0000010352646"),
            (
                f32::MIN_POSITIVE,
                "0.000000000000000000000000000000000000011754944",
            ),
            (f32::INFINITY, "0.0"),
        ] {
            assert_eq!(real_text(v), text, "{v}");
        }
    }

    #[test]
    fn reals_read_back_as_lopdfs_display_would_write_them() {
        // Every value written reads back as itself, and is Display's
        // shortest form, over a sweep of magnitudes from subnormals to
        // f32::MAX.
        let mut v: f32 = 1.0e-44;
        while v < 3.0e38 {
            for x in [v, -v, v + 0.1, v * 1.7]
                .into_iter()
                .filter(|x| x.is_finite())
            {
                let text = real_text(x);
                assert_eq!(text.parse::<f32>().unwrap(), x, "{x} -> {text}");
                let display = x.to_string();
                let display = if display.contains('.') {
                    display
                } else {
                    format!("{display}.0")
                };
                // Above 2^24, Display may end a whole number in zeros
                // where we write its exact digits: both read back the same.
                if x.abs() < 16_777_216.0 {
                    assert_eq!(text, display, "{x}");
                }
            }
            v *= 1.37;
        }
    }

    #[test]
    fn the_writer_matches_lopdfs_byte_for_byte() {
        let mut doc = Document::with_version("1.7");
        let font = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Font".to_vec())),
            ("BaseFont", Object::Name(b"Hel vetica#".to_vec())),
        ]));
        let stream = doc.add_object(lopdf::Stream::new(
            Dictionary::from_iter(vec![("Kind", Object::Name(b"X".to_vec()))]),
            b"BT (a) Tj ET".to_vec(),
        ));
        doc.add_object(Object::Array(vec![
            Object::Integer(-7),
            Object::Real(0.5),
            Object::Real(12.0),
            Object::Boolean(true),
            Object::Null,
            Object::Reference(font),
            Object::Reference(stream),
            Object::String(b"(un)balanced) \\ \r".to_vec(), StringFormat::Literal),
            Object::String(b"(open".to_vec(), StringFormat::Literal),
            Object::String(vec![0, 0xAB, 0xFF], StringFormat::Hexadecimal),
            Object::Array(vec![Object::Name(b"A".to_vec()), Object::Integer(1)]),
            Object::Dictionary(Dictionary::from_iter(vec![
                ("N", Object::Name(b"n".to_vec())),
                ("I", Object::Integer(3)),
            ])),
        ]));
        doc.add_object(Object::Integer(42));
        doc.add_object(Object::Name(b"Alone".to_vec()));
        doc.trailer.set("Root", Object::Reference(font));
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        let mut theirs = Vec::new();
        doc.save_to(&mut theirs).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&to_pdf(&doc)),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn renumbering_closes_gaps_and_follows_references() {
        let mut doc = Document::with_version("1.7");
        doc.objects.insert((5, 0), Object::Reference((9, 0)));
        doc.objects.insert(
            (9, 0),
            Object::Array(vec![Object::Reference((5, 0)), Object::Null]),
        );
        doc.trailer.set("Root", Object::Reference((9, 0)));
        renumber(&mut doc, 1);
        assert_eq!(doc.max_id, 2);
        assert_eq!(doc.objects.get(&(1, 0)), Some(&Object::Reference((2, 0))));
        assert_eq!(
            doc.objects.get(&(2, 0)),
            Some(&Object::Array(vec![
                Object::Reference((1, 0)),
                Object::Null
            ]))
        );
        assert_eq!(
            doc.trailer.get(b"Root").ok(),
            Some(&Object::Reference((2, 0)))
        );
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_recurses() {
        let mut deep = Object::Integer(1);
        for _ in 0..200_000 {
            deep = Object::Array(vec![deep]);
        }
        let mut doc = Document::with_version("1.7");
        doc.objects.insert((3, 0), deep);
        renumber(&mut doc, 1);
        let pdf = to_pdf(&doc);
        assert!(pdf.windows(3).any(|w| w == b"[[["));
        // Dropping a deep Object recurses in lopdf's own Drop; keep it from
        // the test's stack.
        std::mem::forget(doc);
    }
}
