//! A small, bounded PDF reader (PDF 32000-1, section 7.3 and 7.5) that
//! builds a lopdf [`Document`] without lopdf's own reader.
//!
//! Why not lopdf's reader: it links decryption, Brotli, LZW, encoding tables
//! and SASLprep, several hundred KB of WebAssembly the app never needs (it
//! refuses encrypted files and only ever decodes Flate). And owning the
//! parser keeps every bound in one place: nesting depth, object count,
//! decompressed bytes.
//!
//! It reads the way repair tools do: one linear scan for `N G obj` headers,
//! where a later definition of an object replaces an earlier one (which is
//! what an incremental update means), then the objects inside object streams
//! (`/Type /ObjStm`), and the last trailer (a `trailer` dictionary or a
//! cross-reference stream's dictionary). Cross-reference tables are not
//! needed, so a file with a broken or missing one still reads.

use super::load::{LoadError, MAX_NESTING, MAX_OBJECTS, MAX_STREAM_BYTES};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use std::collections::BTreeMap;

/// The most values (numbers, names, strings, ...) parsed from one file,
/// which bounds memory whatever the file holds.
const MAX_VALUES: usize = 500_000;

/// The most decompressed bytes of object streams in one file.
const MAX_TOTAL_OBJSTM_BYTES: usize = 64 * 1024 * 1024;

/// Parses a whole file into a document.
pub fn parse(bytes: &[u8]) -> Result<Document, LoadError> {
    VALUES.with(|v| v.set(0));
    let mut defs: BTreeMap<ObjectId, (usize, Object)> = BTreeMap::new();
    let mut trailer: Option<(usize, Dictionary)> = None;
    let mut lx = Lexer { b: bytes, pos: 0 };
    // The integers just before the current token, with their positions:
    // `N G obj` starts an indirect object.
    let mut ints: [Option<(usize, i64)>; 2] = [None, None];
    loop {
        let tok = match lx.next_token() {
            Ok(Some(t)) => t,
            Ok(None) => break,
            Err(LoadError::Hostile) => return Err(LoadError::Hostile),
            // Broken bytes at the end (a truncated string): keep what came before.
            Err(_) => break,
        };
        let header = match (&tok, ints) {
            (Token::Keyword(b"obj"), [Some((pos, n)), Some((_, g))]) => Some((pos, n, g)),
            _ => None,
        };
        if let Token::Int(start, v) = tok {
            ints = [ints[1], Some((start, v))];
            continue;
        }
        ints = [None, None];
        if let Some((pos, n, g)) = header {
            let (Ok(n), Ok(g)) = (u32::try_from(n), u16::try_from(g)) else {
                continue;
            };
            let mut p = Parser { lx: &mut lx };
            let obj = match p.indirect_body() {
                Ok(o) => o,
                // A broken object is skipped, as viewers do.
                Err(LoadError::Damaged) => continue,
                Err(e) => return Err(e),
            };
            if defs.len() >= MAX_OBJECTS {
                return Err(LoadError::Hostile);
            }
            if let Object::Stream(s) = &obj {
                if s.dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"XRef") {
                    trailer = Some((pos, s.dict.clone()));
                }
            }
            defs.insert((n, g), (pos, obj));
        } else if let Token::Keyword(b"trailer") = tok {
            let pos = lx.pos;
            let mut p = Parser { lx: &mut lx };
            if let Ok(Object::Dictionary(d)) = p.object(0) {
                trailer = Some((pos, d));
            }
        }
    }
    expand_object_streams(&mut defs)?;
    let (_, mut trailer) = trailer.ok_or(LoadError::Damaged)?;
    if trailer.has(b"Encrypt") {
        return Err(LoadError::Encrypted);
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
    ] {
        trailer.remove(key);
    }
    if !trailer
        .get(b"Root")
        .is_ok_and(|r| r.as_reference().is_ok_and(|id| defs.contains_key(&id)))
    {
        return Err(LoadError::Damaged);
    }
    let mut doc = Document::with_version("1.7");
    doc.max_id = defs.keys().map(|id| id.0).max().unwrap_or(0);
    doc.objects = defs.into_iter().map(|(id, (_, o))| (id, o)).collect();
    doc.trailer = trailer;
    Ok(doc)
}

