//! Prepared links: Oripan's data of one customer, signed by Oripan, in the
//! URL's fragment (`<site>#/oripan/<data>`), so that the customer starts
//! from a filled company step. The fragment never reaches a server: not
//! the site's host, not its logs.
//!
//! `<data>` is base64url (RFC 4648 §5, no padding) of
//!
//! | bytes | what |
//! |---|---|
//! | 1 | [`VERSION`] |
//! | 1 | [`Encoding`]: the body as is, or raw deflate (RFC 1951) |
//! | 64 | Ed25519 signature (RFC 8032) of [`signed_message`] |
//! | rest | the body, encoded |
//!
//! The body is UTF-8: values separated by U+001F (unit separator), first
//! the licences Oripan counts in use (decimal, or empty when unknown), then
//! the company's fields in the field table's order
//! ([`crate::domain::fields::COMPANY`]); trailing empty values may be left
//! out, and values past the ones this version knows are ignored, so a link
//! stays readable when the table grows at its end. No value holds a control
//! character.
//!
//! The signature covers the bytes as sent (version, encoding, encoded
//! body), so a link is checked before it is decompressed. This module holds
//! the format only: the page checks signatures with the browser's Web
//! Crypto, `rinnovo-pdf links` makes them with `ed25519-compact`.

use crate::domain::fields::{CompanyDraft, COMPANY};
use base64::Engine as _;

/// The fragment before the data, as in `location.hash`.
pub const FRAGMENT_PREFIX: &str = "#/oripan/";

/// The format's version.
pub const VERSION: u8 = 1;

/// What the signature's message starts with, so that a signature made
/// for a link is never valid for anything else signed with the same key.
pub const CONTEXT: &[u8] = b"rinnovo-link\0";

/// Bytes of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;

/// Bytes of an Ed25519 public key.
pub const PUBLIC_KEY_LEN: usize = 32;

/// The longest link in characters, whole URL: Outlook cuts longer ones.
pub const MAX_LINK_CHARS: usize = 1000;

/// The largest body once decompressed: far over any link's, a bound on a
/// deflate bomb.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The most licences a link states.
pub const MAX_LICENCES: u32 = 1_000_000;

/// The separator of the body's values.
const SEPARATOR: char = '\u{1F}';

/// How the body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// The body's bytes as they are.
    Plain = 0,
    /// Raw deflate (RFC 1951), what `DecompressionStream("deflate-raw")`
    /// reads.
    DeflateRaw = 1,
}

/// Why a link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link's data is not base64url")]
    NotBase64,
    #[error("the link's data is too short")]
    Truncated,
    #[error("the link is longer than {MAX_LINK_CHARS} characters")]
    TooLong,
    #[error("the link is of a later version of the app")]
    Version,
    #[error("the link's data is not encoded in a known way")]
    Encoding,
    #[error("the link's signature does not match its data")]
    Signature,
    #[error("the link's data cannot be decompressed")]
    Inflate,
    #[error("the link's data is not valid")]
    Body,
    #[error("the site has no key to check links with")]
    NoKey,
}

/// A link's parts as sent, before its signature is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub encoding: Encoding,
    pub signature: [u8; SIGNATURE_LEN],
    /// The body as sent (compressed, for [`Encoding::DeflateRaw`]).
    pub body: Vec<u8>,
}

impl Envelope {
    /// Reads the data after [`FRAGMENT_PREFIX`].
    pub fn parse(data: &str) -> Result<Envelope, LinkError> {
        if data.len() > MAX_LINK_CHARS {
            return Err(LinkError::TooLong);
        }
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(data.trim_end_matches('='))
            .map_err(|_| LinkError::NotBase64)?;
        let Some((&version, rest)) = bytes.split_first() else {
            return Err(LinkError::Truncated);
        };
        if version != VERSION {
            return Err(if version > VERSION {
                LinkError::Version
            } else {
                LinkError::Body
            });
        }
        let Some((&encoding, rest)) = rest.split_first() else {
            return Err(LinkError::Truncated);
        };
        let encoding = match encoding {
            0 => Encoding::Plain,
            1 => Encoding::DeflateRaw,
            _ => return Err(LinkError::Encoding),
        };
        let (Some(signature), Some(body)) = (rest.get(..SIGNATURE_LEN), rest.get(SIGNATURE_LEN..))
        else {
            return Err(LinkError::Truncated);
        };
        let signature =
            <[u8; SIGNATURE_LEN]>::try_from(signature).map_err(|_| LinkError::Truncated)?;
        if body.is_empty() {
            return Err(LinkError::Truncated);
        }
        Ok(Envelope {
            encoding,
            signature,
            body: body.to_vec(),
        })
    }

