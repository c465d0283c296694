//! A bounded PDF reader (PDF 32000-1, 7.3 and 7.5) that builds a lopdf
//! [`Document`] without lopdf's own reader.
//!
//! It reads the way qpdf and pdf.js recover a damaged file, for every file:
//! one forward scan for `N G obj` headers and `trailer` keywords, where a
//! later definition of an object replaces an earlier one (which is what an
//! incremental update means); then the objects inside object streams
//! (`/Type /ObjStm`); then the trailers, later keys over earlier ones
//! (a linearized file's last trailer may hold only `/Size`). So a wrong or
//! missing cross-reference table, wrong offsets or a broken `/Prev` chain do
//! not matter, and a broken `/Root` is replaced by the catalog found in the
//! scan. Cross-reference streams, images, fonts and content streams are never
//! decompressed; only object streams are, within the budget.
//!
//! Every path (arrays and dictionaries, object streams, stream data that lies
//! about its `/Length`, the look-ahead for `n g R` and `stream`) draws on one
//! [`Budget`]: depth, objects, values, decompressed bytes and every byte the
//! lexer reads.
//!
//! A stream whose `/Length` is an indirect object ends at the first
//! `endstream`; when the scan finds that a resolved `/Length` disagrees (the
//! data holds the word `endstream`, or ends in a carriage return), the file
//! is read a second time, knowing the lengths.
//!
//! The price of never trusting the cross-reference table: an object that an
//! incremental update marked free comes back, and a literal string whose
//! parentheses a broken writer left unbalanced can swallow the objects after
//! it, where a reader following the offsets would still find them.

use super::budget::{Budget, LoadError};
use super::filter::{self, DecodeError};
use super::lexer::{find, is_delim, is_space, Lexer, Token};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::BTreeMap;

/// The objects found, and for each the file position that orders its
/// definitions (for objects in an object stream, the stream's position).
/// Two maps of types the reader has anyway (the document's objects, and
/// [`Lengths`]) rather than one of `(usize, Object)`: each map type is a
/// few KB of the worker's wasm.
#[derive(Default)]
struct Defs {
    objects: BTreeMap<ObjectId, Object>,
    positions: BTreeMap<ObjectId, usize>,
}

impl Defs {
    fn insert(&mut self, id: ObjectId, pos: usize, object: Object) {
        self.objects.insert(id, object);
        self.positions.insert(id, pos);
    }
}

/// Indirect `/Length` objects, resolved to their values.
type Lengths = BTreeMap<ObjectId, usize>;

/// A stream whose `/Length` was an indirect object not yet known: where its
/// data starts, where the first `endstream` ended it, and the object that
/// holds the length.
struct Unresolved {
    length: ObjectId,
    start: usize,
    end: usize,
}

/// What one scan of the file found. The trailers and the object streams
/// are in the order of their positions, which is the order the scan meets
/// them in: no sort needed.
struct Scan {
    defs: Defs,
    trailers: Vec<(usize, Dictionary)>,
    /// The object streams (`/Type /ObjStm`), each with its position; a
    /// later definition of the same object may have replaced one.
    object_streams: Vec<(usize, ObjectId)>,
    unresolved: Vec<Unresolved>,
}

/// The state every parse of one file shares.
struct Ctx<'x> {
    budget: &'x mut Budget,
    ends: EndstreamCache,
    lengths: &'x Lengths,
    unresolved: Vec<Unresolved>,
}

