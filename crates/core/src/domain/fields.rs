//! The form's fields, each declared once, in the one table below (the
//! `form_fields!` invocation): its id (the draft's key, the page's DOM id
//! and the suffix of its label's key `field.<id>`), the step it is on, and
//! for the company's fields the PDF field it fills, the back office's
//! column, what kind of value it holds (and so how it is checked and
//! printed), and how the page asks for it.
//!
//! Driven from the table: the draft's [`CompanyDraft`] and its order of
//! values ([`super::draft::Draft`]'s messages to the worker), validation
//! ([`super::form::validate`]), the printable check, the review, the
//! company step's inputs, the PDF's values and the back office's row. How
//! to add a field: `docs/adding-a-field.md`.
//!
//! The table's order of the company's fields is also the order of the
//! back office's columns and of the values in the QR code printed on every
//! paper return: printed forms live for years, so a new field goes at the
//! end of its part of the table, never in the middle.

use serde::{Deserialize, Serialize};

/// The steps of the renewal that hold fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Company,
    Activations,
    Support,
    FormSigning,
    Conditions,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Company,
        Step::Activations,
        Step::Support,
        Step::FormSigning,
        Step::Conditions,
    ];
}

/// What a company field holds: how it is checked, and how the PDF and the
/// back office print it (the identifiers in their canonical form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text, required, trimmed, at most `form::MAX_TEXT_CHARS`.
    Text,
    /// Free text that may be left blank.
    OptionalText,
    PartitaIva,
    /// A company's codice fiscale; blank is the Partita IVA (the one place
    /// this rule is written is [`CompanyDraft::value`]).
    CompanyCodiceFiscale,
    Cap,
    /// A sigla of the content's provinces.
    Provincia,
    Email,
    /// An e-mail address that may be blank; then the SDI code is required.
    Pec,
    /// The SDI code, which may be blank (then the PEC is required).
    Sdi,
    Phone,
    /// A person's codice fiscale.
    CodiceFiscale,
}

impl Kind {
    /// Whether the user may leave it blank.
    pub fn optional(self) -> bool {
        matches!(
            self,
            Kind::OptionalText | Kind::CompanyCodiceFiscale | Kind::Pec | Kind::Sdi
        )
    }
}

/// The fieldset of the company step a field is in, with its legend's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Company,
    Contacts,
    Representative,
}

impl Group {
    /// The key of the fieldset's legend in the content.
    pub fn legend_key(self) -> &'static str {
        match self {
            Group::Company => "company.legend",
            Group::Contacts => "company.contacts_legend",
            Group::Representative => "company.rep_legend",
        }
    }
}

/// How the page asks for a company field: the attributes of its `<input>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input {
    /// `type`: `text`, `email` or `tel`.
    pub input_type: &'static str,
    pub inputmode: Option<&'static str>,
    pub autocomplete: Option<&'static str>,
    pub autocapitalize: Option<&'static str>,
    pub maxlength: Option<u32>,
    /// The id of a `<datalist>` of suggestions.
    pub list: Option<&'static str>,
    /// Shows the text `hint.<id>` under the label.
    pub hint: bool,
    /// Takes a whole row of the grid.
    pub wide: bool,
}

impl Input {
    /// A plain text input; the table sets what differs.
    pub const TEXT: Input = Input {
        input_type: "text",
        inputmode: None,
        autocomplete: None,
        autocapitalize: None,
        maxlength: None,
        list: None,
        hint: false,
        wide: false,
    };
}

/// One field of the company step, as the table declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompanyField {
    pub id: FieldId,
    /// The full name of the support form's PDF field it fills.
    pub pdf: &'static str,
    /// The back office's column (CSV header, JSON key, QR code's row).
    pub column: &'static str,
    pub kind: Kind,
    pub group: Group,
    pub input: Input,
}

