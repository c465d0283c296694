//! The renewal's PDFs: the validated form put into the two templates (ours
//! or a vendor's with the same field names, see `docs/pdf-fields.md`), with
//! signature and stamp images, the draft JSON attached, metadata, and
//! flattening by default. Also the blank templates. (The names of the
//! downloaded files are in `rinnovo_core::jobs`, where the page finds them
//! too.)
//!
//! A signature is an image in its area ([`Signature::Image`]), left blank to
//! sign on paper ([`Signature::Handwritten`]), or left to a qualified digital
//! signature ([`Signature::Digital`]): then the empty `/Sig` field over the
//! area stays in the flattened copy. A stamp is an image or left blank.
//!
//! Every page also gets the QR codes of a paper return (`paper`): its own
//! code, and on each document's first page the back office's row, so a
//! printed, hand-signed and scanned copy still gives the office its data.

use crate::import::ATTACHMENT_NAME;
use crate::paper::{
    self,
    codes::{ContractId, Data, DocKind, PageCode, PAGE_DIGEST_BYTES},
};
use crate::template::{names as n, page_label};
use acroform::document::FormDocument;
use acroform::fields::{Field, FieldKind};
use acroform::metadata::Info;
use acroform::pagination::Pagination;
use acroform::truetype::FontProgram;
use acroform::PdfError;
use rinnovo_core::content::PdfTexts;
use rinnovo_core::domain::draft::Draft;
use rinnovo_core::domain::form::{Signature, Signing, Stamp, ValidForm};
use rinnovo_core::jobs::Doc;
use rinnovo_core::record::Row;
use sha2::{Digest, Sha256};
use std::ops::Range;
use std::sync::Arc;

/// The blank support and maintenance form, as checked in
/// (`assets/` + [`Doc::template`]).
pub const SUPPORT_FORM_TEMPLATE: &[u8] =
    include_bytes!("../../../assets/templates/modulo-assistenza.pdf");
/// The blank general conditions of supply, as checked in.
pub const CONDITIONS_TEMPLATE: &[u8] =
    include_bytes!("../../../assets/templates/condizioni-generali.pdf");

/// What filling needs besides the renewal: the two templates and the font
/// the values are set in. The web worker fetches them from the site (and
/// so, offline, from the service worker's cache) at [`Doc::template`] for
/// its first fill, rather than carrying them in its wasm; the command and
/// the tests use the checked-in copies ([`Kit::built_in`] needs only the
/// font).
#[derive(Debug, Clone)]
pub struct Kit {
    pub support_form: Arc<[u8]>,
    pub conditions: Arc<[u8]>,
    pub font: Arc<FontProgram>,
}

impl Kit {
    /// The templates built into this crate, with `font`.
    pub fn built_in(font: Arc<FontProgram>) -> Kit {
        Kit {
            support_form: Arc::from(SUPPORT_FORM_TEMPLATE),
            conditions: Arc::from(CONDITIONS_TEMPLATE),
            font,
        }
    }
}

/// What a filled PDF says: the validated form, the words the content gives
/// the PDF (title, page numbers, ...), and what it carries for the back
/// office.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a, 't> {
    pub form: &'a ValidForm,
    pub texts: &'a PdfTexts<'t>,
    pub attached: &'a Attached,
}

/// How the filled copy is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Values and images become page content and the fields go, but for the
    /// empty signature fields of a digital signature. The default.
    pub flatten: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { flatten: true }
    }
}

/// `doc` filled from `input` into `kit`'s templates, in its font: values,
/// signatures and stamps, the draft attached, metadata, page numbers and
/// the QR codes of a paper return; flattened unless `options` say not.
/// [`Doc::Both`] is the support form, then the conditions, in one PDF.
pub fn fill(doc: Doc, kit: &Kit, input: &Input, options: Options) -> Result<Vec<u8>, PdfError> {
    let (form, font) = (input.form, &kit.font);
    let (mut pdf, support_pages) = match doc {
        Doc::SupportForm => (support_form(&kit.support_form, form, font, options)?, 0),
        Doc::Conditions => (conditions(&kit.conditions, form, font, options)?, 0),
        Doc::Both => {
            let mut pdf = support_form(&kit.support_form, form, font, options)?;
            let support_pages = acroform::fields::pages(pdf.document()).len();
            pdf.append(conditions(&kit.conditions, form, font, options)?)?;
            (pdf, support_pages)
        }
    };
    finish(&mut pdf, input, doc, support_pages)?;
    pdf.to_bytes()
}

