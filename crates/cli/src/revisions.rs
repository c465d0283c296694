//! A PDF's revisions (PDF 32000-1, 7.5.6): the file as first written, then
//! each incremental update appended to it, as a signing tool or an editor
//! adds one. Every revision ends with `startxref`, an offset and `%%EOF`;
//! the file is cut after each such end (and its end-of-line), so revision
//! `n` is the file as it was after its `n`th save. A `%%EOF` that is not
//! preceded by `startxref` and a number (in a stream's data, say) does not
//! end a revision.

use std::ops::Range;

/// One revision: the bytes it added to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    /// Where its bytes start (0 for the first).
    pub start: usize,
    /// Just after its `%%EOF`.
    pub eof: usize,
    /// Just after the end-of-line that follows `%%EOF`, if any: where the
    /// next revision starts.
    pub end: usize,
}

/// The revisions of a file, and any bytes after the last one that are not
/// white space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revisions {
    /// In file order; empty when no `startxref ... %%EOF` ends anything.
    pub revisions: Vec<Revision>,
    /// Bytes after the last revision other than white space and NULs.
    pub trailing: Option<Range<usize>>,
}

/// Cuts `bytes` at each end of a revision.
pub fn split(bytes: &[u8]) -> Revisions {
    const EOF: &[u8] = b"%%EOF";
    let mut revisions: Vec<Revision> = Vec::new();
    let mut from = 0;
    while let Some(at) = find(bytes, EOF, from) {
        from = at + EOF.len();
        let start = revisions.last().map_or(0, |r| r.end);
        if at < start || !ends_startxref(bytes, at) {
            continue;
        }
        let eof = at + EOF.len();
        let end = match bytes.get(eof..eof.saturating_add(2)) {
            Some(b"\r\n") => eof + 2,
            _ => match bytes.get(eof) {
                Some(b'\n' | b'\r') => eof + 1,
                _ => eof,
            },
        };
        revisions.push(Revision { start, eof, end });
        from = end;
    }
    let last = revisions.last().map_or(0, |r| r.end);
    let rest = bytes.get(last..).unwrap_or_default();
    let trailing = rest
        .iter()
        .any(|b| !b.is_ascii_whitespace() && *b != 0 && *b != 0x0c)
        .then_some(last..bytes.len());
    Revisions {
        revisions,
        trailing,
    }
}

/// Whether `startxref`, white space, digits and white space come just
/// before `at`.
fn ends_startxref(bytes: &[u8], at: usize) -> bool {
    let before = bytes.get(..at).unwrap_or_default();
    let trimmed = trim_end(before, |b| b.is_ascii_whitespace());
    let digits = trim_end(trimmed, |b| b.is_ascii_digit());
    if digits.len() == trimmed.len() {
        return false;
    }
    let spaced = trim_end(digits, |b| b.is_ascii_whitespace());
    spaced.len() < digits.len() && spaced.ends_with(b"startxref")
}

fn trim_end(bytes: &[u8], strip: impl Fn(u8) -> bool) -> &[u8] {
    let keep = bytes.iter().rposition(|b| !strip(*b)).map_or(0, |i| i + 1);
    bytes.get(..keep).unwrap_or_default()
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_after_each_end_of_revision() {
        let one = b"%PDF-1.7\n1 0 obj 1 endobj\nxref\ntrailer<<>>\nstartxref\n17\n%%EOF\n";
        let two = b"2 0 obj (%%EOF) endobj\nstream %%EOF\nstartxref 99 %%EOF\r\n";
        let three = b"startxref\r\n123\r\n%%EOF";
        let file = [one.as_slice(), two, three, b"\n\0 "].concat();
        let r = split(&file);
        let a = one.len();
        let b = a + two.len();
        let c = b + three.len();
        assert_eq!(
            r.revisions,
            [
                Revision {
                    start: 0,
                    eof: a - 1,
                    end: a
                },
                Revision {
                    start: a,
                    eof: b - 2,
                    end: b
                },
                // The end of line after the last %%EOF is its own.
                Revision {
                    start: b,
                    eof: c,
                    end: c + 1
                },
            ]
        );
        assert_eq!(r.trailing, None);
    }

    #[test]
    fn names_bytes_after_the_last_revision() {
        let file = b"%PDF-1.7\nstartxref\n9\n%%EOF\ngarbage";
        let r = split(file);
        assert_eq!(r.revisions.len(), 1);
        assert_eq!(r.trailing, Some(27..file.len()));
        assert_eq!(split(b"%PDF-1.7\n%%EOF").revisions, []);
        assert_eq!(split(b"").revisions, []);
        assert_eq!(split(b"startxref%%EOF").revisions, []);
    }
}