/// Adds the objects stored in object streams (PDF 32000-1, 7.5.7), each
/// taking the stream's position in the file for precedence.
fn expand_object_streams(defs: &mut BTreeMap<ObjectId, (usize, Object)>) -> Result<(), LoadError> {
    let streams: Vec<(usize, Stream)> = defs
        .values()
        .filter_map(|(pos, o)| match o {
            Object::Stream(s)
                if s.dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"ObjStm") =>
            {
                Some((*pos, s.clone()))
            }
            _ => None,
        })
        .collect();
    let mut budget = MAX_TOTAL_OBJSTM_BYTES;
    for (pos, s) in streams {
        let Ok(data) = decode(&s, MAX_STREAM_BYTES.min(budget)) else {
            continue;
        };
        budget = budget.saturating_sub(data.len());
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
        let mut header = Lexer { b: &data, pos: 0 };
        let mut entries = Vec::new();
        for _ in 0..n.min(MAX_OBJECTS) {
            let (Ok(Some(Token::Int(_, num))), Ok(Some(Token::Int(_, off)))) =
                (header.next_token(), header.next_token())
            else {
                break;
            };
            entries.push((num, off));
        }
        for (num, off) in entries {
            let (Ok(num), Ok(off)) = (u32::try_from(num), usize::try_from(off)) else {
                continue;
            };
            let Some(start) = first.checked_add(off).filter(|s| *s < data.len()) else {
                continue;
            };
            let mut lx = Lexer {
                b: &data,
                pos: start,
            };
            let mut p = Parser { lx: &mut lx };
            let Ok(obj) = p.object(0) else { continue };
            let id = (num, 0);
            if defs.len() >= MAX_OBJECTS {
                return Err(LoadError::Hostile);
            }
            let newer = defs.get(&id).is_none_or(|(p, _)| *p < pos);
            if newer {
                defs.insert(id, (pos, obj));
            }
        }
    }
    Ok(())
}

/// The decoded data of a stream whose only filter is Flate (without
/// predictor) or none, capped at `limit` bytes.
pub fn decode(s: &Stream, limit: usize) -> Result<Vec<u8>, DecodeError> {
    let filters: Vec<&[u8]> = match s.dict.get(b"Filter") {
        Err(_) => Vec::new(),
        Ok(Object::Name(n)) => vec![n.as_slice()],
        Ok(Object::Array(a)) => a.iter().filter_map(|f| f.as_name().ok()).collect(),
        Ok(_) => return Err(DecodeError::Unsupported),
    };
    let has_predictor = s
        .dict
        .get(b"DecodeParms")
        .ok()
        .and_then(|p| p.as_dict().ok())
        .and_then(|p| p.get(b"Predictor").ok())
        .and_then(|p| p.as_i64().ok())
        .is_some_and(|p| p > 1);
    match filters.as_slice() {
        [] if s.content.len() <= limit => Ok(s.content.clone()),
        [] => Err(DecodeError::TooLarge),
        [b"FlateDecode"] | [b"Fl"] if !has_predictor => {
            miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&s.content, limit).map_err(
                |e| {
                    if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                        DecodeError::TooLarge
                    } else {
                        DecodeError::Damaged
                    }
                },
            )
        }
        _ => Err(DecodeError::Unsupported),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    TooLarge,
    Damaged,
    Unsupported,
}

#[derive(Debug)]
enum Token<'a> {
    Int(usize, i64),
    Real(f32),
    Name(Vec<u8>),
    Str(Vec<u8>, StringFormat),
    Keyword(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
}

struct Lexer<'a> {
    b: &'a [u8],
    pos: usize,
}

