//! One renewal as the back office records it: the values of the draft that
//! a clerk types into a CRM, in a fixed order of named columns. The same
//! row comes from a digital return (the draft attached to the PDF) and from
//! a scanned paper return (the QR code printed on the first page of each
//! document), so both paths share this one derivation.
//!
//! Values are the draft's, normalised as the PDF printed them where the
//! domain can parse them (a Partita IVA without spaces, a provincia in
//! capitals, a blank company codice fiscale as the Partita IVA); a value the
//! domain no longer accepts is kept as typed, trimmed, so a row never fails
//! because a rule changed after the PDF was made.

use crate::domain::draft::{Draft, SigningDraft};
use crate::domain::ids::{
    Cap, CodiceFiscale, CompanyCodiceFiscale, Date, Email, PartitaIva, Phone, Provincia, SdiCode,
};

/// How many values a [`Row`] has.
pub const ROW_LEN: usize = 28;

/// The columns of a [`Row`], in order: the names of the back office's CSV
/// header and JSON keys (README, "The back office").
pub const ROW_COLUMNS: [&str; ROW_LEN] = [
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
    // The support tier's id in the content (`a_chiamata`, `sla1`, ...).
    "assistenza",
    "modulo_firmatario",
    "modulo_luogo",
    // `YYYY-MM-DD`.
    "modulo_data",
    // `drawn`, `typed`, `uploaded`, `handwritten` or `digital`.
    "modulo_firma",
    // `uploaded` or `by_hand`.
    "modulo_timbro",
    "condizioni_firmatario",
    "condizioni_luogo",
    "condizioni_data",
    "condizioni_firma",
    "condizioni_timbro",
    // The method of the specific approval's signature (artt. 1341-1342
    // c.c.), given with the conditions' place and date.
    "clausole_firma",
];

/// One renewal's values, in the order of [`ROW_COLUMNS`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    values: [String; ROW_LEN],
}

impl Row {
    /// A row of these values, in the order of [`ROW_COLUMNS`].
    pub fn from_values(values: [String; ROW_LEN]) -> Row {
        Row { values }
    }

    /// The values, in the order of [`ROW_COLUMNS`].
    pub fn values(&self) -> &[String; ROW_LEN] {
        &self.values
    }

    /// The value of a column, by its name.
    pub fn get(&self, column: &str) -> Option<&str> {
        ROW_COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.values.get(i))
            .map(String::as_str)
    }

    /// The row of a draft; `province` is the content's list of provincia
    /// siglas.
    pub fn from_draft<S: AsRef<str>>(draft: &Draft, province: &[S]) -> Row {
        let c = &draft.company;
        let form = &draft.form_signing;
        // "Use the form's stamp and signature": the conditions were signed
        // with them, so their columns repeat them.
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
        Row {
            values: [
                c.ragione_sociale.trim().to_string(),
                partita_iva,
                codice_fiscale,
                c.indirizzo.trim().to_string(),
                or_typed(Cap::parse(&c.cap).map(|v| v.as_str().to_string()), &c.cap),
                c.comune.trim().to_string(),
                or_typed(
                    Provincia::parse(&c.provincia, province).map(|v| v.as_str().to_string()),
                    &c.provincia,
                ),
                or_typed(
                    Email::parse(&c.email).map(|v| v.as_str().to_string()),
                    &c.email,
                ),
                if c.pec.trim().is_empty() {
                    String::new()
                } else {
                    or_typed(Email::parse(&c.pec).map(|v| v.as_str().to_string()), &c.pec)
                },
                or_typed(
                    SdiCode::parse(&c.sdi)
                        .map(|v| v.map(|s| s.as_str().to_string()).unwrap_or_default()),
                    &c.sdi,
                ),
                or_typed(
                    Phone::parse(&c.telefono).map(|v| v.as_str().to_string()),
                    &c.telefono,
                ),
                c.codice_cliente.trim().to_string(),
                c.rappr_nome.trim().to_string(),
                c.rappr_cognome.trim().to_string(),
                or_typed(
                    CodiceFiscale::parse(&c.rappr_cf).map(|v| v.as_str().to_string()),
                    &c.rappr_cf,
                ),
                draft.activations.trim().to_string(),
                draft.tier.trim().to_string(),
                form.signer.trim().to_string(),
                form_place,
                form_date,
                form.signature.method.id().to_string(),
                form.stamp.method.id().to_string(),
                cond.signer.trim().to_string(),
                cond_place,
                cond_date,
                cond.signature.method.id().to_string(),
                cond.stamp.method.id().to_string(),
                draft.conditions.onerous_signature.method.id().to_string(),
            ],
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_follow_the_columns_normalised_as_printed() {
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
        let r = Row::from_draft(&d, &["FC"]);
        assert_eq!(r.get("ragione_sociale"), Some("Caffè Città S.r.l."));
        assert_eq!(r.get("partita_iva"), Some("01114601006"));
        // A blank company codice fiscale is the Partita IVA.
        assert_eq!(r.get("codice_fiscale"), Some("01114601006"));
        assert_eq!(r.get("provincia"), Some("FC"));
        assert_eq!(r.get("sdi"), Some("M5UXCR1"));
        assert_eq!(r.get("pec"), Some(""));
        assert_eq!(r.get("condizioni_luogo"), Some("Forlì"));
        assert_eq!(r.get("condizioni_data"), Some("2026-01-25"));
        assert_eq!(r.get("clausole_firma"), Some("drawn"));
        assert_eq!(r.get("no_such_column"), None);
    }

    #[test]
    fn a_value_the_rules_refuse_is_kept_as_typed() {
        let mut d = Draft::default();
        d.company.partita_iva = " 12345678901 ".into(); // wrong check digit
        d.company.provincia = "ZZ".into();
        d.form_signing.date = "25/01/2026".into();
        let r = Row::from_draft(&d, &["FC"]);
        assert_eq!(r.get("partita_iva"), Some("12345678901"));
        assert_eq!(r.get("provincia"), Some("ZZ"));
        assert_eq!(r.get("modulo_data"), Some("25/01/2026"));
    }
}