/// Parses a whole file into a document.
pub(crate) fn parse(bytes: &[u8], budget: &mut Budget) -> Result<Document, LoadError> {
    let first = scan(bytes, budget, &Lengths::new())?;
    let lengths = resolved_lengths(bytes, &first);
    let Scan {
        mut defs,
        trailers,
        object_streams,
        ..
    } = if lengths.is_empty() {
        first
    } else {
        drop(first);
        scan(bytes, budget, &lengths)?
    };
    expand_object_streams(&mut defs, &object_streams, budget)?;
    if trailers.iter().any(|(_, t)| t.has(b"Encrypt")) {
        return Err(LoadError::Encrypted);
    }
    let mut trailer = Dictionary::new();
    // Later trailers over earlier ones: the scan found them in order.
    debug_assert!(trailers.is_sorted_by_key(|(pos, _)| *pos));
    for (_, t) in trailers {
        for (k, v) in t.into_iter() {
            trailer.set(k, v);
        }
    }
    for key in [
        b"Prev".as_slice(),
        b"XRefStm",
        b"Type",
        b"Index",
        b"W",
        b"Length",
        b"Filter",
        b"DecodeParms",
        b"Size",
        b"Linearized",
    ] {
        trailer.remove(key);
    }
    let root = trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .ok()
        .filter(|id| is_catalog(&defs, *id))
        .or_else(|| find_catalog(&defs))
        .ok_or(LoadError::Damaged)?;
    trailer.set("Root", Object::Reference(root));
    if let Ok(info) = trailer.get(b"Info").and_then(Object::as_reference) {
        if !matches!(defs.objects.get(&info), Some(Object::Dictionary(_))) {
            trailer.remove(b"Info");
        }
    }
    let mut doc = Document::with_version("1.7");
    doc.max_id = defs.objects.keys().map(|id| id.0).max().unwrap_or(0);
    doc.objects = defs.objects;
    doc.trailer = trailer;
    Ok(doc)
}

