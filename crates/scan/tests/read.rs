//! Scans made in the test (an A4 page with three QR codes, 2° askew, at
//! 200 dpi unless said otherwise) come back as the exact texts, from every
//! format and PDF filter a scanner writes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]

mod support;

use rinnovo_scan::{read, Limits, Page, PageProblem};
use support::*;

fn one_page(bytes: &[u8]) -> Page {
    let mut pages = read(bytes, &Limits::default()).unwrap();
    assert_eq!(pages.len(), 1);
    let page = pages.remove(0);
    assert_eq!(page.number, 1);
    assert_eq!(page.problem, None);
    page
}

fn image_dict(page: &Page2, filter: &str, extra: &str) -> String {
    format!(
        "/Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /{filter} {extra}",
        page.width, page.height
    )
}

type Page2 = support::Scan;

#[test]
fn a_jpeg_file_gives_all_three_codes() {
    assert_three_codes(&one_page(&jpeg(page_200(), 75)).codes);
}

#[test]
fn a_jpeg_at_quality_40_gives_all_three_codes() {
    assert_three_codes(&one_page(&jpeg(page_200(), 40)).codes);
}

#[test]
fn a_png_file_gives_all_three_codes() {
    assert_three_codes(&one_page(&png(page_200())).codes);
}

#[test]
fn codes_come_back_top_to_bottom() {
    let codes = one_page(&png(page_200())).codes;
    let [top, bottom_left, bottom_right] = three_codes();
    assert_eq!(codes[0], top);
    assert!(codes[1..].contains(&bottom_left) && codes[1..].contains(&bottom_right));
}

#[test]
fn a_pdf_with_a_dct_image_gives_all_three_codes() {
    let p = page_200();
    let pdf = pdf_with_image(&image_dict(p, "DCTDecode", ""), &jpeg(p, 60));
    assert_three_codes(&one_page(&pdf).codes);
}

#[test]
fn a_pdf_with_a_flate_image_and_png_predictor_gives_all_three_codes() {
    let p = page_200();
    // Up filter: each byte minus the byte above.
    let w = p.width as usize;
    let mut filtered = Vec::new();
    for (y, row) in p.pixels.chunks(w).enumerate() {
        filtered.push(2);
        for (x, v) in row.iter().enumerate() {
            let above = if y == 0 { 0 } else { p.pixels[(y - 1) * w + x] };
            filtered.push(v.wrapping_sub(above));
        }
    }
    let data = miniz_oxide::deflate::compress_to_vec_zlib(&filtered, 6);
    let parms = format!("/DecodeParms << /Predictor 12 /Columns {} >>", p.width);
    let pdf = pdf_with_image(&image_dict(p, "FlateDecode", &parms), &data);
    assert_three_codes(&one_page(&pdf).codes);
}

#[test]
fn a_pdf_with_a_one_bit_g4_image_gives_all_three_codes() {
    let p = page_200();
    let data = g4(p.width, &bilevel(p));
    let dict = format!(
        "/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 \
         /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} /Rows {h} >>",
        w = p.width,
        h = p.height
    );
    assert_three_codes(&one_page(&pdf_with_image(&dict, &data)).codes);
}

#[test]
fn a_pdf_with_a_g4_image_mask_and_black_is_1_gives_all_three_codes() {
    let p = page_200();
    let data = g4(p.width, &bilevel(p));
    // BlackIs1 flips the bits and /Decode [1 0] flips them back.
    let dict = format!(
        "/Width {w} /Height {h} /ImageMask true /Decode [1 0] \
         /Filter [/CCITTFaxDecode] /DecodeParms [<< /K -1 /Columns {w} /BlackIs1 true >>]",
        w = p.width,
        h = p.height
    );
    assert_three_codes(&one_page(&pdf_with_image(&dict, &data)).codes);
}

