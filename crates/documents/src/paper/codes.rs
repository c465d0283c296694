//! The texts of the QR codes printed on every page, and their parsing.
//!
//! Three kinds, each `RN1` (Rinnovo, format 1), a letter, then Base45
//! ([`super::base45`]) of a binary record that ends with a checksum
//! (the first bytes of its SHA-256), so that a misread code is refused
//! rather than turned into wrong data:
//!
//! - `RN1P`, on every page of a filled document ([`PageCode`]): the
//!   contract's id, which document, "page i of n" and the digest of the
//!   page's drawing;
//! - `RN1D`, on the first page of each filled document ([`DataPart`]): the
//!   row the back office records ([`Data`]), deflated and cut into as many
//!   parts as it needs;
//! - `RN1T`, on every page of a blank template ([`TemplateCode`]): which
//!   form, its version, "page i of n", so a form filled in by hand is at
//!   least recognised and sorted.
//!
//! The contract's id is the start of the SHA-256 of the attached draft
//! (the `dati_sha256` of the back office's row): derived from the data, so
//! the same input still gives the same bytes, and different for every
//! other renewal.

use super::base45;
use rinnovo_core::record::{Row, ROW_LEN};
use sha2::{Digest, Sha256};

/// What every code of this format starts with.
pub const PREFIX: &str = "RN1";

/// The bytes of a contract's id: 48 bits of the data's SHA-256.
pub const CONTRACT_ID_BYTES: usize = 6;
/// The bytes of a page's digest: 48 bits of the SHA-256 of its drawing.
pub const PAGE_DIGEST_BYTES: usize = 6;
/// The most bytes a data code's payload inflates to: the row's longest
/// values (200 characters each, see `MAX_TEXT_CHARS`) come to under 8 KB.
const MAX_DATA_BYTES: usize = 16 * 1024;

/// Which of the renewal's documents a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    /// The support and maintenance form (`modulo`).
    SupportForm,
    /// The general conditions of supply (`condizioni`).
    Conditions,
}

impl DocKind {
    /// Both, in the order of the merged PDF.
    pub const ALL: [DocKind; 2] = [DocKind::SupportForm, DocKind::Conditions];

    fn byte(self) -> u8 {
        match self {
            DocKind::SupportForm => b'M',
            DocKind::Conditions => b'C',
        }
    }

    fn from_byte(b: u8) -> Result<DocKind, CodeError> {
        match b {
            b'M' => Ok(DocKind::SupportForm),
            b'C' => Ok(DocKind::Conditions),
            _ => Err(CodeError::Malformed),
        }
    }

    /// The name the back office's reports use: `modulo` or `condizioni`.
    pub fn id(self) -> &'static str {
        match self {
            DocKind::SupportForm => "modulo",
            DocKind::Conditions => "condizioni",
        }
    }
}

/// A contract's id: the first bytes of the SHA-256 of its attached data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContractId(pub [u8; CONTRACT_ID_BYTES]);

impl ContractId {
    /// The id of the contract whose attached data has this SHA-256.
    pub fn of(dati_sha256: &[u8; 32]) -> ContractId {
        let mut id = [0; CONTRACT_ID_BYTES];
        id.copy_from_slice(dati_sha256.get(..CONTRACT_ID_BYTES).unwrap_or(&[0; 6]));
        ContractId(id)
    }

    /// Lower-case hex, for reports.
    pub fn hex(&self) -> String {
        hex(&self.0)
    }
}

/// Why a code's text is not one of this format's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Not a Rinnovo code at all (another QR code on the page).
    #[error("not a Rinnovo code")]
    Foreign,
    /// A Rinnovo code whose content is cut, misread or of another shape.
    #[error("the code's content is damaged")]
    Malformed,
    /// The checksum does not match: the code was misread or altered.
    #[error("the code's checksum does not match")]
    Checksum,
    /// The data's parts do not belong together or some are missing.
    #[error("the data code's parts are incomplete or do not belong together")]
    Parts,
}