/// The documents in a PDF of `doc` of `pages` pages, each with the range of
/// its pages (from 0); `support_pages` is the support form's share of
/// [`Doc::Both`].
fn documents(doc: Doc, support_pages: usize, pages: usize) -> Vec<(DocKind, Range<usize>)> {
    match doc {
        Doc::SupportForm => vec![(DocKind::SupportForm, 0..pages)],
        Doc::Conditions => vec![(DocKind::Conditions, 0..pages)],
        Doc::Both => vec![
            (DocKind::SupportForm, 0..support_pages.min(pages)),
            (DocKind::Conditions, support_pages.min(pages)..pages),
        ],
    }
}

/// What a filled PDF carries for the back office: the draft, attached as
/// JSON (which the app reopens and `rinnovo-pdf extract` reads), and the
/// row of it that the QR codes print on the first page of each document,
/// for a return on paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    /// The stored draft's JSON, as attached.
    pub json: String,
    /// The back office's row of the same draft.
    pub row: Row,
}

impl Attached {
    /// The draft's `json` and its row; `province` is the content's list of
    /// provincia siglas.
    pub fn new(json: String, draft: &Draft, province: &[impl AsRef<str>]) -> Attached {
        Attached {
            json,
            row: Row::from_draft(draft, province),
        }
    }
}

fn support_form(
    template: &[u8],
    form: &ValidForm,
    font: &Arc<FontProgram>,
    options: Options,
) -> Result<FormDocument, PdfError> {
    let mut doc = FormDocument::load(template)?;
    doc.set_text_font(font.clone());
    for (field, value) in form.company.fields() {
        doc.set_text(field.pdf, value)?;
    }
    doc.set_text(n::ATTIVAZIONI, &form.activations.to_string())?;
    doc.set_radio(n::ASSISTENZA, &form.tier)?;
    let s = &form.form_signing;
    sign(
        &mut doc,
        s,
        [
            n::FIRMA_LUOGO,
            n::FIRMA_DATA,
            n::FIRMA_FIRMATARIO,
            n::FIRMA_TIMBRO,
        ],
    )?;
    signature(&mut doc, &s.signature, n::FIRMA_FIRMA)?;
    if options.flatten {
        let keep = digital(&s.signature).then_some(n::FIRMA_DIGITALE);
        doc.flatten(|f| keeps(f, &[keep]));
    }
    Ok(doc)
}

fn conditions(
    template: &[u8],
    form: &ValidForm,
    font: &Arc<FontProgram>,
    options: Options,
) -> Result<FormDocument, PdfError> {
    let mut doc = FormDocument::load(template)?;
    doc.set_text_font(font.clone());
    doc.set_text(n::COND_RAGIONE_SOCIALE, form.company.ragione_sociale())?;
    doc.set_text(n::COND_PARTITA_IVA, form.company.partita_iva())?;
    // A valid form has accepted both; the boxes record it on paper.
    doc.set_checkbox(n::COND_ACCETTO, true)?;
    doc.set_checkbox(n::CLAUSOLE_APPROVO, true)?;
    let s = &form.conditions_signing;
    sign(
        &mut doc,
        s,
        [
            n::COND_LUOGO,
            n::COND_DATA,
            n::COND_FIRMATARIO,
            n::COND_TIMBRO,
        ],
    )?;
    signature(&mut doc, &s.signature, n::COND_FIRMA)?;
    signature(&mut doc, &form.onerous_signature, n::CLAUSOLE_FIRMA)?;
    if options.flatten {
        let a = digital(&s.signature).then_some(n::COND_FIRMA_DIGITALE);
        let b = digital(&form.onerous_signature).then_some(n::CLAUSOLE_FIRMA_DIGITALE);
        doc.flatten(|f| keeps(f, &[a, b]));
    }
    Ok(doc)
}

/// Place, date, signer and stamp.
fn sign(
    doc: &mut FormDocument,
    s: &Signing,
    [place, date, signer, stamp]: [&str; 4],
) -> Result<(), PdfError> {
    doc.set_text(place, &s.place)?;
    doc.set_text(date, &s.date.italian())?;
    doc.set_text(signer, &s.signer)?;
    if let Stamp::Image(png) = &s.stamp {
        doc.set_image(stamp, png.bytes())?;
    }
    Ok(())
}

fn signature(doc: &mut FormDocument, s: &Signature, area: &str) -> Result<(), PdfError> {
    if let Signature::Image(png) = s {
        doc.set_image(area, png.bytes())?;
    }
    Ok(())
}

