//! Shared by the PDF tests: a valid renewal with accented Italian text, a
//! drawn signature and a stamp, made from the embedded content.
#![allow(dead_code)]

use rinnovo_core::content::{Content, PdfTexts};
use rinnovo_core::domain::draft::{Draft, SignatureMethod, StoredDraft};
use rinnovo_core::domain::form::{validate, ValidForm};

pub fn content() -> Content {
    Content::embedded().expect("the embedded content parses")
}

/// CRC-32 (ISO 3309), as PNG chunks need.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// An 8-bit RGBA PNG (colour type 6), filter 0 on every row.
pub fn encode_rgba(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(rgba.len() + height as usize);
    for row in rgba.chunks(width as usize * 4) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut out = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
    let mut chunk = |kind: &[u8], body: &[u8]| {
        out.extend((body.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(body);
        out.extend_from_slice(&crc_input);
        out.extend(crc32(&crc_input).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
    );
    chunk(b"IEND", &[]);
    out
}

/// A drawn signature: a transparent canvas with a dark blue, anti-aliased
/// looping stroke, as the signature pad exports it.
pub fn signature_png(width: u32, height: u32) -> Vec<u8> {
    let mut rgba = vec![0u8; (width * height * 4) as usize];
    let (w, h) = (width as f32, height as f32);
    for x in 0..width {
        let t = x as f32 / w;
        let cy = h * (0.5 + 0.3 * (t * 18.0).sin() * (1.0 - t * 0.5));
        for dy in -6i32..=6 {
            let y = cy as i32 + dy;
            if y < 0 || y >= height as i32 {
                continue;
            }
            let alpha = (255.0 * (1.0 - (dy.abs() as f32 / 7.0))) as u8;
            let i = ((y as u32 * width + x) * 4) as usize;
            rgba[i..i + 4].copy_from_slice(&[10, 20, 90, alpha]);
        }
    }
    encode_rgba(width, height, &rgba)
}

/// A round red company stamp, half transparent.
pub fn stamp_png(size: u32) -> Vec<u8> {
    let mut rgba = vec![0u8; (size * size * 4) as usize];
    let c = size as f32 / 2.0;
    for y in 0..size {
        for x in 0..size {
            let d = ((x as f32 - c).powi(2) + (y as f32 - c).powi(2)).sqrt();
            let ring = (d > c * 0.8 && d < c * 0.95) || (d < c * 0.5 && (x + y) % 7 < 3);
            if ring {
                let i = ((y * size + x) * 4) as usize;
                rgba[i..i + 4].copy_from_slice(&[200, 20, 30, 200]);
            }
        }
    }
    encode_rgba(size, size, &rgba)
}

pub fn data_url(png: &[u8]) -> String {
    use base64::Engine;
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

/// A complete draft, with Italian accents, the euro sign and typographic
/// quotes in the free-text fields.
pub fn draft() -> Draft {
    let mut d = Draft::default();
    let c = &mut d.company;
    c.ragione_sociale = "Caffè Città S.r.l. – «Più» ’Qualità’ €".into();
    c.partita_iva = "01114601006".into();
    c.indirizzo = "Via Nicolò Tommaseo 7, località Perù".into();
    c.cap = "20121".into();
    c.comune = "Forlì".into();
    c.provincia = "MI".into();
    c.email = "ufficio@caffecitta.it".into();
    c.pec = "caffecitta@pec.it".into();
    c.sdi = "M5UXCR1".into();
    c.telefono = "+39 02 1234 5678".into();
    c.codice_cliente = "C-0042".into();
    c.rappr_nome = "Niccolò".into();
    c.rappr_cognome = "D’Amico Sàntoro".into();
    c.rappr_cf = "RSSMRA85T10A562S".into();
    d.activations = "12".into();
    d.tier = "sla1".into();
    let sig = data_url(&signature_png(1500, 500));
    let stamp = data_url(&stamp_png(300));
    let s = &mut d.form_signing;
    s.signer = "Niccolò D’Amico Sàntoro".into();
    s.place = "Forlì".into();
    s.date = "2026-01-25".into();
    s.signature.method = SignatureMethod::Drawn;
    s.signature.drawn_png = sig.clone();
    s.stamp.png = stamp;
    d.conditions.accepted = true;
    d.conditions.reuse_form_signing = true;
    d.conditions.onerous_approved = true;
    d.conditions.onerous_signature.method = SignatureMethod::Drawn;
    d.conditions.onerous_signature.drawn_png = sig;
    d
}

pub fn validate_draft(content: &Content, draft: &Draft) -> ValidForm {
    let texts = PdfTexts::new(content).unwrap();
    validate(draft, &texts.rules()).expect("the sample draft is valid")
}

/// What the PDFs take from `content`.
pub fn texts(content: &Content) -> PdfTexts<'_> {
    PdfTexts::new(content).unwrap()
}

pub fn stored(draft: &Draft) -> StoredDraft {
    StoredDraft::new("riepilogo", draft.clone())
}

/// What the PDFs take from the content, a valid form signed with `method`
/// and its stored draft's JSON.
pub fn form_with(
    method: SignatureMethod,
) -> (
    PdfTexts<'static>,
    ValidForm,
    rinnovo_documents::renewal::Attached,
) {
    let content = content();
    let mut d = draft();
    d.form_signing.signature.method = method;
    d.conditions.onerous_signature.method = method;
    let form = validate_draft(&content, &d);
    (
        rinnovo_documents::PDF_TEXTS.clone(),
        form,
        attached(&content, &d),
    )
}

/// `doc` made by `renewal::fill` from the built-in templates in the tests'
/// font, with the texts, form and attachment of [`form_with`].
pub fn fill(
    doc: rinnovo_core::jobs::Doc,
    (texts, form, attached): (&PdfTexts, &ValidForm, &rinnovo_documents::renewal::Attached),
    options: rinnovo_documents::renewal::Options,
) -> Result<Vec<u8>, acroform::PdfError> {
    let input = rinnovo_documents::renewal::Input {
        form,
        texts,
        attached,
    };
    let kit = rinnovo_documents::renewal::Kit::built_in(font());
    rinnovo_documents::renewal::fill(doc, &kit, &input, options)
}

/// What a filled PDF carries of `draft`: its stored JSON and its row.
#[allow(dead_code)]
pub fn attached(content: &Content, draft: &Draft) -> rinnovo_documents::renewal::Attached {
    rinnovo_documents::renewal::Attached::new(stored(draft).to_json(), draft, &content.province)
}

/// The documents' fonts, read once from `assets/fonts`.
#[allow(dead_code)]
pub fn fonts() -> rinnovo_documents::fonts::Fonts {
    static FONTS: std::sync::OnceLock<rinnovo_documents::fonts::Fonts> = std::sync::OnceLock::new();
    FONTS
        .get_or_init(|| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let dir = [root.join("assets/fonts"), root.join("../../assets/fonts")]
                .into_iter()
                .find(|d| d.is_dir())
                .expect("assets/fonts");
            let read = |f: &str| std::fs::read(dir.join(f)).expect("font file");
            rinnovo_documents::fonts::Fonts::parse(
                read("NotoSans-Regular.ttf"),
                read("NotoSans-Bold.ttf"),
            )
            .expect("fonts")
        })
        .clone()
}

/// The font the values are set in.
#[allow(dead_code)]
pub fn font() -> std::sync::Arc<rinnovo_documents::acroform_font::FontProgram> {
    fonts().regular
}
