//! PDF tokens (PDF 32000-1, 7.2 and 7.3): the one tokenizer of the reader.
//! It only moves forward, never recurses, and allocates no more than the
//! bytes it is given.

use lopdf::StringFormat;

/// One token.
#[derive(Debug, PartialEq)]
pub(crate) enum Token<'a> {
    Int(i64),
    Real(f32),
    Name(Vec<u8>),
    Str(Vec<u8>, StringFormat),
    Keyword(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
}

/// A literal or hexadecimal string that the input ends inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unterminated;

pub(crate) struct Lexer<'a> {
    b: &'a [u8],
    pub(crate) pos: usize,
    /// Every byte read, counting again those read after a step back: the
    /// work the reader charges to its budget.
    pub(crate) read: usize,
}

/// White-space characters (PDF 32000-1, table 1).
pub(crate) fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

/// Delimiter characters (PDF 32000-1, table 2).
pub(crate) fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(b: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer { b, pos, read: 0 }
    }

    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.b
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.b.get(self.pos.checked_add(ahead)?).copied()
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
    pub(crate) fn next_token(&mut self) -> Result<Option<Token<'a>>, Unterminated> {
        let from = self.pos;
        let tok = self.token();
        self.read = self.read.saturating_add(self.pos.saturating_sub(from));
        tok
    }

    /// After an integer: ` g R`, the rest of a reference, consumed and its
    /// generation returned; otherwise nothing is consumed. Reads no more
    /// than the digits and spaces that could belong to it.
    pub(crate) fn reference_tail(&mut self) -> Option<i64> {
        let save = self.pos;
        self.skip_space();
        let gen_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let generation = std::str::from_utf8(self.b.get(gen_start..self.pos).unwrap_or_default())
            .ok()
            .and_then(|g| g.parse::<i64>().ok());
        let spaced = self.pos > gen_start && self.peek().is_some_and(is_space);
        self.skip_space();
        let r =
            self.peek() == Some(b'R') && self.peek_at(1).is_none_or(|c| is_space(c) || is_delim(c));
        self.read = self.read.saturating_add(self.pos.saturating_sub(save));
        match generation {
            Some(g) if spaced && r => {
                self.pos += 1;
                Some(g)
            }
            _ => {
                self.pos = save;
                None
            }
        }
    }

    /// Whether the `stream` keyword comes next (after white space), consumed
    /// with the end of line that follows it; nothing is consumed otherwise.
    pub(crate) fn stream_keyword(&mut self) -> bool {
        let save = self.pos;
        self.skip_space();
        let found = self.b.get(self.pos..self.pos.saturating_add(6)) == Some(b"stream")
            && self
                .b
                .get(self.pos.saturating_add(6))
                .is_none_or(|&c| is_space(c) || is_delim(c));
        self.read = self.read.saturating_add(self.pos.saturating_sub(save));
        if found {
            self.pos += 6;
        } else {
            self.pos = save;
        }
        found
    }

    fn token(&mut self) -> Result<Option<Token<'a>>, Unterminated> {
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
            b'<' if self.peek_at(1) == Some(b'<') => {
                self.pos += 2;
                Token::DictStart
            }
            b'>' if self.peek_at(1) == Some(b'>') => {
                self.pos += 2;
                Token::DictEnd
            }
            b'<' => {
                self.pos += 1;
                Token::Str(self.hex_string()?, StringFormat::Hexadecimal)
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
                number(run).unwrap_or(Token::Keyword(run))
            }
        };
        Ok(Some(tok))
    }

    /// A hexadecimal string after its `<` (PDF 32000-1, 7.3.4.3).
    fn hex_string(&mut self) -> Result<Vec<u8>, Unterminated> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                if let Some(h) = high {
                    out.push(h << 4);
                }
                return Ok(out);
            }
            let Some(v) = hex_digit(c) else {
                continue;
            };
            match high.take() {
                None => high = Some(v),
                Some(h) => out.push(h << 4 | v),
            }
        }
        Err(Unterminated)
    }

    /// A literal string after its `(` (PDF 32000-1, 7.3.4.2). Balanced
    /// parentheses nest without limit: they are counted, not recursed into.
    fn literal_string(&mut self) -> Result<Vec<u8>, Unterminated> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
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
        Err(Unterminated)
    }
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// A name's bytes with `#xx` escapes decoded (PDF 32000-1, 7.3.5).
fn decode_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((&c, tail)) = rest.split_first() {
        if c == b'#' {
            if let [h, l, after @ ..] = tail {
                if let (Some(h), Some(l)) = (hex_digit(*h), hex_digit(*l)) {
                    out.push(h << 4 | l);
                    rest = after;
                    continue;
                }
            }
        }
        out.push(c);
        rest = tail;
    }
    out
}