/// The identity of one page of a filled document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageCode {
    pub contract: ContractId,
    pub doc: DocKind,
    /// From 1.
    pub page: u8,
    pub count: u8,
    /// The first bytes of the SHA-256 of the page's drawing, its codes and
    /// page number left out.
    pub digest: [u8; PAGE_DIGEST_BYTES],
}

/// The identity of one page of a blank template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TemplateCode {
    pub doc: DocKind,
    /// The first bytes of the SHA-256 of the template's pages.
    pub version: [u8; 4],
    /// From 1.
    pub page: u8,
    pub count: u8,
}

/// One part of a document's data.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DataPart {
    pub contract: ContractId,
    pub doc: DocKind,
    /// From 1.
    pub part: u8,
    pub parts: u8,
    /// The first bytes of the SHA-256 of all the parts' chunks joined.
    pub check: [u8; 4],
    pub chunk: Vec<u8>,
}

/// What the data codes of one document carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Data {
    /// SHA-256 of the draft attached to the digital PDF.
    pub dati_sha256: [u8; 32],
    pub doc: DocKind,
    /// The digests of the document's pages, in order: a page whose code
    /// gives another digest is not the page this document was made with.
    pub page_digests: Vec<[u8; PAGE_DIGEST_BYTES]>,
    pub row: Row,
}

/// Any code of this format.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Code {
    Page(PageCode),
    Template(TemplateCode),
    Data(DataPart),
}

const FORMAT: u8 = 1;

impl PageCode {
    /// The code's text.
    pub fn text(&self) -> String {
        let mut b = self.contract.0.to_vec();
        b.extend([self.doc.byte(), self.page, self.count]);
        b.extend(self.digest);
        text('P', b, 2)
    }
}

impl TemplateCode {
    /// The code's text.
    pub fn text(&self) -> String {
        let mut b = vec![self.doc.byte()];
        b.extend(self.version);
        b.extend([self.page, self.count]);
        text('T', b, 2)
    }
}

impl DataPart {
    /// The bytes of a part's text besides its chunk: contract, document,
    /// part, parts, check, and the text's checksum.
    pub const HEADER_BYTES: usize = CONTRACT_ID_BYTES + 3 + 4 + 2;

    /// The code's text.
    pub fn text(&self) -> String {
        let mut b = self.contract.0.to_vec();
        b.extend([self.doc.byte(), self.part, self.parts]);
        b.extend(self.check);
        b.extend(&self.chunk);
        text('D', b, 2)
    }
}

/// `RN1`, the kind's letter, Base45 of `bytes` and its checksum.
fn text(kind: char, mut bytes: Vec<u8>, check: usize) -> String {
    let sum = Sha256::digest(&bytes);
    bytes.extend(sum.get(..check).unwrap_or_default());
    format!("{PREFIX}{kind}{}", base45::encode(&bytes))
}

impl Code {
    /// Reads a code's text: a code of this format, or why not.
    pub fn parse(text: &str) -> Result<Code, CodeError> {
        let rest = text.strip_prefix(PREFIX).ok_or(CodeError::Foreign)?;
        let mut chars = rest.chars();
        let kind = chars.next().ok_or(CodeError::Malformed)?;
        let bytes = base45::decode(chars.as_str()).map_err(|_| CodeError::Malformed)?;
        let body = checked(&bytes, 2)?;
        let mut r = Reader(body);
        match kind {
            'P' => {
                let contract = ContractId(r.array()?);
                let doc = DocKind::from_byte(r.byte()?)?;
                let (page, count) = (r.byte()?, r.byte()?);
                let digest = r.array()?;
                r.end()?;
                page_in(page, count)?;
                Ok(Code::Page(PageCode {
                    contract,
                    doc,
                    page,
                    count,
                    digest,
                }))
            }
            'T' => {
                let doc = DocKind::from_byte(r.byte()?)?;
                let version = r.array()?;
                let (page, count) = (r.byte()?, r.byte()?);
                r.end()?;
                page_in(page, count)?;
                Ok(Code::Template(TemplateCode {
                    doc,
                    version,
                    page,
                    count,
                }))
            }
            'D' => {
                let contract = ContractId(r.array()?);
                let doc = DocKind::from_byte(r.byte()?)?;
                let (part, parts) = (r.byte()?, r.byte()?);
                let check = r.array()?;
                page_in(part, parts)?;
                Ok(Code::Data(DataPart {
                    contract,
                    doc,
                    part,
                    parts,
                    check,
                    chunk: r.0.to_vec(),
                }))
            }
            _ => Err(CodeError::Malformed),
        }
    }
}

