//! One returned contract as a row for the back office's records: the fields
//! of the draft attached to a PDF that a clerk types into a CRM, and the
//! SHA-256 of the attached bytes, which names that data exactly.
//!
//! Values are the draft's, normalised as the PDF printed them where the
//! domain can parse them (a Partita IVA without spaces, a provincia in
//! capitals, a blank company codice fiscale as the Partita IVA); a value the
//! domain no longer accepts is kept as typed, trimmed, so a row never fails
//! because a rule changed after the PDF was made.

use rinnovo_core::domain::draft::{Draft, SigningDraft, StoredDraft};
use rinnovo_core::domain::ids::{
    Cap, CodiceFiscale, CompanyCodiceFiscale, Date, Email, PartitaIva, Phone, Provincia, SdiCode,
};
use rinnovo_documents::ImportError;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// One contract. The field names are the CSV's header and the JSON's keys
/// (README, "The PDFs"); their order is the columns' order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The PDF's path as given or found.
    pub file: String,
    /// SHA-256 of the attached `rinnovo-dati.json`, as its bytes are, in
    /// lower-case hex.
    pub dati_sha256: String,
    pub ragione_sociale: String,
    pub partita_iva: String,
    pub codice_fiscale: String,
    pub indirizzo: String,
    pub cap: String,
    pub comune: String,
    pub provincia: String,
    pub email: String,
    pub pec: String,
    pub sdi: String,
    pub telefono: String,
    pub codice_cliente: String,
    pub rappresentante_nome: String,
    pub rappresentante_cognome: String,
    pub rappresentante_codice_fiscale: String,
    pub attivazioni: String,
    /// The support tier's id in the content (`a_chiamata`, `sla1`, ...).
    pub assistenza: String,
    pub modulo_firmatario: String,
    pub modulo_luogo: String,
    /// `YYYY-MM-DD`.
    pub modulo_data: String,
    /// `drawn`, `typed`, `uploaded`, `handwritten` or `digital`.
    pub modulo_firma: String,
    /// `uploaded` or `by_hand`.
    pub modulo_timbro: String,
    pub condizioni_firmatario: String,
    pub condizioni_luogo: String,
    pub condizioni_data: String,
    pub condizioni_firma: String,
    pub condizioni_timbro: String,
    /// The method of the specific approval's signature (artt. 1341-1342
    /// c.c.), given with the conditions' place and date.
    pub clausole_firma: String,
}

/// The columns, in order: the CSV's header.
pub const COLUMNS: [&str; 30] = [
    "file",
    "dati_sha256",
    "ragione_sociale",
    "partita_iva",
    "codice_fiscale",
    "indirizzo",
    "cap",
    "comune",
    "provincia",
    "email",
    "pec",
    "sdi",
    "telefono",
    "codice_cliente",
    "rappresentante_nome",
    "rappresentante_cognome",
    "rappresentante_codice_fiscale",
    "attivazioni",
    "assistenza",
    "modulo_firmatario",
    "modulo_luogo",
    "modulo_data",
    "modulo_firma",
    "modulo_timbro",
    "condizioni_firmatario",
    "condizioni_luogo",
    "condizioni_data",
    "condizioni_firma",
    "condizioni_timbro",
    "clausole_firma",
];

impl Record {
    /// The values in the order of [`COLUMNS`].
    pub fn values(&self) -> [&str; 30] {
        [
            &self.file,
            &self.dati_sha256,
            &self.ragione_sociale,
            &self.partita_iva,
            &self.codice_fiscale,
            &self.indirizzo,
            &self.cap,
            &self.comune,
            &self.provincia,
            &self.email,
            &self.pec,
            &self.sdi,
            &self.telefono,
            &self.codice_cliente,
            &self.rappresentante_nome,
            &self.rappresentante_cognome,
            &self.rappresentante_codice_fiscale,
            &self.attivazioni,
            &self.assistenza,
            &self.modulo_firmatario,
            &self.modulo_luogo,
            &self.modulo_data,
            &self.modulo_firma,
            &self.modulo_timbro,
            &self.condizioni_firmatario,
            &self.condizioni_luogo,
            &self.condizioni_data,
            &self.condizioni_firma,
            &self.condizioni_timbro,
            &self.clausole_firma,
        ]
    }
}

/// Reads a PDF's attached draft into a record. `file` is what the row
/// names the PDF by; `province` is the content's list of provincia siglas.
pub fn read(file: &str, pdf: &[u8], province: &[String]) -> Result<Record, ImportError> {
    let json = rinnovo_documents::extract_json(pdf)?;
    let stored = StoredDraft::from_json(&json)?;
    Ok(from_draft(file, json.as_bytes(), &stored.draft, province))
}