/// A number as PDF writes it: an integer, or a real without exponent
/// ("-.5" and "4." are valid).
fn number<'a>(run: &[u8]) -> Option<Token<'a>> {
    if run.is_empty()
        || !run
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.'))
    {
        return None;
    }
    let s = std::str::from_utf8(run).ok()?;
    if let Ok(i) = s.parse::<i64>() {
        return Some(Token::Int(i));
    }
    let v = decimal(run)? as f32;
    v.is_finite().then_some(Token::Real(v))
}

/// A decimal number without exponent, as PDF writes reals: an optional
/// sign, digits with at most one point ("-.5" and "4." are valid). Read with
/// integer arithmetic and one division, so that core's float parser stays
/// out of the wasm; the first 17 significant digits count, as for an f64.
pub(crate) fn decimal(s: &[u8]) -> Option<f64> {
    let (negative, body) = match s.first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let mut mantissa: u64 = 0;
    let mut exponent: i64 = 0;
    let (mut point, mut digits) = (false, false);
    for &c in body {
        match c {
            b'0'..=b'9' => {
                digits = true;
                if mantissa < 10_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    exponent -= i64::from(point);
                } else {
                    exponent += i64::from(!point);
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if !digits {
        return None;
    }
    let m = mantissa as f64;
    let v = match i32::try_from(exponent) {
        // 10^k is exact in an f64 up to k = 22: one rounding, in the division.
        Ok(e) if (-22..0).contains(&e) => m / 10f64.powi(-e),
        Ok(e) => m * 10f64.powi(e),
        Err(_) if exponent < 0 => 0.0,
        Err(_) => f64::INFINITY,
    };
    Some(if negative { -v } else { v })
}

/// The position of `needle` in `hay` at or after `from`.
pub(crate) fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_rusts_float_parser_reads_them() {
        for text in [
            "0",
            "-0",
            "12",
            "+7",
            "-.5",
            "4.",
            "0.001",
            "595.276",
            "841.89",
            "-3.25",
            "123456.789",
            "0.000001234",
            "99999999999999999999",
            "3.14159265358979323846",
            "0.30000000000000004",
            "1.0000001",
            "16777217",
        ] {
            let ours = decimal(text.as_bytes()).unwrap();
            let theirs: f64 = text
                .trim_end_matches('.')
                .replace("+", "")
                .parse()
                .unwrap_or_else(|_| {
                    format!("0{}", text.trim_start_matches('-'))
                        .parse::<f64>()
                        .map(|v| if text.starts_with('-') { -v } else { v })
                        .unwrap()
                });
            assert_eq!(ours as f32, theirs as f32, "{text}");
            assert!(
                (ours - theirs).abs() <= theirs.abs() * 1e-15,
                "{text}: {ours} vs {theirs}"
            );
        }
        for bad in [
            "", ".", "+", "-", "1.2.3", "--5", "1e5", "12a", "+-1", "inf",
        ] {
            assert_eq!(decimal(bad.as_bytes()), None, "{bad:?}");
        }
        // A million digits: read in one pass, without overflow.
        let long = "9".repeat(1_000_000);
        assert_eq!(decimal(long.as_bytes()), Some(f64::INFINITY));
        let small = format!("0.{}1", "0".repeat(1_000_000));
        assert_eq!(decimal(small.as_bytes()), Some(0.0));
    }

    fn tokens(src: &str) -> Vec<Token<'_>> {
        let mut lx = Lexer::new(src.as_bytes(), 0);
        let mut out = Vec::new();
        while let Ok(Some(t)) = lx.next_token() {
            out.push(t);
        }
        out
    }

    #[test]
    fn reads_every_kind_of_token() {
        assert_eq!(
            tokens("12 -.5 4. /A#20B (a\\(b\\)\\101\\\nc) <48 65 6C6C6F7> [ ] << >> obj % x\nR"),
            vec![
                Token::Int(12),
                Token::Real(-0.5),
                Token::Real(4.0),
                Token::Name(b"A B".to_vec()),
                Token::Str(b"a(b)Ac".to_vec(), StringFormat::Literal),
                Token::Str(b"Hellop".to_vec(), StringFormat::Hexadecimal),
                Token::ArrayStart,
                Token::ArrayEnd,
                Token::DictStart,
                Token::DictEnd,
                Token::Keyword(b"obj"),
                Token::Keyword(b"R"),
            ]
        );
    }

    #[test]
    fn an_unterminated_string_is_an_error_not_a_token() {
        let mut lx = Lexer::new(b"(((abc", 0);
        assert_eq!(lx.next_token(), Err(Unterminated));
        let mut lx = Lexer::new(b"<414", 0);
        assert_eq!(lx.next_token(), Err(Unterminated));
    }

    #[test]
    fn a_million_open_parentheses_are_counted_not_recursed() {
        let mut src = vec![b'('; 1_000_000];
        src.extend(vec![b')'; 1_000_000]);
        let mut lx = Lexer::new(&src, 0);
        let Ok(Some(Token::Str(s, _))) = lx.next_token() else {
            panic!("not a string");
        };
        assert_eq!(s.len(), 1_999_998);
    }
}