/// One pass over the file: every `N G obj` and `trailer`, in order.
fn scan(bytes: &[u8], budget: &mut Budget, lengths: &Lengths) -> Result<Scan, LoadError> {
    let mut defs = Defs::default();
    let mut trailers: Vec<(usize, Dictionary)> = Vec::new();
    let mut object_streams = Vec::new();
    let mut ctx = Ctx {
        budget,
        ends: EndstreamCache::default(),
        lengths,
        unresolved: Vec::new(),
    };
    let mut pos = 0;
    while let Some(hit) = next_hit(bytes, pos) {
        ctx.budget.work(hit.at().saturating_sub(pos))?;
        match hit {
            Hit::Object { id, body, .. } => {
                let mut p = Parser::new(bytes, body, &mut ctx);
                let parsed = p.indirect_body();
                let (end, read) = (p.lx.pos, p.lx.read);
                ctx.budget.work(read)?;
                match parsed {
                    Ok(obj) => {
                        ctx.budget.object()?;
                        if let Object::Stream(s) = &obj {
                            if is_type(&s.dict, b"XRef") {
                                trailers.push((body, s.dict.clone()));
                            } else if is_type(&s.dict, b"ObjStm") {
                                object_streams.push((body, id));
                            }
                        }
                        defs.insert(id, body, obj);
                        pos = end.max(body);
                    }
                    Err(LoadError::Damaged) => pos = body,
                    Err(e) => return Err(e),
                }
            }
            Hit::Trailer { body } => {
                let mut p = Parser::new(bytes, body, &mut ctx);
                let parsed = p.object(0);
                let (end, read) = (p.lx.pos, p.lx.read);
                ctx.budget.work(read)?;
                match parsed {
                    Ok(Object::Dictionary(d)) => {
                        trailers.push((body, d));
                        pos = end;
                    }
                    Ok(_) | Err(LoadError::Damaged) => pos = body,
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(Scan {
        defs,
        trailers,
        object_streams,
        unresolved: ctx.unresolved,
    })
}

/// The indirect lengths that disagree with where the first `endstream`
/// ended their stream, and are right (`endstream` follows them): empty when
/// the scan read every stream as its `/Length` says.
fn resolved_lengths(bytes: &[u8], scan: &Scan) -> Lengths {
    let mut out = Lengths::new();
    for u in &scan.unresolved {
        let Some(len) = scan
            .defs
            .objects
            .get(&u.length)
            .and_then(|o| o.as_i64().ok())
            .and_then(|l| usize::try_from(l).ok())
        else {
            continue;
        };
        let right = u
            .start
            .checked_add(len)
            .is_some_and(|end| end != u.end && ends_stream(bytes, end));
        if right {
            out.insert(u.length, len);
        }
    }
    out
}

fn is_type(d: &Dictionary, t: &[u8]) -> bool {
    d.get(b"Type").and_then(Object::as_name).ok() == Some(t)
}

/// Whether `id` is a document catalog: a dictionary of type `/Catalog`, or,
/// for writers that leave the type out, one with `/Pages`.
fn is_catalog(defs: &Defs, id: ObjectId) -> bool {
    match defs.objects.get(&id) {
        Some(Object::Dictionary(d)) => is_type(d, b"Catalog") || d.has(b"Pages"),
        _ => false,
    }
}

/// The catalog the scan found last, as qpdf does for a broken `/Root`.
fn find_catalog(defs: &Defs) -> Option<ObjectId> {
    defs.objects
        .iter()
        .filter_map(|(id, o)| match o {
            Object::Dictionary(d) if is_type(d, b"Catalog") => {
                Some((defs.positions.get(id).copied().unwrap_or(0), *id))
            }
            _ => None,
        })
        .max()
        .map(|(_, id)| id)
}

/// What the scan stops at.
enum Hit {
    /// `N G obj`: `at` is the position of `obj`, `body` just after it.
    Object {
        id: ObjectId,
        at: usize,
        body: usize,
    },
    /// `trailer`; `body` is just after the keyword.
    Trailer { body: usize },
}

impl Hit {
    fn at(&self) -> usize {
        match self {
            Hit::Object { at, .. } => *at,
            Hit::Trailer { body } => body.saturating_sub(b"trailer".len()),
        }
    }
}

/// The next `N G obj` header or `trailer` keyword at or after `from`.
fn next_hit(b: &[u8], from: usize) -> Option<Hit> {
    let mut i = from;
    loop {
        let rest = b.get(i..)?;
        let k = i + rest.iter().position(|&c| c == b'o' || c == b't')?;
        let before_ok = k == 0 || b.get(k - 1).is_some_and(|&c| is_space(c) || is_delim(c));
        let after_ok = |len: usize| b.get(k + len).is_none_or(|&c| is_space(c) || is_delim(c));
        if b.get(k..k + 3) == Some(b"obj") && after_ok(3) {
            if let Some(id) = header_before(b, k) {
                return Some(Hit::Object {
                    id,
                    at: k,
                    body: k + 3,
                });
            }
        } else if before_ok && b.get(k..k + 7) == Some(b"trailer") && after_ok(7) {
            return Some(Hit::Trailer { body: k + 7 });
        }
        i = k + 1;
    }
}

/// `N G` just before the `obj` at `k`, with white space between.
fn header_before(b: &[u8], k: usize) -> Option<ObjectId> {
    let i = skip_space_back(b, k, 1)?;
    let (g, i) = digits_back(b, i, 5)?;
    let i = skip_space_back(b, i, 1)?;
    let (n, i) = digits_back(b, i, 10)?;
    // An update appended to a file that ends in `%%EOF` without an end of
    // line starts on that line (`%%EOF11 0 obj`): pyHanko writes it so, and
    // readers that follow the offsets find it there.
    let after_eof = b.get(..i).is_some_and(|head| head.ends_with(b"%%EOF"));
    if i > 0 && !after_eof && !b.get(i - 1).is_some_and(|&c| is_space(c) || is_delim(c)) {
        return None;
    }
    Some((u32::try_from(n).ok()?, u16::try_from(g).ok()?))
}

/// The position after skipping at least `min` and at most 32 white-space
/// bytes backwards from `end`.
fn skip_space_back(b: &[u8], end: usize, min: usize) -> Option<usize> {
    let mut i = end;
    while i > 0 && end - i < 32 && b.get(i - 1).is_some_and(|&c| is_space(c)) {
        i -= 1;
    }
    (end - i >= min).then_some(i)
}

/// The number of 1 to `max` digits ending at `end`, and where it starts.
fn digits_back(b: &[u8], end: usize, max: usize) -> Option<(u64, usize)> {
    let mut i = end;
    while i > 0 && end - i < max && b.get(i - 1).is_some_and(u8::is_ascii_digit) {
        i -= 1;
    }
    let s = std::str::from_utf8(b.get(i..end)?).ok()?;
    Some((s.parse().ok()?, i))
}

/// Adds the objects stored in the object streams (PDF 32000-1, 7.5.7)
/// the scan found, in the order of their positions, each object taking its
/// stream's position for precedence. A stream that a later definition
/// replaced is skipped; an object a stream adds can only replace a stream
/// at an earlier position, already read.
fn expand_object_streams(
    defs: &mut Defs,
    streams: &[(usize, ObjectId)],
    budget: &mut Budget,
) -> Result<(), LoadError> {
    debug_assert!(streams.is_sorted_by_key(|(pos, _)| *pos));
    for &(pos, stream_id) in streams {
        if defs.positions.get(&stream_id) != Some(&pos) {
            continue;
        }
        let Some(Object::Stream(s)) = defs.objects.get(&stream_id) else {
            continue;
        };
        let data = match filter::decode(s, budget.inflate_left()) {
            Ok(data) => data,
            Err(DecodeError::TooLarge) => return Err(LoadError::Hostile),
            // A broken object stream loses its objects, as in viewers.
            Err(DecodeError::Damaged | DecodeError::Unsupported) => continue,
        };
        budget.inflated(data.len())?;
        let int = |k: &[u8]| {
            s.dict
                .get(k)
                .and_then(Object::as_i64)
                .ok()
                .and_then(|v| usize::try_from(v).ok())
        };
        let (Some(n), Some(first)) = (int(b"N"), int(b"First")) else {
            continue;
        };
        // The header is the bytes before /First: an /N that lies cannot
        // read object data as more entries.
        let mut header = Lexer::new(data.get(..first).unwrap_or(&data), 0);
        let mut entries = Vec::new();
        while entries.len() < n {
            let (Ok(Some(Token::Int(num))), Ok(Some(Token::Int(off)))) =
                (header.next_token(), header.next_token())
            else {
                break;
            };
            // Every entry is an object the stream says it holds.
            if entries.len() >= budget.objects_left() {
                return Err(LoadError::Hostile);
            }
            budget.value()?;
            entries.push((num, off));
        }
        let no_lengths = Lengths::new();
        let mut ctx = Ctx {
            budget: &mut *budget,
            ends: EndstreamCache::default(),
            lengths: &no_lengths,
            unresolved: Vec::new(),
        };
        // Each offset is parsed once: a header that lists one offset for
        // many objects cannot make the same bytes be read again and again.
        // A bit per byte of the data, rather than a set type of its own.
        let mut seen = vec![0u64; data.len().div_ceil(64)];
        for (num, off) in entries {
            let (Ok(num), Ok(off)) = (u32::try_from(num), usize::try_from(off)) else {
                continue;
            };
            let Some(start) = first.checked_add(off).filter(|s| *s < data.len()) else {
                continue;
            };
            let id = (num, 0);
            let newer = defs.positions.get(&id).is_none_or(|p| *p < pos);
            if !newer || !first_visit(&mut seen, start) {
                continue;
            }
            let mut p = Parser::new(&data, start, &mut ctx);
            let parsed = p.object(0);
            let read = p.lx.read;
            ctx.budget.work(read)?;
            let obj = match parsed {
                Ok(obj) => obj,
                Err(LoadError::Damaged) => continue,
                Err(e) => return Err(e),
            };
            ctx.budget.object()?;
            defs.insert(id, pos, obj);
        }
    }
    Ok(())
}

/// Whether bit `i` of `bits` was clear (and sets it); `false` past the end.
fn first_visit(bits: &mut [u64], i: usize) -> bool {
    let bit = 1u64 << (i % 64);
    match bits.get_mut(i / 64) {
        Some(word) if *word & bit == 0 => {
            *word |= bit;
            true
        }
        _ => false,
    }
}

/// Where the next `endstream` is, remembered: the scan moves forward, so a
/// stream whose `/Length` lies does not make every later one search again.
#[derive(Default)]
struct EndstreamCache {
    /// A search from `.0` found `.1`.
    last: Option<(usize, Option<usize>)>,
}

impl EndstreamCache {
    fn find(
        &mut self,
        b: &[u8],
        from: usize,
        budget: &mut Budget,
    ) -> Result<Option<usize>, LoadError> {
        if let Some((searched_from, found)) = self.last {
            if searched_from <= from && found.is_none_or(|f| f >= from) {
                return Ok(found);
            }
        }
        let found = find(b, from, b"endstream");
        budget.work(found.unwrap_or(b.len()).saturating_sub(from))?;
        self.last = Some((from, found));
        Ok(found)
    }
}

struct Parser<'a, 'c, 'x> {
    lx: Lexer<'a>,
    ctx: &'c mut Ctx<'x>,
}

impl<'a, 'c, 'x> Parser<'a, 'c, 'x> {
    fn new(b: &'a [u8], pos: usize, ctx: &'c mut Ctx<'x>) -> Parser<'a, 'c, 'x> {
        Parser {
            lx: Lexer::new(b, pos),
            ctx,
        }
    }

    fn token(&mut self) -> Result<Token<'a>, LoadError> {
        match self.lx.next_token() {
            Ok(Some(t)) => Ok(t),
            Ok(None) | Err(_) => Err(LoadError::Damaged),
        }
    }

    /// One object, starting at the next token.
    fn object(&mut self, depth: usize) -> Result<Object, LoadError> {
        let tok = self.token()?;
        self.token_object(tok, depth)
    }

    /// The object that starts with `tok`, at nesting `depth`. Every array
    /// and dictionary comes back here, so the depth is checked on every path.
    fn token_object(&mut self, tok: Token<'a>, depth: usize) -> Result<Object, LoadError> {
        self.ctx.budget.depth(depth)?;
        self.ctx.budget.value()?;
        Ok(match tok {
            Token::Int(i) => match self.lx.reference_tail() {
                Some(g) => match (u32::try_from(i), u16::try_from(g)) {
                    (Ok(n), Ok(g)) => Object::Reference((n, g)),
                    _ => Object::Null,
                },
                None => Object::Integer(i),
            },
            Token::Real(r) => Object::Real(r),
            Token::Name(n) => Object::Name(n),
            Token::Str(s, f) => Object::String(s, f),
            Token::Keyword(b"true") => Object::Boolean(true),
            Token::Keyword(b"false") => Object::Boolean(false),
            Token::Keyword(b"null") => Object::Null,
            Token::ArrayStart => {
                let mut items = Vec::new();
                loop {
                    match self.token()? {
                        Token::ArrayEnd => break,
                        Token::Keyword(b"endobj" | b"obj" | b"stream" | b"trailer") => {
                            return Err(LoadError::Damaged)
                        }
                        tok => {
                            // An item is a whole `Object` (120 bytes), where
                            // a value within a dictionary entry shares its
                            // slot's cost with the key: it counts twice.
                            self.ctx.budget.items(items.len())?;
                            self.ctx.budget.value()?;
                            items.push(self.token_object(tok, depth + 1)?);
                        }
                    }
                }
                // No slack: the budget counts items, not the capacity the
                // vector grew to (up to twice as many).
                items.shrink_to_fit();
                Object::Array(items)
            }
            Token::DictStart => Object::Dictionary(self.dict_body(depth)?),
            _ => return Err(LoadError::Damaged),
        })
    }

    fn dict_body(&mut self, depth: usize) -> Result<Dictionary, LoadError> {
        let mut d = Dictionary::new();
        loop {
            match self.token()? {
                Token::DictEnd => return Ok(d),
                Token::Name(k) => match self.token()? {
                    // `/Key >>`: a key without value, as some writers leave.
                    Token::DictEnd => return Ok(d),
                    tok => {
                        // A dictionary entry takes several times the memory
                        // of an array item (key, hash index, map slot).
                        self.ctx.budget.items(d.len())?;
                        self.ctx.budget.values_n(3)?;
                        let v = self.token_object(tok, depth + 1)?;
                        d.set(k, v);
                    }
                },
                _ => return Err(LoadError::Damaged),
            }
        }
    }

    /// What follows `N G obj`: an object, and stream data when it is a
    /// dictionary followed by `stream`.
    fn indirect_body(&mut self) -> Result<Object, LoadError> {
        let obj = self.object(0)?;
        let Object::Dictionary(dict) = obj else {
            return Ok(obj);
        };
        if !self.lx.stream_keyword() {
            return Ok(Object::Dictionary(dict));
        }
        let b = self.lx.bytes();
        let mut start = self.lx.pos;
        if b.get(start) == Some(&b'\r') {
            start += 1;
        }
        if b.get(start) == Some(&b'\n') {
            start += 1;
        }
        let (length, indirect) = match dict.get(b"Length") {
            Ok(Object::Integer(l)) => (usize::try_from(*l).ok(), None),
            Ok(Object::Reference(id)) => (self.ctx.lengths.get(id).copied(), Some(*id)),
            _ => (None, None),
        };
        let declared = length
            .and_then(|len| start.checked_add(len))
            .filter(|&end| ends_stream(b, end));
        let end = match declared {
            Some(end) => end,
            None => {
                let e = self
                    .ctx
                    .ends
                    .find(b, start, self.ctx.budget)?
                    .ok_or(LoadError::Damaged)?;
                let end = trim_eol(b, start, e);
                if let Some(length) = indirect {
                    self.ctx.unresolved.push(Unresolved { length, start, end });
                }
                end
            }
        };
        let content = b.get(start..end).ok_or(LoadError::Damaged)?.to_vec();
        let after = self.ctx.ends.find(b, end, self.ctx.budget)?;
        self.lx.pos = after.map_or(b.len(), |e| e.saturating_add(b"endstream".len()));
        let mut s = Stream::new(dict, content);
        s.allows_compression = false;
        Ok(Object::Stream(s))
    }
}

/// Whether `endstream` follows `at`, after at most an end-of-line.
fn ends_stream(b: &[u8], at: usize) -> bool {
    let mut i = at;
    while i < at.saturating_add(2) && b.get(i).is_some_and(|&c| is_space(c)) {
        i += 1;
    }
    b.get(i..i.saturating_add(9)) == Some(b"endstream")
}

/// The end of stream data before `endstream` at `e`, without the EOL that
/// precedes the keyword.
fn trim_eol(b: &[u8], start: usize, e: usize) -> usize {
    let mut end = e;
    if end > start && b.get(end - 1) == Some(&b'\n') {
        end -= 1;
    }
    if end > start && b.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::budget::Limits;

    fn budget(bytes: &[u8]) -> Budget {
        Budget::new(Limits::default(), bytes.len())
    }

    fn one(src: &str) -> Result<Object, LoadError> {
        let mut b = budget(src.as_bytes());
        let lengths = Lengths::new();
        let mut ctx = Ctx {
            budget: &mut b,
            ends: EndstreamCache::default(),
            lengths: &lengths,
            unresolved: Vec::new(),
        };
        Parser::new(src.as_bytes(), 0, &mut ctx).object(0)
    }

    #[test]
    fn parses_the_object_kinds() {
        assert_eq!(one("12 0 R"), Ok(Object::Reference((12, 0))));
        assert_eq!(one("-.5"), Ok(Object::Real(-0.5)));
        let d = one("<< /K [1 2 0 R true null] /S (x) >>").unwrap();
        let d = d.as_dict().unwrap();
        assert_eq!(d.get(b"K").unwrap().as_array().unwrap().len(), 4);
    }

    #[test]
    fn nesting_past_the_limit_is_hostile_on_every_path() {
        for open in ["[", "<< /A ", "[ << /A "] {
            let src = open.repeat(100_000);
            assert_eq!(one(&src), Err(LoadError::Hostile), "{open}");
        }
        let ok = format!("{}{}", "[".repeat(32), "]".repeat(32));
        assert!(one(&ok).is_ok());
    }

    #[test]
    fn later_definitions_win_and_streams_keep_their_bytes() {
        let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /V 1 >> endobj\n2 0 obj << /Length 5 >> stream\nab\ncd\nendstream endobj\n1 0 obj << /Type /Catalog /V 2 >> endobj\ntrailer << /Root 1 0 R >>\n";
        let doc = parse(pdf, &mut budget(pdf)).unwrap();
        let v = doc.get_dictionary((1, 0)).unwrap().get(b"V").unwrap();
        assert_eq!(v.as_i64().unwrap(), 2);
        assert_eq!(
            doc.get_object((2, 0)).unwrap().as_stream().unwrap().content,
            b"ab\ncd"
        );
    }

    /// An object stream defined again by later updates is read once, at its
    /// last definition: the earlier definitions' objects are gone with them,
    /// and repeating one stream's number cannot make the reader inflate the
    /// same stream again and again (each time against the budget).
    #[test]
    fn an_object_stream_defined_again_is_read_once_at_its_last_definition() {
        let stream = |value: &str| {
            let data = format!("6 0 {value}");
            format!(
                "5 0 obj << /Type /ObjStm /N 1 /First 4 /Length {} >> stream\n{data}\nendstream endobj\n",
                data.len()
            )
        };
        let fill = "x".repeat(90);
        let pdf = format!(
            "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n{}{}{}trailer << /Root 1 0 R >>\n",
            stream(&format!("(old{fill})")),
            stream(&format!("(mid{fill})")),
            stream(&format!("(new{fill})")),
        );
        // Room to inflate one of the three streams' 98 bytes, not all three.
        let limits = Limits {
            inflated_bytes: crate::read::budget::Allowance {
                floor: 150,
                per_mib: 0,
                ceiling: 150,
            },
            ..Limits::default()
        };
        let doc = parse(pdf.as_bytes(), &mut Budget::new(limits, pdf.len()));
        let value = doc
            .as_ref()
            .ok()
            .and_then(|d| d.get_object((6, 0)).ok())
            .and_then(|o| o.as_str().ok())
            .map(<[u8]>::to_vec);
        assert_eq!(
            value,
            Some(format!("new{fill}").into_bytes()),
            "{:?}",
            doc.err()
        );
    }

    #[test]
    fn an_update_appended_right_after_eof_is_read() {
        // The first save ends in `%%EOF` with no end of line; a signing tool
        // appends the next revision on the same line.
        let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /V 1 >> endobj\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF1 0 obj << /Type /Catalog /V 2 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF";
        let doc = parse(pdf, &mut budget(pdf)).unwrap();
        let v = doc.get_dictionary((1, 0)).unwrap().get(b"V").unwrap();
        assert_eq!(v.as_i64().unwrap(), 2);
        // Anywhere else a number glued to a word is not an object header.
        let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /V 1 >> endobj\n%EOF1 0 obj << /V 2 >> endobj\ntrailer << /Root 1 0 R >>\n";
        let doc = parse(pdf, &mut budget(pdf)).unwrap();
        let v = doc.get_dictionary((1, 0)).unwrap().get(b"V").unwrap();
        assert_eq!(v.as_i64().unwrap(), 1);
    }

    #[test]
    fn a_broken_root_finds_the_catalog() {
        let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 9 0 R >>\n";
        let doc = parse(pdf, &mut budget(pdf)).unwrap();
        assert_eq!(
            doc.trailer.get(b"Root").unwrap().as_reference().unwrap(),
            (1, 0)
        );
        // No trailer at all.
        let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n";
        assert!(parse(pdf, &mut budget(pdf)).is_ok());
    }

    #[test]
    fn a_file_without_catalog_is_damaged() {
        let pdf = b"%PDF-1.7\n1 0 obj 1 endobj";
        assert_eq!(parse(pdf, &mut budget(pdf)).err(), Some(LoadError::Damaged));
    }

    #[test]
    fn headers_are_recognised_only_as_whole_tokens() {
        let b = b"x1 0 obj 12 0 obj endobj 3 0obj 4 0 obj";
        let mut ids = Vec::new();
        let mut pos = 0;
        while let Some(Hit::Object { id, body, .. }) = next_hit(b, pos) {
            ids.push(id);
            pos = body;
        }
        assert_eq!(ids, [(12, 0), (4, 0)]);
    }

    #[test]
    fn references_need_their_spaces_and_an_r_that_ends_the_token() {
        assert_eq!(one("12 0 R"), Ok(Object::Reference((12, 0))));
        assert_eq!(
            one("[12 0 R]"),
            Ok(Object::Array(vec![Object::Reference((12, 0))]))
        );
        assert_eq!(
            one("[12 0 Rx]")
                .ok()
                .and_then(|o| o.as_array().ok().map(Vec::len)),
            None
        );
        assert_eq!(
            one("[12 0R]")
                .ok()
                .and_then(|o| o.as_array().ok().map(Vec::len)),
            None
        );
        assert_eq!(
            one("[12 0 (x)]"),
            Ok(Object::Array(vec![
                Object::Integer(12),
                Object::Integer(0),
                Object::String(b"x".to_vec(), lopdf::StringFormat::Literal)
            ]))
        );
    }

    #[test]
    fn an_indirect_length_that_holds_endstream_is_read_in_a_second_pass() {
        // The data holds the word `endstream`; its /Length, object 3, comes
        // after the stream, as pdfTeX writes it.
        let data = b"abc\nendstream\nxyz\r";
        let mut pdf =
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << /Length 3 0 R >>\nstream\n"
                .to_vec();
        pdf.extend(data);
        pdf.extend(
            format!(
                "\nendstream\nendobj\n3 0 obj {} endobj\ntrailer << /Root 1 0 R >>\n",
                data.len()
            )
            .as_bytes(),
        );
        let doc = parse(&pdf, &mut budget(&pdf)).unwrap();
        let s = doc.get_object((2, 0)).unwrap().as_stream().unwrap();
        assert_eq!(s.content, data);
    }
}
