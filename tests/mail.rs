//! The message to the vendor's PEC that the review page prepares: its
//! `mailto:` URL decodes to the vendor's address, a subject naming the
//! company, and a body that summarises the renewal and names the very files
//! the downloads make.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files, run tools or use proptest.
#![cfg(not(target_arch = "wasm32"))]

#[path = "pdf/common.rs"]
mod common;

use common::{content, draft, validate_draft};
use rinnovo_core::content::Lang;
use rinnovo_core::domain::draft::SignatureMethod;
use rinnovo_core::jobs::Doc;
use rinnovo_core::mail::{Mail, MAX_MAILTO_CHARS};

/// The parts of a `mailto:` URL, percent-decoded: address, subject, body.
fn decode_mailto(url: &str) -> (String, String, String) {
    let rest = url.strip_prefix("mailto:").expect("a mailto: URL");
    let (to, query) = rest.split_once('?').expect("with a query");
    let mut subject = None;
    let mut body = None;
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').expect("name=value");
        match name {
            "subject" => subject = Some(percent_decode(value)),
            "body" => body = Some(percent_decode(value)),
            other => panic!("unexpected header {other}"),
        }
    }
    (percent_decode(to), subject.unwrap(), body.unwrap())
}

fn percent_decode(s: &str) -> String {
    let mut bytes = Vec::new();
    let mut it = s.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex: String = [it.next().unwrap(), it.next().unwrap()]
                .iter()
                .map(|&h| char::from(h))
                .collect();
            bytes.push(u8::from_str_radix(&hex, 16).unwrap());
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn the_pec_link_is_addressed_to_the_vendor_with_the_company_in_the_subject() {
    let c = content();
    let form = validate_draft(&c, &draft());
    let url = Mail::renewal(&form, &c, Lang::It).mailto();
    let (to, subject, _) = decode_mailto(&url);
    assert_eq!(to, "oripan@pec.oripan.it");
    assert_eq!(to, c.site.vendor.pec);
    assert_eq!(
        subject,
        "Rinnovo assistenza e manutenzione - Caffè Città S.r.l. – «Più» ’Qualità’ € - P.IVA 01114601006"
    );
}

#[test]
fn the_body_summarises_the_renewal_and_names_the_files_the_downloads_make() {
    let c = content();
    let d = draft();
    let form = validate_draft(&c, &d);
    let (_, _, body) = decode_mailto(&Mail::renewal(&form, &c, Lang::It).mailto());
    let lines: Vec<&str> = body.split("\r\n").collect();
    for line in [
        "Azienda: Caffè Città S.r.l. – «Più» ’Qualità’ €",
        "Partita IVA: 01114601006",
        "Tipo di assistenza: SLA 1",
        "Numero di attivazioni: 12",
        "Modulo di assistenza: firmato il 25/01/2026, con la firma come immagine nel PDF",
        "Condizioni generali: firmate il 25/01/2026, con la firma come immagine nel PDF",
    ] {
        assert!(lines.contains(&line), "no line {line:?} in:\n{body}");
    }
    // The names the downloads save the files under (tests/jobs.rs, and the
    // end-to-end test compares them with real downloads).
    let support_form = "Oripan_Modulo_Assistenza_Caffe_Citta_S_r_l_Piu_Qualita_2026-01-25.pdf";
    let conditions = "Oripan_Condizioni_Generali_Caffe_Citta_S_r_l_Piu_Qualita_2026-01-25.pdf";
    assert_eq!(Doc::SupportForm.file_name(&form), support_form);
    assert_eq!(Doc::Conditions.file_name(&form), conditions);
    let files = lines
        .iter()
        .position(|l| *l == "File allegati:")
        .expect("the list of files");
    assert_eq!(
        lines[files + 1..files + 3],
        [format!("- {support_form}"), format!("- {conditions}")]
    );
    assert_eq!(
        body.matches('\n').count(),
        body.matches("\r\n").count(),
        "every line break is CRLF"
    );
}

#[test]
fn the_message_follows_the_language_and_the_signature_methods() {
    let c = content();
    let mut d = draft();
    d.form_signing.signature.method = SignatureMethod::Digital;
    d.conditions.onerous_signature.method = SignatureMethod::Handwritten;
    let form = validate_draft(&c, &d);
    let mail = Mail::renewal(&form, &c, Lang::En);
    assert!(
        mail.subject
            .starts_with("Support and maintenance renewal - "),
        "{}",
        mail.subject
    );
    assert!(
        mail.body
            .contains("Support form: signed on 25/01/2026, with a digital signature (PAdES)"),
        "{}",
        mail.body
    );
    let it = Mail::renewal(&form, &c, Lang::It);
    assert!(
        it.body
            .contains("Modulo di assistenza: firmato il 25/01/2026, con firma digitale (PAdES)"),
        "{}",
        it.body
    );
}

#[test]
fn every_character_outside_the_unreserved_set_is_percent_encoded() {
    let c = content();
    let mut d = draft();
    d.company.ragione_sociale = "A&B ? #1 + 50% = \"x\" <y>".into();
    let form = validate_draft(&c, &d);
    let url = Mail::renewal(&form, &c, Lang::It).mailto();
    let query = url.split_once('?').unwrap().1;
    let bad: Vec<char> = query
        .chars()
        .filter(|ch| !(ch.is_ascii_alphanumeric() || "-._~%&=".contains(*ch)))
        .collect();
    assert!(bad.is_empty(), "unencoded {bad:?} in {query}");
    assert_eq!(
        query.matches('&').count(),
        1,
        "one & between subject and body"
    );
    assert!(query.contains("%0D%0A"), "CRLF line breaks");
    assert!(!query.contains('+'), "a space is %20, never +");
    let (_, subject, body) = decode_mailto(&url);
    assert!(subject.contains("A&B ? #1 + 50% = \"x\" <y>"), "{subject}");
    assert!(
        body.contains("Azienda: A&B ? #1 + 50% = \"x\" <y>\r\n"),
        "{body}"
    );
}

#[test]
fn braces_typed_in_the_company_name_stay_as_typed() {
    let c = content();
    let mut d = draft();
    d.company.ragione_sociale = "{files} {partita_iva} S.r.l.".into();
    let form = validate_draft(&c, &d);
    let mail = Mail::renewal(&form, &c, Lang::It);
    assert!(
        mail.body
            .contains("Azienda: {files} {partita_iva} S.r.l.\n"),
        "{}",
        mail.body
    );
}

#[test]
fn the_link_stays_short_enough_for_common_mail_clients_with_the_longest_name() {
    let c = content();
    let mut d = draft();
    // The longest name a form accepts, all letters that encode to six characters.
    d.company.ragione_sociale = "È".repeat(200);
    d.form_signing.signature.method = SignatureMethod::Handwritten;
    d.conditions.reuse_form_signing = false;
    d.conditions.signing = d.form_signing.clone();
    d.conditions.signing.signature.method = SignatureMethod::Digital;
    let form = validate_draft(&c, &d);
    for lang in Lang::ALL {
        let url = Mail::renewal(&form, &c, lang).mailto();
        assert!(
            url.chars().count() <= MAX_MAILTO_CHARS,
            "{lang:?}: {} characters",
            url.chars().count()
        );
        let (_, subject, _) = decode_mailto(&url);
        assert!(subject.contains(&"È".repeat(80)), "{subject}");
    }
    // The sample renewal is far from the limit.
    let sample = validate_draft(&c, &draft());
    let n = Mail::renewal(&sample, &c, Lang::It).mailto().len();
    assert!(n < 1500, "{n}");
}