#[test]
fn a_pdf_with_a_jbig2_image_gives_all_three_codes() {
    let p = page_200();
    let data = jbig2(p.width, p.height, &bilevel(p));
    let dict = format!(
        "/Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode",
        p.width, p.height
    );
    assert_three_codes(&one_page(&pdf_with_image(&dict, &data)).codes);
}

#[test]
fn a_pdf_with_raw_one_bit_samples_gives_all_three_codes() {
    let p = page_200();
    let data = packed_white_is_1(p.width, &bilevel(p));
    let dict = format!(
        "/Width {} /Height {} /ColorSpace [/Indexed /DeviceRGB 1 <000000FFFFFF>] /BitsPerComponent 1",
        p.width, p.height
    );
    assert_three_codes(&one_page(&pdf_with_image(&dict, &data)).codes);
}

#[test]
fn a_multi_page_tiff_gives_each_page_its_codes() {
    let blank = Page2 {
        width: 100,
        height: 100,
        pixels: vec![255; 10_000],
    };
    let pages = read(&tiff(&[page_200(), &blank]), &Limits::default()).unwrap();
    assert_eq!(pages.len(), 2);
    assert_three_codes(&pages[0].codes);
    assert_eq!((pages[1].number, pages[1].codes.len()), (2, 0));
}

#[test]
fn a_pdf_of_two_pages_keeps_their_order_and_reports_the_one_without_image() {
    let p = page_200();
    let jpg = jpeg(p, 70);
    let mut pdf = pdf_with_images(&[(&image_dict(p, "DCTDecode", ""), &jpg)], None);
    // A second page that draws nothing: the page tree gets a second kid.
    // The JPEG is binary: rebuild around it rather than through the text.
    let at = pdf.windows(4).position(|w| w == b"xref").unwrap();
    pdf.truncate(at);
    pdf.extend(b"90 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n");
    pdf.extend(b"trailer << /Root 1 0 R >>\n%%EOF\n");
    let pos = pdf.windows(10).position(|w| w == b"/Kids [3 0").unwrap();
    let head = b"/Kids [3 0 R] /Count 1";
    assert_eq!(&pdf[pos..pos + head.len()], head);
    pdf.splice(
        pos..pos + head.len(),
        b"/Kids [3 0 R 90 0 R] /Count 2".iter().copied(),
    );
    let pages = read(&pdf, &Limits::default()).unwrap();
    assert_eq!(pages.len(), 2);
    assert_three_codes(&pages[0].codes);
    assert_eq!(pages[1].number, 2);
    assert_eq!(pages[1].problem, Some(PageProblem::NoImage));
}

#[test]
fn an_image_in_a_form_xobject_with_inherited_resources_is_found() {
    let p = page_200();
    let jpg = jpeg(p, 70);
    let dict = image_dict(p, "DCTDecode", "");
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    pdf.extend(b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /XObject << /Fm0 4 0 R >> >> >> endobj\n");
    pdf.extend(b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n");
    pdf.extend(b"4 0 obj << /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Length 0 >> stream\n\nendstream endobj\n");
    pdf.extend(
        format!(
            "5 0 obj << /Type /XObject /Subtype /Image {dict} /Length {} >> stream\n",
            jpg.len()
        )
        .as_bytes(),
    );
    pdf.extend(&jpg);
    pdf.extend(b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    assert_three_codes(&one_page(&pdf).codes);
}

#[test]
fn a_pdf_at_300_dpi_upside_down_gives_all_three_codes() {
    let p = render(&layout(&three_codes()), 300.0, 182.0);
    let pdf = pdf_with_image(&image_dict(&p, "DCTDecode", ""), &jpeg(&p, 60));
    assert_three_codes(&one_page(&pdf).codes);
}

#[test]
fn a_pdf_at_150_dpi_rotated_minus_2_degrees_gives_all_three_codes() {
    let p = render(&layout(&three_codes()), 150.0, -2.0);
    let pdf = pdf_with_image(&image_dict(&p, "DCTDecode", ""), &jpeg(&p, 60));
    assert_three_codes(&one_page(&pdf).codes);
}
