//! Prepared links (`rinnovo-pdf keys new`, `rinnovo-pdf links`): one link
//! per customer of Oripan's list, its company's data signed in the URL's
//! fragment (format: [`rinnovo_core::link`]), and an invitation to send it.
//!
//! The key pair is Ed25519 (RFC 8032), by `ed25519-compact`: the private
//! key stays with the office, in a file of its own; the public key goes
//! into `site.json`, and the page checks every link with it. Signatures are
//! deterministic (RFC 8032 signs without randomness), so the same list and
//! key give the same links.

use crate::customers::Customer;
use base64::Engine as _;
use ed25519_compact::{KeyPair, PublicKey, Seed, Signature};
use rinnovo_core::link::{
    Encoding, Envelope, LinkError, Prefill, FRAGMENT_PREFIX, MAX_BODY_BYTES, MAX_LINK_CHARS,
};

/// The first word of the key file's key line.
const KEY_LINE: &str = "rinnovo-link-key-v1";

/// An Oripan link-signing key.
pub struct SigningKey(KeyPair);

/// Why a key file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the key file has no line {KEY_LINE} <key> (make one with `rinnovo-pdf keys new`)")]
    NoKey,
    #[error("the key file's key is not 32 bytes of base64")]
    BadKey,
}

impl SigningKey {
    /// A new key pair from the system's random generator.
    pub fn generate() -> SigningKey {
        SigningKey(KeyPair::from_seed(Seed::generate()))
    }

    /// The key pair of a 32-byte seed (the tests' fixed keys).
    pub fn from_seed(seed: [u8; 32]) -> SigningKey {
        SigningKey(KeyPair::from_seed(Seed::new(seed)))
    }

    /// Reads a key file written by [`SigningKey::to_file`].
    pub fn from_file(text: &str) -> Result<SigningKey, KeyError> {
        let encoded = text
            .lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(KEY_LINE))
            .ok_or(KeyError::NoKey)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| KeyError::BadKey)?;
        let seed = <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| KeyError::BadKey)?;
        Ok(SigningKey::from_seed(seed))
    }

    /// The key file: a warning, then the key line.
    pub fn to_file(&self) -> String {
        let seed = self.0.sk.seed();
        format!(
            "# Rinnovo: the private key of Oripan's prepared links (Ed25519).\n\
             # Whoever has this file can make links that the site trusts: keep it\n\
             # in the office, never in the site's files or in a repository.\n\
             # Its public key, for site.json's \"links\": \"public_key\": {}\n\
             {KEY_LINE} {}\n",
            self.public_key(),
            base64::engine::general_purpose::STANDARD.encode(seed.as_ref()),
        )
    }

    /// The public key as `site.json` takes it (base64).
    pub fn public_key(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.0.pk.as_ref())
    }

    /// Signs a link's message.
    fn sign(&self, message: &[u8]) -> [u8; 64] {
        *self.0.sk.sign(message, None)
    }
}

/// Why a customer has no link.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkProblem {
    #[error(transparent)]
    Value(#[from] rinnovo_core::link::BadValue),
    /// The link is longer than Outlook keeps.
    #[error("the link would be {chars} characters, over {MAX_LINK_CHARS}: the longest values are {longest}")]
    TooLong { chars: usize, longest: String },
}