/// The record of a draft whose attached bytes are `data`.
pub fn from_draft(file: &str, data: &[u8], draft: &Draft, province: &[String]) -> Record {
    let c = &draft.company;
    let form = &draft.form_signing;
    // "Use the form's stamp and signature": the conditions were signed with
    // them, so their columns repeat them.
    let cond = if draft.conditions.reuse_form_signing {
        form
    } else {
        &draft.conditions.signing
    };
    let partita_iva = or_typed(
        PartitaIva::parse(&c.partita_iva).map(|p| p.as_str().to_string()),
        &c.partita_iva,
    );
    let codice_fiscale = if c.codice_fiscale.trim().is_empty() {
        partita_iva.clone()
    } else {
        or_typed(
            CompanyCodiceFiscale::parse(&c.codice_fiscale).map(|p| p.as_str().to_string()),
            &c.codice_fiscale,
        )
    };
    let (form_place, form_date) = place_and_date(form);
    let (cond_place, cond_date) = place_and_date(cond);
    Record {
        file: file.to_string(),
        dati_sha256: sha256_hex(data),
        ragione_sociale: c.ragione_sociale.trim().to_string(),
        partita_iva,
        codice_fiscale,
        indirizzo: c.indirizzo.trim().to_string(),
        cap: or_typed(Cap::parse(&c.cap).map(|v| v.as_str().to_string()), &c.cap),
        comune: c.comune.trim().to_string(),
        provincia: or_typed(
            Provincia::parse(&c.provincia, province).map(|v| v.as_str().to_string()),
            &c.provincia,
        ),
        email: or_typed(
            Email::parse(&c.email).map(|v| v.as_str().to_string()),
            &c.email,
        ),
        pec: if c.pec.trim().is_empty() {
            String::new()
        } else {
            or_typed(Email::parse(&c.pec).map(|v| v.as_str().to_string()), &c.pec)
        },
        sdi: or_typed(
            SdiCode::parse(&c.sdi).map(|v| v.map(|s| s.as_str().to_string()).unwrap_or_default()),
            &c.sdi,
        ),
        telefono: or_typed(
            Phone::parse(&c.telefono).map(|v| v.as_str().to_string()),
            &c.telefono,
        ),
        codice_cliente: c.codice_cliente.trim().to_string(),
        rappresentante_nome: c.rappr_nome.trim().to_string(),
        rappresentante_cognome: c.rappr_cognome.trim().to_string(),
        rappresentante_codice_fiscale: or_typed(
            CodiceFiscale::parse(&c.rappr_cf).map(|v| v.as_str().to_string()),
            &c.rappr_cf,
        ),
        attivazioni: draft.activations.trim().to_string(),
        assistenza: draft.tier.trim().to_string(),
        modulo_firmatario: form.signer.trim().to_string(),
        modulo_luogo: form_place,
        modulo_data: form_date,
        modulo_firma: form.signature.method.id().to_string(),
        modulo_timbro: form.stamp.method.id().to_string(),
        condizioni_firmatario: cond.signer.trim().to_string(),
        condizioni_luogo: cond_place,
        condizioni_data: cond_date,
        condizioni_firma: cond.signature.method.id().to_string(),
        condizioni_timbro: cond.stamp.method.id().to_string(),
        clausole_firma: draft.conditions.onerous_signature.method.id().to_string(),
    }
}

fn place_and_date(s: &SigningDraft) -> (String, String) {
    (
        s.place.trim().to_string(),
        or_typed(Date::parse(&s.date).map(|d| d.iso()), &s.date),
    )
}

/// The parsed value, or what was typed, trimmed.
fn or_typed<E>(parsed: Result<String, E>, typed: &str) -> String {
    parsed.unwrap_or_else(|_| typed.trim().to_string())
}

/// Lower-case hex of the SHA-256 (FIPS 180-4) of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(data)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_fips_180_test_vector() {
        // FIPS 180-2, appendix B.1: "abc".
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn values_follow_the_columns() {
        let mut d = Draft::default();
        d.company.ragione_sociale = " Caffè Città S.r.l. ".into();
        d.company.partita_iva = "011 146 010 06".into();
        d.company.provincia = "fc".into();
        d.company.sdi = "m5uxcr1".into();
        d.company.pec = "  ".into();
        d.activations = "12".into();
        d.form_signing.place = "Forlì".into();
        d.form_signing.date = "2026-01-25".into();
        d.conditions.reuse_form_signing = true;
        let r = from_draft("a.pdf", b"abc", &d, &["FC".to_string()]);
        let cells: Vec<(&str, &str)> = COLUMNS.into_iter().zip(r.values()).collect();
        let get = |k: &str| cells.iter().find(|(c, _)| *c == k).map(|(_, v)| *v);
        assert_eq!(get("ragione_sociale"), Some("Caffè Città S.r.l."));
        assert_eq!(get("partita_iva"), Some("01114601006"));
        // A blank company codice fiscale is the Partita IVA.
        assert_eq!(get("codice_fiscale"), Some("01114601006"));
        assert_eq!(get("provincia"), Some("FC"));
        assert_eq!(get("sdi"), Some("M5UXCR1"));
        assert_eq!(get("pec"), Some(""));
        assert_eq!(get("condizioni_luogo"), Some("Forlì"));
        assert_eq!(get("condizioni_data"), Some("2026-01-25"));
        assert_eq!(get("clausole_firma"), Some("drawn"));
        // Serialised with the same keys, in the same order.
        let json = serde_json::to_string(&r).unwrap();
        let at: Vec<usize> = COLUMNS
            .iter()
            .map(|k| json.find(&format!("\"{k}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
        assert_eq!(json.matches("\":").count(), COLUMNS.len());
    }

    #[test]
    fn a_value_the_rules_refuse_is_kept_as_typed() {
        let mut d = Draft::default();
        d.company.partita_iva = " 12345678901 ".into(); // wrong check digit
        d.company.provincia = "ZZ".into();
        d.form_signing.date = "25/01/2026".into();
        let r = from_draft("a.pdf", b"", &d, &["FC".to_string()]);
        assert_eq!(r.partita_iva, "12345678901");
        assert_eq!(r.provincia, "ZZ");
        assert_eq!(r.modulo_data, "25/01/2026");
    }
}