thread_local! {
    /// Values parsed by the current [`parse`] call.
    static VALUES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts one parsed value; an error past [`MAX_VALUES`].
fn count_value() -> Result<(), LoadError> {
    VALUES.with(|v| {
        let n = v.get() + 1;
        v.set(n);
        if n > MAX_VALUES {
            Err(LoadError::Hostile)
        } else {
            Ok(())
        }
    })
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    b"()<>[]{}/%".contains(&c)
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular_run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if is_space(c) || is_delim(c) {
                break;
            }
            self.pos += 1;
        }
        self.b.get(start..self.pos).unwrap_or_default()
    }

    /// The next token; `None` at the end of the input.
    fn next_token(&mut self) -> Result<Option<Token<'a>>, LoadError> {
        self.skip_space();
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        let start = self.pos;
        let tok = match c {
            b'[' => {
                self.pos += 1;
                Token::ArrayStart
            }
            b']' => {
                self.pos += 1;
                Token::ArrayEnd
            }
            b'<' if self.b.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Token::DictStart
            }
            b'>' if self.b.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Token::DictEnd
            }
            b'<' => {
                self.pos += 1;
                Token::Str(self.hex_string(), StringFormat::Hexadecimal)
            }
            b'(' => {
                self.pos += 1;
                Token::Str(self.literal_string()?, StringFormat::Literal)
            }
            b'/' => {
                self.pos += 1;
                Token::Name(decode_name(self.regular_run()))
            }
            b'{' | b'}' | b')' | b'>' => {
                self.pos += 1;
                Token::Keyword(self.b.get(start..self.pos).unwrap_or_default())
            }
            _ => {
                let run = self.regular_run();
                number(run, start).unwrap_or(Token::Keyword(run))
            }
        };
        Ok(Some(tok))
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            let Some(v) = (c as char).to_digit(16) else {
                continue;
            };
            match high.take() {
                None => high = Some(v as u8),
                Some(h) => out.push(h << 4 | v as u8),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// A literal string after its `(` (PDF 32000-1, 7.3.4.2).
    fn literal_string(&mut self) -> Result<Vec<u8>, LoadError> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Err(LoadError::Hostile);
                    }
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        self.pos += 1;
                                        v = v * 8 + u32::from(d - b'0');
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        Err(LoadError::Damaged)
    }
}

/// A name's bytes with `#xx` escapes decoded (PDF 32000-1, 7.3.5).
fn decode_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        if c == b'#' {
            let hex = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn number<'a>(run: &[u8], start: usize) -> Option<Token<'a>> {
    let s = std::str::from_utf8(run).ok()?;
    if s.is_empty()
        || !s
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.'))
    {
        return None;
    }
    if let Ok(i) = s.parse::<i64>() {
        return Some(Token::Int(start, i));
    }
    // Reals as PDF writes them: no exponent; "-.5", "4." are valid.
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => (-1.0, b),
        None => (1.0, s.strip_prefix('+').unwrap_or(s)),
    };
    let v: f64 = if body.starts_with('.') {
        format!("0{body}").parse().ok()?
    } else {
        body.trim_end_matches('.').parse().ok()?
    };
    let v = (sign * v) as f32;
    v.is_finite().then_some(Token::Real(v))
}

struct Parser<'l, 'a> {
    lx: &'l mut Lexer<'a>,
}

impl<'l, 'a> Parser<'l, 'a> {
    /// One object, starting at the next token. References `n g R` are
    /// recognised by looking ahead two tokens.
    fn object(&mut self, depth: usize) -> Result<Object, LoadError> {
        if depth > MAX_NESTING {
            return Err(LoadError::Hostile);
        }
        let tok = self.lx.next_token()?.ok_or(LoadError::Damaged)?;
        self.token_object(tok, depth)
    }

    fn token_object(&mut self, tok: Token<'a>, depth: usize) -> Result<Object, LoadError> {
        count_value()?;
        Ok(match tok {
            Token::Int(_, i) => {
                let save = self.lx.pos;
                if let (Ok(Some(Token::Int(_, g))), Ok(Some(Token::Keyword(b"R")))) =
                    (self.lx.next_token(), self.lx.next_token())
                {
                    if let (Ok(n), Ok(g)) = (u32::try_from(i), u16::try_from(g)) {
                        return Ok(Object::Reference((n, g)));
                    }
                }
                self.lx.pos = save;
                Object::Integer(i)
            }
            Token::Real(r) => Object::Real(r),
            Token::Name(n) => Object::Name(n),
            Token::Str(s, f) => Object::String(s, f),
            Token::Keyword(b"true") => Object::Boolean(true),
            Token::Keyword(b"false") => Object::Boolean(false),
            Token::Keyword(b"null") => Object::Null,
            Token::ArrayStart => {
                let mut items = Vec::new();
                loop {
                    let tok = self.lx.next_token()?.ok_or(LoadError::Damaged)?;
                    if let Token::ArrayEnd = tok {
                        break;
                    }
                    if let Token::Keyword(b"endobj" | b"obj" | b"stream") = tok {
                        return Err(LoadError::Damaged);
                    }
                    items.push(self.token_object(tok, depth + 1)?);
                }
                Object::Array(items)
            }
            Token::DictStart => Object::Dictionary(self.dict_body(depth)?),
            _ => return Err(LoadError::Damaged),
        })
    }