/// The link of one customer: the site's `url`, [`FRAGMENT_PREFIX`], and the
/// signed data, its body deflated when that makes it shorter.
pub fn link(url: &str, prefill: &Prefill, key: &SigningKey) -> Result<String, LinkProblem> {
    let body = prefill.body()?;
    let deflated = miniz_oxide::deflate::compress_to_vec(&body, 10);
    let (encoding, body) = if deflated.len() < body.len() {
        (Encoding::DeflateRaw, deflated)
    } else {
        (Encoding::Plain, body)
    };
    let signature = key.sign(&rinnovo_core::link::signed_message(encoding, &body));
    let envelope = Envelope {
        encoding,
        signature,
        body,
    };
    let link = format!("{url}{FRAGMENT_PREFIX}{}", envelope.to_data());
    let chars = link.chars().count();
    if chars > MAX_LINK_CHARS {
        let mut values: Vec<(&str, usize)> = rinnovo_core::domain::fields::COMPANY
            .iter()
            .filter_map(|f| Some((f.column, prefill.company.typed(f.id)?.chars().count())))
            .filter(|(_, n)| *n > 0)
            .collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let longest = values
            .iter()
            .take(3)
            .map(|(c, n)| format!("{c} ({n})"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(LinkProblem::TooLong { chars, longest });
    }
    Ok(link)
}

/// Checks a link (whole, or its data) as the page does, and reads it.
pub fn open(link: &str, public_key: &[u8; 32]) -> Result<Prefill, LinkError> {
    let data = link.rsplit_once(FRAGMENT_PREFIX).map_or(link, |(_, d)| d);
    let envelope = Envelope::parse(data)?;
    let key = PublicKey::from_slice(public_key).map_err(|_| LinkError::NoKey)?;
    let signature = Signature::from_slice(&envelope.signature).map_err(|_| LinkError::Signature)?;
    key.verify(envelope.message(), &signature)
        .map_err(|_| LinkError::Signature)?;
    let body = match envelope.encoding {
        Encoding::Plain => envelope.body,
        Encoding::DeflateRaw => {
            miniz_oxide::inflate::decompress_to_vec_with_limit(&envelope.body, MAX_BODY_BYTES)
                .map_err(|_| LinkError::Inflate)?
        }
    };
    Prefill::from_body(&body)
}

/// What a customer's link fills in: the list's values, and its licences.
pub fn prefill(customer: &Customer) -> Prefill {
    Prefill {
        company: customer.company.clone(),
        licences: customer.licences,
    }
}

/// One customer's line of the links' CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub customer: Customer,
    pub link: String,
    /// The invitation as a `mailto:` URL (RFC 6068).
    pub mailto: String,
}

impl Invitation {
    /// The link and invitation of a customer.
    pub fn new(
        customer: &Customer,
        url: &str,
        key: &SigningKey,
        wording: &rinnovo_core::mail::Invitation,
        content: &rinnovo_core::content::Content,
    ) -> Result<Invitation, LinkProblem> {
        let link = link(url, &prefill(customer), key)?;
        let mailto =
            rinnovo_core::mail::Mail::invitation(&customer.company, &link, wording, content)
                .mailto();
        Ok(Invitation {
            customer: customer.clone(),
            link,
            mailto,
        })
    }
}

/// The columns of the links' CSV.
pub const CSV_COLUMNS: [&str; 8] = [
    "codice_cliente",
    "ragione_sociale",
    "partita_iva",
    "email",
    "pec",
    crate::customers::LICENCES_COLUMN,
    "link",
    "mailto",
];

/// Writes the links as CSV, as `crate::table` writes the returns: for an
/// Italian spreadsheet (`;`, UTF-8 with a byte-order mark, CRLF, every
/// value quoted, formulas escaped), ready for a mail merge.
pub fn write_csv<W: std::io::Write>(out: W, rows: &[Invitation]) -> std::io::Result<()> {
    crate::table::write_rows(
        out,
        &CSV_COLUMNS,
        rows.iter().map(|r| {
            let c = &r.customer.company;
            let licences = r
                .customer
                .licences
                .map(|n| n.to_string())
                .unwrap_or_default();
            [
                c.codice_cliente.clone(),
                c.ragione_sociale.clone(),
                c.partita_iva.clone(),
                c.email.clone(),
                c.pec.clone(),
                licences,
                r.link.clone(),
                r.mailto.clone(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_round_trips_and_names_its_public_key() {
        let key = SigningKey::from_seed([7; 32]);
        let file = key.to_file();
        let back = SigningKey::from_file(&file).unwrap();
        assert_eq!(back.public_key(), key.public_key());
        assert!(file.contains(&key.public_key()));
        assert_eq!(
            SigningKey::from_file("# nothing").err(),
            Some(KeyError::NoKey)
        );
        assert_eq!(
            SigningKey::from_file("rinnovo-link-key-v1 AAAA").err(),
            Some(KeyError::BadKey)
        );
        assert_ne!(SigningKey::generate().public_key(), key.public_key());
    }
}
