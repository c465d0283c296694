//! Validation: a [`Draft`] becomes a [`ValidForm`] of typed values, or a list
//! of [`FieldError`]s each naming its field and what is wrong. The PDF code
//! accepts only a `ValidForm`, so an invalid PDF cannot be produced.

use super::draft::{Draft, SignatureDraft, SignatureMethod, SigningDraft, StampMethod};
use super::ids::*;
use super::image::{ImageError, PngImage};

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

macro_rules! fields {
    ($($variant:ident => $id:literal, $step:ident;)+) => {
        /// Every field of the form that can be wrong.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FieldId { $($variant),+ }
        impl FieldId {
            pub const ALL: &'static [FieldId] = &[$(FieldId::$variant),+];
            /// The DOM id of the field's input, also the suffix of its label key
            /// (`field.<id>`).
            pub fn id(self) -> &'static str {
                match self { $(FieldId::$variant => $id),+ }
            }
            pub fn step(self) -> Step {
                match self { $(FieldId::$variant => Step::$step),+ }
            }
        }
    };
}

fields! {
    RagioneSociale => "ragione_sociale", Company;
    PartitaIva => "partita_iva", Company;
    CodiceFiscale => "codice_fiscale", Company;
    Indirizzo => "indirizzo", Company;
    Cap => "cap", Company;
    Comune => "comune", Company;
    Provincia => "provincia", Company;
    Email => "email", Company;
    Pec => "pec", Company;
    Sdi => "sdi", Company;
    Telefono => "telefono", Company;
    CodiceCliente => "codice_cliente", Company;
    RapprNome => "rappr_nome", Company;
    RapprCognome => "rappr_cognome", Company;
    RapprCf => "rappr_cf", Company;
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

/// What is wrong with a field. As with the identifiers' errors, `Display`
/// is English for developers; users read the text [`ErrorKind::key`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ErrorKind {
    #[error("the field is required")]
    Required,
    #[error("the text is longer than {MAX_TEXT_CHARS} characters")]
    TooLong,
    #[error(transparent)]
    PartitaIva(#[from] PartitaIvaError),
    #[error(transparent)]
    CodiceFiscale(#[from] CodiceFiscaleError),
    #[error(transparent)]
    Cap(#[from] CapError),
    #[error(transparent)]
    Provincia(#[from] ProvinciaError),
    #[error(transparent)]
    Email(#[from] EmailError),
    #[error(transparent)]
    Sdi(#[from] SdiError),
    /// Neither a valid PEC nor a non-zero SDI code.
    #[error("neither a PEC address nor an SDI code is given")]
    PecOrSdiRequired,
    #[error(transparent)]
    Phone(#[from] PhoneError),
    #[error(transparent)]
    Activations(#[from] ActivationsError),
    #[error(transparent)]
    Date(#[from] DateError),
    #[error("not a support tier of the offer")]
    UnknownTier,
    #[error("must be accepted")]
    MustAccept,
    #[error("the signature is missing")]
    SignatureMissing,
    #[error("the stamp is missing")]
    StampMissing,
    #[error(transparent)]
    Image(#[from] ImageError),
}

impl ErrorKind {
    /// The key of the message in the content files. Messages may use
    /// `{min}`, `{max}` and `{limit}`.
    pub fn key(self) -> &'static str {
        match self {
            ErrorKind::Required => "error.required",
            ErrorKind::TooLong => "error.too_long",
            ErrorKind::PartitaIva(e) => e.key(),
            ErrorKind::CodiceFiscale(e) => e.key(),
            ErrorKind::Cap(e) => e.key(),
            ErrorKind::Provincia(e) => e.key(),
            ErrorKind::Email(e) => e.key(),
            ErrorKind::Sdi(e) => e.key(),
            ErrorKind::PecOrSdiRequired => "error.pec_or_sdi",
            ErrorKind::Phone(e) => e.key(),
            ErrorKind::Activations(e) => e.key(),
            ErrorKind::Date(e) => e.key(),
            ErrorKind::UnknownTier => "error.tier.required",
            ErrorKind::MustAccept => "error.must_accept",
            ErrorKind::SignatureMissing => "error.signature.missing",
            ErrorKind::StampMissing => "error.stamp.missing",
            ErrorKind::Image(e) => e.key(),
        }
    }

    /// Every message key validation can produce, for the content tests.
    pub fn all_keys() -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = [
            ErrorKind::Required,
            ErrorKind::TooLong,
            ErrorKind::PecOrSdiRequired,
            ErrorKind::UnknownTier,
            ErrorKind::MustAccept,
            ErrorKind::SignatureMissing,
            ErrorKind::StampMissing,
        ]
        .iter()
        .map(|k| k.key())
        .collect();
        keys.extend(PartitaIvaError::ALL.iter().map(|e| e.key()));
        keys.extend(CodiceFiscaleError::ALL.iter().map(|e| e.key()));
        keys.extend(CapError::ALL.iter().map(|e| e.key()));
        keys.extend(ProvinciaError::ALL.iter().map(|e| e.key()));
        keys.extend(EmailError::ALL.iter().map(|e| e.key()));
        keys.extend(SdiError::ALL.iter().map(|e| e.key()));
        keys.extend(PhoneError::ALL.iter().map(|e| e.key()));
        keys.extend(ActivationsError::ALL.iter().map(|e| e.key()));
        keys.extend(DateError::ALL.iter().map(|e| e.key()));
        keys.extend(ImageError::ALL.iter().map(|e| e.key()));
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

/// One field that is wrong, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{}: {kind}", .field.id())]
pub struct FieldError {
    pub field: FieldId,
    pub kind: ErrorKind,
}

/// The longest free text accepted in a field (names, addresses).
pub const MAX_TEXT_CHARS: usize = 200;

/// What validation needs from content.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    pub activations: ActivationBounds,
    pub province: &'a [&'a str],
    pub tier_ids: &'a [&'a str],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub first_name: String,
    pub last_name: String,
    pub codice_fiscale: CodiceFiscale,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub ragione_sociale: String,
    pub partita_iva: PartitaIva,
    pub codice_fiscale: CompanyCodiceFiscale,
    pub indirizzo: String,
    pub cap: Cap,
    pub comune: String,
    pub provincia: Provincia,
    pub email: Email,
    pub pec: Option<Email>,
    pub sdi: Option<SdiCode>,
    pub telefono: Phone,
    pub codice_cliente: Option<String>,
    pub legal_rep: Person,
}

/// A signature ready to be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signature {
    /// Drawn, uploaded, or typed and rendered: an image of the ink.
    Image(PngImage),
    /// Left blank, to be signed by hand on paper.
    Handwritten,
    /// Left for a qualified digital signature in an empty `/Sig` field.
    Digital,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stamp {
    Image(PngImage),
    ByHand,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signing {
    pub signer: String,
    pub place: String,
    pub date: Date,
    pub signature: Signature,
    pub stamp: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidForm {
    pub company: Company,
    pub activations: Activations,
    /// The id of a tier of the content.
    pub tier: String,
    pub form_signing: Signing,
    /// The conditions' stamp and signature (the form's when reused).
    pub conditions_signing: Signing,
    /// The signature approving the onerous clauses (artt. 1341-1342 c.c.).
    pub onerous_signature: Signature,
}

/// Collects errors while parsing fields one by one.
struct Check {
    errors: Vec<FieldError>,
}

impl Check {
    fn field<T, E>(
        &mut self,
        field: FieldId,
        r: Result<T, E>,
        kind: fn(E) -> ErrorKind,
    ) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push(FieldError {
                    field,
                    kind: kind(e),
                });
                None
            }
        }
    }

    fn text(&mut self, field: FieldId, raw: &str) -> Option<String> {
        let t = raw.trim();
        if t.is_empty() {
            self.errors.push(FieldError {
                field,
                kind: ErrorKind::Required,
            });
            None
        } else if t.chars().count() > MAX_TEXT_CHARS {
            self.errors.push(FieldError {
                field,
                kind: ErrorKind::TooLong,
            });
            None
        } else {
            Some(t.to_string())
        }
    }

    fn optional_text(&mut self, field: FieldId, raw: &str) -> Option<Option<String>> {
        if raw.trim().is_empty() {
            Some(None)
        } else {
            self.text(field, raw).map(Some)
        }
    }

    fn signature(&mut self, field: FieldId, s: &SignatureDraft) -> Option<Signature> {
        let png = match s.method {
            SignatureMethod::Handwritten => return Some(Signature::Handwritten),
            SignatureMethod::Digital => return Some(Signature::Digital),
            SignatureMethod::Drawn => &s.drawn_png,
            SignatureMethod::Uploaded => &s.uploaded_png,
            SignatureMethod::Typed => {
                if s.typed.trim().is_empty() {
                    self.errors.push(FieldError {
                        field,
                        kind: ErrorKind::SignatureMissing,
                    });
                    return None;
                }
                &s.typed_png
            }
        };
        if png.is_empty() {
            self.errors.push(FieldError {
                field,
                kind: ErrorKind::SignatureMissing,
            });
            return None;
        }
        self.field(
            field,
            PngImage::from_data_url_remembered(png),
            ErrorKind::Image,
        )
        .map(Signature::Image)
    }

    fn signing(&mut self, s: &SigningDraft, f: [FieldId; 5]) -> Option<Signing> {
        let [signer, place, date, signature, stamp] = f;
        let signer = self.text(signer, &s.signer);
        let place = self.text(place, &s.place);
        let date = self.field(date, Date::parse(&s.date), ErrorKind::Date);
        let signature = self.signature(signature, &s.signature);
        let stamp = match s.stamp.method {
            StampMethod::ByHand => Some(Stamp::ByHand),
            StampMethod::Uploaded if s.stamp.png.is_empty() => {
                self.errors.push(FieldError {
                    field: stamp,
                    kind: ErrorKind::StampMissing,
                });
                None
            }
            StampMethod::Uploaded => self
                .field(
                    stamp,
                    PngImage::from_data_url_remembered(&s.stamp.png),
                    ErrorKind::Image,
                )
                .map(Stamp::Image),
        };
        Some(Signing {
            signer: signer?,
            place: place?,
            date: date?,
            signature: signature?,
            stamp: stamp?,
        })
    }
}

const FORM_SIGNING: [FieldId; 5] = [
    FieldId::FormSigner,
    FieldId::FormPlace,
    FieldId::FormDate,
    FieldId::FormSignature,
    FieldId::FormStamp,
];
const CONDITIONS_SIGNING: [FieldId; 5] = [
    FieldId::ConditionsSigner,
    FieldId::ConditionsPlace,
    FieldId::ConditionsDate,
    FieldId::ConditionsSignature,
    FieldId::ConditionsStamp,
];

/// Validates the whole draft. Errors come in the order of the fields.
pub fn validate(draft: &Draft, rules: &Rules) -> Result<ValidForm, Vec<FieldError>> {
    use FieldId as F;
    let mut c = Check { errors: Vec::new() };
    let d = &draft.company;

    let ragione_sociale = c.text(F::RagioneSociale, &d.ragione_sociale);
    let partita_iva = c.field(
        F::PartitaIva,
        PartitaIva::parse(&d.partita_iva),
        ErrorKind::PartitaIva,
    );
    let codice_fiscale = if d.codice_fiscale.trim().is_empty() {
        // The company's codice fiscale defaults to its Partita IVA.
        partita_iva.clone().map(CompanyCodiceFiscale::Numeric)
    } else {
        c.field(
            F::CodiceFiscale,
            CompanyCodiceFiscale::parse(&d.codice_fiscale),
            ErrorKind::CodiceFiscale,
        )
    };
    let indirizzo = c.text(F::Indirizzo, &d.indirizzo);
    let cap = c.field(F::Cap, Cap::parse(&d.cap), ErrorKind::Cap);
    let comune = c.text(F::Comune, &d.comune);
    let provincia = c.field(
        F::Provincia,
        Provincia::parse(&d.provincia, rules.province),
        ErrorKind::Provincia,
    );
    let email = c.field(F::Email, Email::parse(&d.email), ErrorKind::Email);
    let pec = if d.pec.trim().is_empty() {
        Some(None)
    } else {
        c.field(F::Pec, Email::parse(&d.pec), ErrorKind::Email)
            .map(Some)
    };
    let sdi = c.field(F::Sdi, SdiCode::parse(&d.sdi), ErrorKind::Sdi);
    if let (Some(None), Some(None)) = (&pec, &sdi) {
        c.errors.push(FieldError {
            field: F::Pec,
            kind: ErrorKind::PecOrSdiRequired,
        });
    }
    let telefono = c.field(F::Telefono, Phone::parse(&d.telefono), ErrorKind::Phone);
    let codice_cliente = c.optional_text(F::CodiceCliente, &d.codice_cliente);
    let first_name = c.text(F::RapprNome, &d.rappr_nome);
    let last_name = c.text(F::RapprCognome, &d.rappr_cognome);
    let rappr_cf = c.field(
        F::RapprCf,
        CodiceFiscale::parse(&d.rappr_cf),
        ErrorKind::CodiceFiscale,
    );

    let activations = c.field(
        F::Activations,
        Activations::parse(&draft.activations, rules.activations),
        ErrorKind::Activations,
    );
    let tier = if rules.tier_ids.contains(&draft.tier.as_str()) {
        Some(draft.tier.clone())
    } else {
        c.errors.push(FieldError {
            field: F::Tier,
            kind: ErrorKind::UnknownTier,
        });
        None
    };

    let form_signing = c.signing(&draft.form_signing, FORM_SIGNING);

    let cond = &draft.conditions;
    if !cond.accepted {
        c.errors.push(FieldError {
            field: F::ConditionsAccepted,
            kind: ErrorKind::MustAccept,
        });
    }
    let conditions_signing = if cond.reuse_form_signing {
        form_signing.clone()
    } else {
        c.signing(&cond.signing, CONDITIONS_SIGNING)
    };
    if !cond.onerous_approved {
        c.errors.push(FieldError {
            field: F::OnerousApproved,
            kind: ErrorKind::MustAccept,
        });
    }
    let onerous_signature = c.signature(F::OnerousSignature, &cond.onerous_signature);

    if !c.errors.is_empty() {
        c.errors.sort_by_key(|e| e.field);
        return Err(c.errors);
    }
    // With no errors every part is present; the `?`s below cannot fail, but
    // stay total rather than unwrap.
    let missing = || {
        vec![FieldError {
            field: F::RagioneSociale,
            kind: ErrorKind::Required,
        }]
    };
    let company = (|| {
        Some(Company {
            ragione_sociale: ragione_sociale?,
            partita_iva: partita_iva?,
            codice_fiscale: codice_fiscale?,
            indirizzo: indirizzo?,
            cap: cap?,
            comune: comune?,
            provincia: provincia?,
            email: email?,
            pec: pec?,
            sdi: sdi?,
            telefono: telefono?,
            codice_cliente: codice_cliente?,
            legal_rep: Person {
                first_name: first_name?,
                last_name: last_name?,
                codice_fiscale: rappr_cf?,
            },
        })
    })()
    .ok_or_else(missing)?;
    Ok(ValidForm {
        company,
        activations: activations.ok_or_else(missing)?,
        tier: tier.ok_or_else(missing)?,
        form_signing: form_signing.clone().ok_or_else(missing)?,
        conditions_signing: conditions_signing.ok_or_else(missing)?,
        onerous_signature: onerous_signature.ok_or_else(missing)?,
    })
}

/// The errors of one step only, for the "continue" button of that step.
pub fn step_errors(errors: &[FieldError], step: Step) -> Vec<FieldError> {
    errors
        .iter()
        .copied()
        .filter(|e| e.field.step() == step)
        .collect()
}
