//! What the PDFs' text font can print, checked on the validated form so the
//! page can say so before it asks the worker for a PDF.

use crate::domain::form::{FieldId, ValidForm};

/// The fields whose values the PDF fonts cannot print, with the characters,
/// so the app can say so before generating.
pub fn unprintable(form: &ValidForm) -> Vec<(FieldId, Vec<char>)> {
    let c = &form.company;
    let mut texts: Vec<(FieldId, &str)> = vec![
        (FieldId::RagioneSociale, &c.ragione_sociale),
        (FieldId::Indirizzo, &c.indirizzo),
        (FieldId::Comune, &c.comune),
        (FieldId::Email, c.email.as_str()),
        (FieldId::Telefono, c.telefono.as_str()),
        (FieldId::RapprNome, &c.legal_rep.first_name),
        (FieldId::RapprCognome, &c.legal_rep.last_name),
        (FieldId::FormSigner, &form.form_signing.signer),
        (FieldId::FormPlace, &form.form_signing.place),
        (FieldId::ConditionsSigner, &form.conditions_signing.signer),
        (FieldId::ConditionsPlace, &form.conditions_signing.place),
    ];
    if let Some(pec) = &c.pec {
        texts.push((FieldId::Pec, pec.as_str()));
    }
    if let Some(code) = &c.codice_cliente {
        texts.push((FieldId::CodiceCliente, code));
    }
    texts
        .into_iter()
        .filter_map(|(id, t)| {
            let bad = winansi::unprintable_chars(t);
            (!bad.is_empty()).then_some((id, bad))
        })
        .collect()
}