/// The table. `company` lines: `Variant => draft_key, "pdf.field",
/// "column", Kind, Group, Input { .. }`; the draft key is also the DOM id
/// and the label's key `field.<draft_key>`. `other` lines: `Variant =>
/// "dom_id", Step`, the fields whose value is not one string (the steps'
/// own components and `form::validate` handle them).
macro_rules! form_fields {
    (
        company {
            $( $(#[$doc:meta])* $cv:ident => $ck:ident, $pdf:literal, $col:literal,
               $kind:ident, $group:ident, $input:expr; )+
        }
        other {
            $( $ov:ident => $oid:literal, $ostep:ident; )+
        }
    ) => {
        /// Every field of the form that can be wrong, in the form's order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FieldId { $($cv,)+ $($ov,)+ }

        impl FieldId {
            pub const ALL: &'static [FieldId] = &[$(FieldId::$cv,)+ $(FieldId::$ov,)+];

            /// The DOM id of the field's input, also the suffix of its label
            /// key (`field.<id>`); for a company field, its draft key.
            pub fn id(self) -> &'static str {
                match self {
                    $(FieldId::$cv => stringify!($ck),)+
                    $(FieldId::$ov => $oid,)+
                }
            }

            pub fn step(self) -> Step {
                match self {
                    $(FieldId::$cv => Step::Company,)+
                    $(FieldId::$ov => Step::$ostep,)+
                }
            }

            /// The full name of the PDF field a company field fills; `""`
            /// for any other field (the templates' own names are theirs).
            // The loop stays within COMPANY's length.
            #[allow(clippy::indexing_slicing)]
            pub const fn pdf_field(self) -> &'static str {
                let mut i = 0;
                while i < COMPANY.len() {
                    if COMPANY[i].id as u8 == self as u8 {
                        return COMPANY[i].pdf;
                    }
                    i += 1;
                }
                ""
            }

        }

        /// The company's fields as the user typed them. Its keys are the
        /// stored draft's (`{"company": {"ragione_sociale": ...}}`); a key
        /// missing is blank, an unknown one is ignored
        /// (its `Deserialize`, below the table).
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
        pub struct CompanyDraft { $( $(#[$doc])* pub $ck: String, )+ }

        impl CompanyDraft {
            /// The text under a stored draft's key.
            fn by_key_mut(&mut self, key: &str) -> Option<&mut String> {
                match key {
                    $(stringify!($ck) => Some(&mut self.$ck),)+
                    _ => None,
                }
            }
        }

        impl CompanyDraft {
            /// What the user typed in `field`; `None` if it is not a
            /// company field.
            pub fn typed(&self, field: FieldId) -> Option<&str> {
                match field {
                    $(FieldId::$cv => Some(&self.$ck),)+
                    _ => None,
                }
            }

            /// The text of `field`, to change it.
            pub fn typed_mut(&mut self, field: FieldId) -> Option<&mut String> {
                match field {
                    $(FieldId::$cv => Some(&mut self.$ck),)+
                    _ => None,
                }
            }
        }

        /// The company's fields, in the table's order.
        pub const COMPANY: [CompanyField; [$(stringify!($cv)),+].len()] = [
            $(CompanyField {
                id: FieldId::$cv,
                pdf: $pdf,
                column: $col,
                kind: Kind::$kind,
                group: Group::$group,
                input: $input,
            },)+
        ];
    };
}

form_fields! {
    company {
        RagioneSociale => ragione_sociale, "azienda.ragione_sociale", "ragione_sociale",
            Text, Company, Input { autocomplete: Some("organization"), wide: true, ..Input::TEXT };
        PartitaIva => partita_iva, "azienda.partita_iva", "partita_iva",
            PartitaIva, Company, Input { inputmode: Some("numeric"), hint: true, maxlength: Some(16), ..Input::TEXT };
        /// Blank means "the same as the Partita IVA".
        CodiceFiscale => codice_fiscale, "azienda.codice_fiscale", "codice_fiscale",
            CompanyCodiceFiscale, Company, Input { autocapitalize: Some("characters"), hint: true, maxlength: Some(20), ..Input::TEXT };
        Indirizzo => indirizzo, "azienda.indirizzo", "indirizzo",
            Text, Company, Input { autocomplete: Some("address-line1"), wide: true, ..Input::TEXT };
        Cap => cap, "azienda.cap", "cap",
            Cap, Company, Input { inputmode: Some("numeric"), autocomplete: Some("postal-code"), maxlength: Some(5), ..Input::TEXT };
        Comune => comune, "azienda.comune", "comune",
            Text, Company, Input { autocomplete: Some("address-level2"), ..Input::TEXT };
        Provincia => provincia, "azienda.provincia", "provincia",
            Provincia, Company, Input { autocomplete: Some("address-level1"), autocapitalize: Some("characters"), maxlength: Some(2), list: Some("province"), hint: true, ..Input::TEXT };
        Email => email, "azienda.email", "email",
            Email, Contacts, Input { input_type: "email", autocomplete: Some("email"), wide: true, ..Input::TEXT };
        Pec => pec, "azienda.pec", "pec",
            Pec, Contacts, Input { input_type: "email", hint: true, ..Input::TEXT };
        Sdi => sdi, "azienda.sdi", "sdi",
            Sdi, Contacts, Input { autocapitalize: Some("characters"), maxlength: Some(7), hint: true, ..Input::TEXT };
        Telefono => telefono, "azienda.telefono", "telefono",
            Phone, Contacts, Input { input_type: "tel", autocomplete: Some("tel"), ..Input::TEXT };
        CodiceCliente => codice_cliente, "azienda.codice_cliente", "codice_cliente",
            OptionalText, Contacts, Input { hint: true, ..Input::TEXT };
        RapprNome => rappr_nome, "rappresentante.nome", "rappresentante_nome",
            Text, Representative, Input { autocomplete: Some("given-name"), ..Input::TEXT };
        RapprCognome => rappr_cognome, "rappresentante.cognome", "rappresentante_cognome",
            Text, Representative, Input { autocomplete: Some("family-name"), ..Input::TEXT };
        RapprCf => rappr_cf, "rappresentante.codice_fiscale", "rappresentante_codice_fiscale",
            CodiceFiscale, Representative, Input { autocapitalize: Some("characters"), maxlength: Some(16), hint: true, ..Input::TEXT };
    }
    other {
        Activations => "activations", Activations;
        Tier => "tier", Support;
        FormSigner => "form_signer", FormSigning;
        FormPlace => "form_place", FormSigning;
        FormDate => "form_date", FormSigning;
        FormSignature => "form_signature", FormSigning;
        FormStamp => "form_stamp", FormSigning;
        ConditionsAccepted => "conditions_accepted", Conditions;
        ConditionsSigner => "conditions_signer", Conditions;
        ConditionsPlace => "conditions_place", Conditions;
        ConditionsDate => "conditions_date", Conditions;
        ConditionsSignature => "conditions_signature", Conditions;
        ConditionsStamp => "conditions_stamp", Conditions;
        OnerousApproved => "onerous_approved", Conditions;
        OnerousSignature => "onerous_signature", Conditions;
    }
}

/// Read as a map of keys to texts, by hand: serde's derive, with a
/// default and a duplicate check for each of the fields, was 16 KB of the
/// page's wasm; this is one loop.
impl<'de> Deserialize<'de> for CompanyDraft {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = CompanyDraft;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the company's fields")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<CompanyDraft, A::Error> {
                let mut company = CompanyDraft::default();
                while let Some(key) = map.next_key::<String>()? {
                    match company.by_key_mut(&key) {
                        Some(slot) => *slot = map.next_value()?,
                        None => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(company)
            }
        }
        d.deserialize_map(Fields)
    }
}

impl CompanyDraft {
    /// The value `field` has for the PDF, the review and the back office:
    /// what was typed, but for a blank company codice fiscale, which is the
    /// Partita IVA. `""` for a field that is not the company's.
    pub fn value(&self, field: FieldId) -> &str {
        match field {
            FieldId::CodiceFiscale if self.codice_fiscale.trim().is_empty() => &self.partita_iva,
            _ => self.typed(field).unwrap_or(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_company_reads_known_keys_blanks_missing_ones_and_skips_others() {
        let c: CompanyDraft = serde_json::from_str(
            r#"{"ragione_sociale":"Caff\u00e8","sito_web":{"a":[1]},"cap":"20121","cap":"20122"}"#,
        )
        .unwrap();
        assert_eq!(c.ragione_sociale, "Caffè");
        assert_eq!(c.cap, "20122");
        assert_eq!(c.partita_iva, "");
        let back: CompanyDraft = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
        assert!(serde_json::from_str::<CompanyDraft>(r#"{"cap":20121}"#).is_err());
        assert!(serde_json::from_str::<CompanyDraft>(r#"["a"]"#).is_err());
    }
}