fn digital(s: &Signature) -> bool {
    matches!(s, Signature::Digital)
}

fn keeps(f: &Field, names: &[Option<&str>]) -> bool {
    f.kind == FieldKind::Signature && names.iter().flatten().any(|n| *n == f.name)
}

fn finish(
    doc: &mut FormDocument,
    input: &Input,
    kind: Doc,
    support_pages: usize,
) -> Result<(), PdfError> {
    let Input {
        form,
        texts,
        attached,
    } = *input;
    let date = crate::pdf_date(match kind {
        Doc::Conditions => form.conditions_signing.date,
        Doc::SupportForm | Doc::Both => form.form_signing.date,
    });
    let title = match kind {
        Doc::SupportForm => texts.form_title.to_string(),
        Doc::Conditions => texts.conditions_title.to_string(),
        Doc::Both => format!("{} — {}", texts.form_title, texts.conditions_title),
    };
    let subject = match kind {
        Doc::Conditions => &texts.conditions_subject,
        Doc::SupportForm | Doc::Both => &texts.form_subject,
    };
    doc.set_info(&Info {
        title,
        author: form.company.ragione_sociale().to_string(),
        subject: subject.to_string(),
        creator: texts.creator.to_string(),
        producer: texts.producer.to_string(),
        date,
        language: crate::LANGUAGE.to_string(),
        pdfa: Some(crate::PDFA),
    });
    // The templates carry the output intent and its sRGB profile
    // (`template::`); the filled copy keeps theirs, so the worker needs no
    // profile of its own.
    doc.require_output_intent()?;
    // The pages are numbered within this PDF, the two documents in one
    // included: the templates' "Pagina i di n" is painted again here.
    doc.repaint_pagination(Pagination::Footer, &page_label::STYLE, |i, m| {
        texts.page(i, m)
    })?;
    paper_codes(doc, attached, kind, support_pages)?;
    doc.attach(&acroform::attachment::Attachment {
        file_name: ATTACHMENT_NAME,
        description: "Dati del modulo (JSON)",
        mime: "application/json",
        bytes: attached.json.as_bytes(),
        date,
    });
    Ok(())
}

/// Paints the QR codes of a paper return (`paper`): on every page the
/// page's code, where the template has its identity code; on the first
/// page of each document also the row, in its data codes.
fn paper_codes(
    doc: &mut FormDocument,
    attached: &Attached,
    kind: Doc,
    support_pages: usize,
) -> Result<(), PdfError> {
    let dati_sha256: [u8; 32] = Sha256::digest(attached.json.as_bytes()).into();
    let contract = ContractId::of(&dati_sha256);
    let digests: Vec<[u8; PAGE_DIGEST_BYTES]> = doc
        .page_drawings()
        .iter()
        .map(|d| {
            let mut digest = [0; PAGE_DIGEST_BYTES];
            digest.copy_from_slice(
                Sha256::digest(d)
                    .get(..PAGE_DIGEST_BYTES)
                    .unwrap_or(&[0; PAGE_DIGEST_BYTES]),
            );
            digest
        })
        .collect();
    // Each page's content: its code, and on a document's first page the
    // data codes.
    let mut marks: Vec<Vec<u8>> = vec![Vec::new(); digests.len()];
    for (doc_kind, range) in documents(kind, support_pages, digests.len()) {
        let page_digests = digests.get(range.clone()).unwrap_or_default().to_vec();
        let count = u8::try_from(range.len()).map_err(|_| PdfError::Write)?;
        for (n, i) in range.clone().enumerate() {
            let code = PageCode {
                contract,
                doc: doc_kind,
                page: u8::try_from(n + 1).map_err(|_| PdfError::Write)?,
                count,
                digest: digests.get(i).copied().unwrap_or_default(),
            };
            let mut body = paper::page_code(&code.text()).map_err(|_| PdfError::Write)?;
            if n == 0 {
                let data = Data {
                    dati_sha256,
                    doc: doc_kind,
                    page_digests: page_digests.clone(),
                    row: attached.row.clone(),
                };
                let parts = paper::data_parts(&data);
                body.extend(paper::data_codes(&parts).map_err(|_| PdfError::Write)?);
            }
            if let Some(m) = marks.get_mut(i) {
                *m = body;
            }
        }
    }
    doc.mark_pages(Pagination::Bates, |page, _| {
        Ok::<_, PdfError>(marks.get(page - 1).cloned().unwrap_or_default())
    })?;
    Ok(())
}