    fn dict_body(&mut self, depth: usize) -> Result<Dictionary, LoadError> {
        let mut d = Dictionary::new();
        loop {
            match self.lx.next_token()?.ok_or(LoadError::Damaged)? {
                Token::DictEnd => return Ok(d),
                Token::Name(k) => {
                    let tok = self.lx.next_token()?.ok_or(LoadError::Damaged)?;
                    if let Token::DictEnd = tok {
                        return Ok(d);
                    }
                    let v = self.token_object(tok, depth + 1)?;
                    d.set(k, v);
                }
                _ => return Err(LoadError::Damaged),
            }
        }
    }

    /// What follows `N G obj`: an object, and stream data when it is a
    /// dictionary followed by `stream`.
    fn indirect_body(&mut self) -> Result<Object, LoadError> {
        let obj = self.object(0)?;
        let save = self.lx.pos;
        match (obj, self.lx.next_token()?) {
            (Object::Dictionary(dict), Some(Token::Keyword(b"stream"))) => {
                let b = self.lx.b;
                let mut start = self.lx.pos;
                if b.get(start) == Some(&b'\r') {
                    start += 1;
                }
                if b.get(start) == Some(&b'\n') {
                    start += 1;
                }
                let declared = dict
                    .get(b"Length")
                    .and_then(Object::as_i64)
                    .ok()
                    .and_then(|l| usize::try_from(l).ok());
                let end = declared
                    .and_then(|len| start.checked_add(len))
                    .filter(|&end| ends_stream(b, end))
                    .or_else(|| find(b, start, b"endstream").map(|e| trim_eol(b, start, e)))
                    .ok_or(LoadError::Damaged)?;
                let content = b.get(start..end).ok_or(LoadError::Damaged)?.to_vec();
                self.lx.pos = find(b, end, b"endstream")
                    .map(|e| e + b"endstream".len())
                    .unwrap_or(b.len());
                let mut s = Stream::new(dict, content);
                s.allows_compression = false;
                Ok(Object::Stream(s))
            }
            (obj, _) => {
                self.lx.pos = save;
                Ok(obj)
            }
        }
    }
}

/// Whether `endstream` follows `at`, after at most an end-of-line.
fn ends_stream(b: &[u8], at: usize) -> bool {
    let mut i = at;
    while i < b.len() && i < at + 2 && is_space(b[i]) {
        i += 1;
    }
    b.get(i..i + 9) == Some(b"endstream")
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

/// The position of `needle` in `hay` at or after `from`.
pub(crate) fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(src: &str) -> Object {
        let mut lx = Lexer {
            b: src.as_bytes(),
            pos: 0,
        };
        Parser { lx: &mut lx }.object(0).unwrap()
    }

    #[test]
    fn parses_the_object_kinds() {
        assert_eq!(one("12 0 R"), Object::Reference((12, 0)));
        assert_eq!(one("-.5"), Object::Real(-0.5));
        assert_eq!(one("/A#20B"), Object::Name(b"A B".to_vec()));
        assert_eq!(
            one("(a\\(b\\)\\101\\\nc)"),
            Object::String(b"a(b)Ac".to_vec(), StringFormat::Literal)
        );
        assert_eq!(
            one("<48 65 6C6C6F7>"),
            Object::String(b"Hellop".to_vec(), StringFormat::Hexadecimal)
        );
        let d = one("<< /K [1 2 0 R true null] /S (x) >>");
        let d = d.as_dict().unwrap();
        assert_eq!(d.get(b"K").unwrap().as_array().unwrap().len(), 4);
    }

    #[test]
    fn later_definitions_win_and_streams_keep_their_bytes() {
        let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /V 1 >> endobj\n2 0 obj << /Length 5 >> stream\nab\ncd\nendstream endobj\n1 0 obj << /Type /Catalog /V 2 >> endobj\ntrailer << /Root 1 0 R >>\n";
        let doc = parse(pdf).unwrap();
        assert_eq!(
            doc.get_dictionary((1, 0))
                .unwrap()
                .get(b"V")
                .unwrap()
                .as_i64()
                .unwrap(),
            2
        );
        assert_eq!(
            doc.get_object((2, 0)).unwrap().as_stream().unwrap().content,
            b"ab\ncd"
        );
    }

    #[test]
    fn a_file_without_trailer_is_damaged() {
        assert_eq!(
            parse(b"%PDF-1.7\n1 0 obj 1 endobj").err(),
            Some(LoadError::Damaged)
        );
    }
}
