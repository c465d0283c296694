//! Validation: a [`Draft`] becomes a [`ValidForm`] of typed values, or a list
//! of [`FieldError`]s each naming its field and what is wrong. The PDF code
//! accepts only a `ValidForm`, so an invalid PDF cannot be produced.

use super::draft::{
    CompanyDraft, Draft, SignatureDraft, SignatureMethod, SigningDraft, StampMethod,
};
use super::fields::{CompanyField, Kind, COMPANY};
use super::ids::*;
use super::image::{ImageError, PngImage};

pub use super::fields::{FieldId, Step};

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

/// The company's values, valid, each as the PDF prints it (the
/// identifiers in their canonical form, a blank optional field as `""`), in
/// the order of the field table ([`COMPANY`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    values: [String; COMPANY.len()],
}

impl Company {
    /// The printed value of a company field; `""` for any other field.
    pub fn get(&self, field: FieldId) -> &str {
        COMPANY
            .iter()
            .position(|f| f.id == field)
            .and_then(|i| self.values.get(i))
            .map_or("", String::as_str)
    }

    /// Each company field with its printed value, in the table's order.
    pub fn fields(&self) -> impl Iterator<Item = (&'static CompanyField, &str)> {
        COMPANY.iter().zip(self.values.iter().map(String::as_str))
    }

    pub fn ragione_sociale(&self) -> &str {
        self.get(FieldId::RagioneSociale)
    }

    pub fn partita_iva(&self) -> &str {
        self.get(FieldId::PartitaIva)
    }
}

/// `field`'s value in `company` as the PDF prints it, or what is wrong
/// with it; `province` is the content's list of siglas. A blank company
/// codice fiscale is the Partita IVA ([`CompanyDraft::value`]); when that
/// is wrong, the Partita IVA's field says so, and this gives
/// [`ErrorKind::Required`] for the caller to drop.
pub fn printed(
    field: &CompanyField,
    company: &CompanyDraft,
    province: &[impl AsRef<str>],
) -> Result<String, ErrorKind> {
    let raw = company.value(field.id);
    let blank = raw.trim().is_empty();
    Ok(match field.kind {
        Kind::Text => text(raw)?,
        Kind::OptionalText if blank => String::new(),
        Kind::OptionalText => text(raw)?,
        Kind::PartitaIva => PartitaIva::parse(raw)?.as_str().to_string(),
        Kind::CompanyCodiceFiscale if company.codice_fiscale.trim().is_empty() => {
            PartitaIva::parse(raw)
                .map_err(|_| ErrorKind::Required)?
                .as_str()
                .to_string()
        }
        Kind::CompanyCodiceFiscale => CompanyCodiceFiscale::parse(raw)?.as_str().to_string(),
        Kind::Cap => Cap::parse(raw)?.as_str().to_string(),
        Kind::Provincia => Provincia::parse(raw, province)?.as_str().to_string(),
        Kind::Email => Email::parse(raw)?.as_str().to_string(),
        Kind::Pec if blank => String::new(),
        Kind::Pec => Email::parse(raw)?.as_str().to_string(),
        Kind::Sdi => SdiCode::parse(raw)?
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        Kind::Phone => Phone::parse(raw)?.as_str().to_string(),
        Kind::CodiceFiscale => CodiceFiscale::parse(raw)?.as_str().to_string(),
    })
}

/// Free text: trimmed, required, not too long.
fn text(raw: &str) -> Result<String, ErrorKind> {
    let t = raw.trim();
    if t.is_empty() {
        Err(ErrorKind::Required)
    } else if t.chars().count() > MAX_TEXT_CHARS {
        Err(ErrorKind::TooLong)
    } else {
        Ok(t.to_string())
    }
}

/// The company's values from the table, or the errors of its fields
/// (and the PEC-or-SDI rule, on the PEC's field).
fn company(c: &mut Check, d: &CompanyDraft, province: &[&str]) -> Option<Company> {
    let mut values: [String; COMPANY.len()] = Default::default();
    let mut valid = true;
    for (field, slot) in COMPANY.iter().zip(values.iter_mut()) {
        match printed(field, d, province) {
            Ok(v) => *slot = v,
            // The blank codice fiscale of a wrong Partita IVA: the Partita
            // IVA's error says it.
            Err(ErrorKind::Required) if field.kind == Kind::CompanyCodiceFiscale => valid = false,
            Err(kind) => {
                c.push(FieldError {
                    field: field.id,
                    kind,
                });
                valid = false;
            }
        }
    }
    if d.pec.trim().is_empty() && matches!(SdiCode::parse(&d.sdi), Ok(None)) {
        c.push(FieldError {
            field: FieldId::Pec,
            kind: ErrorKind::PecOrSdiRequired,
        });
        valid = false;
    }
    valid.then_some(Company { values })
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
    /// Adds `e` after the errors of the fields before its own and of its
    /// own field: the list stays in the order of the fields, as a stable
    /// sort would leave it, and no sort's code is needed.
    fn push(&mut self, e: FieldError) {
        let at = self.errors.partition_point(|x| x.field <= e.field);
        self.errors.insert(at, e);
    }

    fn field<T, E>(
        &mut self,
        field: FieldId,
        r: Result<T, E>,
        kind: fn(E) -> ErrorKind,
    ) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(FieldError {
                    field,
                    kind: kind(e),
                });
                None
            }
        }
    }

    fn text(&mut self, field: FieldId, raw: &str) -> Option<String> {
        self.field(field, text(raw), |kind| kind)
    }

    fn signature(&mut self, field: FieldId, s: &SignatureDraft) -> Option<Signature> {
        let png = match s.method {
            SignatureMethod::Handwritten => return Some(Signature::Handwritten),
            SignatureMethod::Digital => return Some(Signature::Digital),
            SignatureMethod::Drawn => &s.drawn_png,
            SignatureMethod::Uploaded => &s.uploaded_png,
            SignatureMethod::Typed => {
                if s.typed.trim().is_empty() {
                    self.push(FieldError {
                        field,
                        kind: ErrorKind::SignatureMissing,
                    });
                    return None;
                }
                &s.typed_png
            }
        };
        if png.is_empty() {
            self.push(FieldError {
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
                self.push(FieldError {
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
    let company = company(&mut c, &draft.company, rules.province);

    let activations = c.field(
        F::Activations,
        Activations::parse(&draft.activations, rules.activations),
        ErrorKind::Activations,
    );
    let tier = if rules.tier_ids.contains(&draft.tier.as_str()) {
        Some(draft.tier.clone())
    } else {
        c.push(FieldError {
            field: F::Tier,
            kind: ErrorKind::UnknownTier,
        });
        None
    };

    let form_signing = c.signing(&draft.form_signing, FORM_SIGNING);

    let cond = &draft.conditions;
    if !cond.accepted {
        c.push(FieldError {
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
        c.push(FieldError {
            field: F::OnerousApproved,
            kind: ErrorKind::MustAccept,
        });
    }
    let onerous_signature = c.signature(F::OnerousSignature, &cond.onerous_signature);

    if !c.errors.is_empty() {
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
    Ok(ValidForm {
        company: company.ok_or_else(missing)?,
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