    /// The message the signature is of.
    pub fn message(&self) -> Vec<u8> {
        signed_message(self.encoding, &self.body)
    }

    /// The link's data (after [`FRAGMENT_PREFIX`]).
    pub fn to_data(&self) -> String {
        let mut bytes = Vec::with_capacity(2 + SIGNATURE_LEN + self.body.len());
        bytes.extend_from_slice(&[VERSION, self.encoding as u8]);
        bytes.extend_from_slice(&self.signature);
        bytes.extend_from_slice(&self.body);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }
}

/// What is signed: [`CONTEXT`], the version, the encoding and the body as
/// sent.
pub fn signed_message(encoding: Encoding, body: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(CONTEXT.len() + 2 + body.len());
    m.extend_from_slice(CONTEXT);
    m.extend_from_slice(&[VERSION, encoding as u8]);
    m.extend_from_slice(body);
    m
}

/// What a link fills in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prefill {
    /// The company's values; blank ones are not filled.
    pub company: CompanyDraft,
    /// The licences Oripan counts in use.
    pub licences: Option<u32>,
}

/// A value a link cannot carry, by the back office's column of its field:
/// what [`Prefill::from_body`] would refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BadValue {
    #[error("the {0} holds a control character")]
    Control(&'static str),
    #[error("the {0} is longer than {MAX_VALUE_CHARS} characters")]
    TooLong(&'static str),
}

impl Prefill {
    /// The body, before it is encoded.
    pub fn body(&self) -> Result<Vec<u8>, BadValue> {
        let licences = self.licences.map(|n| n.to_string()).unwrap_or_default();
        let mut values: Vec<&str> = vec![&licences];
        for field in &COMPANY {
            let v = self.company.typed(field.id).unwrap_or("");
            if v.chars().any(char::is_control) {
                return Err(BadValue::Control(field.column));
            }
            if v.chars().count() > MAX_VALUE_CHARS {
                return Err(BadValue::TooLong(field.column));
            }
            values.push(v);
        }
        while values.last().is_some_and(|v| v.is_empty()) {
            values.pop();
        }
        Ok(values.join(&SEPARATOR.to_string()).into_bytes())
    }

    /// Reads a body (decompressed).
    pub fn from_body(body: &[u8]) -> Result<Prefill, LinkError> {
        if body.len() > MAX_BODY_BYTES {
            return Err(LinkError::Body);
        }
        let text = std::str::from_utf8(body).map_err(|_| LinkError::Body)?;
        let mut values = text.split(SEPARATOR);
        let licences = match values.next().unwrap_or("") {
            "" => None,
            n if n.bytes().all(|b| b.is_ascii_digit()) => Some(
                n.parse::<u32>()
                    .ok()
                    .filter(|n| *n <= MAX_LICENCES)
                    .ok_or(LinkError::Body)?,
            ),
            _ => return Err(LinkError::Body),
        };
        let mut company = CompanyDraft::default();
        for (field, value) in COMPANY.iter().zip(values) {
            if value.chars().any(char::is_control) || value.chars().count() > MAX_VALUE_CHARS {
                return Err(LinkError::Body);
            }
            if let Some(slot) = company.typed_mut(field.id) {
                *slot = value.trim().to_string();
            }
        }
        Ok(Prefill { company, licences })
    }

    /// Whether the link fills nothing.
    pub fn is_empty(&self) -> bool {
        self.licences.is_none() && self.company == CompanyDraft::default()
    }
}

/// The longest value a link carries, in characters.
pub const MAX_VALUE_CHARS: usize = 200;

/// A site's public key for links, from its base64 (standard or url-safe,
/// with or without padding) in `site.json`.
pub fn public_key(base64: &str) -> Result<[u8; PUBLIC_KEY_LEN], LinkError> {
    let t = base64.trim().trim_end_matches('=');
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(t)
        .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(t))
        .map_err(|_| LinkError::NoKey)?;
    <[u8; PUBLIC_KEY_LEN]>::try_from(bytes.as_slice()).map_err(|_| LinkError::NoKey)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_field() -> Prefill {
        let mut p = Prefill {
            licences: Some(7),
            ..Prefill::default()
        };
        for (i, f) in COMPANY.iter().enumerate() {
            if let Some(v) = p.company.typed_mut(f.id) {
                *v = format!("{} è {i}", f.column);
            }
        }
        p
    }

    #[test]
    fn a_body_round_trips_for_every_field() {
        let p = every_field();
        assert_eq!(Prefill::from_body(&p.body().unwrap()), Ok(p));
        let empty = Prefill::default();
        assert_eq!(empty.body().unwrap(), b"");
        assert_eq!(Prefill::from_body(b""), Ok(empty));
    }

    #[test]
    fn trailing_blanks_are_left_out_and_later_values_ignored() {
        let mut p = Prefill::default();
        p.company.ragione_sociale = "Rossi".into();
        assert_eq!(p.body().unwrap(), "\u{1F}Rossi".as_bytes());
        let mut longer = every_field().body().unwrap();
        longer.extend_from_slice("\u{1F}a field of a later version".as_bytes());
        assert_eq!(Prefill::from_body(&longer), Ok(every_field()));
    }

    #[test]
    fn control_characters_and_bad_licences_are_refused() {
        let mut p = Prefill::default();
        p.company.comune = "a\u{1F}b".into();
        assert_eq!(p.body(), Err(BadValue::Control("comune")));
        p.company.comune = "è".repeat(MAX_VALUE_CHARS + 1);
        assert_eq!(p.body(), Err(BadValue::TooLong("comune")));
        for bad in ["x", "-1", "99999999999", "7\u{1F}a\u{7}"] {
            assert_eq!(
                Prefill::from_body(bad.as_bytes()),
                Err(LinkError::Body),
                "{bad}"
            );
        }
        assert_eq!(Prefill::from_body(b"\xFF"), Err(LinkError::Body));
    }

    #[test]
    fn an_envelope_round_trips_and_refuses_what_is_cut_or_unknown() {
        let e = Envelope {
            encoding: Encoding::DeflateRaw,
            signature: [9; SIGNATURE_LEN],
            body: b"abc".to_vec(),
        };
        let data = e.to_data();
        assert_eq!(Envelope::parse(&data), Ok(e.clone()));
        assert!(e.message().starts_with(CONTEXT));
        assert_eq!(
            Envelope::parse(&data[..data.len() - 4]),
            Err(LinkError::Truncated)
        );
        assert_eq!(Envelope::parse(""), Err(LinkError::Truncated));
        assert_eq!(Envelope::parse("a*b"), Err(LinkError::NotBase64));
        assert_eq!(Envelope::parse(&"A".repeat(1001)), Err(LinkError::TooLong));
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        assert_eq!(
            Envelope::parse(&b64.encode([2, 0])),
            Err(LinkError::Version)
        );
        assert_eq!(
            Envelope::parse(&b64.encode([1, 7])),
            Err(LinkError::Encoding)
        );
    }

    #[test]
    fn public_keys_are_32_bytes_of_base64() {
        let b64 = base64::engine::general_purpose::STANDARD;
        assert_eq!(public_key(&b64.encode([3; 32])), Ok([3; 32]));
        assert_eq!(public_key(&b64.encode([3; 31])), Err(LinkError::NoKey));
        assert_eq!(public_key(""), Err(LinkError::NoKey));
    }
}
