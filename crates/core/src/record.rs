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
use crate::domain::fields::COMPANY;
use crate::domain::form::printed;
use crate::domain::ids::Date;

/// The columns after the company's (whose names are in the field table,
/// [`COMPANY`]).
const OTHER_COLUMNS: [&str; 13] = [
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

/// How many of the field table's company fields the first paper format
/// had. A row holds them first, then the [`OTHER_COLUMNS`], then any company
/// field added to the table since: a QR code printed before a field existed
/// still reads, its new columns empty.
const FIRST_COMPANY_COLUMNS: usize = 15;

/// How many values a [`Row`] has.
pub const ROW_LEN: usize = COMPANY.len() + OTHER_COLUMNS.len();

/// The columns of a [`Row`], in order: the names of the back office's CSV
/// header and JSON keys (`docs/back-office.md`): the company's first
/// fields, the other columns, then the company's later fields, each in the
/// field table's order.
pub const ROW_COLUMNS: [&str; ROW_LEN] = columns();

// Evaluated at compile time: an index out of bounds fails the build, never
// a run.
#[allow(clippy::indexing_slicing)]
const fn columns() -> [&'static str; ROW_LEN] {
    let mut c = [""; ROW_LEN];
    let mut i = 0;
    while i < ROW_LEN {
        c[i] = if i < FIRST_COMPANY_COLUMNS {
            COMPANY[i].column
        } else if i < FIRST_COMPANY_COLUMNS + OTHER_COLUMNS.len() {
            OTHER_COLUMNS[i - FIRST_COMPANY_COLUMNS]
        } else {
            COMPANY[i - OTHER_COLUMNS.len()].column
        };
        i += 1;
    }
    c
}

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
        let form = &draft.form_signing;
        // "Use the form's stamp and signature": the conditions were signed
        // with them, so their columns repeat them.
        let cond = if draft.conditions.reuse_form_signing {
            form
        } else {
            &draft.conditions.signing
        };
        let (form_place, form_date) = place_and_date(form);
        let (cond_place, cond_date) = place_and_date(cond);
        let company = COMPANY.iter().map(|f| {
            printed(f, &draft.company, province)
                .unwrap_or_else(|_| draft.company.value(f.id).trim().to_string())
        });
        let others = [
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
        ];
        let mut company = company.collect::<Vec<_>>();
        let later = company.split_off(FIRST_COMPANY_COLUMNS.min(company.len()));
        let mut values: [String; ROW_LEN] = Default::default();
        for (slot, value) in values
            .iter_mut()
            .zip(company.into_iter().chain(others).chain(later))
        {
            *slot = value;
        }
        Row { values }
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