/// `body` without its last `check` bytes, if they are the start of its
/// SHA-256.
fn checked(bytes: &[u8], check: usize) -> Result<&[u8], CodeError> {
    let split = bytes.len().checked_sub(check).ok_or(CodeError::Malformed)?;
    let (body, sum) = bytes.split_at(split);
    if Sha256::digest(body).get(..check) == Some(sum) {
        Ok(body)
    } else {
        Err(CodeError::Checksum)
    }
}

fn page_in(page: u8, count: u8) -> Result<(), CodeError> {
    if page >= 1 && page <= count {
        Ok(())
    } else {
        Err(CodeError::Malformed)
    }
}

/// Reads a record field by field, never past its end.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, CodeError> {
        let (&b, rest) = self.0.split_first().ok_or(CodeError::Malformed)?;
        self.0 = rest;
        Ok(b)
    }

    fn bytes(&mut self, n: usize) -> Result<&[u8], CodeError> {
        if n > self.0.len() {
            return Err(CodeError::Malformed);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], CodeError> {
        let mut a = [0; N];
        a.copy_from_slice(self.bytes(N)?);
        Ok(a)
    }

    /// An unsigned LEB128 length, at most `u16::MAX`.
    fn len(&mut self) -> Result<usize, CodeError> {
        let mut n = 0usize;
        for shift in [0, 7, 14] {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return if n <= usize::from(u16::MAX) {
                    Ok(n)
                } else {
                    Err(CodeError::Malformed)
                };
            }
        }
        Err(CodeError::Malformed)
    }

    fn end(&self) -> Result<(), CodeError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(CodeError::Malformed)
        }
    }
}

