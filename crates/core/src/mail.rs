//! The message to the vendor's PEC that the review page prepares: a subject
//! naming the company and its Partita IVA, a body summarising the renewal
//! and listing the files to attach, and the `mailto:` URL that opens it in
//! the user's e-mail program (RFC 6068). The share sheet uses the same
//! subject and body as its title and text.
//!
//! The wording is content (`mail.*` keys of the texts, in the user's
//! language); only the values come from here. A `mailto:` URL cannot carry
//! files, so the page says beside the link that the PDFs must be attached.
//!
//! Also Oripan's invitation that carries a customer's prepared link
//! ([`Mail::invitation`], for `rinnovo-pdf links`).

use crate::content::{Content, Lang};
use crate::domain::fields::CompanyDraft;
use crate::domain::form::{Signature, ValidForm};
use crate::jobs::Doc;

/// The documents the vendor needs, one file each: what the message lists
/// and what the share sheet sends.
pub const DOCS: [Doc; 2] = [Doc::SupportForm, Doc::Conditions];

/// The longest `mailto:` URL the message may make. Outlook and Windows'
/// handler of `mailto:` links cut URLs a little over 2,000 characters (the
/// old 2,083-character URL limit); most other programs take far more.
pub const MAX_MAILTO_CHARS: usize = 2000;

/// At most this many characters of the company's name go into the
/// message: a name may have 200, and each accented letter is six
/// characters once percent-encoded, which would break the URL's limit.
const MAX_NAME_CHARS: usize = 80;

/// The wording of Oripan's invitation, `assets/content/invitation.json`:
/// `{company}` and `{link}`, and the content's placeholders (`{vendor}`,
/// `{old_contract_end}`, ...).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    pub subject: String,
    pub body: String,
}

impl Invitation {
    /// The wording in this build.
    pub fn embedded() -> Result<Invitation, crate::content::ContentError> {
        serde_json::from_str(include_str!("../../../assets/content/invitation.json")).map_err(|e| {
            crate::content::ContentError::Json {
                file: "invitation.json",
                message: e.to_string(),
            }
        })
    }
}

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The vendor's PEC address.
    pub to: String,
    pub subject: String,
    /// Lines separated by `\n`.
    pub body: String,
}

impl Mail {
    /// The message that goes with the renewal's PDFs, in `lang`.
    pub fn renewal(form: &ValidForm, content: &Content, lang: Lang) -> Mail {
        let texts = content.texts(lang);
        let t = |key| content.site.fill(texts.get(key));
        let signature = |s: &Signature| match s {
            Signature::Image(_) => t("mail.signature.image"),
            Signature::Handwritten => t("mail.signature.handwritten"),
            Signature::Digital => t("mail.signature.digital"),
        };
        let company: String = form
            .company
            .ragione_sociale()
            .chars()
            .take(MAX_NAME_CHARS)
            .collect();
        let files: Vec<String> = DOCS
            .iter()
            .map(|d| format!("- {}", d.file_name(form)))
            .collect();
        let values = [
            ("company", company),
            ("partita_iva", form.company.partita_iva().to_string()),
            (
                "tier",
                content
                    .tier(&form.tier)
                    .map_or(form.tier.clone(), |tier| tier.name.get(lang).clone()),
            ),
            ("activations", form.activations.to_string()),
            ("form_signature", signature(&form.form_signing.signature)),
            ("form_date", form.form_signing.date.italian()),
            (
                "conditions_signature",
                signature(&form.conditions_signing.signature),
            ),
            ("conditions_date", form.conditions_signing.date.italian()),
            ("files", files.join("\n")),
        ];
        Mail {
            to: content.site.vendor.pec.clone(),
            subject: fill(&t("mail.subject"), &values),
            body: fill(&t("mail.body"), &values),
        }
    }

    /// Oripan's invitation to a customer of its list, with the customer's
    /// prepared link ([`crate::link`]): to the customer's e-mail, else its
    /// PEC. The wording is `assets/content/invitation.json`, which only
    /// the office's command reads ([`Invitation`]).
    pub fn invitation(
        company: &CompanyDraft,
        link: &str,
        wording: &Invitation,
        content: &Content,
    ) -> Mail {
        let name: String = company
            .ragione_sociale
            .trim()
            .chars()
            .take(MAX_NAME_CHARS)
            .collect();
        let values = [("company", name), ("link", link.to_string())];
        let to = if company.email.trim().is_empty() {
            &company.pec
        } else {
            &company.email
        };
        Mail {
            to: to.trim().to_string(),
            subject: fill(&content.site.fill(&wording.subject), &values),
            body: fill(&content.site.fill(&wording.body), &values),
        }
    }

    /// The `mailto:` URL of the message (RFC 6068): every part
    /// percent-encoded as UTF-8, line breaks as `%0D%0A`.
    pub fn mailto(&self) -> String {
        format!(
            "mailto:{}?subject={}&body={}",
            encode(&self.to, "@", "%20"),
            encode(&self.subject, "", "%20"),
            encode(&self.body, "", "%0D%0A")
        )
    }
}

/// Puts each `{name}` of `values` into `template`, in one pass: a value
/// that itself holds `{…}` (a company called "{files}") stays as typed.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_brace) = rest.split_at(open);
        out.push_str(before);
        let value = from_brace.find('}').and_then(|close| {
            let name = from_brace.get(1..close)?;
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((close, value))
        });
        let skip = match value {
            Some((close, value)) => {
                out.push_str(value);
                close + 1
            }
            None => {
                out.push('{');
                1
            }
        };
        rest = from_brace.get(skip..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Percent-encodes `text` as RFC 6068 asks of a `mailto:` URL's parts:
/// every byte of its UTF-8 but letters, digits, `-._~` and those in `keep`.
/// A space is `%20`, never `+` (which RFC 6068 reads as a plus); a line
/// break (`\n`, `\r\n` or `\r`) is `newline`.
fn encode(text: &str, keep: &str, newline: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            b'\r' | b'\n' => out.push_str(newline),
            _ if b.is_ascii_alphanumeric()
                || b"-._~".contains(&b)
                || keep.as_bytes().contains(&b) =>
            {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_as_rfc_6068_asks() {
        assert_eq!(
            encode("Caffè & Più? #1 + 50%", "", "%20"),
            "Caff%C3%A8%20%26%20Pi%C3%B9%3F%20%231%20%2B%2050%25"
        );
        assert_eq!(
            encode("a\nb\r\nc\rd", "", "%0D%0A"),
            "a%0D%0Ab%0D%0Ac%0D%0Ad"
        );
        assert_eq!(encode("x@pec.it", "@", "%20"), "x@pec.it");
        assert_eq!(encode("x@pec.it", "", "%20"), "x%40pec.it");
    }

    #[test]
    fn fills_placeholders_once_and_leaves_unknown_ones() {
        let values = [("a", "{b}".to_string()), ("b", "B".to_string())];
        assert_eq!(fill("{a}-{b}-{c}-{", &values), "{b}-B-{c}-{");
        assert_eq!(fill("àè{b}ì}", &values), "àèBì}");
    }
}