fn push_len(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

impl Data {
    /// The contract these data belong to.
    pub fn contract(&self) -> ContractId {
        ContractId::of(&self.dati_sha256)
    }

    /// The record, before it is deflated: format, data digest, document,
    /// page digests, then each value of the row as a length and its UTF-8.
    fn record(&self) -> Vec<u8> {
        let mut b = vec![FORMAT];
        b.extend(self.dati_sha256);
        b.push(self.doc.byte());
        // A page count is a byte: never more digests than it says.
        let pages = u8::try_from(self.page_digests.len()).unwrap_or(u8::MAX);
        b.push(pages);
        for d in self.page_digests.iter().take(usize::from(pages)) {
            b.extend(d);
        }
        for v in self.row.values() {
            push_len(&mut b, v.len());
            b.extend(v.as_bytes());
        }
        b
    }

    /// The data cut into parts of at most `chunk_bytes` deflated bytes
    /// each (at least one part; at most 255, with larger chunks if need
    /// be).
    pub fn parts(&self, chunk_bytes: usize) -> Vec<DataPart> {
        let deflated = miniz_oxide::deflate::compress_to_vec(&self.record(), 10);
        let check = first4(&Sha256::digest(&deflated));
        // Parts are counted in a byte: chunks are made large enough that
        // there are never more than 255.
        let chunk = chunk_bytes.max(deflated.len().div_ceil(255)).max(1);
        let chunks: Vec<&[u8]> = deflated.chunks(chunk).collect();
        let parts = u8::try_from(chunks.len()).unwrap_or(u8::MAX);
        chunks
            .into_iter()
            .zip(1..=parts)
            .map(|(chunk, part)| DataPart {
                contract: self.contract(),
                doc: self.doc,
                part,
                parts,
                check,
                chunk: chunk.to_vec(),
            })
            .collect()
    }

    /// The data from all its parts, in any order, repeats allowed; or why
    /// they do not make one whole.
    pub fn assemble(parts: &[&DataPart]) -> Result<Data, CodeError> {
        let first = parts.first().ok_or(CodeError::Parts)?;
        let mut chunks: Vec<Option<&[u8]>> = vec![None; usize::from(first.parts)];
        for p in parts {
            if p.contract != first.contract
                || p.doc != first.doc
                || p.parts != first.parts
                || p.check != first.check
            {
                return Err(CodeError::Parts);
            }
            let slot = usize::from(p.part)
                .checked_sub(1)
                .and_then(|i| chunks.get_mut(i))
                .ok_or(CodeError::Parts)?;
            match slot {
                Some(c) if *c != p.chunk.as_slice() => return Err(CodeError::Parts),
                _ => *slot = Some(&p.chunk),
            }
        }
        let deflated: Vec<u8> = chunks
            .into_iter()
            .collect::<Option<Vec<&[u8]>>>()
            .ok_or(CodeError::Parts)?
            .concat();
        if first4(&Sha256::digest(&deflated)) != first.check {
            return Err(CodeError::Checksum);
        }
        let record = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_DATA_BYTES)
            .map_err(|_| CodeError::Malformed)?;
        let data = Data::from_record(&record)?;
        if data.contract() != first.contract || data.doc != first.doc {
            return Err(CodeError::Parts);
        }
        Ok(data)
    }

    fn from_record(record: &[u8]) -> Result<Data, CodeError> {
        let mut r = Reader(record);
        if r.byte()? != FORMAT {
            return Err(CodeError::Malformed);
        }
        let dati_sha256 = r.array()?;
        let doc = DocKind::from_byte(r.byte()?)?;
        let pages = r.byte()?;
        let page_digests = (0..pages)
            .map(|_| r.array())
            .collect::<Result<Vec<_>, _>>()?;
        // A code printed before a field was added to the table has fewer
        // values: the new columns come last in a row (`record::ROW_COLUMNS`),
        // so the ones it has are in place and the rest stay empty.
        let mut values: [String; ROW_LEN] = Default::default();
        for v in values.iter_mut() {
            if r.0.is_empty() {
                break;
            }
            let n = r.len()?;
            *v = String::from_utf8(r.bytes(n)?.to_vec()).map_err(|_| CodeError::Malformed)?;
        }
        r.end()?;
        Ok(Data {
            dati_sha256,
            doc,
            page_digests,
            row: Row::from_values(values),
        })
    }
}

fn first4(sum: &[u8]) -> [u8; 4] {
    let mut a = [0; 4];
    a.copy_from_slice(sum.get(..4).unwrap_or(&[0; 4]));
    a
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 15] {
            if let Some(&d) = DIGITS.get(usize::from(nibble)) {
                s.push(char::from(d));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Data {
        let mut values: [String; ROW_LEN] = Default::default();
        for (i, v) in values.iter_mut().enumerate() {
            *v = format!("valore {i} è ✓");
        }
        Data {
            dati_sha256: [7; 32],
            doc: DocKind::Conditions,
            page_digests: vec![[1; 6], [2; 6]],
            row: Row::from_values(values),
        }
    }

    /// Page 1 of 1 of a support form.
    fn page() -> PageCode {
        PageCode {
            contract: ContractId([1, 2, 3, 4, 5, 6]),
            doc: DocKind::SupportForm,
            page: 1,
            count: 1,
            digest: [9; 6],
        }
    }

    #[test]
    fn every_kind_of_code_round_trips_through_its_text() {
        let page = page();
        assert_eq!(Code::parse(&page.text()), Ok(Code::Page(page)));
        let template = TemplateCode {
            doc: DocKind::Conditions,
            version: [1, 2, 3, 4],
            page: 2,
            count: 2,
        };
        assert_eq!(Code::parse(&template.text()), Ok(Code::Template(template)));
        let d = data();
        for chunk in [8, 40, 1000] {
            let parts = d.parts(chunk);
            let read: Vec<DataPart> = parts
                .iter()
                .map(|p| match Code::parse(&p.text()) {
                    Ok(Code::Data(p)) => p,
                    other => panic!("{other:?}"),
                })
                .collect();
            let mut refs: Vec<&DataPart> = read.iter().rev().collect();
            refs.push(&read[0]); // a repeat does no harm
            assert_eq!(Data::assemble(&refs), Ok(d.clone()));
        }
    }

    #[test]
    fn texts_use_only_the_alphanumeric_mode() {
        let d = data();
        for t in d.parts(100).iter().map(DataPart::text) {
            assert!(t
                .bytes()
                .all(|c| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".contains(&c)));
        }
    }

    #[test]
    fn a_changed_character_is_refused_by_the_checksum_never_read_as_other_data() {
        let page = page().text();
        let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        let mut refused = 0;
        for i in 4..page.len() {
            for c in alphabet.chars() {
                let mut t: Vec<char> = page.chars().collect();
                if t[i] == c {
                    continue;
                }
                t[i] = c;
                let t: String = t.into_iter().collect();
                // With 16 bits of checksum about 1 in 65,536 changes can
                // pass; none may here. A text that is still Base45 is
                // refused by its checksum; one that is not, as malformed.
                let expected = match base45::decode(&t[4..]) {
                    Ok(_) => CodeError::Checksum,
                    Err(_) => CodeError::Malformed,
                };
                assert_eq!(Code::parse(&t), Err(expected), "{t}");
                refused += 1;
            }
        }
        assert!(refused > 1000);
    }

    #[test]
    fn missing_or_foreign_parts_do_not_assemble() {
        let d = data();
        let parts = d.parts(20);
        assert!(parts.len() > 2);
        let some: Vec<&DataPart> = parts.iter().skip(1).collect();
        assert_eq!(Data::assemble(&some), Err(CodeError::Parts));
        let mut other = data();
        other.dati_sha256 = [8; 32];
        let other_parts = other.parts(20);
        let mixed: Vec<&DataPart> = std::iter::once(&other_parts[0])
            .chain(parts.iter().skip(1))
            .collect();
        assert_eq!(Data::assemble(&mixed), Err(CodeError::Parts));
        assert_eq!(Data::assemble(&[]), Err(CodeError::Parts));
    }

    #[test]
    fn a_row_printed_before_a_field_was_added_reads_with_that_column_empty() {
        let d = data();
        // The record as a build with one column fewer wrote it: the last
        // value (length 1 byte + its bytes) is not there.
        let full = d.record();
        let last = d.row.values().last().unwrap().len();
        let older = &full[..full.len() - 1 - last];
        let read = Data::from_record(older).unwrap();
        assert_eq!(
            read.row.values()[..ROW_LEN - 1],
            d.row.values()[..ROW_LEN - 1]
        );
        assert_eq!(read.row.values()[ROW_LEN - 1], "");
        // A value cut in the middle, or bytes after the last column, are
        // refused.
        assert_eq!(
            Data::from_record(&full[..full.len() - 1]),
            Err(CodeError::Malformed)
        );
        let longer = [full.as_slice(), &[1, b'x']].concat();
        assert_eq!(Data::from_record(&longer), Err(CodeError::Malformed));
    }

    #[test]
    fn other_qr_codes_are_foreign() {
        assert_eq!(Code::parse("https://example.com"), Err(CodeError::Foreign));
        assert_eq!(Code::parse("RN1"), Err(CodeError::Malformed));
        assert_eq!(Code::parse("RN1X00"), Err(CodeError::Malformed));
    }
}
